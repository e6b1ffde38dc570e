"""What the pages say, computed from the store's records: stable work ids, the answer box, the
questions a reader asks and their one-line answers. Templates only lay these out.

Facts are shown from `export.work_json`, field by field, so the page carries exactly what the
export carries (a new export field shows up without a template change)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import quote, urlparse

from .. import export
from ..changes import Change, changes, last_seen
from ..records import CERTAINTY_RANK, Document, Fact, Work
from ..timex import interval

MONTHS = ("January February March April May June July August September October November December").split()


# ids and links -------------------------------------------------------------
def slug(title: str, season: int | None) -> str:
    """'All of Us Are Dead', 2 -> 'all-of-us-are-dead-s2' (stable across builds, unlike row ids)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:80].strip("-") or "work"
    return f"{base}-s{season}" if season is not None else base


def by_slug(works: list[Work]) -> dict[str, Work]:
    """Every work under its id; two works with one slug get -2, -3… in a fixed order."""
    out: dict[str, Work] = {}
    for w in sorted(works, key=lambda w: (w.title, w.season if w.season is not None else -1, w.aliases)):
        base = key = slug(w.title, w.season)
        n = 1
        while key in out:
            n += 1
            key = f"{base}-{n}"
        out[key] = w
    return out


def doc_href(doc_id: str, start: int | None = None, end: int | None = None) -> str:
    href = "/documents/" + quote(doc_id, safe="")
    return href + (f"#q-{start}-{end}" if start is not None else "")


def safe_url(url: str | None) -> str | None:
    """A source URL is a link only when it is plain http(s) with a host."""
    if not url or len(url) > 2000:
        return None
    try:
        parts = urlparse(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def claim_notes(c) -> list[str]:
    """What else a reader should know about one claim, in words."""
    notes = [] if c.polarity else ["denied"]
    if c.season is not None:
        notes.append(f"season {c.season}")
    if c.attribution:
        notes.append(f"per “{c.attribution}”")
    if c.historical:
        notes.append("an earlier season")
    if c.superseded_in_text:
        notes.append("the text says this later changed")
    return notes


# dates in words --------------------------------------------------------------
def say_date(iso: str | None) -> str:
    """'2025-04-16' -> '16 April 2025', '2025-04' -> 'April 2025', '2025' -> '2025'."""
    if not iso:
        return "an unknown date"
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", iso)
    if not m or (m[2] and not 1 <= int(m[2]) <= 12):
        return iso
    if m[3]:
        return f"{int(m[3])} {MONTHS[int(m[2]) - 1]} {m[1]}"
    return f"{MONTHS[int(m[2]) - 1]} {m[1]}" if m[2] else m[1]


def window(value: str) -> tuple[str, str] | None:
    """Inclusive ISO day bounds of an EDTF value ('2026', '2023-11', '2023-09/2024-04')."""
    try:
        lo, _, hi = str(value).partition("/")
        tv = interval(lo, hi or lo)
        return tv.lo, tv.hi
    except (ValueError, TypeError):
        return None


def say_window(value: str) -> str:
    lo, _, hi = str(value).partition("/")
    return f"{say_date(lo)} to {say_date(hi)}" if hi else say_date(lo)


def doc_when(d: Document | None) -> str:
    if d is None:
        return "undated"
    if d.published:
        return say_date(d.published)
    if d.published_range:
        return f"undated (between {say_date(d.published_range[0])} and {say_date(d.published_range[1])})"
    return "undated"


# the work page ----------------------------------------------------------------
@dataclass
class FactView:
    index: int
    data: dict                        # the fact exactly as the export writes it
    line: str                         # the fact in plain words
    fact: Fact
    change: Change | None = None


@dataclass
class Question:
    key: str
    heading: str
    answer: str
    facts: list[FactView] = field(default_factory=list)
    names: list[FactView] = field(default_factory=list)  # "who is new" points at cast facts


@dataclass
class Answer:
    value: str | None
    words: str
    certainty: str | None
    status: str | None
    sources: int
    exact: bool
    moved_from: str | None
    fact: int | None


@dataclass
class Row:
    """One line of the release timeline: a source and the window it claimed."""
    doc: str
    when: str                         # publication date in words (or the inferred range)
    pub: tuple[str, str] | None       # ISO day bounds of the publication date
    undated: bool
    value: str
    window: tuple[str, str] | None
    certainty: str
    status: str
    quote: str
    start: int
    end: int
    after_since: bool = False


QUESTIONS = (  # (key, heading, slots it answers from)
    ("release", "When is it coming out?", ("release", "premiere")),
    ("renewal", "Has it been renewed?", ("renewal",)),
    ("production", "Has filming started?", ("production",)),
    ("cast", "Who is in the cast?", ("cast",)),
    ("new", "Who is new?", ()),
    ("crew", "Who made it?", ("crew",)),
    ("source_material", "What is it based on?", ("source_material",)),
    ("episodes", "How many episodes?", ("episodes",)),
    ("trailer", "Is there a trailer?", ("trailer",)),
    ("platform", "Where will it be shown?", ("platform",)),
    ("plot", "What is it about?", ("plot",)),
)
STAGE_WORDS = {"in_development": "in development", "pre_production": "in pre-production", "filming": "filming",
               "wrapped": "filming has wrapped", "post_production": "in post-production", "postponed": "postponed"}
STARTED = ("filming", "wrapped", "post_production")
ROLES = ("creator", "showrunner", "director", "writer", "producer")
LIVE = ("current", "disputed")
STATUS_ORDER = {"current": 0, "disputed": 1, "historical": 2, "superseded": 3}


@dataclass
class WorkPage:
    id: str
    work: Work
    data: dict                        # export.work_json(work)
    facts: list[FactView]
    answer: Answer
    questions: list[Question]
    rows: list[Row]
    as_of: str | None
    since: str | None
    changes: list[Change]
    others: dict                      # work fields the page has no special place for


SHOWN_WORK_FIELDS = {"title", "aliases", "season", "people", "characters", "facts", "timeline"}


def newest(work: Work) -> str | None:
    dates = [d for f in work.facts if (d := last_seen(f))]
    return max(dates) if dates else None


def answer_box(work: Work, as_of: str | None) -> Answer:
    releases = [(i, f) for i, f in enumerate(work.facts) if f.slot == "release"]
    live = sorted(((i, f) for i, f in releases if f.status in LIVE),
                  key=lambda t: (t[1].status != "current", -CERTAINTY_RANK[t[1].certainty], -t[1].sources))
    if not live:
        passed = " (every window named so far has passed)" if releases else ""
        return Answer(None, f"No release date yet as of {say_date(as_of)}{passed}", None, None, 0, False, None, None)
    i, f = live[0]
    value = str(f.fields["value"])
    words = say_window(value)
    earlier = sorted((g for _, g in releases if g.status == "superseded"), key=lambda g: last_seen(g) or "", reverse=True)
    notes, moved = [], None
    if earlier:
        moved = str(earlier[0].fields["value"])
        now, then = window(value), window(moved)
        verb = "changed from"
        if now and then and now[0] > then[0]:
            verb = "postponed from"
        elif now and then and now[1] < then[1]:
            verb = "brought forward from"
        notes.append(f"{verb} {say_window(moved)}")
    exact = len(value) == 10
    if not exact:
        notes.append(f"no exact date yet as of {say_date(as_of)}")
    if len(live) > 1:
        notes.append("disputed with " + ", ".join(say_window(str(g.fields["value"])) for _, g in live[1:]))
    return Answer(value, words + (" — " + "; ".join(notes) if notes else ""), f.certainty, f.status, f.sources,
                  exact, moved, i)


def _ordered(views: list[FactView]) -> list[FactView]:
    return sorted(views, key=lambda v: (STATUS_ORDER.get(v.fact.status, 9), -CERTAINTY_RANK.get(v.fact.certainty, 0),
                                        -(v.fact.sources or 0)))


def _names(views: list[FactView]) -> str:
    names = [v.fact.fields.get("person") or v.line for v in views]
    if len(names) > 6:
        return ", ".join(names[:6]) + f" and {len(names) - 6} more"
    return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1] if names else ""


def _one_line(key: str, views: list[FactView], answer: Answer) -> str:
    live = [v for v in views if v.fact.status in LIVE]
    first = live[0].fact if live else None
    if key == "release":
        return answer.words
    if key == "new":
        joining = [v for v in views if v.fact.status == "current"]
        doubted = [v for v in views if v.fact.status == "disputed"]
        words = (_names(joining) + (" joins" if len(joining) == 1 else " join") + " the cast") if joining else \
            "No one new is confirmed"
        return words + (f"; disputed: {_names(doubted)}." if doubted else ".")
    if first is None:
        return "Nothing current in the sources." if views else "The sources do not say."
    v = first.fields
    if key == "renewal":
        when = f" ({say_date(v.get('date'))})" if v.get("date") else ""
        return {"renewed": f"Yes, renewed{when}", "cancelled": f"No, cancelled{when}"}.get(
            v.get("value"), "Not announced yet") + f" — {first.certainty}, {first.sources} source(s)."
    if key == "production":
        stages = [x.fact.fields.get("value") for x in live]
        words = ", ".join(STAGE_WORDS.get(s, str(s)) for s in stages)
        yes = any(s in STARTED for s in stages)
        return ("Yes: " if yes else "Not yet: ") + words + (
            f" (as of {say_date(v.get('date'))})" if v.get("date") else "") + "."
    if key == "cast":
        now = [x for x in live if x.fact.status == "current"]
        return f"{len(now)} people: {_names(now)}." if now else "Only disputed names so far."
    if key == "crew":
        roles: dict[str, list[FactView]] = {}
        for x in sorted(live, key=lambda x: ROLES.index(x.fact.fields.get("role")) if x.fact.fields.get("role") in ROLES
                        else len(ROLES)):
            roles.setdefault(str(x.fact.fields.get("role")), []).append(x)
        return "; ".join(f"{role} {_names(xs)}" for role, xs in roles.items()) + "."
    if key == "trailer":
        return {"none": "Not yet.", "teaser": "A teaser is out; no full trailer yet.",
                "released": "Yes, a trailer is out."}.get(v.get("value"), str(v.get("value")))
    if key == "episodes":
        return "; ".join(f"{x.fact.fields.get('value')} episodes (season {x.fact.fields.get('season')})"
                         for x in live) + "."
    return "; ".join(x.line for x in live) + "."


def work_page(work_id: str, work: Work, as_of: str | None, documents: dict[str, Document],
              since: str | None = None) -> WorkPage:
    data = export.work_json(work)
    describe = export.describe
    found = changes(work, since, describe) if since else []
    by_fact = {c.fact: c for c in found}
    facts = [FactView(i, fd, describe(f), f, by_fact.get(i)) for i, (f, fd) in enumerate(zip(work.facts, data["facts"]))]
    as_of = newest(work) or as_of
    answer = answer_box(work, as_of)
    questions, used = [], set()
    for key, heading, slots in QUESTIONS:
        if key == "new":
            continue
        views = _ordered([v for v in facts if v.fact.slot in slots])
        used.update(slots)
        questions.append(Question(key, heading, _one_line(key, views, answer), views))
    returning = {v.fact.fields.get("person") for v in facts if v.fact.slot == "cast" and v.fact.status == "historical"}
    new = [v for v in facts if v.fact.slot == "cast" and v.fact.status in LIVE
           and v.fact.fields.get("person") not in returning]
    cast_at = next(i for i, q in enumerate(questions) if q.key == "cast")
    questions.insert(cast_at + 1, Question("new", "Who is new?", _one_line("new", new, answer), [], new))
    rest = [v for v in facts if v.fact.slot not in used]
    if rest:
        questions.append(Question("other", "What else do the sources say?", f"{len(rest)} more fact(s).", _ordered(rest)))
    return WorkPage(work_id, work, data, facts, answer, questions, timeline_rows(work, documents, since), as_of, since,
                    found, {k: v for k, v in data.items() if k not in SHOWN_WORK_FIELDS})


def timeline_rows(work: Work, documents: dict[str, Document], since: str | None = None) -> list[Row]:
    status = {}
    for f in work.facts:
        if f.slot == "release":
            status.setdefault(str(f.fields.get("value")), f.status)
    rows = []
    for r in work.timeline:
        d = documents.get(r["doc"])
        pub, undated = None, False
        if d is not None and d.published:
            pub = window(d.published)
        elif d is not None and d.published_range:
            pub, undated = tuple(d.published_range), True
        elif r.get("date"):
            pub = window(r["date"])
        value = str(r["value"])
        st = "superseded" if r.get("superseded_in_text") else status.get(value, "superseded")
        rows.append(Row(r["doc"], doc_when(d) if d else say_date(r.get("date")), pub, undated, value, window(value),
                        r["certainty"], st, r["quote"], r["start"], r["end"],
                        bool(since and r.get("date") and r["date"] > since)))
    return rows


# the index --------------------------------------------------------------------
@dataclass
class IndexRow:
    id: str
    work: Work
    answer: Answer
    newest: str | None


def index_rows(works: dict[str, Work], as_of: str | None) -> list[IndexRow]:
    rows = []
    for key, w in works.items():
        at = newest(w) or as_of
        rows.append(IndexRow(key, w, answer_box(w, at), at))
    return sorted(rows, key=lambda r: (r.newest or "", -len(r.work.facts)), reverse=True)


def work_summary(row: IndexRow) -> dict:
    """One work in /api/works."""
    a = row.answer
    return {"id": row.id, "title": row.work.title, "season": row.work.season, "aliases": row.work.aliases,
            "as_of": row.newest, "facts": len(row.work.facts),
            "release": {"value": a.value, "words": a.words, "certainty": a.certainty, "status": a.status,
                        "sources": a.sources, "exact": a.exact, "moved_from": a.moved_from},
            "links": {"page": f"/works/{row.id}", "factsheet": f"/api/works/{row.id}/factsheet",
                      "timeline": f"/api/works/{row.id}/timeline"}}


def cited(work: Work) -> set[str]:
    """Documents a work's facts or timeline quote."""
    return {e.doc for f in work.facts for e in f.evidence} | {r["doc"] for r in work.timeline}
