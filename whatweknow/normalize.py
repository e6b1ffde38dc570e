"""A normalised view of a document's text for matching, with a map back to the stored text.

Web text carries invisible and look-alike characters that split a title or a name in two:
a zero-width space or a soft hyphen inside a word, a no-break space or a tab between words,
bidi marks around a platform name, full-width letters. The per-document stages read the view
(NFKC, format characters removed, each run of spaces and tabs as one space, line breaks kept
as they are, since the cleaner reads lines) and every offset they produce is mapped back, so
that a quote is still exactly `stored_text[start:end]`.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# what may need a change: any run of two or more non-(printable ASCII) characters, or one
# character that is neither printable ASCII nor a plain space or newline
_SUSPECT = re.compile(r"[^\n\x21-\x7e]{2,}|[^\n\x20-\x7e]")
# hyphens inside words ("Yoon Chan\u2011young", with a no-break hyphen) read as the ASCII one;
# dashes between words (en and em dash) stay what they are
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-"})
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")  # str.splitlines' boundaries


@dataclass(frozen=True)
class View:
    text: str
    starts: list[int] | None = None  # stored-text offset where each view character begins
    ends: list[int] | None = None    # ... and where it ends

    @property
    def identity(self) -> bool:
        return self.starts is None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A [start, end) span of the view as a span of the stored text."""
        if self.starts is None:
            return start, end
        n = len(self.text)
        s = self.starts[start] if start < n else self.ends[n - 1] if n else 0
        e = self.ends[end - 1] if end > start else s
        return s, e


def normalized(text: str) -> str:
    """Just the normalised text (for titles and other strings without offsets)."""
    return view(text).text


def view(text: str) -> View:
    if _SUSPECT.search(text) is None:  # plain ASCII prose: nothing to do, nothing to map
        return View(text)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _SUSPECT.finditer(text):
        a, b = m.span()
        if a > pos and unicodedata.combining(text[a]):
            a -= 1  # an accent after a plain letter: compose them as one unit
        if a > pos:  # unchanged stretch
            out.append(text[pos:a])
            starts.extend(range(pos, a))
            ends.extend(range(pos + 1, a + 1))
        _normalise_stretch(text, a, b, out, starts, ends)
        pos = b
    if pos < len(text):
        out.append(text[pos:])
        starts.extend(range(pos, len(text)))
        ends.extend(range(pos + 1, len(text) + 1))
    normal = "".join(out)
    if normal == text:
        return View(text)
    assert len(starts) == len(ends) == len(normal)
    return View(normal, starts, ends)


def _normalise_stretch(text: str, a: int, b: int, out: list[str], starts: list[int], ends: list[int]) -> None:
    i = a
    space_at: int | None = None  # index in `starts` of the space this run of blanks became
    while i < b:
        j = i + 1
        while j < b and unicodedata.combining(text[j]):  # a letter and its accents: one unit
            j += 1
        unit = text[i:j]
        c = unit[0]
        if c in _LINE_BREAKS:
            out.append(unit)
            starts.extend([i] * len(unit))
            ends.extend([j] * len(unit))
            space_at = None
        elif unicodedata.category(c) == "Cf" and len(unit) == 1:
            pass  # zero-width space, soft hyphen, bidi mark: gone, and a run of blanks goes on
        elif c.isspace():
            if space_at is None:
                out.append(" ")
                space_at = len(starts)
                starts.append(i)
                ends.append(j)
            else:
                ends[space_at] = j  # the one space stands for the whole run
        else:
            piece = unicodedata.normalize("NFKC", unit).translate(_HYPHENS)
            if piece.isspace():  # a compatibility space that is no whitespace character itself
                piece = " "
            out.append(piece)
            starts.extend([i] * len(piece))
            ends.extend([j] * len(piece))
            space_at = None
        i = j
