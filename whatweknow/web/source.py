"""The source page's text: the stored text cut into segments, each either kept article text,
a part cleaning left out (with why), or inside a quote used as evidence.

The store keeps only the passages cleaning kept; why a part was left out is worked out again
here with the cleaner's own line tests, so the label says which rule matches that line."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import clean as cleaning
from ..records import Claim, Document, Passage
from ..segment import lines

_RULES = (  # (cleaner pattern name, how it matches, what the reader is told)
    ("_PLUG", "match", "a link to another story"),
    ("_CREDIT", "search", "a photo or image credit"),
    ("_PROMPT", "search", "a share, sign-up or comment prompt"),
    ("_LISTICLE", "match", "a plug for a list article"),
    ("_TEASER_END", "search", "a cut-off teaser of another story"),
    ("_BYLINE", "match", "the byline"),
    ("_BIO", "search", "the author's bio"),
)


def _line_reason(line: str, after_last: bool) -> str:
    bare = re.sub(r"^\s*([•·▪*–—-]|\d{1,2}[.)])\s+", "", line).strip()
    header = getattr(cleaning, "_BLOCK_HEADER", None)
    if header is not None and header.match(bare):
        return "the start of a block of other stories or comments (everything after it is left out)"
    for name, how, words in _RULES:
        pattern = getattr(cleaning, name, None)
        if pattern is not None and getattr(pattern, how)(bare):
            return words
    if after_last:
        return "a line after the article's last paragraph (a label, teaser or story card)"
    return "not article text"


@dataclass
class Segment:
    text: str
    start: int
    dropped: str | None = None        # why cleaning left this part out
    label: bool = False               # the first segment of a dropped part carries its label
    quotes: list[str] = field(default_factory=list)   # anchors of the evidence quotes covering it
    anchors: list[str] = field(default_factory=list)  # quotes that start here


def dropped_parts(text: str, passages: list[Passage]) -> list[tuple[int, int, str]]:
    """(start, end, reason) of every non-blank part of the text outside the kept passages."""
    if not passages:
        return []
    gaps, at = [], 0
    for p in sorted(passages, key=lambda p: p.start):
        if p.start > at:
            gaps.append((at, p.start))
        at = max(at, p.end)
    gaps.append((at, len(text)))
    last = max(p.end for p in passages)
    header_at = None
    out: list[tuple[int, int, str]] = []
    every_line = lines(text)
    j = 0
    for gs, ge in gaps:  # gaps and lines are both in text order: one pass
        while j < len(every_line) and every_line[j][1] <= gs:
            j += 1
        for k in range(j, len(every_line)):
            ls, le = every_line[k]
            if ls >= ge:
                break
            piece = lines(text, max(ls, gs), min(le, ge))
            if not piece:
                continue
            s, e = piece[0][0], piece[-1][1]
            whole_line = (s, e) == (ls, le)
            if header_at is not None:
                reason = "inside the block of other stories or comments"
            elif not whole_line:
                reason = "a self-promotion or prompt sentence inside a paragraph"
            else:
                reason = _line_reason(text[ls:le], s >= last)
                if reason.startswith("the start of a block"):
                    header_at = s
            if out and out[-1][2] == reason and not text[out[-1][1]:s].strip():
                out[-1] = (out[-1][0], e, reason)
            else:
                out.append((s, e, reason))
    return out


def segments(doc: Document, passages: list[Passage], claims: list[Claim]) -> list[Segment]:
    text = doc.text
    quotes = sorted({(c.start, c.end) for c in claims if 0 <= c.start < c.end <= len(text)})
    parts = dropped_parts(text, passages) if doc.status == "ok" or passages else []
    cuts = {0, len(text)} | {b for s, e in quotes for b in (s, e)} | {b for s, e, _ in parts for b in (s, e)}
    cuts = sorted(cuts)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        part = next((p for p in parts if p[0] <= a < p[1]), None)
        seg = Segment(text[a:b], a, part[2] if part else None, bool(part and part[0] == a),
                      [f"q-{s}-{e}" for s, e in quotes if s <= a < e],
                      [f"q-{s}-{e}" for s, e in quotes if s == a])
        out.append(seg)
    return out


def headline(doc: Document, passages: list[Passage]) -> str:
    """The page's own title, else its first kept line (shortened), else its id."""
    if doc.title:
        return doc.title
    first = doc.text[passages[0].start:passages[0].end].strip() if passages else ""
    return (first[:157] + "…" if len(first) > 160 else first) or doc.id


def date_reason(doc: Document) -> str:
    if doc.published:
        return "the date the page states for itself (its metadata, a dated byline or an \"as of\" line)"
    if doc.range_from == "other articles":
        return ("no date on the page and none in its text; placed by other articles: no earlier than the first "
                "dated report of the news it carries, at most the year after")
    if doc.published_range:
        return ("no date on the page; inferred from the text: after the latest event it reports as past, "
                "before the earliest window it still speaks of as future")
    if doc.status != "ok":
        return "not dated: the input was not read as an article"
    return "no date on the page, and nothing in the text to infer one from"
