"""Cast (with characters and the season they belong to) and crew (with their role)."""
from __future__ import annotations

import re

from .context import Ctx, claimable
from ..annotate import KOREAN_NAME, NICKNAMED, Name, ner_people, person_names
from ..names import KOREAN_SURNAMES, same_person
from ..records import Sentence
from ..titles import norm
from .certainty import DENIAL, OFFICIAL, certainty_of

_CAST_LIST = re.compile(r"\b(stars|starring|starred|co-stars|(lead|leads|head|heads|round out|rounds out) the (cast|ensemble)|(cast|ensemble|line-?up)\b[^.]{0,60}?\b(includes?|included|features?|featured|consists? of|comprises?|are|were|is led by)|"
                        r"cast members? (include|are)|features? (actors?|actress(es)?)|led by|alongside|joined by|"
                        r"(actors?|actress(es)?|stars) (include|includes|like|such as)|named the returning)\b", re.I)
_CAST_CUE = re.compile(r"\b(cast\w*|star\w*|return\w*|reprise\w*|back\b|comeback|come back|join\w*|roles?|play\w*|"
                       r"portray\w*|appear\w*|cameo|lead\w*|actor|actress|recast|casting|newcomer|addition|adds)\b", re.I)
_RETURN = re.compile(r"\b(return\w*|reprise\w*|back for|back in|be back|is back|are back|expected back|comeback|"
                     r"come back|coming back|reunite\w*)\b", re.I)
_NOT_RETURN = re.compile(r"\b(won't|will not|not|never|unlikely to|isn't|aren't|no longer)\b[^.]{0,25}\b(return\w*|be back|"
                         r"come back|reprise|appear\w*)|\b(left|exited|departed|quit|leaving|exiting) the (show|series|cast)\b|"
                         r"\b(the last we'll see|seen the last) of\b", re.I)
# cues that a cast line is about the coming season (besides naming it)
_UPCOMING = re.compile(r"\bjoin\w*|\bnewcomer|\baddition|\badds\b|\bin talks\b|\boffered\b|"
                       r"\bspeculated\b|\brumou?red\b|\bconsidering\b|\breviewing\b", re.I)
# cheap looks before the costly patterns of a slot
_ROLE_HINT = re.compile(r"\bas\b|play|role|\(|cast|'s|’s")
_CREW_HINT = re.compile(r"direct|writ|wrote|creat|produc|showr|helm|penn|script|adapt|develop|filmmaker")
_RANK = re.compile(r"\b(DI|DCI|DS|DC|DSI|PC|Dr\.?|Detective|Inspector|Sergeant|Sgt\.?|Captain|Capt\.?|Officer|Professor|"
                   r"Prof\.?|Agent|Lieutenant|Lt\.?|Commander|Chief|Doctor|Nurse|Judge|King|Queen|Prince|Princess|Lord|"
                   r"Lady|Sir|Father|Sister|Mayor|President|Principal|Coach|General|Colonel)\s+$")
_MAYBE_STAND_IN = re.compile(r"\b(she|he|her|his|the (singer|actor|actress|star|newcomer|idol))\b", re.I)
_PAST_CAST = re.compile(r"\b(starred|co-starred|played|portrayed|was cast|were cast)\b", re.I)
_HEDGE = re.compile(r"\b(will|'ll|would|could|may|might|expected|expect|likely|set to|going to|hope\w*|should|"
                    r"probably|possibly|perhaps|predict\w*|guess\w*)\b", re.I)
_QUESTIONING = re.compile(r"\b(whether|asked if|asked about|wonder\w*)\b", re.I)
_ROLE_NOUN = {"director": "director", "directors": "director", "creator": "creator", "creators": "creator",
              "writer": "writer", "writers": "writer", "screenwriter": "writer", "scriptwriter": "writer",
              "showrunner": "showrunner", "showrunners": "showrunner", "producer": "producer", "producers": "producer",
              "pd": "director", "filmmaker": "director", "helmer": "director"}
_ROLES = "director|directors|creator|writer|screenwriter|scriptwriter|showrunner|producer|executive producer|head writer"
_ROLE_BY = re.compile(r"\b(created|written|directed|produced|helmed|penned|developed|showrun|executive produced)\s+by\s*$", re.I)
_ROLE_VERB = {"produces": "producer", "wrote": "writer", "writes": "writer", "penned": "writer", "scripted": "writer", "directed": "director",
              "directs": "director", "helmed": "director", "created": "creator", "produced": "producer",
              "developed": "creator", "showran": "showrunner", "direct": "director", "write": "writer",
              "adapted": "writer", "adapts": "writer"}
_BY_ROLE = {"created": "creator", "written": "writer", "directed": "director", "produced": "producer", "helmed": "director",
            "penned": "writer", "developed": "creator", "showrun": "showrunner", "executive produced": "producer"}
_LIST_SEP = re.compile(r"^\s*(,\s*(and\s+)?|\s+and\s+|\s*&\s*|,?\s+as well as\s+|"
                       r",\s*(?:who goes by|also known as|better known as|aka)[^,]{1,40},\s*(?:and\s+)?)$")
_SOURCE_CONTEXT = re.compile(r"\b(based on|adapted from|webtoon|web comic|novel|manga|manhwa|comic)\b", re.I)
_LINK = re.compile(r"^\s*\(\s*(?P<kw>(?:stage name|real name|born|aka|a\.k\.a\.|also known as|known as)\s+)?"
                   r"(?P<alias>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})\s*\)")
_LINK_WORDS = re.compile(r"^\s*,?\s*(?:also known as|better known(?: to [^,.]{1,30})? as|known professionally as|"
                         r"a\.k\.a\.?|aka|who goes by)\s+(?P<alias>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})")
_PLAYS = re.compile(r"^\s*(?:,[^,.;]{1,40},\s*)?(?:,\s*who\s+)?(?:(?:is|are|was|were|will|would|'ll|be|been|has|have|to|also|expected|likely|set|"
                    r"going|returning|return|returns|reprise|reprises|reprising|his|her|their|role|roles|s|back|as well|"
                    r"again|cast|takes|take|took|the|of|in|stepping|step|into|shoes)\s+)*"
                    r"(?:as|playing|plays|play|portraying|portrays|role of)\s+", re.I)
_CHAR = re.compile(r"(?:(?:the|a|an|his|her|their)\s+)?(?:[A-Z][\w-]*(?:'s|’s)\s+)?"
                   r"(?:(?!(?:of|at|in|from|for|with|on|to|by)\s)[a-z][\w-]*,?\s+){0,5}?(?P<c>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})")
_STANDIN = re.compile(r"\b(?:(?:the|this|that)\s+(?:singer|actor|actress|star|newcomer|idol|rapper|performer|model)|she|he)"
                      r"\s+(?:has been |had been |was |is |will be |is set to |will )?(?:cast|play|plays|playing|portray)", re.I)


def extract(ctx: Ctx) -> None:
    target = ctx.subject.season
    titles = [norm(t) for t in ctx.subject.names() + ctx.subject.others]
    full = _full_forms(ctx, titles)
    # one-word names (stage names) found mid-sentence count at a sentence's start too
    singles = {n.text for sent in ctx.sents for n in _candidates(ctx, sent) if " " not in n.text}
    previous: list[Name] = []
    for i, sent in enumerate(ctx.sents):
        s = ctx.sentence_text(sent)
        names = _names(ctx, sent, titles, full)
        first = re.match(r"[\"'“‘(]?([A-Z][\w'-]+)\b", ctx.text[sent.start:sent.end])
        if first and first.group(1) in singles and not any(n.start <= sent.start + first.start(1) < n.end for n in names):
            names.insert(0, Name(sent.start + first.start(1), sent.start + first.end(1), first.group(1), False))
        stand_in = not names and previous and _MAYBE_STAND_IN.search(s)
        if (names or stand_in) and claimable(sent, s) and ctx.about_subject(sent):
            low = s.lower()
            if "(" in s or " name" in low or "known" in low or "aka" in low or "goes by" in low or '"' in s or "“" in s:
                aliases = _links(ctx, names)
                names = [n for n in names if (n.start, n.end) not in aliases]  # "A, who goes by B," is one person
            pairs, as_character = _characters(ctx.text, names, sent) if _ROLE_HINT.search(low) else ({}, set())
            people = [n for n in names if (n.start, n.end) not in as_character]
            crew = _crew(ctx, i, people) if _CREW_HINT.search(low) else set()
            _cast(ctx, i, [n for n in people if n.text not in crew], pairs, previous, target)
            names = people
        if names:
            previous = [n for n in names if n.strong] or [n for n in names if " " in n.text] or previous
        elif sent.kind == "heading":
            previous = []


def _candidates(ctx: Ctx, sent: Sentence) -> list[Name]:
    return ctx.once(("names", sent.start), lambda: person_names(ctx.text, sent.start, sent.end))


def _names(ctx: Ctx, sent: Sentence, titles: list[str], full: dict[str, str]) -> list[Name]:
    out = []
    for n in _candidates(ctx, sent):
        if not n.strong and any(norm(n.text) in t for t in titles):
            continue  # a word of a title
        if " " not in n.text and n.text.lower() in full:
            n = Name(n.start, n.end, full[n.text.lower()], True)  # "Seo" after "Seo Ji-hoon"
        out.append(n)
    return out


def _full_forms(ctx: Ctx, titles: list[str]) -> dict[str, str]:
    """Short references to people named in full elsewhere in the document: a Korean surname
    or a Western last name that belongs to exactly one full name."""
    by_short: dict[str, list[str]] = {}
    for sent in ctx.sents:
        for n in _candidates(ctx, sent):
            parts = n.text.split()
            if len(parts) < 2 or not (n.strong or KOREAN_NAME.fullmatch(n.text)):
                if len(parts) < 2 or any(norm(n.text) in t for t in titles):
                    continue
            korean = parts[0].lower() in KOREAN_SURNAMES
            for key in ([parts[0].lower()] if korean else [parts[-1].lower(), parts[0].lower()]):
                known = by_short.setdefault(key, [])
                if not any(same_person(k, n.text) for k in known):
                    known.append(n.text)
    return {k: v[0] for k, v in by_short.items() if len(v) == 1}


def _links(ctx: Ctx, names: list[Name]) -> set[tuple[int, int]]:
    """A stage name stated beside a legal name: "Yoo Na-rae (Rae)", "X, better known as Y".
    Returns the spans of the second names."""
    text = ctx.text
    spans = set()
    if names:  # Katherine "Kit" Morrow: a nickname inside the full name
        sent_text = text[names[0].start - 200 if names[0].start > 200 else 0:names[-1].end + 200]
        for m in NICKNAMED.finditer(sent_text):
            ctx.links.append((f"{m.group(1)} {m.group(3)}", f"{m.group(2)} {m.group(3)}"))
    for a, b in zip(names, names[1:]):  # "Rae is the stage name of Yoo Na-rae"
        between = text[a.end:b.start]
        if len(between) < 60 and re.search(r"\b(stage|professional|screen|real|legal|birth) name\b", between, re.I):
            ctx.links.append((a.text, b.text))
    for n in names:
        after = text[n.end:n.end + 80]
        m = _LINK.match(after) or _LINK_WORDS.match(after)
        if not m:
            continue
        alias = m.group("alias")
        given = n.text.split()[-1].lower() if " " in n.text else ""
        keyword = m.re is _LINK_WORDS or m.group("kw")
        if keyword or (given and alias.lower() in given and alias.lower() != given):
            if alias != n.text:
                ctx.links.append((n.text, alias))
            start = n.end + m.start("alias")
            spans.add((start, start + len(alias)))
    return spans


def _characters(text: str, names: list[Name], sent: Sentence) -> tuple[dict[str, str], set[tuple[int, int]]]:
    """Who plays whom ("A as X", "A and B as X and Y", "A (X)", "X (A)", "X, played by A"), and
    the spans of names that are characters, not people."""
    pairs: dict[str, str] = {}
    chars: set[tuple[int, int]] = set()
    by_start = {n.start: n for n in names}
    for group in _groups(text, names):
        if any((n.start, n.end) in chars for n in group):
            continue
        last = group[-1]
        m = _PLAYS.match(text[last.end:sent.end])
        if m:
            found = _char_list(text, last.end + m.end(), sent.end, by_start)
            if len(found) == len(group) or (len(found) == 1 and len(group) > 1):
                targets = group if len(found) == len(group) else group[-1:]
                for n, (c, span) in zip(targets, found):
                    pairs[n.text] = c
                    chars.add(span)
            continue
        for n in group:  # "Seo Ji-hoon (Cha Eun-gyeol)"
            paren = _LINK.match(text[n.end:sent.end])
            if paren and not paren.group("kw"):
                alias = paren.group("alias")
                given = n.text.split()[-1].lower() if " " in n.text else ""
                inner = next((x for x in names if x.text == alias), None)
                if inner is not None and inner.strong and not n.strong:
                    continue  # "Roz (Katherine Morrow)": the role outside, the actor inside (read below)
                if not (given and alias.lower() in given):
                    pairs[n.text] = alias
                    a = text.index(alias, n.end)
                    chars.add((a, a + len(alias)))
    for n in names:  # "Lee Yoo-mi's Na-yeon": an actor's possessive before a role
        m = re.match(r"(?:'s|’s)\s+(?:[a-z][\w-]*\s+){0,3}?(?P<c>[A-Z][a-z]+-[a-z]+)\b", text[n.end:sent.end])
        if m and n.text not in pairs:
            pairs[n.text] = m.group("c")
            chars.add((n.end + m.start("c"), n.end + m.end("c")))
    for m in re.finditer(r"\b(?:cast as|plays|playing|played|role of|as)\s+(?!by\b)", text[sent.start:sent.end]):
        # "the singer has been cast as Oh Ji-an", "in full costume as the night warden Baek Seol-hwa"
        found = _char_list(text, sent.start + m.end(), sent.end, {})[:1]
        if not found or any(a <= found[0][1][0] < b for a, b in chars):
            continue
        c, span = found[0]
        if re.match(r"the character,\s", text[sent.start + m.end():]):
            continue  # "the actor playing the character, Yoon Chan-young, said": the name is the actor's
        if re.search(r"\bknown(?: to [^,.]{1,30})?\s*$", text[max(sent.start, sent.start + m.start() - 40):sent.start + m.start()]):
            continue  # "better known as Rae" is a stage name
        if not any(n.start == span[0] for n in names) and m.group(0).strip() == "as":
            continue  # a plain "as" counts only before a name ("as director" is no character)
        chars.add(span)
        people = [n for n in names if n.end <= span[0] and (n.start, n.end) not in chars and (n.strong or " " in n.text)]
        if len(people) == 1 and people[0].text not in pairs:
            pairs[people[0].text] = c
    for n in names:  # "DCI Owen Sayer", "Dr Ellen Voss": a rank or title before a name makes it a role
        if _RANK.search(text[max(sent.start, n.start - 14):n.start]):
            chars.add((n.start, n.end))
    for k, n in enumerate(names[:-1]):  # cast lists written "Kang Ha-neul – Kang Dae-ho (Player 388)"
        nxt = names[k + 1]
        if re.fullmatch(r"\s+[–—-]\s+(?:[A-Z][\w.]*\s+)?", text[n.end:nxt.start]) and n.text not in pairs \
                and (nxt.start, nxt.end) not in chars:
            pairs[n.text] = nxt.text
            chars.add((nxt.start, nxt.end))
    for n in names:  # "Eun-gyeol (Seo Ji-hoon)", "Ji-an, played by Yoo Na-rae"
        before = text[max(sent.start, n.start - 40):n.start]
        m = re.search(r"(?P<c>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})\s*(?:\(\s*|,?\s+(?:the\s+(?:[\w-]+\s+){1,3})?"
                      r"(?:is\s+|was\s+)?played by\s+)$", before)
        c_start = n.start - len(before) + m.start("c") if m else -1
        outer = next((x for x in names if x.start <= c_start < x.end), None)
        if m and (n.start, n.end) in chars or (outer is not None and (outer.strong or not n.strong)):
            continue  # the outer name is itself a person: "A (X)" was read above
        if m and n.text not in pairs:
            pairs[n.text] = m.group("c")
            start = n.start - len(before) + m.start("c")
            chars.add((start, start + len(m.group("c"))))
    return pairs, chars


def _char_list(text: str, pos: int, end: int, people: dict[int, Name]) -> list[tuple[str, tuple[int, int]]]:
    """Character names from pos on, joined by commas or 'and'; a person's name ends the list
    ("A as X, B as Y") — except the first, which "as" makes a character."""
    out = []
    while pos < end:
        m = _CHAR.match(text, pos, end)
        if not m:
            break
        c = re.sub(r"(?:'s|’s)$", "", m.group("c"))
        out.append((c, (m.start("c"), m.start("c") + len(c))))
        pos = m.end()
        sep = re.match(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?=[A-Z])", text[pos:end])
        nxt = people.get(pos + sep.end()) if sep else None
        if not sep or (nxt and _PLAYS.match(text[nxt.end:end])):
            break  # "A as X, B as Y": B starts a new pair
        pos += sep.end()
    return out


def _groups(text: str, names: list[Name]) -> list[list[Name]]:
    """Names joined by commas and 'and' form one group ("A, B and C")."""
    groups: list[list[Name]] = []
    for n in names:
        if groups and _LIST_SEP.match(text[groups[-1][-1].end:n.start]):
            groups[-1].append(n)
        else:
            groups.append([n])
    return groups


def _crew(ctx: Ctx, i: int, names: list[Name]) -> set[str]:
    """Claims for names given a crew role; returns the names taken."""
    sent = ctx.sents[i]
    text = ctx.text
    s = ctx.sentence_text(sent)
    taken: set[str] = set()
    source = bool(_SOURCE_CONTEXT.search(s))
    for group in _crew_groups(text, names):
        first, last = group[0], group[-1]
        before = text[max(sent.start, first.start - 40):first.start]
        after = text[last.end:min(sent.end, last.end + 110)]
        roles = [r for r in _role(before, after)
                 if not (source and r == "writer" and not re.search(r"\b(script|screenplay|episodes|pilot)\b", s, re.I))]
        if not roles:
            continue
        if re.search(r"\b(rumou?red|reportedly|insiders?)\b", s, re.I):
            certainty = "rumor"
        elif re.search(r"\b(will|set to|expected to|likely to|could|may|might)\s+(direct|write|helm|produce|create)", s, re.I):
            certainty = "official" if OFFICIAL.search(s) else "speculation"
        else:
            certainty = "reported"
        for n in group:
            if n.strong or _name_like(ctx, sent, n):
                for role in roles:
                    ctx.add("crew", {"person": n.text, "role": role}, sent, certainty, season=ctx.subject.season, rule="crew.role")
                taken.add(n.text)
    return taken


def _crew_groups(text: str, names: list[Name]) -> list[list[Name]]:
    """Name groups, with "created by A and B, and C directed" read as two clauses."""
    out = []
    for group in _groups(text, names):
        last = group[-1]
        if len(group) > 1 and re.match(r",\s*and\s+$", text[group[-2].end:last.start]) and \
                re.match(r"\s+(?:also\s+|has\s+|had\s+)?[a-z]+ed\b", text[last.end:last.end + 30]):
            out += [group[:-1], [last]]
        else:
            out.append(group)
    return out


def _role(before: str, after: str) -> list[str]:
    """Every crew role the words around a name (or a group of names) give it."""
    roles = []
    by = _ROLE_BY.search(before)
    if by:
        roles.append(_BY_ROLE[by.group(1).lower()])
    alongside = re.search(r"\b(produces|directs|writes|wrote|directed|produced|created)\s+(?:the show\s+|it\s+)?(?:alongside|with)\s+$",
                          before, re.I)
    if alongside:
        roles.append(_ROLE_VERB.get(alongside.group(1).lower(), "producer"))
    # "A, who wrote the pilot and directed two episodes", "A directed", "A will write"
    clause = re.match(r"^\s*(?:,\s*who\s+)?[^,;.]*", after)
    for verb in re.finditer(r"\b(?:also\s+|has\s+|had\s+|will\s+|is set to\s+|to\s+|executive\s+)?(wrote|writes|penned|scripted|"
                            r"directed|directs|direct|write|helmed|created|produced|produces|developed|showran|adapted|adapts)\b",
                            clause.group(0) if clause else "", re.I):
        if verb.start() < 40:
            roles.append(_ROLE_VERB[verb.group(1).lower()])
    # "returns as director", ", the show's creator", "as co-showrunner and executive producer"
    listed = rf"(?:the\s+|an?\s+|its\s+|show's\s+|series'\s+|co-|lead\s+)*({_ROLES})(?:\s*(?:,|and|&)\s*(?:an?\s+)?(?:co-)?({_ROLES}))?"
    after = re.sub(r"^\s*\([^()]{0,80}\)", "", after)  # "Ben Halloran (Sunday Shift) joins ..."
    # "A joins creator B as co-showrunner": the role after B is A's
    obj = re.search(r"\b(joins?|joined|joining|alongside|with|replac\w*|succeed\w*)\s+(?:the\s+)?(?:[a-z-]+\s+)?$", before, re.I)
    for m in () if obj else (re.match(rf"^\s*(?:,\s*)?(?:(?:who|is|was|will|returns?|returning|serves?|serving|stays?|remains?|be|back|also|"
                       rf"once again|again|continues?|continuing|comes on board|signs? on|signed on|boards?|"
                       rf"joins?|joined|joining)(?:\s+(?:the\s+)?(?:[a-z-]+\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)?\s+)*"
                       rf"as\s+{listed}\b", after, re.I),
              re.match(rf"^\s*,\s*{listed}\b", after, re.I)):
        if m:
            roles += [_ROLE_NOUN.get(g.split()[-1].lower()) for g in m.groups() if g]
    # "director A", "the show's director, A", "Creator and showrunner A"
    plural = re.search(r"\b(directors?|producers?|writers?|creators?|showrunners?)\s+(?:are|is|include|were|was)\s*$", before, re.I)
    if plural:
        roles.append(_ROLE_NOUN[plural.group(1).lower()])
    noun = re.search(r"(?:^|\s)(?:the\s+)?(?:show's\s+|series'\s+|its\s+|film's\s+|co-)?(?:executive\s+|head\s+)?"
                     r"(?:([a-z]+)\s+(?:and|&)\s+(?:co-)?)?([a-z]+)\s*,?\s*$", before, re.I)
    if noun:
        roles += [_ROLE_NOUN[g.lower()] for g in noun.groups() if g and g.lower() in _ROLE_NOUN]
    return [r for r in dict.fromkeys(roles) if r]


def _name_like(ctx: Ctx, sent: Sentence, n: Name) -> bool:
    """A weak candidate counts when the statistical NER agrees it is a person."""
    s = ctx.text[sent.start:sent.end]
    off = n.start - sent.start
    return any(a <= off and off + len(n.text) <= b + 1 for a, b in ner_people(s))


def _cast(ctx: Ctx, i: int, names: list[Name], pairs: dict[str, str], previous: list[Name],
          target: int | None) -> None:
    sent = ctx.sents[i]
    text = ctx.text
    s = ctx.sentence_text(sent)
    if not (_CAST_CUE.search(s) or _CAST_LIST.search(s) or DENIAL.search(s)):
        return
    denial = bool(DENIAL.search(s) and re.search(r"\b(cast\w*|role|join\w*|appear\w*|star\w*|leav\w*|exit\w*|offer\w*|"
                                                 r"involved|signed)\b", s, re.I))
    if not [n for n in names if n.strong or " " in n.text] and previous and (denial or (_STANDIN.search(s) and re.search(r"\b(cast as|plays?|playing|role)\b", s, re.I))):
        names = previous[-1:]  # "the singer has been cast as X", "her agency said nothing was decided"
        if not denial:
            m = re.search(r"\b(?:cast as|plays?|playing|role of)\s+", s)
            found = _char_list(text, sent.start + m.end(), sent.end, {}) if m else []
            if found:
                pairs = {names[0].text: found[0][0]}
    if not names or not (denial or _CAST_CUE.search(s) or _CAST_LIST.search(s)) or (_QUESTIONING.search(s) and not denial):
        return
    cue = _CAST_LIST.search(s)
    groups = _groups(text, names)
    passage = ctx.text[ctx.passages[sent.passage].start:ctx.passages[sent.passage].end]
    for g, group in enumerate(groups):
        # each group of names gets the words up to the next group: "A joins as X; not to be
        # confused with B, who played Y in season one and does not appear"
        window = text[group[0].start:groups[g + 1][0].start if g + 1 < len(groups) else sent.end]
        lead = text[groups[g - 1][-1].end if g else sent.start:group[0].start]
        past = bool(_PAST_CAST.search(window)) and len(groups) > 1
        upcoming = bool(ctx.about_target(window) or _UPCOMING.search(window) or _RETURN.search(window) or denial
                        or (not past and (ctx.about_target(s) or _UPCOMING.search(s) or _RETURN.search(s) or _HEDGE.search(s)
                                          or (not _PAST_CAST.search(window) and (ctx.about_target(passage) or _UPCOMING.search(passage))))))
        season = target if upcoming or target is None else target - 1 if target > 1 else target
        named = ctx.season_in(window if past else s)
        if not upcoming and named:
            season = named
        leaving = bool(_NOT_RETURN.search(window) or _NOT_RETURN.search(lead)) and not denial
        if leaving and target:
            season = target  # "does not appear in the new episodes" is about the coming season
        for n in group:
            _cast_one(ctx, i, n, pairs, season, target, denial, leaving, cue is not None and n.start - sent.start >= cue.start()
                      and len(group) > 1)


def _cast_one(ctx: Ctx, i: int, n: Name, pairs: dict[str, str], season: int | None, target: int | None,
              denial: bool, leaving: bool, in_list: bool) -> None:
    sent = ctx.sents[i]
    text = ctx.text
    s = ctx.sentence_text(sent)
    historical = bool(target and season and season < target)
    if not (n.strong or in_list or n.text in pairs or (" " in n.text and _name_like(ctx, sent, n)) or _cast_verb_next(text, n)):
        return
    if text[n.end:n.end + 2] in ("'s", "’s") and n.text not in pairs:
        return  # "Kim Do-hyun's character", "Yeon Ha-rim's webtoon": not a casting
    character = pairs.get(n.text)
    fields = {"person": n.text, "character": character, "season": season}
    if denial:
        ctx.add("cast", fields, sent, "denied", season=season, polarity=False, rule="cast.denied")
        return
    if leaving:
        ctx.add("cast", fields, sent, ctx.certainty(i, 0, len(s)), season=season, polarity=False, rule="cast.leaving")
    elif historical:
        ctx.add("cast", fields, sent, "reported", season=season, historical=True, rule="cast.earlier_season")
    else:
        ctx.add("cast", fields, sent, _cast_certainty(ctx, i, s, n), season=season, rule="cast.line")
    if (_RETURN.search(s) or leaving) and target and target > 1 and not historical:
        # "expected to return" and "won't return" both say they were in the earlier season
        ctx.add("cast", {**fields, "season": target - 1}, sent, "reported", season=target - 1, historical=True,
                rule="cast.returning_was_in_earlier")


def _cast_verb_next(text: str, n: Name) -> bool:
    """A one-word (stage) name counts next to a casting verb: "added Rae to", "Rae has joined"."""
    before = text[max(0, n.start - 25):n.start]
    after = text[n.end:n.end + 30]
    return bool(re.search(r"\b(added|adds|cast|casts|signed|tapped|recruited|welcom\w*)\s+$", before)
                or re.match(r"\s+(?:has\s+|have\s+|will\s+|is\s+)?(joined|joins|join|joining|returns|return|stars|reprises)\b", after))


def _cast_certainty(ctx: Ctx, i: int, s: str, n: Name) -> str:
    """The whole sentence speaks for each name in a list ("A, B and C are expected to return")."""
    certainty = certainty_of(s, ctx.attribution_context(i))
    if certainty == "denied":
        certainty = "reported"
    if certainty == "reported" and re.search(r"\b(will|'ll|would|set to|going to)\b", s, re.I):
        return "speculation"  # a future cast line with nobody standing behind it is a guess
    return certainty
