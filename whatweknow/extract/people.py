"""Cast (with characters and the season they belong to) and crew (with their role)."""
from __future__ import annotations

import re

from . import Ctx, claimable
from ..annotate import HYPHEN_GIVEN, Name, character_names, ner_people, person_names
from ..titles import norm
from .certainty import DENIAL, OFFICIAL, RUMOR

_CAST_LIST = re.compile(r"\b(stars|starring|starred|(cast|ensemble|line-?up)\b[^.]{0,60}?\b(includes?|included|features?|featured|consists? of|comprises?|are|were)|"
                        r"cast members? (include|are)|features? (actors?|actress(es)?)|led by|alongside|joined by|"
                        r"(actors?|actress(es)?|stars) (include|includes|like|such as))\b", re.I)
_CAST_CUE = re.compile(r"\b(cast\w*|star\w*|return\w*|reprise\w*|back\b|comeback|come back|join\w*|roles?|play\w*|"
                       r"portray\w*|appear\w*|cameo|lead\w*|actor|actress|recast|casting)\b", re.I)
_RETURN = re.compile(r"\b(return\w*|reprise\w*|back for|back in|be back|expected back|comeback|come back|coming back|reunite)\b", re.I)
_FUTURE = re.compile(r"\b(will|'ll|’ll|set to|going to|expected|likely|could|may|might|would|new season|next season|"
                     r"upcoming season|season (?:[2-9]|1\d)|second season|third season|join\w*|in talks|offered|"
                     r"speculated|rumou?red|considering|reviewing)\b", re.I)
_ROLE_NOUN = {"director": "director", "directors": "director", "creator": "creator", "creators": "creator",
              "writer": "writer", "writers": "writer", "screenwriter": "writer", "scriptwriter": "writer",
              "showrunner": "showrunner", "showrunners": "showrunner", "producer": "producer", "producers": "producer",
              "pd": "director", "filmmaker": "director", "helmer": "director", "author": None}
_ROLE_BY = re.compile(r"\b(created|written|directed|produced|helmed|penned|developed|showrun|executive produced)\s+by\s*$", re.I)
_ROLE_VERB = {"wrote": "writer", "penned": "writer", "scripted": "writer", "directed": "director", "helmed": "director",
              "created": "creator", "produced": "producer", "developed": "creator", "showran": "showrunner"}
_BY_ROLE = {"created": "creator", "written": "writer", "directed": "director", "produced": "producer", "helmed": "director",
            "penned": "writer", "developed": "creator", "showrun": "showrunner", "executive produced": "producer"}
_LIST_SEP = re.compile(r"^\s*(,\s*(and\s+)?|\s+and\s+|\s*&\s*|,?\s+as well as\s+)$")
_SOURCE_CONTEXT = re.compile(r"\b(based on|adapted from|webtoon|web comic|novel|manga|manhwa|comic)\b", re.I)
_LINK = re.compile(r"^\s*\(\s*(?:(?:stage name|real name|born|aka|a\.k\.a\.|also known as|known as)\s+)?"
                   r"(?P<alias>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})\s*\)")
_LINK_WORDS = re.compile(r"^\s*,?\s*(?:also known as|better known as|known professionally as|a\.k\.a\.?|aka)\s+"
                         r"(?P<alias>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})")


def extract(ctx: Ctx) -> None:
    target = ctx.subject.season
    previous: list[Name] = []
    titles = [norm(t) for t in ctx.subject.names() + ctx.subject.others]
    for i, sent in enumerate(ctx.sents):
        s = ctx.sentence_text(sent)
        names = [n for n in person_names(ctx.text, sent.start, sent.end)
                 if n.strong or not any(norm(n.text) in t for t in titles)]
        chars = character_names(ctx.text, sent.start, sent.end)
        if claimable(sent, s) and ctx.about_subject(sent):
            _links(ctx, names)
            crew = _crew(ctx, i, names)
            cast_names = [n for n in names if n.text not in crew]
            _cast(ctx, i, cast_names, chars, previous, target)
        if names:
            previous = [n for n in names if n.strong] or names
        elif sent.kind == "heading":
            previous = []


def _links(ctx: Ctx, names: list[Name]) -> None:
    text = ctx.text
    for n in names:
        after = text[n.end:n.end + 60]
        m = _LINK.match(after) or _LINK_WORDS.match(after)
        if not m:
            continue
        alias = m.group("alias")
        explicit = not m.group(0).lstrip(" ,(").startswith(alias)
        given = n.text.split()[-1].lower() if " " in n.text else ""
        if explicit or (given and alias.lower() in given and alias.lower() != given):
            ctx.links.append((n.text, alias))


def _crew(ctx: Ctx, i: int, names: list[Name]) -> set[str]:
    """Claims for names given a crew role; returns the names taken."""
    sent = ctx.sents[i]
    text = ctx.text
    s = ctx.sentence_text(sent)
    taken: set[str] = set()
    source = bool(_SOURCE_CONTEXT.search(s))
    for group in _groups(text, names):
        role = None
        first, last = group[0], group[-1]
        before = text[max(sent.start, first.start - 40):first.start]
        after = text[last.end:min(sent.end, last.end + 40)]
        m = re.search(r"\b([A-Za-z]+)\s*,?\s*$", re.sub(r"(?:'s|’s)\s*$", "", before.rstrip(" ,")) + " ")
        noun = re.search(r"(?:^|\s)(?:the\s+)?(?:show's\s+|series'\s+|its\s+|film's\s+)?(?:executive\s+)?([a-z]+)\s*,?\s*$", before, re.I)
        by = _ROLE_BY.search(before)
        verb = re.match(r"^\s*(?:,\s*who\s+)?(?:also\s+)?(wrote|penned|scripted|directed|helmed|created|produced|developed|showran)\b", after, re.I)
        appos = re.match(r"^\s*,\s*(?:the\s+)?(?:show's\s+|series'\s+|its\s+)?(director|creator|writer|screenwriter|showrunner|producer)\b", after, re.I)
        if by and not (source and by.group(1).lower() == "written"):
            role = _BY_ROLE[by.group(1).lower()]
        elif verb:
            role = _ROLE_VERB[verb.group(1).lower()]
        elif noun and noun.group(1).lower() in _ROLE_NOUN:
            role = _ROLE_NOUN[noun.group(1).lower()]
        elif appos:
            role = _ROLE_NOUN[appos.group(1).lower()]
        del m
        if not role or (source and role == "writer"):
            continue
        hedge = re.search(r"\b(rumou?red|reportedly|insiders?)\b", s, re.I)
        certainty = "rumor" if hedge else ("official" if OFFICIAL.search(s) and re.search(r"\b(announced|confirmed)\b", s, re.I)
                                           and re.search(rf"\b(will|to) (direct|write|helm|produce)", s, re.I) else "reported")
        for n in group:
            if n.strong or _name_like(ctx, n):
                ctx.add("crew", {"person": n.text, "role": role}, sent, certainty, season=ctx.subject.season)
                taken.add(n.text)
    return taken


def _groups(text: str, names: list[Name]) -> list[list[Name]]:
    """Names joined by commas and 'and' form one group ("A, B and C")."""
    groups: list[list[Name]] = []
    for n in names:
        if groups and _LIST_SEP.match(text[groups[-1][-1].end:n.start]):
            groups[-1].append(n)
        else:
            groups.append([n])
    return groups


def _name_like(ctx: Ctx, n: Name) -> bool:
    """A weak candidate counts when the statistical NER agrees it is a person."""
    sent = next(s for s in ctx.sents if s.start <= n.start < s.end)
    s = ctx.sentence_text(sent)
    off = n.start - sent.start
    return any(a <= off and off + len(n.text) <= b + 1 for a, b in ner_people(s))


def _cast(ctx: Ctx, i: int, names: list[Name], chars: list[tuple[int, int]], previous: list[Name],
          target: int | None) -> None:
    sent = ctx.sents[i]
    text = ctx.text
    s = ctx.sentence_text(sent)
    denial = DENIAL.search(s) and re.search(r"\b(cast\w*|role|join\w*|appear\w*|star\w*)\b", s, re.I)
    if denial and not names and previous:
        names = previous[-1:]
    if not names or not (_CAST_CUE.search(s) or _CAST_LIST.search(s)):
        return
    listed = bool(_CAST_LIST.search(s))
    pairs = _characters(text, names, chars, sent.end)
    future = bool(_FUTURE.search(s) or _RETURN.search(s) or denial)
    season = target if future or target is None else target - 1 if target > 1 else target
    named = ctx.season_in(s)
    if not future and named:
        season = named
    cue = _CAST_LIST.search(s)
    groups = _groups(text, names)
    historical = bool(target and season and season < target)
    for n in names:
        in_list = listed and n.start - sent.start >= cue.start() and any(n in g and len(g) > 1 for g in groups)
        if not (n.strong or in_list or n.text in pairs or _name_like(ctx, n)):
            continue
        character = pairs.get(n.text)
        if denial:
            ctx.add("cast", {"person": n.text, "character": character, "season": season}, sent, "denied",
                    season=season, polarity=False)
            continue
        if historical:
            certainty = "reported"
        else:
            certainty = ctx.certainty(i, n.start - sent.start, n.end - sent.start)
            if RUMOR.search(s):
                certainty = "rumor"
            elif certainty == "reported" and future and not OFFICIAL.search(s):
                certainty = "speculation"  # a future cast line with nobody standing behind it is a guess
        ctx.add("cast", {"person": n.text, "character": character, "season": season}, sent, certainty,
                season=season, historical=historical)
        if _RETURN.search(s) and target and target > 1 and not historical:
            # "expected to return" says they were in the earlier season
            ctx.add("cast", {"person": n.text, "character": character, "season": target - 1}, sent, "reported",
                    season=target - 1, historical=True)


def _characters(text: str, names: list[Name], chars: list[tuple[int, int]], end: int) -> dict[str, str]:
    """Who plays whom: "A as X", "A and B ... as X and Y", "A (X)", "X, played by A"."""
    pairs: dict[str, str] = {}
    groups = _groups(text, names)
    for group in groups:
        last = group[-1]
        after = text[last.end:min(end, last.end + 80)]
        m = re.match(r"^\s*(?:(?:is|are|will|would|'ll|’ll|be|to|also|expected|likely|set|going|returning|return|reprise|reprising|"
                     r"his|her|their|role|roles|s|back|as well)\s+)*(?:as|playing|plays|portraying|who plays)\s+", after, re.I)
        paren = re.match(r"^\s*\((?P<c>[^()]{2,30})\)", after)
        if m:
            targets = _char_list(text, last.end + m.end(), end, {n.start for n in names})
        elif paren and len(group) == 1 and not re.search(r"\b(stage name|real name|aka)\b", paren.group("c"), re.I):
            c = paren.group("c").strip()
            targets = [c] if HYPHEN_GIVEN.fullmatch(c) or any(text[a:b] == c for a, b in chars) else []
        else:
            continue
        if len(targets) == len(group):
            for n, c in zip(group, targets):
                pairs[n.text] = c
        elif targets and len(group) > 1 and len(targets) == 1:
            pairs[group[-1].text] = targets[0]
    return pairs


def _char_list(text: str, pos: int, end: int, person_starts: set[int]) -> list[str]:
    """Character names starting at pos, joined by commas/'and'."""
    out = []
    pat = re.compile(r"(?:the\s+)?(?:character\s+)?(?P<c>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})")
    while pos < end:
        m = pat.match(text, pos, end)
        if not m:
            break
        out.append(m.group("c"))
        pos = m.end()
        sep = re.match(r"\s*(,\s*(and\s+)?|\s+and\s+|\s*&\s*)", text[pos:end])
        if not sep or not re.match(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)[A-Z]", text[pos:end]):
            break
        nxt = re.match(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)", text[pos:end])
        pos += nxt.end()
        if pos in person_starts:  # "A as X, B as Y": the next person ends X's list
            break
    return out
