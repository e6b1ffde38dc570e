"""Archive-scale inputs: a crawl's WARC file and gzipped JSON Lines go into `build` like a
folder of articles, and the pages about something else are passed over cheaply and counted."""
from __future__ import annotations

import sys
from pathlib import Path

from typer.testing import CliRunner

from archives import OFF_TOPIC, html_page, write_jsonl_gz, write_warc
from whatweknow.archive import about_a_release, url_id
from whatweknow.build import build
from whatweknow.cli import app
from whatweknow.store import Store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
sys.path.insert(0, str(ROOT / "bench"))
from generate import to_html  # noqa: E402  (the benchmark's own text-to-HTML page writer)

ARTICLES = sorted(EXAMPLES.glob("moonlit-academy/*.txt"))


def crawl_pages() -> list[tuple[str, str]]:
    pages = [(f"https://news.example.org/tv/{p.stem}.html", to_html(p.read_text(encoding="utf-8"))) for p in ARTICLES]
    return pages[:3] + list(OFF_TOPIC.items()) + pages[3:]


def stored(db: Path):
    with Store(db) as store:
        return {d.id: d for d in store.documents()}, store.works()


def test_a_warc_crawl_builds_its_release_pages_and_counts_the_others(tmp_path):
    warc = write_warc(tmp_path / "crawl.warc.gz", crawl_pages())
    with Store(tmp_path / "w.db") as store:
        summary = build([str(warc)], store)
    # requests, images, redirects, a 404 and metadata records are not pages; two pages are about food and weather
    assert (summary.counts["ok"], summary.counts["passed_over"]) == (len(ARTICLES), len(OFF_TOPIC))
    assert f"{len(OFF_TOPIC)} passed over (no release words)" in summary.line()
    docs, works = stored(tmp_path / "w.db")
    assert len(docs) == len(ARTICLES)  # passed-over pages are counted, not stored
    urls = {d.url for d in docs.values()}
    assert urls == {f"https://news.example.org/tv/{p.stem}.html" for p in ARTICLES}
    assert all(d.source.startswith(f"{warc}:") for d in docs.values())  # the file and the record's offset
    assert works and works[0].title == "Moonlit Academy"

    # the same pages as plain text files give the same claims, except where the crawl date fills a gap:
    # pages that state no date of their own are dated by the crawl (WARC-Date)
    with Store(tmp_path / "t.db") as store:
        build([str(EXAMPLES / "moonlit-academy")], store)
        by_file = {d.url or d.id: d for d in store.documents()}
    for d in docs.values():
        twin = by_file[d.url.rsplit("/", 1)[-1].removesuffix(".html")]
        assert d.published == (twin.published or "2025-07-01")


def test_rebuilding_a_warc_changes_nothing(tmp_path):
    warc = write_warc(tmp_path / "crawl.warc", crawl_pages())  # uncompressed WARC too
    with Store(tmp_path / "w.db") as store:
        first = build([str(warc)], store)
        again = build([str(warc)], store)
    assert first.counts["ok"] == len(ARTICLES)
    assert (again.counts["ok"], again.counts["unchanged"], again.facts) == (0, len(ARTICLES), first.facts)


def test_a_broken_warc_is_one_clear_line_and_does_not_stop_the_build(tmp_path):
    whole = write_warc(tmp_path / "whole.warc.gz", crawl_pages(), extras=False).read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(whole[: len(whole) * 2 // 3])  # a download cut short
    (tmp_path / "notes.warc").write_text("these are my notes, not a crawl\n" * 20)
    (tmp_path / "good.txt").write_text(ARTICLES[0].read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(tmp_path), "--db", str(tmp_path / "b.db")])
    assert result.exit_code == 0, result.output
    docs, _ = stored(tmp_path / "b.db")
    rejected = {d.source: d.reason for d in docs.values() if d.status == "rejected"}
    assert rejected[str(tmp_path / "notes.warc")].startswith("not a WARC file (no WARC/1.x record header")
    assert rejected[str(tmp_path / "cut.warc.gz")].startswith("WARC cut short after")
    # the pages before the cut are kept
    assert sum(d.status == "ok" and d.source.startswith(str(tmp_path / "cut.warc.gz")) for d in docs.values()) >= 2
    problems = [line for line in result.stderr.splitlines() if "rejected" in line]
    assert len(problems) == 2 and all(str(tmp_path) in line for line in problems)


def test_an_oversized_page_in_a_warc_is_rejected_alone(tmp_path):
    pages = crawl_pages()
    pages.insert(1, ("https://news.example.org/tv/huge.html",
                     html_page("Season two release", ["The season two release was confirmed. " * 4000])))
    with Store(tmp_path / "w.db") as store:
        summary = build([str(write_warc(tmp_path / "c.warc.gz", pages))], store, max_bytes=100_000)
    assert summary.counts["ok"] == len(ARTICLES) and summary.counts["rejected"] == 1
    assert any("over the size limit" in p and "huge" not in p.split(":")[0] for p in summary.problems)


def test_gzipped_json_lines_are_read_as_a_stream_line_by_line(tmp_path):
    records = [{"id": p.stem, "text": p.read_text(encoding="utf-8"), "url": f"https://example.org/{p.stem}"}
               for p in ARTICLES[:4]]
    records.insert(1, "{not json")
    records.insert(2, {"id": "soup", "text": "Simmer the lentils for twenty minutes and serve with bread. " * 5})
    records.append({"id": "as-html", "html": to_html(ARTICLES[4].read_text(encoding="utf-8"))})
    path = write_jsonl_gz(tmp_path / "feed.jsonl.gz", records)
    with Store(tmp_path / "j.db") as store:
        summary = build([str(path)], store)
        docs = {d.id: d for d in store.documents()}
    assert (summary.counts["ok"], summary.counts["rejected"], summary.counts["passed_over"]) == (5, 1, 1)
    assert docs["feed:2"].reason.startswith("malformed JSON on line 2")
    assert docs[ARTICLES[0].stem].url == f"https://example.org/{ARTICLES[0].stem}"
    assert docs["as-html"].status == "ok"
    # cut short: the lines before the cut are kept, the cut is reported once
    (tmp_path / "cut.jsonl.gz").write_bytes(path.read_bytes()[:-40])
    with Store(tmp_path / "c.db") as store:
        cut = build([str(tmp_path / "cut.jsonl.gz")], store)
    assert cut.counts["ok"] >= 3
    assert [p for p in cut.problems if "cut short" in p] and len(cut.problems) == 2


def test_the_prefilter_keeps_every_example_article():
    """Passing over must never cost a release article: every invented example, as text and as
    HTML, passes, and the off-topic pages do not."""
    for path in sorted(EXAMPLES.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8")
        assert about_a_release(text.encode(), html=False), path.name
        assert about_a_release(to_html(text).encode()), path.name
    for html in OFF_TOPIC.values():
        assert not about_a_release(html.encode())


def test_the_prefilter_keeps_every_seed_article(seeds):
    for path in sorted(p for p in seeds.rglob("*") if p.suffix in (".txt", ".html", ".md")):
        assert about_a_release(path.read_bytes(), html=path.suffix == ".html"), path.name


def test_crawled_pages_get_readable_stable_ids():
    assert url_id("https://news.example.org/tv/show-season-2-release.html?ref=rss") == url_id(
        "https://news.example.org/tv/show-season-2-release.html?ref=rss")
    assert url_id("https://news.example.org/tv/show-season-2-release.html").startswith("show-season-2-release-")
    assert url_id("https://a.example/x") != url_id("https://b.example/x")
