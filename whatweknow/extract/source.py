"""The work the show adapts: "based on X's webtoon Y, which ran from 2009 to 2011"."""
from __future__ import annotations

import re

from . import Ctx, claimable
from ..annotate import person_names

_MEDIUM = (r"(?:web ?toon|web ?comic|comic book|comic|manhwa|manga|graphic novel|light novel|web novel|novel|book|"
           r"book series|short story|memoir|play|podcast|video game|film|series)")
_PUBLISHERS = re.compile(r"\b(Naver(?: Webtoon)?|Kakao(?:Page| Webtoon| Page)?|Daum(?: Webtoon)?|Lezhin|Tapas|"
                         r"LINE Webtoon|Webtoon|Marvel|DC Comics|Image Comics|Shueisha|Kodansha|Penguin|"
                         r"HarperCollins|Simon & Schuster|Bloomsbury|Random House|Tor Books|Orbit)\b")
_BASED = re.compile(rf"\b(based on|adapted from|adaptation of|inspired by)\b", re.I)
_TITLE_AFTER = re.compile(
    rf"{_MEDIUM}(?:\s+series)?\s*(?:(?:known as|called|titled|named|of the same name)\s+|,\s*|\s+)"
    r"[‘'“\"]?(?P<title>[A-Z0-9][\w'’:!&-]*(?:\s+[\w'’:!&-]+){0,7}?)[’'”\"]?(?=\s*(?:,|\.|;|\(|\bthat\b|\bwhich\b|\bby\b|\bwritten\b|\bfrom\b|\bpublished\b|$))",
    re.I)
_YEARS = re.compile(r"\b(?:from|between|ran from|serialized from|published from)?\s*((?:19|20)\d\d)\s*(?:to|-|–|until|and|through)\s*((?:19|20)\d\d)\b")


def extract(ctx: Ctx) -> None:
    for i, sent in enumerate(ctx.sents):
        s = ctx.sentence_text(sent)
        based = _BASED.search(s)
        if not based or not claimable(sent, s.rstrip("?")):
            continue
        rest = s[based.end():]
        m = _TITLE_AFTER.search(rest)
        if not m:
            continue
        title = m.group("title").strip(" ,.")
        if _PUBLISHERS.fullmatch(title) or title.lower() in ("the", "a", "an"):
            continue
        author = None
        for name in person_names(ctx.text, sent.start + based.end(), sent.end):
            if name.strong or re.search(r"(?:'s|’s)\s", ctx.text[name.end:name.end + 3]) or \
                    re.search(r"\bby\s+$", ctx.text[sent.start:name.start]):
                if title not in name.text and not _PUBLISHERS.search(name.text):
                    author = name.text
                    break
        publisher = _PUBLISHERS.search(rest)
        years = _YEARS.search(rest)
        ctx.add("source_material", {
            "value": title, "author": author,
            "publisher": publisher.group(0) if publisher else None,
            "years": f"{years.group(1)}/{years.group(2)}" if years else None,
        }, sent, ctx.certainty(i, based.start(), based.end()))
