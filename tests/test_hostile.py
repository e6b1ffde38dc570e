"""Careless and hostile input: each case is one way a single input used to break a build or its
answer. Every input is made here, from invented articles."""
from __future__ import annotations

import hashlib
import importlib.util
import json
import multiprocessing
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from whatweknow import build as building
from whatweknow import ingest
from whatweknow.cli import app
from whatweknow.errors import AliasFileError, WhatweknowError
from whatweknow.normalize import view
from whatweknow.pipeline import process
from whatweknow.records import Document
from whatweknow.store import Store
from whatweknow.titles import appositive_titles

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("make_bad", HERE / "fixtures" / "make_bad.py")
make_bad = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_bad)

_EXE = Path(sys.executable).with_name("whatweknow")
WHATWEKNOW = [str(_EXE)] if _EXE.exists() else [sys.executable, "-c", "from whatweknow.cli import app; app()"]
runner = CliRunner()


def cli(*args: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "300"}, catch_exceptions=False)


def story(title: str, byline: str, year: int, platform: str = "Netflix", n: int = 0) -> str:
    """A short invented news article: `title` season 2 premieres in `year`, dated by `byline`."""
    return "\n\n".join([
        f"{title} season 2 is coming in {year}",
        byline,
        f"{platform} confirmed on Tuesday that {title} season 2 will premiere in {year}. The drama has been "
        f"one of the streamer's most watched series, and the renewal was announced in a statement (note {n}).",
        f"Odile Marchetti returns as Captain Varga, and Bram Okoro joins the cast in a new role. Director "
        f"Senna Holt said that filming wrapped in March and that the new season will run for eight episodes.",
        f"\"We are thrilled to bring the story back,\" Holt said. The first season of {title} ended on a "
        f"cliffhanger that left fans with many questions about what comes next for Captain Varga.",
    ]) + "\n"


def stored(db: Path) -> dict[str, Document]:
    with Store(db) as store:
        return {d.id: d for d in store.documents(with_text=True)}


def sheet(db: Path) -> dict:
    result = cli("export", "--db", str(db))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def answer(db: Path) -> set[tuple]:
    """What the sheet says, whatever the row ids: (work, season, slot, fields, status)."""
    return {(w["title"], w["season"], json.dumps({k: v for k, v in f.items() if k != "evidence"}, sort_keys=True))
            for w in sheet(db)["works"] for f in w["facts"]}


def error_line(result) -> str:
    """A failure is one line on stderr starting with 'error:', and never a traceback."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr
    assert "Traceback" not in result.stdout
    return lines[0]


# 1 ---------------------------------------------------------------------------------------------
def test_a_file_name_that_is_not_utf8_is_read_and_the_build_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for raw, i in ((b"caf\xe9.txt", 1), (b"caf\xe8.txt", 2)):  # Latin-1 names; they read alike once shown
        with open(os.fsencode(folder) + b"/" + raw, "wb") as fh:
            fh.write(story("Glass River", "March 3, 2024 | TV", 2025, n=i).encode())
    (folder / "zzz_after.txt").write_text(story("Lantern Street", "March 4, 2024 | TV", 2025), encoding="utf-8")
    db = tmp_path / "s.db"
    first = cli("build", str(folder), "--db", str(db))
    assert first.exit_code == 0, first.output
    docs = stored(db)
    assert len(docs) == 3 and all(d.status == "ok" for d in docs.values())
    assert sum("caf\ufffd" in d.source for d in docs.values()) == 2  # shown with U+FFFD, two documents
    assert cli("build", str(folder), "--db", str(db)).exit_code == 0  # and re-running works too
    assert len(stored(db)) == 3


# 2 ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("byline", ["Posted June 3, 9999", "Posted on March 2, 2030", "June 9, 9999 | News"])
def test_an_impossible_or_future_date_does_not_expire_every_window(tmp_path, byline):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(story("Glass River", "May 2, 2024 | TV", 2025), encoding="utf-8")
    (folder / "b.txt").write_text(story("Lantern Street", byline, 2025), encoding="utf-8")
    db = tmp_path / "s.db"
    assert cli("build", str(folder), "--db", str(db)).exit_code == 0
    data = sheet(db)
    assert data["as_of"] <= (date.today() + timedelta(days=1)).isoformat()
    docs = stored(db)
    assert docs["b"].published is None or docs["b"].published <= date.today().isoformat()
    for work in data["works"]:  # both works still have a current release answer
        assert any(f["slot"] == "release" and f["status"] == "current" for f in work["facts"]), work["title"]


def test_a_newer_article_about_another_work_does_not_expire_this_ones_window(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(story("Glass River", "May 2, 2024 | TV", 2024), encoding="utf-8")
    (folder / "b.txt").write_text(story("Lantern Street", "June 1, 2026 | TV", 2027), encoding="utf-8")
    db = tmp_path / "s.db"
    assert cli("build", str(folder), "--db", str(db)).exit_code == 0
    works = {w["title"]: w for w in sheet(db)["works"]}
    release = [f for f in works["Glass River"]["facts"] if f["slot"] == "release"]
    assert any(f["status"] == "current" for f in release), release
    shown = cli("show", "Glass River", "--db", str(db))
    assert "as of 2024-05-02" in shown.stdout


# 3 ---------------------------------------------------------------------------------------------
INVISIBLE = {
    "zero-width space": lambda t: t.replace("Glass River", "Glass\u200b River").replace("Glass ", "Gl\u200bass ", 1),
    "no-break space": lambda t: t.replace("Glass River", "Glass\u00a0River"),
    "soft hyphen": lambda t: t.replace("Glass River", "Glass Ri\u00adver"),
    "bidi marks": lambda t: t.replace("Netflix", "\u2066Netflix\u2069").replace("Glass River", "\u200eGlass River\u200f"),
    "tab": lambda t: t.replace("Glass River", "Glass\tRiver"),
    "full-width and doubled spaces": lambda t: t.replace("Glass River", "Glass  River", 2).replace("2025", "２０２５", 1),
}


@pytest.mark.parametrize("how", INVISIBLE)
def test_invisible_and_odd_whitespace_changes_nothing_and_quotes_stay_exact(tmp_path, how):
    plain = "".join(story("Glass River", "May 2, 2024 | TV", 2025, n=i) for i in range(1))
    clean_db, odd_db = tmp_path / "clean.db", tmp_path / "odd.db"
    (tmp_path / "clean").mkdir()
    (tmp_path / "odd").mkdir()
    (tmp_path / "clean" / "a.txt").write_text(plain, encoding="utf-8")
    odd = INVISIBLE[how](plain)
    assert odd != plain
    (tmp_path / "odd" / "a.txt").write_text(odd, encoding="utf-8")
    assert cli("build", str(tmp_path / "clean"), "--db", str(clean_db)).exit_code == 0
    assert cli("build", str(tmp_path / "odd"), "--db", str(odd_db)).exit_code == 0
    assert answer(odd_db) == answer(clean_db)
    data = json.loads(cli("export", "--db", str(odd_db), "--with-text").stdout)
    texts = {d["id"]: d["text"] for d in data["documents"]}
    assert texts["a"] == odd  # stored as it came
    quotes = [e for w in data["works"] for f in w["facts"] for e in f["evidence"]]
    assert quotes
    for e in quotes:
        assert texts[e["doc"]][e["start"]:e["end"]] == e["quote"]


def test_the_view_maps_every_character_back():
    text = "A\u00a0\u00a0b\u200bc\td\u00ade \u2066N\u2069\r\nf\u0065\u0301g ﬁ"
    v = view(text)
    assert v.text == "A bc de N\r\nf\u00e9g fi"
    for i in range(len(v.text)):
        s, e = v.span(i, i + 1)
        assert 0 <= s < e <= len(text)
    s, e = v.span(0, len(v.text))
    assert (s, e) == (0, len(text))
    assert view("nothing to change here.\n").identity


# 4 ---------------------------------------------------------------------------------------------
def _capitalised_run(words: int) -> str:
    names = ["Alder", "Birch", "Cobalt", "Dune", "Ember", "Fable", "Garnet", "Heron"]
    joins = ["and", "the", "of", "in", "to"]
    return " ".join(f"{names[i % 8]} {joins[i % 5]}" for i in range(words))


def test_a_title_found_in_passing_is_at_most_ten_words():
    text = _capitalised_run(400) + " Glass River, a Korean drama about a ferry town."
    found = appositive_titles(text)
    assert found and all(sum(w[:1].isupper() for w in t.split()) <= 10 for t in found)
    assert "Glass River" in appositive_titles("They loved Glass River, a Korean drama about a ferry town.")


def test_a_long_run_of_capitalised_words_does_not_stall_a_build(tmp_path):
    """About 130 KB of capitalised words: the stages are linear in the text. (A hang guard with a
    wide margin, not a speed measurement; bench/ measures speed.)"""
    path = tmp_path / "long.txt"
    path.write_text(story("Glass River", "May 2, 2024 | TV", 2025) + _capitalised_run(14_000) + ".\n",
                    encoding="utf-8")
    assert path.stat().st_size > 120_000
    proc = subprocess.run(WHATWEKNOW + ["build", str(path), "--db", str(tmp_path / "s.db"), "-q"],
                          capture_output=True, text=True, timeout=90)
    assert proc.returncode == 0, proc.stderr
    assert stored(tmp_path / "s.db")["long"].status == "ok"


def _slow_process(doc):
    time.sleep(30)
    return process(doc)


def test_a_document_over_the_time_budget_is_rejected_and_the_build_goes_on(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    make_bad.write_corpus(folder, 2)
    real = building.process
    monkeypatch.setattr(building, "process", lambda d: _slow_process(d) if d.id == "article_000" else real(d))
    with Store(tmp_path / "s.db") as store:
        summary = building.build([str(folder)], store, time_budget=0.5)
    docs = stored(tmp_path / "s.db")
    assert docs["article_000"].status == "rejected"
    assert "over the time budget" in docs["article_000"].reason
    assert docs["article_001"].status == "ok" and summary.counts["ok"] == 1


# 5 ---------------------------------------------------------------------------------------------
@pytest.fixture
def built(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(story("Glass River", "May 2, 2024 | TV", 2025), encoding="utf-8")
    (folder / "b.txt").write_text(story("Glass River", "May 9, 2024 | TV", 2025, n=1), encoding="utf-8")
    db = tmp_path / "s.db"
    assert cli("build", str(folder), "--db", str(db)).exit_code == 0
    return db


@pytest.mark.parametrize("value", ["garbage", "tomorrow", "9999-99-99", "2024-02-30", "12/05/2024"])
@pytest.mark.parametrize("command", ["show", "build"])
def test_as_of_must_be_a_date(built, value, command):
    args = ["show", "--db", str(built)] if command == "show" else ["build", str(built.parent / "in"), "--db", str(built)]
    result = cli(*args, "--as-of", value)
    assert result.exit_code == 2
    assert "--as-of" in error_line(result) and "YYYY-MM-DD" in result.stderr


def _digest(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


def test_read_commands_leave_the_store_byte_identical(built, tmp_path):
    before = _digest(built)
    plain = cli("show", "--db", str(built)).stdout
    for args in (["show"], ["show", "--as-of", "2030-01-01"], ["show", "Glass River", "--season", "2"],
                 ["timeline"], ["export"], ["export", "--format", "markdown"], ["export", "--with-text"],
                 ["sources"]):
        result = cli(*args, "--db", str(built))
        assert result.exit_code == 0, (args, result.output)
        assert _digest(built) == before, args
    assert cli("show", "--db", str(built)).stdout == plain  # a read with --as-of was not saved


def test_show_as_of_rejudges_in_memory(built):
    later = cli("show", "--db", str(built), "--as-of", "2030-01-01")
    assert "as of 2030-01-01" in later.stdout and "no current answer" in later.stdout
    assert "as of 2024-05-09" in cli("show", "--db", str(built)).stdout


# 6 ---------------------------------------------------------------------------------------------
def _build_at_once(db: str, folder: str, barrier, results) -> None:
    barrier.wait()
    try:
        with Store(db) as store:
            summary = building.build([folder], store)
        results.put(("ok", summary.counts["ok"] + summary.counts["unchanged_ok"]))
    except Exception as exc:  # noqa: BLE001 - the test reports what went wrong
        results.put(("failed", repr(exc)))


@pytest.fixture(scope="module")
def two_articles(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("two")
    make_bad.write_corpus(folder, 2)
    return folder


@pytest.mark.parametrize("attempt", range(int(os.environ.get("WWK_RACE_RUNS", "3"))))
def test_two_builds_at_the_same_instant_on_a_new_store_both_finish(two_articles, tmp_path, attempt):
    """Loop it: WWK_RACE_RUNS=50 python -m pytest tests/test_hostile.py -k same_instant"""
    ctx = multiprocessing.get_context("fork")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    db = str(tmp_path / "new.db")
    workers = [ctx.Process(target=_build_at_once, args=(db, str(two_articles), barrier, results)) for _ in range(2)]
    for w in workers:
        w.start()
    outcomes = [results.get(timeout=300) for _ in workers]
    for w in workers:
        w.join(timeout=60)
    assert outcomes == [("ok", 2), ("ok", 2)], outcomes
    assert len(stored(Path(db))) == 2


# 7 ---------------------------------------------------------------------------------------------
def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_killing_a_parallel_build_leaves_no_worker_behind(tmp_path, how):
    folder = tmp_path / "in"
    make_bad.write_corpus(folder, 400)
    proc = subprocess.Popen(WHATWEKNOW + ["build", str(folder), "--db", str(tmp_path / "s.db"), "-q", "--jobs", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while len(workers := _children(proc.pid)) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        assert len(workers) >= 2, "the build never started its workers"
        time.sleep(1)
        proc.send_signal(how)
        proc.wait(timeout=120)
        deadline = time.monotonic() + 60  # a hang guard: workers notice within a second or two
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [w for w in workers if _alive(w)]
    finally:  # whatever happened, nothing this test started outlives it (checked by command line: pids are reused)
        for w in {*workers, *_children(proc.pid), proc.pid}:
            try:
                if str(tmp_path).encode() in (Path("/proc") / str(w) / "cmdline").read_bytes():
                    os.kill(w, signal.SIGKILL)
            except OSError:
                pass


# 8 ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("db", ["", ":memory:"])
@pytest.mark.parametrize("command", ["build", "export", "show", "sources", "timeline"])
def test_a_store_that_would_keep_nothing_is_refused(tmp_path, db, command, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(story("Glass River", "May 2, 2024 | TV", 2025), encoding="utf-8")
    args = ["build", "a.txt"] if command == "build" else [command]
    result = cli(*args, "--db", db)
    assert result.exit_code == 2
    assert "not a store file" in error_line(result)
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    with pytest.raises(WhatweknowError):
        Store(db)


# 9 ---------------------------------------------------------------------------------------------
def _in_read_only_folder(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """Run whatweknow with `folder` read-only: by permissions, or (as root, whom permissions do
    not stop) through a read-only bind mount in a private mount namespace."""
    command = [*WHATWEKNOW, *args]
    if os.geteuid() != 0:
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "300"})
        finally:
            folder.chmod(stat.S_IRWXU)
    if not shutil.which("unshare"):
        pytest.skip("no unshare to make a read-only folder as root")
    script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && touch "$0/probe" 2>/dev/null && exit 99; exec "$@"'
    proc = subprocess.run(["unshare", "-m", "sh", "-c", script, str(folder), *command], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "COLUMNS": "300"})
    if proc.returncode == 99 or "mount:" in proc.stderr or "unshare:" in proc.stderr:
        pytest.skip("cannot make a read-only folder here")
    return proc


@pytest.mark.parametrize("command", [["show"], ["sources"], ["export"], ["timeline"]])
def test_a_store_in_a_read_only_folder_can_be_read(built, command):
    before = _digest(built)
    proc = _in_read_only_folder(built.parent, *command, "--db", str(built))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip()
    assert _digest(built) == before


def test_building_into_a_read_only_folder_says_what_to_do(built):
    proc = _in_read_only_folder(built.parent, "build", str(built.parent / "in"), "--db", str(built))
    assert proc.returncode == 2
    line = error_line(proc)
    assert "run the build again" not in line and ("writable" in line or "another --db" in line), line


# 10 --------------------------------------------------------------------------------------------
def test_control_characters_from_articles_never_reach_the_terminal(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = story("Glass River", "May 2, 2024 | TV", 2025).replace("confirmed on Tuesday", "confirmed\x1b[2J\x1b]0;pwned\x07 on \x9b31mTuesday")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b\x1b[31mred.txt").write_text("", encoding="utf-8")  # a file name with an escape sequence
    db = tmp_path / "s.db"
    built = cli("build", str(folder), "--db", str(db))
    assert built.exit_code == 0
    with Store(db) as store:  # the evidence itself keeps the text as it was
        assert any("\x1b" in c.quote for c in store.claims())
    for args in (["timeline"], ["show"], ["sources"], ["export", "--format", "markdown"], ["export"]):
        result = cli(*args, "--db", str(db))
        assert result.exit_code == 0
        assert not set("\x1b\x07\x9b") & set(result.output), args
    exported = json.loads(cli("export", "--db", str(db)).stdout)  # the data itself is unchanged
    assert any("\x9b31mTuesday" in e["quote"] for w in exported["works"] for f in w["facts"] for e in f["evidence"])
    assert "\x1b" not in built.output
    assert "\\x1b[2J" in cli("timeline", "--db", str(db)).stdout  # shown, not obeyed


# 11 --------------------------------------------------------------------------------------------
def test_one_bad_byte_in_a_utf8_file_keeps_the_accented_names(tmp_path):
    text = story("Glass River", "May 2, 2024 | TV", 2025).replace("Odile Marchetti", "Odile Marchetti-Ségur")
    text = text.replace("Bram Okoro", "Zoë Okoro") + "Café owners in the ferry town said they had loved the first season.\n"
    data = text.encode("utf-8").replace(b"Tuesday", b"Tues\xffday")
    [doc] = ingest.load(_write(tmp_path / "a.txt", data))
    assert "Ségur" in doc.text and "Zoë" in doc.text and "Café" in doc.text
    assert "Tues\ufffdday" in doc.text
    assert doc.status == "ok" and "invalid byte" in doc.reason
    cp1252 = text.encode("cp1252")  # a real single-byte file is still read as one
    [doc] = ingest.load(_write(tmp_path / "b.txt", cp1252))
    assert "Ségur" in doc.text and not doc.reason


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# 12 --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("target", ["dir", "missing/dir/x.json"])
def test_export_to_a_path_that_cannot_be_written_is_one_line(built, tmp_path, target):
    (tmp_path / "dir").mkdir(exist_ok=True)
    result = cli("export", "--db", str(built), "-o", str(tmp_path / target))
    assert result.exit_code == 2
    assert "cannot write" in error_line(result)


def _damage(db: Path) -> None:
    """Overwrite the store's pages after the first few with garbage, as a bad disk would."""
    data = bytearray(db.read_bytes())
    page = 4096
    for offset in range(4 * page, len(data), page):
        data[offset:offset + page] = bytes((offset // page * 37 + i) % 251 for i in range(page))
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("command", [["sources"], ["export"], ["timeline"], ["show"], ["export", "--format", "markdown"]])
def test_a_damaged_store_is_one_line_saying_what_to_do(tmp_path, command):
    folder = tmp_path / "in"
    make_bad.write_corpus(folder, 30)
    db = tmp_path / "s.db"
    assert cli("build", str(folder), "--db", str(db)).exit_code == 0
    _damage(db)
    result = cli(*command, "--db", str(db))
    assert result.exit_code == 2
    line = error_line(result)
    assert "run the build again" not in line and "new store" in line, line


# 13 --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("ending", [" Read the full interview…", " The cast will...", "…"])
def test_an_article_flattened_onto_one_line_with_a_teaser_end_is_kept(tmp_path, ending):
    flat = " ".join(story("Glass River", "", 2025).split()) + ending
    path = tmp_path / "flat.txt"
    path.write_text(flat, encoding="utf-8")
    [doc] = ingest.load(path)
    result = process(doc)
    assert result.document.status == "ok", result.document.reason
    kept = " ".join(flat[p.start:p.end] for p in result.passages)
    assert "will premiere in 2025" in kept


# Also ------------------------------------------------------------------------------------------
def test_one_oversized_jsonl_record_does_not_lose_the_others(tmp_path):
    records = [{"id": "small-1", "text": story("Glass River", "May 2, 2024 | TV", 2025)},
               {"id": "huge", "text": story("Glass River", "May 3, 2024 | TV", 2025) * 40},
               {"id": "small-2", "text": story("Lantern Street", "May 4, 2024 | TV", 2025)}]
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    docs = {d.id: d for d in ingest.load(path, max_bytes=20_000)}
    assert docs["small-1"].status == "ok" and docs["small-2"].status == "ok"
    assert docs["feed:2"].status == "rejected" and "line 2 over the size limit" in docs["feed:2"].reason


def test_a_broken_alias_file_fails_before_anything_is_read(tmp_path):
    folder = tmp_path / "in"
    make_bad.write_corpus(folder, 3)
    aliases = tmp_path / "names.yaml"
    aliases.write_text("same: [oops\n", encoding="utf-8")
    db = tmp_path / "s.db"
    result = cli("build", str(folder), "--db", str(db), "--aliases", str(aliases))
    assert result.exit_code == 2
    assert "names.yaml" in error_line(result)
    assert not db.exists() or stored(db) == {}
    with pytest.raises(AliasFileError):
        building.read_aliases(aliases)


def test_the_alias_file_is_kept_with_the_build(tmp_path):
    """A later build without --aliases, and `show --as-of`, still merge and keep apart what the
    alias file said."""
    folder = tmp_path / "in"
    folder.mkdir()
    filler = ("The ferry-town drama became one of the most watched series of its year, and viewers have waited "
              "a long time for any word about what comes next for its crew of smugglers.\n\n")
    (folder / "a.txt").write_text(
        "Glass River season 2 is coming\n\nPublished 2024-03-01\n\n" + filler + "Netflix confirmed that Glass "
        "River will return for a second season in 2025. The drama stars Kim Min-ji and Han Yu-ri, and Park Solomon "
        "joins the new season as the smuggler Baek Joon.\n", encoding="utf-8")
    (folder / "b.txt").write_text(
        "Glass River season 2 cast grows\n\nPublished 2024-04-01\n\n" + filler + "The drama has added Lomon to "
        "the second season of Glass River, and Kim Min-jee returns as Ha-eun. The new season arrives in 2025.\n",
        encoding="utf-8")
    aliases = tmp_path / "names.yaml"
    aliases.write_text("same:\n  - [Park Solomon, Lomon]\ndifferent:\n  - [Kim Min-ji, Kim Min-jee]\n")
    db = tmp_path / "s.db"

    def as_the_file_says(people: list[list[str]]) -> bool:
        return (["Lomon", "Park Solomon"] in people
                and not any({"Kim Min-ji", "Kim Min-jee"} <= set(group) for group in people))

    def stored_people() -> list[list[str]]:
        return [sorted([p["name"], *p["aliases"]]) for w in sheet(db)["works"] for p in w["people"]]

    assert cli("build", str(folder), "--db", str(db), "--aliases", str(aliases)).exit_code == 0
    assert as_the_file_says(stored_people())
    (folder / "c.txt").write_text(story("Glass River", "May 9, 2024 | TV", 2025, n=1), encoding="utf-8")
    assert cli("build", str(folder), "--db", str(db)).exit_code == 0  # no --aliases this time
    assert as_the_file_says(stored_people())
    with Store(db, read_only=True) as store:
        works = [w for w, _ in building.reconciled_works(store, "2024-06-01")]  # what show --as-of judges
    assert as_the_file_says([sorted([p.name, *p.aliases]) for w in works for p in w.people])


def test_one_folder_given_twice_is_read_once(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    make_bad.write_corpus(folder, 2)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "s.db"
    result = cli("build", "in", str(folder), "in/article_000.txt", "--db", str(db))
    assert result.exit_code == 0
    assert sorted(stored(db)) == ["article_000", "article_001", "empty"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_inside_a_folder_is_listed_not_skipped(tmp_path):
    folder = tmp_path / "in"
    make_bad.write_corpus(folder, 1)
    os.mkfifo(folder / "pipe.txt")
    db = tmp_path / "s.db"
    assert cli("build", str(folder), "--db", str(db)).exit_code == 0
    docs = stored(db)
    assert docs["pipe"].status == "rejected" and docs["pipe"].reason == "not a regular file"


@pytest.mark.parametrize("where", [10, 5_000, 30_000])
def test_a_nul_byte_rejects_a_file_wherever_it_is(tmp_path, where):
    text = (story("Glass River", "May 2, 2024 | TV", 2025) * 40).encode("utf-8")
    data = text[:where] + b"\x00" + text[where:]
    [doc] = ingest.load(_write(tmp_path / "a.txt", data))
    assert doc.status == "rejected" and "not text" in doc.reason


def test_the_summary_agrees_with_the_store_when_a_later_copy_demotes_an_earlier_one(tmp_path):
    text = story("Glass River", "May 2, 2024 | TV", 2025)
    (tmp_path / "b_copy.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a_copy.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "s.db"
    result = cli("build", str(tmp_path / "b_copy.txt"), str(tmp_path / "a_copy.txt"), "--db", str(db))
    docs = stored(db)
    assert docs["a_copy"].status == "ok" and docs["b_copy"].status == "skipped"
    assert "documents: 1 ok, 1 skipped" in result.stdout
