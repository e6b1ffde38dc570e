"""When was a document written? An explicit date when the page gives one; otherwise a range
inferred from what it reports as past and what it still speaks of as future."""
from __future__ import annotations

import re
from datetime import date, timedelta

from .records import Document, Passage
from .timex import find_times, normalize

_LABEL = re.compile(r"\b(date|dated|published|posted|updated|last updated|first published|modified)\b\s*(on)?\s*[:\-–]?\s*", re.I)
_WEEKDAY = re.compile(r"\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|nesday|rsday|urday)?\b\.?,?\s*", re.I)
_AS_OF = re.compile(r"\bas of\s+(?=(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d{4})", re.I)
_PAST = re.compile(r"\b(was|were|had|has been|have been|released|premiered|aired|debuted|announced|renewed|"
                   r"confirmed|ran|began|started|ended|wrapped|revealed|launched|dropped|arrived|came out)\b", re.I)
_FUTURE = re.compile(r"\b(will|would|could|should|may|might|expected|set to|slated|coming|planning|plans?|"
                     r"wants?|hopes?|likely|arrive|scheduled|before we see|in the works|eye\w*|target\w*|aim\w*|"
                     r"guess\w*|predict\w*|expect\w*)\b", re.I)


def _iso_day(value: str) -> date:
    return date.fromisoformat(value)


def latest_possible() -> date:
    """No document was written after the day of the build (a day of slack for time zones)."""
    return date.today() + timedelta(days=1)


def plausible(value: str | None) -> str | None:
    """A publication date kept only if it lies between 1900 and the day of the build: a byline
    "Posted ... 9999" or "2030" would otherwise become the store's as-of date, and every window
    of every work would have passed."""
    if not value or not re.match(r"^\d{4}(-\d{2}){0,2}$", value):
        return None
    year = int(value[:4])
    first = f"{value}-01-01"[:10] if len(value) < 10 else value  # the earliest day the value can mean
    try:
        first_day = date.fromisoformat(first)
    except ValueError:
        return None
    return value if 1900 <= year and first_day <= latest_possible() else None


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_LIKE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?=T|\b)|\d{4}\.\d{1,2}\.\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{4}\b|"
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}\b|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b", re.I)


def _day_in(s: str) -> tuple[int, int, str] | None:
    """(start, end, ISO day) of the first full date in a short string, read by dateparser
    (bounded input, English only, day, month and year all required)."""
    s = _WEEKDAY.sub(lambda m: " " * len(m.group(0)), s)
    m = _DATE_LIKE.search(s)
    if not m:
        return None
    text = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", m.group(0))
    numeric = re.fullmatch(r"(\d{4})\.(\d{1,2})\.(\d{1,2})|(\d{1,2})/(\d{1,2})/(\d{4})", text)
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
    if doc.published_hint and re.match(r"^\d{4}(-\d{2}){0,2}$", doc.published_hint[:10]):
        yield doc.published_hint[:10]
    text = doc.text
    head = text[:3000]
    for m in _LABEL.finditer(head):
        found = _day_in(text[m.end():m.end() + 60])
        if found and found[0] <= 2:
            yield found[2]
    for line in head.splitlines()[:25]:
        stripped = line.strip()
        if 6 <= len(stripped) <= 80:  # a byline: "June 6, 2022", "NEWS | March 3, 2024 · 5 min read"
            found = _day_in(stripped)
            if found:
                rest = stripped[:found[0]] + " " + stripped[found[1]:]
                if len(re.findall(r"\w+", rest)) <= 8 and not re.search(r"[.!?]\s*$", rest.strip()):
                    yield found[2]
    for m in _AS_OF.finditer(text):
        times = find_times(text[m.end():m.end() + 30])
        if times and times[0].start == 0 and "/" not in times[0].value.edtf:
            yield times[0].value.edtf


def infer_range(doc: Document, passages: list[Passage], sentences: list[tuple[int, int]]) -> tuple[str, str] | None:
    """Bounds from content: after the latest event reported as past, before the earliest
    window still spoken of as future."""
    lo: date | None = None
    hi: date | None = None
    limit = latest_possible()
    text = doc.text
    for s, e in sentences:
        sentence = text[s:e]
        if not re.search(r"\d{4}", sentence):
            continue
        for t in find_times(sentence):
            a = _iso_day(t.value.lo)
            if not date(1900, 1, 1) <= a <= date(2100, 12, 31):
                continue
            left = sentence[max(0, t.start - 60):t.start]
            # the nearer cue decides: "has not been announced, but Apple is eyeing the end of 2025"
            future = max((m.end() for m in _FUTURE.finditer(left)), default=-1)
            past = max((m.end() for m in _PAST.finditer(left)
                        if not re.search(r"\b(to|be|will)\s+$", left[:m.start()])), default=-1)
            if future > past:
                hi = a if hi is None else min(hi, a)
            elif past > future and a <= limit:  # an event reported as past happened before the build
                lo = a if lo is None else max(lo, a)
    if lo is None and hi is None:
        return None
    if hi is None:
        hi = date(lo.year + 1, 12, 31)
    hi = min(hi, limit)
    if lo is None or lo > hi:
        lo = date(hi.year - 1, 1, 1)
    hi = max(hi - timedelta(days=1), lo)
    return lo.isoformat(), hi.isoformat()
