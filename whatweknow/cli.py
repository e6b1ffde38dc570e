"""The command line: a thin layer over build, store and export."""
from __future__ import annotations

import functools
import json
import re
import signal
import sqlite3
import sys
import threading
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)
from rich.table import Table
from rich.text import Text

from . import export as exporting
from .build import TIME_BUDGET, reconciled_works, work_key
from .build import build as run_build
from .errors import InputError, WhatweknowError
from .fetch import Limits, Web
from .ingest import DEFAULT_MAX_BYTES, iter_paths
from .records import Fact, Work
from .store import SQLStore, is_url, open_store

app = typer.Typer(help="What do we actually know about an upcoming release, how sure is it, and since when?",
                  no_args_is_help=True, add_completion=False)
out = Console()
err = Console(stderr=True, soft_wrap=True)  # one error, one line, however long
DB = typer.Option("whatweknow.db", "--db", help="The store: a SQLite file, or postgresql://user@host:port/db.")

# C0 and C1 control characters (tab and newline aside): article text must not drive the terminal
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_C1 = re.compile(r"[\x7f-\x9f]")


def plain(text: object) -> str:
    """Text from articles and file names, safe to print: control characters shown as escapes."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", str(text))


def _e(text: object) -> str:
    """...and never read as Rich markup."""
    return escape(plain(text))


def _fail(message: str) -> typer.Exit:
    err.print(f"[red]error:[/] {_e(message)}", highlight=False)
    return typer.Exit(2)


def _store_advice(db: str, exc: sqlite3.Error) -> str:
    """What to do about a store failure: re-running helps only when another build held the lock."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return f"{db}: {text}; documents stored so far are kept, run the build again"
    if "readonly" in text or "read-only" in text:
        return f"{db}: {text}; the store cannot be written here: make the file and its folder writable, or use another --db"
    return (f"{db}: {text}; the store file is damaged: build the articles again into a new store "
            f"(--db NEW.db), or restore a copy of the file")


def _one_line_errors(command):
    """Every failure a user can act on ends a command with one line on stderr and exit status 2."""
    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except WhatweknowError as exc:
            raise _fail(str(exc)) from None
        except sqlite3.Error as exc:
            raise _fail(_store_advice(kwargs.get("db", "store"), exc)) from None
    return run


def _open(db: str, must_exist: bool = False) -> SQLStore:
    """The store (a SQLite file or a PostgreSQL URL); read commands (must_exist) open it read-only."""
    if must_exist and not is_url(db) and db not in ("", ":memory:") and not Path(db).exists():
        raise InputError(f"{db}: no such store; run 'whatweknow build PATH --db {db}' first")
    return open_store(db, read_only=must_exist)


def _as_of(value: str | None) -> str | None:
    """--as-of as a calendar date (YYYY-MM-DD) between 1900 and 2100."""
    if value is None:
        return None
    try:
        day = date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
    except ValueError:
        day = None
    if day is None or not 1900 <= day.year <= 2100:
        raise InputError(f"--as-of {value!r}: not a date; give one as YYYY-MM-DD, e.g. 2025-06-18")
    return value


@contextmanager
def _sigterm_unwinds():
    """SIGTERM ends a build like Ctrl-C does: the open transaction rolls back and the worker
    pool shuts down, instead of the process vanishing with its workers left running."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(*_) -> None:
        raise SystemExit(143)

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@app.command()
@_one_line_errors
def build(paths: Optional[list[str]] = typer.Argument(None, help="Files or folders (.txt .md .html .jsonl), http(s) URLs, or - for stdin."),
          db: str = DB,
          max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Reject larger files."),
          as_of: Optional[str] = typer.Option(None, "--as-of", help="Judge time as of this date (default: newest source)."),
          aliases: Optional[str] = typer.Option(None, "--aliases", help="YAML file with 'same:' and 'different:' name lists."),
          jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Processes for the per-document stages."),
          time_budget: float = typer.Option(TIME_BUDGET, "--time-budget", min=0,
                                            help="Seconds one document may take before it is rejected (0: no limit)."),
          quiet: bool = typer.Option(False, "--quiet", "-q", help="Only the summary line."),
          urls: Optional[str] = typer.Option(None, "--urls", help="File with one URL per line (# starts a comment)."),
          allow_private: bool = typer.Option(False, "--allow-private", help="Also fetch private, loopback and link-local addresses.")) -> None:
    """Ingest, clean, extract and reconcile articles into the store."""
    as_of = _as_of(as_of)
    paths = list(paths or []) + _url_list(urls)
    if not paths:
        raise InputError("nothing to build: give files, folders or URLs, or --urls FILE")
    with _sigterm_unwinds(), _open(db) as store:
        total = sum(1 for p, _ in iter_paths(paths) if str(p) != "-")  # a missing path is an input too
        # on a terminal only: in a pipe or a log the bar's redraws would be noise
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
                      _Rate(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                      console=err, transient=True, disable=quiet or not err.is_terminal) as progress:
            task = progress.add_task("building", total=total or None, documents=0)
            seen: set[str] = set()

            def tick(doc) -> None:
                key = doc.source.split(":")[0]
                progress.update(task, documents=progress.tasks[0].fields["documents"] + 1,
                                advance=0 if key in seen else 1)
                seen.add(key)
            summary = run_build(paths, store, max_bytes, as_of, aliases, on_document=tick, jobs=jobs,
                                time_budget=time_budget,
                                web=Web(store, Limits(max_bytes=max_bytes, allow_private=allow_private)))
    if not quiet:
        for line in summary.problems:
            err.print(f"[yellow]{_e(line)}[/]", highlight=False, soft_wrap=True)  # one line each
    if summary.counts["ok"] + summary.counts["unchanged_ok"] == 0:  # no input gave a usable article
        out.print(f"nothing built: {summary.line()}", highlight=False)
        raise typer.Exit(1)
    out.print(summary.line(), highlight=False, soft_wrap=True)


class _Rate(ProgressColumn):
    """Documents done so far and per second (the bar counts input files: a JSONL file holds many)."""

    def render(self, task) -> Text:
        n, elapsed = task.fields.get("documents", 0), task.elapsed or 0
        return Text(f"{n} documents" + (f", {n / elapsed:.1f}/s" if n and elapsed else ""))


@app.command()
@_one_line_errors
def show(title: Optional[str] = typer.Argument(None, help="Which work (default: the one with most facts)."),
         season: Optional[int] = typer.Option(None, "--season", help="Which season."),
         db: str = DB,
         as_of: Optional[str] = typer.Option(None, "--as-of", help="Re-judge the sheet as of this date (YYYY-MM-DD)."),
         why: bool = typer.Option(False, "--why", help="Every fact's evidence quotes, each with the rule that read it.")
         ) -> None:
    """The fact sheet: the release answer first, then status, cast, crew and source material."""
    as_of = _as_of(as_of)
    with _open(db, must_exist=True) as store, store.snapshot():  # one consistent state while a build writes
        if as_of:  # judged again in memory: a read never changes the stored sheet
            judged = list(reconciled_works(store, as_of))
            all_works = [w for w, _ in sorted(judged, key=lambda p: (-len(p[0].facts), p[0].title))]
            per_work = {}
        else:
            all_works, as_of = store.works(), store.as_of()
            per_work = json.loads(store.meta("as_of_by_work") or "{}")
    works = _pick(all_works, title, season)
    for work in works:
        _show_work(work, per_work.get(work_key(work)) or as_of)
        if why:
            _show_why(work)


def _pick(works: list[Work], title: str | None, season: int | None) -> list[Work]:
    from .titles import norm, same_work

    chosen = [w for w in works if (title is None or any(same_work(title, t) or norm(title) in norm(t)
                                                        for t in [w.title, *w.aliases]))
              and (season is None or w.season == season)]
    if not chosen:
        err.print(f"[red]error:[/] no work matches {_e(title or '')} {('season ' + str(season)) if season else ''}".rstrip())
        raise typer.Exit(1)
    return chosen[:1] if title is None and season is None else chosen


_COLOR = {"official": "green", "reported": "cyan", "rumor": "yellow", "speculation": "magenta", "denied": "red"}


def _show_work(work: Work, as_of: str | None) -> None:
    season = f" — season {work.season}" if work.season else ""
    out.rule(f"[bold]{_e(work.title)}{season}[/]  (as of {as_of or 'unknown'})")
    if work.aliases:
        out.print(f"also written: {_e(', '.join(work.aliases))}", highlight=False)
    releases = [f for f in work.facts if f.slot == "release"]
    current = [f for f in releases if f.status in ("current", "disputed")]
    if current:
        for release in current:
            ev = release.evidence[0]
            out.print(f"[bold]Release:[/] {release.fields['value']}  {release.status}, "
                      f"[{_COLOR[release.certainty]}]{release.certainty}[/], {release.sources} source(s), "
                      f"since {ev.published or 'an undated source'} ({_e(ev.doc)})", highlight=False)
        newest = current[0]
        earlier = sorted((f for f in releases if f.status == "superseded"),
                         key=lambda f: max(e.published or "" for e in f.evidence), reverse=True)
        notes = []
        if earlier:
            notes.append(f"moved from {earlier[0].fields['value']} ({earlier[0].certainty})")
        if len(str(newest.fields["value"])) < 10:
            notes.append(f"no exact date as of {as_of or 'the newest source'}")
        if notes:
            out.print("  " + "; ".join(notes), highlight=False)
        if len(earlier) > 1:
            out.print("  history: " + "; ".join(f"{f.fields['value']} ({f.certainty})" for f in earlier[1:]),
                      highlight=False)
        _warn_passed(newest, as_of)
    else:
        out.print("[bold]Release:[/] no current answer"
                  + (f" (every window named has passed as of {as_of})" if releases else ""), highlight=False)
    table = Table(show_header=True, header_style="bold", expand=False)
    for col in ("slot", "what", "status", "certainty", "sources", "newest evidence"):
        table.add_column(col)
    for f in work.facts:
        if f.slot == "release":
            continue
        ev = f.evidence[0]
        table.add_row(f.slot, _e(exporting.describe(f)), f.status, f"[{_COLOR[f.certainty]}]{f.certainty}[/]",
                      str(f.sources), _e(f"{ev.doc} {ev.published or ''}"))
    out.print(table)


def _show_why(work: Work) -> None:
    """Receipts: each fact, then its quotes with the source, date and the rule that read each."""
    out.print("[bold]Why:[/]", highlight=False)
    for f in work.facts:
        out.print(f"[bold]{f.slot}[/] {_e(exporting.describe(f))} — {f.status}, {f.certainty}", highlight=False)
        for ev in f.evidence:
            out.print(f"  [dim]{_e(ev.rule or 'unnamed rule')}[/]  {_e(ev.doc)} {ev.published or 'undated'}: "
                      f"“{_e(ev.quote)}”", highlight=False, soft_wrap=True)


def _warn_passed(release: Fact, as_of: str | None) -> None:
    value = str(release.fields["value"])
    end = value.split("/")[-1]
    end = {4: end + "-12-31", 7: end + "-31"}.get(len(end), end)
    if end < date.today().isoformat():
        err.print(f"[yellow]warning:[/] {value} has passed; newest source {as_of}")


@app.command("export")
@_one_line_errors
def export_cmd(format: str = typer.Option("json", "--format", "-f", help="json or markdown."),
               output: Optional[Path] = typer.Option(None, "-o", "--output", help="File to write (default: stdout)."),
               db: str = DB,
               with_text: bool = typer.Option(False, "--with-text", help="Include each document's stored text.")) -> None:
    """Write the sheet as JSON (the factsheet contract) or Markdown."""
    if format not in ("json", "markdown", "md"):
        err.print(f"[red]error:[/] unknown format {format!r}; use json or markdown")
        raise typer.Exit(2)
    with _open(db, must_exist=True) as store, store.snapshot():
        data = exporting.sheet(store, with_text)
    if format == "json":  # json escapes C0 controls itself; C1 ones (CSI is \x9b) are escaped here too
        text = _C1.sub(lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(data, ensure_ascii=False, indent=1)) + "\n"
    else:
        text = plain(exporting.markdown(data))
    if output:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{output}: cannot write the export ({exc.strerror or exc})") from None
    else:
        sys.stdout.write(text)


@app.command()
@_one_line_errors
def sources(db: str = DB) -> None:
    """Every document with its date (or inferred range), status and reason."""
    with _open(db, must_exist=True) as store, store.snapshot():
        docs = store.documents(placed=True)
    table = Table(show_header=True, header_style="bold")
    for col in ("id", "date", "status", "reason", "source"):
        table.add_column(col, overflow="fold")
    for d in docs:
        when = d.published or ("~" + " … ".join(d.published_range) if d.published_range else "")
        color = {"ok": "green", "skipped": "yellow", "rejected": "red"}[d.status]
        table.add_row(_e(d.id), _e(when), f"[{color}]{d.status}[/]", _e(d.reason or ""), _e(d.source))
    out.print(table)


@app.command()
@_one_line_errors
def timeline(title: Optional[str] = typer.Argument(None, help="Which work."),
             season: Optional[int] = typer.Option(None, "--season"),
             db: str = DB) -> None:
    """How the release answer moved, source by source."""
    with _open(db, must_exist=True) as store, store.snapshot():
        all_works = store.works()
        dates = {d.id: d.published or (f"undated (~{d.published_range[0][:7]}…{d.published_range[1][:7]})"
                                       if d.published_range else "undated") for d in store.documents(placed=True)}
    works = _pick(all_works, title, season)
    for work in works:
        out.rule(f"[bold]{_e(work.title)}[/] release timeline")
        table = Table(show_header=True, header_style="bold")
        for col in ("date", "value", "certainty", "source", "said"):
            table.add_column(col, overflow="fold")
        for row in work.timeline:
            value = row["value"] + (" (later changed)" if row.get("superseded_in_text") else "")
            table.add_row(_e(dates.get(row["doc"], row["date"] or "undated")), _e(value),
                          f"[{_COLOR[row['certainty']]}]{row['certainty']}[/]",
                          _e(row["doc"]), _e(row["quote"][:160]))
        out.print(table)


# following the news (issue 11) -------------------------------------------

def _url_list(path: str | None) -> list[str]:
    if path is None:
        return []
    from .fetch import read_url_list

    try:
        return read_url_list(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the URL list ({getattr(exc, 'strerror', None) or exc})") from None


@app.command()
@_one_line_errors
def follow(url: Optional[str] = typer.Argument(None, help="The feed's address (RSS 2.0 or Atom); none: list the feeds followed."),
           title: Optional[str] = typer.Option(None, "--title", help="A name for the feed."),
           db: str = DB) -> None:
    """Remember a feed; 'whatweknow update' reads every feed followed."""
    from .feeds import check_feed_url
    from .fetch import now

    if url is None:
        with _open(db, must_exist=True) as store:
            feeds = store.feeds()
        for feed_url, feed_title, _etag, _modified, checked in feeds:
            out.print(f"{_e(feed_url)}  {_e(feed_title or '')}  (last read: {checked or 'never'})", highlight=False,
                      soft_wrap=True)
        if not feeds:
            out.print("no feeds followed; add one with 'whatweknow follow FEED_URL'", highlight=False)
        return
    reason = check_feed_url(url)
    if reason:
        err.print(f"[red]error:[/] {_e(url)}: {reason}", highlight=False)
        raise typer.Exit(2)
    with _open(db) as store:
        new = store.follow(url, title, now())
        count = len(store.feeds())
    out.print(f"{'following' if new else 'already following'} {_e(url)} ({count} feed(s) followed); "
              "run 'whatweknow update' to read them", highlight=False, soft_wrap=True)


CHANGES_SHOWN = 40


@app.command()
@_one_line_errors
def update(db: str = DB,
           max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Reject larger feeds and pages."),
           as_of: Optional[str] = typer.Option(None, "--as-of", help="Judge time as of this date (default: newest source)."),
           aliases: Optional[str] = typer.Option(None, "--aliases", help="YAML file with 'same:' and 'different:' name lists."),
           allow_private: bool = typer.Option(False, "--allow-private", help="Also fetch private, loopback and link-local addresses.")) -> None:
    """Read every followed feed, ingest the new and changed articles, and print what changed."""
    from .feeds import update as run_update

    with _open(db) as store:
        if not store.feeds():
            err.print("[red]error:[/] no feeds followed; add one with 'whatweknow follow FEED_URL'")
            raise typer.Exit(1)
        report = run_update(store, Limits(max_bytes=max_bytes, allow_private=allow_private), aliases, _as_of(as_of))
    for line in report.feeds:
        out.print(_e(line), highlight=False, soft_wrap=True)
    for line in report.summary.problems if report.summary else []:
        err.print(f"[yellow]{_e(line)}[/]", highlight=False, soft_wrap=True)
    for line in report.documents:
        out.print(_e(line), highlight=False, soft_wrap=True)
    if report.changes:
        out.print("changes to the sheet:", highlight=False)
        for line in report.changes[:CHANGES_SHOWN]:
            out.print("  " + _e(line), highlight=False, soft_wrap=True)
        if len(report.changes) > CHANGES_SHOWN:
            out.print(f"  … and {len(report.changes) - CHANGES_SHOWN} more; 'whatweknow show' has the whole sheet",
                      highlight=False)
    if not report.documents and not report.changes:
        out.print("nothing new since the last update", highlight=False)
    if report.summary:
        out.print(report.summary.line(), highlight=False, soft_wrap=True)
    if report.feeds_read == 0:
        raise typer.Exit(1)


@app.command()
@_one_line_errors
def serve(db: str = DB,
          host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
          port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on (0: any free one).")) -> None:
    """The fact sheet as web pages and a JSON API (read-only; no scripts, works offline)."""
    import socket

    import uvicorn

    from .web.app import create_app

    _open(db, must_exist=True).close()
    try:  # a clear line now rather than a server traceback when the port is taken
        sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)  # connections queue from now on, so the address printed below already answers
    except OSError as exc:
        err.print(f"[red]error:[/] cannot listen on {_e(host)}:{port} ({_e(exc.strerror or str(exc))})", highlight=False)
        raise typer.Exit(2) from None
    shown = f"[{host}]" if ":" in host else host
    out.print(f"whatweknow: serving {_e(db)} at http://{shown}:{sock.getsockname()[1]}/  (Ctrl+C to stop)",
              highlight=False, soft_wrap=True)
    sys.stdout.flush()  # the address must reach a pipe (a test, a supervisor) before the server blocks
    config = uvicorn.Config(create_app(db), log_level="warning")
    uvicorn.Server(config).run(sockets=[sock])


@app.command()
@_one_line_errors
def changes(title: Optional[str] = typer.Argument(None, help="Which work (default: the one with most facts)."),
            since: str = typer.Option(..., "--since", help="A date, YYYY-MM-DD."),
            season: Optional[int] = typer.Option(None, "--season", help="Which season."),
            db: str = DB) -> None:
    """What appeared, moved or was superseded after a date."""
    from .changes import changes as changed_since

    if not _real_date(since):
        err.print(f"[red]error:[/] --since {_e(since)!r}: not a date; use YYYY-MM-DD", highlight=False)
        raise typer.Exit(2)
    with _open(db, must_exist=True) as store, store.snapshot():
        all_works = store.works()
    for work in _pick(all_works, title, season):
        season_words = f" — season {work.season}" if work.season else ""
        out.rule(f"[bold]{_e(work.title)}{season_words}[/]: what changed since {since}")
        found = changed_since(work, since, exporting.describe)
        if not found:
            out.print("nothing new, moved or superseded after that date", highlight=False)
            continue
        table = Table(show_header=True, header_style="bold")
        for col in ("date", "change", "what", "now", "source"):
            table.add_column(col, overflow="fold")
        for c in found:
            f = work.facts[c.fact]
            table.add_row(c.date or "", c.kind, _e(c.note), f"{f.status}, [{_COLOR[f.certainty]}]{f.certainty}[/]",
                          _e(c.doc or ""))
        out.print(table)


def _real_date(value: str) -> bool:
    """YYYY-MM-DD (or YYYY-MM, YYYY) naming a real day."""
    import re

    if not re.fullmatch(r"\d{4}(-\d{2}){0,2}", value):
        return False
    try:
        date.fromisoformat((value + "-01-01")[:10])
        return True
    except ValueError:
        return False


def main() -> None:  # pragma: no cover
    app()


@app.command("spark-build")
def spark_build_cmd(paths: list[str] = typer.Argument(..., help="Files or folders Spark can read (.txt .md .html .jsonl "
                                                                ".warc .warc.gz .jsonl.gz), local or e.g. hdfs:// s3a://."),
                    out_dir: str = typer.Option(..., "--out", help="Folder for the Parquet tables."),
                    db: Optional[str] = typer.Option(None, "--db", help="Also load the result into this store."),
                    master: Optional[str] = typer.Option(None, "--master", help="Spark master, e.g. local[2] or "
                                                         "spark://host:7077 (default: spark-submit's, else local[*])."),
                    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Reject larger files or pages."),
                    as_of: Optional[str] = typer.Option(None, "--as-of", help="Judge time as of this date."),
                    aliases: Optional[str] = typer.Option(None, "--aliases", help="YAML file with 'same:' and 'different:'."),
                    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only the summary line.")) -> None:
    """The build on Spark, for archives: Parquet tables under --out (and the store with --db)."""
    from .spark import spark_build

    code = spark_build(paths, out_dir, db, master, max_bytes, as_of, aliases, quiet)
    if code:
        raise typer.Exit(code)
