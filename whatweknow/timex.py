"""Find and normalise release-date expressions: "late 2023 or early 2024", "this fall", "June 6, 2022".

A hand-written regex grammar (no dateparser: every supported form is regular, and speed matters).
Each form (a named rule `time.*` with its examples) yields an *atom*: an interval, or a year-less month/season/day waiting for a year.
Atoms joined by "or (even)", "to", "through", a dash or "between ... and" become one interval.

Choices:
- winter YYYY is December YYYY to February YYYY+1 (the winter that starts in YYYY).
- early/mid/late YYYY are Jan-Apr / May-Aug / Sep-Dec ("mid-to-late 2024" is May-Dec); "the
  beginning/middle/end of" mean the same; early/mid/late <Month> are days 1-10 / 11-20 / 21-end.
- a month, day or season without a year ("in June", "on June 6") takes ref's year whatever the tense;
  "this/next/last June" or "... summer" pick the occurrence around ref (a year on if ref has no month).
  A bare month or season counts only after a word like "in", "by", "until" (not "June Carter").
- "2011-12" / "2011/12" is the range 2011/2012 (TV seasons), never an ISO year-month.
- only years 1900-2100 count; an invalid ref is ignored as if it were None.
"""
from __future__ import annotations

import re
import string
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Callable

from whatweknow.records import TimeValue
from whatweknow.rules import Rule, rule

Span = tuple[date, date]


@dataclass(frozen=True)
class TimeMatch:
    start: int       # offsets into the string passed to find_times
    end: int
    text: str        # == s[start:end]
    value: TimeValue


@dataclass(frozen=True)
class _Ref:
    year: int
    has_month: bool
    lo: date
    hi: date


@dataclass
class _Atom:
    start: int
    end: int
    span: Span | None = None                      # a known interval
    by_year: Callable[[int], Span] | None = None  # a year-less form ("June", "the summer")
    alone: bool = False                           # ... that may take ref's year on its own


_MONTH_NAMES = "january february march april may june july august september october november december".split()
_MONTH = {n[:3]: i for i, n in enumerate(_MONTH_NAMES, 1)} | {"sept": 9}
_SEASON = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "latter": 2, "third": 3, "3rd": 3,
            "fourth": 4, "4th": 4, "final": 4, "last": 4}
_PART = {"early": 1, "beginning": 1, "start": 1, "mid": 5, "middle": 5, "late": 9, "end": 9}
_STEP = {"this": 0, "the": 0, "next": 1, "last": -1}

# A year: not glued to a longer number, an amount or a percentage ("2,000", "12.2024", "2024%").
_Y = r"(?:19\d\d|20\d\d|2100)(?![\w%]|[.,:/-]\d)"
_FREE = r"(?<![\w#$€£])(?<!\d[-/.:,])"
_YREF = rf"(?:(?P<y>{_Y})|(?P<yrel>this|next|last|the)\s+year\b)"
_MON = (r"(?P<m>(?:january|february|march|april|may|june|july|august|september|october|november|"
        r"december)\b|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?)")
_Q = r"(?:(?P<q>early|mid|late)(?:-|\s+))"
_REL = r"(?:(?P<rel>this|next|last)\s+(?:coming\s+)?)"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?(?!\d)"
_OF = r"(?:\s+of|\s*,)?\s+"

# Cheap gates: _GATE (plain substrings, fast) rejects most sentences, then the words present decide
# which patterns are worth running. Lower-case "may" is nearly always the verb.
_GATE = re.compile("19|20|2100|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|fall|autumn|"
                   "winter|year|month")
_WORD = re.compile(r"[a-z]+")
_KIND = {w: "m" for w in _MONTH_NAMES + list(_MONTH)} | {w: "s" for w in _SEASON} | \
        {"year": "r", "month": "r", "may": "v"}
_ANY_YEAR = re.compile(r"(?<!\d)(?:19\d\d|20\d\d|2100)(?!\d)")
_MAY = re.compile(r"\b(?:May|MAY)\b")
# Words before a bare month/season that make it a time ("in June", not "June Carter").
_CTX = re.compile(r"\b(?:in|by|until|till|since|before|after|during|from|through|of|on|this|next|last)"
                  r"\s+(?:the\s+)?$", re.I)
_PREFIX = re.compile(r"\b(between|from)\s+$")
_JOIN = re.compile(r"\s*,?\s*(?:or(?:\s+(?:even|possibly|perhaps|maybe|potentially))?|to|through|thru|"
                   r"until|till|into|[-–—/])\s*")
_AND = re.compile(r"\s*and\s*")
_LEAD = re.compile(r"\s*(?:(?:as\s+of|in|on|by|at|since|until|till|from|around|about|circa|during|"
                   r"sometime|before|after|through)\s+)*", re.I)
_TRAIL = re.compile(r"[\s.,;:!?'\")\]]*")
_ISO = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})(?:T[0-9:.+-]*Z?)?)?)?")
# Same-length replacements, so offsets into the cleaned text are offsets into the original.
_CLEAN = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u2010": "-",
                        "\u2011": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_ODD = re.compile("[\u00a0\u2007\u2009\u202f\u2010\u2011\u2018\u2019\u201c\u201d]")
_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _months(y: int, m: int, n: int = 1) -> Span:
    """n whole months from month m of year y; m may run past 12 (winter) or below 1."""
    i, j = y * 12 + m - 1, y * 12 + m + n - 2
    return date(i // 12, i % 12 + 1, 1), date(j // 12, j % 12 + 1, monthrange(j // 12, j % 12 + 1)[1])


def _bounds(iso: str) -> Span:
    m = _ISO.fullmatch(iso.strip())
    if not m or m[2] and not 1 <= int(m[2]) <= 12:
        raise ValueError(f"not an ISO date: {iso!r}")
    y, mo = int(m[1]), int(m[2] or 0)
    if m[3]:
        return (date(y, mo, int(m[3])),) * 2
    return _months(y, mo) if mo else _months(y, 1, 12)


def _tv(a: date, b: date) -> TimeValue:
    if a.day != 1 or b.day != monthrange(b.year, b.month)[1]:
        edtf = a.isoformat() if a == b else f"{a.isoformat()}/{b.isoformat()}"
    elif a.month == 1 and b.month == 12:
        edtf = f"{a.year:04d}" if a.year == b.year else f"{a.year:04d}/{b.year:04d}"
    else:
        ma, mb = f"{a.year:04d}-{a.month:02d}", f"{b.year:04d}-{b.month:02d}"
        edtf = ma if ma == mb else f"{ma}/{mb}"
    return TimeValue(edtf, a.isoformat(), b.isoformat())


def interval(lo: str, hi: str) -> TimeValue:
    """TimeValue from two ISO bounds (YYYY, YYYY-MM or YYYY-MM-DD, either order) with the tightest
    EDTF text: '2026', '2023-11', '2024-01-30', '2023-09/2024-04', '2024/2025' or day precision."""
    a, b = _bounds(lo)[0], _bounds(hi)[1]
    if a > b:
        a, b = _bounds(hi)[0], _bounds(lo)[1]
    return _tv(a, b)


@lru_cache(maxsize=256)
def _parse_ref(ref: str | None) -> _Ref | None:
    try:
        lo, hi = _bounds(ref)
    except (ValueError, AttributeError):   # None or not ISO: no reference date
        return None
    return _Ref(lo.year, lo.month == hi.month, lo, hi)


def _occurrence(f: Callable[[int], Span], rel: str, ref: _Ref) -> Span:
    """'this/next/last June' or '... summer': the occurrence around ref, or a year shift without a month."""
    if not ref.has_month:
        return f(ref.year + _STEP[rel])
    spans = [f(ref.year + k) for k in (-2, -1, 0, 1, 2)]
    if rel == "next":
        return next(sp for sp in spans if sp[0] > ref.hi)
    if rel == "last":
        return [sp for sp in spans if sp[1] < ref.lo][-1]
    return next((sp for sp in spans if sp[0] <= ref.lo <= sp[1]), f(ref.year))


def _atom(m: re.Match, f: Callable[[int], Span], ref: _Ref | None, alone: bool = False) -> _Atom | None:
    """Take the year from the match, from ref ("next year", "this fall"), or leave it to a neighbour."""
    g = m.groupdict()
    if g.get("y"):
        return _Atom(m.start(), m.end(), f(int(g["y"])))
    rel = g.get("yrel") or g.get("rel")
    if not rel:
        return _Atom(m.start(), m.end(), by_year=f, alone=alone)
    if ref is None:
        return None
    return _Atom(m.start(), m.end(), f(ref.year + _STEP[rel]) if g.get("yrel") else _occurrence(f, rel, ref))


def _bare_ok(m: re.Match, s: str) -> bool:
    """A year-less month or season stands alone after "in", "by", "this"... or with early/mid/late."""
    return bool(m["q"] or _CTX.search(s, max(0, m.start() - 16), m.start()))


def _h_day(m, s, ref):
    g = m.groupdict()
    if g.get("m") and s[m.start("m"):m.end("m")] == "may" and not g.get("y"):   # "they may 2x"
        return None
    mo, d = int(g["mo"]) if g.get("mo") else _MONTH[m["m"][:3]], int(m["d"])
    return _atom(m, lambda y: (date(y, mo, d),) * 2, ref, alone=True) if 1 <= d <= 31 else None


def _h_month(m, s, ref):
    name, q = m["m"].rstrip("."), m["q"]
    if s[m.start("m"):m.end("m")] == "may" and not m["y"]:    # "this may be", not the month
        return None
    mo = _MONTH[name[:3]]

    def f(y: int) -> Span:
        lo, hi = _months(y, mo)
        return {"early": (lo, lo.replace(day=10)), "mid": (lo.replace(day=11), lo.replace(day=20)),
                "late": (lo.replace(day=21), hi)}.get(q, (lo, hi))
    return _atom(m, f, ref, name in _MONTH_NAMES and _bare_ok(m, s))


def _h_season(m, s, ref):
    first, q = _SEASON[m["s"]], m["q"]
    f = (lambda y: _months(y, first + {"early": 0, "mid": 1, "late": 2}[q])) if q else \
        (lambda y: _months(y, first, 3))
    return _atom(m, f, ref, _bare_ok(m, s))


def _h_quarter(m, s, ref):   # quarters and halves: the n-th block of `size` months
    size = 3 if (m["unit"] or m["unit2"]) in ("q", "quarter") else 6
    n = int(m["n"]) if m["n"] else 12 // size if m["w"] in ("last", "final") else _ORDINAL[m["w"]]
    return _atom(m, lambda y: _months(y, size * (n - 1) + 1, size), ref) if n * size <= 12 else None


def _h_part(m, s, ref):
    a, b = _PART[m["q"] or m["p"]], _PART[m["q2"] or m["q"] or m["p"]]
    return _atom(m, lambda y: (_months(y, a)[0], _months(y, b, 4)[1]), ref)


def _h_rel(m, s, ref):
    if ref is None or m["unit"] == "month" and not ref.has_month:
        return None
    rel, w = m["rel"], m["w"]
    if m["unit"] == "year":
        lo, hi = _months(ref.year + _STEP[rel], 1, 12)
    else:
        lo, hi = _months(ref.year, ref.lo.month + _STEP[rel])
    if rel == "this" and w:   # "earlier this year" runs up to ref, "later this year" from it
        lo, hi = (lo, ref.hi) if w == "earlier" else (ref.lo, hi)
    return _Atom(m.start(), m.end(), (lo, hi))


def _h_range(m, s, ref):
    y1, y2 = int(m["y"]), int(m["y2"])
    if len(m["y2"]) == 2:     # "2011-12": the second year shares the century and must be later
        y2 = y1 // 100 * 100 + y2 if y2 > y1 % 100 else 0
    if not 1900 <= y2 <= 2100:
        return None
    return _Atom(m.start(), m.end(), (date(min(y1, y2), 1, 1), date(max(y1, y2), 12, 31)))


def _h_year(m, s, ref):
    return _atom(m, lambda y: _months(y, 1, 12), ref)


@dataclass(frozen=True)
class _Form:
    rule: Rule                 # the pattern, its name and its examples
    handler: Callable          # match -> _Atom or None
    kinds: frozenset[str]      # anchor kinds of which one must occur for the form to be worth running


def _form(name: str, pattern: str, handler: Callable, kinds: str, matches: list[str], rejects: list[str]) -> _Form:
    # patterns run on lower-cased text without re.I (about twice as fast), so examples are lower case
    return _Form(rule(name, "time", re.compile(pattern), matches=matches, rejects=rejects), handler, frozenset(kinds))


# The grammar's forms, tried together; leftmost-longest wins among overlapping atoms.
_FORMS = [
    _form("time.iso_date", r"(?<![\w/.-])(?P<y>(?:19|20)\d\d|2100)-(?P<mo>\d\d)-(?P<d>\d\d)(?![\w/-]|\.\d)", _h_day, "y",
          ["it went live on 2024-06-01 worldwide"], ["build 2024-06-01-b is out"]),
    _form("time.month_day", rf"\b{_MON}\s+{_DAY}(?:(?:\s*,\s*|\s+)(?P<y>{_Y}))?", _h_day, "m",
          ["it returns on june 6, 2025", "from dec. 12"], ["june carter sang"]),
    _form("time.day_month", rf"(?<!season )(?<!episode )(?<!part )\b(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MON}(?:,?\s+(?P<y>{_Y}))?",
          _h_day, "m", ["it opens on 6 june 2025", "the 3rd of march"], ["season 6 june was great"]),
    _form("time.month", rf"\b{_REL}?{_Q}?{_MON}(?:{_OF}{_YREF})?", _h_month, "m",
          ["it returns in june 2025", "expect it by early march", "next october"], ["the marching band"]),
    _form("time.year_season", rf"\b{_REL}?(?:the\s+)?{_Q}?(?P<s>spring|summer|fall|autumn|winter)\b(?:{_OF}{_YREF})?",
          _h_season, "s", ["in the summer of 2024", "by late fall", "this winter"], ["a summertime hit"]),
    _form("time.quarter", rf"\b(?:(?P<unit>q|h)(?P<n>[1-4])|(?:the\s+)?(?P<w>first|second|third|fourth|final|last|latter|"
          rf"1st|2nd|3rd|4th)\s+(?P<unit2>quarter|half)){_OF}{_YREF}", _h_quarter, "yr",
          ["in q3 2025", "the second half of next year"], ["the second half of the season"]),
    _form("time.part_of_year", rf"\b(?:(?P<q>early|mid|late)(?:[-\s]+(?:to|or)[-\s]+(?P<q2>mid|late))?(?:-|\s+(?:in\s+)?)|"
          rf"(?:towards?\s+)?(?:the\s+)?(?P<p>beginning|start|middle|end)\s+of\s+){_YREF}", _h_part, "yr",
          ["in early 2025", "mid-to-late 2024", "by the end of next year"], ["early reviews are in"]),
    _form("time.relative", r"\b(?:(?P<w>earlier|later)\s+)?(?<!the )(?P<rel>this|next|last)\s+(?P<unit>year|month)\b",
          _h_rel, "r", ["later this year", "it starts next month"], ["the next month was quiet"]),
    _form("time.year_range", rf"{_FREE}(?P<y>(?:19|20)\d\d|2100)\s*[-–—/]\s*(?P<y2>(?:19|20)\d\d|2100|\d\d)(?![\w%]|[.,:/-]\d)",
          _h_range, "y", ["the 2011-12 season", "it ran 2019–2021"], ["code 2019-2021a"]),
    _form("time.year", rf"{_FREE}(?<!season )(?<!episode )(?<!no\. )(?P<y>{_Y})"
          r"(?!\s+(?:episodes?|people|fans|viewers|votes|comments|copies|times)\b)", _h_year, "y",
          ["it returns in 2026", "the 1999 film"], ["2026 fans signed up", "it cost $2026", "season 2026"]),
]


def _resolve(group: list[_Atom], ref: _Ref | None, lenient: bool) -> Span | None:
    """One interval for atoms joined by connectors; year-less atoms borrow a neighbour's year."""
    spans = [a.span for a in group]
    if all(sp is None for sp in spans):
        if ref is None or len(group) == 1 and not (group[0].alone or lenient):
            return None
        spans[0] = group[0].by_year(ref.year)
    for i in range(1, len(group)):            # "December 2023 to February" -> February 2024
        if spans[i] is None and spans[i - 1]:
            y = spans[i - 1][1].year
            sp = group[i].by_year(y)
            spans[i] = sp if sp[0] >= spans[i - 1][0] else group[i].by_year(y + 1)
    for i in range(len(group) - 2, -1, -1):   # "December to February 2024" -> December 2023
        if spans[i] is None:
            y = spans[i + 1][0].year
            sp = group[i].by_year(y)
            spans[i] = sp if sp[1] <= spans[i + 1][1] else group[i].by_year(y - 1)
    return min(sp[0] for sp in spans), max(sp[1] for sp in spans)


def _atoms(u: str, t: str, r: _Ref | None) -> list[_Atom]:
    """Every pattern's atoms, then leftmost-longest among overlapping ones."""
    kinds = {_KIND[w] for w in _KIND.keys() & set(_WORD.findall(t))}
    if _ANY_YEAR.search(t):
        kinds.add("y")
    if "v" in kinds and _MAY.search(u):
        kinds.add("m")
    cands = []
    for form in _FORMS:
        for m in form.rule.pattern.finditer(t) if form.kinds & kinds else ():
            try:
                atom = form.handler(m, u, r)
            except ValueError:      # impossible date: June 31, 2023-02-29, a ref near year 1 or 9999
                atom = None
            if atom:
                cands.append(atom)
    cands.sort(key=lambda a: (a.start, -a.end))
    atoms: list[_Atom] = []
    for a in cands:
        if not atoms or a.start >= atoms[-1].end:
            atoms.append(a)
    return atoms


def _find(s: str, ref: str | None, lenient: bool = False) -> list[TimeMatch]:
    u = s.translate(_CLEAN) if _ODD.search(s) else s
    t = u.lower()
    if len(t) != len(u):                  # a few non-ASCII letters change length when lower-cased
        t = u.translate(_LOWER)
    if not _GATE.search(t):
        return []
    r = _parse_ref(ref)
    atoms, out, i = _atoms(u, t, r), [], 0
    while i < len(atoms):
        group = [atoms[i]]
        pre = _PREFIX.search(t, max(0, group[0].start - 9), group[0].start)
        between = pre is not None and pre[1] == "between"
        while i + 1 < len(atoms):
            gap = t[group[-1].end:atoms[i + 1].start]
            if not (_JOIN.fullmatch(gap) or between and _AND.fullmatch(gap)):
                break
            i += 1
            group.append(atoms[i])
        i += 1
        try:
            span = _resolve(group, r, lenient)
        except ValueError:
            span = None
        if span:
            start, end = group[0].start, group[-1].end
            if pre and len(group) > 1 and (not out or pre.start() >= out[-1].end):
                start = pre.start()
            out.append(TimeMatch(start, end, s[start:end], _tv(*span)))
    return out


def find_times(s: str, ref: str | None = None) -> list[TimeMatch]:
    """All time expressions in s, left to right, non-overlapping, longest match wins.
    `ref` is the publication date (YYYY, YYYY-MM or YYYY-MM-DD); relative expressions need it."""
    return _find(s, ref)


def normalize(expr: str, ref: str | None = None) -> TimeValue | None:
    """Normalise one expression ("as of March 2023", "late 2023 or early 2024"); None if it is not one.
    A leading preposition is allowed; a bare year-less month/season here takes ref's year."""
    found = _find(expr, ref, lenient=True)
    if len(found) != 1:
        return None
    m, clean = found[0], expr.translate(_CLEAN)
    return m.value if _LEAD.fullmatch(clean[:m.start]) and _TRAIL.fullmatch(clean[m.end:]) else None
