"""Followed feeds: `follow` remembers a feed, `update` reads every one (RSS 2.0 or Atom, parsed
by feedparser from bytes fetched within the limits of `fetch`), ingests the entries not seen
before, rebuilds the sheet and says what changed.

An entry is known by its GUID (else its link) within its feed, or by its link across feeds; its
fingerprint (title, link, dates, content) tells whether the feed changed it since. A changed
entry's page is fetched again (conditionally), and new text becomes a new version of the same
document; the older versions stay in `document_versions`."""
from __future__ import annotations

import hashlib
import io
import json
import re
import time
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from .build import Summary, ingest_all, refresh_sheet
from .export import describe
from .fetch import Expected, FetchError, Limits, Web, _system_resolve, now

FEED_TYPES_REFUSED = ("text/html", "application/xhtml+xml")  # a site's page given instead of its feed
MAX_ENTRIES = 100  # articles fetched per feed and update; the rest wait for the next update


def check_feed_url(url: str) -> str | None:
    """Why an address cannot be followed, or None."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"not a valid URL ({exc})"
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return "not an http or https URL"
    return None


@dataclass
class Report:
    feeds: list[str] = field(default_factory=list)       # one line per feed
    documents: list[str] = field(default_factory=list)   # new articles and new versions
    changes: list[str] = field(default_factory=list)     # the sheet, before against after
    summary: Summary | None = None
    feeds_read: int = 0


@dataclass
class _Entry:
    feed: str
    key: str
    link: str | None
    address: str                                          # what `Web.load` is given
    fingerprint: str
    fetch: bool = True                                    # False: another feed's entry brings it in


def update(store, limits: Limits = Limits(), aliases: str | None = None, as_of: str | None = None,
           resolve=_system_resolve) -> Report:
    """Fetch every followed feed and ingest what is new; nothing new changes nothing."""
    report = Report()
    web = Web(store, limits, resolve)
    before = sheet_facts(store)
    todo: list[_Entry] = []
    answered: list[tuple[str, str | None, str | None, str | None]] = []
    try:
        for url, _title, etag, last_modified, _checked in store.feeds():
            try:
                got = web.fetcher.get(url, etag, last_modified)
            except FetchError as exc:
                report.feeds.append(f"{url}: not read: {exc}")
                continue
            report.feeds_read += 1
            if got.status == 304:
                store.feed_checked(url, got.etag or etag, got.last_modified or last_modified, now())
                report.feeds.append(f"{url}: not modified")
                continue
            parsed, reason = _parse(got)
            if parsed is None:
                report.feeds.append(f"{url}: not read: {reason}")
                continue
            entries, counts = _entries(store, web, url, parsed, {e.address for e in todo if e.fetch})
            todo += entries
            # entries left over must be in the next answer: no validators, so it is a full one
            full = counts["left for the next update"] > 0
            answered.append((url, None if full else got.etag, None if full else got.last_modified,
                             parsed.feed.get("title")))
            report.feeds.append(f"{url}: " + ", ".join(f"{n} {what}" for what, n in counts.items() if n or what == "new"))
        if todo:
            report.summary = ingest_all([e.address for e in todo if e.fetch], store, limits.max_bytes, web=web)
        for e in todo:  # after the documents are stored, so a crash before this retries the entries
            store.save_entry(e.feed, e.key, e.link, web.loaded[e.address], e.fingerprint)
        for url, etag, last_modified, title in answered:
            store.feed_checked(url, etag, last_modified, now(), title)
    finally:
        web.close()
    if report.summary and any(report.summary.counts[s] for s in ("ok", "skipped", "rejected")):
        report.summary.works, report.summary.facts = refresh_sheet(store, as_of, aliases)
        report.changes = compare(before, sheet_facts(store))
    statuses = {d.id: d for d in store.documents()}
    for doc_id, version in web.new_versions:
        d = statuses.get(doc_id)
        state = f"{d.status}{': ' + d.reason if d and d.reason else ''}" if d else "not stored"
        what = "new" if version == 1 else f"updated (version {version})"
        report.documents.append(_printable(f"{what}: {doc_id}{' — ' + d.title if d and d.title else ''} ({state})"))
    return report


def _parse(got):
    import feedparser

    if got.content_type in FEED_TYPES_REFUSED:
        return None, f"not an RSS or Atom feed ({got.content_type}: a web page, not its feed?)"
    headers = {"content-location": got.url,
               "content-type": got.content_type + (f"; charset={got.charset}" if got.charset else "")}
    # a stream, never a string: feedparser would open a string that looks like a path or URL
    parsed = feedparser.parse(io.BytesIO(got.body), response_headers=headers, sanitize_html=True)
    if not parsed.get("version") and not parsed.entries:
        why = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")() or "no RSS or Atom entries"
        return None, f"not an RSS or Atom feed ({why})"
    return parsed, None


def _entries(store, web: Web, feed_url: str, parsed, queued: set[str]) -> tuple[list[_Entry], dict[str, int]]:
    counts = {"new": 0, "changed": 0, "already known": 0, "retried": 0, "unchanged": 0,
              "without a link or content": 0, "left for the next update": 0}
    out = []
    fetching = 0
    for entry in parsed.entries:
        if fetching >= MAX_ENTRIES:
            counts["left for the next update"] += 1
            continue
        link = entry.get("link")
        if link and urlsplit(link).scheme.lower() not in ("http", "https"):
            link = None  # javascript:, file: and the like are never fetched
        html = _content(entry)
        key = entry.get("id") or link
        if not key or (not link and not html):
            counts["without a link or content"] += 1
            continue
        fingerprint = hashlib.sha256(json.dumps(
            [entry.get("title"), link, _raw(entry, "updated"), _raw(entry, "published"), html],
            ensure_ascii=False).encode()).hexdigest()
        seen = store.entry(feed_url, key)
        page = store.page(link) if link else None
        doc_id = seen[0] if seen else page[0] if page else None
        prior = store.known(doc_id) if doc_id else None
        if seen and seen[1] == fingerprint and prior and prior[1] != "rejected":
            counts["unchanged"] += 1
            continue
        address = link or f"{feed_url}#entry={quote(key, safe='')}"
        if address in queued:  # the same article in two feeds (or twice in one): fetched once
            counts["unchanged"] += 1
            out.append(_Entry(feed_url, key, link, address, fingerprint, fetch=False))
            continue
        counts["retried" if seen and seen[1] == fingerprint else "changed" if seen
               else "already known" if prior else "new"] += 1
        queued.add(address)
        fetching += 1
        web.expected[address] = Expected(doc_id=doc_id, source=prior[2] if prior else None,
                                         date=_date(entry), html=None if link else html)
        out.append(_Entry(feed_url, key, link, address, fingerprint))
    return out, counts


def _printable(text: str) -> str:
    """Control characters from a feed or page (a terminal escape in a title) never reach the terminal."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f]+", " ", text)


def _content(entry) -> str | None:
    for c in entry.get("content") or []:
        if c.get("value", "").strip():
            return c["value"]
    summary = entry.get("summary")
    return summary if summary and summary.strip() else None


def _date(entry) -> str | None:
    """The entry's date: when it was last updated, else published (the text stored is the newest)."""
    parsed = _raw(entry, "updated_parsed") or _raw(entry, "published_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def _raw(entry, key: str):
    """A field as the feed gave it (feedparser would answer `updated` with `published`, and warn)."""
    return dict.get(entry, key)


# what changed ----------------------------------------------------------------

def sheet_facts(store) -> dict[tuple, tuple[str, str, str, str]]:
    """Every fact of the sheet: (work, season, slot, fields) -> (work name, label, status, certainty)."""
    out = {}
    for w in store.works():
        name = w.title + (f" (season {w.season})" if w.season else "")
        for f in w.facts:
            key = (w.title, w.season, f.slot, json.dumps(f.fields.asdict(), sort_keys=True, ensure_ascii=False))
            out[key] = (name, f"{f.slot}: {describe(f)}", f.status, f.certainty)
    return out


def compare(before: dict, after: dict) -> list[str]:
    """Facts added (+), removed (-), changed in status or certainty (~), one line each; a slot
    whose one fact was replaced by one other reads as a move ("release: 2026 → 2027")."""
    added = {k: v for k, v in after.items() if k not in before}
    removed = {k: v for k, v in before.items() if k not in after}
    lines: list[tuple[tuple, str]] = []
    for key in after.keys() & before.keys():
        old, new = before[key], after[key]
        if old[2:] != new[2:]:
            lines.append((key, f"~ {new[0]} · {new[1]}: {old[2]}, {old[3]} → {new[2]}, {new[3]}"))
    # first the same value with other details (a production date), then the slot's one fact
    for same in (lambda k: (*k[:3], json.loads(k[3]).get("value")), lambda k: k[:3]):
        for group in {same(k) for k in added} & {same(k) for k in removed}:
            new_keys, old_keys = ([k for k in side if same(k) == group] for side in (added, removed))
            if len(new_keys) == len(old_keys) == 1:
                new, old = added.pop(new_keys[0]), removed.pop(old_keys[0])
                was = old[1].split(": ", 1)[-1]
                lines.append((new_keys[0], f"~ {new[0]} · {new[1].replace(': ', f': {was} → ', 1)} ({new[2]}, {new[3]})"))
    lines += [(k, f"+ {v[0]} · {v[1]} ({v[2]}, {v[3]})") for k, v in added.items()]
    lines += [(k, f"- {v[0]} · {v[1]} (was {v[2]}, {v[3]})") for k, v in removed.items()]
    lines.sort(key=lambda kl: (kl[0][0], kl[0][1] or 0, kl[0][2], kl[1][0] != "~", kl[0][3]))
    return [_printable(line) for _, line in lines]
