"""Renewal, production stage, trailer and platform: short statements recognised by their wording."""
from __future__ import annotations

import re

from ..lexicon import NEG_RE, PLATFORM_RE, PLATFORMS
from ..rules import gate, rule, veto, folded
from .certainty import NEGATED_OFFICIAL, PLATFORM_NAMED, certainty_of, clause_at, in_article, platform_matches
from .context import Ctx, claimable
from .release import season_before

_SEASON = r"(?:(?:a|another|the) )?(?:second|third|fourth|fifth|new|next|\d+(?:st|nd|rd|th)) (?:season|series|instal+ment)|season \d+"
_MODAL = folded(r"\b(may|might|could|would|likely|possibly|perhaps|hopefully|if|whether|usually|typically|"
                    r"often|generally|tends? to)\b")

# --- renewal ------------------------------------------------------------------------------
CANCELLED = rule(
    "renewal.cancelled", "renewal",
    r"\b(cancel+ed|axed|scrapped|pulled the plug|(show|series|it|drama) (will not|won't) (be )?return|not (be )?renewed for|"
    r"(no|won't get a|will not get a) (second|third|new|another) season|ended after (one|two|three|\d) seasons?)\b",
    vetoes=[veto(_MODAL),
            veto(rf"\b{NEG_RE}\b|\b(claim\w*|rumou?r\w*|reports? that|feared|worried|speculat\w*)\b", "before", 60),
            veto(rf"\b{NEG_RE}\b[^,.;]*$", "before", 120),
            veto(r"\b(untrue|false|denied|deny|denies)\b")],
    matches=["The network cancelled the comedy after a single run.",
             "The drama ended after two seasons.",
             "Sadly the show will not return for a third outing."],
    rejects=["Reports that the series had been cancelled are untrue.",
             "Fans feared it had been axed.",
             "The series could be cancelled if ratings fall.",
             "The network never said the comedy was cancelled."],
    why="a cancellation stated as fact; hedged, denied or reported-as-rumour ones are not")
NOT_YET = rule(
    "renewal.not_announced", "renewal",
    r"\b(has|have|had)(n't| not)( yet)? (been )?(officially )?renew|\b(yet to|not yet) (be )?(officially )?renew|"
    r"\bno (word|news|announcement) (on|about|of) (a )?(renewal|season \d|second season)|"
    r"\bno (official )?(word|news|announcement|confirmation|update)\b[^.]{0,60}\brenew|"
    r"\bnot (been )?(officially )?renewed\b|\bwhether\b[^.]{0,60}\brenew",
    matches=["The thriller has not yet been renewed.",
             "There is no word on a second season so far.",
             "Fans wonder whether the streamer will renew it.",
             "There is still no official update about a renewal."],
    rejects=["The thriller was renewed in May."])
RENEWED = rule(
    "renewal.renewed", "renewal",
    rf"\brenew(ed|al|s|ing)?\b|\b(re)?commission(ed|s)?\b[^.]{{0,40}}\b(second|third|new|another|\d+(st|nd|rd|th))\s+(season|series)|\brecommissioned\b|\bgreen-?lit\b|\bgreenlight\w*|\bpicked up for\b|\bordered (a |another )?({_SEASON})|"
    rf"\b(come|coming|be) back (with|for) ({_SEASON})|\b({_SEASON}) (is|was|has been) (officially )?(confirmed|happening|announced|a go)|"
    rf"\bconfirmed (that )?[^.]{{0,80}}\b(will (come back|return)|({_SEASON}))|\b(is|are) getting ({_SEASON})|"
    rf"\b(followed up|back) (by|for|with) ({_SEASON})|\bofficially confirmed\b|\b({_SEASON}) (is )?in the works\b|"
    rf"\b(confirmed|announced) (the )?production of (({_SEASON})|seasons \d+ (and|&) \d+|[^.]{{0,60}}\b\d\b)",
    vetoes=[veto(r"\b(if|whether|when|hope\w*|could|might)\b[^.]{0,40}$", "before", 400),
            veto(r"\b(usually|typically|often|generally|always)\b")],
    matches=["Netflix renewed the drama for a second season in June.",
             "The BBC has recommissioned the crime drama.",
             "The series was picked up for a third season.",
             "Season 2 is officially happening.",
             "On June 15 the streamer confirmed the production of seasons 2 and 3."],
    rejects=["If the streamer renews it, filming could start next year.",
             "Streamers usually renew hits within a month."])
RENEWAL_GATE = gate(
    "renewal.gate",
    r"renew|commission|cancel|\baxed|scrap|green|picked up|order|back|confirm|happening|a go\b|getting|"
    r"followed up|in the works|plug|return|ended after|no (word|news|announcement)|whether",
    [CANCELLED, NOT_YET, RENEWED])
_RECENT = folded(r"\b(recently|today|this week|just|has (officially )?(announced|confirmed|renewed))\b")

# --- production ---------------------------------------------------------------------------
# a stretch of a clause with no negation in it
_UNNEGATED = r"(?:(?!\b(?:not|never|yet|hasn't|haven't|hadn't|isn't|wasn't)\b)[^.,;])"
# order matters: the first stage that matches a clause wins
PRODUCTION = [
    ("postponed", rule(
        "production.postponed", "production",
        r"\b(postpone(d|ment|s)?|delay(ed|s)?|pushed back|put on hold|halted|suspended)\b",
        gate=r"\b(season|release|filming|production|shoot|premiere|it|show|series)\b",
        # a delayed release date is a release claim: only production, filming or the shoot is postponed here
        vetoes=[veto(r"\b(release|premiere|debut|opening|launch)\b(?![^.]{0,60}\b(filming|production|shoot|shooting)\b)",
                     "sentence")],
        matches=["Filming of the new season was postponed because of the strike."],
        rejects=["The trains were delayed.", "The studio delayed the release date to March."])),
    ("post_production", rule(
        "production.post_production", "production",
        r"\b(is|are|now|currently|deep|well) in(to)? post-?production\b|\bpost-?production (is|has) (underway|begun|started)|"
        r"\b(entered|moved into|begun|began) (the )?post-?production\b|\b(being|be|been) (finished|completed) in post-?production\b|"
        r"\b(we're|we are|they're|they are|it's|it is|is|are) (still |now )?in the edit(ing (room|suite|bay))?\b|\bdoing ADR\b",
        matches=["The second season is now in post-production.", "We're still in the edit, the star said.",
                 "Editors say the episodes are still being completed in post-production.",
                 "The sequel entered post-production in May."],
        rejects=["Post-production houses are busy this year."])),
    ("wrapped", rule(
        "production.wrapped", "production",
        r"\b(wrapped( up)? (filming|production|shooting)|(filming|production|shooting|shoot|cast and crew|cameras) (has |have |had )?(officially )?wrapped|"
        r"(finished|completed|concluded|ended|ending) (filming|shooting|production|the shoot|a shoot)|filming is (now )?(complete|over|done)|"
        rf"(filming|shooting|the shoot)\b{_UNNEGATED}{{0,40}}\b(has |have |had )?(officially )?(wrapped|concluded))\b",
        matches=["Filming has wrapped on the second season.", "The cast finished filming last week.",
                 "Shooting on the sequel concluded before the holidays."],
        rejects=["Filming started in May."])),
    ("pre_production", rule(
        "production.pre_production", "production",
        rf"\bpre-?production\b|\b(filming|shooting|production|cameras?)\b[^.]{{0,30}}\b(has|have|had|is|are)?\s*{NEG_RE}\b[^.]{{0,15}}\b(begun|started|start|begin|rolling|underway|commenced)|"
        rf"\b(has|have|had)n't (yet )?(started|begun) (filming|shooting)|\b(haven't|hasn't|have not|has not|not yet|yet to) (started |begun |begin |start )?(filming|shooting)\b|"
        r"\bcasting (is|has) (underway|begun|started)|\b(script|scripts) (is|are) being written",
        matches=["Filming has not begun yet.", "The scripts are being written now.",
                 "The show is in pre-production."],
        rejects=["Filming began in March."])),
    ("filming", rule(
        "production.filming", "production",
        r"\b((began|begun|started|commenced|kicked off|has started|have started) (filming|shooting|production|principal photography)|"
        r"(filming|shooting|production|principal photography) (has |have |had )?(officially )?(began|begun|started|commenced|kicked off|is underway|underway)|"
        r"(is|are) (currently |now )?(filming|shooting)|cameras (are |started )?rolling|currently in production|on set|"
        r"(filming|shooting|the shoot|production)\b[^.]{0,60}\b(is|are) (now |finally |officially )?(under ?way|in progress)|"
        rf"(filming|shooting|principal photography)\b{_UNNEGATED}{{0,40}}\b(officially )?(began|begun|started|commenced|kicked off|"
        r"was under ?way|got under ?way))\b",
        matches=["Filming began in March in Seoul.", "The cast is currently shooting in Wales.",
                 "Principal photography on the sequel finally started last week."],
        rejects=["Filming wrapped in March."])),
    ("in_development", rule(
        "production.in_development", "production",
        r"\b(in (early )?development|in the works|early (stages of )?(production|development)|being developed|"
        r"in the early stages)\b",
        vetoes=[veto(r"\b(ideas|projects|spin-?offs?|sequel series|prequel series|other (shows|series))\b")],
        matches=["A second season is in early development."],
        rejects=["The second season premiered in June.",
                 "The network also has two spin-offs in the works."])),
]
PRODUCTION_GATE = gate(
    "production.gate",
    r"film|shoot|product|camera|wrap|post-|pre-|delay|postpon|push|hold|halt|suspend|develop|works|"
    r"script|casting|\bset\b|early stages|finished|completed|concluded|ended|ending|photograph|the edit|\bADR\b",
    [r for _, r in PRODUCTION])
# "no confirmation of filming", "there may be delays": a negation, "whether" or a hedge just before
_STAGE_VETO = folded(rf"\b{NEG_RE}\b|\bwhether\b|\bif\b")

# --- trailer ------------------------------------------------------------------------------
TRAILER_OUT = rule(
    "trailer.released", "trailer",
    r"\b(came|arrived|comes|arrives) (with|alongside) (a|the|its)\s+([\w-]+\s+){0,3}(trailer|teaser)|\b(trailer|teaser)\b[^.]{0,40}\b(released|dropped|unveiled|arrived|is out|debuted|revealed|shared|landed)|"
    r"\b(released|dropped|unveiled|shared|revealed|debuted|did release|did drop|has released|have released) (a|the|its|an official|the first|a first|a new)\s+([\w-]+\s+){0,3}(trailer|teaser)s?\b",
    gate=r"\b(trailer|teaser)s?\b",
    vetoes=[veto(rf"\b{NEG_RE}\b|\b(will|until|when|before|once|yet to)\b", "before", 40)],
    matches=["Netflix released the first teaser on Monday.", "The trailer dropped this morning.",
             "The studio released a couple of short trailers on Friday."],
    rejects=["Netflix will release a trailer before the premiere."])
TRAILER_NONE = rule(
    "trailer.none", "trailer",
    rf"\b{NEG_RE}\b[^.]{{0,40}}\b(trailer|teaser)|\b(trailer|teaser)\b[^.]{{0,30}}\b{NEG_RE}\b|"
    r"\bwait\w*[^.]{0,40}\b(for|on) (a|the) (trailer|teaser)|\buntil\b[^.]{0,40}(trailer|teaser)|"
    r"\b(will|to) (release|drop|share|unveil) (a|the|its) (trailer|teaser)",
    gate=r"\b(trailer|teaser)s?\b",
    matches=["There is no trailer yet.", "Fans are still waiting for a teaser."],
    rejects=["The teaser is a minute long."])
# a teaser, also when the text calls it a "teaser trailer" (and names no other trailer)
_TEASER_TRAILER = folded(r"\bteaser[\s-]+trailer")
_TRAILER_WORD = folded(r"\btrailer")
_TEASER_WORD = folded(r"\bteaser")
_HEDGED = folded(r"\b(may|might|could|likely|probably)\b")
_NEGATED = folded(rf"\b{NEG_RE}\b")
PLATFORM_HOME = rule(
    "platform.home", "platform",
    rf"(?<![\w+]){PLATFORM_RE}(?:'s|’s)\s+(?:[\w-]+\s+){{0,3}}?(?-i:[A-Z\"“])|\bthe {PLATFORM_RE}\s+(?:original\s+)?"
    rf"(?:series|show|drama|k-drama|thriller|comedy|hit|original|film|movie)\b|(?<![\w+]){PLATFORM_RE}\s+original\b",
    matches=["Netflix's hit thriller Harbor Lights returns next year.",
             "The Apple TV+ series Harbor Lights was renewed."],
    rejects=["Harbor Lights returns to Netflix next year.",
             "Harbor Lights, one of Netflix's biggest hits of the year, returns."],
    why="the show presented as the platform's own: the platform's word (official), when the sentence names the show")
# a platform named right after a preposition is where something airs ("on Netflix", "to the streamer Max")
_PLATFORM_CONTEXT = re.compile(r"\b(on|to|for|at|by|from|via) (the streaming (service|platform|giant) )?$")

def extract(ctx: Ctx) -> None:
    platforms: dict[str, list[int]] = {}
    for i, sent in enumerate(ctx.sents):
        s = ctx.sentence_text(sent)
        if not claimable(sent, s) or not ctx.about_subject(sent):
            continue
        # one cheap look per slot before its many specific patterns
        if RENEWAL_GATE.search(s):
            _renewal(ctx, i, s)
        if PRODUCTION_GATE.search(s):
            _production(ctx, i, s)
        if TRAILER_OUT.admits(s):
            _trailer(ctx, i, s)
        found = platform_matches(s)
        subject = found and ctx.mentions_subject(sent)
        for m in found:
            if subject or _PLATFORM_CONTEXT.search(s[:m.start()]):
                platforms.setdefault(PLATFORMS[m.group(0).lower()], []).append(i)
    if platforms:  # the platform the article keeps naming; another in passing is not the show's
        best = max(platforms, key=lambda p: len(platforms[p]))
        titles = [n.lower() for n in ctx.subject.names() if n]
        for i in platforms[best]:
            s = ctx.sentence_text(ctx.sents[i])
            # the platform's own show ("Netflix's X", "the HBO series X") is the platform's word
            home = PLATFORM_HOME.search(s) and any(t in s.lower() for t in titles)
            ctx.add("platform", {"value": best}, ctx.sents[i], "official" if home or certainty_of(s) == "official" else "reported",
                    rule=PLATFORM_HOME.name if home else PLATFORM_NAMED.name)


def _renewal(ctx: Ctx, i: int, s: str) -> None:
    sent = ctx.sents[i]
    cancelled = CANCELLED.pattern.search(s)
    if cancelled:
        if not CANCELLED.vetoed(s, cancelled):
            ctx.add("renewal", {"value": "cancelled", "date": None}, sent, in_article(ctx, i, 0, len(s)), rule=CANCELLED.name)
        return
    if NOT_YET.pattern.search(s):
        ctx.add("renewal", {"value": "not_announced", "date": None}, sent, "reported", rule=NOT_YET.name)
        return
    m = RENEWED.pattern.search(s)
    if not m or RENEWED.vetoed(s, m):
        return
    if NEGATED_OFFICIAL.search(s[max(0, m.start() - 40):m.end()]) and "renew" not in m.group(0).lower():
        return
    date = None
    lo, hi = clause_at(s, m.start(), m.end())
    for t in ctx.sentence_times(sent):
        if ctx.ref and lo <= t.start < hi and "/" not in t.value.edtf:
            date = ctx.past(t.value).edtf[:7]
            break
    if date is None and ctx.ref and _RECENT.search(s):
        date = ctx.ref[:7]
    ctx.add("renewal", {"value": "renewed", "date": date}, sent, in_article(ctx, i, m.start(), m.end()), rule=RENEWED.name)


def _production(ctx: Ctx, i: int, s: str) -> None:
    sent = ctx.sents[i]
    found = set()
    for stage, r in PRODUCTION:
        m = r.search(s)
        if not m or any(m.start() < b and m.end() > a for a, b in found):
            continue
        named = season_before(s, m.end())
        # "with a third season in the works" in an article about the second is the third's news
        later = named if named and ctx.subject.season and named > ctx.subject.season else None
        lead = s[max(0, m.start() - 50):m.start()]
        if stage != "pre_production" and (_STAGE_VETO.search(lead) or _MODAL.search(lead)):
            continue
        ctx.add("production", {"value": stage, "date": ctx.ref}, sent, in_article(ctx, i, m.start(), m.end()), rule=r.name,
                season=later)
        found.add((m.start(), m.end()))


def _trailer(ctx: Ctx, i: int, s: str) -> None:
    sent = ctx.sents[i]
    out = TRAILER_OUT.pattern.search(s)
    if out and not TRAILER_OUT.vetoed(s, out) and not re.search(rf"\b{NEG_RE}\b|\b(will|until|when|before|once|yet to)\b",
                                                                out.group(0), re.I):
        value = "teaser" if _TEASER_WORD.search(s) and not _TRAILER_WORD.search(_TEASER_TRAILER.sub("", s)) else "released"
        ctx.add("trailer", {"value": value}, sent, in_article(ctx, i, 0, len(s)), rule=TRAILER_OUT.name)
    elif TRAILER_NONE.pattern.search(s):
        # an absence stated plainly ("no trailer yet") is reported even when softened
        hedged = _HEDGED.search(s) and not _NEGATED.search(s)
        ctx.add("trailer", {"value": "none"}, sent, "speculation" if hedged else "reported", rule=TRAILER_NONE.name)
