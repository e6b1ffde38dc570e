"""When the season comes out (release), when earlier seasons came out (premiere), how many episodes."""
from __future__ import annotations

import re

from ..timex import TimeMatch, normalize
from ..titles import season_number
from .certainty import clause_at
from .context import Ctx, claimable

_RELEASE_CUE = re.compile(
    r"\b(releas\w*|premier\w*|arriv\w*|com(e|es|ing) (out|back|to)|coming|return\w*|debut\w*|air(s|ed|ing)?|"
    r"drop\w*|launch\w*|roll(ed)? out|hit(s|ting)? (screens|netflix|the platform)|on screens|see new episodes|"
    r"new episodes|headed back|back to screens|slated|set (for|to)|scheduled|postpon\w*|delay\w*|push\w*|"
    r"out in|expect\w*|anticipat\w*|due|stream\w*|available|bow\w*|window|will return|returns? (in|on|to screens)|"
    r"(season|episodes) (in|by))\b", re.I)
_PAST_RELEASE = re.compile(r"\b(was|were|got|had been)\s+(first\s+)?(released|premiered|launched|aired|dropped)\b|"
                           r"\b(premiered|debuted|aired|dropped|arrived|launched|came out|hit (screens|netflix))\b", re.I)
_MOVED_TO = re.compile(r"\b(postpon\w*|delay\w*|push\w*( back)?|mov\w*|reschedul\w*|bump\w*)\s+(to|until|into|till|for)\s*$", re.I)
_EARLIER = re.compile(r"\b(initially|originally|previously|at first|first|earlier)\b[^.;]{0,80}$|"
                      r"\b(was|had been|had|were) (supposed|meant|due|planned|set|slated|scheduled|expected|promised|pencil+ed in) (to|for)?\b[^.;]{0,60}$", re.I)
# a date tied to another event: "completed filming in 2024", "wrapped in October"
_OTHER_EVENT = re.compile(r"\b(completed|wrapped|finished|began|started|filmed|shot|renewed|announced|unveiled|"
                          r"reconvene|got under way|kicked off|casting|reading|gathered|met)\b[^.;,]{0,40}$|"
                          r"\b(trailer|teaser|poster|first look|shooting|filming|the shoot|cameras?)\b[^.;,]{0,25}$", re.I)
# "In December, outlets reported that ...": a date that frames the reporting, not the release
_FRAMING = re.compile(r"^\W*(?:in|on|by|since|back in|as of|earlier|later)?\s*$", re.I)
_REPORTING = re.compile(r"^,\s*[^,]{0,60}?\b(reported|said|announced|confirmed|revealed|told|wrote|claimed|noted|added)\b", re.I)
_TARGET = re.compile(r"\b(new|next|upcoming|second|third|fourth|another|latest) (season|instal+ment)\b|"
                     r"\bseason ([2-9]|1\d)\b", re.I)
_MOVED_FROM = re.compile(r"\b(postpon\w*|delay\w*|push\w*( back)?|mov\w*|reschedul\w*|bump\w*|shift\w*)\s*(from\s*)?$", re.I)
_FROM = re.compile(r"\bfrom\s*$", re.I)
_NOT_VALUE = re.compile(r"\b(as of|since|until now|so far in|in an interview in|back in|during|date|dated|published|"
                        r"posted|updated)\s*:?\s*$|\b(was|were|been|got) (renewed|announced|confirmed|revealed|"
                        r"reported|ordered|greenlit|picked up|officially renewed)( \w+)? (in|on|during|back in)\s*$", re.I)
_NUMBER = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
           "seventeen": 17, "eighteen": 18, "twenty": 20, "twenty-four": 24}
_EPISODES = re.compile(r"\b(\d{1,2}|" + "|".join(sorted(_NUMBER, key=len, reverse=True)) +
                       r")(?:[\s-]+(?:new|total|full|hour-long|\w+-minute|long))?[\s-]+episodes?\b", re.I)
_PAST_TENSE = re.compile(r"\b(was|were|had|featured|consisted|comprised|spanned|ran|contained|included|aired|directed|"
                         r"wrote|written|starred|premiered|released|dropped|rolled out|made|filmed|shot)\b", re.I)

_PRODUCTION_CLAUSE = re.compile(r"\b(filming|shooting|the shoot|cameras?|production|script|casting|wrap\w*|principal photography)\b", re.I)
_PRODUCTION_VERB = re.compile(r"\b(roll\w*|shoot\w*|film\w*|begin\w*|began|start\w*|resum\w*|wrap\w*|cameras?)\b", re.I)
_RELEASE_WORDS = re.compile(r"\b(releas\w*|premier\w*|air\w*|screens?|return\w*|arriv\w*|launch\w*|debut\w*|episodes?|"
                            r"stream\w*|out|drop\w*|bow\w*|target\w*|window|date|slot|goal|aim\w*)\b", re.I)
_RULED_OUT = re.compile(r"\b((now )?(looks|seems|is|appears) (increasingly )?unlikely|(has been|was|is) ruled out|"
                        r"lower (their|your|our) expectations|(should|shouldn't|should not) (hold their breath|count on)|"
                        r"(is|looks) off the table|won't happen|will not happen|no longer (possible|realistic|likely))\b", re.I)
_RELEASE_NOUN = re.compile(r"\s*(premiere|release|debut|return|launch|date|window|arrival|bow|drop|comeback)", re.I)
_ATTRIBUTIVE = re.compile(r"\b(its|their|the|this|a|his|her)\s*$", re.I)


def extract(ctx: Ctx) -> None:
    target = ctx.subject.season
    season_context: int | None = None
    last_passage = -1
    for i, sent in enumerate(ctx.sents):
        s = ctx.sentence_text(sent)
        if sent.passage != last_passage:
            season_context, last_passage = None, sent.passage
        low = s.lower()
        named = ctx.season_in(s) if ("season" in low or "series" in low or "instal" in low) else None
        if named:
            season_context = named
        if not claimable(sent, s) or not ctx.about_subject(sent):
            continue
        if _RELEASE_CUE.search(s):
            _release(ctx, i, s, target)
        if "episode" in low:
            _episodes(ctx, i, s, target, named or season_context)


def _release(ctx: Ctx, i: int, s: str, target: int | None) -> None:
    sent = ctx.sents[i]
    times = [t for t in ctx.times(sent) if not _NOT_VALUE.search(s[:t.start])
             and not (_ATTRIBUTIVE.search(s[:t.start]) and not _RELEASE_NOUN.match(s[t.end:]))
             and not _OTHER_EVENT.search(s[:t.start]) and not re.match(
                 r"\s+(?:[A-Z]\w+\s+)*(?:showcase|lineup|line-up|slate|event|awards?|festival|edition|novel|book|film|"
                 r"movie|webtoon|comic|series|drama|hit|memoir|play)\b", s[t.end:])]
    times = [t for t in times if not (_FRAMING.match(s[:t.start]) and _REPORTING.match(s[t.end:]))]
    times = [u for t in times for u in _split_move(s, t)]
    if not times or not _RELEASE_CUE.search(s):
        return
    named = ctx.season_in(s)
    floor = 0
    for k, t in enumerate(times):
        left = s[floor:t.start]
        clause_left = s[max(0, t.start - 90):t.start]
        if t.value.lo[:4] < "1990":
            continue
        ordinal = re.search(r"\bthe (first|second|third|fourth|fifth)\b(?! (half|quarter))", left)
        here = season_number(ordinal.group(1)) if ordinal else named
        earlier_season = here is not None and target is not None and here < target and not ctx.about_target(left) \
            and (k == 0 or ordinal is not None or bool(_PAST_RELEASE.search(left)))
        # a second date in the sentence needs its own verb ("premiered April 12 and ... this spring")
        past = _PAST_RELEASE.search(clause_left if floor == 0 else left) and not _MOVED_TO.search(clause_left)
        before_doc = ctx.ref is None or t.value.hi <= (ctx.ref + "-01-01")[:10]
        if ctx.ref and before_doc and not past and not earlier_season and not _EARLIER.search(left) \
                and not re.search(r"\b(set|slated|scheduled|planned|due|expected|supposed|targeted|pencil+ed)\b", left, re.I):
            continue  # a window already over when the article was written is no release plan
        if earlier_season and not _PAST_RELEASE.search(clause_left) and t.start > 0:
            continue  # a date of something else about the first season ("renewed in January 2023, weeks after ...")
        if earlier_season or (past and before_doc and not ctx.about_target(s)):
            season = here if earlier_season else (target - 1 if target and target > 1 else target)
            ctx.add("premiere", {"value": t.value.edtf, "season": season}, sent, "reported", rule="premiere.past_release",
                    season=season, historical=bool(target and season and season < target))
            floor = t.end
            continue
        later = [u for u in times[k + 1:] if _MOVED_TO.search(s[t.end:u.start]) or
                 re.search(r"\b(later|then|now|but)\b", s[t.end:u.start], re.I)]
        superseded = bool(_EARLIER.search(left) or (later and (_FROM.search(s[:t.start]) or _MOVED_TO.search(s[t.end:later[0].start]) or _EARLIER.search(left))))
        lo, hi = clause_at(s, t.start, t.end)
        if _PRODUCTION_CLAUSE.search(s[lo:hi]) and not _RELEASE_WORDS.search(s[lo:hi]) \
                and _PRODUCTION_VERB.search(s[max(lo, t.start - 35):t.start]):
            floor = t.end
            continue  # "cameras had been due to roll this autumn": a production date
        if _RULED_OUT.search(s[t.end:t.end + 80]):
            floor = t.end
            continue  # "a late 2024 premiere ..., but that now looks unlikely"
        certainty = ctx.certainty(i, t.start, t.end, floor)
        if certainty == "denied" and not re.search(r"\b(release|premiere|date|window)\w*", s, re.I):
            certainty = "reported"  # a denial about something else in the sentence
        ctx.add("release", {"value": t.value.edtf, "lo": t.value.lo, "hi": t.value.hi}, sent, certainty,
                superseded=superseded, rule="release.window")
        floor = t.end


def _split_move(s: str, t):
    """"moved from 2025 to 2026" is two values, not the range 2025-2026."""
    m = re.fullmatch(r"(?:from\s+)?(.+?)\s+(?:to|until|into|till)\s+(.+)", t.text)
    if not m or not _MOVED_FROM.search(s[:t.start]):
        return [t]
    first, second = normalize(m.group(1)), normalize(m.group(2))
    if not first or not second:
        return [t]
    a = t.start + (t.text.index(m.group(1)))
    b = t.start + t.text.rindex(m.group(2))
    return [TimeMatch(a, a + len(m.group(1)), m.group(1), first), TimeMatch(b, b + len(m.group(2)), m.group(2), second)]


def _episodes(ctx: Ctx, i: int, s: str, target: int | None, season_context: int | None) -> None:
    sent = ctx.sents[i]
    for m in _EPISODES.finditer(s):
        word = m.group(1).lower()
        count = int(word) if word.isdigit() else _NUMBER.get(word)
        if not count or count > 100:
            continue
        left = s[:m.start()]
        if re.search(r"\b(the first|first|opening|final|last|one of the|with|directed|wrote|penned|helmed|scripted)\s*$", left, re.I) or \
                re.match(r"\s+(premiering|dropping|arriving|debuting|released|airing|at once)\b", s[m.end():], re.I):
            continue  # "the first two episodes", "two episodes premiering on ...": part of a season, not its size
        future = re.search(r"\b(will|would|is set to|are set to|to have|slated|new season|upcoming)\b", s, re.I)
        near = re.match(r"[\w\s-]{0,12}?\b(first|debut|second|third|fourth)\s+(run|season|series|outing|instal+ment)\b", s[m.end():], re.I)
        season = season_number(near.group(1)) if near else season_context
        if season is None:  # a count told in the past tense belongs to a season already out
            past = _PAST_TENSE.search(s) and not future and not ctx.about_target(s)
            season = target - 1 if past and target and target > 1 else target
        historical = bool(target and season and season < target)
        certainty = "reported" if historical else ctx.certainty(i, m.start(), m.end())
        ctx.add("episodes", {"value": count, "season": season}, sent, certainty, season=season, historical=historical,
                rule="episodes.count")
