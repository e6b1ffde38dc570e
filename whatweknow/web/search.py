"""Full-text search over titles, people, characters and article text.

The index is an in-memory SQLite FTS5 table filled from the store's public reads (works and
documents), not a table inside the store: so it works the same over any store backend, and
serving never writes the store. It is rebuilt when the store's documents or date change."""
from __future__ import annotations

import re
import sqlite3
import threading
from dataclasses import dataclass, field

from ..records import Document, Work

HIT_OPEN, HIT_CLOSE = "\x02", "\x03"  # snippet markers no article text contains after escaping
MAX_TERMS = 12


@dataclass
class WorkHit:
    id: str
    title: str
    season: int | None
    matched: list[str] = field(default_factory=list)   # "person: Seo Ji-hoon"


@dataclass
class DocHit:
    id: str
    title: str | None
    snippet: list[tuple[str, bool]]                    # (text, is a hit) pieces, escaped by the template


@dataclass
class Results:
    query: str
    works: list[WorkHit] = field(default_factory=list)
    documents: list[DocHit] = field(default_factory=list)


def fts_query(q: str) -> str | None:
    """Every word of the query, each as a quoted FTS5 term (no operator syntax from the user)."""
    terms = re.findall(r"\w+", q)[:MAX_TERMS]
    return " ".join(f'"{t}"' for t in terms) or None


class SearchIndex:
    def __init__(self) -> None:
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.db.execute("CREATE VIRTUAL TABLE entries USING fts5(kind UNINDEXED, ref UNINDEXED, label UNINDEXED,"
                        " body, tokenize='unicode61 remove_diacritics 2')")
        self.lock = threading.Lock()
        self.key: object = None

    def fill(self, key: object, works: dict[str, Work], documents: list[Document]) -> None:
        rows = []
        for wid, w in works.items():
            rows.append(("work", wid, w.title, " ".join([w.title, *w.aliases])))
            for kind, people in (("person", w.people), ("character", w.characters)):
                rows += [(kind, wid, p.name, " ".join([p.name, *p.aliases])) for p in people]
        rows += [("document", d.id, d.title or "", f"{d.title or ''}\n{d.text}") for d in documents if d.text]
        with self.lock:
            self.db.execute("DELETE FROM entries")
            self.db.executemany("INSERT INTO entries VALUES (?,?,?,?)", rows)
            self.key = key

    def search(self, q: str, works: dict[str, Work], limit: int = 20) -> Results:
        out = Results(q)
        match = fts_query(q)
        if match is None:
            return out
        with self.lock:
            named = self.db.execute("SELECT kind, ref, label FROM entries WHERE entries MATCH ? AND kind != 'document'"
                                    " ORDER BY rank LIMIT 200", (match,)).fetchall()
            docs = self.db.execute(
                "SELECT ref, label, snippet(entries, 3, ?, ?, '…', 16) FROM entries"
                " WHERE entries MATCH ? AND kind = 'document' ORDER BY rank LIMIT ?",
                (HIT_OPEN, HIT_CLOSE, match, limit)).fetchall()
        hits: dict[str, WorkHit] = {}
        for kind, ref, label in named:
            w = works.get(ref)
            if w is None:
                continue
            hit = hits.setdefault(ref, WorkHit(ref, w.title, w.season))
            if kind != "work" and len(hit.matched) < 8:
                hit.matched.append(f"{kind}: {label}")
        out.works = list(hits.values())[:limit]
        out.documents = [DocHit(ref, label or None, _pieces(snip)) for ref, label, snip in docs]
        return out


def _pieces(snippet: str) -> list[tuple[str, bool]]:
    out = []
    for i, part in enumerate(re.split(f"[{HIT_OPEN}{HIT_CLOSE}]", snippet)):
        if part:
            out.append((part, i % 2 == 1))
    return out
