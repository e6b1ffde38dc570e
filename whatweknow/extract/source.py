"""The work the show adapts: "based on X's webtoon Y, which ran from 2009 to 2011",
"adapted from Y, a novel by X"."""
from __future__ import annotations

import re

from .context import Ctx, claimable
from ..annotate import person_names

_MEDIUM = (r"(?:web ?toon(?: series)?|web ?comic|comic book|comic|manhwa|manga|graphic novel|light novel|web novel|"
           r"novel|book series|book|short story|memoir|stage play|play|podcast|video game|anime)")
_ADAPTS = r"(?:based on|adapted from|an adaptation of|adaptation of|adapts|adapting|inspired by|based upon)"
_TITLE = r"[‘'“\"]?(?P<title>[A-Z0-9][\w'’:!&-]*(?:\s+[\w'’:!&-]+){0,7}?)[’'”\"]?"
_STOP = r"(?=\s*(?:,|\.|;|\(|\bthat\b|\bwhich\b|\bby\b|\bwritten\b|\bfrom\b|\bpublished\b|\bserialized\b|\bwhere\b|$))"
# "based on Joo's Naver webtoon, Now at Our School" / "adapted from Vail's 2011 novel The Drowned Lantern"
_MEDIUM_FIRST = re.compile(
    rf"\b{_ADAPTS}\s+(?:the\s+|a\s+|an\s+)?(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){{0,2}}(?:'s|’s)\s+)?(?:(?:19|20)\d\d\s+)?"
    rf"(?:(?:popular|hit|acclaimed|best-?selling|beloved|original|same-name|eponymous|cult|[A-Z]\w+)\s+){{0,3}}"
    rf"{_MEDIUM}\s*(?:,\s*|\s+(?:known as|called|titled|named)\s+|\s+)(?:series\s+)?{_TITLE}{_STOP}", re.I)
# "adapted from Below the White Moon, a webtoon by ..." / "adapts Below the White Moon by Yeon Ha-rim"
_TITLE_FIRST = re.compile(
    rf"\b{_ADAPTS}\s+{_TITLE}(?=\s*,\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,4}}?{_MEDIUM}\b|\s+by\s+[A-Z])")
_PUBLISHER = re.compile(r"\b(?:published|serialized|serialised|ran|running|appeared)\s+(?:by|on|in)\s+"
                        r"(?P<p>[A-Z][\w&]*(?:\s+(?:&\s+)?[A-Z][\w&]*){0,3})")
_KNOWN_PUBLISHER = re.compile(r"\b(Naver Webtoon|Kakao(?:Page| Webtoon| Page)?|Daum Webtoon|Lezhin|Tapas|LINE Webtoon)\b")
_YEARS = re.compile(r"\b((?:19|20)\d\d)\s*(?:to|-|–|until|and|through)\s*((?:19|20)\d\d)\b")
_ONE_YEAR = re.compile(r"\b((?:19|20)\d\d)\s+(?:[\w-]+\s+)?" + _MEDIUM, re.I)


def extract(ctx: Ctx) -> None:
    for i, sent in enumerate(ctx.sents):
        s = ctx.sentence_text(sent)
        if not claimable(sent, s) or not re.search(_ADAPTS, s, re.I):
            continue
        m = _MEDIUM_FIRST.search(s) or _TITLE_FIRST.search(s)
        if not m:
            continue
        title = m.group("title").strip(" ,.")
        if not title[:1].isupper() or title.lower() in ("the", "a", "an") or _KNOWN_PUBLISHER.fullmatch(title):
            continue
        rest = s[m.start():]
        author = _author(ctx, sent, m.start(), title)
        publisher = _PUBLISHER.search(rest) or _KNOWN_PUBLISHER.search(rest)
        years = _YEARS.search(rest)
        one_year = _ONE_YEAR.search(rest)
        ctx.add("source_material", {
            "value": title, "author": author,
            "publisher": (publisher.groupdict().get("p") or publisher.group(0)) if publisher else None,
            "years": f"{years.group(1)}/{years.group(2)}" if years else (one_year.group(1) if one_year else None),
        }, sent, ctx.certainty(i, m.start(), m.end()), rule="source_material.adapted")


def _author(ctx: Ctx, sent, offset: int, title: str) -> str | None:
    """The person the sentence credits: "X's novel", "by X", "written by X"."""
    for name in person_names(ctx.text, sent.start + offset, sent.end):
        if name.text in title or title in name.text:
            continue
        possessive = ctx.text[name.end:name.end + 2] in ("'s", "’s")
        by = re.search(r"\bby\s+$", ctx.text[sent.start:name.start])
        if possessive or by:
            return name.text
    return None
