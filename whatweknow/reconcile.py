"""Claims of many documents into one fact sheet per work.

A fact is a group of claims that say the same thing. Its status comes from time and
certainty: a newer claim at least as firm supersedes an older one; a window that passed as of
the newest source is no longer current; equally firm, equally new claims that disagree are
disputed; claims about an earlier season are historical.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from dataclasses import replace

from rapidfuzz import fuzz

from .names import cluster_names, name_key
from .records import CERTAINTY_RANK, Claim, Evidence, Fact, Person, Work
from .titles import norm, same_work

# slots where one value replaces another over time; the others accumulate
EXCLUSIVE = ("release", "renewal", "production", "trailer", "platform")
STAGES = ("in_development", "pre_production", "filming", "wrapped", "post_production")
SLOT_ORDER = ("release", "renewal", "production", "trailer", "platform", "premiere", "episodes",
              "source_material", "crew", "cast", "plot")


def reconcile(claims: Iterable[Claim], as_of: str | None = None,
              links: Iterable[tuple[str, str]] = (), same: Iterable[Iterable[str]] = (),
              different: Iterable[Iterable[str]] = ()) -> list[Work]:
    """Every work in a set of claims (a store reconciles one work at a time: `reconcile_work`)."""
    claims = list(claims)
    links = list(links)
    works = []
    for titles in group_titles(c.work for c in claims):
        members = [c for c in claims if c.work in titles]
        works.append(reconcile_work(members, as_of, links, same, different))
    works.sort(key=lambda w: (-len(w.facts), w.title))
    return works


def group_titles(titles: Iterable[str]) -> list[list[str]]:
    """Spellings of one work together ("Moonlit Academy", "Moonlight Academy")."""
    groups: list[list[str]] = []
    for title in dict.fromkeys(titles):
        for spellings in groups:
            if any(same_work(t, title) for t in spellings):
                spellings.append(title)
                break
        else:
            groups.append([title])
    return groups


def reconcile_work(claims: list[Claim], as_of: str | None = None, links: Iterable[tuple[str, str]] = (),
                   same: Iterable[Iterable[str]] = (), different: Iterable[Iterable[str]] = ()) -> Work:
    """One work's facts from its claims alone."""
    return strip_private([_work(claims, as_of, [*map(list, links), *map(list, same)], [list(d) for d in different])])[0]


def _work(claims: list[Claim], as_of: str | None, same: list[list[str]], different: list[list[str]]) -> Work:
    docs_per_title = defaultdict(set)
    for c in claims:
        docs_per_title[c.work].add(c.doc)
    spelled = Counter()
    for t, docs in docs_per_title.items():
        spelled[norm(t)] += len(docs)
    best_norm = spelled.most_common(1)[0][0]
    title = max((t for t in docs_per_title if norm(t) == best_norm), key=lambda t: (len(docs_per_title[t]), t))
    aliases = sorted({t for t in docs_per_title if norm(t) != norm(title)})
    season = max((c.season for c in claims if c.season and not c.historical), default=None)
    claims = [_to_season(c, season) for c in claims]

    characters = _characters(claims)
    as_person: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        if c.slot == "cast":
            as_person[norm(c.fields["person"])].add(c.doc)
    known = {norm(n) for canon, aliases in characters.items() for n in (canon, *aliases)}
    known |= {name_key(n) for canon, aliases in characters.items() for n in (canon, *aliases)}
    as_role: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        if c.slot == "cast" and c.fields.get("character"):
            as_role[norm(c.fields["character"])].add(c.doc)
    claims = [c for c in claims if not (c.slot == "cast" and _is_character(c.fields["person"], known, as_person, as_role))]
    names = [c.fields[k] for c in claims for k in ("person", "author") if c.fields.get(k)]
    clusters = cluster_names(names, same=same, different=different)
    canonical = {n: cl[0] for cl in clusters for n in cl}
    # a director or the author of the source named near a casting word is not cast
    makers = {canonical[c.fields[k]] for c in claims for k in ("person", "author")
              if c.slot in ("crew", "source_material") and c.fields.get(k)}
    claims = [c for c in claims if not (c.slot == "cast" and canonical[c.fields["person"]] in makers
                                        and not c.fields.get("character"))]

    buckets: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        buckets[_key(c, canonical, characters)].append(c)
    facts = []
    for key, group in buckets.items():
        if key[0] == "cast" and _left(group):
            continue  # the newest word is that they are not in it
        facts.append(_fact(key, group, canonical, characters))
    _set_status(facts, season, as_of)
    facts.sort(key=lambda f: (SLOT_ORDER.index(f.slot) if f.slot in SLOT_ORDER else 99,
                              ("current", "disputed", "superseded", "historical").index(f.status),
                              -CERTAINTY_RANK[f.certainty], str(f.fields.get("person") or f.fields.get("value"))))
    used = {f.fields.get(k) for f in facts for k in ("person", "author") if f.fields.get(k)}
    people = [Person(cl[0], cl[1:]) for cl in clusters if cl[0] in used]
    chars = [Person(name, sorted(aliases)) for name, aliases in characters.items()
             if any(f.fields.get("character") == name for f in facts)]
    return Work(title=title, aliases=aliases, season=season, people=people, characters=chars, facts=facts,
                timeline=_timeline(claims))


def _to_season(c: Claim, season: int | None) -> Claim:
    """A release claim from an article about an earlier season is that season's premiere."""
    if c.slot == "release" and season and c.season and c.season < season:
        return replace(c, slot="premiere", fields={"value": c.fields["value"], "season": c.season}, historical=True)
    return c


def _characters(claims: list[Claim]) -> dict[str, set[str]]:
    """Character names, spellings grouped ("Ji-An" = "Ji-an", "Oh Ji-an" = "Ji-an")."""
    seen = Counter(c.fields["character"] for c in claims if c.slot == "cast" and c.fields.get("character"))
    groups: dict[str, set[str]] = {}
    for name, _ in seen.most_common():
        for canon in groups:
            if norm(canon) == norm(name) or norm(name).endswith(norm(canon)) or norm(canon).endswith(norm(name)):
                groups[canon].add(name)
                break
        else:
            groups[name] = set()
    return groups


def _is_character(person: str, known: set[str], as_person: dict[str, set[str]], as_role: dict[str, set[str]]) -> bool:
    """A role's given name with a surname ("Han Yeo-reum" for Yeo-reum) is a character; so is a name
    more sources give as a role ("Cha Eun-gyeol") than as an actor."""
    parts = person.split(maxsplit=1)
    if len(parts) == 2 and norm(parts[1]) in known and "-" in parts[1]:
        return True
    if norm(person) not in known and name_key(person) not in known:
        return False
    return len(as_person[norm(person)]) <= max(len(as_role[norm(person)]), 1 if name_key(person) in known else 0)


def _left(group: list[Claim]) -> bool:
    """Negative cast claims ("won't return") newer or firmer than every positive one."""
    negative = [c for c in group if not c.polarity and c.certainty != "denied"]
    positive = [c for c in group if c.polarity]
    if not negative:
        return False
    if not positive:
        return True
    newest = max(c.published or "" for c in negative) >= max(c.published or "" for c in positive)
    firmer = max(CERTAINTY_RANK[c.certainty] for c in negative) >= max(CERTAINTY_RANK[c.certainty] for c in positive)
    return newest or firmer


def _character_of(name: str | None, characters: dict[str, set[str]]) -> str | None:
    if not name:
        return None
    for canon, aliases in characters.items():
        if name == canon or name in aliases:
            return canon
    return name


def _key(c: Claim, canonical: dict[str, str], characters) -> tuple:
    f = c.fields
    if c.slot == "cast":
        return ("cast", canonical.get(f["person"], f["person"]), c.season)
    if c.slot == "crew":
        return ("crew", canonical.get(f["person"], f["person"]), f["role"])
    if c.slot == "premiere":
        return ("premiere", f["season"], str(f["value"])[:7])
    if c.slot == "episodes":
        return ("episodes", f["season"], f["value"])
    if c.slot == "source_material":
        return ("source_material", norm(f["value"]))
    return (c.slot, str(f.get("value")))


def _fact(key: tuple, group: list[Claim], canonical: dict[str, str], characters) -> Fact:
    group.sort(key=lambda c: (c.published or "", CERTAINTY_RANK[c.certainty]), reverse=True)
    positive = [c for c in group if c.polarity and c.certainty != "denied"]
    best = max(positive or group, key=lambda c: CERTAINTY_RANK[c.certainty])
    if positive:
        group = positive + [c for c in group if not c.polarity and c.certainty == "denied"]
    fields = dict(best.fields)
    fields.pop("lo", None), fields.pop("hi", None)
    if key[0] in ("cast", "crew"):
        fields["person"] = key[1]
    if key[0] == "cast":
        named = Counter(_character_of(c.fields.get("character"), characters) for c in group if c.fields.get("character"))
        fields["character"] = named.most_common(1)[0][0] if named else None
        fields["season"] = key[2]
    if key[0] == "source_material":
        fields["value"] = max((c.fields["value"] for c in group), key=lambda v: sum(ch.isupper() for ch in v))
        for k in ("author", "publisher", "years"):
            fields[k] = next((c.fields.get(k) for c in group if c.fields.get(k)), None)
        if fields.get("author"):
            fields["author"] = canonical.get(fields["author"], fields["author"])
    if key[0] == "renewal":
        fields["date"] = min((c.fields["date"] for c in group if c.fields.get("date")), default=None)
    evidence = [Evidence(c.doc, c.start, c.end, c.quote, c.published, c.certainty, c.rule) for c in group]
    fact = Fact(slot=key[0], fields=fields, status="current", certainty=best.certainty, evidence=evidence,
                sources=_independent_sources(group))
    fact._claims = group  # type: ignore[attr-defined]  # kept for status decisions below
    return fact


def _independent_sources(group: list[Claim]) -> int:
    """Documents repeating one report nearly word for word (syndication) count once."""
    reps: list[tuple[str, str]] = []
    for c in group:
        if any(doc == c.doc or fuzz.ratio(quote, c.quote) >= 90 for doc, quote in reps):
            continue
        reps.append((c.doc, c.quote))
    return len(reps)


def _latest(f: Fact) -> str:
    """When a value was last put forward (a claim its own text retracts does not count)."""
    claims = f._claims  # type: ignore[attr-defined]
    return max((c.published or "" for c in claims if not c.superseded_in_text), default="")


def _rank(f: Fact) -> int:
    return CERTAINTY_RANK[f.certainty]


def _supersedes(new: Fact, old: Fact) -> bool:
    """Newer and at least as firm (reported is firm enough to replace official news)."""
    return _latest(new) > _latest(old) and _rank(new) >= min(_rank(old), CERTAINTY_RANK["reported"])


def _set_status(facts: list[Fact], season: int | None, as_of: str | None) -> None:
    for f in facts:
        claims = f._claims  # type: ignore[attr-defined]
        if f.slot in ("cast", "crew", "premiere", "episodes") and (
                f.fields.get("season") is not None and season and f.fields["season"] < season):
            f.status = "historical"
        elif f.slot in ("cast", "crew") and any(not c.polarity or c.certainty == "denied" for c in claims):
            denial = max((c.published or "") for c in claims if not c.polarity or c.certainty == "denied")
            confirmed = any(c.polarity and CERTAINTY_RANK[c.certainty] >= 3 and (c.published or "") > denial for c in claims)
            f.status, f.certainty = ("current", f.certainty) if confirmed else ("disputed", "denied")
    for slot in EXCLUSIVE + ("postponed",):
        # a postponement is a schedule state beside the production stage, not one of the stages
        group = [f for f in facts if f.slot == slot and f.fields.get("value") != "postponed"] if slot != "postponed" \
            else [f for f in facts if f.slot == "production" and f.fields.get("value") == "postponed"]
        live = []
        for f in group:
            claims = f._claims  # type: ignore[attr-defined]
            passed = slot == "release" and as_of and str(claims[0].fields.get("hi", "9999")) < as_of
            if all(c.superseded_in_text for c in claims) or passed:
                f.status = "superseded"
            else:
                live.append(f)
        for f in live:
            if any(_supersedes(g, f) for g in live if g is not f):
                f.status = "superseded"
        standing = [f for f in live if f.status == "current"]
        if slot == "production" and len(standing) > 1:
            # one article stating two stages ("wrapped in October, now in post-production"): the later stage
            top = max(standing, key=lambda f: (_latest(f), STAGES.index(f.fields["value"]) if f.fields["value"] in STAGES else -1))
            for f in standing:
                if f is not top and _latest(f) <= _latest(top):
                    f.status = "superseded"
        elif slot == "platform" and len(standing) > 1:
            top = max(standing, key=lambda f: (f.sources, _rank(f)))
            for f in standing:
                if f is not top:
                    f.status = "superseded"
        elif len(standing) > 1:
            # the firmer source wins; equally firm ones that disagree are disputed
            top = max(_rank(f) for f in standing)
            tied = [f for f in standing if _rank(f) == top]
            for f in standing:
                f.status = "superseded" if _rank(f) < top else ("disputed" if len(tied) > 1 else "current")


def _timeline(claims: list[Claim]) -> list[dict]:
    """How the release answer moved, source by source."""
    rows = [{"date": c.published, "doc": c.doc, "value": c.fields["value"], "certainty": c.certainty,
             "attribution": c.attribution, "quote": c.quote, "start": c.start, "end": c.end,
             "superseded_in_text": c.superseded_in_text}
            for c in claims if c.slot == "release"]
    rows.sort(key=lambda r: (r["date"] or "", r["start"]))
    return rows


def strip_private(works: list[Work]) -> list[Work]:
    for w in works:
        for f in w.facts:
            if hasattr(f, "_claims"):
                del f._claims  # type: ignore[attr-defined]
    return works

