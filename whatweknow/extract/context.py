"""What every slot extractor reads from: one document, its passages, sentences, subject and
annotations, and the claims gathered so far."""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

from ..records import Claim, Document, Passage, Sentence
from ..records import TimeValue
from ..slots import fields_of
from ..timex import TimeMatch, find_times, interval
from ..lexicon import MONTHS_RE, ORDINAL_RE, SMALL_NUMBER_RE, UPCOMING_RE, YEAR_SEASONS, alt, number_of
from ..rules import rule, veto, folded
from ..titles import REFERENCE_SEASON, SEASON_ANY, Subject, norm, season_number
from .certainty import attribution_of, certainty_at

_QUOTES = str.maketrans("‘’“”", "''\"\"")
# a sentence with none of these holds no time expression: find_times is not asked
_TIME_HINT = folded(rf"\d|this|next|last|year|month|{alt(YEAR_SEASONS)}|{MONTHS_RE}")

BACKREF = rule(
    "title.backref", "title",
    r"\b(the|this|its) (show|series|drama|k-drama|season|sequel|film|movie|programme|program)\b|"
    r"\b(season \d+|(second|third|fourth|new|next|upcoming|latest|sophomore) (season|instal+ment|chapter))\b",
    matches=["The show returns in spring.", "Its second season is longer.", "Season 3 is filming."],
    rejects=["Harbour Lights returns in spring."],
    why="generic words an article uses to point back at its subject")
EARLIER_FILM = rule(
    "title.earlier_film", "title",
    r"\b(?:the|its|that) (?:first|original|previous|earlier|last|(?:19|20)\d\d) (?:film|movie|instal+ment|adaptation|chapter)\b|"
    r"\b(?:an|the) adaptation\b[^.]{0,80}\b(?:was|were) released\b|\bin (?:19|20)\d\d, (?:a|an|the) [^.]{0,60}\badaptation\b",
    matches=["The first film starred two newcomers.", "In 1984, an adaptation of the novel flopped.",
             "Its 2021 film was a hit."],
    rejects=["The sequel starts filming in May."],
    why="a film article's sentence about an earlier film of the franchise")
OPENS_WITH_BACKREF = rule(
    "title.opens_with_backref", "title",
    r"\s*(?:its|the (?:show|series|drama|k-drama|film|movie|sequel|new season|second season|third season))(?:'s)?\b"
    r"(?!(?-i:\s+[A-Z]))",
    matches=["Its opening episode drew more viewers than any drama since Harbour Lights.",
             "The series is bigger than Harbour Lights."],
    rejects=["Harbour Lights drew more viewers.", "The show's rival, Harbour Lights, returns.",
             "The Drama Desk newsletter is written by two editors."],
    vetoes=[veto(r"^\s*the (?:show|series|drama|film|movie)(?:'s)? (?:rival|competitor|predecessor|spin-?off)", "sentence")],
    why="a sentence that opens by pointing back at the subject is about it, whatever else it names")
FIRST_SEASON = rule(
    "season.first", "season", r"\b(first|debut|inaugural) season\b|\bseason (one|1)\b",
    matches=["The debut season was a hit.", "Season one ended on a cliffhanger."],
    rejects=["Season 10 starts soon."],
    why="the first season, which the ordinal rule leaves to the context")
UPCOMING_SEASON = rule(
    "season.upcoming", "season", rf"\b{UPCOMING_RE} (season|instal+ment|chapter|series)\b",
    matches=["The new season arrives in June.", "Fans await the forthcoming instalment."],
    rejects=["The season finale aired last week."],
    why="the coming season, whatever its number")
_NUMBER = rf"(?:\d{{1,2}}|{SMALL_NUMBER_RE})"
SEASON_LIST = rule(
    "season.list", "season",
    rf"\bseasons\s+(?P<list>{_NUMBER}(?:\s*(?:,|and|&|to|through|-)\s*{_NUMBER})+)\b",
    matches=["Netflix ordered seasons 2 and 3 at once.", "The cast of seasons two, three and four is set."],
    rejects=["Both seasons were filmed in Seoul."],
    why="several seasons named at once: the claim is about the first of them")
# "season 2", "the second season", "S2": a season named by number; which one is read from the groups
SEASON_NUMBERED = rule(
    "season.numbered", "season",
    rf"\bseason (\d+|{SMALL_NUMBER_RE})\b|\b({ORDINAL_RE}|\d+th) (season|series|instal+ment)\b|\bs(\d+)\b|\b(sophomore) (season|series)\b",
    matches=["Season 2 wraps in May.", "The third series is due.", "S2 is on the way.", "Its sophomore season is darker.",
             "Part one of season three arrives in May."],
    rejects=["The season finale aired."],
    why="a season named by its number, for a check against the document's season")


# facts true of the whole show whichever season a sentence names ("season 1 was on Netflix")
SHOW_WIDE = frozenset({"platform", "source_material", "crew"})


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
        if season is None and slot in SHOW_WIDE:
            season = self.subject.season
        elif season is None:  # the season the sentence is about; an earlier one is history
            season = self.sentence_season(sent)
            historical = historical or bool(season and self.subject.season and season < self.subject.season)
        self.claims.append(Claim(
            doc=self.doc.id, slot=slot, fields=fields_of(slot, fields), start=sent.start, end=sent.end,
            quote=self.doc.text[sent.start:sent.end], certainty=certainty, work=self.subject.title,
            season=season, polarity=polarity,
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
        named, last = self._named(sent)
        s = self.sentence_text(sent)
        if self.subject.season is None and EARLIER_FILM.search(s) and named != "subject":
            return False  # a film's predecessor lends it nothing
        if named == "subject":
            return True
        if OPENS_WITH_BACKREF.match(s):
            return True
        # "the second season: A (Other Show), B (Another Show)": credits, not other works' news
        if self.subject.season and self._season_first(s):
            return True
        return named != "other"

    def _season_first(self, s: str) -> bool:
        """The sentence names the subject's season before it names any other work."""
        low = s.lower()
        first_other = min((at for at in (low.find(o.lower()) for o in self.subject.others) if at >= 0), default=len(s))
        head = s[:first_other]
        return self.subject.season in seasons_named(head)

    def _named(self, sent: Sentence) -> tuple[str | None, str | None]:
        """Which works a sentence names ("subject" if the subject at all, else "other" or None)
        and which it names last. A companion that contains the subject's name ("X: The Game")
        is another work."""
        def compute():
            folded = norm(self.sentence_text(sent))
            names, others = self.once(("titles",), lambda: ([n for n in map(norm, self.subject.names()) if n],
                                                            [o for o in map(norm, self.subject.others) if o]))
            other_at = -1
            for o in others:
                at = folded.rfind(o)
                if at >= 0:
                    other_at = max(other_at, at)
                    if any(n in o for n in names):
                        folded = folded.replace(o, "#" * len(o))
            name_at = max((folded.rfind(n) for n in names), default=-1)
            if name_at < 0 and other_at < 0:
                return None, None
            return ("subject" if name_at >= 0 else "other"), ("subject" if name_at > other_at else "other")
        return self.once(("named", sent.start), compute)

    def mentions_subject(self, sent: Sentence) -> bool:
        s = self.sentence_text(sent)
        folded = norm(s)
        return any(norm(t) in folded for t in self.subject.names()) or bool(BACKREF.search(s))

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
        """The season a sentence names as its topic: the earliest named, leaving out seasons
        used only as a point of reference ("following season 1, ...") when others are named."""
        return self.once(("season_in", s), lambda: _season_in(s))

    def sentence_season(self, sent: Sentence) -> int | None:
        """The season a sentence is about: the document's season unless the sentence names
        others ("season 3 is already in the works" in an article about season 2)."""
        def compute():
            named = seasons_named(self.sentence_text(sent))
            n = self.subject.season
            if not named or n is None or n in named:
                return n
            return min(named)
        return self.once(("sentence_season", sent.start), compute)

    def about_target(self, s: str) -> bool:
        """The sentence speaks of the season the document is about ("the new season", "season 3")."""
        n = self.subject.season
        if UPCOMING_SEASON.search(s):
            return True
        return bool(n) and (n in _numbered_seasons(s) or any(n in _list_numbers(m) for m in SEASON_LIST.finditer(s)))

    def certainty(self, i: int, start: int, end: int, floor: int = 0) -> str:
        return certainty_at(self.sentence_text(self.sents[i]), start, end, self.attribution_context(i), floor)


_TIME_HINT = folded(r"\d|this|next|last|year|month|spring|summer|fall|autumn|winter|january|february|march|april|"
                        r"may|june|july|august|september|october|november|december")


def _list_numbers(m) -> list[int]:
    return [n for n in map(number_of, re.findall(rf"\d+|{SMALL_NUMBER_RE}", m.group("list"), re.I)) if n]


@lru_cache(maxsize=8192)
def seasons_named(s: str) -> frozenset[int]:
    """Every season a sentence names as a topic (not as a point of reference, when it names
    others too)."""
    low = s.lower()
    if "season" not in low and "series" not in low:  # every form below names one: most sentences stop here
        return frozenset()
    found: list[tuple[int, int]] = [(m.start(), season_number(m.group(1) or m.group(2))) for m in SEASON_ANY.finditer(s)]
    found += [(m.start(), n) for m in SEASON_LIST.finditer(s) for n in _list_numbers(m)]
    first = FIRST_SEASON.search(s)
    if first:
        found.append((first.start(), 1))
    found = [(at, n) for at, n in found if n and n <= 30]
    refs = [(m.start(), m.end()) for m in REFERENCE_SEASON.finditer(s)]
    topical = [(at, n) for at, n in found if not any(a <= at < b for a, b in refs)]
    return frozenset(n for _, n in (topical or found))


def _season_in(s: str) -> int | None:
    named = seasons_named(s)
    return min(named) if named else None


def _numbered_seasons(s: str) -> set[int]:
    found = set()
    for m in SEASON_NUMBERED.finditer(s):
        found.add(2 if m.group(5) else number_of(m.group(1) or m.group(2) or m.group(4)))
    return found


def _within(inner, outer) -> bool:
    return outer.lo <= inner.lo and inner.hi <= outer.hi


SECTION_BACKREF = rule(
    "title.section_backref", "title",
    rf"\b(the|this|its) (show|series|drama|sequel)\b|\b(new|next|upcoming) season\b|\bseason (\d+)\b|\b({ORDINAL_RE}) season\b",
    matches=["The show has a new lead.", "Filming of the next season starts soon.", "The third season is shorter."],
    rejects=["Harbour Lights has a new lead."],
    why="a section that refers back to a show or a season (the number is checked against the document's)")
SECTION_OPENS_WITH_TITLE = rule(
    "title.section_opening", "title", r"[A-Z][\w'-]*(?:\s+(?:of|the|and)?\s*[A-Z][\w'-]*)+\s+(?!\()",
    vetoes=[veto(r"^[A-Z][a-z]{0,5}\s+[A-Z][a-z]+-[a-z]+", flags=0)],
    flags=0,
    matches=["Harbour Lights returns with a new cast.", "The Glass Orchard is a mystery."],
    rejects=["Kim Min-seo stars in the new film.", "The cast returns."],
    why="a section whose first paragraph opens with a capitalised title (not a Korean name)")


def _refers_back(body: str, n: int | None) -> bool:
    for m in SECTION_BACKREF.finditer(body):
        number = m.group(4) or m.group(5)
        if not number or (n and n <= 10 and number_of(number) == n):
            return True
    return False


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
    off: set[int] = set()
    for section in sections[1:]:
        body = " ".join(doc.text[passages[i].start:passages[i].end] for i in section)
        folded = norm(body)
        if any(name in folded for name in names) or _refers_back(body, n):
            continue
        # and it is about something named: its first paragraph opens with another title
        prose = [i for i in section if passages[i].kind == "paragraph"]
        opening = doc.text[passages[prose[0]].start:passages[prose[0]].end] if prose else ""
        if SECTION_OPENS_WITH_TITLE.match(opening):
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


