"""The plain records every stage passes on. Offsets always index `Document.text`."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .slots import Fields

STATUSES = ("ok", "skipped", "rejected")

# strength order used when one fact gathers several claims ("how the strongest source put it")
CERTAINTY_RANK = {"official": 4, "reported": 3, "rumor": 2, "speculation": 1, "denied": 0}


@dataclass(frozen=True)
class Document:
    id: str
    source: str                       # path, URL or "<stdin>"
    text: str                         # as stored; every offset refers to it
    title: str | None = None
    url: str | None = None
    published: str | None = None      # ISO date to its precision: YYYY, YYYY-MM or YYYY-MM-DD
    published_range: tuple[str, str] | None = None
    range_from: str | None = None     # "other articles" when the text gave no range (see dating.place_by_others)
    published_hint: str | None = None  # a date from metadata (HTML, JSONL), checked by `dating`
    language: str | None = None
    status: str = "ok"                # ok | skipped | rejected
    reason: str | None = None
    content_hash: str = ""


@dataclass(frozen=True)
class Passage:
    """A span of article text that survived cleaning."""
    start: int
    end: int
    kind: str                         # heading | paragraph | list_item | question


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    passage: int                      # index into the document's passages
    kind: str                         # the passage kind


@dataclass(frozen=True)
class TimeValue:
    """A normalised time expression: EDTF text plus inclusive ISO bounds."""
    edtf: str                         # "2026", "2023-11", "2024-01-30", "2023-09/2024-04"
    lo: str                           # "2023-09-01"
    hi: str                           # "2024-04-30"


@dataclass(frozen=True)
class Claim:
    """What one sentence of one document says about one slot."""
    doc: str
    slot: str
    fields: Fields                    # the slot's own fields (see `slots.SLOTS`)
    start: int
    end: int
    quote: str
    certainty: str
    work: str                         # the subject title as the document names it
    season: int | None = None
    polarity: bool = True
    attribution: str | None = None
    published: str | None = None      # the document's date (or the end of its inferred range)
    historical: bool = False          # about an earlier season
    superseded_in_text: bool = False  # the text itself says it changed ("initially ..., later ...")
    rule: str = ""                    # the name of the rule that read it (see `rules.RULES`)

    def __post_init__(self) -> None:
        object.__setattr__(self, "fields", _fields(self.slot, self.fields))


@dataclass
class Evidence:
    doc: str
    start: int
    end: int
    quote: str
    published: str | None
    certainty: str
    rule: str = ""


@dataclass
class Fact:
    slot: str
    fields: Fields
    status: str
    certainty: str
    evidence: list[Evidence]
    sources: int = 1                  # independent documents (syndicated copies count once)

    def __post_init__(self) -> None:
        self.fields = _fields(self.slot, self.fields)


def _fields(slot: str, values) -> Fields:
    """Fields always fit their slot: a plain mapping is checked against the slot registry."""
    from .slots import fields_of

    return fields_of(slot, values)


@dataclass
class Person:
    name: str
    aliases: list[str] = field(default_factory=list)


@dataclass
class Work:
    title: str
    aliases: list[str] = field(default_factory=list)
    season: int | None = None
    people: list[Person] = field(default_factory=list)
    characters: list[Person] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
