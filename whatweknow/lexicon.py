"""General English and industry words every stage shares, each written once.

Nothing here knows any one show: numbers, months, hedges, negations, platforms and crew roles.
Regex fragments (`*_RE`) are non-capturing alternations built from the word lists, so a rule
can embed them without shifting its own groups."""
from __future__ import annotations

import re


def alt(words, *, longest_first: bool = True) -> str:
    """A non-capturing alternation of escaped words, longest first so "hbo max" beats "hbo"."""
    items = sorted(set(words), key=len, reverse=True) if longest_first else list(words)
    return "(?:" + "|".join(re.escape(w) for w in items) + ")"


NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
                "twenty-four": 24}
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                 "eighth": 8, "ninth": 9, "tenth": 10}
ORDINALS = tuple(ORDINAL_WORDS)                     # index n-1 is the ordinal of n
SMALL_NUMBER_RE = alt(w for w, n in NUMBER_WORDS.items() if n <= 10)
ORDINAL_RE = alt(ORDINALS)


def number_of(word: str) -> int | None:
    """"2", "two", "second", "2nd" → 2."""
    w = word.lower().strip()
    if w[:1].isdigit():
        w = w.rstrip("stndrh")
        return int(w) if w.isdigit() else None
    return NUMBER_WORDS.get(w) or ORDINAL_WORDS.get(w)


def ordinal(n: int) -> str:
    return ORDINALS[n - 1] if 1 <= n <= len(ORDINALS) else f"{n}th"


MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
MONTHS_RE = alt(MONTHS, longest_first=False)
YEAR_SEASONS = ("spring", "summer", "fall", "autumn", "winter")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# words a season of a show goes by ("season 2", "the second series", "the next instalment")
SEASON_NOUNS = ("season", "series", "installment", "instalment", "chapter", "part")
# adjectives for the coming season
UPCOMING = ("new", "next", "upcoming", "coming", "latest", "forthcoming")
UPCOMING_RE = alt(UPCOMING)

# the writer's own hedges (speculation) and modal verbs
MODALS = ("may", "might", "could", "would", "should", "can")
HEDGES = ("likely", "unlikely", "possibly", "perhaps", "probably", "presumably", "hopefully", "potentially")
GENERIC = ("usually", "typically", "often", "generally", "always", "tends to", "tend to")  # habits, not claims
NEGATIONS = ("not", "no", "never", "yet to", "without")
NEG_RE = r"(?:not|\w+n't|no|yet to|never)"

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
# platform names that are also ordinary words count only when written as names
CASE_SENSITIVE_PLATFORMS = frozenset({"max", "fox", "ena", "abc", "amc", "fx", "itv"})
PLATFORM_NAMES = tuple(dict.fromkeys(PLATFORMS.values()))
PLATFORM_RE = alt(PLATFORMS)

# crew roles: the noun a text uses → the sheet's role
CREW_NOUNS = {"director": "director", "directors": "director", "creator": "creator", "creators": "creator",
              "writer": "writer", "writers": "writer", "screenwriter": "writer", "scriptwriter": "writer",
              "showrunner": "showrunner", "showrunners": "showrunner", "producer": "producer",
              "producers": "producer", "pd": "director", "filmmaker": "director", "helmer": "director",
              "ep": "producer", "co-creator": "creator", "co-showrunner": "showrunner"}
CREW_ROLE_PHRASES = ("director", "directors", "creator", "writer", "screenwriter", "scriptwriter", "showrunner",
                     "producer", "executive producer", "head writer")
# "A directed", "A will write" → role
CREW_VERBS = {"produces": "producer", "wrote": "writer", "writes": "writer", "penned": "writer",
              "scripted": "writer", "directed": "director", "directs": "director", "helmed": "director",
              "created": "creator", "produced": "producer", "developed": "creator", "showran": "showrunner",
              "direct": "director", "write": "writer", "adapted": "writer", "adapts": "writer"}
# "created by A" → role
CREW_BY = {"created": "creator", "written": "writer", "directed": "director", "produced": "producer",
           "helmed": "director", "penned": "writer", "developed": "creator", "showrun": "showrunner",
           "executive produced": "producer"}

# platforms that publish the books, webtoons and comics shows adapt
PUBLISHERS = ("Naver Webtoon", "KakaoPage", "Kakao Webtoon", "Kakao Page", "Kakao", "Daum Webtoon", "Lezhin", "Tapas",
              "LINE Webtoon")
# studios and the companies behind platforms, who speak for a show as its platform does
STUDIOS = ("Apple", "Amazon", "Amazon MGM Studios", "Warner Bros.", "Warner Bros", "Disney", "Sony Pictures", "Universal",
           "Legendary", "Lionsgate", "A24", "Shondaland", "Studio Dragon", "CJ ENM", "Lucasfilm", "Marvel Studios")
# nouns that describe a character (not an actor): "undercover cop X (actor)", "her roommate, X (actor)"
CHARACTER_NOUNS = ("cop", "detective", "officer", "policeman", "protagonist", "antagonist", "villain", "hero",
                   "heroine", "roommate", "friend", "sister", "brother", "mother", "father", "daughter", "son",
                   "wife", "husband", "student", "students", "teacher", "leader", "man", "woman", "girl", "boy",
                   "overseer", "recruiter", "doctor", "nurse", "player", "contestant", "survivor", "survivors",
                   "character", "characters", "president", "boss", "agent", "killer", "rival", "lover", "mentor",
                   "uncle", "aunt", "grandmother", "grandfather", "cousin", "classmate", "bully", "heir",
                   "heiress", "queen", "king", "prince", "princess", "lord", "lady", "knight", "soldier")
# ranks and titles written before a character's name: "Sheriff Donovan Galpin", "Private Park"
RANKS = ("DI", "DCI", "DS", "DC", "DSI", "PC", "Dr.", "Dr", "Detective", "Inspector", "Sergeant", "Sgt.", "Sgt",
         "Captain", "Capt.", "Capt", "Officer", "Professor", "Prof.", "Prof", "Agent", "Lieutenant", "Lt.", "Lt",
         "Commander", "Chief", "Doctor", "Nurse", "Judge", "King", "Queen", "Prince", "Princess", "Lord", "Lady",
         "Sir", "Father", "Sister", "Mayor", "President", "Principal", "Coach", "General", "Colonel", "Sheriff",
         "Deputy", "Uncle", "Aunt", "Ser", "Private", "Corporal", "Major", "Admiral", "Marshal", "Constable")
# last words of a company's name and first words of an award's: never a person
ORGANISATION_WORDS = ("Industries", "Inc", "Inc.", "Corp", "Corp.", "Corporation", "Company", "Ltd", "Ltd.", "LLC",
                      "Group", "Studios", "Pictures", "Productions", "Entertainment", "Records", "Media", "Networks",
                      "Television", "Films", "Agency", "Foundation", "Academy", "Awards", "Festival")
AWARD_WORDS = ("Outstanding", "Best")
