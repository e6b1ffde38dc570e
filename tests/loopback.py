"""A small web site on 127.0.0.1 for the fetching tests: each test sets the routes it needs,
and every request is logged. Nothing leaves the machine."""
from __future__ import annotations

import hashlib
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
    length: bool = True         # send Content-Length (else the body runs until the connection closes)
    validators: bool = True     # ETag and Last-Modified, and 304 to a request that has them
    last_modified: str = "Tue, 03 Mar 2026 10:00:00 GMT"


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float


class Site:
    def __init__(self):
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
                asked = self.headers.get("If-None-Match")
                fresh = asked == etag if asked is not None else self.headers.get("If-Modified-Since") == last_modified
                if route.validators and route.status == 200 and fresh:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(route.status)
                if route.content_type:
                    self.send_header("Content-Type", route.content_type)
                if route.validators and route.status == 200:
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", last_modified)
                for k, v in route.headers.items():
                    self.send_header(k, v)
                if route.length:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                try:
                    for i in range(0, len(route.body), 65536):
                        self.wfile.write(route.body[i:i + 65536])
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up on purpose (too big, too slow)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def requests(self, path: str) -> list[Request]:
        return [r for r in self.log if r.path == path]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
