"""Files, folders, JSONL and stdin in; `Document`s out. Every input ends as a document,
rejected ones included, so that a build can account for each file it was given."""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from .archive import is_archive, load_archive
from .records import Document

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
DEFAULT_MAX_BYTES = 5_000_000
MAX_HTML_DEPTH = 400


def content_hash(text: str) -> str:
    """Identity of an article's content: trivial whitespace and case changes keep it."""
    folded = " ".join(text.replace("\ufeff", " ").split()).casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def _reject(doc_id: str, source: str, reason: str) -> Document:
    return Document(id=doc_id, source=source, text="", status="rejected", reason=reason)


def display(name: str | os.PathLike) -> str:
    """A file name as text that can be stored and printed: bytes that are not UTF-8 (which
    Python keeps as lone surrogates) become U+FFFD."""
    name = os.fspath(name)
    if not _SURROGATE.search(name):
        return name
    return os.fsencode(name).decode("utf-8", "replace")


def _safe_id(stem: str) -> str:
    """An id from a file stem; a stem that is not UTF-8 gets a hash of its bytes, so that two
    such names that read alike stay two documents."""
    shown = display(stem)
    if shown == stem:
        return stem
    return f"{shown}-{hashlib.sha256(os.fsencode(stem)).hexdigest()[:8]}"


def iter_paths(paths: Iterable[str | os.PathLike]) -> Iterator[tuple[Path | None, str | None]]:
    """Yield (path, None) for each input file, walking folders recursively in a stable order,
    or (None, reason) for inputs that cannot be walked. A folder or file reached twice (a symlink
    loop, one folder given as a relative and an absolute path) is read once."""
    seen: set[str] = set()
    for raw in paths:
        if str(raw) == "-":
            yield Path("-"), None
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, seen)
        elif path.exists() or path.is_symlink():
            if _first_time(path, seen):
                yield path, None
        else:
            yield None, f"{display(raw)}: no such file or folder"


def _first_time(path: Path, seen: set[str]) -> bool:
    key = os.path.join(os.path.realpath(path.parent), path.name)  # a symlink's own name, not its target
    if key in seen:
        return False
    seen.add(key)
    return True


def _walk(folder: Path, seen: set[str]) -> Iterator[tuple[Path | None, str | None]]:
    real = os.path.realpath(folder)
    if real in seen:  # a symlink loop, or the same folder twice
        return
    seen.add(real)
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield None, f"{display(folder)}: cannot read folder ({exc.strerror or exc})"
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry, seen)
        elif (entry.suffix.lower() in SUFFIXES or is_archive(entry)) and _first_time(entry, seen):
            yield entry, None  # a FIFO, device or dangling symlink is reported by `load`, not dropped


def load(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Document]:
    """Read one input into documents (a JSONL file gives one per line). Never raises for bad input."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        return _from_bytes(data, None, "<stdin>", max_bytes, sniff=True)
    if is_archive(path):  # WARC and gzipped JSONL: streamed, the size limit per page (an iterator)
        return load_archive(path, max_bytes)
    source = display(path)
    stem = _safe_id(path.stem)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        return [_reject(stem, source, f"unsupported file type '{suffix or '(none)'}'")]
    try:
        if not path.is_file():  # a FIFO or device would block or never end
            path.stat()  # a dangling symlink: report why it cannot be read
            return [_reject(stem, source, "not a regular file")]
        if suffix in JSONL_SUFFIXES:  # the size limit applies to each record
            with path.open("rb") as fh:
                return list(_jsonl_file(fh, stem, source, max_bytes))
        size = path.stat().st_size
        if size > max_bytes:
            return [_reject(stem, source, f"over the size limit ({size:,} bytes > {max_bytes:,})")]
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # the file may grow while we read it
    except OSError as exc:
        return [_reject(stem, source, f"cannot read: {exc.strerror or exc}")]
    return _from_bytes(data, stem, source, max_bytes, html=suffix in HTML_SUFFIXES)


def _from_bytes(data: bytes, stem: str | None, source: str, max_bytes: int,
                html: bool = False, sniff: bool = False) -> list[Document]:
    if len(data) > max_bytes:
        return [_reject(stem or "stdin", source, f"over the size limit (> {max_bytes:,} bytes)")]
    text, note = decode(data)
    if text is None:
        return [_reject(stem or hashlib.sha256(data).hexdigest()[:16], source, note or "undecodable")]
    if sniff and text.lstrip().startswith("{"):
        return list(_from_jsonl(data, "stdin", source, max_bytes))
    if sniff and re.search(r"<(html|body|p|div|article)\b", text[:5000], re.I):
        html = True
    title = url = hint = None
    if html:
        text, title, hint, reason = extract_html(text)
        if text is None:
            return [_reject(stem or "stdin", source, reason)]
    doc_id = stem or content_hash(text)[:16]
    return [Document(id=doc_id, source=source, text=text, title=title, url=url, reason=note,
                     published_hint=_plausible_date(hint), content_hash=content_hash(text))]


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Bytes to (text, note) or (None, reason). UTF-8 (a BOM is kept as a character so offsets
    match a plain UTF-8 read), UTF-16/32 by BOM, UTF-8 with a few bad bytes replaced (the note
    says so), else the best single-byte guess. Binary data (a NUL byte anywhere) is refused."""
    if not data.strip():
        return None, "empty file"
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                       (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return _check_text(data[len(bom):].decode(codec))
            except UnicodeDecodeError:
                return None, f"undecodable {codec} text"
    if b"\x00" in data:
        return None, "not text (binary data)"
    try:
        return _check_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    western = _western(data)
    if western is not None:
        return _check_text(western)
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None, "undecodable (no text encoding fits)"
    encoding = best.encoding
    try:
        return _check_text(data.decode(encoding))
    except (UnicodeDecodeError, LookupError):
        return None, f"undecodable (guessed {encoding})"


def _mostly_utf8(data: bytes) -> tuple[str | None, str | None] | None:
    """UTF-8 with a few invalid bytes (a truncated copy, one stray Latin-1 byte): decoding all
    of it as a single-byte code page would garble every accented letter, so only the bad bytes
    are replaced."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for c in text if ord(c) > 127) - text.count("\ufffd")
    if good == 0 or bad > max(1, good // 4):
        return None
    decoded, reason = _check_text(text)
    if decoded is None:
        return None, reason
    return decoded, f"decoded as UTF-8 with {bad} invalid byte{'s' if bad > 1 else ''} replaced by U+FFFD"


# what Windows-1252 (and so Latin-1) gives for the non-ASCII bytes of Western European text
_WESTERN = set("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿŒœŠšŽžŸƒ"
               "\u00a0‘’‚“”„–—…•€™©®°£¥§¶·«»¿¡´¨½¼¾ªº±×÷¢†‡‰‹›ˆ˜")


def _western(data: bytes) -> str | None:
    """Windows-1252 (a superset of Latin-1's printable range) when the text reads as mostly-ASCII
    Western European text. Guessers often pick a Baltic or Arabic code page for short texts
    ("Zoë" read as "Zoė"), so this common case is settled first."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    high = [c for c in text if ord(c) > 127]
    letters = sum(1 for c in text if c.isalpha())
    if not high or any(c not in _WESTERN for c in high) or len(high) > 0.3 * max(letters, 1):
        return None
    return text


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # control characters but \t \n \f \r


def _check_text(text: str) -> tuple[str | None, str | None]:
    if not text.strip():
        return None, "empty file"
    sample = text[:20_000]
    control = len(_CONTROL.findall(sample))  # a fifth of the time of a loop over the characters
    if control > max(8, len(sample) // 100):
        return None, "not text (binary data)"
    return text.replace("\x00", "\ufffd"), None  # a stray NUL: PostgreSQL cannot store it


def extract_html(html: str) -> tuple[str | None, str | None, str | None, str]:
    """Main text and title via trafilatura; a publication date only from the page's markup
    (htmldate without its free-text search, which would take a footer's copyright year)."""
    if _too_deep(html):
        return None, None, None, f"HTML nested deeper than {MAX_HTML_DEPTH} levels"
    import trafilatura
    from htmldate import find_date

    try:
        # htmldate's free-text search is both slow and the source of footer-copyright "dates"
        result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                             date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as exc:  # trafilatura raises many kinds on hostile markup
        return None, None, None, f"HTML could not be parsed ({type(exc).__name__})"
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        return None, None, None, "no article text in HTML"
    title = getattr(result, "title", None)
    try:
        hint = find_date(html, extensive_search=False, original_date=True)
    except Exception:
        hint = None
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"  # keep the headline: it names the subject
    return text, title, hint, ""


def _plausible_date(value) -> str | None:
    """A metadata date kept only if it is a real calendar date (YYYY, YYYY-MM or YYYY-MM-DD,
    optionally followed by a time) in a plausible range: "2024-99-99" or "9999-12-31" from a
    broken feed would otherwise become a document's date and the sheet's as-of date."""
    if not isinstance(value, str):
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|[T ])", value.strip())
    if not m:
        return None
    from datetime import date

    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        date(year, month, day)
    except ValueError:
        return None
    return m.group(0).rstrip("T ") if 1900 <= year <= 2100 else None


def _too_deep(html: str) -> bool:
    depth = peak = 0
    for m in re.finditer(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>", html[:2_000_000]):
        if m.group(1):
            depth = max(0, depth - 1)
        elif not m.group(3) and m.group(2).lower() not in _VOID:
            depth += 1
            peak = max(peak, depth)
            if peak > MAX_HTML_DEPTH:
                return True
    return False


_VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "p", "li"}


def _jsonl_file(fh, stem: str, source: str, max_bytes: int) -> Iterator[Document]:
    """JSON Lines read one record at a time: an oversized or undecodable line is rejected alone."""
    if fh.read(4).startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):  # UTF-16/32: decoded whole
        fh.seek(0)
        data = fh.read(max_bytes + 1)
        if len(data) > max_bytes:
            yield _reject(stem, source, f"over the size limit (> {max_bytes:,} bytes)")
        else:
            yield from _from_jsonl(data, stem, source, max_bytes)
        return
    fh.seek(0)
    lineno = produced = 0
    while line := fh.readline(max_bytes + 1):
        lineno += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass  # the rest of the oversized line
            produced += 1
            yield _reject(f"{stem}:{lineno}", source, f"line {lineno} over the size limit (> {max_bytes:,} bytes)")
            continue
        if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        produced += 1
        text, note = decode(line)
        if text is None:
            yield _reject(f"{stem}:{lineno}", source, f"line {lineno}: {note}")
            continue
        yield _jsonl_record(text, lineno, stem, source, note)
    if not produced:
        yield _reject(stem, source, "empty file")


def _from_jsonl(data: bytes, stem: str, source: str, max_bytes: int) -> Iterator[Document]:
    text, note = decode(data)
    if text is None:
        yield _reject(stem, source, note or "undecodable")
        return
    if text.startswith("\ufeff"):
        text = text[1:]
    # JSON Lines are separated by \n only: U+2028 and friends may stand inside a JSON string
    for lineno, line in enumerate(text.split("\n"), 1):
        if line.strip():
            yield _jsonl_record(line, lineno, stem, source, note)


def json_record(line: str, lineno: int, stem: str, source: str) -> dict | Document:
    """One JSON Lines record as a mapping, or the rejected document that says why it is none."""
    where = f"{stem}:{lineno}"
    try:
        record = _no_surrogates(json.loads(line))
    except ValueError as exc:
        return _reject(where, source, f"malformed JSON on line {lineno}: {getattr(exc, 'msg', exc)}")
    except RecursionError:
        return _reject(where, source, f"malformed JSON on line {lineno}: nested too deeply")
    if not isinstance(record, dict):
        return _reject(where, source, f"line {lineno} is not a JSON object")
    return record


def _jsonl_record(line: str, lineno: int, stem: str, source: str, note: str | None) -> Document:
    where = f"{stem}:{lineno}"
    record = json_record(line, lineno, stem, source)
    if isinstance(record, Document):
        return record
    body, title, hint = record.get("text"), record.get("title"), record.get("published")
    if not isinstance(body, str) and isinstance(record.get("html"), str):
        body, html_title, html_hint, reason = extract_html(record["html"])
        title, hint = title or html_title, hint or html_hint
        if body is None:
            return _reject(str(record.get("id") or where), source, f"line {lineno}: {reason}")
    if not isinstance(body, str) or not body.strip():
        return _reject(str(record.get("id") or where), source, f"line {lineno} has no 'text' or 'html'")
    doc_id = str(record.get("id") or content_hash(body)[:16])
    return Document(id=doc_id, source=f"{source}:{lineno}", text=body, reason=note,
                    title=title if isinstance(title, str) else None,
                    url=record.get("url") if isinstance(record.get("url"), str) else None,
                    published_hint=_plausible_date(hint),
                    content_hash=content_hash(body))


_SURROGATE = re.compile("[\x00\ud800-\udfff]")


def _no_surrogates(value):
    """JSON may escape lone surrogates ("\\ud800"), which cannot be stored as UTF-8, and NUL, which
    PostgreSQL cannot store: make them U+FFFD (one character for one, so offsets stay put)."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_no_surrogates(k): _no_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_no_surrogates(v) for v in value]
    return value
