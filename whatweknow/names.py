"""Which spellings of a person's name denote the same person, and clustering of names.

Precision comes first: a wrong merge is much worse than a missed one. Every folding rule below
maps known romanization variants of one Korean sound onto one spelling; whatever we cannot parse
confidently is compared letter for letter (after case, diacritics, hyphens and spacing).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml
from rapidfuzz.distance import OSA

# Surname equivalence classes, canonical spelling first. 'Chun' is ambiguous between 전 and 천; it
# sits with 천 (Cheon), its usual reading today, so a 전 spelled 'Chun' only misses merges with
# 'Jeon'. Ryu stays apart from Yu/Yoo (류 vs 유), Chu from Ju (추 vs 주).
_SURNAME_CLASSES = """
lee yi rhee rhie ri | park pak bak bahk | kim gim | lim im rim yim | roh noh no rho ro | choi choe |
jung jeong chung cheong joung | cho jo | yoon yun youn | yu yoo you | kang gang | shin sin shinn |
seo suh | oh o | jeon jun | cheon chun | kwon gwon | baek paek back baik paik | heo hur huh |
gu koo ku goo | moon mun | woo wu | eom um uhm | ju joo | ryu ryoo | jang chang | han | hwang whang |
ahn an | song | hong | ko go koh | yang | son sohn | bae pae | nam | ha | ham hahm | min |
jin chin | na | do doh | cha | chae | gong kong | kwak gwak | seong sung | byun byeon pyun | yeo yuh |
ok | yuk yook | in | tak tahk | pyo | maeng | bang | bong | ji | ki gi | gil kil | guk kook gook kuk |
gye kye | seok suk | sa | wang | won | wi wee | hyun hyeon | myung myeong | namgung namgoong |
hwangbo | jegal | sunwoo seonwoo | dokgo | yeon | chu choo | ma | mo | geum keum | tae | eun | pi |
seol sul | so | ra
"""
_SURNAME_CLASS = {v: g.split()[0] for g in _SURNAME_CLASSES.split("|") for v in g.split()}
KOREAN_SURNAMES: frozenset[str] = frozenset(_SURNAME_CLASS)

# Romanized syllable = onset + nucleus + coda. Nuclei map to one spelling: oo→u (but see
# _syllables_at), ee→i, young/hyoung→yeong/hyeong ('ou' only before -ng), weo→wo, eui→ui.
_ONSETS = ("", "g", "k", "kk", "n", "d", "t", "tt", "r", "l", "m", "b", "p", "pp",
           "s", "ss", "sh", "j", "jj", "ch", "h")
_NUCLEI = {"a": "a", "ae": "ae", "ya": "ya", "yae": "yae", "eo": "eo", "e": "e", "yeo": "yeo",
           "ye": "ye", "o": "o", "wa": "wa", "wae": "wae", "oe": "oe", "yo": "yo", "u": "u",
           "oo": "u", "wo": "wo", "weo": "wo", "we": "we", "wi": "wi", "yu": "yu", "yoo": "yu",
           "eu": "eu", "ui": "ui", "eui": "ui", "i": "i", "ee": "i", "woo": "u", "wu": "u",
           "ou": "eo", "you": "yeo"}
_CODAS = ("", "k", "n", "l", "m", "p", "t", "ng", "h")
# Only k→g among the plain/aspirated pairs: ㅋ is rare in given names, while ch/j (채 Chae vs
# 재 Jae), t/d (태 Tae vs 대 Dae) and p/b (평 Pyeong vs 병 Byeong) separate common, different names.
_ONSET_FOLD = {"k": "g", "l": "r", "sh": "s"}
_MAX_SYLLABLES = 3  # per hyphen-free chunk; longer readings are not Korean given names

_APOSTROPHES = "'\u2019\u2018\u02bc"
_HYPHENS = re.compile("[\u2010-\u2015\u2212\ufe63]")
_KOREAN_GIVEN = re.compile(r"[a-z]+(?:-[a-z]+)*")


def _fold_text(name: str) -> str:
    """Casefold, NFKD, drop diacritics on Latin letters only (dropping kana voicing marks or
    Cyrillic breves would merge different names), recompose (keeps Hangul intact)."""
    out, latin_base = [], False
    for ch in unicodedata.normalize("NFKD", name.casefold()):
        if unicodedata.category(ch) == "Mn":
            if latin_base:
                continue
        else:
            latin_base = ch.isascii() and ch.isalpha()
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def _wordy(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch)[0] == "M"  # marks: Indic vowel signs etc.


def _words(name: str) -> list[str]:
    s = _HYPHENS.sub("-", _fold_text(name))
    end = len(s)
    while end and not (_wordy(s[end - 1]) or s[end - 1] in _APOSTROPHES):
        end -= 1  # trailing punctuation, so that "Lee's," still loses its possessive
    s = re.sub(f"[{_APOSTROPHES}]s?$", "", s[:end])  # Lee's / Lee’s / Evans'
    kept = []
    for ch in s:
        if unicodedata.category(ch) == "Cf" or ch in _APOSTROPHES:  # soft hyphen; O'Brien = OBrien
            continue
        kept.append(ch if _wordy(ch) or ch == "-" else " ")
    words = (re.sub("-+", "-", w).strip("-") for w in "".join(kept).split())
    return [w for w in words if w]


def _literal(name: str) -> str:
    """Spelling identity used to match alias-file entries: case, diacritics, punctuation folded."""
    return " ".join(_words(name))


def _syllables_at(s: str, i: int):
    """Yield (end, folded syllable, has_coda) for every romanized syllable starting at s[i]."""
    for on in (o for o in _ONSETS if s.startswith(o, i)):
        k = i + len(on)
        for nu, vowel in ((n, v) for n, v in _NUCLEI.items() if s.startswith(n, k)):
            m = k + len(nu)
            for co in (c for c in _CODAS if s.startswith(c, m)):
                if (nu in ("ou", "you") and co != "ng") or (co == "h" and nu not in ("a", "o")):
                    continue
                v = vowel
                # A closed 'u' after a consonant is ambiguous: ㅜ (hun = hoon) in the official
                # romanization, ㅓ (hun = heon, jung = jeong) in popular spelling. Closed oo, eo
                # and u all fold to u, tagged 1 (was oo), 2 (was eo) or 0 (ambiguous): hun
                # matches hoon and heon, but hoon never matches heon. Open 'seo' and onset-less
                # 'yeon' (연, not 윤 yun) are not folded.
                if on and co and vowel in ("eo", "yeo"):
                    v = vowel[:-2] + "u2"
                elif on and co and nu in ("oo", "yoo", "woo"):
                    v = vowel + "1"
                elif on and co and nu in ("u", "yu", "wu"):
                    v = vowel + "0"
                yield m + len(co), _ONSET_FOLD.get(on, on) + v + ("" if co == "h" else co), bool(co)


@lru_cache(maxsize=8192)
def _analyse(chunk: str) -> tuple[int, str]:
    """(syllable count, folded spelling) of a hyphen-free given-name chunk; (0, chunk) if unsure.

    Preferred reading: fewest syllables, then fewest codas from the left (a consonant between
    vowels starts the next syllable: Jaekyoo = Jae-kyoo). Tied readings that fold differently
    mean we are unsure, and the chunk is kept whole."""
    n = len(chunk)
    if not chunk or n > 24 or not chunk.isascii() or not chunk.isalpha():
        return 0, chunk
    best: list = [None] * n + [((0, ()), {""})]  # best[i]: (rank, folds) for chunk[i:]
    for i in range(n - 1, -1, -1):
        top = None
        for j, syl, coda in _syllables_at(chunk, i):
            if best[j] is None:
                continue
            (count, codas), folds = best[j]
            rank = (count + 1, (coda,) + codas)
            new = {syl + f for f in folds}
            if top is None or rank < top[0]:
                top = (rank, new)
            elif rank == top[0]:
                top[1].update(new)
            if len(top[1]) > 2:  # two are enough to know it is ambiguous
                top = (top[0], set(sorted(top[1])[:2]))
        best[i] = top
    if best[0] is None or best[0][0][0] > _MAX_SYLLABLES or len(best[0][1]) != 1:
        return 0, chunk
    return best[0][0][0], next(iter(best[0][1]))


def syllables(chunk: str) -> int:
    """How many romanized Korean syllables a lower-case chunk reads as (0: not Korean, or unsure)."""
    return _analyse(chunk)[0]


def _parse_korean(words: list[str]) -> tuple[str, list[str]] | None:
    """(surname class, given-name chunks) if the words read as a Korean name, else None."""
    if len(words) == 2:
        first, last = words
        if first in _SURNAME_CLASS and _KOREAN_GIVEN.fullmatch(last):      # Choi Ye-won, Park Daniel
            return _SURNAME_CLASS[first], last.split("-")
        if (last in _SURNAME_CLASS and "-" in first and _KOREAN_GIVEN.fullmatch(first)
                and all(_analyse(p)[0] == 1 for p in first.split("-"))):   # Ji-hu Park
            return _SURNAME_CLASS[last], first.split("-")
    if (len(words) == 3 and words[0] in _SURNAME_CLASS
            and all(_KOREAN_GIVEN.fullmatch(w) and _analyse(w)[0] == 1 for w in words[1:])):
        return _SURNAME_CLASS[words[0]], words[1:]                           # park ji hu
    return None


def is_korean_name(name: str) -> bool:
    """True for 'Choi Ye-won', 'Park Daniel', 'Ye-won Choi', 'choi ye won'; False for 'Yewon Choi'
    (unhyphenated Western order is too easily an English name such as 'Jane Kim')."""
    return _parse_korean(_words(name)) is not None


@lru_cache(maxsize=16384)
def _tagged_key(name: str) -> str:
    words = _words(name)
    if not words:
        return "\0" + name  # nothing name-like: only the identical string matches
    if korean := _parse_korean(words):
        surname, chunks = korean
        return f"k:{surname}:" + "".join(_analyse(c)[1] for c in chunks)
    return "w:" + "".join(ch for w in words for ch in w if ch != "-")


def name_key(name: str) -> str:
    """Matching key: names that may be one person share it (see `same_person` for the rest)."""
    key = _tagged_key(name)
    return key[:2] + re.sub(r"[012]", "", key[2:]) if key.startswith("k:") else key


def _tags(name: str) -> str:
    key = _tagged_key(name)
    return re.sub(r"[^012]", "", key[2:]) if key.startswith("k:") else ""


def _compatible(ta: str, tb: str) -> bool:
    return len(ta) == len(tb) and all(x == y or "0" in (x, y) for x, y in zip(ta, tb))


def same_person(a: str, b: str) -> bool:
    """Symmetric and reflexive: same key, and no syllable read as ㅜ in one and ㅓ in the other."""
    return name_key(a) == name_key(b) and _compatible(_tags(a), _tags(b))


def _close(x: str, y: str) -> bool:
    """One slip apart (an edit or a swap of neighbours), two for long spellings."""
    return OSA.distance(x, y) <= (2 if min(len(x), len(y)) >= 7 else 1)


def same_person_by_character(a: str, b: str) -> bool:
    """Whether two spellings that the same work credits with the same character (or the same
    crew role) are one person, past what the romanisation rules cover: a typo or a dropped or
    doubled letter in one part of the name (Lee Byung-hun / Lee Byung-hung, Chun Sung-il /
    Chun Sung-li, Miles Millar / Miles Miller).

    Pure: the caller supplies the evidence (same work, same character, different characters
    kept apart); this only checks that the spellings are close. Surnames must agree (Korean:
    the same surname class), and the other part may differ by one slip (two when long)."""
    if same_person(a, b):
        return True
    wa, wb = _words(a), _words(b)
    ka, kb = _parse_korean(wa), _parse_korean(wb)
    if ka and kb:
        return ka[0] == kb[0] and _close("".join(ka[1]), "".join(kb[1]))
    if ka or kb or len(wa) != len(wb) or len(wa) < 2:
        return False
    differing = [(x, y) for x, y in zip(wa, wb) if x != y]
    return len(differing) == 1 and max(map(len, differing[0])) >= 4 and _close(*differing[0])


def given_name_links(names: Iterable[str]) -> list[list[str]]:
    """A one-word name ("Hayoung", a stage name) or a given name written as two words ("Ha
    Young") that is the given name of exactly one Korean full name among `names` ("Seo
    Ha-young") is that person. Given names of one syllable are too common to tell."""
    names = list(dict.fromkeys(names))
    full: dict[str, set[str]] = defaultdict(set)
    for n in names:
        korean = _parse_korean(_words(n))
        if korean and len(korean[1]) >= 2:
            full["".join(korean[1])].add(n)
    links = []
    for n in names:
        words = _words(n)
        korean = _parse_korean(words)
        if len(words) == 1:
            given = words[0].replace("-", "")
        elif len(words) == 2 and korean and len(korean[1]) == 1:
            given = "".join(words)
        else:
            continue
        targets = full.get(given, set()) - {n}
        if len(targets) == 1:
            links.append([n, *targets])
    return links


def first_name_links(names: Iterable[str]) -> list[list[str]]:
    """A first name alone ("Marisol joined the cast") that starts exactly one full name among
    `names` ("Marisol Quill") is that person; a first name two people share links to neither."""
    names = list(dict.fromkeys(names))
    by_first: dict[str, set[str]] = defaultdict(set)
    for n in names:
        words = _words(n)
        if 2 <= len(words) <= 3 and not _parse_korean(words):
            by_first[words[0]].add(n)
    links = []
    for n in names:
        words = _words(n)
        if len(words) == 1 and is_first_name(n.strip()) and len(by_first.get(words[0], ())) == 1:
            links.append([n, *by_first[words[0]]])
    return links


def _groups(groups: Iterable[Iterable[str]]) -> list[list[str]]:
    groups = list(groups)
    if any(isinstance(g, str) for g in groups):
        raise TypeError("same/different must be groups of names, e.g. [['A', 'B']], not bare strings")
    return [list(g) for g in groups]


def cluster_names(names: Iterable[str], same: Iterable[Iterable[str]] = (),
                  different: Iterable[Iterable[str]] = ()) -> list[list[str]]:
    """Group names into people; clusters ordered by first appearance, spellings most frequent first.

    `same` and `different` entries match input names by spelling (case, diacritics and
    punctuation folded). `same` names missing from the input still bridge: [[A, X], [X, B]] joins
    A and B. Unions are tried in a fixed order (`same` groups, then equal keys, earlier names
    first) and refused when they would put two `different` names together, so `different` wins."""
    names = list(names)
    same_g, diff_g = _groups(same), _groups(different)
    counts = Counter(names)  # insertion order = first seen
    visible = len(counts)
    nodes = list(counts) + list(dict.fromkeys(n for g in same_g for n in g if n not in counts))
    lits = [_literal(n) for n in nodes]
    forbid: dict[str, set[str]] = {}
    for g in diff_g:
        gl = list(dict.fromkeys(_literal(n) for n in g))
        for a in gl:
            forbid.setdefault(a, set()).update(b for b in gl if b != a)

    parent = list(range(len(nodes)))
    members = [{lit} for lit in lits]                    # literals in each root's cluster
    tags = [{_tags(n)} for n in nodes]                   # vowel readings in each root's cluster
    banned = [set(forbid.get(lit, ())) for lit in lits]  # literals each root's cluster refuses

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int, by_key: bool = False) -> None:
        ra, rb = sorted((find(a), find(b)))
        if ra == rb or members[ra] & banned[rb] or members[rb] & banned[ra]:
            return
        if by_key and not all(_compatible(x, y) for x in tags[ra] for y in tags[rb]):
            return  # hun may join hoon or heon, never both
        parent[rb] = ra
        members[ra] |= members[rb]
        banned[ra] |= banned[rb]
        tags[ra] |= tags[rb]

    def link_all(idx: list[int], by_key: bool = False) -> None:
        for i, x in enumerate(idx):
            for y in idx[:i]:
                union(y, x, by_key)

    by_lit: dict[str, list[int]] = defaultdict(list)
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        by_lit[lits[i]].append(i)
        by_key[name_key(n)].append(i)
    for g in same_g:
        link_all(list(dict.fromkeys(i for n in g for i in by_lit.get(_literal(n), ()))))
    for idx in by_key.values():
        link_all(idx, by_key=True)

    clusters: dict[int, list[int]] = {}
    for i in range(visible):
        clusters.setdefault(find(i), []).append(i)
    return [sorted((nodes[i] for i in idx), key=lambda n: -counts[n])  # stable: ties keep first seen
            for idx in sorted(clusters.values(), key=min)]


def load_alias_file(path) -> tuple[list[list[str]], list[list[str]]]:
    """Read `{same: [[a, b, ...], ...], different: [[a, b], ...]}`; return (same, different)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise ValueError(f"{path}: cannot read alias file: {e}") from e
    except yaml.YAMLError as e:
        raise ValueError(f"{path}: invalid YAML: {' '.join(str(e).split())}") from e
    if not isinstance(data := {} if data is None else data, dict):
        raise ValueError(f"{path}: expected a mapping with 'same' and/or 'different', "
                         f"got {type(data).__name__}")
    if unknown := [k for k in data if k not in ("same", "different")]:
        raise ValueError(f"{path}: unknown key {unknown[0]!r} (expected 'same' or 'different')")
    result = []
    for key in ("same", "different"):
        if not isinstance(groups := [] if data.get(key) is None else data[key], list):
            raise ValueError(f"{path}: '{key}' must be a list of name groups")
        parsed = []
        for i, g in enumerate(groups, 1):
            if not isinstance(g, list) or len(g) < 2:
                raise ValueError(f"{path}: {key} group {i} must be a list of at least two names")
            for n in g:
                if not isinstance(n, str) or not n.strip():
                    raise ValueError(f"{path}: {key} group {i}: {n!r} is not a name (quote names "
                                     "YAML reads as booleans or numbers, e.g. 'No')")
            parsed.append([n.strip() for n in g])
        result.append(parsed)
    return result[0], result[1]


@lru_cache(maxsize=1)
def _first_names():
    import gender_guesser.detector
    from spacy.lang.en.stop_words import STOP_WORDS  # "The", "Will", "May" are in the name list too

    return gender_guesser.detector.Detector(case_sensitive=False), STOP_WORDS


@lru_cache(maxsize=65536)
def is_first_name(word: str) -> bool:
    """A given name in gender-guesser's list of about 40,000 names from many countries."""
    word = word.strip(".,'’")
    detector, stop = _first_names()
    if not (len(word) > 1 and word[0].isupper() and word.lower() not in stop):
        return False
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", word) if unicodedata.category(ch) != "Mn")
    return detector.get_gender(word) != "unknown" or (plain != word and detector.get_gender(plain) != "unknown")
