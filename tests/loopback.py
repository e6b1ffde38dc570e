"""A small web site on 127.0.0.1 for the fetching tests: each test sets the routes it needs,
and every request is logged. Nothing leaves the machine."""
from __future__ import annotations

import hashlib
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0          # seconds before the answer starts
    drip: float = 0.0           # seconds between 1 KB pieces of the body
    length: bool = True         # send Content-Length (else the body runs until the connection closes)
    validators: bool = True     # ETag and Last-Modified, and 304 to a request that has them
    last_modified: str = "Tue, 03 Mar 2026 10:00:00 GMT"
    etag: bool = True           # False: Last-Modified alone


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float


class Site:
    def __init__(self, tls: tuple[str, str] | None = None):
        """`tls`: (certificate file, key file) to serve https instead of http."""
        self.routes: dict[str, Route] = {}
        self.log: list[Request] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server API
                site.log.append(Request(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic()))
                route = site.routes.get(self.path)
                if route is None:
                    route = Route(b"<html><body>no such page</body></html>", status=404)
                time.sleep(route.delay)
                etag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
                last_modified = route.last_modified
                # as RFC 9110 says: If-None-Match, when sent, decides alone
                asked = self.headers.get("If-None-Match") if route.etag else None
                fresh = asked == etag if asked is not None else self.headers.get("If-Modified-Since") == last_modified
                if route.validators and route.status == 200 and fresh:
                    self.send_response(304)
                    if route.etag:
                        self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(route.status)
                if route.content_type:
                    self.send_header("Content-Type", route.content_type)
                if route.validators and route.status == 200:
                    if route.etag:
                        self.send_header("ETag", etag)
                    self.send_header("Last-Modified", last_modified)
                for k, v in route.headers.items():
                    self.send_header(k, v)
                if route.length:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                try:
                    step = 1024 if route.drip else 65536
                    for i in range(0, len(route.body), step):
                        self.wfile.write(route.body[i:i + step])
                        if route.drip:
                            self.wfile.flush()
                            time.sleep(route.drip)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up on purpose (too big, too slow)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.scheme = "http"
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
            self.scheme = "https"
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}{path}"

    def requests(self, path: str) -> list[Request]:
        return [r for r in self.log if r.path == path]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# invented articles and feeds ---------------------------------------------------
# (show, actor, character, genre): all invented for these tests
SHOWS = {
    "quiet": ("The Quiet Harbour", "Mira Castellan", "Detective Iona Reyes", "coastal mystery"),
    "fen": ("The Silver Fen", "Tobias Wrenfield", "Warden Elsie Marr", "marshland thriller"),
    "lantern": ("Lantern Row Hospital", "Hana Oduya", "Doctor Pell Aster", "hospital drama"),
}


def article(show: str, year: int | str, published: str | None = None, note: str = "") -> bytes:
    """A news page saying when an invented show's second season comes out."""
    title, actor, character, genre = SHOWS[show]
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    return (f"<html><head><title>{title} season 2 release date confirmed for {year}</title>{meta}</head>"
            f"<body><nav><a href='/'>Home</a></nav><article><h1>{title} season 2 release date confirmed for {year}</h1>"
            f"<p>Streamwell has confirmed that {title} season 2 will premiere in {year}. The streaming service "
            f"announced the news on Tuesday, saying the second season of the {genre} is now in post-production.</p>"
            f"<p>{actor} returns as {character}, and the showrunner said that filming wrapped in the autumn. The "
            f"first season premiered in 2024 and became one of the most watched series on the platform.</p>"
            f"<p>Fans will not have to wait long for a trailer, according to the streamer. {note}</p>"
            "</article><footer>Copyright 2019 Example Media</footer></body></html>").encode("utf-8")


def rss(title: str, items: list[dict]) -> bytes:
    """RSS 2.0; each item: title, link, guid, date (RFC 822), and optionally content (HTML)."""
    def item(i: dict) -> str:
        content = f"<description><![CDATA[{i['content']}]]></description>" if i.get("content") else ""
        link = f"<link>{i['link']}</link>" if i.get("link") else ""
        guid = f"<guid isPermaLink=\"false\">{i['guid']}</guid>" if i.get("guid") else ""
        return f"<item><title>{i['title']}</title>{link}{guid}<pubDate>{i['date']}</pubDate>{content}</item>"
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><link>http://127.0.0.1/</link><description>news</description>"
            + "".join(item(i) for i in items) + "</channel></rss>").encode("utf-8")


def atom(title: str, entries: list[dict]) -> bytes:
    """Atom 1.0; each entry: title, link, id, updated (ISO 8601)."""
    body = "".join(f"<entry><title>{e['title']}</title><link href=\"{e['link']}\"/><id>{e['id']}</id>"
                   f"<updated>{e['updated']}</updated></entry>" for e in entries)
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{title}</title><id>urn:example:feed</id><updated>2026-03-06T00:00:00Z</updated>"
            + body + "</feed>").encode("utf-8")
