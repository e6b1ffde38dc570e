"""The command line: a thin layer over build, store and export."""
from __future__ import annotations

import json
import sqlite3
import sys
from datetime import date
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape as _e  # text from articles and file names is never markup
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import export as exporting
from .build import build as run_build
from .build import refresh_sheet
from .ingest import DEFAULT_MAX_BYTES, iter_paths
from .records import Fact, Work
from .store import Store, StoreError

app = typer.Typer(help="What do we actually know about an upcoming release, how sure is it, and since when?",
                  no_args_is_help=True, add_completion=False)
out = Console()
err = Console(stderr=True, soft_wrap=True)  # one error, one line, however long
DB = typer.Option("whatweknow.db", "--db", help="The SQLite store.")


def _open(db: str, must_exist: bool = False) -> Store:
    if must_exist and not Path(db).exists():
        err.print(f"[red]error:[/] {_e(db)}: no such store; run 'whatweknow build PATH --db {_e(db)}' first")
        raise typer.Exit(2)
    try:
        return Store(db)
    except StoreError as exc:
        err.print(f"[red]error:[/] {_e(str(exc))}")
        raise typer.Exit(2)


@app.command()
def build(paths: list[str] = typer.Argument(..., help="Files or folders (.txt .md .html .jsonl), or - for stdin."),
          db: str = DB,
          max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Reject larger files."),
          as_of: Optional[str] = typer.Option(None, "--as-of", help="Judge time as of this date (default: newest source)."),
          aliases: Optional[str] = typer.Option(None, "--aliases", help="YAML file with 'same:' and 'different:' name lists."),
          jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Processes for the per-document stages."),
          quiet: bool = typer.Option(False, "--quiet", "-q", help="Only the summary line.")) -> None:
    """Ingest, clean, extract and reconcile articles into the store."""
    with _open(db) as store:
        total = sum(1 for p, e in iter_paths(paths) if p is not None and str(p) != "-")
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err, transient=True, disable=quiet or total < 20) as progress:
            task = progress.add_task("building", total=total or None)
            seen: set[str] = set()

            def tick(doc) -> None:
                key = doc.source.split(":")[0]
                if key not in seen:
                    seen.add(key)
                    progress.advance(task)
            try:
                summary = run_build(paths, store, max_bytes, as_of, aliases, on_document=tick, jobs=jobs)
            except ValueError as exc:  # a malformed alias file
                err.print(f"[red]error:[/] {_e(str(exc))}")
                raise typer.Exit(2)
            except sqlite3.Error as exc:  # e.g. another build held the store past the busy timeout
                err.print(f"[red]error:[/] {_e(db)}: {_e(str(exc))}; documents stored so far are kept, run the build again",
                          highlight=False)
                raise typer.Exit(2)
    if not quiet:
        for line in summary.problems:
            err.print(f"[yellow]{_e(line)}[/]", highlight=False, soft_wrap=True)  # one line each
    if summary.counts["ok"] + summary.counts["unchanged_ok"] == 0:  # no input gave a usable article
        out.print(f"nothing built: {summary.line()}", highlight=False)
        raise typer.Exit(1)
    out.print(summary.line(), highlight=False, soft_wrap=True)


@app.command()
def show(title: Optional[str] = typer.Argument(None, help="Which work (default: the one with most facts)."),
         season: Optional[int] = typer.Option(None, "--season", help="Which season."),
         db: str = DB,
         as_of: Optional[str] = typer.Option(None, "--as-of", help="Re-judge the sheet as of this date.")) -> None:
    """The fact sheet: the release answer first, then status, cast, crew and source material."""
    with _open(db, must_exist=True) as store:
        if as_of:
            refresh_sheet(store, as_of)
        with store.snapshot():  # one consistent state while a build may be writing
            all_works, sheet_as_of = store.works(), store.as_of()
        works = _pick(all_works, title, season)
    for work in works:
        _show_work(work, sheet_as_of)


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


def _warn_passed(release: Fact, as_of: str | None) -> None:
    value = str(release.fields["value"])
    end = value.split("/")[-1]
    end = {4: end + "-12-31", 7: end + "-31"}.get(len(end), end)
    if end < date.today().isoformat():
        err.print(f"[yellow]warning:[/] {value} has passed; newest source {as_of}")


@app.command("export")
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
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n" if format == "json" else exporting.markdown(data)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


@app.command()
def sources(db: str = DB) -> None:
    """Every document with its date (or inferred range), status and reason."""
    with _open(db, must_exist=True) as store:
        docs = store.documents()
    table = Table(show_header=True, header_style="bold")
    for col in ("id", "date", "status", "reason", "source"):
        table.add_column(col, overflow="fold")
    for d in docs:
        when = d.published or ("~" + " … ".join(d.published_range) if d.published_range else "")
        color = {"ok": "green", "skipped": "yellow", "rejected": "red"}[d.status]
        table.add_row(_e(d.id), when, f"[{color}]{d.status}[/]", _e(d.reason or ""), _e(d.source))
    out.print(table)


@app.command()
def timeline(title: Optional[str] = typer.Argument(None, help="Which work."),
             season: Optional[int] = typer.Option(None, "--season"),
             db: str = DB) -> None:
    """How the release answer moved, source by source."""
    with _open(db, must_exist=True) as store, store.snapshot():
        all_works = store.works()
        dates = {d.id: d.published or (f"undated (~{d.published_range[0][:7]}…{d.published_range[1][:7]})"
                                       if d.published_range else "undated") for d in store.documents()}
    works = _pick(all_works, title, season)
    for work in works:
        out.rule(f"[bold]{_e(work.title)}[/] release timeline")
        table = Table(show_header=True, header_style="bold")
        for col in ("date", "value", "certainty", "source", "said"):
            table.add_column(col, overflow="fold")
        for row in work.timeline:
            value = row["value"] + (" (later changed)" if row.get("superseded_in_text") else "")
            table.add_row(dates.get(row["doc"], row["date"] or "undated"), value, f"[{_COLOR[row['certainty']]}]{row['certainty']}[/]",
                          _e(row["doc"]), _e(row["quote"][:160]))
        out.print(table)


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
