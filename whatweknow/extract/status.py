"""Renewal, production stage, trailer and platform: short statements recognised by their wording."""
from __future__ import annotations

import re

from . import Ctx, claimable
from .certainty import NEGATED_OFFICIAL, certainty_of, clause_at, platforms_in

_SEASON = r"(?:(?:a|another|the) )?(?:second|third|fourth|fifth|new|next|\d+(?:st|nd|rd|th)) (?:season|series|instal+ment)|season \d+"
_RENEWED = re.compile(
    rf"\brenew(ed|al|s|ing)?\b|\b(re)?commission(ed|s)?\b[^.]{{0,40}}\b(second|third|new|another|\d+(st|nd|rd|th))\s+(season|series)|\brecommissioned\b|\bgreen-?lit\b|\bgreenlight\w*|\bpicked up for\b|\bordered (a |another )?({_SEASON})|"
    rf"\b(come|coming|be) back (with|for) ({_SEASON})|\b({_SEASON}) (is|was|has been) (officially )?(confirmed|happening|announced|a go)|"
    rf"\bconfirmed (that )?[^.]{{0,80}}\b(will (come back|return)|({_SEASON}))|\b(is|are) getting ({_SEASON})|"
    rf"\b(followed up|back) (by|for|with) ({_SEASON})|\bofficially confirmed\b|\b({_SEASON}) (is )?in the works\b",
    re.I)
_CANCELLED = re.compile(r"\b(cancel+ed|axed|scrapped|pulled the plug|(show|series|it|drama) (will not|won't) (be )?return|not (be )?renewed for|"
                        r"(no|won't get a|will not get a) (second|third|new|another) season|ended after (one|two|three|\d) seasons?)\b", re.I)
_NOT_YET = re.compile(r"\b(has|have|had)(n't| not)( yet)? (been )?(officially )?renew|\b(yet to|not yet) (be )?(officially )?renew|"
                      r"\bno (word|news|announcement) (on|about|of) (a )?(renewal|season \d|second season)|"
                      r"\bnot (been )?(officially )?renewed\b|\bwhether\b[^.]{0,60}\brenew", re.I)
_ANY_RENEWAL = re.compile(r"renew|commission|cancel|\baxed|scrap|green|picked up|order|back|confirm|happening|a go\b|getting|"
                          r"followed up|in the works|plug|return", re.I)
_ANY_STAGE = re.compile(r"film|shoot|product|camera|wrap|post-|pre-|delay|postpon|push|hold|halt|suspend|develop|works|"
                        r"script|casting|\bset\b|early stages", re.I)
_MODAL = re.compile(r"\b(may|might|could|would|likely|possibly|perhaps|hopefully|if|whether|usually|typically|"
                    r"often|generally|tends? to)\b", re.I)

_NEG = r"(?:not|\w+n't|no|yet to|never)"
PRODUCTION = [  # order matters: the first stage that matches a clause wins
    ("postponed", re.compile(r"\b(postpone(d|ment|s)?|delay(ed|s)?|pushed back|put on hold|halted|suspended)\b", re.I)),
    ("post_production", re.compile(r"\b(is|are|now|currently|deep|well) in(to)? post-?production\b|\bpost-?production (is|has) (underway|begun|started)|"
                                   r"\b(entered|moved into|begun|began) post-?production\b", re.I)),
    ("wrapped", re.compile(r"\b(wrapped( up)? (filming|production|shooting)|(filming|production|shooting|shoot|cast and crew|cameras) (has |have |had )?(officially )?wrapped|"
                           r"(finished|completed|concluded|ended|ending) (filming|shooting|production|the shoot|a shoot)|filming is (now )?(complete|over|done))\b", re.I)),
    ("pre_production", re.compile(rf"\bpre-?production\b|\b(filming|shooting|production|cameras?)\b[^.]{{0,30}}\b(has|have|had|is|are)?\s*{_NEG}\b[^.]{{0,15}}\b(begun|started|start|begin|rolling|underway|commenced)|"
                                  rf"\b(has|have|had)n't (yet )?(started|begun) (filming|shooting)|\b(haven't|hasn't|have not|has not|not yet|yet to) (started |begun |begin |start )?(filming|shooting)\b|"
                                  r"\bcasting (is|has) (underway|begun|started)|\b(script|scripts) (is|are) being written", re.I)),
    ("filming", re.compile(r"\b((began|begun|started|commenced|kicked off|has started|have started) (filming|shooting|production|principal photography)|"
                           r"(filming|shooting|production|principal photography) (has |have |had )?(officially )?(began|begun|started|commenced|kicked off|is underway|underway)|"
                           r"(is|are) (currently |now )?(filming|shooting)|cameras (are |started )?rolling|currently in production|on set|"
                           r"(filming|shooting|the shoot|production)\b[^.]{0,60}\b(is|are) (now |finally |officially )?(under ?way|in progress))\b", re.I)),
    ("in_development", re.compile(r"\b(in (early )?development|in the works|early (stages of )?(production|development)|being developed|"
                                  r"in the early stages)\b", re.I)),
]
_TRAILER = re.compile(r"\b(trailer|teaser)s?\b", re.I)
_TRAILER_NONE = re.compile(rf"\b{_NEG}\b[^.]{{0,40}}\b(trailer|teaser)|\b(trailer|teaser)\b[^.]{{0,30}}\b{_NEG}\b|"
                           r"\bwait\w*[^.]{0,40}\b(for|on) (a|the) (trailer|teaser)|\buntil\b[^.]{0,40}(trailer|teaser)|"
                           r"\b(will|to) (release|drop|share|unveil) (a|the|its) (trailer|teaser)", re.I)
_TRAILER_OUT = re.compile(r"\b(came|arrived|comes|arrives) (with|alongside) (a|the|its)\s+([\w-]+\s+){0,3}(trailer|teaser)|\b(trailer|teaser)\b[^.]{0,40}\b(released|dropped|unveiled|arrived|is out|debuted|revealed|shared|landed)|"
                          r"\b(released|dropped|unveiled|shared|revealed|debuted|did release|did drop|has released|have released) (a|the|its|an official|the first|a first|a new)\s+([\w-]+\s+)?(trailer|teaser)", re.I)


def extract(ctx: Ctx) -> None:
    platforms: dict[str, list[int]] = {}
    for i, sent in enumerate(ctx.sents):
        s = ctx.sentence_text(sent)
        if not claimable(sent, s) or not ctx.about_subject(sent):
            continue
        # one cheap look per slot before its many specific patterns
        if _ANY_RENEWAL.search(s):
            _renewal(ctx, i, s)
        if _ANY_STAGE.search(s):
            _production(ctx, i, s)
        if "trailer" in s.lower() or "teaser" in s.lower():
            _trailer(ctx, i, s)
        found = platforms_in(s)
        if found and (ctx.mentions_subject(sent) or re.search(r"\b(on|to|for|at|by) (the streaming (service|platform|giant) )?\w+\b", s)):
            for p in found:
                platforms.setdefault(p, []).append(i)
    if platforms:  # the platform the article keeps naming; another in passing is not the show's
        best = max(platforms, key=lambda p: len(platforms[p]))
        for i in platforms[best]:
            s = ctx.sentence_text(ctx.sents[i])
            ctx.add("platform", {"value": best}, ctx.sents[i], certainty_of(s) if certainty_of(s) == "official" else "reported")


def _renewal(ctx: Ctx, i: int, s: str) -> None:
    sent = ctx.sents[i]
    cancelled = _CANCELLED.search(s)
    if cancelled:
        lead = s[max(0, cancelled.start() - 60):cancelled.start()]
        # "has not been cancelled", "claimed that it had been scrapped", "reports that ... are untrue"
        if not (_MODAL.search(s) or re.search(rf"\b{_NEG}\b|\b(claim\w*|rumou?r\w*|reports? that|feared|worried|speculat\w*)\b", lead, re.I)
                or re.search(r"\b(untrue|false|denied|deny|denies)\b", s, re.I)):
            ctx.add("renewal", {"value": "cancelled", "date": None}, sent, ctx.certainty(i, 0, len(s)))
        return
    if _NOT_YET.search(s):
        ctx.add("renewal", {"value": "not_announced", "date": None}, sent, "reported")
        return
    m = _RENEWED.search(s)
    if not m or re.search(r"\b(if|whether|when|hope\w*|could|might)\b[^.]{0,40}$", s[:m.start()], re.I) \
            or re.search(r"\b(usually|typically|often|generally|always)\b", s, re.I):
        return
    if NEGATED_OFFICIAL.search(s[max(0, m.start() - 40):m.end()]) and "renew" not in m.group(0).lower():
        return
    date = None
    lo, hi = clause_at(s, m.start(), m.end())
    for t in ctx.times(sent):
        if ctx.ref and lo <= t.start < hi and "/" not in t.value.edtf:
            date = ctx.past(t.value).edtf[:7]
            break
    if date is None and ctx.ref and re.search(r"\b(recently|today|this week|just|has (officially )?(announced|confirmed|renewed))\b", s, re.I):
        date = ctx.ref[:7]
    ctx.add("renewal", {"value": "renewed", "date": date}, sent, ctx.certainty(i, m.start(), m.end()))


def _production(ctx: Ctx, i: int, s: str) -> None:
    sent = ctx.sents[i]
    found = set()
    for stage, pattern in PRODUCTION:
        m = pattern.search(s)
        if not m or any(m.start() < b and m.end() > a for a, b in found):
            continue
        lead = s[max(0, m.start() - 50):m.start()]
        if stage not in ("pre_production",) and (re.search(rf"\b{_NEG}\b|\bwhether\b|\bif\b", lead, re.I) or _MODAL.search(lead)):
            continue  # "no confirmation of filming", "there may be delays"
        if stage == "postponed" and not re.search(r"\b(season|release|filming|production|shoot|premiere|it|show|series)\b", s, re.I):
            continue
        certainty = ctx.certainty(i, m.start(), m.end())
        ctx.add("production", {"value": stage, "date": ctx.ref}, sent, certainty)
        found.add((m.start(), m.end()))


def _trailer(ctx: Ctx, i: int, s: str) -> None:
    if not _TRAILER.search(s):
        return
    sent = ctx.sents[i]
    out = _TRAILER_OUT.search(s)
    if out and not re.search(rf"\b{_NEG}\b|\b(will|until|when|before|once|yet to)\b", s[max(0, out.start() - 40):out.end()], re.I):
        value = "teaser" if re.search(r"\bteaser\b", s, re.I) and not re.search(r"\btrailer\b", s, re.I) else "released"
        ctx.add("trailer", {"value": value}, sent, ctx.certainty(i, 0, len(s)))
    elif _TRAILER_NONE.search(s):
        # an absence stated plainly ("no trailer yet") is reported even when softened
        hedged = re.search(r"\b(may|might|could|likely|probably)\b", s, re.I) and not re.search(rf"\b{_NEG}\b", s, re.I)
        ctx.add("trailer", {"value": "none"}, sent, "speculation" if hedged else "reported")
