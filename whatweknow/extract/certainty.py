"""How firmly a clause states something, from its wording and its attribution."""
from __future__ import annotations

import re
from functools import lru_cache

PLATFORMS = {
    "netflix": "Netflix", "disney+": "Disney+", "disney plus": "Disney+", "hulu": "Hulu",
    "hbo max": "HBO Max", "hbo": "HBO", "max": "Max", "prime video": "Prime Video",
    "amazon prime video": "Prime Video", "amazon prime": "Prime Video", "apple tv+": "Apple TV+",
    "apple tv plus": "Apple TV+", "peacock": "Peacock", "paramount+": "Paramount+",
    "paramount plus": "Paramount+", "tving": "TVING", "wavve": "Wavve", "coupang play": "Coupang Play",
    "viki": "Viki", "crunchyroll": "Crunchyroll", "tvn": "tvN", "jtbc": "JTBC", "kbs2": "KBS2",
    "kbs": "KBS", "mbc": "MBC", "sbs": "SBS", "ena": "ENA", "bbc one": "BBC One", "bbc": "BBC",
    "itv": "ITV", "channel 4": "Channel 4", "amc": "AMC", "fx": "FX", "showtime": "Showtime",
    "starz": "Starz", "the cw": "The CW", "nbc": "NBC", "abc": "ABC", "cbs": "CBS", "fox": "FOX",
}
PLATFORM_RE = re.compile(
    r"(?<![\w+])(" + "|".join(sorted((re.escape(k) for k in PLATFORMS), key=len, reverse=True)) + r")(?![\w+])",
    re.I)
# platform names that are also ordinary words count only when written as names
_CASE_SENSITIVE = {"max", "fox", "ena", "abc", "amc", "fx", "itv"}

_OFFICIAL_PARTY = (r"(?:" + "|".join(re.escape(p) for p in sorted(set(PLATFORMS.values()), key=len, reverse=True))
                   + r"|the streamer|the streaming (?:giant|service|platform)|the network|the studio|the platform"
                   r"|(?:his|her|their|the \w+'s|the actor's|the actress'?s?) agency|agency|the production company"
                   r"|officials?|a spokesperson|the showrunner|the creators?)")
_OFFICIAL_VERB = r"(?:announced|confirmed|revealed|unveiled|stated|said|shared|released a statement|posted|teased|greenlit|renewed|ordered)"
OFFICIAL = re.compile(rf"{_OFFICIAL_PARTY}[^.,;]{{0,60}}?\b{_OFFICIAL_VERB}\b|\bofficial(ly)?\b(?! (plot|synopsis|trailer|word|date))|"
                      r"\b(has|have) (officially )?(confirmed|announced)\b", re.I)
NEGATED_OFFICIAL = re.compile(r"\b(not|no|yet to|n't|never|without)\b[^.;]{0,30}\b(official|officially|confirm\w*|announc\w*)", re.I)
RUMOR = re.compile(r"\b(claimed|claims|insiders?|sources?( close to| say| said| tell| told)|reportedly|rumou?r\w*|allegedly|"
                   r"revealed to us|(we've|we have|we've been|we were|we are|we're) (been )?(told|informed|heard)|"
                   r"tipsters?|leak\w*|whispers?|according to (a |an )?(source|insider)|word is|a little bird)\b", re.I)
SPECULATION = re.compile(r"\b(likely|unlikely|expect\w*|could|might|(?-i:may)|perhaps|probably|possibl[ey]|presumably|"
                         r"guess\w*|predict\w*|speculat\w*|assum\w*|it looks like|looks like|seems?|suggest\w*|"
                         r"hope\w*|hoping|wants?|would|should|we think|potential(ly)?|imagine|chances are|"
                         r"anticipat\w*|if\b|estimate\w*|we reckon|fingers crossed|safe to say|would not be surprised)\b",
                         re.I)
DENIAL = re.compile(r"\b(denied|denies|deny|refuted|dismissed (the )?(reports?|rumou?rs?)|"
                    r"(nothing|no decision)\b[^.;]{0,60}\b(decided|confirmed|finali[sz]ed|set in stone)|"
                    r"(has|have|is|are) not been (decided|finali[sz]ed|offered|cast)|not true|false reports?|untrue|"
                    r"(is|are|was) not (involved|attached|part of)|shot (that|it|the reports?|the rumou?rs?) down|"
                    r"(is|are) (still )?(reviewing|considering) the (offer|role)|no plans to)\b", re.I)
_ATTRIBUTION = re.compile(
    r"\b(?:told|according to|in an interview with|speaking to|said to|reported by|a report by|reports? from)\s+"
    r"(?:the\s+)?(?:(?:South Korean|Korean|US|American|British|entertainment) )?(?:media outlet,?\s+|outlet,?\s+)?"
    r"((?:[A-Z][\w.&'-]*\s?){1,4})")


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
    # words before the clause carry over only into reported speech: "X confirmed, ..., that ..."
    if lo > floor and (lead.endswith(("that", ":")) or sentence[lo:hi].lstrip().startswith("that ")):
        return certainty_of(lead, context)
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


_PARTY = re.compile(_OFFICIAL_PARTY, re.I)


_ATTRIBUTION_HINT = re.compile(r"told|according|interview|speaking|said to|report")


def platforms_in(sentence: str) -> list[str]:
    out = []
    for m in PLATFORM_RE.finditer(sentence):
        key = m.group(1).lower()
        if key in _CASE_SENSITIVE and not m.group(1)[0].isupper():
            continue
        if key == "max" and m.group(1) != "Max":
            continue
        out.append(PLATFORMS[key])
    return out
