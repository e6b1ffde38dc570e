"""Properties that hold for any input: the cleaner stays inside the text and never throws an
article away whole; the per-document pipeline never raises and its claims point at the text;
an exported sheet scored against itself is perfect (evidence and F1).

Name matching (tests/test_names.py) and the time grammar (tests/test_timex.py) have their own
property tests; here times are exercised only through the pipeline, with random document dates."""
from __future__ import annotations

import importlib.util
import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from whatweknow.build import build
from whatweknow.clean import clean
from whatweknow.cli import app
from whatweknow.pipeline import process
from whatweknow.records import CERTAINTY_RANK, STATUSES, Document
from whatweknow.slots import SLOTS
from whatweknow.store import Store

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
_spec = importlib.util.spec_from_file_location("make_bad", HERE / "fixtures" / "make_bad.py")
make_bad = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_bad)

# ---------------------------------------------------------------------------------------------
# article-like text: prose paragraphs about an invented show, among the debris of a scraped page

SHOWS = ["Glass River", "Lantern Street", "The Salt Orchard", "Copper Moth", "Winter Ledger"]
PEOPLE = ["Kim Min-ji", "Park Seo-yeon", "Harriet Quill", "Julian Marsh", "Choi Ha-neul", "Noor Abadi"]
PLATFORMS = ["Netflix", "Apple TV+", "Hulu", "Peacock", "Prime Video"]
WHEN = ["in 2025", "in late 2024", "in early 2026", "on March 3, 2025", "next year", "this summer",
        "in the first half of 2025", "sometime in 2026 or 2027", "before the end of the year"]
SENTENCES = [
    "{platform} confirmed that {show} season {n} will premiere {when}.",
    "{person} returns for the new season, and {person2} joins the cast in a leading role.",
    "Director {person} said that filming wrapped {when} after a long shoot on location.",
    "The second season of {show} will have {k} episodes, according to the studio.",
    "Fans have waited a long time for news, and the studio has now answered many of their questions.",
    "According to insiders, the release could slip to {when} because of the busy schedule.",
    "The series is adapted from a popular webtoon that ran for several years before it ended.",
    "\"We are thrilled to bring the story back,\" {person} said in a statement on Tuesday.",
    "Reports suggested that {show} had been cancelled, but {platform} denied them {when}.",
]
# debris that sits between paragraphs, and the blocks that close a page
DEBRIS = [
    "Read more: The best thrillers to watch {when}", "Photo: Getty Images", "Share this article",
    "More: {show} cast guide", "Sign up for our newsletter", "Advertisement", "Click here",
    "Image credit: {platform}", "Watch: {show} teaser trailer",
]
TAIL = [
    "Related stories", "12 Comments", "Leave a comment", "{person} is a writer who loves television.",
    "You might also like", "Trending now", "© 2025 Streamline Media", "More: {show} cast guide",
    "{show} season {n}: everything we know so far...",
]


@st.composite
def sentence(draw, templates=SENTENCES):
    template = draw(st.sampled_from(templates))
    people = draw(st.permutations(PEOPLE))
    return template.format(platform=draw(st.sampled_from(PLATFORMS)), show=draw(st.sampled_from(SHOWS)),
                           n=draw(st.integers(2, 5)), k=draw(st.integers(6, 16)), when=draw(st.sampled_from(WHEN)),
                           person=people[0], person2=people[1])


paragraph = st.lists(sentence(), min_size=2, max_size=5).map(" ".join)
debris = sentence(DEBRIS)
tail = sentence(TAIL)
newline = st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\n \n", "\n\n\n"])


@st.composite
def article(draw):
    """(text, the prose paragraphs in it)."""
    prose = draw(st.lists(paragraph, min_size=2, max_size=6))
    blocks: list[str] = [f"{draw(st.sampled_from(SHOWS))} season {draw(st.integers(2, 5))}: what we know"]
    for p in prose:
        blocks += draw(st.lists(debris, max_size=2))
        blocks.append(p)
    blocks += draw(st.lists(tail, max_size=6))
    sep = draw(newline)
    return draw(st.sampled_from(["", "  ", "\ufeff"])) + sep.join(blocks) + draw(st.sampled_from(["", "\n", "\n\n  "])), prose


def check_spans(text: str, spans) -> None:
    end = 0
    for p in spans:
        assert 0 <= p.start < p.end <= len(text), (p, len(text))
        assert p.start >= end, "passages overlap or are out of order"
        end = p.end


# ---------------------------------------------------------------------------------------------
# the cleaner


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), st.text(alphabet=" \n\r\t.:!?-•*|©abcXYZ0123456789\u2028\u00a0", max_size=300)))
def test_clean_spans_stay_inside_any_text(text):
    check_spans(text, clean(Document(id="x", source="x", text=text)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article())
def test_clean_never_drops_a_whole_article(case):
    text, prose = case
    passages = clean(Document(id="x", source="x", text=text))
    check_spans(text, passages)
    assert passages, "every passage of an article was dropped"
    kept = " ".join(text[p.start:p.end] for p in passages)
    # most of the article's prose survives (a sentence may go as promotion, never the article)
    prose_words = sum(len(p.split()) for p in prose)
    kept_words = sum(1 for w in " ".join(prose).split() if w in kept.split())
    assert kept_words >= prose_words // 2, (kept_words, prose_words)


# ---------------------------------------------------------------------------------------------
# the per-document pipeline, with the document's date (the reference for "next year") random

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)).flatmap(
    lambda d: st.sampled_from([d.isoformat(), d.isoformat()[:7], d.isoformat()[:4], None]))
EDTF = re.compile(r"^\d{4}(-\d\d(-\d\d)?)?(/\d{4}(-\d\d(-\d\d)?)?)?$")


def _bounds(value: str) -> tuple[str, str]:
    lo, _, hi = value.partition("/")
    return lo, hi or lo


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article(), dates)
def test_process_never_raises_and_claims_point_into_the_text(case, published):
    text, _ = case
    doc = Document(id="d", source="d.txt", text=text, published_hint=published)
    result = process(doc)
    d = result.document
    assert d.status in STATUSES and (d.status == "ok") == (d.reason is None), (d.status, d.reason)
    assert d.text == text                       # the pipeline never rewrites the stored text
    check_spans(text, result.passages)
    for c in result.claims:
        assert 0 <= c.start < c.end <= len(text) and text[c.start:c.end] == c.quote, c
        if c.slot in ("release", "premiere") and isinstance(c.fields.get("value"), str):
            value = c.fields["value"]
            assert EDTF.match(value), value
            lo, hi = _bounds(value)
            assert lo[:len(hi)] <= hi, f"interval out of order: {value}"


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=600), dates)
def test_process_never_raises_on_any_text(text, published):
    if not text.strip():
        text = "x"
    result = process(Document(id="d", source="d.txt", text=text, published_hint=published))
    assert result.document.status in STATUSES
    for c in result.claims:
        assert text[c.start:c.end] == c.quote


# ---------------------------------------------------------------------------------------------
# export -> JSON -> scorer


def _generated(tmp_path: Path) -> Path:
    folder = tmp_path / "generated"
    make_bad.write_corpus(folder, 5, show=0)
    make_bad.write_corpus(folder, 3, start=10, show=3)
    (folder / "latin1.txt").write_bytes(make_bad.LATIN.encode("latin-1"))     # offsets into decoded text
    (folder / "utf16.txt").write_bytes(make_bad.LATIN.replace("2025", "2026").encode("utf-16"))
    return folder


@pytest.mark.parametrize("corpus", ["examples/tide-and-ember", "examples/moonlit-academy", "generated"])
def test_every_exported_fact_follows_the_contract_and_its_quotes_check(corpus, tmp_path, scorer):
    folder = _generated(tmp_path) if corpus == "generated" else ROOT / corpus
    db = tmp_path / "s.db"
    with Store(db) as store:
        summary = build([str(folder)], store)
    assert summary.counts["ok"] > 0
    result = CliRunner().invoke(app, ["export", "--with-text", "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0
    sheet = json.loads(result.stdout)
    assert sheet["schema"] == "whatweknow.factsheet/1" and sheet["works"]
    texts = {d["id"]: d.get("text") for d in sheet["documents"]}
    for work in sheet["works"]:
        people = {n for p in work["people"] for n in (p["name"], *p["aliases"])}
        characters = {n for c in work["characters"] for n in (c["name"], *c["aliases"])}
        for fact in work["facts"]:
            assert fact["slot"] in SLOTS and fact["status"] in ("current", "superseded", "disputed", "historical")
            assert fact["certainty"] in CERTAINTY_RANK and fact["evidence"], fact
            for k in SLOTS[fact["slot"]].fields.__dataclass_fields__:
                assert k in fact or k not in (SLOTS[fact["slot"]].public or (k,)), (k, fact)
            if fact["slot"] in ("cast", "crew"):
                assert fact["person"] in people, fact
            if fact.get("character"):
                assert fact["character"] in characters, fact
            for ev in fact["evidence"]:
                assert texts[ev["doc"]][ev["start"]:ev["end"]] == ev["quote"] and ev["rule"], ev
    # the evidence holds against the files themselves too where they are UTF-8 (the scorer's fallback)
    if corpus != "generated":
        without_text = {**sheet, "documents": [{k: v for k, v in d.items() if k != "text"} for d in sheet["documents"]]}
        assert scorer.score(without_text, sheet, scorer.load_corpus(folder))["evidence_valid"] == 1.0
