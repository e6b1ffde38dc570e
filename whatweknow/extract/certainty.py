"""How firmly a clause states something, from its wording and its attribution; and which
platform a sentence names."""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import (CASE_SENSITIVE_PLATFORMS, HEDGES, MODALS, NEGATIONS, PLATFORM_NAMES, PLATFORM_RE, PLATFORMS,
                       STUDIOS, alt)
from ..rules import rule, veto, folded

# who can make a statement official: a platform, the studio, an agency, the makers
_OFFICIAL_PARTY = (rf"\b(?:{alt(PLATFORM_NAMES + STUDIOS)}"
                   r"|the streamer|the streaming (?:giant|service|platform)|the network|the studio|the platform"
                   r"|(?:his|her|their|the \w+'s|the actor's|the actress'?s?) agency|agency|the production company"
                   r"|officials?|a spokesperson|the showrunner|the creators?)")
_OFFICIAL_VERB = (r"(?:announced|confirmed|revealed|unveiled|stated|said|shared|released a statement|posted|teased|greenlit|"
                  r"greenlighting|renewed|renewing|ordered|released|dropped|can confirm|can now confirm)")

# people who speak for the show: its makers, the studio's or platform's executives, its cast
_MAKER = (r"(?:(?:the )?(?:CEO|chief executive|president|chairman|head of \w+|programming chief|content chief|"
          r"spokesperson|showrunner|creator|executive producer))")
_CAST_MEMBER = r"(?:(?:the )?(?:actor|actress|star|lead star|cast member))"
OFFICIAL_RULE = rule(
    "certainty.official", "certainty",
    rf"{_OFFICIAL_PARTY}[^.,;]{{0,60}}?\b{_OFFICIAL_VERB}\b|\bofficial(ly)?\b(?! (plot|synopsis|trailer|word|date))|"
    r"\b(has|have) (officially )?(confirmed|announced)\b|"
    rf"\b(released|shared|announced|confirmed|revealed|unveiled|posted) by {_OFFICIAL_PARTY}|"
    rf",\s+the (?:production company|studio|network|streamer|agency)\b[^.;]{{0,60}}?,\s+(?:\w+\s+)?{_OFFICIAL_VERB}\b|"
    r"\b(the|this|its|their) (official )?(announcement|press release)\b|"
    r"\bconfirmed (cast|line-?up|ensemble|players|names|additions)\b|\bas (previously |already |officially )?(confirmed|announced)\b|"
    r"\b(teaser|trailer|video|clip|announcement|statement)\b[^.;]{0,40}\b(unveiled|revealed|confirmed|announced) "
    r"(that|the|a|an)\b|"
    rf"\b(renewed|ordered|greenlit|picked up|commissioned)\b[^.;]{{0,40}}\b(by|at) {_OFFICIAL_PARTY}|"
    rf"\b{_MAKER}\b[^.;]{{0,50}}?\b(said|mentioned|confirmed|announced|revealed|stated)\b|"
    rf"\b{_CAST_MEMBER}\b[^.;]{{0,50}}?\b(confirmed|announced|revealed)\b|"
    rf"\baccording to (?:{_OFFICIAL_PARTY}|the (?:official )?(?:instagram|twitter|x|social media) account of|"
    r"a (?:statement|press release) (?:from|by))",
    matches=["The streamer confirmed the date in a press release.",
             "A poster shared by the streamer shows the two leads.",
             "According to the official X account of the studio, the shoot is over.",
             "The comedy was renewed by the network in May.",
             "The studio's president, Jo Min, said the sequel is on schedule.",
             "Its star, Mina Cole, confirmed the shoot is over.",
             "Blue Gate, the studio behind the drama, said the scripts are done.",
             "The announcement came with a first trailer.",
             "Among the confirmed names are Mina Cole and Ian Hart.",
             "As previously announced, the lead returns.",
             "The teaser revealed that the villain is back.",
             "The studio has officially confirmed a second season.",
             "Her agency said she will take the lead role."],
    rejects=["Fans loved the first season.",
             "The official trailer runs two minutes."],
    why="a party that can decide (platform, studio, agency, makers) states it, or the text says 'officially'")
NEGATED_OFFICIAL_RULE = rule(
    "certainty.not_official", "certainty",
    rf"\b(?:{alt(NEGATIONS)}|n't)\b[^.;]{{0,30}}\b(official|officially|confirm\w*|announc\w*)",
    matches=["There is no official word on a date yet.", "The date is yet to be confirmed.",
             "Netflix has never announced a cast."],
    rejects=["Netflix announced the cast on Monday."],
    why="'not yet confirmed', 'no official word': the opposite of an official statement")
RUMOR_RULE = rule(
    "certainty.rumor", "certainty",
    r"\b(claimed|claims|insiders?|sources?( close to| say| said| tell| told)|rumou?r\w*|allegedly|"
    r"revealed to us|(we've|we have|we've been|we were|we are|we're) (been )?(told|informed|heard)|"
    r"tipsters?|leak\w*|whispers?|according to (a |an )?(source|insider)|word is|a little bird|talk of|chatter)\b",
    matches=["Sources close to the production say filming starts in May.",
             "Insiders say the actor is in talks to return.",
             "We've been told the finale was reshot."],
    rejects=["The actor said in an interview that she will return.",
             "The sequel is reportedly in early development."],
    why="an unnamed source, a leak or a rumour stands behind the statement ('reportedly' cites reports: reported)")
_SPECULATIVE_MODALS = [w for w in MODALS if w not in ("may", "can")]   # "can" is ability; "may" only lower-case
SPECULATION_RULE = rule(
    "certainty.speculation", "certainty",
    rf"\b({alt(HEDGES)}|{alt(_SPECULATIVE_MODALS)}|(?-i:may)|expect\w*|possible|"
    r"guess\w*|predict\w*|speculat\w*|assum\w*|it looks like|looks like|seems?|suggest\w*|"
    r"hope\w*|hoping|wants?|we think|potential|imagine|chances are|plausible|considered (?:the )?(?:most )?likely|(?:our|my) money is on|we'd bet|"
    r"(?<!the )(?<!much-)(?<!highly )(?<!most )(?<!long-)anticipat\w*|if\b|estimate\w*|we reckon|fingers crossed|"
    r"safe to say|would not be surprised)\b",
    matches=["The new season will likely arrive in 2026.",
             "We expect the cast to return.",
             "Filming may start in the spring.",
             "A spring premiere is now considered the most plausible.",
             "Our money is on Mara Quill coming back."],
    rejects=["The new season arrives in May 2026.",
             "Filming started in May.",
             "The much-anticipated sequel arrives in May 2026."],
    why="the writer's own hedge, guess or wish: the claim is speculation")
DENIAL_RULE = rule(
    "certainty.denied", "certainty",
    r"\b(denied|denies|deny|refuted|dismissed (the )?(reports?|rumou?rs?)|"
    r"(nothing|no decision)\b[^.;]{0,60}\b(decided|confirmed|finali[sz]ed|set in stone)|"
    r"(has|have|is|are) not been (decided|finali[sz]ed|offered|cast)|not true|false reports?|untrue|"
    r"(is|are|was) not (involved|attached|part of)|shot (that|it|the reports?|the rumou?rs?) down|"
    r"(is|are) (still )?(reviewing|considering) the (offer|role)|no plans to)\b",
    matches=["Her agency denied the casting report.",
             "Nothing about the release has been decided yet.",
             "The actor is still considering the offer."],
    rejects=["Her agency confirmed the casting report."],
    why="a party rejects the claim, or says it is not settled")
ATTRIBUTION_RULE = rule(
    "certainty.attributed", "certainty",
    r"\b(?:told|according to|in an interview with|speaking to|said to|reported by|a report by|reports? from)\s+"
    r"(?:the\s+)?(?:(?:South Korean|Korean|US|American|British|entertainment) )?(?:media outlet,?\s+|outlet,?\s+)?"
    r"((?:[A-Z][\w.&'-]*\s?){1,4})",
    flags=0,
    matches=["The director told Variety that the script is done.",
             "The pilot was ordered, according to Deadline."],
    rejects=["The director told us nothing new."],
    why="the outlet or person a statement is credited to (the first capitalised words after the cue)")
SCOPE_BREAK_RULE = rule(
    "certainty.scope_break", "certainty",
    r"\b(but|however|although|though|while|whereas|meanwhile|yet)\b|;|"
    r"\band (it|they|he|she|we|fans|viewers|the \w+) (is|are|was|were|has|have|will|had)\b",
    matches=["Netflix confirmed the cast, but the date is unknown.",
             "We expect a late start, and the show will arrive in 2026."],
    rejects=["Netflix revealed the show will return in two parts, each with four episodes."],
    why="where an announcement's or a hedge's scope ends: a contrast or a new clause with its own subject")
# "While Netflix announced X, Y": a subordinate clause's verb does not govern the main clause
# ("If X, Y" is different: the condition makes Y speculation)
SUBORDINATE = folded(r"\W*(while|although|though|whereas|as|after|before|since|when|once|because|despite|given)\b")
# the plain patterns, for callers that only look
OFFICIAL, NEGATED_OFFICIAL, RUMOR = OFFICIAL_RULE.pattern, NEGATED_OFFICIAL_RULE.pattern, RUMOR_RULE.pattern
SPECULATION, DENIAL, _ATTRIBUTION = SPECULATION_RULE.pattern, DENIAL_RULE.pattern, ATTRIBUTION_RULE.pattern
SCOPE_BREAK = SCOPE_BREAK_RULE.pattern
_ATTRIBUTION_HINT = re.compile(r"told|according|interview|speaking|said to|report")
_PARTY = folded(_OFFICIAL_PARTY)
OFFICIAL_PARTY = folded(_OFFICIAL_PARTY + r"(?!\w)")   # a party named as a whole word

# --- platform ----------------------------------------------------------------------------------
PLATFORM_NAMED = rule(
    "platform.named", "platform",
    rf"(?<![\w+]){PLATFORM_RE}(?![\w+])",
    # names that are also ordinary words count only when written as names ("Max", not "max" or "MAX")
    vetoes=[veto(rf"^(?=(?i:{alt(CASE_SENSITIVE_PLATFORMS)})$)[a-z]", "match", flags=0),
            veto(r"^(?!Max$)(?i:max)$", "match", flags=0)],
    matches=["The series streams on Netflix from June.",
             "It moves to Max next year.",
             "Season one aired on tvN in Korea."],
    rejects=["Turn the volume to the max.",
             "The fox ran into the woods."],
    why="a streaming service or broadcaster named in the sentence (the platform lexicon)")


PLATFORM_SURNAME = rule(
    "platform.surname", "platform",
    rf"\b[A-Z][a-z]+\s+(?:{alt(n.title() for n in CASE_SENSITIVE_PLATFORMS)})\b|"
    rf"\b(?:{alt(n.title() for n in CASE_SENSITIVE_PLATFORMS)})\s+(?:will |would |is set to )?(?:play|plays|portrays?|stars?|as)\b",
    flags=0,
    matches=["The new cast includes Gemma Fox and Ian Hart.", "Fox plays a smuggler in the new season."],
    rejects=["The drama moves to Fox next year.", "It streams on HBO Max."],
    why="a platform name that is also a surname, written as one, is a person")


@lru_cache(maxsize=8192)
def certainty_of(clause: str, context: str = "") -> str:
    """`clause` is the words around the claim; `context` carries an attribution made earlier
    ("The insider revealed:" before a quoted line)."""
    if DENIAL.search(clause):
        return "denied"
    if RUMOR.search(clause) or RUMOR.search(context):
        return "rumor"
    official = None if NEGATED_OFFICIAL.search(clause) else OFFICIAL.search(clause)
    hedge = SPECULATION.search(clause)
    # "Netflix announced that it would ..." : a hedge inside the announced words stays official
    if official and (not hedge or official.start() < hedge.start()):
        return "official"
    if hedge:
        return "speculation"
    return "reported"


_CLAUSE_BREAK = re.compile(r"[;:—]|,\s+|\s[–-]\s")


def clause_at(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The comma-delimited stretch of `sentence` around [start, end)."""
    lo, hi = 0, len(sentence)
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


def certainty_at(sentence: str, start: int, end: int, context: str = "", floor: int = 0) -> str:
    """Certainty of the claim at sentence[start:end]: its own clause's wording first, then the
    words that lead up to it ("Netflix confirmed, in a statement, that ...")."""
    if RUMOR.search(sentence) and not DENIAL.search(sentence):
        return "rumor"  # an unnamed source stands behind the whole sentence
    lo, hi = clause_at(sentence, start, end)
    own = certainty_of(sentence[lo:hi], context)
    if own != "reported":
        return own
    lead = sentence[floor:lo].rstrip(" ,")
    if lo <= floor:
        return own
    # words before the clause carry over into reported speech: "X confirmed, ..., that ..."
    if lead.endswith(("that", ":")) or sentence[lo:hi].lstrip().startswith("that "):
        return certainty_of(lead, context)
    # ... and an announcement or a hedge governs the clauses after it until its scope ends:
    # "The studio revealed the drama will come back with a longer run, ten episodes, next spring"
    # (from the sentence's start: "Hulu said that the season, which had been set for May, will now debut in June")
    # (a cue may span clauses: "Blue Gate, the studio behind the drama, said ...")
    lead = sentence[:hi].rstrip(" ,")
    carried = certainty_of(lead, context)
    cue = OFFICIAL if carried == "official" else SPECULATION if carried == "speculation" else None
    if cue is not None and not SUBORDINATE.match(lead):
        last = None
        for m in cue.finditer(lead):
            if m.start() < start:
                last = m
        if last is not None and not SCOPE_BREAK.search(sentence, min(last.end(), start), start):
            return carried
    return own


def attribution_of(sentence: str) -> str | None:
    m = _ATTRIBUTION.search(sentence) if _ATTRIBUTION_HINT.search(sentence) else None
    if m:
        return m.group(1).strip(" ,.")
    m = RUMOR.search(sentence)
    if m:
        return m.group(0)
    m = _PARTY.search(sentence)
    if m and OFFICIAL.search(sentence):
        return m.group(0)
    return None


def platform_matches(sentence: str) -> list[re.Match]:
    """Where a sentence names a platform (rule platform.named), people's surnames left out."""
    found = list(PLATFORM_NAMED.finditer(sentence))
    if found and any(m.group(0).lower() in CASE_SENSITIVE_PLATFORMS for m in found):
        people = [p.span() for p in PLATFORM_SURNAME.pattern.finditer(sentence)]
        found = [m for m in found if not any(a <= m.start() < b for a, b in people)]
    return found


def platforms_in(sentence: str) -> list[str]:
    """The platforms a sentence names, in order."""
    return [PLATFORMS[m.group(0).lower()] for m in platform_matches(sentence)]


# --- certainty from the article: an announcement frames what follows it -----------------------
ANNOUNCEMENT = rule(
    "certainty.announcement", "certainty",
    rf"{_OFFICIAL_PARTY}[^.;]{{0,60}}?\b(announced|confirmed|revealed|unveiled|said|has set)\b|"
    r"\b(teaser|trailer|video|clip|announcement|statement)\b[^.;]{0,40}\b(unveiled|revealed|confirmed|announced)\b",
    matches=["Netflix revealed the new cast at its fan event on Saturday.",
             "The studio confirmed the details in a statement.",
             "A short video revealed the villain's face."],
    rejects=["Fans revealed their theories online."],
    why="a report of an announcement: the plain statements after it in the same paragraph are its content")
SPOKESPERSON = rule(
    "certainty.spokesperson", "certainty",
    rf"(?:{alt(PLATFORM_NAMES)}|the network's|the studio's|the streamer's)\s+(?i:executive|chief|boss|head|president|CEO|"
    r"chairman|programming chief|content chief|co-CEO)\s+(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){1,2})|"
    r"\b(?i:showrunner|creator|co-creator|executive producer)\s+(?P<maker>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){1,2})",
    flags=0,
    matches=["The date comes from Peacock chief Dana Holt, who spoke at a panel.",
             "Showrunner Lee Ann Park wrote the finale."],
    rejects=["Fan Dana Holt spoke at a panel."],
    why="a person who speaks for the show, named with the role once: later 'Holt said ...' is official")
_ROLE_HINT = folded(r"xecutive|chief|boss|head|resident|CEO|hairman|creator|showrunner|producer")
_SPEAKS = r"\s+(?:also\s+|later\s+|has\s+|had\s+)?(?:said|says|mentioned|confirmed|revealed|announced|noted|added|explained|told)\b"


_WILL = folded(r"\b(will|is set to|are set to)\b")


def in_article(ctx, i: int, start: int, end: int, floor: int = 0) -> str:
    """Certainty of a claim in sentence i from its own words, then from the article (`framed`)."""
    own = ctx.certainty(i, start, end, floor)
    return "official" if own == "reported" and framed(ctx, i) else own


def framed(ctx, i: int) -> bool:
    """A plain statement in sentence i stands inside an official frame: it follows an
    announcement in the same paragraph ("Netflix revealed the cast at its event. The new season
    stars A and B."), or a spokesperson named earlier says it ("HBO chief Dana Holt ... Holt also
    said filming has wrapped"). What the season will be ("It will have six episodes") stays
    framed for two paragraphs after the announcement."""
    s = ctx.sentence_text(ctx.sents[i])
    speakers = ctx.once(("speakers",), lambda: _speakers(ctx))
    if speakers and speakers.search(s):
        return True
    sent = ctx.sents[i]
    reach, back = (2, 8) if _WILL.search(s) else (0, 3)
    for j in range(i - 1, max(-1, i - 1 - back), -1):
        prev = ctx.sents[j]
        if prev.passage < sent.passage - reach:
            break
        p = ctx.sentence_text(prev)
        if speakers and speakers.search(p):
            return True   # the spokesperson goes on speaking
        mood = certainty_of(p)
        if mood == "official" and ANNOUNCEMENT.pattern.search(p):
            return True
        if mood != "reported":
            break   # a hedge or a rumour in between: the frame does not reach this far
    return False


def _speakers(ctx) -> re.Pattern | None:
    names = set()
    for sent in ctx.sents:
        s = ctx.sentence_text(sent)
        if not _ROLE_HINT.search(s):
            continue
        for m in SPOKESPERSON.pattern.finditer(s):
            name = m.group("name") or m.group("maker")
            names.update({name, name.split()[-1]})
    if not names:
        return None
    return re.compile(rf"\b{alt(names)}{_SPEAKS}")
