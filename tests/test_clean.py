"""The cleaner keeps the article and leaves web debris out, without rewriting the text."""
from __future__ import annotations

import json

from conftest import EXAMPLES, SEED_GOLD
from whatweknow.clean import clean
from whatweknow.ingest import load
from whatweknow.records import Document

PAGE = """Glass River Season 2: Everything We Know

Netflix confirmed on Monday that Glass River will return for a second season in 2025.

Credit: Netflix

Read more: The 20 best thrillers on streaming right now

The drama stars Kim Min-ji as Ha-eun and Park Seo-yeon as Da-in.

Spooky: The best haunted house films

1. Is Glass River based on a book?

Yes. It adapts the novel Still Water by Han Yu-ri.

Share this article

Jo Writer

Jo is an entertainment reporter who loves K-dramas and covers streaming news.

There are 3 comments

Add yours

Great news, can't wait!

More like this

How Did A Famous Actor Get So Rich? The Truth...
"""


def kept(doc: Document) -> str:
    return "\n".join(doc.text[p.start:p.end] for p in clean(doc))


def test_debris_is_left_out_and_the_article_kept():
    doc = Document(id="page", source="page", text=PAGE)
    text = kept(doc)
    for line in ("Netflix confirmed on Monday", "The drama stars Kim Min-ji", "Is Glass River based on a book?",
                 "It adapts the novel Still Water"):
        assert line in text
    for debris in ("Credit: Netflix", "Read more:", "Spooky:", "Share this article", "Jo Writer",
                   "entertainment reporter", "There are 3 comments", "can't wait", "More like this", "Famous Actor"):
        assert debris not in text


def test_passages_are_spans_of_the_unchanged_text():
    doc = Document(id="page", source="page", text=PAGE)
    for p in clean(doc):
        assert 0 <= p.start < p.end <= len(PAGE)
        assert PAGE[p.start:p.end].strip() == PAGE[p.start:p.end]


def test_faq_questions_and_headings_are_kept_with_their_kind():
    kinds = {PAGE[p.start:p.end]: p.kind for p in clean(Document(id="p", source="p", text=PAGE))}
    assert kinds["1. Is Glass River based on a book?"] in ("question", "list_item")
    assert kinds["Glass River Season 2: Everything We Know"] == "heading"


def test_example_articles_lose_their_plugs_bios_and_comment_sections():
    corpus = EXAMPLES / "moonlit-academy"
    for path in sorted(corpus.glob("*.txt")):
        doc = load(path)[0]
        text = kept(doc)
        assert len(text) > 0.4 * len(doc.text.strip()), path.name  # the article survives
        for line in doc.text.splitlines():
            bare = line.strip().lstrip("•*- ")
            if bare.startswith(("Read more:", "More:", "Credit:", "Photo:", "Share this article", "Add yours")):
                assert bare not in text, (path.name, bare)


def test_seed_articles_keep_every_named_person_and_drop_the_sidebars(seeds):
    gold = json.loads(SEED_GOLD.read_text())
    work = gold["works"][0]
    forbidden = [rule["person"] for rule in work["must_not"] if rule.get("slot") == "cast" and " " in rule.get("person", "")]
    wanted = [(f["person"], d) for f in work["facts"] if f.get("person") and not f.get("optional") for d in f["docs"]]
    texts = {p.stem: kept(load(p)[0]) for p in sorted(seeds.glob("*.txt"))}
    for name in forbidden:  # people of "More like this" blocks and author boxes
        assert not any(name in t for t in texts.values()), name
    people = {p["name"]: [p["name"], *p["aliases"]] for p in work["people"]}
    for person, doc in wanted:
        assert any(v in texts[doc] for v in people.get(person, [person])), (person, doc)


def test_a_text_saved_cut_off_keeps_its_last_sentence_up_to_the_last_whole_clause():
    opening = ("Glass River Season 2: What We Know\n"
               "Netflix confirmed on Monday that the thriller returns next year, and filming has wrapped in Busan "
               "after a long shoot through the winter months.\n"
               "The cast of Glass River Season 2 includes Kim Min-ji, who plays the ferry captain Ha-eun; "
               "Jung Ha-na (the captain's sister Ha-rin); Seo Dae-ho (the captain's rival Ki")
    text = kept(Document(id="cut", source="cut", text=opening))
    assert "Jung Ha-na (the captain's sister Ha-rin)" in text
    assert "Seo Dae-ho" not in text  # the cut-off clause, with a cut-off name in it, goes


def test_a_short_unfinished_line_at_the_end_is_still_debris():
    page = ("Netflix confirmed on Monday that the thriller returns next year, and filming has wrapped in Busan "
            "after a long shoot through the winter months.\nTags Netflix Glass River Kim Min-ji Jung Ha-na Busan "
            "Thriller Korean Drama Streaming Winter Premiere")
    assert "Tags" not in kept(Document(id="tags", source="tags", text=page))
