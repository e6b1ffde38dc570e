"""Lines and sentences as (start, end) offsets into a text; shared by `clean` and `annotate`."""
from __future__ import annotations

import re

_LINE = re.compile(r"[^\n\r]+")
# a sentence ends at . ! ? (and closing quotes/brackets) followed by space and a capital, digit or quote
_BOUNDARY = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|vs|etc|No|Vol|Ep|Inc|Ltd|Co|Corp|approx|e\.g|i\.e|U\.S|U\.K"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\.$")


def lines(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Non-blank lines, trimmed of surrounding whitespace."""
    out: list[tuple[int, int]] = []
    for m in _LINE.finditer(text, start, len(text) if end is None else end):
        _add(text, m.start(), m.end(), out)
    return out


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] into trimmed sentence spans; abbreviations and initials do not end one."""
    out = []
    cur = start
    for m in _BOUNDARY.finditer(text, start, end):
        stop = m.end()
        if _ABBREV.search(text, max(cur, stop - 8), stop) and text[stop - 1] == ".":
            continue
        _add(text, cur, stop, out)
        cur = stop
    _add(text, cur, end, out)
    return out


def _add(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


def words(s: str) -> list[str]:
    return re.findall(r"[\w'’-]+", s)
