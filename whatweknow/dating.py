"""When was a document written? An explicit date when the page gives one; otherwise a range
inferred from what it reports as past and what it still speaks of as future."""
from __future__ import annotations

import re
from datetime import date, timedelta

from .lexicon import MONTHS, ORDINAL_RE, WEEKDAYS, alt, number_of
from .names import name_key as norm_name
from .records import Document
from .rules import rule, folded
from .timex import find_times, normalize

_MONTH = rf"(?:{alt(m[:3] for m in MONTHS)}|sept)[a-z]*\.?"     # "Jan", "Sept.", "January"
_WEEKDAY = folded(rf"\b(?:{alt(WEEKDAYS)}|{alt(d[:3] for d in WEEKDAYS)}|tues|thur|thurs)\b\.?,?\s*")

LABEL = rule(
    "date.label", "date", r"\b(date|dated|published|posted|updated|last updated|first published|modified)\b\s*(on)?\s*[:\-–]?\s*",
    matches=["Published: 3 March 2024", "Last updated on May 2, 2025"],
    rejects=["The film opens on May 2, 2025."],
    why="a label the page puts before its own date")
AS_OF = rule(
    "date.as_of", "date",
    rf"\b(?:as of|fast[- ]forward(?:ing)? to)\s+(?=(?:{alt(m[:3] for m in MONTHS)})\w*\.?\s+\d{{4}})",
    matches=["As of March 2024, no trailer has been released.", "Fast forward to May 2025, and fans still wait."],
    rejects=["As of now, no trailer has been released.", "Fast forward to the finale."],
    why="the writer dates the article's knowledge: 'as of <month year>', 'fast forward to <month year>'")
FULL_DATE = rule(
    "date.full_day", "date",
    r"\d{4}-\d{2}-\d{2}(?=T|\b)|\d{4}\.\d{1,2}\.\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{4}\b|"
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}\b|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b",
    matches=["By Jo Park | March 3, 2024 | 4 min read", "2024-03-03T09:00", "3rd Sept. 2024"],
    rejects=["March 2024", "in 2024"],
    why="a date with day, month and year, the shapes a page prints for itself")
PAST_CUE = rule(
    "date.past_cue", "date",
    r"\b(was|were|had|has been|have been|released|premiered|aired|debuted|announced|renewed|"
    r"confirmed|ran|began|started|ended|wrapped|revealed|launched|dropped|arrived|came out|landed|won|went on to|"
    r"became|returned)\b",
    matches=["The first season premiered in June 2023.", "Filming wrapped in May 2024.",
             "When the show landed in 2021 it became a hit."],
    rejects=["The season will arrive in 2025."],
    why="a word that reports the event after it as already past")
FUTURE_CUE = rule(
    "date.future_cue", "date",
    r"\b(will|would|could|should|may|might|expected|set to|slated|coming|planning|plans?|"
    r"wants?|hopes?|likely|arrive|scheduled|before we see|in the works|eye\w*|target\w*|aim\w*|"
    r"guess\w*|predict\w*|expect\w*|won't|opens|premieres|debuts|hits|"
    r"(?:pushed|moved|delayed|postponed|bumped)(?: back)? (?:to|until|till))\b",
    matches=["The season will arrive in 2025.", "The studio is eyeing a late 2026 debut.",
             "The sequel opens March 3, 2027.", "Filming has been pushed back to 2026."],
    rejects=["The first season premiered in June 2023."],
    why="a word that speaks of the time after it as still to come")
_NOT_PAST = folded(r"\b(to|be|will)\s+$")      # "set to be released": the past word is not past
# "was expected to start in 2024", "originally slated for": a plan the article reports as past
_WAS_FUTURE = folded(r"\b(?:was|were|had been|initially|originally|first)\s+(?:\w+\s+)?$")
_ONLY_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?]\s*$")        # a line that ends like a sentence is prose, not a byline


def _iso_day(value: str) -> date:
    return date.fromisoformat(value)


def latest_possible() -> date:
    """No document was written after the day of the build (a day of slack for time zones)."""
    return date.today() + timedelta(days=1)


def plausible(value: str | None) -> str | None:
    """A publication date kept only if it lies between 1900 and the day of the build: a byline
    "Posted ... 9999" or "2030" would otherwise become the store's as-of date, and every window
    of every work would have passed."""
    if not value or not _ONLY_DATE.match(value):
        return None
    year = int(value[:4])
    first = f"{value}-01-01"[:10] if len(value) < 10 else value  # the earliest day the value can mean
    try:
        first_day = date.fromisoformat(first)
    except ValueError:
        return None
    return value if 1900 <= year and first_day <= latest_possible() else None


_SUFFIX = re.compile(r"(?<=\d)(st|nd|rd|th)\b")
_NUMERIC = re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})|(\d{1,2})/(\d{1,2})/(\d{4})")


def _day_in(s: str) -> tuple[int, int, str] | None:
    """(start, end, ISO day) of the first full date in a short string, read by dateparser
    (bounded input, English only, day, month and year all required)."""
    s = _WEEKDAY.sub(lambda m: " " * len(m.group(0)), s)
    m = FULL_DATE.search(s)
    if not m:
        return None
    text = _SUFFIX.sub("", m.group(0))
    numeric = _NUMERIC.fullmatch(text)
    fast = normalize(text) if not numeric else None
    if fast and len(fast.edtf) == 10:  # the common forms, without dateparser's cost
        return m.start(), m.end(), fast.edtf
    import dateparser

    parsed = dateparser.parse(text, languages=["en"], settings={
        "STRICT_PARSING": True, "DATE_ORDER": "MDY", "REQUIRE_PARTS": ["day", "month", "year"]})
    return (m.start(), m.end(), parsed.date().isoformat()) if parsed else None


def explicit_date(doc: Document) -> str | None:
    """A date the document states for itself: metadata, a labelled date, a date alone on a line
    near the top, or "as of <month year>"; the first plausible one."""
    return next((d for d in _stated_dates(doc) if plausible(d)), None)


def _stated_dates(doc: Document):
    if doc.published_hint and _ONLY_DATE.match(doc.published_hint[:10]):
        yield doc.published_hint[:10]
    text = doc.text
    head = text[:3000]
    for m in LABEL.finditer(head):
        found = _day_in(text[m.end():m.end() + 60])
        if found and found[0] <= 2:
            yield found[2]
    for line in head.splitlines()[:25]:
        stripped = line.strip()
        if 6 <= len(stripped) <= 80:  # a byline: "May 2, 2025", "TV | 3 March 2024 · 4 min read"
            found = _day_in(stripped)
            if found:
                rest = stripped[:found[0]] + " " + stripped[found[1]:]
                if len(_WORD.findall(rest)) <= 8 and not _SENTENCE_END.search(rest.strip()):
                    yield found[2]
    for m in AS_OF.finditer(text):
        times = find_times(text[m.end():m.end() + 30])
        if times and times[0].start == 0 and "/" not in times[0].value.edtf:
            yield times[0].value.edtf


_YEAR = re.compile(r"\d{4}")
ANNIVERSARY = rule(
    "date.anniversary", "date",
    rf"\b(?P<today>today |this week )?(?:marks|celebrates|marked|celebrated)\s+the\s+(?P<n>{ORDINAL_RE}|\d{{1,2}}(?:st|nd|rd|th))\s+"
    r"anniversary of (?:its|the show's|the series'|the film's) (?:premiere|debut|release|launch)",
    matches=["The drama today celebrates the fifth anniversary of its premiere."],
    rejects=["The cast celebrated the anniversary with a party."],
    why="an article written on an anniversary of a dated premiere")
_DEBUT = folded(r"\b(?:premiered|debuted|landed|launched|released|arrived|first aired)\b")


def _anniversary(text: str, sentences: list[tuple[int, int]]) -> tuple[str, str] | None:
    """"today celebrates the fifth anniversary of its premiere" and a dated premiere: that day
    N years on (a month either side without "today")."""
    m = ANNIVERSARY.search(text)
    if not m:
        return None
    n = number_of(m.group("n"))
    for s, e in sentences:
        sentence = text[s:e]
        if not _DEBUT.search(sentence):
            continue
        for t in find_times(sentence):
            if len(t.value.edtf) == 10 and n:
                day = _iso_day(t.value.lo)
                try:
                    then = day.replace(year=day.year + n)
                except ValueError:  # February 29
                    then = day.replace(year=day.year + n, day=28)
                slack = timedelta(days=0 if m.group("today") else 31)
                if then - slack > latest_possible():
                    return None
                return (then - slack).isoformat(), (then + slack).isoformat()
    return None


def infer_range(doc: Document, sentences: list[tuple[int, int]]) -> tuple[str, str] | None:
    """Bounds from content: after the latest event reported as past, before the earliest
    window still spoken of as future."""
    lo: date | None = None
    hi: date | None = None
    limit = latest_possible()
    text = doc.text
    for s, e in sentences:
        sentence = text[s:e]
        if not _YEAR.search(sentence):
            continue
        for t in find_times(sentence):
            a = _iso_day(t.value.lo)
            if not date(1900, 1, 1) <= a <= date(2100, 12, 31):
                continue
            left = sentence[max(0, t.start - 60):t.start]
            # the nearer cue decides: "no date was given, but the studio is eyeing late 2026"
            future = max((m.end() for m in FUTURE_CUE.finditer(left)
                          if not _WAS_FUTURE.search(left[max(0, m.start() - 25):m.start()])), default=-1)
            past = max((m.end() for m in PAST_CUE.finditer(left) if not _NOT_PAST.search(left[:m.start()])), default=-1)
            if future > past:
                hi = a if hi is None else min(hi, a)
            elif past > future and a <= limit:  # an event reported as past happened before the build
                lo = a if lo is None else max(lo, a)
    anniversary = _anniversary(text, sentences)
    if anniversary:
        return anniversary
    if lo is None and hi is None:
        return None
    if hi is None:
        hi = date(lo.year + 1, 12, 31)
    hi = min(hi, limit)
    if lo is None or lo > hi:
        lo = date(hi.year - 1, 1, 1)
    hi = max(hi - timedelta(days=1), lo)
    return lo.isoformat(), hi.isoformat()


def _news_key(c) -> tuple | None:
    """What a claim reports as news, the same across articles: a renewal, a casting, a crew role."""
    if not c.polarity or c.historical or c.certainty == "denied":
        return None
    if c.slot == "renewal" and c.fields.value == "renewed":
        return ("renewal", c.season)
    if c.slot == "cast":
        return ("cast", norm_name(c.fields.person), c.fields.season)
    if c.slot == "crew":
        return ("crew", norm_name(c.fields.person), c.fields.role)
    return None


def place_by_others(claims, dated: set[str]) -> dict[str, tuple[str, str]]:
    """Ranges for the articles of one work that neither state a date nor let one be inferred:
    no earlier than the first dated report of the news they carry (a renewal, a casting) or the
    date other articles give that news, and at most the year after. `dated`: ids of the
    articles with a date of their own."""
    first: dict[tuple, str] = {}
    undated: dict[str, list[tuple]] = {}   # the news keys of each undated article
    for c in claims:
        key = _news_key(c)
        if c.published is None:
            undated.setdefault(c.doc, [])
            if key is not None:
                undated[c.doc].append(key)
        if key is None:
            continue
        when = (c.fields.date if c.slot == "renewal" and c.fields.date else None) or \
            (c.published if c.doc in dated else None)
        if when and plausible(when[:10]) and (key not in first or when < first[key]):
            first[key] = when
    placed = {}
    for doc in sorted(undated):
        known = [first[k] for k in undated[doc] if k in first]
        if known:
            lo = _iso_day(_full_start(min(known)))
            hi = min(date(lo.year + 1, 12, 31), latest_possible())
            placed[doc] = (lo.isoformat(), max(hi, lo).isoformat())
    return placed


def _full_start(value: str) -> str:
    return {4: value + "-01-01", 7: value + "-01"}.get(len(value), value)[:10]
