"""Writing test archives: WARC files with warcio's own writer, and gzipped JSON Lines."""
from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# invented pages a news crawl holds besides release news
OFF_TOPIC = {
    "https://news.example.org/food/lentil-soup": "<html><head><title>A lentil soup for cold evenings</title></head>"
    "<body><article><p>Rinse the lentils, soften an onion in butter and add the stock. Simmer for twenty minutes, "
    "season with salt and lemon, and serve with bread. Leftovers keep for three days in the fridge.</p>"
    "</article></body></html>",
    "https://news.example.org/weather/weekend": "<html><body><p>Rain clears by Saturday morning; expect sunshine "
    "and a light westerly breeze through Sunday, with highs of fourteen degrees.</p></body></html>",
}


def html_page(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article></body></html>")


def write_warc(path: Path, pages: list[tuple[str, str]], crawled: str = "2025-07-01T10:00:00Z",
               extras: bool = True) -> Path:
    """A WARC (gzipped when the name ends in .gz) with an HTML response per (url, html) page;
    with `extras`, also what real crawls carry: a request record, an image, a redirect, a 404
    and a metadata record."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))

        def response(uri: str, body: bytes, ctype: str = "text/html; charset=utf-8", status: str = "200 OK") -> None:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http,
                                                          warc_headers_dict={"WARC-Date": crawled}))

        for n, (uri, html) in enumerate(pages):
            if extras and n == 1:
                http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.org")], is_http_request=True)
                writer.write_record(writer.create_warc_record(uri, "request", payload=io.BytesIO(b""), http_headers=http))
                response("https://news.example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), ctype="image/png")
                response("https://news.example.org/old", b"<html>moved</html>", status="301 Moved Permanently")
                response("https://news.example.org/missing", b"<html><p>Season release news</p></html>", status="404 Not Found")
                writer.write_record(writer.create_warc_record("https://news.example.org/", "metadata",
                                                              payload=io.BytesIO(b"fetchTimeMs: 120\n"),
                                                              warc_content_type="text/plain"))
            response(uri, html.encode("utf-8"))
    return path


def write_jsonl_gz(path: Path, records: list[dict | str]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8")))
    return path
