"""Named extraction rules: every pattern that reads a claim, a name or a title has a stable
name, a slot, a cheap gate, its vetoes, and example sentences (our own words) it must and must
not match. Every `Claim` records the name of the rule that made it, so a fact can say why.

A module declares its rules at import time with `rule(...)` and its slot-wide cheap looks with
`gate(...)`; `RULES` and `GATES` hold them all. `tests/test_rules.py` runs every rule's
examples and checks that every gate admits the examples of the rules it guards (gate drift).
"""
from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass

RULES: dict[str, "Rule"] = {}
GATES: dict[str, "Gate"] = {}


class RuleError(Exception):
    """A rule declared twice, or declared wrongly."""


def _compiled(pattern: str | re.Pattern, flags: int) -> re.Pattern:
    compiled = pattern if isinstance(pattern, (re.Pattern, Folded)) else re.compile(pattern, flags)
    return Folded.of(compiled)


def _lowered(source: str) -> str | None:
    """The pattern with its literals in lower case; escapes (`\\S`, `\\W`) and group names as
    they are. None when a part of it is case-sensitive on purpose (`(?-i:...)`)."""
    if "(?-i" in source:
        return None
    out, i = [], 0
    while i < len(source):
        c = source[i]
        if c == "\\":
            out.append(source[i:i + 2])
            i += 2
        elif source.startswith(("(?P<", "(?P="), i):
            j = source.index(">" if source[i + 3] == "<" else ")", i)
            out.append(source[i:j + 1])
            i = j + 1
        else:
            out.append(c.lower())
            i += 1
    return "".join(out)


_LAST: tuple[str, str] = ("", "")


def _lower(s: str) -> str | None:
    global _LAST
    last = _LAST
    if last[0] is s:
        return last[1]
    low = s.lower()
    if len(low) != len(s):  # a few letters lower-case to two characters: offsets would move
        return None
    _LAST = (s, low)
    return low


class Folded:
    """A case-insensitive pattern that first looks in the lower-cased text with a case-sensitive
    copy of itself: Python's `re` runs about three times slower under IGNORECASE, and most
    looks find nothing. Only where the copy finds something does the real pattern run, so a
    match is exactly the real pattern's, with the text's own case."""
    __slots__ = ("real", "quick", "pattern", "flags", "groups", "groupindex")

    def __init__(self, real: re.Pattern, quick: re.Pattern):
        self.real, self.quick = real, quick
        self.pattern, self.flags, self.groups, self.groupindex = real.pattern, real.flags, real.groups, real.groupindex

    @classmethod
    def of(cls, real: re.Pattern) -> "re.Pattern | Folded":
        if isinstance(real, Folded) or not real.flags & re.I or not isinstance(real.pattern, str):
            return real
        source = _lowered(real.pattern)
        if source is None:
            return real
        try:
            quick = re.compile(source, real.flags & ~re.I)
        except re.error:
            return real
        if quick.groupindex != real.groupindex or quick.groups != real.groups:
            return real
        return cls(real, quick)

    def _misses(self, s: str, pos: int, endpos: int) -> bool:
        low = _lower(s)
        return low is not None and self.quick.search(low, pos, endpos) is None

    def search(self, s: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        last = _LAST  # _misses inlined: this is the hottest call of a build
        low = last[1] if last[0] is s else _lower(s)
        if low is not None and self.quick.search(low, pos, endpos) is None:
            return None
        return self.real.search(s, pos, endpos)

    def finditer(self, s: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match]:
        return iter(()) if self._misses(s, pos, endpos) else self.real.finditer(s, pos, endpos)

    def findall(self, s: str, pos: int = 0, endpos: int = sys.maxsize) -> list:
        return [] if self._misses(s, pos, endpos) else self.real.findall(s, pos, endpos)

    def match(self, s: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        return self.real.match(s, pos, endpos)

    def fullmatch(self, s: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        return self.real.fullmatch(s, pos, endpos)

    def sub(self, repl, s: str, count: int = 0) -> str:
        return s if self._misses(s, 0, sys.maxsize) else self.real.sub(repl, s, count)

    def split(self, s: str, maxsplit: int = 0) -> list:
        return self.real.split(s, maxsplit)

    def __repr__(self) -> str:
        return f"Folded({self.real!r})"


@dataclass(frozen=True)
class Veto:
    """A pattern that cancels a match when found in `where`: the whole sentence, the `window`
    characters before the match, the characters after it, or the matched text itself."""
    pattern: re.Pattern
    where: str = "sentence"          # sentence | before | after | match
    window: int = 60

    def hits(self, s: str, m: re.Match) -> bool:
        if self.where == "sentence":
            region = s
        elif self.where == "before":
            region = s[max(0, m.start() - self.window):m.start()]
        elif self.where == "after":
            region = s[m.end():m.end() + self.window]
        else:
            region = m.group(0)
        return self.pattern.search(region) is not None


def veto(pattern: str | re.Pattern, where: str = "sentence", window: int = 60, flags: int = re.I) -> Veto:
    if where not in ("sentence", "before", "after", "match"):
        raise RuleError(f"veto scope {where!r} is not sentence, before, after or match")
    return Veto(_compiled(pattern, flags), where, window)


@dataclass(frozen=True, eq=False)
class Rule:
    name: str                          # stable: "<slot>.<what it reads>", kept in the store
    slot: str                          # the slot it reads (or "name", "title", "time", "date")
    pattern: re.Pattern
    gate: re.Pattern | None = None     # a cheap look that must admit every sentence the rule matches
    vetoes: tuple[Veto, ...] = ()
    matches: tuple[str, ...] = ()      # sentences it must match
    rejects: tuple[str, ...] = ()      # sentences it must not match (the pattern fails or a veto hits)
    why: str = ""

    def admits(self, s: str) -> bool:
        return self.gate is None or self.gate.search(s) is not None

    def vetoed(self, s: str, m: re.Match) -> bool:
        return any(v.hits(s, m) for v in self.vetoes)

    def finditer(self, s: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        if self.gate is not None and self.gate.search(s) is None:
            return iter(())
        found = self.pattern.finditer(s, pos, len(s) if endpos is None else endpos)
        if not self.vetoes:
            return found  # the common case: no generator of our own on the hot path
        return (m for m in found if not self.vetoed(s, m))

    def search(self, s: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        if self.gate is not None and self.gate.search(s) is None:
            return None
        if not self.vetoes:
            return self.pattern.search(s, pos, len(s) if endpos is None else endpos)
        for m in self.pattern.finditer(s, pos, len(s) if endpos is None else endpos):
            if not self.vetoed(s, m):
                return m
        return None

    def match(self, s: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        """Anchored at `pos` (no gate: anchored rules read a known position)."""
        m = self.pattern.match(s, pos, len(s) if endpos is None else endpos)
        return m if m and not self.vetoed(s, m) else None


@dataclass(frozen=True, eq=False)
class Gate:
    """A slot-wide cheap look that runs before several rules: it must admit every example of
    every rule it guards, or those rules silently stop firing."""
    name: str
    pattern: re.Pattern
    guards: tuple[str, ...]            # rule names

    def search(self, s: str) -> re.Match | None:
        return self.pattern.search(s)


def rule(name: str, slot: str, pattern: str | re.Pattern, *, gate: str | re.Pattern | None = None,
         vetoes: tuple[Veto, ...] | list[Veto] = (), matches: tuple[str, ...] | list[str] = (),
         rejects: tuple[str, ...] | list[str] = (), why: str = "", flags: int = re.I) -> Rule:
    if name in RULES:
        raise RuleError(f"rule {name!r} is declared twice")
    r = Rule(name, slot, _compiled(pattern, flags), _compiled(gate, flags) if gate is not None else None,
             tuple(vetoes), tuple(matches), tuple(rejects), why)
    RULES[name] = r
    return r


def gate(name: str, pattern: str | re.Pattern, guards, flags: int = re.I) -> Gate:
    if name in GATES:
        raise RuleError(f"gate {name!r} is declared twice")
    g = Gate(name, _compiled(pattern, flags), tuple(r.name if isinstance(r, Rule) else r for r in guards))
    GATES[name] = g
    return g


def all_rules() -> dict[str, Rule]:
    """Every rule of every stage (importing the modules declares them)."""
    from . import annotate, dating, titles  # noqa: F401  (importing a module declares its rules)
    from .extract import certainty, people, release, source, status  # noqa: F401
    return RULES


def folded(pattern: str, flags: int = re.I) -> "re.Pattern | Folded":
    """`re.compile(pattern, re.I)` for a hot pattern outside a rule: same matches, faster misses."""
    return Folded.of(re.compile(pattern, flags))
