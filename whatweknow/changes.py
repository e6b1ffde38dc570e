"""What changed since a date: facts first seen after it, a release answer that moved, and facts
that newer evidence replaced. Pure functions over a reconciled `Work`; the web page and the
`changes` command both use them.

Dates are ISO strings of any precision ("2025", "2025-06", "2025-06-18"), compared as text:
a month-precision date counts from the month's start, so it is "after" a day only when the
whole month is."""
from __future__ import annotations

from dataclasses import dataclass

from .records import CERTAINTY_RANK, Fact, Work
from .timex import interval

KINDS = ("moved", "superseded", "new")  # the order a reader wants them in, on one day
LIVE = ("current", "disputed")


@dataclass(frozen=True)
class Change:
    kind: str                 # new | moved | superseded
    fact: int                 # index into work.facts
    slot: str
    date: str | None          # when the change showed up: the date of the evidence that brought it
    doc: str | None           # the document that brought it
    note: str                 # one line of plain words


def first_seen(f: Fact) -> str | None:
    dates = [e.published for e in f.evidence if e.published]
    return min(dates) if dates else None


def last_seen(f: Fact) -> str | None:
    dates = [e.published for e in f.evidence if e.published]
    return max(dates) if dates else None


def _group(f: Fact) -> tuple:
    """Facts that compete for one answer: one release, one renewal, one cast line per person…"""
    v = f.fields
    if f.slot in ("cast", "crew"):
        return f.slot, v.get("person"), v.get("role"), v.get("season")
    return f.slot, v.get("season")


def _rank(certainty: str) -> int:
    return CERTAINTY_RANK.get(certainty, 0)


def _firm_enough(new: str, old: str) -> bool:
    """A newer value replaces an older one when at least as firm (reported is firm enough)."""
    return _rank(new) >= min(_rank(old), CERTAINTY_RANK["reported"])


def _ends(value) -> str | None:
    try:
        lo, _, hi = str(value).partition("/")
        return interval(lo, hi or lo).hi
    except ValueError:
        return None


def release_answer_at(work: Work, day: str) -> Fact | None:
    """The release fact that was the answer on `day`, judged from the evidence dated by then:
    windows already over do not count, and a newer value wins when it is firm enough."""
    seen = []
    for f in work.facts:
        ends = _ends(f.fields.get("value")) if f.slot == "release" else None
        if ends is None or ends < day:
            continue
        dated = [e for e in f.evidence if e.published and e.published <= day]
        if dated:
            best = max(dated, key=lambda e: _rank(e.certainty))
            seen.append((max(e.published for e in dated), best.certainty, f))
    answer = None
    for latest, certainty, f in sorted(seen, key=lambda t: (t[0], _rank(t[1]))):
        if answer is None or _firm_enough(certainty, answer[1]):
            answer = (latest, certainty, f)
    return answer[2] if answer else None


def _replaced(f: Fact, work: Work) -> tuple[str, str, Fact] | None:
    """(date, doc, fact) of the first evidence for another value of the same kind that came
    after this superseded fact was last put forward, and was firm enough to replace it."""
    after = last_seen(f) or ""
    best = None
    for g in work.facts:
        if g is f or _group(g) != _group(f):
            continue
        for e in g.evidence:  # the same day counts: one article can retract a value and give the new one
            key = (e.published or "", g.status not in LIVE)
            if e.published and e.published >= after and _firm_enough(e.certainty, f.certainty) \
                    and (best is None or key < best[0]):
                best = (key, e.doc, g)
    return (best[0][0], best[1], best[2]) if best else None


def changes(work: Work, since: str, describe=None) -> list[Change]:
    """Everything that appeared, moved or was superseded after `since`, oldest first."""
    describe = describe or (lambda f: str(f.fields.get("value", f.fields.get("person", f.slot))))
    out: list[Change] = []
    before = release_answer_at(work, since)
    for i, f in enumerate(work.facts):
        first = first_seen(f)
        if f.status == "superseded":
            replaced = _replaced(f, work)
            if replaced and replaced[0] > since:
                out.append(Change("superseded", i, f.slot, replaced[0], replaced[1],
                                  f"{f.slot} {describe(f)} was replaced by {describe(replaced[2])}"))
            continue
        if first is None or first <= since:
            continue
        doc = min((e for e in f.evidence if e.published), key=lambda e: e.published).doc
        if f.slot == "release" and f.status in LIVE and before is not None \
                and before.fields.get("value") != f.fields.get("value"):
            out.append(Change("moved", i, f.slot, first, doc,
                              f"release moved from {describe(before)} to {describe(f)}"))
        else:
            out.append(Change("new", i, f.slot, first, doc, f"{f.slot}: {describe(f)}"))
    return sorted(out, key=lambda c: (c.date or "", KINDS.index(c.kind), c.fact))
