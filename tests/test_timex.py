"""Tests for whatweknow.timex: the grammar line by line, then properties."""
from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from whatweknow.records import TimeValue
from whatweknow.timex import TimeMatch, find_times, interval, normalize


def only(s: str, ref: str | None = None) -> TimeMatch:
    found = find_times(s, ref)
    assert len(found) == 1, found
    return found[0]


def tv(edtf: str, lo: str, hi: str) -> TimeValue:
    return TimeValue(edtf, lo, hi)


YEAR_2024 = tv("2024", "2024-01-01", "2024-12-31")

# (text, ref, expected value, expected matched text or None for "the whole text")
CASES = [
    # absolute
    ("2026", None, tv("2026", "2026-01-01", "2026-12-31"), None),
    ("in 2025", None, tv("2025", "2025-01-01", "2025-12-31"), "2025"),
    ("January 2022", None, tv("2022-01", "2022-01-01", "2022-01-31"), None),
    ("Jan. 2022", None, tv("2022-01", "2022-01-01", "2022-01-31"), None),
    ("January 28, 2022", None, tv("2022-01-28", "2022-01-28", "2022-01-28"), None),
    ("28 January 2022", None, tv("2022-01-28", "2022-01-28", "2022-01-28"), None),
    ("2022-01-28", None, tv("2022-01-28", "2022-01-28", "2022-01-28"), None),
    ("June 6, 2022", None, tv("2022-06-06", "2022-06-06", "2022-06-06"), None),
    ("the summer of 2024", None, tv("2024-06/2024-08", "2024-06-01", "2024-08-31"), None),
    ("spring 2025", None, tv("2025-03/2025-05", "2025-03-01", "2025-05-31"), None),
    ("fall 2023", None, tv("2023-09/2023-11", "2023-09-01", "2023-11-30"), None),
    ("autumn 2023", None, tv("2023-09/2023-11", "2023-09-01", "2023-11-30"), None),
    ("fall/autumn 2023", None, tv("2023-09/2023-11", "2023-09-01", "2023-11-30"), None),
    # winter YYYY is the winter that starts in December YYYY
    ("winter 2024", None, tv("2024-12/2025-02", "2024-12-01", "2025-02-28"), None),
    ("Q3 2025", None, tv("2025-07/2025-09", "2025-07-01", "2025-09-30"), None),
    ("the third quarter of 2025", None, tv("2025-07/2025-09", "2025-07-01", "2025-09-30"), None),
    ("the first half of 2025", None, tv("2025-01/2025-06", "2025-01-01", "2025-06-30"), None),
    ("H2 2025", None, tv("2025-07/2025-12", "2025-07-01", "2025-12-31"), None),
    # parts of a year
    ("early 2024", None, tv("2024-01/2024-04", "2024-01-01", "2024-04-30"), None),
    ("mid-2024", None, tv("2024-05/2024-08", "2024-05-01", "2024-08-31"), None),
    ("the middle of 2024", None, tv("2024-05/2024-08", "2024-05-01", "2024-08-31"), None),
    ("late 2023", None, tv("2023-09/2023-12", "2023-09-01", "2023-12-31"), None),
    ("end of 2023", None, tv("2023-09/2023-12", "2023-09-01", "2023-12-31"), None),
    ("the end of 2023", None, tv("2023-09/2023-12", "2023-09-01", "2023-12-31"), None),
    ("towards the end of the year", "2023-05-02", tv("2023-09/2023-12", "2023-09-01", "2023-12-31"), None),
    ("the beginning of 2025", None, tv("2025-01/2025-04", "2025-01-01", "2025-04-30"), None),
    # disjunctions and ranges
    ("late 2023 or early 2024", None, tv("2023-09/2024-04", "2023-09-01", "2024-04-30"), None),
    ("the end of 2023 or even early 2024", None, tv("2023-09/2024-04", "2023-09-01", "2024-04-30"), None),
    ("between 2024 and 2025", None, tv("2024/2025", "2024-01-01", "2025-12-31"), None),
    ("2024 or 2025", None, tv("2024/2025", "2024-01-01", "2025-12-31"), None),
    ("from 2009 to 2011", None, tv("2009/2011", "2009-01-01", "2011-12-31"), None),
    ("2009\u20132011", None, tv("2009/2011", "2009-01-01", "2011-12-31"), None),
    ("2009-2011", None, tv("2009/2011", "2009-01-01", "2011-12-31"), None),
    ("the 2011-12 season", None, tv("2011/2012", "2011-01-01", "2012-12-31"), "2011-12"),
    ("June to August 2024", None, tv("2024-06/2024-08", "2024-06-01", "2024-08-31"), None),
    ("December 2023 to February", None, tv("2023-12/2024-02", "2023-12-01", "2024-02-29"), None),
    # relative to ref
    ("this year", "2023-03-10", tv("2023", "2023-01-01", "2023-12-31"), None),
    ("next year", "2023-03-10", YEAR_2024, None),
    ("last year", "2025", YEAR_2024, None),
    ("earlier this year", "2023-03-10", tv("2023-01-01/2023-03-10", "2023-01-01", "2023-03-10"), None),
    ("later this year", "2023-03-10", tv("2023-03-10/2023-12-31", "2023-03-10", "2023-12-31"), None),
    ("early next year", "2023-08", tv("2024-01/2024-04", "2024-01-01", "2024-04-30"), None),
    # a bare month takes ref's year, whatever the tense
    ("in June", "2023-03", tv("2023-06", "2023-06-01", "2023-06-30"), "June"),
    ("this June", "2023-03", tv("2023-06", "2023-06-01", "2023-06-30"), None),
    ("next June", "2023-06-15", tv("2024-06", "2024-06-01", "2024-06-30"), None),
    ("last June", "2023-10", tv("2023-06", "2023-06-01", "2023-06-30"), None),
    ("on June 6", "2023-03", tv("2023-06-06", "2023-06-06", "2023-06-06"), "June 6"),
    ("last month", "2023-01-15", tv("2022-12", "2022-12-01", "2022-12-31"), None),
    ("next month", "2023-12", tv("2024-01", "2024-01-01", "2024-01-31"), None),
    ("this month", "2024-02-10", tv("2024-02", "2024-02-01", "2024-02-29"), None),
    ("this fall", "2023-03", tv("2023-09/2023-11", "2023-09-01", "2023-11-30"), None),
    ("this summer", "2023", tv("2023-06/2023-08", "2023-06-01", "2023-08-31"), None),
    ("this winter", "2024-01-15", tv("2023-12/2024-02", "2023-12-01", "2024-02-29"), None),
    ("as of March 2023", None, tv("2023-03", "2023-03-01", "2023-03-31"), "March 2023"),
    ("MAY 2024", None, tv("2024-05", "2024-05-01", "2024-05-31"), None),
    ("on the 6th of June", "2023-03", tv("2023-06-06", "2023-06-06", "2023-06-06"), "the 6th of June"),
    ("mid-to-late 2024", None, tv("2024-05/2024-12", "2024-05-01", "2024-12-31"), None),
    ("the second half of next year", "2023-06", tv("2024-07/2024-12", "2024-07-01", "2024-12-31"), None),
    ("Q4 this year", "2023-06", tv("2023-10/2023-12", "2023-10-01", "2023-12-31"), None),
    ("between June and August", "2023-01", tv("2023-06/2023-08", "2023-06-01", "2023-08-31"), None),
    ("the 4th quarter of 2024 or Q1 2025", None, tv("2024-10/2025-03", "2024-10-01", "2025-03-31"), None),
    # day precision inside a month
    ("late January 2022", None, tv("2022-01-21/2022-01-31", "2022-01-21", "2022-01-31"), None),
]


@pytest.mark.parametrize("text,ref,value,matched", CASES, ids=[c[0] for c in CASES])
def test_grammar(text, ref, value, matched):
    m = only(text, ref)
    assert m.value == value
    assert m.text == (matched if matched is not None else text)
    # a leading preposition is fine for normalize; trailing words are not
    assert normalize(text if matched is None or text.endswith(matched) else matched, ref) == value


@pytest.mark.parametrize("text", ["this year", "next year", "later this year", "in June", "this fall",
                                  "last month", "towards the end of the year", "on June 6"])
def test_relative_needs_ref(text):
    assert find_times(text) == []
    assert normalize(text) is None


@pytest.mark.parametrize("text", [
    "recently", "soon", "10 comments", "91 countries", "83%", "12 episodes", "season 2", "Season 10",
    "2,000", "#1", "ID 120245", "tt2024001", "order 1-2024-55", "the code 2024a", "it costs $2024",
    "2024% growth", "12.2024", "a 1850 novel", "year 2101", "Season 2024", "2000 episodes",
    "It may be the last season.", "June Carter sang", "Rates fall sharply.", "May the force be with you",
    "Spring is here", "at 20:00", "2024-13-01", "the 2020s", "1920x1080",
])
def test_not_time(text):
    assert find_times(text, "2023-05-01") == []


def test_years_only_in_range():
    assert only("from 1900").value.lo == "1900-01-01"
    assert only("until 2100").value.hi == "2100-12-31"
    assert find_times("in 1899 and 2101") == []


def test_case_quotes_and_nbsp():
    assert only("LATE 2023").value.edtf == "2023-09/2023-12"
    assert only("the Summer\u00a0of\u00a02024").value.edtf == "2024-06/2024-08"
    s = "\u201cIt\u2019s coming in mid\u20112024,\u201d she said."
    m = only(s)
    assert m.text == "mid\u20112024" and m.value.edtf == "2024-05/2024-08"
    assert only("2024\u2019s biggest shows").value == YEAR_2024


def test_sentence_offsets_and_order():
    s = ("Season 2 was announced in March 2023, filming ran from 2009 to 2011, and the "
         "premiere is set for late 2023 or early 2024 (12 episodes).")
    found = find_times(s, "2023-05-01")
    assert [m.text for m in found] == ["March 2023", "from 2009 to 2011", "late 2023 or early 2024"]
    for m in found:
        assert s[m.start:m.end] == m.text


def test_separate_years_not_joined_without_connector():
    found = find_times("It aired in 2019, and again in 2021.")
    assert [m.value.edtf for m in found] == ["2019", "2021"]
    # "and" joins only after "between"
    assert [m.value.edtf for m in find_times("in 2019 and 2021")] == ["2019", "2021"]


def test_leap_years_and_month_ends():
    assert only("February 2024").value.hi == "2024-02-29"
    assert only("February 2023").value.hi == "2023-02-28"
    assert only("winter 2023").value.hi == "2024-02-29"
    assert only("February 29, 2024").value.edtf == "2024-02-29"
    # no Feb 29 in 2023: the day is dropped, the year still counts
    assert only("February 29, 2023").value == tv("2023", "2023-01-01", "2023-12-31")
    assert only("Q4 2023").value.hi == "2023-12-31"
    assert only("the second quarter of 2023").value.hi == "2023-06-30"


def test_normalize_rejects_sentences_and_junk():
    assert normalize("It premieres in 2024 and ends in 2025.") is None
    assert normalize("ten episodes") is None
    assert normalize("") is None
    assert normalize("June", "2023-03") == tv("2023-06", "2023-06-01", "2023-06-30")


def test_interval():
    assert interval("2026-01-01", "2026-12-31") == tv("2026", "2026-01-01", "2026-12-31")
    assert interval("2023-11-01", "2023-11-30") == tv("2023-11", "2023-11-01", "2023-11-30")
    assert interval("2024-01-30", "2024-01-30") == tv("2024-01-30", "2024-01-30", "2024-01-30")
    assert interval("2023-09-01", "2024-04-30") == tv("2023-09/2024-04", "2023-09-01", "2024-04-30")
    assert interval("2024-01-01", "2025-12-31") == tv("2024/2025", "2024-01-01", "2025-12-31")
    assert interval("2024-01-15", "2024-02-29").edtf == "2024-01-15/2024-02-29"
    assert interval("2024", "2024-03") == tv("2024-01/2024-03", "2024-01-01", "2024-03-31")
    assert interval("2025", "2024") == tv("2024/2025", "2024-01-01", "2025-12-31")  # either order
    with pytest.raises(ValueError):
        interval("soon", "2024")


def test_invalid_ref_is_ignored():
    assert find_times("this year", "yesterday") == []
    assert only("in 2024", "not a date").value == YEAR_2024


# ---------------------------------------------------------------- properties

ISO = re.compile(r"\d{4}-\d\d-\d\d")

refs = st.one_of(
    st.none(),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).flatmap(
        lambda d: st.sampled_from([d.isoformat(), d.isoformat()[:7], d.isoformat()[:4]])),
)
VOCAB = ["2023", "2024", "1999", "2100", "June", "May", "may", "Feb", "29", "31", "6", "early", "mid", "late",
         "end of", "the", "year", "month", "this", "next", "last", "or", "or even", "to", "and", "between",
         "from", "-", "\u2013", "/", ",", "summer", "winter", "Q3", "H2", "half", "quarter", "first",
         "in", "earlier", "later", "season", "2,000", "\u00a0", "\u2019", "1st", "of", "12"]
wordy = st.lists(st.sampled_from(VOCAB), max_size=14).map(" ".join)
texts = st.one_of(st.text(max_size=200), wordy,
                  st.lists(st.one_of(st.sampled_from(VOCAB), st.text(max_size=3)), max_size=12).map("".join))


def check_value(v: TimeValue) -> None:
    assert ISO.fullmatch(v.lo) and ISO.fullmatch(v.hi)
    assert v.lo <= v.hi
    assert interval(v.lo, v.hi) == v          # edtf consistent with the bounds


@settings(max_examples=400, deadline=None)
@given(texts, refs)
def test_find_times_properties(s, ref):
    found = find_times(s, ref)
    end = 0
    for m in found:
        assert s[m.start:m.end] == m.text
        assert end <= m.start < m.end
        end = m.end
        check_value(m.value)


@settings(max_examples=300, deadline=None)
@given(texts, refs)
def test_normalize_never_raises(s, ref):
    v = normalize(s, ref)
    if v is not None:
        check_value(v)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
       st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_interval_round_trip(a, b):
    v = interval(a.isoformat(), b.isoformat())
    check_value(v)
    assert (v.lo, v.hi) == tuple(sorted((a.isoformat(), b.isoformat())))
