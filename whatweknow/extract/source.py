"""The work the show adapts: "based on the author's webtoon Title, which ran from 2009 to 2011",
"adapted from Title, a novel by the author"."""
from __future__ import annotations

import re

from ..annotate import person_names
from ..lexicon import PUBLISHERS, alt
from ..titles import first_film
from ..rules import rule
from .certainty import in_article
from .context import Ctx, claimable

_MEDIUM = (r"(?:web ?toon(?: series)?|web ?comic|comic book|comic|manhwa|manga|graphic novel|light novel|web novel|"
           r"novel|book series|book|short story|memoir|stage play|play|podcast|video game|anime)")
_ADAPTS = (r"(?:based on|adapted from|an adaptation of|adaptation of|adapts|adapting|adapt|inspired by|based upon|"
           r"(?:loosely )?follow(?:s|ing)? the (?:plot|story|events) of|draw(?:s|ing|n)? from)")
_POSSESSOR = r"(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}(?:'s|’s)\s+)"
_TITLE = r"[‘'“\"]?(?P<title>[A-Z0-9][\w'’:!&-]*(?:\s+[\w'’:!&-]+){0,7}?)[’'”\"]?"
_STOP = r"(?=\s*(?:,|\.|;|\(|\bthat\b|\bwhich\b|\bby\b|\bwritten\b|\bfrom\b|\bpublished\b|\bserialized\b|\bwhere\b|$))"

ADAPTED = rule(
    "source_material.adapted", "source_material",
    rf"\b{_ADAPTS}\s+(?:the\s+|a\s+|an\s+)?(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){{0,2}}(?:'s|’s)\s+)?(?:(?:19|20)\d\d\s+)?"
    rf"(?:(?:popular|hit|acclaimed|best-?selling|beloved|original|same-name|eponymous|cult|[A-Z]\w+)\s+){{0,3}}"
    rf"{_MEDIUM}\s*(?:,\s*|\s+(?:known as|called|titled|named)\s+|\s+)(?:series\s+)?{_TITLE}{_STOP}",
    gate=_ADAPTS,
    matches=["The drama is based on Min's hit webtoon Paper Lanterns, which ran until 2015.",
             "It was adapted from the 2011 novel The Salt Orchard by Ines Varga.",
             "The show is based on the popular web novel, Ten Quiet Rooms."],
    rejects=["The drama is based on a true story.",
             "Her role was inspired by her grandmother."],
    why="the medium comes first, then the title: 'based on X's webtoon Title'")
ADAPTED_TITLE_FIRST = rule(
    "source_material.adapted_title_first", "source_material",
    rf"\b{_ADAPTS}\s+{_POSSESSOR}?{_TITLE}(?=\s*,\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,4}}?{_MEDIUM}\b|\s+by\s+[A-Z]|"
    rf"\s+and\s+(?:later|other|subsequent|following)\s+{_MEDIUM})",
    gate=_ADAPTS, flags=0,
    matches=["The series is adapted from Under the Iron Moon, a webtoon by Seo Ji-an.",
             "The film adapts The Cartographer by Hal Brenner.",
             "The new season follows the story of Mara Quill's The Glass Duke, a book she wrote in her twenties.",
             "The season draws from The Salt Orchard and later novels in the cycle."],
    rejects=["The series is adapted from a webtoon."],
    why="the title comes first, then what it is or who wrote it: 'adapted from Title, a novel by ...'")
_LISTED = r"(?:[A-Z][\w'’-]*(?:\s+(?:of|the|a|in|on|[A-Z][\w'’-]*))*)"
TITLE_LIST = rule(
    "source_material.title_list", "source_material",
    rf"\b(?:{_ADAPTS}|focus(?:es|ing)? on)\s+(?:the\s+)?(?:(?:remaining|last|final|following)(?:\s+of)?\s+)?"
    rf"{_POSSESSOR}?(?:[\w-]+\s+)?(?:books|novels|stories|volumes)\s*,?\s+(?P<list>{_LISTED}(?:,\s+{_LISTED})*,?\s+and\s+{_LISTED})",
    gate=_ADAPTS + r"|focus", flags=0,
    matches=["The final run will adapt the last of Mara Quill's novels, The Glass Duke, Winter Salt and The Pier at Dusk."],
    rejects=["The last two seasons will adapt the remaining books."],
    why="several adapted works named in one list: each is a source")
_LIST_SPLIT = re.compile(r",\s+(?:and\s+)?|,?\s+and\s+")
SAME_NAME = rule(
    "source_material.same_name", "source_material",
    rf"\b{_ADAPTS}\s+(?:the\s+|a\s+|an\s+)?{_POSSESSOR}?(?:(?:popular|hit|acclaimed|best-?selling|beloved|original|cult)\s+){{0,3}}"
    rf"{_MEDIUM}\s+(?:of|with|by) the same (?:name|title)\b|\b{_ADAPTS}\s+(?:the\s+|a\s+|an\s+)?{_POSSESSOR}?"
    rf"(?:same-name|eponymous|namesake)\s+{_MEDIUM}\b",
    gate=_ADAPTS,
    matches=["The series is adapted from a hit webtoon of the same name.",
             "It is adapted from Ines Varga's eponymous novel."],
    rejects=["The thriller is based on the webtoon Paper Lanterns."],
    why="'based on the webtoon of the same name': the adapted work shares the show's title")
PUBLISHED_BY = rule(
    "source_material.publisher", "source_material",
    r"\b(?:published|serialized|serialised|ran|running|appeared)\s+(?:by|on|in)\s+"
    r"(?P<p>[A-Z][\w&]*(?:\s+(?:&\s+)?[A-Z][\w&]*){0,3})",
    flags=0,
    matches=["the comic, serialized on Daily Panel from 2012,", "the novel published by Harrow House"],
    rejects=["the comic, which ran for six years"],
    why="where the adapted work was published")
KNOWN_PUBLISHER = rule(
    "source_material.known_publisher", "source_material", rf"\b{alt(PUBLISHERS)}\b", flags=0,
    matches=["the webtoon, a hit on Naver Webtoon"], rejects=["the webtoon, a hit with readers"],
    why="a publisher named without a verb (the publisher lexicon)")
RUN_YEARS = rule(
    "source_material.run_years", "source_material",
    r"\b((?:19|20)\d\d)\s*(?:to|-|–|until|and|through)\s*((?:19|20)\d\d)\b", flags=0,
    matches=["which ran from 2009 to 2011"], rejects=["which ran for two years"],
    why="the years the adapted work ran")
ONE_YEAR = rule(
    "source_material.year", "source_material", rf"\b((?:19|20)\d\d)\s+(?:[\w-]+\s+)?{_MEDIUM}",
    matches=["adapted from her 2011 novel"], rejects=["adapted from her novel in 2011"],
    why="the year of the adapted work: 'the 2011 novel'")
_BY = re.compile(r"\bby\s+$")


def extract(ctx: Ctx) -> None:
    for i, sent in enumerate(ctx.sents):
        s = ctx.sentence_text(sent)
        if not claimable(sent, s) or not ADAPTED.admits(s):
            continue
        listed = TITLE_LIST.pattern.search(s)
        if listed:
            for title in _LIST_SPLIT.split(listed.group("list")):
                ctx.add("source_material", {"value": title.strip(), "author": _author(ctx, sent, listed.start(), title),
                                            "publisher": None, "years": None},
                        sent, in_article(ctx, i, listed.start(), listed.end()), rule=TITLE_LIST.name)
            continue
        same = SAME_NAME.pattern.search(s)
        if same:
            # a numbered film's book "of the same name" carries the first film's title ("Iron Coast" for "Iron Coast: Part Two")
            value = (first_film(ctx.subject.title) if ctx.subject.season is None else None) or ctx.subject.title
            ctx.add("source_material", {"value": value, "author": _author(ctx, sent, same.start(), ""),
                                        "publisher": None, "years": None},
                    sent, in_article(ctx, i, same.start(), same.end()), rule=SAME_NAME.name)
            continue
        made_by, m = ADAPTED, ADAPTED.pattern.search(s)
        if not m:
            made_by, m = ADAPTED_TITLE_FIRST, ADAPTED_TITLE_FIRST.pattern.search(s)
        if not m:
            continue
        title = m.group("title").strip(" ,.")
        if not title[:1].isupper() or title.lower() in ("the", "a", "an") or KNOWN_PUBLISHER.pattern.fullmatch(title):
            continue
        rest = s[m.start():]
        author = _author(ctx, sent, m.start(), title)
        publisher = PUBLISHED_BY.pattern.search(rest) or KNOWN_PUBLISHER.pattern.search(rest)
        years = RUN_YEARS.pattern.search(rest)
        one_year = ONE_YEAR.pattern.search(rest)
        ctx.add("source_material", {
            "value": title, "author": author,
            "publisher": (publisher.groupdict().get("p") or publisher.group(0)) if publisher else None,
            "years": f"{years.group(1)}/{years.group(2)}" if years else (one_year.group(1) if one_year else None),
        }, sent, in_article(ctx, i, m.start(), m.end()), rule=made_by.name)


def _author(ctx: Ctx, sent, offset: int, title: str) -> str | None:
    """The person the sentence credits: "X's novel", "by X", "written by X"."""
    for name in person_names(ctx.text, sent.start + offset, sent.end):
        if title and (name.text in title or title in name.text):
            continue
        possessive = ctx.text[name.end:name.end + 2] in ("'s", "’s")
        if possessive or _BY.search(ctx.text[sent.start:name.start]):
            return name.text
    return None
