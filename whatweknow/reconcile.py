"""Claims of many documents into fact sheets: one per (title, season).

A fact is a group of claims that say the same thing (the slot registry says when two do). Its
status comes from time and certainty: a newer claim at least as firm supersedes an older one
in a single-valued slot; a window that passed as of the newest source is no longer current;
equally firm, equally new claims that disagree are disputed; claims about an earlier season
are historical.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from .names import cluster_names, first_name_links, given_name_links, name_key, same_person_by_character
from .records import CERTAINTY_RANK, Claim, Evidence, Fact, Person, Work
from .slots import ORDER, SINGLE, SLOTS, STAGES, ReleaseFields, SeasonValueFields
from .timex import interval
from .titles import norm, same_work

STATUS_ORDER = ("current", "disputed", "superseded", "historical")
# a season gets a sheet of its own when this many documents make claims about it
SHEET_SUPPORT = 2


def reconcile(claims: Iterable[Claim], as_of: str | None = None,
              links: Iterable[tuple[str, str]] = (), same: Iterable[Iterable[str]] = (),
              different: Iterable[Iterable[str]] = ()) -> list[Work]:
    """Every sheet in a set of claims (a store reconciles one title at a time: `reconcile_title`)."""
    claims = list(claims)
    links = list(links)
    works = []
    for titles in group_titles(c.work for c in claims):
        members = [c for c in claims if c.work in titles]
        works += reconcile_title(members, as_of, links, same, different)
    works.sort(key=lambda w: (-len(w.facts), w.title, w.season or 0))
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


def reconcile_title(claims: list[Claim], as_of: str | None = None, links: Iterable[tuple[str, str]] = (),
                    same: Iterable[Iterable[str]] = (), different: Iterable[Iterable[str]] = ()) -> list[Work]:
    """The sheets of one title (one per season it has news about) from its claims alone."""
    if not claims:
        return []
    title, aliases = _title(claims)
    as_of = as_of or claims_as_of(claims)
    same_groups = [*map(list, links), *map(list, same)]
    different_groups = [list(d) for d in different]
    return [_sheet(title, aliases, season, members, as_of, same_groups, different_groups)
            for season, members in split_seasons(claims).items()]


def claims_as_of(claims: Iterable[Claim]) -> str | None:
    """The newest source date among a title's claims: time is judged as of it."""
    return max((c.published or "" for c in claims), default="") or None


def _title(claims: list[Claim]) -> tuple[str, list[str]]:
    docs_per_title = defaultdict(set)
    for c in claims:
        docs_per_title[c.work].add(c.doc)
    spelled = Counter()
    for t, docs in docs_per_title.items():
        spelled[norm(t)] += len(docs)
    best_norm = spelled.most_common(1)[0][0]
    title = max((t for t in docs_per_title if norm(t) == best_norm), key=lambda t: (len(docs_per_title[t]), t))
    return title, sorted({t for t in docs_per_title if norm(t) != norm(title)})


def split_seasons(claims: list[Claim]) -> dict[int | None, list[Claim]]:
    """Claims per sheet season. A season has a sheet when enough documents speak of it as the
    coming one; a claim about an earlier season goes to the first sheet after it (as history),
    and one about a season with no sheet of its own to the nearest sheet."""
    support: dict[int, set[str]] = defaultdict(set)
    for c in claims:
        if c.season and not c.historical:
            support[c.season].add(c.doc)
    seasons = sorted(s for s, docs in support.items() if len(docs) >= SHEET_SUPPORT) or \
        ([max(support)] if support else [None])
    out: dict[int | None, list[Claim]] = {s: [] for s in seasons}
    for c in claims:
        if SLOTS[c.slot].single and c.season and seasons != [None] and c.season > seasons[-1]:
            continue  # "a third season is planned for 2027" is no answer for the second
        out[_sheet_for(c.season, seasons)].append(c)
    return {s: members for s, members in out.items() if members}


def _sheet_for(season: int | None, seasons: list) -> int | None:
    if season is None or seasons == [None]:
        return seasons[-1]
    if season in seasons:
        return season
    later = [s for s in seasons if s > season]
    return later[0] if later else seasons[-1]


@dataclass
class _Group:
    """The claims behind one fact while its status is decided."""
    fact: Fact
    claims: list[Claim] = field(default_factory=list)

    @property
    def latest(self) -> str:
        """When the value was last put forward (a claim its own text retracts does not count)."""
        return max((c.published or "" for c in self.claims if not c.superseded_in_text), default="")

    @property
    def rank(self) -> int:
        return CERTAINTY_RANK[self.fact.certainty]


def _sheet(title: str, aliases: list[str], season: int | None, claims: list[Claim], as_of: str | None,
           same: list[list[str]], different: list[list[str]]) -> Work:
    claims = _actor_outside_the_brackets([_to_season(c, season) for c in claims])
    characters = _characters(claims)
    claims = _without_characters(claims, characters)
    names = [c.fields[k] for c in claims for k in SLOTS[c.slot].people if c.fields.get(k)]
    clusters = cluster_names(names, same=same, different=different)
    canonical = {n: cl[0] for cl in clusters for n in cl}
    extra = (_same_character_links(claims, canonical, characters) + given_name_links(canonical.values())
             + first_name_links(canonical.values()))
    if extra:
        clusters = cluster_names(names, same=[*same, *extra], different=different)
        canonical = {n: cl[0] for cl in clusters for n in cl}
    # a director or the author of the source named near a casting word is not cast
    makers = {canonical[c.fields[k]] for c in claims if c.slot != "cast" for k in SLOTS[c.slot].people
              if c.fields.get(k)}
    claims = [c for c in claims if not (c.slot == "cast" and canonical[c.fields["person"]] in makers
                                        and not c.fields.get("character"))]
    buckets: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        buckets[_key(c, canonical)].append(c)
    groups = [_fact(key, members, canonical, characters) for key, members in buckets.items()
              if not (key[0] == "cast" and _left(members))]  # the newest word is that they are not in it
    # from every cast claim, "won't be back as X" too
    groups = _carry_characters(_named_source_first(groups, [title, *aliases]), _played(claims, canonical, characters))
    _set_status(groups, season, as_of)
    facts = [g.fact for g in groups]
    facts.sort(key=lambda f: (ORDER.get(f.slot, 99), STATUS_ORDER.index(f.status), -CERTAINTY_RANK[f.certainty],
                              str(f.fields.get("person") or f.fields.get("value"))))
    used = {f.fields.get(k) for f in facts for k in SLOTS[f.slot].people if f.fields.get(k)}
    people = [Person(cl[0], cl[1:]) for cl in clusters if cl[0] in used]
    chars = [Person(name, sorted(spellings)) for name, spellings in characters.items()
             if any(f.slot == "cast" and f.fields.character == name for f in facts)]
    return Work(title=title, aliases=aliases, season=season, people=people, characters=chars, facts=facts,
                timeline=_timeline(claims))


def _carry_characters(groups: list[_Group], played: dict[str, set[str]]) -> list[_Group]:
    """A person whose one character the sheet's claims name ("reprising their first-season roles
    as X", "won't be back as X") plays it in every season the sheet casts them in without one
    ("season 1 also featured A"). The characters of the sheet's facts come first."""
    named: dict[str, set[str]] = defaultdict(set)
    for g in groups:
        if g.fact.slot == "cast" and g.fact.fields.character:
            named[g.fact.fields.person].add(g.fact.fields.character)
    played = {**played, **named}
    for g in groups:
        f = g.fact
        if f.slot == "cast" and not f.fields.character and len(played.get(f.fields.person, ())) == 1:
            g.fact = replace(f, fields=f.fields.replace(character=next(iter(played[f.fields.person]))))
    return groups


def _named_source_first(groups: list[_Group], titles: list[str]) -> list[_Group]:
    """"Based on the webtoon of the same name" names the show's own title; when another source
    names the adapted work itself, that one is the answer."""
    own = {norm(t) for t in titles}
    sources = [g for g in groups if g.fact.slot == "source_material"]
    if not any(norm(g.fact.fields.value) not in own for g in sources):
        return groups
    return [g for g in groups if not (g.fact.slot == "source_material" and norm(g.fact.fields.value) in own)]


def _to_season(c: Claim, season: int | None) -> Claim:
    """A release claim about an earlier season is that season's premiere; the premiere of the
    sheet's own season is its release answer (it came out)."""
    if c.slot == "release" and season and c.season and c.season < season:
        return replace(c, slot="premiere", fields=SeasonValueFields(c.fields.value, c.season), historical=True)
    if c.slot == "premiere" and season and c.fields.season == season and not c.historical:
        window = _window(str(c.fields.value))
        if window:
            return replace(c, slot="release", fields=ReleaseFields(window.edtf, window.lo, window.hi))
    return c


def _window(value: str):
    try:
        return interval(*value.split("/")) if "/" in value else interval(value, value)
    except ValueError:
        return None


def _loose(name: str) -> str:
    """A name folded past common romanisation variants (Hyeon Soo = Hyun-su)."""
    return re.sub(r"eo|oo|ou", "u", norm(name)).replace("ee", "i")


def _actor_outside_the_brackets(claims: list[Claim]) -> list[Claim]:
    """"Hyun-su (Song Kang)" read the wrong way round: when the "character" is a name other
    sources give as an actor and the "person" is never an actor elsewhere, the two swap."""
    cast = [c for c in claims if c.slot == "cast"]
    actors = Counter(_loose(c.fields.person) for c in cast)
    roles = Counter(_loose(c.fields.character) for c in cast if c.fields.character)
    out = []
    for c in claims:
        f = c.fields
        if c.slot == "cast" and f.character and actors[_loose(f.character)] > roles[_loose(f.character)] \
                and actors[_loose(f.person)] <= 1 < actors[_loose(f.character)] + roles[_loose(f.person)]:
            c = replace(c, fields=f.replace(person=f.character, character=f.person))
        out.append(c)
    return out


def _characters(claims: list[Claim]) -> dict[str, set[str]]:
    """Character names, spellings grouped ("Ji-An" = "Ji-an", "Oh Ji-an" = "Ji-an")."""
    seen = Counter(c.fields.character for c in claims if c.slot == "cast" and c.fields.character)
    groups: dict[str, set[str]] = {}
    for name, _ in seen.most_common():
        for canon in groups:
            if norm(canon) == norm(name) or norm(name).endswith(norm(canon)) or norm(canon).endswith(norm(name)):
                groups[canon].add(name)
                break
        else:
            groups[name] = set()
    return groups


def _without_characters(claims: list[Claim], characters: dict[str, set[str]]) -> list[Claim]:
    """Cast claims whose "person" is one of the work's characters are dropped."""
    as_person: dict[str, set[str]] = defaultdict(set)
    as_role: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        if c.slot == "cast":
            as_person[norm(c.fields.person)].add(c.doc)
            if c.fields.character:
                as_role[norm(c.fields.character)].add(c.doc)
    known = {norm(n) for canon, spellings in characters.items() for n in (canon, *spellings)}
    known |= {name_key(n) for canon, spellings in characters.items() for n in (canon, *spellings)}

    def is_character(person: str) -> bool:
        # a role's given name with a surname ("Han Yeo-reum" for Yeo-reum) is a character; so is
        # a name more sources give as a role than as an actor
        parts = person.split(maxsplit=1)
        if len(parts) == 2 and norm(parts[1]) in known and "-" in parts[1]:
            return True
        if norm(person) not in known and name_key(person) not in known:
            return False
        return len(as_person[norm(person)]) <= max(len(as_role[norm(person)]), 1 if name_key(person) in known else 0)

    return [c for c in claims if not (c.slot == "cast" and is_character(c.fields.person))]


def _played(claims: list[Claim], canonical: dict[str, str], characters: dict[str, set[str]]) -> dict[str, set[str]]:
    """The characters each (canonical) person is credited with in these claims."""
    played: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        if c.slot == "cast" and c.fields.character:
            played[canonical[c.fields.person]].add(_character_of(c.fields.character, characters))
    return played


def _same_character_links(claims: list[Claim], canonical: dict[str, str],
                          characters: dict[str, set[str]]) -> list[list[str]]:
    """Two spellings of a name that play the same character, or hold the same crew role, in one
    work are one person, even past the romanisation rules ("Lee Byung-hun" and a typo "Lee
    Byung-hung"); look-alikes credited with different characters stay apart."""
    played = defaultdict(set, {p: {norm(x) for x in xs} for p, xs in _played(claims, canonical, characters).items()})
    roles: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        if c.slot == "crew":
            roles[canonical[c.fields.person]].add(c.fields.role)
    people = sorted(set(played) | set(roles))
    links = []
    for i, a in enumerate(people):
        for b in people[i + 1:]:
            if played[a] and played[b] and not played[a] & played[b]:
                continue  # different characters: look-alikes, not one person
            if (played[a] & played[b] or roles[a] & roles[b]) and same_person_by_character(a, b):
                links.append([a, b])
    return links


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
    for canon, spellings in characters.items():
        if name == canon or name in spellings:
            return canon
    return name


def _resolved(c: Claim, canonical: dict[str, str]):
    """The claim's fields with every person's name in its canonical spelling."""
    people = {k: canonical.get(c.fields[k], c.fields[k]) for k in SLOTS[c.slot].people if c.fields.get(k)}
    return c.fields.replace(**people) if people else c.fields


def _key(c: Claim, canonical: dict[str, str]) -> tuple:
    spec = SLOTS[c.slot]
    fields = _resolved(c, canonical)
    if c.slot == "cast":  # the season a cast line is about is the claim's, not the sheet's
        fields = fields.replace(season=c.season)
    return (c.slot, *spec.identity(fields))


def _fact(key: tuple, group: list[Claim], canonical: dict[str, str], characters) -> _Group:
    slot = key[0]
    group.sort(key=lambda c: (c.published or "", CERTAINTY_RANK[c.certainty]), reverse=True)
    positive = [c for c in group if c.polarity and c.certainty != "denied"]
    best = max(positive or group, key=lambda c: CERTAINTY_RANK[c.certainty])
    if positive:
        group = positive + [c for c in group if not c.polarity and c.certainty == "denied"]
    fields = _resolved(best, canonical)
    if slot == "cast":
        named = Counter(_character_of(c.fields.character, characters) for c in group if c.fields.character)
        fields = fields.replace(character=named.most_common(1)[0][0] if named else None, season=key[2])
    elif slot == "source_material":
        value = max((c.fields.value for c in group), key=lambda v: sum(ch.isupper() for ch in v))
        extra = {k: next((c.fields.get(k) for c in group if c.fields.get(k)), None) for k in ("author", "publisher", "years")}
        if extra["author"]:
            extra["author"] = canonical.get(extra["author"], extra["author"])
        fields = fields.replace(value=value, **extra)
    elif slot == "renewal":
        fields = fields.replace(date=min((c.fields.date for c in group if c.fields.date), default=None))
    evidence = [Evidence(c.doc, c.start, c.end, c.quote, c.published, c.certainty, c.rule) for c in group]
    fact = Fact(slot=slot, fields=fields, status="current", certainty=best.certainty, evidence=evidence,
                sources=_independent_sources(group))
    return _Group(fact, group)


def _independent_sources(group: list[Claim]) -> int:
    """Documents repeating one report nearly word for word (syndication) count once."""
    reps: list[tuple[str, str]] = []
    for c in group:
        if any(doc == c.doc or fuzz.ratio(quote, c.quote) >= 90 for doc, quote in reps):
            continue
        reps.append((c.doc, c.quote))
    return len(reps)


def _supersedes(new: _Group, old: _Group) -> bool:
    """Newer and at least as firm (reported is firm enough to replace official news)."""
    return new.latest > old.latest and new.rank >= min(old.rank, CERTAINTY_RANK["reported"])


def _set_status(groups: list[_Group], season: int | None, as_of: str | None) -> None:
    for g in groups:
        f = g.fact
        spec = SLOTS[f.slot]
        if spec.seasonal and f.fields.get("season") is not None and season and f.fields.season < season:
            f.status = "historical"
        elif spec.people and f.slot != "source_material" and any(not c.polarity or c.certainty == "denied"
                                                                 for c in g.claims):
            denial = max((c.published or "") for c in g.claims if not c.polarity or c.certainty == "denied")
            confirmed = any(c.polarity and CERTAINTY_RANK[c.certainty] >= 3 and (c.published or "") > denial
                            for c in g.claims)
            f.status, f.certainty = ("current", f.certainty) if confirmed else ("disputed", "denied")
    for slot in SINGLE:
        group = [g for g in groups if g.fact.slot == slot]
        live = []
        for g in group:
            # a window that passed expires, unless it passed because the season came out
            came_out = any(c.rule.startswith("premiere.") for c in g.claims)
            # a firm exact day that passed is the day it came out, unless newer news moves it
            day = (slot == "release" and g.claims[0].fields.lo == g.claims[0].fields.hi
                   and g.rank >= CERTAINTY_RANK["reported"]
                   and not any(h.latest > g.latest and h.rank >= g.rank for h in group if h is not g))
            passed = slot == "release" and as_of and str(g.claims[0].fields.hi or "9999") < as_of and not came_out \
                and not day
            if all(c.superseded_in_text for c in g.claims) or passed:
                g.fact.status = "superseded"
            else:
                live.append(g)
        for g in live:
            if any(_supersedes(h, g) for h in live if h is not g):
                g.fact.status = "superseded"
        standing = [g for g in live if g.fact.status == "current"]
        if len(standing) < 2:
            continue
        if slot == "production":
            # one current stage: the newest; of one article's two stages ("wrapped in October, now
            # in post-production") the later; a postponement only where no stage is newer
            top = max(standing, key=lambda g: (g.latest, STAGES.index(g.fact.fields.value)
                                               if g.fact.fields.value in STAGES else -1))
            for g in standing:
                if g is not top and g.latest <= top.latest:
                    g.fact.status = "superseded"
        elif slot == "platform":
            top = max(standing, key=lambda g: (g.fact.sources, g.rank))
            for g in standing:
                if g is not top:
                    g.fact.status = "superseded"
        else:
            # the firmer source wins; equally firm ones that disagree are disputed, unless one is
            # the others made exact ("June 2024" and "June 16, 2024": the exact date answers)
            best = max(g.rank for g in standing)
            tied = [g for g in standing if g.rank == best]
            sharpest = _inside_all(tied) if slot == "release" and len(tied) > 1 else None
            for g in standing:
                if g.rank < best or (sharpest is not None and g is not sharpest):
                    g.fact.status = "superseded"
                else:
                    g.fact.status = "current" if len(tied) == 1 or sharpest is not None else "disputed"


def _inside_all(groups: list[_Group]) -> _Group | None:
    """The release window that lies inside every other one, if there is one."""
    def bounds(g: _Group) -> tuple[str, str]:
        f = g.claims[0].fields
        return str(f.lo or ""), str(f.hi or "")
    for g in sorted(groups, key=lambda g: (bounds(g)[1] > bounds(g)[0], bounds(g))):
        lo, hi = bounds(g)
        if lo and all(bounds(h)[0] <= lo and hi <= bounds(h)[1] for h in groups if h is not g):
            return g
    return None


def _timeline(claims: list[Claim]) -> list[dict]:
    """How the release answer moved, source by source."""
    rows = [{"date": c.published, "doc": c.doc, "value": c.fields.value, "certainty": c.certainty,
             "attribution": c.attribution, "quote": c.quote, "start": c.start, "end": c.end,
             "superseded_in_text": c.superseded_in_text, "rule": c.rule}
            for c in claims if c.slot == "release"]
    rows.sort(key=lambda r: (r["date"] or "", r["start"]))
    return rows
