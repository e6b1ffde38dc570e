"""Archive-scale inputs: WARC / WARC.gz crawls and gzipped JSON Lines, read as streams.

A crawl holds mostly pages about something else, so each page first meets a cheap keyword
prefilter on its raw bytes; pages that fail it are passed over (counted, not stored) before
any costly stage (HTML extraction, spaCy). The size limit applies per page or line, not per
file: archives are gigabytes."""
from __future__ import annotations

import dataclasses
import gzip
import hashlib
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .records import Document

WARC_SUFFIXES = (".warc", ".warc.gz")
JSONL_GZ_SUFFIXES = (".jsonl.gz", ".ndjson.gz")
ARCHIVE_SUFFIXES = WARC_SUFFIXES + JSONL_GZ_SUFFIXES
PASSED_OVER = "passed over (no release words)"  # the reason build counts instead of storing
HTML_TYPES = ("text/html", "application/xhtml+xml")

# a page about an upcoming release names a kind of work and something happening to it, close together
_WORK = frozenset(b"""season seasons series sequel sequels film films movie movies drama dramas show shows miniseries
    spinoff spinoffs anime episode episodes reboot remake adaptation""".split())
_EVENT = frozenset(b"""release releases released releasing premiere premieres premiered premiering renew renews
    renewed renewal cast casts casting filming trailer trailers teaser debut debuts debuted debuting air airs aired
    airing airdate stream streams streaming streamed slated scheduled coming confirm confirms confirmed announce
    announces announced announcement cancel cancels cancelled canceled production greenlit return returns returning
    returned delay delays delayed postpone postponed launch launches launched arrive arrives arriving arrival drop
    drops dropping dropped""".split())
_LETTERS = bytes.maketrans(bytes(range(256)), bytes(c if 97 <= c <= 122 else 32 for c in range(256)))
_MARKUP = re.compile(rb"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.S | re.I)
NEAR = 30         # words between a work word and an event word
SCAN = 400_000    # bytes of a page the prefilter reads


def is_archive(path: str | Path) -> bool:
    return str(path).lower().endswith(ARCHIVE_SUFFIXES)


def archive_stem(path: str | Path) -> str:
    name = Path(path).name
    for suffix in ARCHIVE_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[:-len(suffix)] or name
    return Path(path).stem


def about_a_release(raw: bytes, html: bool = True) -> bool:
    """The cheap prefilter: a work word ("season", "film", ...) within NEAR words of an event
    word ("release", "premiere", "renewed", "cast", ...), in the text without markup. Splitting
    on bytes and looking words up in sets is several times faster than a regular expression."""
    sample = raw[:SCAN].lower()
    if html:
        sample = _MARKUP.sub(b" ", sample)
    last_work = last_event = -NEAR - 1
    for i, word in enumerate(sample.translate(_LETTERS).split()):
        if word in _WORK:
            if i - last_event <= NEAR:
                return True
            last_work = i
        elif word in _EVENT:
            if i - last_work <= NEAR:
                return True
            last_event = i
    return False


def load_archive(path: Path, max_bytes: int) -> Iterator[Document]:
    """Documents of one archive file; a file that cannot be opened gives one rejected document."""
    source = str(path)
    try:
        if not path.is_file():
            path.stat()  # a dangling symlink: report why it cannot be read
            yield _reject(archive_stem(path), source, "not a regular file")
            return
        fh = path.open("rb")
    except OSError as exc:
        yield _reject(archive_stem(path), source, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        yield from read_archive(fh, path.name, source, max_bytes)


def read_archive(fh: BinaryIO, name: str, source: str, max_bytes: int) -> Iterator[Document]:
    """Documents from an open archive stream (a local file, or bytes a Spark task was given)."""
    if name.lower().endswith(WARC_SUFFIXES):
        return read_warc(fh, archive_stem(name), source, max_bytes)
    return read_jsonl_gz(fh, archive_stem(name), source, max_bytes)


def read_warc(fh: BinaryIO, stem: str, source: str, max_bytes: int) -> Iterator[Document]:
    """HTML responses (2xx) only; requests, metadata, revisits, images and redirects are not pages.
    Each page keeps its target URI as its URL and the crawl's WARC-Date as a date candidate."""
    from warcio.archiveiterator import ArchiveIterator

    head = fh.read(8192)
    fh.seek(0)
    if head.startswith(b"\x1f\x8b"):
        head = zlib.decompressobj(wbits=31).decompress(head)
    if not head.startswith(b"WARC/"):
        yield _reject(stem, source, "not a WARC file (no WARC/1.x record header at the start)")
        return
    records = ArchiveIterator(fh)
    pages = 0
    try:
        for record in records:
            page = record.rec_type == "response" and record.http_headers is not None
            if page:
                status = record.http_headers.get_statuscode() or ""
                ctype = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
                page = status.startswith("2") and ctype in HTML_TYPES
            data = _read_upto(record.content_stream(), max_bytes + 1) if page else b""
            if _cut_short(record):
                yield _reject(stem, source, f"WARC cut short after {pages} page(s) (the last record is incomplete)")
                return
            if not page:
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            where = f"{source}:{records.get_record_offset()}"  # where `warcio extract` finds it
            doc_id = url_id(uri) if uri else f"{stem}-{records.get_record_offset()}"
            pages += 1
            if len(data) > max_bytes:
                yield _reject(doc_id, where, f"over the size limit (> {max_bytes:,} bytes)", uri)
                continue
            if not about_a_release(data):
                yield Document(id=doc_id, source=where, text="", url=uri, status="skipped", reason=PASSED_OVER)
                continue
            yield _page(data, doc_id, where, uri, record.rec_headers.get_header("WARC-Date"))
    except Exception as exc:  # noqa: BLE001 - warcio, gzip and zlib each raise their own kinds
        # warcio meets a cut-off record as whatever its parser trips on: the error itself says little
        yield _reject(stem, source, f"WARC cut short or damaged after {pages} page(s) ({type(exc).__name__})")


def _page(data: bytes, doc_id: str, source: str, uri: str, warc_date: str | None) -> Document:
    from .dating import explicit_date
    from .ingest import _plausible_date, content_hash, decode, extract_html

    text, reason = decode(data)
    if text is None:
        return _reject(doc_id, source, reason or "undecodable", uri)
    text, title, hint, reason = extract_html(text)
    if text is None:
        return _reject(doc_id, source, reason, uri)
    doc = Document(id=doc_id, source=source, text=text, title=title, url=uri, published_hint=_plausible_date(hint),
                   content_hash=content_hash(text))
    if doc.published_hint is None and warc_date and explicit_date(doc) is None:
        # no date of its own: the page existed when it was crawled, which news crawls do within days
        doc = dataclasses.replace(doc, published_hint=_plausible_date(warc_date[:10]))
    return doc


def read_jsonl_gz(fh: BinaryIO, stem: str, source: str, max_bytes: int) -> Iterator[Document]:
    """One document per line, as a plain .jsonl file gives, read as a stream."""
    lineno = 0
    try:
        stream = gzip.GzipFile(fileobj=fh)
        while True:
            line = stream.readline(max_bytes + 1)
            if not line:
                break
            lineno += 1
            if len(line) > max_bytes and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # skip the rest of the long line
                    line = stream.readline(max_bytes + 1)
                yield _reject(f"{stem}:{lineno}", f"{source}:{lineno}", f"line {lineno} over the size limit "
                              f"(> {max_bytes:,} bytes)")
                continue
            if line.strip():
                yield _json_line(line, lineno, stem, source)
    except (OSError, EOFError, zlib.error) as exc:
        yield _reject(stem if lineno == 0 else f"{stem}:{lineno + 1}", source,
                      f"{'not gzip data' if lineno == 0 else f'gzip data cut short after line {lineno}'}"
                      f" ({_first_line(exc)})")


def _json_line(line: bytes, lineno: int, stem: str, source: str) -> Document:
    from .ingest import _plausible_date, content_hash, extract_html, json_record

    where = f"{stem}:{lineno}"
    record = json_record(line.decode("utf-8", errors="replace"), lineno, stem, source)
    if isinstance(record, Document):
        return record
    doc_id, at = str(record.get("id") or where), f"{source}:{lineno}"
    url = record.get("url") if isinstance(record.get("url"), str) else None
    body, title, hint = record.get("text"), record.get("title"), record.get("published")
    html = record.get("html") if not isinstance(body, str) else None
    if not isinstance(body, str) and not isinstance(html, str) or isinstance(body, str) and not body.strip():
        return _reject(doc_id, at, f"line {lineno} has no 'text' or 'html'")
    if not about_a_release((body or html).encode("utf-8", errors="replace"), html=body is None):
        return Document(id=doc_id, source=at, text="", url=url, status="skipped", reason=PASSED_OVER)
    if body is None:
        body, html_title, html_hint, reason = extract_html(html)
        title, hint = title or html_title, hint or html_hint
        if body is None:
            return _reject(doc_id, at, f"line {lineno}: {reason}")
    if not body.strip():
        return _reject(doc_id, at, f"line {lineno} has no 'text' or 'html'")
    if not record.get("id"):
        doc_id = content_hash(body)[:16]
    return Document(id=doc_id, source=at, text=body, title=title if isinstance(title, str) else None, url=url,
                    published_hint=_plausible_date(hint), content_hash=content_hash(body))


def url_id(uri: str) -> str:
    """A readable, stable id for a crawled page: its last path segment and a hash of the URI."""
    path = re.sub(r"^[a-z]+://", "", uri.split("?")[0].split("#")[0].rstrip("/"), flags=re.I)
    tail = re.sub(r"\.(s?html?|php|aspx?)$", "", path.rsplit("/", 1)[-1], flags=re.I)
    tail = re.sub(r"[^\w-]+", "-", tail).strip("-")[:60] or "page"
    return f"{tail}-{hashlib.sha256(uri.encode('utf-8', errors='replace')).hexdigest()[:8]}"


def _cut_short(record) -> bool:
    """Whether the file ended before the record's declared length (warcio stops quietly there)."""
    while record.raw_stream.read(1 << 20):
        pass
    return record.raw_stream.limit > 0


def _read_upto(stream, size: int) -> bytes:
    """Up to `size` bytes (a decompressing stream's read() may return less than asked)."""
    chunks, left = [], size
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _reject(doc_id: str, source: str, reason: str, url: str | None = None) -> Document:
    return Document(id=doc_id, source=source, text="", url=url, status="rejected", reason=reason)


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:160]
