"""The source page's text, for any text: shown whole, left-out parts never overlap kept ones,
and whatever the text holds it comes out as text, never as markup."""
from __future__ import annotations

import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st

from whatweknow.clean import clean
from whatweknow.records import Claim, Document
from whatweknow.web.app import templates
from whatweknow.web.source import dropped_parts, segments

MARKUP = st.sampled_from(["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</textarea>", "&amp;",
                          "<a href='javascript:alert(1)'>x</a>", "\"'><svg onload=alert(1)>", "<!--", "]]>",
                          "\n", "\n\n", "Related stories\n", "Read more: other show\n", "Photo: Getty Images\n"])
# any printable text (an HTML parser rewrites control characters, so they are left out here)
WORDS = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)
TEXT = st.lists(st.one_of(MARKUP, WORDS), max_size=30).map("".join)


def _doc(text: str) -> Document:
    return Document(id="d", source="d.txt", text=text)


@st.composite
def doc_with_quotes(draw):
    text = draw(TEXT)
    doc = _doc(text)
    claims = []
    for _ in range(draw(st.integers(0, 4))):
        if len(text) < 2:
            break
        a = draw(st.integers(0, len(text) - 1))
        b = draw(st.integers(a + 1, len(text)))
        claims.append(Claim(doc="d", slot="release", fields={"value": "2026"}, start=a, end=b, quote=text[a:b],
                            certainty="reported", work="W"))
    return doc, clean(doc), claims


@settings(max_examples=150, deadline=None)
@given(doc_with_quotes())
def test_segments_put_the_whole_text_back_together(case):
    doc, passages, claims = case
    segs = segments(doc, passages, claims)
    assert "".join(s.text for s in segs) == doc.text
    for c in claims:  # every quote's first segment carries its anchor
        assert any(f"q-{c.start}-{c.end}" in s.anchors for s in segs)


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_left_out_parts_are_exactly_the_non_blank_text_outside_the_passages(text):
    doc = _doc(text)
    passages = clean(doc)
    kept = [False] * len(text)
    for p in passages:
        kept[p.start:p.end] = [True] * (p.end - p.start)
    dropped = [False] * len(text)
    for a, b, reason in dropped_parts(text, passages):
        assert reason and not any(kept[a:b])
        dropped[a:b] = [True] * (b - a)
    if passages:
        for i, ch in enumerate(text):
            if not ch.isspace() and not kept[i]:
                assert dropped[i], (i, text)


@settings(max_examples=100, deadline=None)
@given(doc_with_quotes(), TEXT)
def test_any_text_renders_as_text_on_the_source_page(case, title):
    doc, passages, claims = case
    doc = Document(id=title or "d", source="d.txt", text=doc.text, title=title or None, url=title or None)
    html = templates().get_template("document.html").render(
        doc=doc, headline=title or "d", segments=segments(doc, passages, claims), claims=claims, reason="stated", works=[], left_out=0)
    tree = lxml.html.fromstring(html)
    assert not tree.xpath("//script | //img | //svg | //textarea | //iframe")
    for el in tree.iter():
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on")
            assert not value.strip().lower().startswith("javascript:")
    if doc.text.strip():
        block = tree.xpath("//div[@class='text']")[0]
        for label in block.xpath(".//span[@class='why']"):
            label.drop_tree()
        assert block.text_content() == doc.text
