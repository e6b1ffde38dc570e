"""When the season comes out (release), when earlier seasons came out (premiere), how many episodes.

A release claim is a time expression (timex, found once per document) in a sentence with a
release cue, unless one of the rules below says the date is of something else. Rules that end
in `$` read the words just before a date and rules that start with `^` the words just after it:
their examples are those words, not whole sentences."""
from __future__ import annotations

import re

from ..lexicon import NUMBER_WORDS, alt, number_of
from ..rules import rule, veto, folded
from ..timex import TimeMatch, interval, normalize
from ..titles import SEASON_ANY, season_number
from .certainty import clause_at, in_article
from .context import Ctx, claimable

# --- a release in a sentence --------------------------------------------------------------
RELEASE_WINDOW = rule(
    "release.window", "release",
    r"\b(releas\w*|premier\w*|arriv\w*|com(e|es|ing) (out|back|to)|coming|return\w*|debut\w*|air(s|ed|ing)?|"
    r"drop\w*|launch\w*|lands?|landing|roll(ed)? out|hit(s|ting)? (screens|netflix|the platform)|on screens|see new episodes|"
    r"new episodes|headed back|back to screens|slated|set (for|to)|scheduled|postpon\w*|delay\w*|push\w*|"
    r"out in|expect\w*|anticipat\w*|due|stream\w*|available|bow\w*|window|will return|returns? (in|on|to screens)|"
    r"(season|episodes) (in|by))\b",
    matches=["The new season arrives in June 2026.",
             "The sequel is slated for late 2025.",
             "Fans can expect the next chapter in the spring.",
             "Part one lands on the streamer in March."],
    rejects=["The cast gathered for a table read in March.",
             "The novel was a bestseller in 2019."],
    why="a sentence that speaks of a release: its dates are release windows unless a rule below says otherwise")
PAST_RELEASE = rule(
    "premiere.past_release", "premiere",
    r"\b(was|were|got|had been)\s+(first\s+)?(released|premiered|launched|aired|dropped)\b|"
    r"\b(premiered|debuted|aired|dropped|arrived|launched|landed|came out|hit (screens|netflix))\b|"
    r"^\W*(first\s+)?(released|launched|debuted)\s+(in|on)\b",
    matches=["The first season premiered in September 2021.",
             "Released in March 2021, the drama became a hit.",
             "Season one was released on Netflix in 2022.",
             "The show debuted to huge ratings."],
    rejects=["The second season premieres next year.",
             "The sequel will be released in 2026."],
    why="a release told in the past tense: an earlier season's premiere, not the coming one")

# --- the words before a date ----------------------------------------------------------------
MOVED_TO = rule(
    "release.moved_to", "release",
    r"\b(postpon\w*|delay\w*|push\w*( back)?|mov\w*|reschedul\w*|bump\w*)\s+(to|until|into|till|for)\s*$",
    matches=["The premiere has been pushed back to", "The release was delayed until"],
    rejects=["The premiere is set for"],
    why="the new date of a move: the current answer, and what the date before it was moved from")
EARLIER_PLAN = rule(
    "release.earlier_plan", "release",
    r"(?:\b(?:initially|originally|previously|at first|earlier)\b|(?<!the )(?<!its )\bfirst\b(?!\s+(?:half|part|two|three|episodes?)\b))"
    r"[^.;]{0,80}$|"
    r"\b(was|had been|had|were) (supposed|meant|due|planned|set|slated|scheduled|expected|promised|pencil+ed in) "
    r"(to|for)?\b[^.;]{0,60}$",
    matches=["The season was originally planned for", "It had been slated for", "It was first set for"],
    rejects=["The season is slated for", "The first part arrives in"],
    why="a plan the text says was the earlier one: a superseded window")
OTHER_EVENT = rule(
    "release.other_event", "release",
    r"\b(completed|wrapped|finished|began|started|filmed|shot|renewed|announced|unveiled|"
    r"reconvene|got under way|kicked off|casting|reading|gathered|met)\b[^.;,]{0,40}$|"
    r"\b(trailer|teaser|poster|first look|shooting|filming|the shoot|cameras?)\b[^.;,]{0,25}$",
    matches=["The cast wrapped filming in", "Netflix shared a teaser in", "The show was renewed in"],
    rejects=["The new season premieres in"],
    why="a date tied to another event (filming, an announcement, a trailer) is not a release window")
NOT_A_VALUE = rule(
    "release.not_a_value", "release",
    r"\b(as of|since|until now|so far in|in an interview in|back in|during|date|dated|published|"
    r"posted|updated)\s*:?\s*$|\b(was|were|been|got) (renewed|announced|confirmed|revealed|"
    r"reported|ordered|greenlit|picked up|officially renewed)( \w+)? (in|on|during|back in)\s*$|"
    r"\b(biggest|best|most \w+|top|hits?|shows?|dramas?|series|films?) of\s*((the|this|last)\s*)?$",
    matches=["This page was last updated:", "The sequel was announced back in", "Figures as of",
             "The show, among the top series of"],
    rejects=["The sequel arrives in"],
    why="a date that labels the page or times the announcement, not the release")
PLANNED = rule(
    "release.planned", "release",
    r"\b(set|slated|scheduled|planned|due(?!\s+to\s+(?:the|a|an|its|their|his|her|this|that|these|those)\b)|"
    r"expected|supposed|targeted|pencil+ed)\b",
    matches=["The series had been scheduled for", "The finale was due to air in"],
    rejects=["The series premiered in", "The gap is likely due to the strikes of"],
    why="a window already over when the article was written still counts when the text calls it the plan")
REPORTING_DATE = rule(
    "release.reporting_date", "release",
    r"^,\s*[^,]{0,60}?\b(reported|said|announced|confirmed|revealed|told|wrote|claimed|noted|added)\b",
    matches=[", several outlets reported that the show", ", the director said"],
    rejects=[", the show returns to screens"],
    why="'In May, critics wrote that ...': a date that frames the reporting, read after an opening date")
# ... and the opening date has nothing before it but a preposition
_FRAMING = folded(r"^\W*(?:in|on|by|since|back in|as of|earlier|later)?\s*$")

NOT_THEN = rule(
    "release.not_then", "release",
    r"\b(won't|will not|not|never)\b[^,.;]{0,50}\b(in|during|by|this)\s*$",
    matches=["Fans won't see the new season in", "The sequel will not arrive during"],
    rejects=["The new season won't arrive until", "The new season arrives in"],
    why="'fans won't see it in 2030' rules the date out; 'not until 2030' keeps it (read before the date)")
_NO_RELEASE_WORD = r"(?:(?!\b(?:releas|premier|debut|episode|arriv|launch)\w*\b)[^,.;])"
_SAME_CLAUSE = r"(?:(?!\b(?:releas|premier|debut|episode|arriv|launch|and|but|that|while)\w*\b)[^,.;])"
PRODUCTION_MOVED = rule(
    "release.production_moved", "release",
    rf"\b(production|filming|shooting|the shoot)\b{_NO_RELEASE_WORD}{{0,40}}\b(push\w*|delay\w*|postpon\w*|moved|halted|"
    rf"put on hold|resum\w*|continu\w*)\b{_SAME_CLAUSE}{{0,50}}$",
    matches=["The shoot for the new season was moved back to",
             "Shooting will continue through"],
    rejects=["The premiere has been pushed back to",
             "Filming was pushed back and the release moved to",
             "Filming was pushed back and that"],
    why="a move of the filming, not of the release (read before the date)")
FINALE = rule(
    "premiere.finale", "premiere",
    r"\b((final|last) episode|finale)\b[^.;]{0,60}$",
    matches=["Its last episode went out in"], rejects=["The first season premiered in"],
    why="the date a finale aired is not a premiere (read before the date)")
# a year-less date in a sentence about what will happen lies after the document, not before it
_FUTURE_TENSE = folded(r"\b(will|'ll|is set to|are set to|is slated|are slated|is scheduled|are scheduled|"
                           r"is due|are due|upcoming)\b")
_HAS_YEAR = folded(r"\d{4}|\b(this|next|last)\b")
_TO_GAP = re.compile(r"\s*(?:to|until|into|till)\s*")

# --- the words after a date ----------------------------------------------------------------
NAMED_THING = rule(
    "release.names_a_thing", "release",
    r"^\s+(?:[A-Z]\w+\s+)*(?:showcase|lineup|line-up|slate|event|awards?|festival|edition|novel|book|film|"
    r"movie|webtoon|comic|series|drama|hit|memoir|play)\b",
    flags=0,
    matches=[" lineup of new shows", " slate of new dramas", " novel by the same author"],
    rejects=[" on the streamer"],
    why="'the 2025 slate', 'her 2019 novel': a year that names an event or a work, not a release")
RELEASE_NOUN = rule(
    "release.attributive_release", "release",
    r"^\s*(premiere|release|debut|return|launch|date|window|arrival|bow|drop|comeback)",
    matches=[" premiere is coming", " release window"], rejects=[" lineup"],
    why="'its 2025 premiere': a year used as an adjective counts only before a release noun")
_ATTRIBUTIVE = folded(r"\b(its|their|the|this|a|his|her)\s*$")
RULED_OUT = rule(
    "release.ruled_out", "release",
    r"\b((now )?(looks|seems|is|appears) (increasingly )?unlikely|(has been|was|is) ruled out|"
    r"lower (their|your|our) expectations|(should|shouldn't|should not) (hold their breath|count on)|"
    r"(is|looks) off the table|won't happen|will not happen|no longer (possible|realistic|likely))\b",
    matches=[", but that now looks unlikely.", " has been ruled out by the studio."],
    rejects=[", and the studio confirmed it."],
    why="a window the text itself rules out gives no release claim")
PRODUCTION_DATE = rule(
    "release.production_date", "release",
    r"\b(filming|shooting|the shoot|cameras?|production|script|casting|wrap\w*|principal photography)\b",
    vetoes=[veto(r"\b(releas\w*|premier\w*|air\w*|screens?|return\w*|arriv\w*|launch\w*|debut\w*|episodes?|"
                 r"stream\w*|out|drop\w*|bow\w*|target\w*|window|date|slot|goal|aim\w*)\b")],
    matches=["cameras were due to start rolling in the spring", "filming will begin in the spring"],
    rejects=["the premiere is due this autumn"],
    why="a clause about filming with no release word is a production date (read on the clause of the date)")
# ... with a production verb just before the date
_PRODUCTION_VERB = folded(r"\b(roll\w*|shoot\w*|film\w*|begin\w*|began|start\w*|resum\w*|wrap\w*|continu\w*|cameras?)\b")

# --- a move in one expression: "moved from 2025 to 2026" -------------------------------------
MOVED_FROM = rule(
    "release.moved_from", "release",
    r"\b(postpon\w*|delay\w*|push\w*( back)?|mov\w*|reschedul\w*|bump\w*|shift\w*)\s*(from\s*)?$",
    matches=["The release was moved from", "The premiere has been pushed back"],
    rejects=["The premiere arrives"],
    why="'moved from 2025 to 2026' is two values, not the range 2025-2026")
_FROM_TO = re.compile(r"(?:from\s+)?(.+?)\s+(?:to|until|into|till)\s+(.+)")
_FROM = folded(r"\bfrom\s*$")
_THEN = folded(r"\b(later|then|now|but)\b")
_RELEASE_TOPIC = folded(r"\b(release|premiere|date|window)\w*")
# "the first ..." names an earlier season unless it is a half or a quarter of a year
_FIRST_SEASON = folded(r"\b(first|debut|inaugural) season\b|\bseason (one|1)\b")
_ORDINAL_SEASON = re.compile(r"\bthe (first|second|third|fourth|fifth)\b"
                             r"(?!\s+(?:half|quarter|part|will|would|is|are|arrives?|drops?|premieres?)\b)")

# --- another work of the same franchise -------------------------------------------------------
COMPANION = rule(
    "release.companion_work", "release",
    r"\b(?:reality (?:series|show|competition)|(?:video|mobile) game|game show|companion (?:series|show|podcast))\b",
    matches=["The reality competition inspired by the drama opens in May.",
             "The mobile game tie-in launches next month."],
    rejects=["The drama premieres in November."],
    why="a companion work (a reality show, a game) named before a date lends the date nothing; "
        "so does 'Title: Subtitle', the title with a subtitle that is not the subject's own")
# the last work a sentence names before a date decides whose date it is
_WORK_REF = folded(r"\b(?:season|series)\s+(?:\d+|one|two|three|four|five)\b|"
                       r"\b(?:first|second|third|fourth|fifth|new|next|upcoming)\s+(?:season|series|instal+ment)\b")

# --- episodes -------------------------------------------------------------------------------
EPISODE_COUNT = rule(
    "episodes.count", "episodes",
    rf"\b(\d{{1,2}}|{alt(NUMBER_WORDS)})(?:[\s-]+(?:new|total|full|hour-long|\w+-minute|long))?[\s-]+episodes?\b",
    gate=r"episode",
    # "the first two episodes", "two episodes premiering on ...": part of a season, not its size
    vetoes=[veto(r"\b(the first|first|opening|final|last|one of the|with|directed|wrote|penned|helmed|scripted)\s*$",
                 "before", 60),
            veto(r"^\s+(premiering|dropping|arriving|debuting|released|airing|at once)\b", "after", 60),
            veto(r"\beach\b[^.;]{0,25}$|\b(half|part) of\s*$", "before", 40)],
    matches=["The new season has eight episodes.",
             "It will run for 10 hour-long episodes.",
             "The first season had nine episodes."],
    rejects=["The first two episodes premiere on Friday.",
             "She directed three episodes of the show.",
             "Two episodes arriving weekly until the finale.",
             "The run is split in two, each half with five episodes."],
    why="how many episodes a season has")
ALL_AT_ONCE = rule(
    "episodes.all_at_once", "episodes",
    rf"\ball\s+(\d{{1,2}}|{alt(NUMBER_WORDS)})\s+(?:new\s+)?episodes?\s+(?:dropping|arriving|premiering|released|available|at once)\b",
    gate=r"episode",
    matches=["It launches with all eight episodes available to stream."],
    rejects=["Two episodes dropping weekly until the finale."],
    why="'all N episodes available at once' is the whole season's size")
PAST_COUNT = rule(
    "episodes.told_in_past", "episodes",
    r"\b(was|were|had|featured|consisted|comprised|spanned|ran|contained|included|aired|"
    r"(?<!are )(?<!is )(?<!be )(?:directed|wrote|written|starred|premiered|released|dropped|rolled out|made|filmed|shot))\b",
    matches=["The first run had six episodes."],
    rejects=["The new run has six episodes.", "All six episodes are directed by one director."],
    why="a count told in the past tense belongs to a season already out")
_NEW = folded(r"\bnew\b")   # "six new episodes" are the coming season's
_FUTURE = folded(r"\b(will|would|is set to|are set to|to have|slated|new season|upcoming)\b")
# "eight episodes in its first run": the season named right after the count
_NAMED_RUN = folded(r"[\w\s-]{0,12}?\b(first|debut|second|third|fourth)\s+(run|season|series|outing|instal+ment)\b")


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
        if RELEASE_WINDOW.search(s):
            _release(ctx, i, s, target)
        if "episode" in low:
            _episodes(ctx, i, s, target, named or season_context)


def _companion_spans(ctx: Ctx, s: str) -> list[tuple[int, bool]]:
    """Where a sentence names a work: (offset, True) for a companion work, (offset, False) for
    the subject or one of its seasons."""
    refs = [(m.start(), True) for m in COMPANION.pattern.finditer(s)]
    low = s.lower()
    own = [n.lower() for n in ctx.subject.names() if n]
    for name in own:
        start = low.find(name)
        while start >= 0:
            after = s[start + len(name):]
            subtitled = re.match(r"\s*:\s*[A-Z0-9]", after) and not any(
                o != name and o.startswith(name + ":") and low.startswith(o, start) for o in own)
            refs.append((start, bool(subtitled)))
            start = low.find(name, start + len(name))
    refs += [(m.start(), False) for m in _WORK_REF.finditer(s)]
    return sorted(refs)


def companion_at(ctx: Ctx, i: int, pos: int) -> bool:
    """The last work sentence i names before `pos` is a companion work; a sentence that names no
    work at all continues the one before it in the same passage."""
    before = [c for p, c in _refs(ctx, i) if p < pos]
    if before:
        return before[-1]
    passage = ctx.sents[i].passage
    for j in range(i - 1, -1, -1):
        if ctx.sents[j].passage != passage:
            return False
        refs = _refs(ctx, j)
        if refs:
            return refs[-1][1]
    return False


def _refs(ctx: Ctx, i: int) -> list[tuple[int, bool]]:
    return ctx.once(("work refs", i), lambda: _companion_spans(ctx, ctx.sentence_text(ctx.sents[i])))


def _a_release_date(s: str, t: TimeMatch) -> bool:
    """The date at s[t.start:t.end] may be a release window (no rule says it is of something else)."""
    before, after = s[:t.start], s[t.end:]
    if NOT_A_VALUE.pattern.search(before) or OTHER_EVENT.pattern.search(before) \
            or NAMED_THING.pattern.match(after):
        return False
    if _ATTRIBUTIVE.search(before) and not RELEASE_NOUN.pattern.match(after):
        return False
    return not (_FRAMING.match(before) and REPORTING_DATE.pattern.match(after))


def _release(ctx: Ctx, i: int, s: str, target: int | None) -> None:
    sent = ctx.sents[i]
    times = [u for t in ctx.sentence_times(sent) if _a_release_date(s, t) for u in _split_move(s, t)]
    if not times:
        return
    named = ctx.season_in(s)
    future = _FUTURE_TENSE.search(s) and not PAST_RELEASE.pattern.search(s)
    floor = 0
    for k, t in enumerate(times):
        if future and not _HAS_YEAR.search(t.text):
            t = _after_ref(ctx, t)
        left = s[floor:t.start]
        clause_left = s[max(0, t.start - 90):t.start]
        if t.value.lo[:4] < "1990" or companion_at(ctx, i, t.start):
            continue
        if NOT_THEN.pattern.search(clause_left) or PRODUCTION_MOVED.pattern.search(clause_left) \
                or FINALE.pattern.search(clause_left):
            floor = t.end
            continue
        ordinal = _ORDINAL_SEASON.search(left)
        nearest = season_before(s, t.start)
        here = season_number(ordinal.group(1)) if ordinal else (nearest or named)
        if here is not None and target is not None and here > target:
            floor = t.end
            continue  # a date of a later season than the article's
        # the season named last before the date decides, else the sentence must not speak of the target season
        earlier_season = here is not None and target is not None and here < target \
            and (nearest is not None and not ordinal or not ctx.about_target(left)) \
            and (k == 0 or ordinal is not None or bool(PAST_RELEASE.pattern.search(left)))
        # a second date in the sentence needs its own verb ("premiered April 12 and ... this spring")
        past = PAST_RELEASE.pattern.search(clause_left if floor == 0 else left) and not MOVED_TO.pattern.search(clause_left)
        before_doc = ctx.ref is None or t.value.hi <= (ctx.ref + "-01-01")[:10]
        if ctx.ref and before_doc and not past and not earlier_season and not EARLIER_PLAN.pattern.search(left) \
                and not PLANNED.pattern.search(left):
            continue  # a window already over when the article was written is no release plan
        if earlier_season and not PAST_RELEASE.pattern.search(clause_left) and t.start > 0:
            continue  # a date of something else about the first season ("renewed in May, weeks after ...")
        if earlier_season or (past and before_doc):
            # a past release is an earlier season's unless the words up to it tie it to the coming
            # season ("season 3 part one premiered on ..." says it came out; "premiered in 2020, and
            # its second season is slated for ..." speaks of the first)
            if earlier_season:
                season = here
            elif ctx.about_target(s[:t.end]):
                season = target
            else:
                season = target - 1 if target and target > 1 else target
            ctx.add("premiere", {"value": t.value.edtf, "season": season}, sent, "reported", rule=PAST_RELEASE.name,
                    season=season, historical=bool(target and season and season < target))
            floor = t.end
            continue
        later = [u for u in times[k + 1:] if MOVED_TO.pattern.search(s[t.end:u.start]) or _THEN.search(s[t.end:u.start])
                 or _FROM.search(s[:t.start]) and _TO_GAP.fullmatch(s[t.end:u.start])]
        superseded = bool(EARLIER_PLAN.pattern.search(left) or (later and (
            _FROM.search(s[:t.start]) or MOVED_TO.pattern.search(s[t.end:later[0].start]))))
        lo, hi = clause_at(s, t.start, t.end)
        if PRODUCTION_DATE.search(s[lo:hi]) and _PRODUCTION_VERB.search(s[max(lo, t.start - 35):t.start]):
            floor = t.end
            continue
        if RULED_OUT.pattern.search(s[t.end:t.end + 80]):
            floor = t.end
            continue
        certainty = in_article(ctx, i, t.start, t.end, floor)
        if certainty == "denied" and not _RELEASE_TOPIC.search(s):
            certainty = "reported"  # a denial about something else in the sentence
        ctx.add("release", {"value": t.value.edtf, "lo": t.value.lo, "hi": t.value.hi}, sent, certainty,
                superseded=superseded, rule=RELEASE_WINDOW.name)
        floor = t.end


def season_before(s: str, pos: int) -> int | None:
    """The season named last before `pos` in the sentence ("the first season premiered in 2021,
    and season 2 arrives in 2024": 1 for 2021, 2 for 2024)."""
    found = [(m.start(), season_number(m.group(1) or m.group(2))) for m in SEASON_ANY.finditer(s, 0, pos)]
    found += [(m.start(), 1) for m in _FIRST_SEASON.finditer(s, 0, pos)]
    found = [(p, n) for p, n in found if n]
    return max(found)[1] if found else None


def _after_ref(ctx: Ctx, t: TimeMatch) -> TimeMatch:
    """"The finale will air May 16" written in December: next year's May 16."""
    ref_lo = (ctx.ref + "-01-01")[:10] if ctx.ref else None
    if not ref_lo or t.value.hi >= ref_lo:
        return t
    return TimeMatch(t.start, t.end, t.text, interval(f"{int(t.value.lo[:4]) + 1}{t.value.lo[4:]}",
                                                      f"{int(t.value.hi[:4]) + 1}{t.value.hi[4:]}"))


def _split_move(s: str, t: TimeMatch) -> list[TimeMatch]:
    """"moved from 2025 to 2026" is two values, not the range 2025-2026 (rule release.moved_from)."""
    m = _FROM_TO.fullmatch(t.text)
    if not m or not MOVED_FROM.pattern.search(s[:t.start]):
        return [t]
    first, second = normalize(m.group(1)), normalize(m.group(2))
    if not first or not second:
        return [t]
    a = t.start + (t.text.index(m.group(1)))
    b = t.start + t.text.rindex(m.group(2))
    return [TimeMatch(a, a + len(m.group(1)), m.group(1), first), TimeMatch(b, b + len(m.group(2)), m.group(2), second)]


def _episodes(ctx: Ctx, i: int, s: str, target: int | None, season_context: int | None) -> None:
    sent = ctx.sents[i]
    found = list(EPISODE_COUNT.finditer(s))
    found += [m for m in ALL_AT_ONCE.finditer(s) if not any(f.start() <= m.start(1) < f.end() for f in found)]
    for m in found:
        count = number_of(m.group(1))
        if not count or count > 100 or companion_at(ctx, i, m.start()):
            continue
        future = _FUTURE.search(s)
        near = _NAMED_RUN.match(s[m.end():])
        season = season_number(near.group(1)) if near else season_context
        if season is None:  # a count told in the past tense belongs to a season already out
            past = PAST_COUNT.pattern.search(s) and not future and not ctx.about_target(s) \
                and not _NEW.search(m.group(0))
            season = target - 1 if past and target and target > 1 else target
        historical = bool(target and season and season < target)
        certainty = "reported" if historical else in_article(ctx, i, m.start(), m.end())
        ctx.add("episodes", {"value": count, "season": season}, sent, certainty, season=season, historical=historical,
                rule=EPISODE_COUNT.name)
