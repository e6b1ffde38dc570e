"""Following the news: `follow` remembers feeds, `update` reads them and ingests only what is
new, a changed article becomes a new version of the same document, and running `update` again
with nothing new changes nothing. The feeds and pages come from a loopback server."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from loopback import Route, Site, article, atom, rss
from whatweknow import feeds, fetch
from whatweknow.cli import app
from whatweknow.export import sheet
from whatweknow.store import Store

runner = CliRunner()


@pytest.fixture(autouse=True)
def no_politeness_wait(monkeypatch):
    monkeypatch.setattr(fetch, "POLITE_DELAY", 0.0)


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


def cli(*args: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "400"}, catch_exceptions=False)


def state(db) -> str:
    """Everything a reader sees: documents with their text, the sheet, and every version."""
    with Store(db) as store:
        data = sheet(store, with_text=True)
        data["versions"] = {d["id"]: store.versions(d["id"]) for d in data["documents"]}
    return json.dumps(data, sort_keys=True)


def three_feeds(site: Site) -> list[str]:
    """Two RSS feeds and one Atom feed, four articles about three invented shows."""
    for path, show, year in (("/quiet.html", "quiet", 2026), ("/fen.html", "fen", 2027),
                             ("/lantern.html", "lantern", 2026)):
        site.routes[path] = Route(article(show, year))
    site.routes["/fen-2.html"] = Route(article("fen", 2027, note="The cast gathered for a table read."))
    site.routes["/tv.xml"] = Route(rss("TV news", [
        {"title": "Quiet Harbour", "link": site.url("/quiet.html"), "guid": "tv-1", "date": "Wed, 04 Mar 2026 09:00:00 GMT"},
        {"title": "Silver Fen", "link": site.url("/fen.html"), "guid": "tv-2", "date": "Thu, 05 Mar 2026 09:00:00 GMT"},
    ]), content_type="application/rss+xml")
    site.routes["/streaming.xml"] = Route(rss("Streaming", [  # carries an article the first feed has too
        {"title": "Silver Fen", "link": site.url("/fen.html"), "guid": "s-9", "date": "Thu, 05 Mar 2026 09:00:00 GMT"},
        {"title": "Silver Fen table read", "link": site.url("/fen-2.html"), "guid": "s-10", "date": "Fri, 06 Mar 2026 09:00:00 GMT"},
    ]), content_type="text/xml")
    site.routes["/hospital.atom"] = Route(atom("Hospital dramas", [
        {"title": "Lantern Row", "link": site.url("/lantern.html"), "id": "urn:lantern:1", "updated": "2026-03-02T10:00:00Z"},
    ]), content_type="application/atom+xml")
    return [site.url("/tv.xml"), site.url("/streaming.xml"), site.url("/hospital.atom")]


def follow_all(db, urls):
    for url in urls:
        result = cli("follow", url, "--db", str(db))
        assert result.exit_code == 0 and "following" in result.stdout, result.output


def test_follow_three_feeds_then_update_ingests_every_article_once(site, tmp_path):
    db = tmp_path / "w.db"
    follow_all(db, three_feeds(site))
    result = cli("update", "--db", str(db), "--allow-private")
    assert result.exit_code == 0, result.output
    assert f"{site.url('/tv.xml')}: 2 new" in result.stdout
    assert f"{site.url('/streaming.xml')}: 1 new, 1 unchanged" in result.stdout  # the shared article once
    assert "new: quiet — The Quiet Harbour season 2" in result.stdout
    assert "+ The Quiet Harbour (season 2) · release: 2026 (current, official)" in result.stdout
    assert "4 ok, 0 skipped, 0 rejected | works: 3" in result.stdout
    with Store(db) as store:
        documents = {d.id: d for d in store.documents()}
    assert set(documents) == {"quiet", "fen", "fen-2", "lantern"}
    assert documents["lantern"].published == "2026-03-02"  # the feed's date for the entry
    assert len(site.requests("/fen.html")) == 1


def test_update_again_with_nothing_new_changes_nothing_and_costs_one_small_request_per_feed(site, tmp_path):
    db = tmp_path / "w.db"
    feeds = three_feeds(site)
    follow_all(db, feeds)
    assert cli("update", "--db", str(db), "--allow-private").exit_code == 0
    before, requests = state(db), len(site.log)
    result = cli("update", "--db", str(db), "--allow-private")
    assert result.exit_code == 0, result.output
    assert "nothing new since the last update" in result.stdout
    assert state(db) == before
    again = site.log[requests:]
    assert [r.path for r in again] == ["/tv.xml", "/streaming.xml", "/hospital.atom"]  # no page fetched
    assert all(r.headers.get("if-none-match") for r in again)  # each answered 304 Not Modified


def test_an_entry_edited_upstream_is_one_new_version_and_the_old_one_stays_as_history(site, tmp_path):
    db = tmp_path / "w.db"
    follow_all(db, three_feeds(site))
    assert cli("update", "--db", str(db), "--allow-private").exit_code == 0
    site.routes["/quiet.html"] = Route(article("quiet", 2027, note="Streamwell moved the season back a year."))
    site.routes["/tv.xml"] = Route(site.routes["/tv.xml"].body.replace(
        b"<title>Quiet Harbour</title>", b"<title>Quiet Harbour (updated)</title>").replace(
        b"Wed, 04 Mar 2026", b"Sat, 07 Mar 2026"), content_type="application/rss+xml")
    result = cli("update", "--db", str(db), "--allow-private")
    assert result.exit_code == 0, result.output
    assert f"{site.url('/tv.xml')}: 0 new, 1 changed, 1 unchanged" in result.stdout
    assert "updated (version 2): quiet" in result.stdout
    assert "~ The Quiet Harbour (season 2) · release: 2026 → 2027 (current, official)" in result.stdout
    with Store(db) as store:
        versions = store.versions("quiet")
        [doc] = [d for d in store.documents(with_text=True) if d.id == "quiet"]
        release = [f for w in store.works() if w.title == "The Quiet Harbour" for f in w.facts if f.slot == "release"]
        assert len(store.documents()) == 4  # a new version, not a duplicate
    assert [v["version"] for v in versions] == [1, 2]
    assert "confirmed for 2026" in versions[0]["text"] and versions[1]["text"] == doc.text
    assert doc.published == "2026-03-07"
    assert [f.fields["value"] for f in release if f.status == "current"] == ["2027"]
    # and once more: the edit is not seen twice
    assert "nothing new since the last update" in cli("update", "--db", str(db), "--allow-private").stdout


def test_a_broken_feed_or_article_is_reported_and_the_others_are_read(site, tmp_path):
    db = tmp_path / "w.db"
    site.routes["/page"] = Route(article("quiet", 2026))  # a page, not a feed
    site.routes["/feed.xml"] = Route(rss("News", [
        {"title": "Gone", "link": site.url("/gone.html"), "guid": "g-1", "date": "Wed, 04 Mar 2026 09:00:00 GMT"},
        {"title": "Fen", "link": site.url("/fen.html"), "guid": "g-2", "date": "Wed, 04 Mar 2026 09:00:00 GMT"},
    ]), content_type="application/rss+xml")
    site.routes["/fen.html"] = Route(article("fen", 2027))
    follow_all(db, [site.url("/page"), site.url("/down.xml"), site.url("/feed.xml")])
    result = cli("update", "--db", str(db), "--allow-private")
    assert result.exit_code == 0, result.output
    assert f"{site.url('/page')}: not read: not an RSS or Atom feed (text/html" in result.stdout
    assert f"{site.url('/down.xml')}: not read: HTTP 404 Not Found" in result.stdout
    assert f"{site.url('/gone.html')}: rejected: HTTP 404 Not Found" in result.stderr
    assert "1 ok, 0 skipped, 1 rejected" in result.stdout


def test_an_entry_with_its_text_in_the_feed_and_no_page_is_read_from_the_feed(site, tmp_path):
    db = tmp_path / "w.db"
    body = article("lantern", 2026).decode()
    body = body[body.index("<article>"):body.index("</article>") + 10]
    site.routes["/feed.xml"] = Route(rss("News", [
        {"title": "Lantern Row Hospital season 2 release date confirmed for 2026", "guid": "only-in-feed",
         "date": "Mon, 02 Mar 2026 09:00:00 GMT", "content": body}]), content_type="application/rss+xml")
    follow_all(db, [site.url("/feed.xml")])
    result = cli("update", "--db", str(db), "--allow-private")
    assert result.exit_code == 0 and "1 ok" in result.stdout, result.output
    with Store(db) as store:
        [doc] = store.documents()
    assert doc.status == "ok" and doc.published == "2026-03-02"
    assert [r.path for r in site.log] == ["/feed.xml"]


def test_a_feed_on_a_private_address_is_refused_without_allow_private(site, tmp_path):
    db = tmp_path / "w.db"
    site.routes["/feed.xml"] = Route(rss("News", []), content_type="application/rss+xml")
    follow_all(db, [site.url("/feed.xml")])
    result = cli("update", "--db", str(db))
    assert result.exit_code == 1
    assert (f"{site.url('/feed.xml')}: not read: refused: 127.0.0.1 is a private, loopback or link-local address;"
            " use --allow-private to fetch it") in result.stdout
    assert site.log == []


def test_follow_checks_the_address_and_remembers_each_feed_once(tmp_path):
    db = tmp_path / "w.db"
    bad = cli("follow", "file:///etc/passwd", "--db", str(db))
    assert bad.exit_code == 2 and bad.stderr.strip() == "error: file:///etc/passwd: not an http or https URL"
    assert cli("follow", "https://news.example/feed", "--db", str(db), "--title", "News").exit_code == 0
    again = cli("follow", "https://news.example/feed", "--db", str(db))
    assert "already following https://news.example/feed (1 feed(s) followed)" in again.stdout
    with Store(db) as store:
        assert [(url, title) for url, title, *_ in store.feeds()] == [("https://news.example/feed", "News")]


def test_update_with_no_feeds_says_how_to_follow_one(tmp_path):
    result = cli("update", "--db", str(tmp_path / "w.db"))
    assert result.exit_code == 1 and "no feeds followed; add one with 'whatweknow follow FEED_URL'" in result.stderr


def test_the_change_report_says_what_was_added_removed_moved_and_re_judged():
    def fact(work, slot, value, status="current", certainty="official"):
        return ((work, 2, slot, json.dumps({"value": value})), (f"{work} (season 2)", f"{slot}: {value}", status, certainty))

    before = dict([fact("Fen", "release", "2026"), fact("Fen", "trailer", "none"),
                   fact("Fen", "platform", "Streamwell", certainty="rumor")])
    after = dict([fact("Fen", "release", "2027"), fact("Fen", "platform", "Streamwell"),
                  fact("Fen", "renewal", "renewed")])
    assert feeds.compare(before, after) == [
        "~ Fen (season 2) · platform: Streamwell: current, rumor → current, official",
        "~ Fen (season 2) · release: 2026 → 2027 (current, official)",
        "+ Fen (season 2) · renewal: renewed (current, official)",
        "- Fen (season 2) · trailer: none (was current, official)",
    ]
    assert feeds.compare(after, after) == []


def test_follow_alone_lists_the_feeds_and_when_each_was_last_read(site, tmp_path):
    db = tmp_path / "w.db"
    site.routes["/feed.xml"] = Route(rss("Harbour news", []), content_type="application/rss+xml")
    follow_all(db, [site.url("/feed.xml")])
    assert "(last read: never)" in cli("follow", "--db", str(db)).stdout
    assert cli("update", "--db", str(db), "--allow-private").exit_code == 0
    listing = cli("follow", "--db", str(db)).stdout
    assert listing.startswith(f"{site.url('/feed.xml')}  Harbour news  (last read: 20")  # the feed's own title


def test_a_store_made_before_feeds_existed_gets_their_tables_on_the_first_follow(tmp_path):
    db = tmp_path / "old.db"
    with Store(db) as store:  # as an older whatweknow (schema version 3) left it
        for table in ("feed_entries", "feeds", "pages", "document_versions"):
            store.db.execute(f"DROP TABLE {table}")
        store.db.execute("UPDATE meta SET value='3' WHERE key='schema_version'")
    assert "no feeds followed" in cli("follow", "--db", str(db)).stdout
    with Store(db, read_only=True) as store:
        assert store.db.execute("SELECT COUNT(*) FROM sqlite_master WHERE name='feeds'").fetchone()[0] == 0  # a read wrote nothing
    assert cli("follow", "https://news.example/feed", "--db", str(db)).exit_code == 0
    with Store(db) as store:
        assert [f[0] for f in store.feeds()] == ["https://news.example/feed"]


def test_a_hostile_feed_cannot_make_the_reader_open_local_files(tmp_path):
    secret = tmp_path / "secret.xml"  # a local file that is itself a feed, should anything open it
    secret.write_bytes(rss("the-local-secret", [{"title": "the-local-secret", "link": "http://news.example/s",
                                                 "guid": "s", "date": "Wed, 04 Mar 2026 09:00:00 GMT"}]))
    entity = (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]><rss version="2.0">'
              f"<channel><title>&x;</title><item><title>a &x;</title><link>http://news.example/a</link></item>"
              "</channel></rss>").encode()
    parsed, _ = feeds._parse(fetch.Fetched("http://news.example/feed", 200, "application/rss+xml", None, entity))
    assert "the-local-secret" not in json.dumps(parsed, default=str)
    # a body that is only a path is a body, never a file to open
    parsed, reason = feeds._parse(fetch.Fetched("http://news.example/feed", 200, "text/plain", None,
                                                str(secret).encode()))
    assert parsed is None and reason.startswith("not an RSS or Atom feed")


def test_a_long_feed_is_read_a_few_articles_per_update_until_all_are_in(site, tmp_path, monkeypatch):
    monkeypatch.setattr(feeds, "MAX_ENTRIES", 2)
    db = tmp_path / "w.db"
    site.routes["/feed.xml"] = Route(rss("News", [
        {"title": show, "link": site.url(f"/{show}.html"), "guid": show, "date": "Wed, 04 Mar 2026 09:00:00 GMT"}
        for show in ("quiet", "fen", "lantern")]), content_type="application/rss+xml")
    for show in ("quiet", "fen", "lantern"):
        site.routes[f"/{show}.html"] = Route(article(show, 2026))
    follow_all(db, [site.url("/feed.xml")])
    first = cli("update", "--db", str(db), "--allow-private")
    assert f"{site.url('/feed.xml')}: 2 new, 1 left for the next update" in first.stdout
    second = cli("update", "--db", str(db), "--allow-private")
    assert f"{site.url('/feed.xml')}: 1 new, 2 unchanged" in second.stdout
    assert "if-none-match" not in site.requests("/feed.xml")[1].headers  # the whole feed, not "not modified"
    assert "nothing new since the last update" in cli("update", "--db", str(db), "--allow-private").stdout
    with Store(db) as store:
        assert len(store.documents()) == 3
