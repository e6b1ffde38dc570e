"""What every slot extractor reads from: one document, its passages, sentences, subject and
annotations, and the claims gathered so far."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..annotate import sentences as split_sentences
from ..records import Claim, Document, Passage, Sentence
from ..records import TimeValue
from ..slots import fields_of
from ..timex import TimeMatch, find_times, interval
from ..titles import SEASON_ANY, Subject, norm, season_number
from .certainty import attribution_of, certainty_at

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_QUOTES = str.maketrans("‘’“”", "''\"\"")
# generic ways an article points back at its subject
_BACKREF = re.compile(r"\b(the|this|its) (show|series|drama|k-drama|season|sequel|film|movie|programme|program)\b|"
                      r"\b(season \d+|(second|third|fourth|new|next|upcoming|latest|sophomore) (season|instal+ment|chapter))\b",
                      re.I)


@dataclass
class Ctx:
    doc: Document
    passages: list[Passage]
    sents: list[Sentence]
    subject: Subject
    ref: str | None                 # the document's own date, for "this year", "in June"
    published: str | None           # the date claims carry (explicit or inferred)
    claims: list[Claim] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # names the text states are one person
    memo: dict = field(default_factory=dict)                    # per-sentence results several slots ask for
    off_topic: set[int] = field(default_factory=set)            # passages of sections about something else

    def once(self, key: tuple, compute):
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    @property
    def text(self) -> str:
        return self.doc.text

    def sentence_text(self, s: Sentence) -> str:
        # curly quotes folded one-for-one, so offsets into the sentence stay offsets into the text
        return self.once(("text", s.start), lambda: self.doc.text[s.start:s.end].translate(_QUOTES))

    def add(self, slot: str, fields: dict, sent: Sentence, certainty: str, *, rule: str, season: int | None = None,
            polarity: bool = True, attribution: str | None = None, historical: bool = False,
            superseded: bool = False) -> None:
        self.claims.append(Claim(
            doc=self.doc.id, slot=slot, fields=fields_of(slot, fields), start=sent.start, end=sent.end,
            quote=self.doc.text[sent.start:sent.end], certainty=certainty, work=self.subject.title,
            season=self.subject.season if season is None else season, polarity=polarity,
            attribution=attribution if attribution is not None else self.once(
                ("attribution", sent.start), lambda: attribution_of(self.sentence_text(sent))),
            published=self.published, historical=historical, superseded_in_text=superseded, rule=rule))

    def times(self, sent: Sentence | None = None) -> list[TimeMatch]:
        """Time expressions in document offsets (`TimeMatch.text` is the text with curly quotes
        folded): those of `sent`, or with no sentence the whole document's. Each sentence is read
        once per document, when a slot first asks; of two expressions that describe one moment
        ("earlier this year in January") the narrower is kept."""
        if sent is None:
            return [t for s in self.sents for t in self.times(s)]
        return self.once(("times", sent.start), lambda: self._times(sent))

    def sentence_times(self, sent: Sentence) -> list[TimeMatch]:
        """The sentence's time expressions in offsets into `sentence_text(sent)`."""
        return self.once(("sentence times", sent.start), lambda: [
            TimeMatch(t.start - sent.start, t.end - sent.start, t.text, t.value) for t in self.times(sent)])

    def _times(self, sent: Sentence) -> list[TimeMatch]:
        s = self.sentence_text(sent)   # one sentence at a time: an expression never runs across sentences
        if not _TIME_HINT.search(s):
            return []
        keep: list[TimeMatch] = []
        for t in find_times(s, self.ref):
            if keep and t.start - keep[-1].end <= 4 and _within(t.value, keep[-1].value):
                keep[-1] = t
            elif keep and t.start - keep[-1].end <= 4 and _within(keep[-1].value, t.value):
                continue
            else:
                keep.append(t)
        return [TimeMatch(t.start + sent.start, t.end + sent.start, t.text, t.value) for t in keep]

    def about_subject(self, sent: Sentence) -> bool:
        """False when the sentence is about another work mentioned in passing."""
        return self.once(("about", sent.start), lambda: self._about_subject(sent))

    def _about_subject(self, sent: Sentence) -> bool:
        if sent.passage in self.off_topic:
            return False
        folded = norm(self.sentence_text(sent))
        names, others = self.once(("titles",), lambda: ([n for n in map(norm, self.subject.names()) if n],
                                                        [o for o in map(norm, self.subject.others) if o]))
        if any(n in folded for n in names):
            return True
        return not any(o in folded for o in others)

    def mentions_subject(self, sent: Sentence) -> bool:
        s = self.sentence_text(sent)
        folded = norm(s)
        return any(norm(t) in folded for t in self.subject.names()) or bool(_BACKREF.search(s))

    def attribution_context(self, i: int) -> str:
        """A line ending in ':' ("The insider revealed:") attributes the passage after it."""
        sent = self.sents[i]
        for j in range(i - 1, max(-1, i - 4), -1):
            prev = self.sents[j]
            if prev.passage < sent.passage - 1:
                break
            if prev.passage == sent.passage - 1 and self.sentence_text(prev).rstrip().endswith(":"):
                return self.sentence_text(prev)
            if prev.passage != sent.passage:
                break
        return ""

    def past(self, value: TimeValue) -> TimeValue:
        """A month named in a past-tense clause ("was renewed in June") lies before the document."""
        ref_end = {4: "-12-31", 7: "-31"}.get(len(self.ref or ""), "")
        if self.ref and value.lo > self.ref + ref_end:
            return interval(f"{int(value.lo[:4]) - 1}{value.lo[4:]}", f"{int(value.hi[:4]) - 1}{value.hi[4:]}")
        return value

    def season_in(self, s: str) -> int | None:
        found = [season_number(m.group(1) or m.group(2)) for m in SEASON_ANY.finditer(s)]
        if re.search(r"\b(first|debut|inaugural) season\b|\bseason (one|1)\b", s, re.I):
            found.append(1)
        found = [f for f in found if f]
        return min(found) if found else None

    def about_target(self, s: str) -> bool:
        """The sentence speaks of the season the document is about ("the new season", "season 3")."""
        n = self.subject.season
        if re.search(r"\b(new|next|upcoming|coming|latest|forthcoming) (season|instal+ment|chapter|series)\b", s, re.I):
            return True
        if not n:
            return False
        ordinal = _ORDINALS[n - 1] if n <= len(_ORDINALS) else f"{n}th"
        return bool(re.search(rf"\bseason {n}\b|\b{ordinal} (season|series|instal+ment)\b|\bs{n}\b", s, re.I)
                    or (n == 2 and re.search(r"\bsophomore (season|series)\b", s, re.I)))

    def certainty(self, i: int, start: int, end: int, floor: int = 0) -> str:
        return certainty_at(self.sentence_text(self.sents[i]), start, end, self.attribution_context(i), floor)


_TIME_HINT = re.compile(r"\d|this|next|last|year|month|spring|summer|fall|autumn|winter|january|february|march|april|"
                        r"may|june|july|august|september|october|november|december", re.I)


def _within(inner, outer) -> bool:
    return outer.lo <= inner.lo and inner.hi <= outer.hi


def off_topic_sections(doc: Document, passages: list[Passage], subject: Subject) -> set[int]:
    """Passages of sections (a heading and what follows it) that never name the subject or
    refer back to a show or season: a newsletter's second story, a roundup's other entries."""
    names = [norm(t) for t in subject.names() if norm(t)]
    sections: list[list[int]] = [[]]
    for i, p in enumerate(passages):
        opens = p.kind == "heading" or _shouty(doc, p)
        if opens and any(passages[j].kind != "heading" and not _shouty(doc, passages[j]) for j in sections[-1]):
            sections.append([])
        sections[-1].append(i)
    n = subject.season
    target = re.compile(r"\b(the|this|its) (show|series|drama|sequel)\b|\b(new|next|upcoming) season\b"
                        + (rf"|\bseason {n}\b|\b{_ORDINALS[n - 1]} season\b" if n and n <= len(_ORDINALS) else ""), re.I)
    off: set[int] = set()
    for section in sections[1:]:
        body = " ".join(doc.text[passages[i].start:passages[i].end] for i in section)
        folded = norm(body)
        if any(name in folded for name in names) or target.search(body):
            continue
        # and it is about something named: its first paragraph opens with another title
        prose = [i for i in section if passages[i].kind == "paragraph"]
        opening = doc.text[passages[prose[0]].start:passages[prose[0]].end] if prose else ""
        if re.match(r"[A-Z][\w'-]*(?:\s+(?:of|the|and)?\s*[A-Z][\w'-]*)+\s+(?!\()", opening) \
                and not re.match(r"[A-Z][a-z]{0,5}\s+[A-Z][a-z]+-[a-z]+", opening):
            off.update(section)
    return off


def _shouty(doc: Document, p: Passage) -> bool:
    line = doc.text[p.start:p.end]
    upper, lower = len(_UPPER.findall(line)), len(_LOWER.findall(line))
    return upper + lower >= 6 and upper >= 1.5 * lower


_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")


def claimable(sent: Sentence, text: str) -> bool:
    """Headings and questions frame claims; the sentences under them make them."""
    s = text.strip()
    return sent.kind not in ("heading", "question") and not s.endswith("?")


