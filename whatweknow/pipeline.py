"""One document through every per-document stage: clean, annotate, date, extract.

`process` depends on nothing but its document, so a build can run it in any process (and a
batch job on any worker); reconciliation happens later, over a work's claims."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from .annotate import sentences
from .clean import clean
from .dating import explicit_date, infer_range
from .extract import extract
from .normalize import View, normalized, view
from .records import Claim, Document, Passage
from .segment import words
from .titles import Subject, find_subject

MIN_WORDS = 40


@dataclass
class DocResult:
    document: Document
    passages: list[Passage] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    subject: Subject | None = None


def _skip(doc: Document, reason: str, **changes) -> DocResult:
    return DocResult(dataclasses.replace(doc, status="skipped", reason=reason, **changes))


def process(doc: Document) -> DocResult:
    """The stages read a normalised view of the text (see normalize.py); every span they return
    is mapped back, so each quote is exactly the stored text between its offsets."""
    if doc.status != "ok":
        return DocResult(doc)
    seen = view(doc.text)
    title = normalized(doc.title) if doc.title else doc.title
    if seen.identity and title == doc.title:
        return _process(doc)
    return _map_back(_process(dataclasses.replace(doc, text=seen.text, title=title)), doc, seen)


def _map_back(result: DocResult, original: Document, seen: View) -> DocResult:
    text = original.text
    passages = [Passage(*seen.span(p.start, p.end), p.kind) for p in result.passages]
    claims = []
    for c in result.claims:
        s, e = seen.span(c.start, c.end)
        claims.append(dataclasses.replace(c, start=s, end=e, quote=text[s:e]))
    document = dataclasses.replace(result.document, text=text, title=original.title)
    return DocResult(document, passages, claims, result.links, result.subject)


def _process(doc: Document) -> DocResult:
    passages = clean(doc)
    body = "\n".join(doc.text[p.start:p.end] for p in passages)
    if len(words(body)) < MIN_WORDS:
        return _skip(doc, "no article text")
    language = detect_language(body)
    if language != "en":
        return _skip(doc, f"not English ({language})", language=language)
    published = explicit_date(doc)
    published_range = None
    sents = sentences(doc, passages)
    if published is None:
        published_range = infer_range(doc, [(s.start, s.end) for s in sents])
    doc = dataclasses.replace(doc, published=published, published_range=published_range, language="en")
    headline = doc.title or (doc.text[passages[0].start:passages[0].end] if passages else None)
    subject = find_subject(body, headline)
    if subject is None:
        return DocResult(dataclasses.replace(doc, status="skipped", reason="not about a release (no work title found)"),
                         passages)
    # an undated article counts from the earliest date it can have: it must not outrank a dated one
    claim_date = published or (published_range[0] if published_range else None)
    claims, links = extract(doc, passages, subject, published, claim_date, sents)
    if not claims:
        return DocResult(dataclasses.replace(doc, status="skipped", reason="not about a release (no claims)"),
                         passages, subject=subject)
    return DocResult(doc, passages, claims, links, subject)


_ENGLISH = frozenset("the a an and of to in is are was were that it for on with as by this be has have "
                     "will from at its their his her they but not".split())


def detect_language(text: str) -> str:
    """English function words settle most articles at once; the classifier decides the rest."""
    sample = words(text[:3000].lower())
    if sample and sum(w in _ENGLISH for w in sample) / len(sample) >= 0.25:
        return "en"
    import py3langid

    lang, _ = py3langid.classify(text[:3000])
    return lang
