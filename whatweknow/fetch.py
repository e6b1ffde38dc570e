"""Web pages in: fetching within limits, and a fetched page as a `Document`.

Web text and addresses are hostile. Only http(s); every host is resolved here and each of its
addresses checked (private, loopback and link-local ones are refused unless allowed), and the
connection goes to the address that was checked, so a second DNS answer cannot swap it. The
same holds for every redirect hop. Bodies are capped, requests are timed, and one request at
a time goes out, at most one per host per `delay` seconds."""
from __future__ import annotations

import dataclasses
import hashlib
import ipaddress
import re
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .ingest import DEFAULT_MAX_BYTES, _plausible_date, content_hash, decode, extract_html
from .records import Document

HTML_TYPES = ("text/html", "application/xhtml+xml")
REDIRECTS = (301, 302, 303, 307, 308)
POLITE_DELAY = 1.0  # seconds between two requests to one host


def _agent() -> str:
    try:
        from importlib.metadata import version

        v = version("whatweknow")
    except Exception:  # noqa: BLE001 - running from a source tree
        v = "dev"
    return f"whatweknow/{v} (fact-sheet reader; one request at a time, at most one per host per second)"


@dataclass(frozen=True)
class Limits:
    timeout: float = 15.0             # seconds for a whole response, headers and body
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 3
    allow_private: bool = False
    delay: float | None = None        # None: POLITE_DELAY


class FetchError(Exception):
    """One line saying why an address could not be fetched."""


@dataclass
class Fetched:
    url: str                          # the final address, after redirects
    status: int                       # 200, or 304 when a conditional request found nothing new
    content_type: str = ""            # media type, lower case, no parameters
    charset: str | None = None
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None


def is_url(value) -> bool:
    """Whether a build input is an address rather than a path (any scheme: others are refused later)."""
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", str(value)))


def read_url_list(path: str) -> list[str]:
    """One URL per line; blank lines and lines starting with # are ignored. Raises OSError/ValueError."""
    text = Path(path).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]


def _system_resolve(host: str, port: int) -> list[str]:
    return list(dict.fromkeys(info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)))


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """A globally routed unicast address; an IPv4 address inside an IPv6 one is checked too."""
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return _public(address.ipv4_mapped)
        embedded = [address.sixtofour, *(address.teredo or ())]
        if address in _NAT64:
            embedded.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        if not all(_public(e) for e in embedded if e is not None):
            return False
    return address.is_global and not address.is_multicast


class Fetcher:
    """An httpx client that follows its own redirects so that each hop is checked like the first."""

    def __init__(self, limits: Limits = Limits(), resolve=_system_resolve, verify=True):
        import httpx

        self.limits = limits
        self.delay = POLITE_DELAY if limits.delay is None else limits.delay
        self.resolve = resolve
        # no proxies from the environment: a proxy would connect to addresses we never checked
        self.client = httpx.Client(timeout=httpx.Timeout(limits.timeout), follow_redirects=False, trust_env=False,
                                   headers={"User-Agent": _agent()}, verify=verify)
        self._last: dict[str, float] = {}
        self._dns = ThreadPoolExecutor(1, thread_name_prefix="whatweknow-dns")

    def close(self) -> None:
        self.client.close()
        self._dns.shutdown(wait=False, cancel_futures=True)

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET within the limits; raises FetchError with a one-line reason."""
        import httpx

        conditional = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
        for _ in range(self.limits.max_redirects + 1):
            parts, addresses = self._check(url)
            try:
                result = self._request(url, parts, addresses, conditional)
            except httpx.TimeoutException:
                raise FetchError(f"timed out (no complete answer within {self.limits.timeout:g} s)") from None
            except httpx.ConnectError as exc:
                why = re.sub(r"^\[Errno -?\d+\] ", "", _first_line(exc)) or "no answer"
                why = why[0].lower() + why[1:] if why[1:2].islower() else why
                raise FetchError(f"cannot connect ({why})") from None
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                raise FetchError(f"cannot fetch: {_first_line(exc) or type(exc).__name__}") from None
            if isinstance(result, Fetched):
                return result
            url = result  # the next hop
        raise FetchError(f"too many redirects (more than {self.limits.max_redirects})")

    def _check(self, url: str):
        try:
            parts = urlsplit(url)
            port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        except ValueError as exc:
            raise FetchError(f"not a valid URL ({exc})") from None
        if parts.scheme.lower() not in ("http", "https"):
            raise FetchError(f"unsupported URL scheme '{parts.scheme}' (only http and https are fetched)")
        host = parts.hostname
        if not host:
            raise FetchError("not a valid URL (no host)")
        if parts.username or parts.password:
            raise FetchError("URLs with a user name or password are not fetched")
        future = self._dns.submit(self.resolve, host, port)
        try:
            found = future.result(timeout=self.limits.timeout)
        except FutureTimeout:
            raise FetchError(f"DNS lookup for {host} timed out") from None
        except (OSError, UnicodeError) as exc:
            raise FetchError(f"DNS lookup for {host} failed ({getattr(exc, 'strerror', None) or exc})") from None
        addresses = [ipaddress.ip_address(a.split("%")[0]) for a in found]
        if not addresses:
            raise FetchError(f"DNS lookup for {host} found no address")
        if not self.limits.allow_private:
            for a in addresses:
                if not _public(a):
                    where = host if host.strip("[]") == str(a) else f"{host} (at {a})"
                    raise FetchError(f"refused: {where} is a private, loopback or link-local address;"
                                     " use --allow-private to fetch it")
        return parts, sorted(addresses, key=lambda a: a.version)  # IPv4 first: what most servers answer on

    def _request(self, url: str, parts, addresses, conditional: dict) -> Fetched | str:
        import httpx

        host = parts.hostname.lower()
        wait = self._last.get(host, -1e9) + self.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        target = httpx.URL(url)  # the host in its ASCII (IDNA) form, for the Host header and TLS
        headers = {"Host": target.netloc.decode("ascii"), **conditional}
        # TLS names and checks the host, though the connection goes to the address checked above
        extensions = {"sni_hostname": target.raw_host.decode("ascii")} if target.scheme == "https" else {}
        try:
            for i, address in enumerate(addresses):
                pinned = target.copy_with(host=str(address))
                try:
                    return self._send(url, pinned, headers, extensions)
                except httpx.ConnectError:
                    if i == len(addresses) - 1:
                        raise
        finally:
            self._last[host] = time.monotonic()

    def _send(self, url: str, pinned, headers: dict, extensions: dict) -> Fetched | str:
        limit = self.limits.max_bytes
        deadline = time.monotonic() + self.limits.timeout
        with self.client.stream("GET", pinned, headers=headers, extensions=extensions) as r:
            if r.status_code in REDIRECTS:
                location = r.headers.get("location")
                if not location:
                    raise FetchError(f"HTTP {r.status_code} redirect without a Location")
                return urljoin(url, location.strip())
            if r.status_code == 304:
                return Fetched(url, 304, etag=r.headers.get("etag"), last_modified=r.headers.get("last-modified"))
            if r.status_code != 200:
                raise FetchError(f"HTTP {r.status_code} {r.reason_phrase}".rstrip())
            declared = r.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise FetchError(f"over the size limit ({int(declared):,} bytes > {limit:,})")
            body = bytearray()
            for chunk in r.iter_bytes():  # decompressed: a small gzip bomb is counted at its real size
                body += chunk
                if len(body) > limit:
                    raise FetchError(f"over the size limit (> {limit:,} bytes)")
                if time.monotonic() > deadline:
                    raise FetchError(f"timed out (no complete answer within {self.limits.timeout:g} s)")
            media, _, params = r.headers.get("content-type", "").partition(";")
            charset = re.search(r"charset\s*=\s*\"?([\w.:-]+)", params, re.I)
            return Fetched(url, 200, media.strip().lower(), charset.group(1) if charset else None, bytes(body),
                           r.headers.get("etag"), r.headers.get("last-modified"))


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0][:160] if str(exc) else ""


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# a page as a document ------------------------------------------------------------

@dataclass
class Expected:
    """What a feed already knows about an address it is about to have fetched."""
    doc_id: str | None = None
    source: str | None = None         # the document's identity, if it was first seen at another link
    date: str | None = None           # the entry's own date: the feed says when this text was written
    html: str | None = None           # the entry's content, for entries with no page of their own


@dataclass
class Web:
    """URLs to documents for a build: the fetcher, conditional requests from what the store
    remembers of each page, and a new version each time a page's text changes."""
    store: object
    limits: Limits = field(default_factory=Limits)
    resolve: object = _system_resolve
    expected: dict[str, Expected] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    loaded: dict[str, str] = field(default_factory=dict)             # url -> document id
    new_versions: list[tuple[str, int]] = field(default_factory=list)  # (document id, version)
    _fetcher: Fetcher | None = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.limits, self.resolve)
        return self._fetcher

    def close(self) -> None:
        """Close the connections; a later fetch opens new ones."""
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None

    def load(self, url: str) -> list[Document]:
        """One address as one document: ok, or rejected with the reason. A page that cannot be
        fetched now but was stored before keeps its stored copy (a problem line says so)."""
        hint = self.expected.pop(url, Expected())
        page = self.store.page(url)
        doc_id = hint.doc_id or (page[0] if page else None) or self._new_id(url)
        source = hint.source or url
        self.loaded[url] = doc_id
        prior = self.store.known(doc_id)
        usable = prior is not None and prior[1] != "rejected"
        if hint.html is not None:
            doc = page_document(doc_id, source, url, hint.html.encode("utf-8"), "text/html", "utf-8",
                                None, hint.date)
        else:
            unchanged_since = page if page and usable and page[3] == prior[0] else None
            try:
                got = self.fetcher.get(url, *(unchanged_since[1:3] if unchanged_since else (None, None)))
            except FetchError as exc:
                if usable:
                    self.problems.append(f"{url}: not fetched ({exc}); the copy stored earlier is kept")
                    return [self._stored(doc_id, source, prior)]
                return [Document(id=doc_id, source=source, text="", url=url, status="rejected", reason=str(exc))]
            if got.status == 304:
                return [self._stored(doc_id, source, prior)]
            doc = page_document(doc_id, source, got.url, got.body, got.content_type, got.charset,
                                got.last_modified, hint.date)
            if doc.status == "ok":
                self.store.save_page(url, doc_id, got.etag, got.last_modified, doc.content_hash, now())
        if doc.status == "ok":
            version = self.store.add_version(doc_id, doc.content_hash, doc.text, now(), doc.url)
            if version:
                self.new_versions.append((doc_id, version))
        return [doc]

    def _stored(self, doc_id: str, source: str, prior) -> Document:
        return Document(id=doc_id, source=source, text=self.store.text(doc_id), content_hash=prior[0] or "")

    def _new_id(self, url: str) -> str:
        """The address's last path segment, like a file's stem; a hash suffix when it is taken."""
        parts = urlsplit(url)
        segment = next((s for s in reversed(parts.path.split("/")) if s), "") or (parts.hostname or "page")
        stem = re.sub(r"\.(s?html?|php|aspx?)$", "", segment, flags=re.I)
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-.")[:80] or "page"
        taken = self.store.known(stem)
        if (taken and taken[2] != url) or self._assigned(stem, url):
            stem = f"{stem}-{hashlib.sha256(url.encode()).hexdigest()[:8]}"
        return stem

    def _assigned(self, doc_id: str, url: str) -> bool:
        return any(i == doc_id and u != url for u, i in self.loaded.items())


_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|[-_]|$)")


def page_document(doc_id: str, source: str, url: str, body: bytes, media: str, charset: str | None,
                  last_modified: str | None, entry_date: str | None) -> Document:
    """Fetched bytes as a document. The date candidates, strongest first: the feed entry's
    date, the page's markup, a date in the URL, the text's own byline (found later by
    `dating`), and last the HTTP Last-Modified, which is often just when the server made the page."""
    def reject(reason: str) -> Document:
        return Document(id=doc_id, source=source, text="", url=url, status="rejected", reason=reason)

    head = body[:2048].lstrip().lower()
    if media and media not in HTML_TYPES:
        return reject(f"not HTML ({media})")
    if not media and not re.match(rb"(<!doctype html|<html|<head|<body|<!--)", head):
        return reject("not HTML (no content type, and it does not look like HTML)")
    text = None
    if charset:
        try:
            text = body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text, reason = decode(body)
        if text is None:
            return reject(reason or "undecodable")
    text, title, markup_date, reason = extract_html(text)
    if text is None:
        return reject(reason)
    m = _URL_DATE.search(urlsplit(url).path)
    url_date = _plausible_date(f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}") if m else None
    hint = _plausible_date(entry_date) or _plausible_date(markup_date) or url_date
    doc = Document(id=doc_id, source=source, text=text, title=title, url=url, published_hint=hint,
                   content_hash=content_hash(text))
    if hint is None and last_modified:
        from .dating import explicit_date

        if explicit_date(doc) is None:
            doc = dataclasses.replace(doc, published_hint=_http_date(last_modified))
    return doc


def _http_date(value: str) -> str | None:
    try:
        return _plausible_date(parsedate_to_datetime(value).date().isoformat())
    except (TypeError, ValueError, IndexError):
        return None
