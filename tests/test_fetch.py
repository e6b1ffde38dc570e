"""Web pages as build inputs: fetched within limits, refused when they point inside the network,
and every failure a `rejected` document with its reason while the build goes on.

The pages come from a web server the tests start on 127.0.0.1 (tests/loopback.py), so the
tests pass --allow-private; nothing leaves the machine."""
from __future__ import annotations

import shutil
import socket
import ssl
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from loopback import Route, Site, article
from whatweknow import fetch
from whatweknow.build import build
from whatweknow.cli import app
from whatweknow.store import Store

runner = CliRunner()
LIMITS = fetch.Limits(allow_private=True, timeout=2.0, max_bytes=50_000)


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


def docs(db) -> dict:
    with Store(db) as store:
        return {d.source: d for d in store.documents(with_text=True)}


def test_a_url_is_built_like_a_file_and_mixed_with_files(site, tmp_path):
    site.routes["/news/2026/03/04/quiet-harbour-season-2.html"] = Route(article("quiet", 2026))
    local = tmp_path / "fen.html"
    local.write_bytes(article("fen", 2027, published="2026-02-01"))
    url = site.url("/news/2026/03/04/quiet-harbour-season-2.html")
    db = tmp_path / "w.db"
    result = cli("build", "--db", str(db), "--allow-private", url, str(local))
    assert result.exit_code == 0, result.output
    assert "2 ok, 0 skipped, 0 rejected | works: 2" in result.stdout
    page = docs(db)[url]
    assert page.id == "quiet-harbour-season-2" and page.url == url
    assert page.published == "2026-03-04"  # no date in the markup: the one in the URL
    assert page.text.startswith("The Quiet Harbour season 2 release date")
    assert "Copyright" not in page.text  # the article, not the page around it
    [request] = site.requests("/news/2026/03/04/quiet-harbour-season-2.html")
    assert request.headers["user-agent"].startswith("whatweknow/")


def test_page_dates_come_from_the_markup_first_and_last_modified_only_when_nothing_else_says(site, tmp_path):
    site.routes["/dated"] = Route(article("quiet", 2026, published="2026-01-20"))
    site.routes["/undated"] = Route(article("fen", 2027), last_modified="Fri, 06 Feb 2026 08:00:00 GMT")
    with Store(tmp_path / "w.db") as store:
        build([site.url("/dated"), site.url("/undated")], store, web=fetch.Web(store, LIMITS))
        dates = {d.id: d.published for d in store.documents()}
    assert dates == {"dated": "2026-01-20", "undated": "2026-02-06"}


BROKEN = {  # path: (route, words the reason must contain)
    "/missing": (None, "HTTP 404"),
    "/error": (Route(b"oops", status=500, content_type="text/plain"), "HTTP 500"),
    "/report.pdf": (Route(b"%PDF-1.4", content_type="application/pdf"), "not HTML (application/pdf)"),
    "/data": (Route(b'{"a": 1}', content_type=None), "not HTML"),
    "/huge": (Route(b"<html><body>" + b"<p>word</p>" * 10_000), "over the size limit"),
    "/endless": (Route(b"<html><body>" + b"<p>word</p>" * 10_000, length=False), "over the size limit"),
    "/empty-page": (Route(b"<html><body><script>x()</script></body></html>"), "no article text"),
}


def test_every_failure_is_a_rejected_document_with_its_reason_and_the_build_goes_on(site, tmp_path):
    for path, (route, _) in BROKEN.items():
        if route:
            site.routes[path] = route
    site.routes["/good"] = Route(article("lantern", 2026))
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}/article"
    urls = [site.url(p) for p in BROKEN] + [closed, "ftp://127.0.0.1/article", site.url("/good")]
    db = tmp_path / "w.db"
    result = cli("build", "--db", str(db), "--allow-private", "--max-bytes", "50000", *urls)
    assert result.exit_code == 0, result.output
    assert f"1 ok, 0 skipped, {len(urls) - 1} rejected" in result.stdout
    stored = docs(db)
    for path, (_, words) in BROKEN.items():
        assert stored[site.url(path)].status == "rejected" and words in stored[site.url(path)].reason, path
    assert "cannot connect (connection refused)" == stored[closed].reason
    assert "unsupported URL scheme 'ftp'" in stored["ftp://127.0.0.1/article"].reason
    problems = [line for line in result.stderr.splitlines() if ": rejected: " in line]
    assert len(problems) == len(urls) - 1  # one line each


def test_a_slow_server_times_out_whether_it_stalls_or_trickles(site, tmp_path):
    site.routes["/stalls"] = Route(article("quiet", 2026), delay=5)
    site.routes["/trickles"] = Route(article("fen", 2026, note="More soon. " * 600), drip=0.5)  # each piece in time, the whole too late
    with Store(tmp_path / "w.db") as store:
        summary = build([site.url("/stalls"), site.url("/trickles")], store, web=fetch.Web(store, LIMITS))
        reasons = {d.id: d.reason for d in store.documents()}
    assert summary.counts["rejected"] == 2
    assert reasons == {"stalls": "timed out (no complete answer within 2 s)",
                       "trickles": "timed out (no complete answer within 2 s)"}


def test_a_host_that_does_not_resolve_is_rejected(tmp_path):
    def resolve(host, port):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    with Store(tmp_path / "w.db") as store:
        summary = build(["http://news.invalid/a"], store, web=fetch.Web(store, LIMITS, resolve))
        [doc] = store.documents()
    assert summary.counts["rejected"] == 1
    assert doc.reason == "DNS lookup for news.invalid failed (Name or service not known)"


def test_a_private_address_is_refused_with_a_one_line_reason_unless_allowed(site, tmp_path):
    site.routes["/a"] = Route(article("quiet", 2026))
    db = tmp_path / "w.db"
    result = cli("build", "--db", str(db), site.url("/a"))
    assert result.exit_code == 1
    [line] = [line for line in result.stderr.splitlines() if line.strip()]
    assert line == (f"{site.url('/a')}: rejected: refused: 127.0.0.1 is a private, loopback or link-local "
                    "address; use --allow-private to fetch it")
    assert site.log == []  # not even one request went out
    assert cli("build", "--db", str(db), "--allow-private", site.url("/a")).exit_code == 0


@pytest.mark.parametrize("url", ["http://10.1.2.3/a", "http://192.168.0.1/", "http://169.254.169.254/latest/",
                                 "http://[::1]/", "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/",
                                 "http://2130706433/", "http://0.0.0.0/", "http://100.64.0.1/", "http://[fc00::1]/",
                                 "http://[64:ff9b::7f00:1]/", "http://[2002:7f00:1::1]/", "http://224.0.0.1/"])
def test_every_private_loopback_or_link_local_form_is_refused_before_connecting(url):
    fetcher = fetch.Fetcher(fetch.Limits())
    with pytest.raises(fetch.FetchError, match="^refused: .* private, loopback or link-local"):
        fetcher.get(url)


def test_a_name_is_refused_when_any_of_its_addresses_is_private():
    fetcher = fetch.Fetcher(fetch.Limits(), resolve=lambda host, port: ["93.184.215.14", "10.0.0.7"])
    with pytest.raises(fetch.FetchError, match=r"^refused: news\.example \(at 10\.0\.0\.7\)"):
        fetcher.get("http://news.example/a")


def test_redirects_are_followed_a_few_times_only(site, tmp_path):
    site.routes["/story"] = Route(article("quiet", 2026))
    site.routes["/short"] = Route(status=301, headers={"Location": "/hop"}, validators=False)
    site.routes["/hop"] = Route(status=302, headers={"Location": site.url("/story")}, validators=False)
    for i in range(5):
        site.routes[f"/loop{i}"] = Route(status=307, headers={"Location": f"/loop{i + 1}"}, validators=False)
    site.routes["/to-ftp"] = Route(status=302, headers={"Location": "ftp://127.0.0.1/x"}, validators=False)
    fetcher = fetch.Fetcher(LIMITS)
    got = fetcher.get(site.url("/short"))
    assert got.url == site.url("/story") and b"The Quiet Harbour" in got.body
    with pytest.raises(fetch.FetchError, match=r"too many redirects \(more than 3\)"):
        fetcher.get(site.url("/loop0"))
    assert not site.requests("/loop4")
    with pytest.raises(fetch.FetchError, match="unsupported URL scheme 'ftp'"):
        fetcher.get(site.url("/to-ftp"))


def test_each_redirect_target_is_checked_like_the_first_address(site, monkeypatch):
    # for this test only 127.0.0.1 counts as public, so a redirect to 127.0.0.2 plays an internal address
    monkeypatch.setattr(fetch, "_public", lambda address: str(address) == "127.0.0.1")
    site.routes["/out"] = Route(status=302, headers={"Location": f"http://127.0.0.2:{site.port}/admin"},
                                validators=False)
    with pytest.raises(fetch.FetchError, match=r"^refused: 127\.0\.0\.2 is a private"):
        fetch.Fetcher(fetch.Limits()).get(site.url("/out"))
    assert [r.path for r in site.log] == ["/out"]


def test_an_unchanged_page_costs_one_conditional_request_and_changes_nothing(site, tmp_path):
    site.routes["/a"] = Route(article("quiet", 2026))
    db = tmp_path / "w.db"
    assert cli("build", "--db", str(db), "--allow-private", site.url("/a")).exit_code == 0
    before = docs(db)
    result = cli("build", "--db", str(db), "--allow-private", site.url("/a"))
    assert result.exit_code == 0 and "0 ok, 0 skipped, 0 rejected, 1 unchanged" in result.stdout
    first, second = site.requests("/a")
    assert "if-none-match" not in first.headers and second.headers["if-none-match"]
    assert docs(db) == before


def test_a_changed_page_is_a_new_version_of_the_same_document(site, tmp_path):
    site.routes["/a"] = Route(article("quiet", 2026, published="2026-01-10"))
    with Store(tmp_path / "w.db") as store:
        build([site.url("/a")], store, web=fetch.Web(store, LIMITS))
        site.routes["/a"] = Route(article("quiet", 2027, published="2026-01-10", note="The date moved."))
        build([site.url("/a")], store, web=fetch.Web(store, LIMITS))
        [doc] = store.documents(with_text=True)
        versions = store.versions("a")
    assert [v["version"] for v in versions] == [1, 2]
    assert "2026" in versions[0]["text"].splitlines()[0] and versions[1]["text"] == doc.text
    assert "confirmed for 2027" in doc.text


def test_a_page_that_fails_later_keeps_the_copy_stored_before(site, tmp_path):
    site.routes["/a"] = Route(article("quiet", 2026))
    db = tmp_path / "w.db"
    assert cli("build", "--db", str(db), "--allow-private", site.url("/a")).exit_code == 0
    site.routes["/a"] = Route(b"down", status=503, content_type="text/plain")
    result = cli("build", "--db", str(db), "--allow-private", site.url("/a"))
    assert result.exit_code == 0 and "1 unchanged" in result.stdout
    assert "HTTP 503" in result.stderr and "the copy stored earlier is kept" in result.stderr
    assert docs(db)[site.url("/a")].status == "ok"


def test_build_reads_a_url_list_with_comments(site, tmp_path):
    site.routes["/a"] = Route(article("quiet", 2026))
    site.routes["/b"] = Route(article("fen", 2027))
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# my reading list\n{site.url('/a')}\n\n   # later\n{site.url('/b')}\n", encoding="utf-8")
    result = cli("build", "--db", str(tmp_path / "w.db"), "--allow-private", "--urls", str(listing))
    assert result.exit_code == 0 and "2 ok, 0 skipped, 0 rejected" in result.stdout, result.output
    missing = cli("build", "--db", str(tmp_path / "w.db"), "--urls", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 2 and "nope.txt: cannot read the URL list" in missing.stderr


def test_one_host_gets_one_request_at_a_time_at_a_polite_rate(site, tmp_path, monkeypatch):
    monkeypatch.setattr(fetch, "POLITE_DELAY", 0.4)
    for p in ("/a", "/b", "/c"):
        site.routes[p] = Route(article("quiet", 2026, note=p))
    with Store(tmp_path / "w.db") as store:
        build([site.url(p) for p in ("/a", "/b", "/c")], store, web=fetch.Web(store, fetch.Limits(allow_private=True)))
    times = [r.at for r in site.log]
    assert len(times) == 3 and all(b - a >= 0.4 for a, b in zip(times, times[1:]))


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command to make a certificate")
def test_https_checks_the_certificate_against_the_name_though_it_connects_to_the_checked_address(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=news.test",
                    "-addext", "subjectAltName=DNS:news.test", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    site = Site(tls=(str(cert), str(key)))
    try:
        site.routes["/a"] = Route(article("quiet", 2026))
        to_loopback = lambda host, port: ["127.0.0.1"]  # noqa: E731 - both names lead to the test server
        fetcher = fetch.Fetcher(LIMITS, resolve=to_loopback, verify=ssl.create_default_context(cafile=str(cert)))
        got = fetcher.get(f"https://news.test:{site.port}/a")
        assert got.status == 200 and b"The Quiet Harbour" in got.body
        assert site.log[-1].headers["host"] == f"news.test:{site.port}"
        with pytest.raises(fetch.FetchError, match="certificate"):
            fetcher.get(f"https://other.test:{site.port}/a")  # the certificate does not name it
    finally:
        site.close()


def test_a_server_with_only_last_modified_gets_if_modified_since(site, tmp_path):
    site.routes["/a"] = Route(article("quiet", 2026), etag=False)
    with Store(tmp_path / "w.db") as store:
        build([site.url("/a")], store, web=fetch.Web(store, LIMITS))
        again = build([site.url("/a")], store, web=fetch.Web(store, LIMITS))
    assert again.counts["unchanged"] == 1
    first, second = site.requests("/a")
    assert "if-modified-since" not in first.headers and "if-none-match" not in second.headers
    assert second.headers["if-modified-since"] == "Tue, 03 Mar 2026 10:00:00 GMT"


def test_the_charset_the_server_names_is_the_one_the_page_is_read_in(site, tmp_path):
    body = article("quiet", 2026, note="Zoë Brandt, the composer, returns for the score.").decode().encode("iso-8859-1")
    site.routes["/a"] = Route(body, content_type="text/html; charset=ISO-8859-1")
    with Store(tmp_path / "w.db") as store:
        build([site.url("/a")], store, web=fetch.Web(store, LIMITS))
        [doc] = store.documents(with_text=True)
    assert doc.status == "ok" and "Zoë Brandt" in doc.text


_BODIES = st.one_of(st.binary(max_size=3000), st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
                    st.text(alphabet="<>/=\"' abcdhtmlbodypiv&;#x0123\n", max_size=1500).map(str.encode))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_BODIES, media=st.sampled_from(["text/html", "application/xhtml+xml", "", "image/png", "text/plain"]),
       charset=st.sampled_from([None, "utf-8", "iso-8859-1", "no-such-charset", "utf-16"]),
       last_modified=st.one_of(st.none(), st.text(max_size=40)))
def test_any_answer_a_server_gives_becomes_a_document_never_an_error(body, media, charset, last_modified):
    doc = fetch.page_document("x", "http://news.example/x", "http://news.example/x", body, media, charset,
                              last_modified, None)
    assert doc.status in ("ok", "rejected") and (doc.reason if doc.status == "rejected" else doc.text)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_any_address_is_fetched_or_refused_with_a_reason(url):
    fetcher = fetch.Fetcher(fetch.Limits(timeout=0.5), resolve=lambda host, port: ["10.0.0.1"])  # never connects
    with pytest.raises(fetch.FetchError) as refused:
        fetcher.get(url)
    assert str(refused.value) and "\n" not in str(refused.value)
