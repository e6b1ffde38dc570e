"""Bad input: every file ends as ok, skipped or rejected with a reason a person can act on,
a build always finishes, and nothing already stored is lost.

The hostile inputs live in tests/fixtures/bad/ (written by tests/fixtures/make_bad.py); the big
file, symlink loops and FIFOs are made here at test time."""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from whatweknow import build as building
from whatweknow import ingest
from whatweknow.cli import app
from whatweknow.store import Store

HERE = Path(__file__).resolve().parent
BAD = HERE / "fixtures" / "bad"
ROOT = HERE.parent


def _load_make_bad():
    spec = importlib.util.spec_from_file_location("make_bad", HERE / "fixtures" / "make_bad.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_bad = _load_make_bad()
runner = CliRunner()


def cli(*args: str, env: dict | None = None, input: bytes | str | None = None):
    return runner.invoke(app, list(args), env={"COLUMNS": "400", **(env or {})}, input=input,
                         catch_exceptions=False)


def docs_by_id(db: Path) -> dict[str, object]:
    with Store(db) as store:
        return {d.id: d for d in store.documents(with_text=True)}


# what each committed fixture must end as: (status, words its reason must contain)
EXPECTED = {
    "empty": ("rejected", "empty"),
    "whitespace": ("rejected", "empty"),
    "binary": ("rejected", "not text"),
    "binary_nonul": ("rejected", ""),           # "not text" or "undecodable": either names the problem
    "latin1": ("ok", None),
    "cp1252": ("ok", None),
    "utf16": ("ok", None),
    "utf8_bom": ("ok", None),
    "html_no_body": ("rejected", "no article text"),
    "html_scripts_only": ("rejected", "no article text"),
    "html_deep": ("rejected", "nested deeper"),
    "html_good": ("ok", None),
    "jsonl-good-1": ("ok", None),
    "jsonl-good-2": ("ok", None),
    "mixed:2": ("rejected", "malformed JSON on line 2"),
    "mixed:4": ("rejected", "line 4 is not a JSON object"),
    "no-text": ("rejected", "line 5 has no 'text'"),
    "french": ("skipped", "not English"),
    "dup_original": ("ok", None),
    "dup_renamed": ("skipped", "duplicate of dup_original"),
    "dup_whitespace": ("skipped", "duplicate of dup_original"),
    "not_about_a_release": ("skipped", "not about a release"),
    "short": ("skipped", "no article text"),
}


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    """The whole fixture folder built once through the command line."""
    db = tmp_path_factory.mktemp("bad") / "bad.db"
    result = cli("build", str(BAD), "--db", str(db))
    return db, result


def test_committed_fixtures_match_their_generator():
    """tests/fixtures/bad/ is exactly what make_bad.py writes (regenerate it after editing either)."""
    expected = make_bad.fixtures()
    present = {p.name: p.read_bytes() for p in BAD.iterdir() if p.is_file()}
    assert present.keys() == expected.keys()
    for name, data in expected.items():
        assert present[name] == data, f"{name} differs from make_bad.py's output"


def test_every_file_ends_with_a_status_and_reason(bad_build):
    db, result = bad_build
    assert result.exit_code == 0, result.output   # something was built
    docs = docs_by_id(db)
    assert set(docs) == set(EXPECTED), set(docs) ^ set(EXPECTED)
    for doc_id, (status, reason) in EXPECTED.items():
        d = docs[doc_id]
        assert d.status == status, (doc_id, d.status, d.reason)
        if status == "ok":
            assert d.reason is None and d.text
        else:
            assert d.reason and reason in d.reason, (doc_id, d.reason)
    # every problem is reported once, on one line, on stderr
    problems = [line for line in result.stderr.splitlines() if ": rejected: " in line or ": skipped: " in line]
    assert len(problems) == sum(1 for s, _ in EXPECTED.values() if s != "ok")
    assert any("mixed.jsonl: rejected: malformed JSON on line 2" in line for line in problems)
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.startswith("documents: 8 ok, 5 skipped, 10 rejected"), summary


def test_sources_and_export_list_every_document(bad_build):
    db, _ = bad_build
    listing = cli("sources", "--db", str(db))
    assert listing.exit_code == 0
    for doc_id, (status, reason) in EXPECTED.items():
        row = next((line for line in listing.stdout.splitlines() if f"│ {doc_id} " in line), None)
        assert row is not None, f"{doc_id} missing from 'whatweknow sources'"
        assert status in row and (not reason or reason in row), row
    exported = cli("export", "--db", str(db))
    data = json.loads(exported.stdout)
    listed = {d["id"]: d for d in data["documents"]}
    assert set(listed) == set(EXPECTED)
    for doc_id, (status, _) in EXPECTED.items():
        assert listed[doc_id]["status"] == status
        assert (listed[doc_id].get("reason") is None) == (status == "ok")


def test_other_encodings_are_decoded_and_evidence_points_into_stored_text(bad_build):
    db, _ = bad_build
    data = json.loads(cli("export", "--with-text", "--db", str(db)).stdout)
    text = {d["id"]: d.get("text") for d in data["documents"]}
    assert text["latin1"] == make_bad.LATIN                       # decoded, not mojibake
    assert text["cp1252"] == make_bad.WINDOWS
    assert text["utf16"] == make_bad.LATIN.replace("2025", "2026")
    assert "Renée Duchêne" in text["utf16"] and "\ufeff" not in text["utf16"]
    assert "“we are thrilled”" in text["cp1252"]
    evidence = [(e, w["title"]) for w in data["works"] for f in w["facts"] for e in f["evidence"]]
    assert evidence
    for e, _ in evidence:
        assert text[e["doc"]][e["start"]:e["end"]] == e["quote"], e
    # facts from the Latin-1 and UTF-16 articles exist and quote the decoded text
    cafe = [w for w in data["works"] if "Lumi" in w["title"]]
    assert cafe and cafe[0]["title"] == "Café Lumière"
    assert {e["doc"] for f in cafe[0]["facts"] for e in f["evidence"]} & {"latin1", "cp1252", "utf16"}


def test_over_the_size_limit(tmp_path):
    (tmp_path / "in").mkdir()
    big = make_bad.make_big(tmp_path / "in" / "big.txt")
    assert big.stat().st_size > 5_000_000
    good = tmp_path / "in" / "good.txt"
    good.write_text(make_bad.article(1), encoding="utf-8")
    db = tmp_path / "s.db"
    result = cli("build", str(tmp_path / "in"), "--db", str(db))
    assert result.exit_code == 0
    docs = docs_by_id(db)
    assert docs["big"].status == "rejected" and "over the size limit" in docs["big"].reason
    assert "5,000,000" in docs["big"].reason
    assert docs["good"].status == "ok"
    # --max-bytes lowers the limit; the file just under it is still read
    small = tmp_path / "small.db"
    limit = good.stat().st_size
    result = cli("build", str(good), "--db", str(small), "--max-bytes", str(limit - 1))
    assert result.exit_code == 1
    assert docs_by_id(small)["good"].reason.startswith("over the size limit")
    assert cli("build", str(good), "--db", str(small), "--max-bytes", str(limit)).exit_code == 0
    assert docs_by_id(small)["good"].status == "ok"


def test_nothing_built_exits_nonzero_with_one_line(tmp_path):
    folder = tmp_path / "junk"
    folder.mkdir()
    for name in ("empty.txt", "binary.txt", "html_no_body.html", "french.txt"):
        (folder / name).write_bytes((BAD / name).read_bytes())
    db = tmp_path / "s.db"
    result = cli("build", str(folder), str(tmp_path / "missing.txt"), "--db", str(db), "-q")
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nothing built: documents: 0 ok, 1 skipped, 4 rejected"), lines
    docs = docs_by_id(db)
    assert docs["missing"].status == "rejected" and "no such file" in docs["missing"].reason
    assert len(docs) == 5
    # an empty folder builds nothing either
    (tmp_path / "none").mkdir()
    assert cli("build", str(tmp_path / "none"), "--db", str(tmp_path / "n.db")).exit_code == 1


def test_rebuild_changes_nothing_and_still_succeeds(tmp_path, bad_build):
    db = tmp_path / "again.db"
    first = cli("build", str(BAD), "--db", str(db), "-q")
    before = {k: (d.status, d.reason) for k, d in docs_by_id(db).items()}
    second = cli("build", str(BAD), "--db", str(db), "-q")
    assert first.exit_code == second.exit_code == 0
    assert "8 unchanged" in second.stdout or "unchanged" in second.stdout
    assert {k: (d.status, d.reason) for k, d in docs_by_id(db).items()} == before


def test_symlink_loop_is_walked_once(tmp_path):
    folder = make_bad.make_symlink_loop(tmp_path / "loop")
    db = tmp_path / "s.db"
    proc = subprocess.run([*WHATWEKNOW, "build", str(folder), "--db", str(db), "-q"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    docs = docs_by_id(db)
    assert [d.id for d in docs.values()] == ["story"] and docs["story"].status == "ok"


def test_two_shows_in_one_folder_stay_apart(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for i in range(4):
        (folder / f"glass_{i}.txt").write_text(make_bad.article(200 + i, show=0), encoding="utf-8")
        (folder / f"lantern_{i}.txt").write_text(make_bad.article(300 + i, show=1), encoding="utf-8")
    db = tmp_path / "s.db"
    assert cli("build", str(folder), "--db", str(db), "-q").exit_code == 0
    data = json.loads(cli("export", "--db", str(db)).stdout)
    titles = sorted(w["title"] for w in data["works"])
    assert titles == ["Glass River", "Lantern Street"], titles
    people = {"Glass River": {"Kim Min-ji", "Park Seo-yeon", "Lee Dong-hwan"},
              "Lantern Street": {"Harriet Quill", "Tomasz Brenner", "Ada Okonkwo"}}
    for w in data["works"]:
        prefix = "glass_" if w["title"] == "Glass River" else "lantern_"
        other = people["Lantern Street" if prefix == "glass_" else "Glass River"]
        for f in w["facts"]:
            assert all(e["doc"].startswith(prefix) for e in f["evidence"]), (w["title"], f)
            assert f.get("person") not in other, (w["title"], f)
        assert not {p["name"] for p in w["people"]} & other
        assert {p["name"] for p in w["people"]} & people[w["title"]]


def test_a_rejected_file_never_replaces_another_files_document(tmp_path):
    """Two inputs with one file stem: the broken one must not overwrite the good one."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "c").mkdir()
    (tmp_path / "a" / "news.txt").write_text(make_bad.article(5), encoding="utf-8")
    (tmp_path / "b" / "news.html").write_bytes((BAD / "html_no_body.html").read_bytes())
    (tmp_path / "c" / "news.txt").write_bytes(b"")
    db = tmp_path / "s.db"
    for _ in range(2):  # and a re-run neither duplicates nor loses anything
        result = cli("build", str(tmp_path / "a"), str(tmp_path / "b"), str(tmp_path / "c"),
                     str(tmp_path / "d" / "news.txt"), "--db", str(db), "-q")
        assert result.exit_code == 0
        docs = docs_by_id(db)
        assert len(docs) == 4, {k: d.source for k, d in docs.items()}
        assert docs["news"].status == "ok" and docs["news"].source.endswith("a/news.txt")
        rejected = {Path(d.source).parent.name: d.reason for d in docs.values() if d.status == "rejected"}
        assert set(rejected) == {"b", "c", "d"}, rejected
    with Store(db) as store:
        assert any(c.doc == "news" for c in store.claims())


def test_one_failing_article_does_not_stop_the_build(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    make_bad.write_corpus(folder, 3)
    real = building.process

    def flaky(doc):
        if doc.id == "article_001":
            raise RecursionError("maximum recursion depth exceeded")
        return real(doc)

    monkeypatch.setattr(building, "process", flaky)
    with Store(tmp_path / "s.db") as store:
        summary = building.build([str(folder)], store)
        docs = {d.id: d for d in store.documents()}
    assert summary.counts["ok"] == 2 and summary.counts["rejected"] == 1
    assert docs["article_001"].status == "rejected"
    assert docs["article_001"].reason.startswith("could not be processed (RecursionError")
    assert any("article_001" in p for p in summary.problems)


def test_file_names_with_markup_characters(tmp_path):
    """A file called '[/x]b.txt' is a file name, not console markup."""
    (tmp_path / "in" / "[").mkdir(parents=True)
    (tmp_path / "in" / "[" / "x]b.txt").write_bytes(b"")
    (tmp_path / "in" / "[b]ok[i].txt").write_text(make_bad.article(3), encoding="utf-8")
    db = tmp_path / "s.db"
    result = cli("build", str(tmp_path / "in"), "--db", str(db))
    assert result.exit_code == 0
    assert "[/x]b.txt: rejected: empty file" in result.stderr
    listing = cli("sources", "--db", str(db)).stdout
    assert "[b]ok[i]" in listing and "x]b" in listing


def test_dangling_symlink_and_fifo_are_reported_not_hung(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (folder / "good.txt").write_text(make_bad.article(2), encoding="utf-8")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    db = tmp_path / "s.db"
    proc = subprocess.run([*WHATWEKNOW, "build", str(folder), str(fifo), "--db", str(db), "-q"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    docs = docs_by_id(db)
    assert docs["gone"].status == "rejected" and "cannot read" in docs["gone"].reason
    assert docs["pipe"].status == "rejected" and "not a regular file" in docs["pipe"].reason
    assert docs["good"].status == "ok"


def test_stdin_input(tmp_path):
    db = tmp_path / "s.db"
    lines = [json.dumps({"id": f"s{i}", "text": make_bad.article(400 + i)}) for i in range(2)]
    result = cli("build", "-", "--db", str(db), input="\n".join(lines + ["{oops"]) + "\n")
    assert result.exit_code == 0
    docs = docs_by_id(db)
    assert docs["s0"].status == docs["s1"].status == "ok"
    assert docs["stdin:3"].status == "rejected" and "line 3" in docs["stdin:3"].reason
    binary = cli("build", "-", "--db", str(tmp_path / "b.db"), input=(BAD / "binary.txt").read_bytes())
    assert binary.exit_code == 1 and "1 rejected" in binary.stdout


def test_jsonl_edge_cases(tmp_path):
    """A BOM, U+2028 inside a JSON string, lone surrogates and absurd nesting: the good lines stay
    good, line numbers match what an editor shows, and nothing raises."""
    text = make_bad.article(9)
    lines = [
        json.dumps({"id": "sep", "text": text.replace(". ", ".\u2028 ", 1)}, ensure_ascii=False),
        json.dumps({"id": "lone", "text": text}).replace("Television", "Televis\\ud800ion"),
        "[" * 100_000 + "]" * 100_000,
        json.dumps({"id": "last", "text": text.replace("2025", "2026")}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode("utf-8"))
    docs = {d.id: d for d in ingest.load(path)}
    assert set(docs) == {"sep", "lone", "feed:3", "last"}
    assert docs["sep"].status == "ok" and "\u2028" in docs["sep"].text
    assert docs["lone"].status == "ok" and "Televis\ufffdion" in docs["lone"].text
    assert docs["feed:3"].status == "rejected" and "line 3" in docs["feed:3"].reason
    assert docs["last"].source.endswith("feed.jsonl:4")
    db = tmp_path / "s.db"
    assert cli("build", str(path), "--db", str(db), "-q").exit_code == 0


@pytest.mark.parametrize("text", [
    "Zoë and Chloé return as the naïve twins in the déjà vu finale of Café Noir.",
    "Über groß: Renée Faÿ stars.",
    "“Quoted” — it’s fine at €5 in Málaga.",
])
@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_short_western_texts_decode_exactly(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        pytest.skip(f"not representable in {encoding}")
    assert ingest.decode(data) == (text, None)


def test_near_duplicates_are_one_content_hash():
    a = make_bad.article(11)
    variants = [a.replace("\n\n", "\r\n\r\n"), "\ufeff" + a, a.replace(" ", "  ") + "\n\n\n", a.upper()]
    assert {ingest.content_hash(v) for v in variants} == {ingest.content_hash(a)}
    assert ingest.content_hash(a.replace("Tuesday", "Friday")) != ingest.content_hash(a)  # a real edit is not


# ---------------------------------------------------------------------------------------------
_EXE = Path(sys.executable).with_name("whatweknow")
WHATWEKNOW = [str(_EXE)] if _EXE.exists() else [sys.executable, "-c", "from whatweknow.cli import app; app()"]


def test_fuzz_briefly(tmp_path):
    """The atheris target over arbitrary bytes (fuzz/fuzz_ingest.py), seeded with the fixtures."""
    pytest.importorskip("atheris")
    corpus = tmp_path / "corpus"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "fuzz" / "fuzz_ingest.py"), "-max_total_time=20", "-max_len=20000",
         "-rss_limit_mb=4096", "-timeout=120", f"-artifact_prefix={tmp_path}/", str(corpus)],
        capture_output=True, text=True, timeout=180, cwd=tmp_path)
    tail = (proc.stderr or "")[-3000:]
    assert proc.returncode == 0, tail
    assert "Done" in tail and "runs in" in tail, tail
    assert not list(tmp_path.glob("crash-*")), tail


def test_impossible_metadata_dates_are_not_trusted(tmp_path):
    """A feed's 'published' of 2024-99-99 or 9999-12-31 must not become the document's date (or the
    sheet's as-of); the date written in the article is used instead."""
    lines = [json.dumps({"id": f"p{i}", "text": make_bad.article(500 + i, show=2), "published": value})
             for i, value in enumerate(["2024-99-99", "9999-12-31", "2024-02-30", "garbage", "2023-05-06T10:00:00Z"])]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    db = tmp_path / "s.db"
    assert cli("build", str(path), "--db", str(db), "-q").exit_code == 0
    docs = docs_by_id(db)
    for i in range(4):
        byline = make_bad.article(500 + i, show=2).split("\n\n")[1]   # "June 3, 2024 | Television"
        assert docs[f"p{i}"].published and docs[f"p{i}"].published[:4] in byline, (i, docs[f"p{i}"].published)
    assert docs["p4"].published == "2023-05-06"
    with Store(db) as store:
        assert store.as_of() < "2100"
