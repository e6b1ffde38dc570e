"""The web pages and JSON API, through the ASGI app (no server, no browser): what a reader of
`whatweknow serve` sees, and that hostile article text stays inert everywhere."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import unquote, urlparse

import lxml.html
import pytest
from fastapi.testclient import TestClient

from conftest import EXAMPLES
from webcorpus import PAYLOADS, web_store
from whatweknow import export
from whatweknow.store import Store
from whatweknow.web.app import create_app
from whatweknow.web.views import say_date, slug

HTML = {"accept": "text/html"}
WORK = "moonlit-academy-s2"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return web_store(tmp_path_factory)


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(db), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def sheet(db) -> dict:
    with Store(db) as store:
        return json.loads(json.dumps(export.sheet(store)))


def work_of(sheet: dict, title: str) -> dict:
    return next(w for w in sheet["works"] if w["title"] == title)


def page(client: TestClient, url: str):
    r = client.get(url, headers=HTML)
    assert r.status_code == 200, (url, r.status_code, r.text[:300])
    return lxml.html.fromstring(r.text)


def text_of(el) -> str:
    return " ".join(el.text_content().split())


# the index and search -----------------------------------------------------------
def test_the_index_lists_every_work_with_its_release_answer_newest_news_first(client, sheet):
    doc = page(client, "/")
    rows = doc.xpath("//table[@class='works']/tbody/tr")
    assert len(rows) == len(sheet["works"])
    links = [r.xpath(".//a/@href")[0] for r in rows]
    assert links[0] == f"/works/{WORK}"  # its newest source (June 2025) is newer than the other work's
    first = text_of(rows[0])
    assert "2026" in first and "official" in first and "18 June 2025" in first


def test_search_finds_a_person_and_the_work_they_are_in(client):
    doc = page(client, "/?q=Seo+Ji-hoon")
    hits = doc.xpath("//section[@class='results']//a/@href")
    assert f"/works/{WORK}" in hits
    assert "person: Seo Ji-hoon" in text_of(doc.xpath("//section[@class='results']")[0])
    api = client.get("/api/search", params={"q": "Jeong Su-bin"}).json()  # a spelling the articles use
    assert [w["id"] for w in api["works"]] == [WORK]


def test_search_reads_article_text_and_marks_the_words_found(client):
    api = client.get("/api/search", params={"q": "insomniac"}).json()
    assert api["documents"]
    pieces = api["documents"][0]["snippet"]
    assert any(hit and text.lower() == "insomniac" for text, hit in pieces)
    doc = page(client, "/?q=insomniac")
    assert [m.text for m in doc.xpath("//p[@class='snippet']/mark")][:1] == ["insomniac"]


def test_search_words_are_never_query_syntax(client):
    for q in ['"', "NEAR(a b)", "* OR -", "a:b", "'; DROP TABLE documents; --", "\\", "é"]:
        r = client.get("/api/search", params={"q": q})
        assert r.status_code == 200, (q, r.text)


# the work page ------------------------------------------------------------------
def test_the_answer_box_says_the_release_in_words_with_its_certainty_and_sources(client, sheet):
    work = work_of(sheet, "Moonlit Academy")
    [current] = [f for f in work["facts"] if f["slot"] == "release" and f["status"] == "current"]
    doc = page(client, f"/works/{WORK}")
    box = doc.xpath("//section[@class='answer-box']")[0]
    answer = text_of(box.xpath(".//p[@class='answer']")[0])
    assert answer.startswith(current["value"] + " — postponed from 2025")
    assert f"no exact date yet as of {say_date(sheet['as_of'])}" in answer
    meta = text_of(box)
    assert current["certainty"] in meta and f"said by {current['sources']} independent source" in meta


def test_the_questions_readers_ask_are_answered_in_one_line_each(client, sheet):
    doc = page(client, f"/works/{WORK}")
    headings = [text_of(h) for h in doc.xpath("//section[@class='question']/h2")]
    for q in ("When is it coming out?", "Has it been renewed?", "Has filming started?", "Who is in the cast?",
              "Who is new?", "Who made it?", "What is it based on?", "How many episodes?", "Is there a trailer?"):
        assert q in headings
    answers = {text_of(s.xpath("h2")[0]): text_of(s.xpath("p[@class='one-line']")[0])
               for s in doc.xpath("//section[@class='question']")}
    assert answers["Has it been renewed?"].startswith("Yes, renewed")
    assert answers["Has filming started?"].startswith("Yes: in post-production")
    assert "Kim Do-hoon" in answers["Who is new?"] and "Seo Ji-hoon" not in answers["Who is new?"]
    assert "disputed: Kang Ye-rin" in answers["Who is new?"]  # denied by her agency: not said to join
    crew = [f for f in work_of(sheet, "Moonlit Academy")["facts"] if f["slot"] == "crew" and f["status"] == "current"]
    assert crew and all(f["person"] in answers["Who made it?"] and f["role"] in answers["Who made it?"] for f in crew)
    assert "Below the White Moon" in answers["What is it based on?"]
    assert answers["Is there a trailer?"].startswith("A teaser is out")


def test_every_fact_is_shown_once_and_superseded_or_disputed_ones_say_so(client, sheet):
    work = work_of(sheet, "Moonlit Academy")
    doc = page(client, f"/works/{WORK}")
    items = doc.xpath("//li[@data-fact]")
    assert sorted(int(li.get("data-fact")) for li in items) == list(range(len(work["facts"])))
    for li in items:
        fact = work["facts"][int(li.get("data-fact"))]
        label = text_of(li.xpath("span[@class='what']")[0])
        assert f"st-{fact['status']}" in li.get("class")
        if fact["status"] == "superseded":
            assert li.xpath("span[@class='what']/s"), label  # struck through, not hidden
            assert "superseded" in text_of(li)
        if fact["status"] == "disputed":
            assert "disputed" in text_of(li)


def _fields(el, attribute: str) -> dict[str, str]:
    return {dd.get(attribute): dd.text_content() for dd in el.xpath(f".//*[@{attribute}]")}


def _shown_as_exported(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def assert_page_shows_exactly_the_export(doc, work: dict) -> None:
    """Every field of every fact and evidence item the export has is on the page with its value,
    and the page shows no field the export does not have."""
    article = doc.xpath("//article[@class='work']")[0]
    assert set(_fields(article, "data-work-field")) == set(work)
    for li in doc.xpath("//li[@data-fact]"):
        fact = work["facts"][int(li.get("data-fact"))]
        shown = _fields(li, "data-field")
        assert set(shown) == set(fact), (set(shown) ^ set(fact))
        for key, value in fact.items():
            if key != "evidence":
                assert shown[key] == _shown_as_exported(value), key
        quotes = li.xpath(".//li[@data-evidence]")
        assert len(quotes) == len(fact["evidence"])
        for item, ev in zip(quotes, fact["evidence"]):
            shown = _fields(item, "data-evidence-field")
            assert shown == {k: _shown_as_exported(v) for k, v in ev.items()}


def test_the_page_shows_exactly_the_fields_the_export_has(client, sheet):
    doc = page(client, f"/works/{WORK}")
    assert_page_shows_exactly_the_export(doc, work_of(sheet, "Moonlit Academy"))


def test_a_field_added_to_the_export_shows_up_without_a_template_change(db, sheet, monkeypatch):
    plain = export.fact_json

    def with_rule(f):
        out = plain(f)
        out["basis"] = "two sources agree"
        for ev in out["evidence"]:
            ev["rule"] = "release.verb"
        return out
    monkeypatch.setattr(export, "fact_json", with_rule)
    work = work_of(sheet, "Moonlit Academy")
    richer = {**work, "facts": [{**f, "basis": "two sources agree",
                                 "evidence": [{**e, "rule": "release.verb"} for e in f["evidence"]]}
                                for f in work["facts"]]}
    doc = page(TestClient(create_app(db)), f"/works/{WORK}")
    assert_page_shows_exactly_the_export(doc, richer)
    with pytest.raises(AssertionError):  # and the check notices a page that lacks them
        assert_page_shows_exactly_the_export(doc, {**work, "facts": [{**f, "extra": 1} for f in work["facts"]]})


def test_each_quote_links_to_the_source_page_where_it_is_highlighted(client, sheet):
    work = work_of(sheet, "Moonlit Academy")
    doc = page(client, f"/works/{WORK}")
    checked = 0
    for li in doc.xpath("//li[@data-fact]")[:12]:
        fact = work["facts"][int(li.get("data-fact"))]
        for item, ev in zip(li.xpath(".//li[@data-evidence]"), fact["evidence"]):
            href = item.xpath(".//blockquote/a/@href")[0]
            path, anchor = href.split("#")
            assert unquote(path) == f"/documents/{ev['doc']}" and anchor == f"q-{ev['start']}-{ev['end']}"
            source = page(client, path)
            marks = [m for m in source.xpath("//mark[@data-quote]") if anchor in m.get("data-quote").split()]
            assert "".join(m.text_content() for m in marks) == ev["quote"]
            assert source.xpath(f"//*[@id='{anchor}']")
            checked += 1
    assert checked >= 12


def test_the_timeline_chart_is_inline_svg_with_a_table_for_screen_readers(client, sheet):
    work = work_of(sheet, "Moonlit Academy")
    doc = page(client, f"/works/{WORK}")
    svg = doc.xpath("//section[@id='timeline']//svg")[0]
    assert svg.get("role") == "img" and svg.xpath(".//title")
    bars = svg.xpath(".//rect[contains(@class, 'bar')]")
    rows = doc.xpath("//table[@class='timeline-table']/tbody/tr")
    assert len(bars) == len(rows) == len(work["timeline"])
    assert any("faded" in b.get("class") for b in bars)          # superseded claims are faded
    assert any("c-official" in b.get("class") for b in bars) and any("c-rumor" in b.get("class") for b in bars)
    assert "today's answer: 2026" in text_of(svg)
    assert any("undated" in text_of(r) for r in rows)            # undated sources sit at their inferred range
    assert svg.xpath(".//line[@class='undated-span']")


def test_since_marks_what_appeared_moved_or_was_superseded(client):
    doc = page(client, f"/works/{WORK}?since=2025-01-01")
    changes = text_of(doc.xpath("//section[@class='changes']")[0])
    assert "What changed since 1 January 2025" in changes
    assert "release moved from" in changes and "to 2026" in changes
    assert "release 2025 was replaced by 2026" in changes
    marked = doc.xpath("//li[contains(@class, 'changed')]")
    assert marked and all(li.xpath(".//span[@class='change']") for li in marked)
    assert not page(client, f"/works/{WORK}").xpath("//li[contains(@class, 'changed')]")


# the source page ----------------------------------------------------------------
def _stored_text(doc) -> str:
    """The text block of a source page without the 'left out' labels."""
    block = doc.xpath("//div[@class='text']")[0]
    for label in block.xpath(".//span[@class='why']"):
        label.drop_tree()
    return block.text_content()


def test_the_source_page_shows_the_stored_text_with_left_out_parts_labelled(client, db):
    doc_id = "07_moonlit-academy-season-2-delayed-2026"
    doc = page(client, f"/documents/{doc_id}")
    with Store(db) as store:
        text = store.text(doc_id)
    labels = [text_of(s) for s in doc.xpath("//span[@class='why']")]
    assert any("block of other stories or comments" in label for label in labels)
    grey = "".join(s.text_content() for s in doc.xpath("//div[@class='text']//span[@class='dropped']"))
    assert "Please enter your comment" in grey
    assert _stored_text(doc) == text                        # nothing rewritten, nothing dropped from view
    api = client.get(f"/api/documents/{doc_id}").json()
    assert api["text"] == text and api["left_out"] and api["claims"]
    assert all(text[c["start"]:c["end"]] == c["quote"] for c in api["claims"])


def test_the_source_page_gives_the_date_or_inferred_range_with_its_reason(client):
    undated = text_of(page(client, "/documents/01_moonlit-academy-season-2-will-netflix-renew").xpath(
        "//dl[@class='doc-meta']")[0])
    assert "undated (between 1 November 2022 and 4 December 2023)" in undated and "inferred" in undated
    dated = text_of(page(client, "/documents/03_moonlight-academy-s2-filming-lumiq-rae").xpath(
        "//dl[@class='doc-meta']")[0])
    assert "3 March 2024" in dated and "states for itself" in dated


def test_the_source_page_lists_the_claims_taken_from_it(client):
    doc = page(client, "/documents/07_moonlit-academy-season-2-delayed-2026")
    claims = doc.xpath("//section[@class='claims']//li")
    assert claims and all(li.xpath("a/@href")[0].startswith("#q-") for li in claims)
    assert any("release" in text_of(li) and "2026" in text_of(li) for li in claims)


@pytest.mark.parametrize("doc_id, status, reason", [
    ("empty", "rejected", "empty file"), ("french", "skipped", "not English (fr)"),
    ("not_about_a_release", "skipped", "not about a release")])
def test_skipped_and_rejected_inputs_have_a_page_with_their_reason(client, doc_id, status, reason):
    meta = text_of(page(client, f"/documents/{doc_id}").xpath("//dl[@class='doc-meta']")[0])
    assert status in meta and reason in meta
    listing = text_of(page(client, "/documents"))
    assert reason in listing


# the JSON API -------------------------------------------------------------------
def test_api_works_lists_each_work_with_a_stable_id_and_its_release_answer(client, sheet):
    works = client.get("/api/works").json()["works"]
    assert {w["id"] for w in works} == {slug(w["title"], w["season"]) for w in sheet["works"]}
    moonlit = next(w for w in works if w["id"] == WORK)
    assert moonlit["release"]["value"] == "2026" and moonlit["release"]["certainty"] == "official"
    assert client.get(moonlit["links"]["factsheet"]).status_code == 200


def test_api_factsheet_is_the_export_contract_for_that_work(client, sheet):
    got = client.get(f"/api/works/{WORK}/factsheet").json()
    work = work_of(sheet, "Moonlit Academy")
    assert got["schema"] == "whatweknow.factsheet/1" and got["as_of"] == sheet["as_of"]
    assert got["works"] == [work]
    cited = {e["doc"] for f in work["facts"] for e in f["evidence"]}
    assert {d["id"] for d in got["documents"]} >= cited
    exported = {d["id"]: d for d in sheet["documents"]}
    assert all(d == exported[d["id"]] for d in got["documents"])
    with_text = client.get(f"/api/works/{WORK}/factsheet", params={"with_text": "true"}).json()
    texts = {d["id"]: d["text"] for d in with_text["documents"]}
    assert all(texts[e["doc"]][e["start"]:e["end"]] == e["quote"] for f in work["facts"] for e in f["evidence"])


def test_api_timeline_and_changes(client, sheet):
    rows = client.get(f"/api/works/{WORK}/timeline").json()["rows"]
    assert [r["value"] for r in rows] == [r["value"] for r in work_of(sheet, "Moonlit Academy")["timeline"]]
    assert all(r["link"].endswith(f"#q-{r['start']}-{r['end']}") for r in rows)
    got = client.get("/api/changes", params={"since": "2025-01-01", "work": WORK}).json()
    [entry] = got["works"]
    kinds = {c["kind"] for c in entry["changes"]}
    assert kinds == {"new", "moved", "superseded"}
    assert all(c["date"] > "2025-01-01" for c in entry["changes"])


@pytest.mark.parametrize("url, status, words", [
    ("/api/works/no-such-show/factsheet", 404, "no work with id 'no-such-show'"),
    ("/api/works/no-such-show/timeline", 404, "no work"),
    ("/api/documents/nope", 404, "no document with id 'nope'"),
    ("/api/changes?since=2025-13-40", 422, "since"),
    ("/api/changes?since=yesterday", 422, "not a date"),
    ("/api/changes", 422, "since"),
    ("/api/search?q=", 422, "q"),
    ("/api/search?q=" + "x" * 201, 422, "q"),
    ("/api/search?q=a&limit=0", 422, "limit"),
    ("/api/search?q=a&limit=lots", 422, "limit"),
    ("/api/works/Bad%20Id!/factsheet", 422, "work_id"),
    ("/api/works/" + "a" * 200 + "/factsheet", 422, "work_id"),
    ("/api/nothing-here", 404, "no page"),
])
def test_api_errors_are_json_with_a_clear_message(client, url, status, words):
    r = client.get(url)
    assert r.status_code == status and r.headers["content-type"].startswith("application/json")
    assert words in r.json()["detail"]


@pytest.mark.parametrize("url", ["/works/no-such-show", f"/works/{WORK}?since=June", "/documents/nope",
                                 "/?q=" + "x" * 300, "/nothing"])
def test_page_errors_are_pages_not_tracebacks(client, url):
    r = client.get(url, headers=HTML)
    assert r.status_code in (404, 422) and "<h1>" in r.text and "Traceback" not in r.text


def test_odd_parameters_never_cause_a_server_error(client):
    odd = ["", "%00", "%FF%FE", "..%2F..%2Fetc%2Fpasswd", "%3Cscript%3E", "a" * 5000, "0", "-1", "9" * 30, "null"]
    for v in odd:
        for url in (f"/api/search?q={v}", f"/api/changes?since={v}", f"/api/documents/{v}", f"/works/{WORK}?since={v}",
                    f"/api/works/{v}/factsheet", f"/documents/{v}", f"/?q={v}", f"/api/search?q=a&limit={v}"):
            assert client.get(url).status_code < 500, url


def test_openapi_is_served_and_docs_need_no_cdn(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/works", "/api/works/{work_id}/factsheet", "/api/works/{work_id}/timeline",
                 "/api/documents/{doc_id}", "/api/search", "/api/changes"):
        assert path in spec["paths"]
    doc = page(client, "/docs")
    assert not doc.xpath("//script") and "/api/search" in text_of(doc)
    assert "maxLength 200" in text_of(doc)  # the bounds a caller must respect are documented


# safety -------------------------------------------------------------------------
def test_every_response_carries_a_strict_csp_and_nosniff(client):
    for url in ("/", f"/works/{WORK}", "/documents", "/api/works", "/static/style.css", "/api/documents/nope",
                "/nothing"):
        r = client.get(url, headers=HTML)
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp
        assert "script-src" not in csp  # falls back to 'none': no script of any kind
        assert r.headers["x-content-type-options"] == "nosniff"


def test_pages_load_nothing_from_the_network(client):
    for url in ("/", f"/works/{WORK}", "/documents/07_moonlit-academy-season-2-delayed-2026", "/docs"):
        doc = page(client, url)
        assert not doc.xpath("//script")
        for res in doc.xpath("//link/@href | //img/@src | //iframe/@src | //object/@data"):
            assert not urlparse(res).netloc and res.startswith("/"), res


def _hostile_urls(client) -> list[str]:
    return ["/", "/?q=alert", "/?q=onerror", "/?q=textarea", "/works/glass-river-s2", "/documents",
            "/documents/glass-river-hostile", "/works/glass-river-s2?since=2024-01-01"]


def test_hostile_article_text_renders_inert_everywhere(client):
    work = page(client, "/works/glass-river-s2")
    quotes = " ".join(work.xpath("//span[@data-evidence-field='quote']/text()"))
    assert "onerror=alert" in quotes and "<script>" in quotes  # the payloads reach the page, as text
    for url in _hostile_urls(client):
        r = client.get(url, headers=HTML)
        assert r.status_code == 200, url
        assert "<script" not in r.text.lower() and "<img" not in r.text.lower() and "<svg onload" not in r.text
        assert "</textarea><" not in r.text
        doc = lxml.html.fromstring(r.text)
        assert not doc.xpath("//script | //textarea | //img | //iframe"), url
        for el in doc.iter():
            for name, value in el.attrib.items():
                assert not name.lower().startswith("on"), (url, name)
                assert not value.strip().lower().startswith("javascript:"), (url, name, value)
    source = page(client, "/documents/glass-river-hostile")
    assert any(p.split(">")[0] in text_of(source) for p in PAYLOADS)
    assert "<script>alert('s1')</script>" in _stored_text(source)


def test_a_source_url_is_a_link_only_when_it_is_http_or_https(client):
    hostile = page(client, "/documents/glass-river-hostile")
    meta = hostile.xpath("//dl[@class='doc-meta']")[0]
    assert "javascript:alert('u1')" in text_of(meta) and not meta.xpath(".//a[contains(@href, 'javascript')]")
    linked = page(client, "/documents/glass-river-linked")
    assert linked.xpath("//dl[@class='doc-meta']//a[@rel]/@href") == ["https://news.example.org/glass-river"]
    assert "noopener" in linked.xpath("//dl[@class='doc-meta']//a/@rel")[0]


def _files(db: Path) -> dict[str, str]:
    """The store file's bytes, and its write-ahead log's (a read-only reader of a WAL store may
    leave an empty log and the shared-memory index beside it: neither holds data)."""
    wal = db.parent / (db.name + "-wal")
    return {db.name: hashlib.sha256(db.read_bytes()).hexdigest(),
            "wal": hashlib.sha256(wal.read_bytes()).hexdigest() if wal.exists() and wal.stat().st_size else ""}


def test_serving_never_writes_the_store(db, client):
    before = _files(db)
    for url in ("/", "/?q=Seo", f"/works/{WORK}?since=2024-01-01", "/documents", "/documents/french",
                f"/api/works/{WORK}/factsheet", "/api/changes?since=2024-01-01", "/api/search?q=moon"):
        assert client.get(url).status_code == 200
    assert _files(db) == before
    with Store(db, read_only=True) as store:
        with pytest.raises(Exception, match="readonly|read-only"):
            store.set_as_of("1999-01-01")


def test_a_missing_or_broken_store_is_a_clear_error_not_a_crash(tmp_path):
    client = TestClient(create_app(tmp_path / "gone.db"), raise_server_exceptions=False)
    r = client.get("/api/works")
    assert r.status_code == 503 and "no such store" in r.json()["detail"]
    assert not (tmp_path / "gone.db").exists()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database " * 100)
    r = TestClient(create_app(junk), raise_server_exceptions=False).get("/api/works")
    assert r.status_code == 503 and "not a whatweknow store" in r.json()["detail"]


# other corpora ------------------------------------------------------------------
def _build(tmp_path: Path, *inputs) -> Path:
    from whatweknow.build import build

    db = tmp_path / "w.db"
    with Store(db) as store:
        build([str(i) for i in inputs], store)
    return db


def test_every_page_of_the_second_example_corpus_renders(tmp_path):
    client = TestClient(create_app(_build(tmp_path, EXAMPLES / "tide-and-ember")), raise_server_exceptions=False)
    works = client.get("/api/works").json()["works"]
    assert works
    with Store(tmp_path / "w.db") as store:
        sheet = json.loads(json.dumps(export.sheet(store)))
    for w in works:
        doc = page(client, f"/works/{w['id']}")
        exported = next(x for x in sheet["works"] if slug(x["title"], x["season"]) == w["id"])
        assert_page_shows_exactly_the_export(doc, exported)
    for d in sheet["documents"]:
        page(client, f"/documents/{d['id']}")


def test_the_answer_box_says_2026_for_the_seed_show(seeds, tmp_path):
    client = TestClient(create_app(_build(tmp_path, seeds)), raise_server_exceptions=False)
    works = client.get("/api/works").json()["works"]
    top = max(works, key=lambda w: w["facts"])
    answer = text_of(page(client, f"/works/{top['id']}").xpath("//p[@class='answer']")[0])
    assert answer.startswith("2026")


# the command --------------------------------------------------------------------
def test_serve_prints_the_address_and_answers_there(db, tmp_path):
    import re
    import subprocess
    import sys

    import httpx

    script = Path(sys.executable).with_name("whatweknow")
    log = tmp_path / "stderr.txt"
    with log.open("w") as stderr:
        proc = subprocess.Popen([str(script), "serve", "--db", str(db), "--port", "0"], stdout=subprocess.PIPE,
                                stderr=stderr, text=True)
    try:
        line = proc.stdout.readline()
        address = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert address, (line, proc.poll(), log.read_text())
        r = httpx.get(address.group(0) + f"works/{WORK}", headers=HTML)
        assert r.status_code == 200 and "2026" in r.text
        assert "default-src 'none'" in r.headers["content-security-policy"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_errors_are_one_clear_line(db, tmp_path):
    import socket

    from typer.testing import CliRunner

    from whatweknow.cli import app

    runner = CliRunner()
    missing = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "no such store" in missing.output and not (tmp_path / "none.db").exists()
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        busy = runner.invoke(app, ["serve", "--db", str(db), "--port", str(taken.getsockname()[1])])
    finally:
        taken.close()
    assert busy.exit_code == 2 and "cannot listen on 127.0.0.1:" in busy.output
    assert len([line for line in busy.output.splitlines() if line.strip()]) == 1
    for command in (["serve", "--help"], ["changes", "--help"]):
        assert runner.invoke(app, command).exit_code == 0


# the words on the page, from plain records ----------------------------------------
def _release(value: str, status: str, day: str, certainty: str = "official"):
    from whatweknow.records import Evidence, Fact

    return Fact("release", {"value": value}, status, certainty,
                [Evidence(doc="d" + day, start=0, end=1, quote="x", published=day, certainty=certainty)])


def test_work_ids_are_slugs_of_title_and_season_and_never_collide():
    from whatweknow.records import Work
    from whatweknow.web.views import by_slug

    assert slug("All of Us Are Dead", 2) == "all-of-us-are-dead-s2"
    assert slug("Amélie: The Return!", None) == "amelie-the-return"
    assert slug("시즌", 1) == "work-s1"
    ids = list(by_slug([Work("Tide & Ember", season=3), Work("Tide and Ember", season=3), Work("Tide & Ember")]))
    assert sorted(ids) == ["tide-and-ember-s3", "tide-ember", "tide-ember-s3"]


@pytest.mark.parametrize("url, link", [
    ("https://example.org/a", "https://example.org/a"), ("http://example.org", "http://example.org"),
    ("javascript:alert(1)", None), (" JaVaScRiPt:alert(1)", None), ("data:text/html,<b>", None),
    ("//example.org/a", None), ("file:///etc/passwd", None), ("https:///nohost", None), (None, None)])
def test_a_source_url_becomes_a_link_only_for_http_and_https(url, link):
    from whatweknow.web.views import safe_url

    assert safe_url(url) == link


def test_the_answer_box_in_words():
    from whatweknow.records import Work
    from whatweknow.web.views import answer_box

    later = Work("X", season=1, facts=[_release("2026-03", "current", "2025-05-01"),
                                       _release("2025", "superseded", "2024-01-01")])
    assert answer_box(later, "2025-05-01").words == \
        "March 2026 — postponed from 2025; no exact date yet as of 1 May 2025"
    sooner = Work("X", season=1, facts=[_release("2025-10-03", "current", "2025-05-01"),
                                        _release("2025-11/2026-02", "superseded", "2024-01-01")])
    assert answer_box(sooner, "2025-05-01").words == \
        "3 October 2025 — brought forward from November 2025 to February 2026"
    assert answer_box(Work("X"), "2025-05-01").words == "No release date yet as of 1 May 2025"
    passed = Work("X", facts=[_release("2024", "superseded", "2023-01-01")])
    assert "every window named so far has passed" in answer_box(passed, "2025-05-01").words
    split = Work("X", facts=[_release("2026", "disputed", "2025-01-01"), _release("2027", "disputed", "2025-01-02")])
    assert answer_box(split, "2025-01-02").words.endswith("disputed with 2027")


def test_search_sees_a_build_made_while_the_server_runs(tmp_path):
    from webcorpus import hostile_records
    from whatweknow.build import build

    db = _build(tmp_path, EXAMPLES / "moonlit-academy" / "07_moonlit-academy-season-2-delayed-2026.txt")
    with TestClient(create_app(db)) as client:  # the index is built at start-up
        assert client.get("/api/search", params={"q": "Glass River"}).json()["works"] == []
        feed = tmp_path / "more.jsonl"
        feed.write_text("".join(json.dumps(r) + "\n" for r in hostile_records()), encoding="utf-8")
        with Store(db) as store:
            build([str(feed)], store)
        found = client.get("/api/search", params={"q": "Glass River"}).json()["works"]
        assert [w["id"] for w in found] == ["glass-river-s2"]
