"""The slot registry: what each slot of the fact sheet means, in one place.

A `SlotSpec` says which fields a slot has (a frozen dataclass), whether it holds one current
answer (release, renewal, ...) or a set (cast, crew, ...), when two claims state the same fact,
how a fact reads in plain words, and where it sorts. Reconciliation, the export, the terminal
and the web page iterate `SLOTS` instead of branching on slot names.

Adding a slot: a fields class and a `SlotSpec` here, an extractor with named rules in
`extract/`, and tests.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from .titles import norm


class Fields:
    """Base of every slot's fields: a frozen dataclass that reads like a small (read-only) mapping."""
    slot: ClassVar[str]

    def __getitem__(self, name: str) -> Any:
        if name not in self.__dataclass_fields__:
            raise KeyError(name)
        return getattr(self, name)

    def __iter__(self):
        return iter(self.__dataclass_fields__)

    def __len__(self) -> int:
        return len(self.__dataclass_fields__)

    def keys(self):
        return self.__dataclass_fields__.keys()

    def items(self):
        return self.asdict().items()

    def get(self, name: str, default: Any = None) -> Any:
        return getattr(self, name, default)

    def asdict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def replace(self, **changes) -> Fields:
        return dataclasses.replace(self, **changes)


Mapping.register(Fields)


@dataclass(frozen=True)
class ReleaseFields(Fields):
    value: str                        # EDTF: "2026", "2023-11", "2024-01-30", "2023-09/2024-04"
    lo: str | None = None             # inclusive ISO bounds of the value
    hi: str | None = None


@dataclass(frozen=True)
class RenewalFields(Fields):
    value: str                        # renewed | cancelled | not_announced
    date: str | None = None


@dataclass(frozen=True)
class ProductionFields(Fields):
    value: str                        # in_development | pre_production | filming | wrapped | post_production | postponed
    date: str | None = None


@dataclass(frozen=True)
class CastFields(Fields):
    person: str
    character: str | None = None
    season: int | None = None


@dataclass(frozen=True)
class CrewFields(Fields):
    person: str
    role: str                         # director | writer | creator | showrunner | producer


@dataclass(frozen=True)
class SourceFields(Fields):
    value: str
    author: str | None = None
    publisher: str | None = None
    years: str | None = None


@dataclass(frozen=True)
class SeasonValueFields(Fields):
    value: Any                        # a premiere's EDTF date, or an episode count
    season: int | None = None


@dataclass(frozen=True)
class ValueFields(Fields):
    value: str


STAGES = ("in_development", "pre_production", "filming", "wrapped", "post_production")


def _value(f: Fields) -> str:
    return str(f.value)


def _dated(f: Fields) -> str:
    return f"{f.value} ({f.date})" if f.date else str(f.value)


def _cast(f: CastFields) -> str:
    who = f.person + (f" as {f.character}" if f.character else "")
    return f"{who} (season {f.season})" if f.season else who


def _source(f: SourceFields) -> str:
    extra = ", ".join(x for x in (f.author and f"by {f.author}", f.publisher, f.years) if x)
    return f.value + (f" ({extra})" if extra else "")


def _season_value(f: SeasonValueFields) -> str:
    return f"season {f.season}: {f.value}"


@dataclass(frozen=True)
class SlotSpec:
    name: str
    fields: type[Fields]
    single: bool                                  # one current answer; newer firm claims replace older ones
    question: str                                 # what a reader asks (the web page's headings)
    describe: Callable[[Any], str]                # one line of plain words (terminal, Markdown, web)
    identity: Callable[[Any], tuple]              # claims with equal identities state the same fact
    people: tuple[str, ...] = ()                  # fields that hold a person's name (resolved to one spelling)
    seasonal: bool = False                        # a `season` field: facts of earlier seasons are historical
    public: tuple[str, ...] | None = None         # fields the export shows (None: all)

    def make(self, values: dict[str, Any] | Fields) -> Fields:
        if isinstance(values, Fields):
            return values
        try:
            return self.fields(**values)
        except TypeError as exc:
            raise SlotError(f"slot {self.name}: {exc}") from None

    def exported(self, f: Fields) -> dict[str, Any]:
        d = f.asdict()
        return d if self.public is None else {k: d[k] for k in self.public}


class SlotError(Exception):
    """Fields that do not fit their slot (a programming error in an extractor)."""


SLOTS: dict[str, SlotSpec] = {s.name: s for s in (
    SlotSpec("release", ReleaseFields, True, "When is it coming out?", _value, lambda f: (f.value,),
             public=("value",)),
    SlotSpec("renewal", RenewalFields, True, "Has it been renewed?", _dated, lambda f: (f.value,)),
    SlotSpec("production", ProductionFields, True, "Has filming started?", _dated, lambda f: (f.value,)),
    SlotSpec("trailer", ValueFields, True, "Is there a trailer?", _value, lambda f: (f.value,)),
    SlotSpec("platform", ValueFields, True, "Where will it stream?", _value, lambda f: (f.value,)),
    SlotSpec("premiere", SeasonValueFields, False, "When did earlier seasons come out?", _season_value,
             lambda f: (f.season, str(f.value)[:7]), seasonal=True),
    SlotSpec("episodes", SeasonValueFields, False, "How many episodes?", _season_value,
             lambda f: (f.season, f.value), seasonal=True),
    SlotSpec("source_material", SourceFields, False, "What is it based on?", _source, lambda f: (norm(f.value),),
             people=("author",)),
    SlotSpec("crew", CrewFields, False, "Who made it?", lambda f: f"{f.person}, {f.role}",
             lambda f: (f.person, f.role), people=("person",)),
    SlotSpec("cast", CastFields, False, "Who is in the cast?", _cast, lambda f: (f.person, f.season),
             people=("person",), seasonal=True),
    SlotSpec("plot", ValueFields, False, "What is it about?", _value, lambda f: (norm(f.value),)),
)}
ORDER = {name: i for i, name in enumerate(SLOTS)}
SINGLE = tuple(name for name, s in SLOTS.items() if s.single)


def spec(slot: str) -> SlotSpec:
    try:
        return SLOTS[slot]
    except KeyError:
        raise SlotError(f"unknown slot {slot!r}") from None


def fields_of(slot: str, values: dict[str, Any] | Fields) -> Fields:
    return spec(slot).make(values)


def describe(slot: str, fields: Fields | dict[str, Any]) -> str:
    return spec(slot).describe(fields_of(slot, fields))
