"""Work titles: what a document is about, which other titles it mentions in passing,
and which spellings of a title are one work."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from functools import lru_cache

from rapidfuzz import fuzz

from .lexicon import CASE_SENSITIVE_PLATFORMS, MONTHS, NUMBER_WORDS, ORDINAL_RE, PLATFORM_NAMES, SMALL_NUMBER_RE, alt, number_of
from .names import is_first_name, is_korean_name
from .rules import gate, rule, veto, folded

_CONNECT = r"(?:of|the|a|an|and|in|on|at|to|for|with|from|is|are|us|our|my|your|vs\.?|de|la|le|&)"
_CAP = r"(?:[A-Z0-9](?:[\w'’&!.:-]*[\w!])?)"
TITLE = re.compile(rf"{_CAP}(?:[ \t]+(?:{_CONNECT}[ \t]+)*{_CAP})*|{_CAP}")  # a title never spans lines
_SEASON_NO = rf"(\d{{1,2}}|{SMALL_NUMBER_RE})"
_POSS = r"(?:['’‘]s)"                      # a possessive, whichever quote mark the page used
_MONTH_WORD = rf"(?:{alt(m.capitalize() for m in MONTHS)}|{alt(m[:3].capitalize() for m in MONTHS)}\.?)"
_ORDINAL = rf"({ORDINAL_RE}|\d{{1,2}}(?:st|nd|rd|th))"
season_number = number_of  # "2", "two", "second", "2nd" → 2

# --- a season tied to a title ---------------------------------------------------------------
SEASON_AFTER = rule(
    "title.season_after", "title",
    rf"^\s*{_POSS}?\s*(?:(?:is|has been|was|will be|gets?|officially)\s+)*"
    r"(?:(?:renewed|returns?|returning|coming back|back|confirmed|greenlit|picked up)\s+for\s+(?:a\s+)?)?"
    rf"(?:season|series|part|s)\s*{_SEASON_NO}\b",
    matches=[" Season 2 arrives in June.", "'s season three is filming.", " is officially renewed for season 4.",
             " S2 trailer", "‘s Season 2 will be shorter."],
    rejects=[" season finale aired in May.", " stars two newcomers.", " was a hit in season"],
    why="the words straight after a title that tie it to a season number")
SEASON_OF = rule(
    "title.season_of", "title",
    rf"\b(?:seasons?|series|part)\s+{_SEASON_NO}(?:\s+(?:and|&)\s+{_SEASON_NO[1:-1]})?\s+of\s+(?:the\s+)?[“\"‘']?$|\b{_ORDINAL}\s+season\s+of\s+(?:the\s+)?[“\"‘']?$",
    matches=["Filming of season 3 of ", "Netflix confirmed a second season of the ", "Production on Season 2 of “",
             "Netflix ordered seasons 2 and 3 of "],
    rejects=["Season 3 of the show ended.", "the first episode of "],
    why="the words straight before a title that tie it to a season number")
INNER_SEASON = rule(
    "title.inner_season", "title",
    rf"{_POSS}?\s+(?:Seasons?|Series|Part)\s+{_SEASON_NO}(?:\s+(?:and|&)\s+{_SEASON_NO[1:-1]})?\b",
    matches=["Harbour Lights Season 2", "Paper Crown's Part Two", "Harbour Lights Seasons 2 and 3"],
    rejects=["Harbour Lights Season Finale"],
    why="a capitalised run that itself ends in its season number")
SEQUEL_NUMBER = rule(
    "title.sequel_number", "title",
    r"^(\S+(?:\s+\S+)+?)\s+([1-9]|1\d)(?=$|\s+[A-Z]|[:,.;])(?!\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))",
    vetoes=[veto(rf"\b{_MONTH_WORD}\s+\d{{1,2}}$", "match", flags=0)],
    flags=0,
    matches=["Harbour Lights 2", "The Glass Orchard 3: What We Know"],
    rejects=["Harbour 2", "Harbour Lights 2 May", "Glass Orchard Opens on March 3"],
    why="a sequel number straight after a title of two or more words")
_SEQUEL_END = re.compile(r"^(?:[:,;]|\.(?!\d)|$|\s+[A-Z])")   # what may follow a sequel number
UPCOMING_SEASON = rule(
    "title.upcoming_season", "title",
    rf"^\s*{_POSS}?\s+(?:(?:upcoming|new|next|latest|second|third|fourth|fifth|final)\s+){{1,2}}season",
    matches=["'s upcoming season", " next season will be darker", "‘s upcoming second season"],
    rejects=["'s upcoming film"],
    why="a title followed by its coming season, without a number")
UPCOMING_SEASON_OF = rule(
    "title.upcoming_season_of", "title", r"\b(?:new|next|upcoming|latest|final) (?:season|series|instal+ment) of\s+(?:the\s+)?[“\"‘']?$",
    matches=["No date yet for the new season of "],
    rejects=["The new season is darker"],
    why="the coming season of a title, named before it")
# "X: Part Two" is one title (a film and its part number); "X: The Game" is a companion work
PART_SUBTITLE = rule(
    "title.part_subtitle", "title", rf"^:\s+Part\s+(?P<n>\d{{1,2}}|{SMALL_NUMBER_RE}|[IVX]{{1,4}})\b",
    matches=[": Part Two opens in March", ": Part 2 is coming"],
    rejects=[" Part Two opens", ": The Game"],
    why="a part number written as the subtitle of a title")
COMPANION = rule(
    "title.companion", "title",
    r"^:\s+(?P<sub>The\s+(?!(?:Season|Series|Release|Cast|Trailer|Story|Plot|Return|Final|Latest|Complete|Full|"
    r"Ultimate|Official|Biggest|Best|New|Next|First|Second|Third|Truth|Answer|Date|End|Ending)\b)[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)",
    flags=0,
    matches=[": The Challenge begins in May", ": The Game is out now"],
    rejects=[": The Release Date", ": Part Two", ": the cast"],
    why="a companion or spin-off named as the title with a subtitle: another work")
# "Harbour Lights adds three actors for season 2": a headline that opens with its title
HEADLINE_OPENING = rule(
    "title.headline_opening", "title",
    rf"^\s*(?P<t>{_CAP}(?:\s+(?:{_CONNECT}\s+)*{_CAP}){{0,5}})\s+(?:adds|casts|taps|books|lands|gets|sets|drops|reveals|"
    r"unveils|confirms|teases|announces|returns|renewed|recruits|enlists|finds|eyes)\b(?=.*\bseason\s+\d)",
    flags=0,
    matches=["Harbour Lights adds three actors for season 2", "Paper Crown sets its return for season 3 in May"],
    rejects=["Harbour Lights adds three actors", "The cast adds three actors for season 2"],
    why="a headline whose subject is the title and which names a season")
_QUOTE_OPEN = re.compile(r"[‘'“\"]\s*$")
_QUOTE_CLOSE = re.compile(r"\s*[’'”\"]")
# no season word, number or quote near a capitalised run: nothing can anchor it
TITLE_GATE = gate("title.gate", r"season|series|part|\d|[‘'“\"’”]|upcoming|new|next|latest|second|third",
                  [SEASON_AFTER, SEASON_OF, INNER_SEASON, SEQUEL_NUMBER, UPCOMING_SEASON, UPCOMING_SEASON_OF,
                   PART_SUBTITLE])

# "the second season", "season 2" anywhere in a sentence
SEASON_ANY = rule(
    "season.named", "season",
    rf"\b(?:season|series)\s+{_SEASON_NO}\b(?!\s*(?:episodes?|of\b))|\b{_ORDINAL}\s+(?:season|instal+ment|series)\b",
    matches=["The second season arrives next year.", "Season 3 is filming in Busan.", "Its 4th instalment is due."],
    rejects=["Season 2 episodes run an hour each.", "Season 2 of the drama wrapped."],
    why="a season named by number or ordinal; a count of episodes or 'season N of X' is not it")

# a season named as a point in time ("after season 1") is not the season a sentence is about
REFERENCE_SEASON = rule(
    "season.reference", "season",
    rf"\b(?:following|after|since|than|unlike|like|before|till|until|up to)\s+(?:the\s+)?"
    rf"(?:(?:season|series|part)\s+{_SEASON_NO}|{_ORDINAL}\s+season)\b",
    matches=["Following season 1, the cast signed on again.", "It is bigger than the first season.",
             "The writer hopes to keep going until Season 8."],
    rejects=["Season 1 ended on a cliffhanger."],
    why="a season used as a point of reference")

# --- trimming a capitalised run down to its title -----------------------------------------------
LEAD_WORDS = rule(
    "title.lead_words", "title",
    r"^(?:(?:[Dd]ate\s+)?\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}(?:\s+\d{1,2}:\d\d)?\s*|(?:Everything|What|All|Here's What)\s+We\s+Know(?:\s+So\s+Far)?(?:\s+About)?(?:\s+(?:a|the)"
    r"\s+(?:Possible|Potential|Upcoming|New))?\s*|(?:(?:The|A|An)\s+)?(?:Netflix|Disney\+?|Hulu|HBO|Apple|Amazon|Prime|Peacock|Paramount\+?|"
    r"Seasons?|Series|Part|Will|When|What|Where|Why|How|Is|Are|Was|Were|Does|Do|Did|Can|Has|Have|"
    r"Renewed|Officially|Confirmed|Release|Date|Cast|Plot|Trailer|Everything|Here|Published|Updated|Posted|"
    r"Confirms|Announces|Renews|Orders|Reveals|Drops|Releases|Sets|Gets|Dates|Teases|Unveils|Exclusive|"
    r"Why|Watch|New|Upcoming|Latest|More|Get|Ready|For|Exclusive|Update|Updates|Breaking|"
    r"In|On|After|Before|While|If|Since|But|And|So|Although|Among|Amongst|Alongside|Besides|During|Despite|"
    r"Following|Unlike|Like|With|Without|Throughout|As|At|By|From|Of|To|Into|Per|Via|Until|Till|"
    r"All\s+We\s+Know)\b[\s:]*)",
    flags=0,
    matches=["Everything We Know About Harbour Lights", "Netflix Renews Harbour Lights", "When Harbour Lights Returns",
             "2025-03-01 Harbour Lights"],
    rejects=["Harbour Lights Returns"],
    why="headline words that open a capitalised run but are not part of the title")
TAIL_WORDS = rule(
    "title.tail_words", "title",
    r"(?:\s+(?:Officially|Renewed|Confirmed|Seasons?|Series|Part|Release|Date|Cast|"
    r"Trailer|Plot|Is|Are|Will|Has|Was|Returns?|Coming|Gets?|In|The|Works|At|Netflix|for|of|the|to|with|by|and|on|at|in|"
    r"(?:in|by|on) (?:19|20)\d\d))+$",
    flags=0,
    matches=["Harbour Lights Officially Renewed", "Harbour Lights Release Date Cast", "Harbour Lights in 2026"],
    rejects=["Harbour Lights"],
    why="headline words that close a capitalised run but are not part of the title")


_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def norm(title: str) -> str:
    """A title or name compared without case, spaces or punctuation."""
    return _NOT_ALNUM.sub("", title.casefold())


@dataclass
class Subject:
    title: str
    season: int | None
    aliases: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)   # titles mentioned in passing

    def names(self) -> list[str]:
        return [self.title, *self.aliases]


def same_work(a: str, b: str) -> bool:
    """Spellings of one title: near-identical, or the same head and tail words ("The House
    of Falling Leaves" / "The House Where Leaves Fall" is a translation variant)."""
    na, nb = norm(a), norm(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    if fuzz.ratio(na, nb) >= 85 and min(len(na), len(nb)) >= 8:
        return True
    sa, sb = numbered(a), numbered(b)
    if sa and sb and sa == sb:
        return True  # "Dune 2" and "Dune: Part Two"
    ta, tb = a.casefold().split(), b.casefold().split()
    return (len(ta) >= 4 and len(tb) >= 4 and abs(len(ta) - len(tb)) <= 1
            and ta[0] == tb[0] and ta[-2:] == tb[-2:])


_POSS_END = re.compile(rf"{_POSS}$")


@lru_cache(maxsize=16384)
def _trim(candidate: str) -> str:
    prev = None
    while prev != candidate:
        prev = candidate
        candidate = LEAD_WORDS.pattern.sub("", candidate).strip(" :‘’'\"“”")
        candidate = TAIL_WORDS.pattern.sub("", candidate).strip(" :‘’'\"“”")
        candidate = _POSS_END.sub("", candidate)
    return candidate


def anchored_titles(text: str, runs: list[re.Match] | None = None) -> list[tuple[str, int | None, int]]:
    """(title, season, offset) for titles tied to a season ("X Season 2", "season 2 of X",
    "X's upcoming season") or quoted."""
    out = []
    for m in runs if runs is not None else TITLE.finditer(text):
        raw = m.group(0)
        after = text[m.end():m.end() + 40]
        before = text[max(0, m.start() - 40):m.start()]
        if not TITLE_GATE.search(before + raw + after):
            continue
        season = None
        part = PART_SUBTITLE.match(after)
        if part:  # "X: Part Two": one title, its number is part of it
            title = _trim(raw)
            if _title_like(title):
                out.append((f"{title}: Part {part.group('n')}", None, m.start()))
            continue
        if COMPANION.match(after):
            continue  # "X: The Game" is another work (companion_titles)
        sm = SEASON_AFTER.match(after)
        bm = SEASON_OF.search(before)
        inner = INNER_SEASON.search(raw)
        bare = SEQUEL_NUMBER.search(raw)
        if inner:
            season, raw = season_number(inner.group(1)), raw[:inner.start()]
        elif bare and _SEQUEL_END.match(text[m.start() + bare.end(2):m.start() + bare.end(2) + 3]):
            season, raw = int(bare.group(2)), bare.group(1)
        elif sm:
            season = season_number(sm.group(1))
        elif bm:
            season = season_number(bm.group(1) or bm.group(2))
        elif not (_QUOTE_OPEN.search(before) and _QUOTE_CLOSE.match(after)) and not UPCOMING_SEASON.match(after) \
                and not UPCOMING_SEASON_OF.search(before):
            continue
        title = _trim(raw)
        if _title_like(title):
            out.append((title, season, m.start()))
    return out


_STOP_TITLES = {"the", "a", "an", "it", "its", "this", "that", "these", "their", "his", "her", "our", "new"}
# at most ten words: tried at every capitalised word of a long run, an unbounded title would
# make these patterns quadratic in the run's length
_RUN = rf"(?:[ \t]+(?:{_CONNECT}[ \t]+){{0,3}}{_CAP}){{0,9}}"   # a title never spans lines
# what kind of work a description calls a title
GENRES = ("drama", "k-drama", "thriller", "series", "show", "sitcom", "comedy", "romance", "anthology", "procedural",
          "saga", "film", "movie", "documentary", "mystery", "fantasy", "horror")
_GENRES = alt(GENRES)
_PLATFORM = alt(p for p in PLATFORM_NAMES if p[:1].isupper() and p.lower() not in CASE_SENSITIVE_PLATFORMS)
APPOSITIVE = rule(
    "title.appositive", "title",
    rf"(?P<t>{_CAP}{_RUN}),\s+(?:an?|the|another|\w+'s|\w+’s)\s+(?:[\w-]+\s+){{0,3}}?"
    rf"{alt(GENRES + ('musical', 'adaptation'))}\b",
    flags=0,
    matches=["Paper Crown, a palace thriller starring two newcomers, opens in May.",
             "Crimson Ward, Netflix's hospital drama, returns."],
    rejects=["Paper Crown opens in May, and a thriller follows."],
    why="a title introduced in passing with a description after it")
DESCRIBED = rule(
    "title.described", "title",
    rf"\b(?:the|a|an|its|their|[A-Z]\w+{_POSS})\s+(?:[\w-]+\s+){{0,3}}?{_GENRES},?\s+(?P<t>{_CAP}{_RUN})"
    rf"|\b(?:[A-Z]{{2,}}\+?|[A-Z][a-z]+\+|{_PLATFORM}){_POSS}\s+(?P<n>(?:The\s+)?{_CAP}{_RUN})",
    flags=0,
    matches=["She also leads the Korean fantasy Moonlit Academy.", "He joined HBO's drama The Vale last year.",
             "Critics loved FX's The Bear.", "A still from Netflix's Harbour Lights", "Fans await the return of Netflix‘s acclaimed series, The Vale."],
    rejects=["She also leads a fantasy about wolves."],
    why="a title introduced in passing with a description before it")
_APPOSITIVE, _DESCRIBED = APPOSITIVE.pattern, DESCRIBED.pattern


_DAY_OF_MONTH = re.compile(rf"\b{_MONTH_WORD}\s+\d")


def _title_like(title: str) -> bool:
    words = title.split()
    return (len(title) >= 3 and not title.isdigit() and title[:1].isupper() and not _DAY_OF_MONTH.search(title)
            and not all(w.lower() in _STOP_TITLES for w in words)
            and not (len(words) <= 2 and is_first_name(words[0]))  # "Kit", "Kit Morrow": a person
            and not _people_list(title))


def _people_list(title: str) -> bool:
    """"Mara Quill and Tobias Wren": people named together, not a title."""
    parts = [p.split() for p in re.split(r"\s+(?:and|&)\s+", title)]
    return len(parts) > 1 and all(1 < len(p) <= 3 and (is_first_name(p[0]) or is_korean_name(" ".join(p)))
                                  for p in parts)


def appositive_titles(text: str) -> list[str]:
    """Titles introduced in passing with a description: "X, a palace thriller"."""
    out = []
    for m in [*_APPOSITIVE.finditer(text), *_DESCRIBED.finditer(text)]:
        title = _trim(m.group("t") or m.group("n") or "")
        if _title_like(title) and not is_korean_name(title):  # "Lee Jin Wook, the drama's lead": a person
            out.append(title)
    return out


SPINOFF = rule(
    "title.spinoff_named", "title",
    rf"\b(?:spin-?offs?|prequel(?: series)?|sister (?:series|show))\b(?:\s+(?:series|show|drama|film|movie))?,?\s+"
    rf"(?:(?:titled|called|named|dubbed)\s+)?[“\"‘']?(?P<t>{_CAP}{_RUN}(?::\s+{_CAP}{_RUN})?)",
    flags=0,
    matches=["Netflix is also working on a spin-off series titled Harbour Lights: Low Tide, starring Ines Calloway.",
             "The prequel Iron Coast: Origins arrives first."],
    rejects=["A spin-off is not planned."],
    why="a spin-off or prequel named in passing is another work: it lends the show nothing")


def spinoff_titles(text: str) -> list[str]:
    return [t for t in (_trim(m.group("t")) for m in SPINOFF.finditer(text)) if _title_like(t)]


def companion_titles(text: str, runs: list[re.Match] | None = None) -> list[str]:
    """Works named as a title with a subtitle ("X: The Challenge"): spin-offs and companions."""
    out = []
    for m in runs if runs is not None else TITLE.finditer(text):
        c = COMPANION.match(text[m.end():m.end() + 60])
        if c:
            base = _trim(m.group(0))
            if _title_like(base):
                out.append(f"{base}: {c.group('sub')}")
    return out


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
_NUMBERED = folded(rf"^(?P<base>.+?)(?::?\s+Part)?\s+(?P<n>\d{{1,2}}|{SMALL_NUMBER_RE}|[IVX]{{1,4}})$")


@lru_cache(maxsize=4096)
def numbered(title: str) -> tuple[str, int] | None:
    """("dune", 2) for "Dune 2", "Dune: Part Two", "Dune Part II"; None for a title without a number."""
    m = _NUMBERED.match(title.strip())
    if not m or not m.group("base").strip(" :"):
        return None
    word = m.group("n").lower()
    n = _ROMAN.get(word) or number_of(word)
    return (norm(m.group("base")), n) if n else None


@lru_cache(maxsize=4096)
def _title_pattern(title: str) -> re.Pattern:
    return folded(rf"(?<!\w){re.escape(title)}(?!\w)")


def _count(text: str, title: str) -> int:
    return len(_title_pattern(title).findall(text))


FILM_WORD = folded(r"\b(?:film|films|movie|movies|sequel|box office|theaters|theatres|theatrical|cinemas?|"
                       r"filmmaker|blockbuster)\b")
SERIES_WORD = folded(r"\b(?:season|seasons|series|episode|episodes|show|showrunner|renewed|renewal)\b")


def is_film(text: str) -> bool:
    """An article about a film speaks of films, sequels and theaters more than of seasons and episodes."""
    films = len(FILM_WORD.findall(text))
    return films >= 2 and films > 2 * len(SERIES_WORD.findall(text))


_FIRST_LINES = 600


def find_subject(text: str, headline: str | None = None) -> Subject | None:
    """The work a document is about: the anchored title mentioned most often, counting every
    occurrence of it in the text, with the headline's titles first among equals. A film has no
    season: its number belongs to its title ("X 2", "X: Part Two")."""
    matches = list(TITLE.finditer(text))
    found = anchored_titles(text, matches) + (anchored_titles(headline) if headline and headline not in text else [])
    found += _headline_title(headline or "")
    companions = companion_titles(text, matches)
    described = appositive_titles(text)
    found += [(t, None, -1) for t in described]
    # a title named again and again counts even where no season or quote anchors it
    runs = Counter(_trim(m.group(0)) for m in matches if " " in m.group(0))
    found += [(t, None, -1) for t, n in runs.items() if n >= 2 and len(t.split()) >= 2 and _title_like(t)
              and not is_korean_name(t) and _count(text, t) >= 3]
    if not found:
        found = _opening_title(text, matches)
    if not found:
        return None
    film = is_film(text)
    groups: list[list[str]] = []
    for title, _, _ in found:
        for g in groups:
            if any(same_work(t, title) for t in set(g)):
                g.append(title)
                break
        else:
            groups.append([title])

    anchored = Counter(t for t, season, _ in found if season)
    parts = Counter(t for t, season, _ in found if numbered(t) and ":" in t)

    def weight(group: list[str]) -> float:
        # mentions, plus those tied to a season ("X season 2") or a part, plus a place in the headline
        return sum(_count(text, s) for s in set(group)) + 2 * sum(anchored[s] + parts[s] for s in set(group)) + (
            3 if headline and any(anchored[s] or parts[s] for s in group) and any(_count(headline, s) for s in group) else 0)

    groups.sort(key=weight, reverse=True)
    best = groups[0]
    if film:
        best = _sequel_group(best, groups, found) or best
    spelled = Counter(best)
    # the canonical spelling: most used, then the one written with the most capitals
    title = max(spelled, key=lambda s: (_count(text, s), spelled[s], -len(s)))
    others = [g[0] for g in groups if g is not best and not same_work(g[0], title)]
    others += [t for t in [*described, *companions, *spinoff_titles(text)] if not same_work(t, title) and t not in others]
    aliases = sorted({s for s in best if norm(s) != norm(title)}, key=len)
    if film:
        first = first_film(title)
        if first and _count(text, first) and first not in others:
            others = others + [first]
        if first:  # every way of writing the number is the same film
            n = numbered(title)[1]
            word = next((w for w, v in NUMBER_WORDS.items() if v == n), str(n)).capitalize()
            forms = [f"{first} {n}", f"{first}: Part {n}", f"{first}: Part {word}", f"{first} Part {n}"]
            aliases = sorted({*aliases, *(f for f in forms if norm(f) != norm(title))}, key=len)
        return Subject(title=title, season=None, aliases=aliases, others=others)
    return Subject(title=title, season=_season(text, found, title, others), aliases=aliases, others=others)


def first_film(title: str) -> str | None:
    """"X" for the numbered film "X 2" or "X: Part Two" (the film before it is another work)."""
    m = _NUMBERED.match(title.strip())
    return m.group("base").strip(" :") if m and numbered(title) else None


def _sequel_group(best: list[str], groups: list[list[str]], found) -> list[str] | None:
    """A film article about "X" that names "X 2" or "X: Part Two" is about the numbered film;
    the bare title is the first film."""
    base = {norm(t) for t in best}
    sequels = [(t, s) for t, s, _ in found if s and norm(t) in base] + \
        [(t, n[1]) for g in groups for t in g for n in [numbered(t)] if n and n[0] in base]
    if not sequels and not any(numbered(t) for t in best):
        return None
    if any(numbered(t) for t in best):
        return best
    n = Counter(s for _, s in sequels).most_common(1)[0][0]
    name = next((t for g in groups for t in g if numbered(t) == (norm(best[0]), n) and ":" in t), None)
    return [name or f"{best[0]} {n}"] + [t for g in groups for t in g if numbered(t) == (norm(best[0]), n)]


def _headline_title(headline: str) -> list[tuple[str, int | None, int]]:
    m = HEADLINE_OPENING.search(LEAD_WORDS.pattern.sub("", headline.strip()) if headline else "")
    if not m:
        return []
    title = _trim(m.group("t"))
    season = SEASON_ANY.search(headline)
    return [(title, season_number(season.group(1) or season.group(2)) if season else None, 0)] if _title_like(title) else []


def _opening_title(text: str, matches: list[re.Match]) -> list[tuple[str, int | None, int]]:
    """A last resort: a title of three words or more in the first sentence of an article that
    speaks of a season ("Few dramas were as loved as The Long Winter Garden. ...")."""
    if not SEASON_ANY.search(text):
        return []
    end = _first_sentence_end(text)
    for m in matches:
        if m.end() > end:
            break
        title = _trim(m.group(0))
        if len(title.split()) >= 3 and _title_like(title) and not is_korean_name(title) \
                and not any(w in _STOP_TITLES for w in title.lower().split()[-1:]):
            return [(title, None, m.start())]
    return []


def _first_sentence_end(text: str) -> int:
    first = _SENTENCE_BREAK.search(text.lstrip(), 20)
    return (len(text) - len(text.lstrip())) + (first.start() if first else len(text))


COMING_SEASON_CUE = rule(
    "season.coming_cue", "season",
    r"\b(?:renewed for|renewal for|returns? for|returning for|coming back for|back for|confirmed|greenlit|ordered|"
    r"upcoming|awaited|anticipated|new|next)\s+(?:an?\s+|the\s+|its\s+)?(?:\w+\s+)?$",
    matches=["The comedy has been renewed for a ", "Fans await the eagerly awaited "],
    rejects=["The cast of the "],
    why="words before a season that mark it as the one to come")


def _season(text: str, found, title: str, others: list[str]) -> int | None:
    refs = [(r.start(), r.end()) for r in REFERENCE_SEASON.finditer(text)]

    def reference(at: int) -> bool:  # "until season 10", "since the second season of X"
        return any(a <= at < b + 12 for a, b in refs)

    mine = [(s, off) for t, s, off in found if s and same_work(t, title) and not (off >= 0 and reference(off))]
    seasons = [s for s, _ in mine]
    in_lead: set[int] = {s for s, off in mine if 0 <= off < _FIRST_LINES}
    lead_end = _first_sentence_end(text)
    opening = [(off, s) for s, off in mine if 0 <= off < lead_end]
    # "the second season", "season 2" without the title count unless another title is near
    for m in SEASON_ANY.finditer(text):
        if any(a <= m.start() < b for a, b in refs):
            continue
        lead = text[max(0, m.start() - 150):m.start()]
        lead = _SENTENCE_BREAK.split(lead)[-1]
        if not any(_count(lead, o) for o in others):
            number = season_number(m.group(1) or m.group(2))
            seasons.append(number)
            if COMING_SEASON_CUE.search(text[max(0, m.start() - 40):m.start()]):
                seasons.append(number)  # "renewed for a second season": the season to come counts twice
            if m.start() < _FIRST_LINES and number:
                in_lead.add(number)
            if m.start() < lead_end and number:
                opening.append((m.start(), number))
    seasons = [s for s in seasons if s and s <= 30]
    # the season the article is about is discussed more than once or named in its lead; a
    # passing "what about a fourth season?" further down is not it
    counted = Counter(seasons)
    chosen = {s for s, n in counted.items() if n >= 2} | {s for s in in_lead if s <= 30}
    # the season the opening sentence names first is the article's, when it is discussed
    first = min(opening, default=None)
    if first and first[1] in chosen:
        return first[1]
    # else the latest it discusses more than once, or the latest its lead names
    again = {s for s in chosen if counted[s] >= 2}
    return max(again or chosen, default=max(seasons, default=None))


_SENTENCE_BREAK = re.compile(r"[.!?\n]")
