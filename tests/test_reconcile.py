"""How claims from many articles become facts: supersession, passed windows, disputes,
denials, historical seasons and independent sources."""
from __future__ import annotations

from whatweknow.reconcile import reconcile
from whatweknow.records import Claim
from whatweknow.timex import interval, normalize


def claim(doc, slot, fields, certainty="reported", published="2024-01-01", season=2, quote=None, **kw):
    if slot == "release":
        v = interval(*fields["value"].split("/")) if "/" in fields["value"] else normalize(fields["value"])
        fields = {**fields, "lo": v.lo, "hi": v.hi}
    quote = quote or f"{doc} says {slot} {fields}"
    return Claim(doc=doc, slot=slot, fields=fields, start=0, end=len(quote), quote=quote, certainty=certainty,
                 work="Glass River", season=season, published=published, **kw)


def facts(claims, as_of=None, **kw):
    [work] = reconcile(claims, as_of, **kw)
    return {(f.slot, str(f.fields.get("value") or f.fields.get("person"))): f for f in work.facts}


def test_newer_firm_news_supersedes_an_older_rumour_and_passed_windows_expire():
    sheet = facts([
        claim("a", "release", {"value": "2023"}, "rumor", "2022-06-01"),
        claim("b", "release", {"value": "2023-09/2024-04"}, "speculation", "2023-03-01"),
        claim("c", "release", {"value": "2025"}, "official", "2025-04-16", superseded_in_text=True),
        claim("c", "release", {"value": "2026"}, "reported", "2025-04-16"),
    ], as_of="2025-04-16")
    assert sheet["release", "2026"].status == "current"
    assert sheet["release", "2025"].status == "superseded" and sheet["release", "2025"].certainty == "official"
    assert sheet["release", "2023"].status == "superseded"
    assert sheet["release", "2023-09/2024-04"].status == "superseded"


def test_a_newer_guess_does_not_replace_an_official_date():
    sheet = facts([claim("a", "release", {"value": "2025"}, "official", "2024-01-01"),
                   claim("b", "release", {"value": "2026"}, "speculation", "2024-06-01")], as_of="2024-06-01")
    assert sheet["release", "2025"].status == "current"
    assert sheet["release", "2026"].status == "superseded"


def test_equally_firm_sources_that_disagree_on_the_same_day_are_disputed():
    sheet = facts([claim("a", "release", {"value": "2025"}, "reported", "2024-06-01"),
                   claim("b", "release", {"value": "2026"}, "reported", "2024-06-01")], as_of="2024-06-01")
    assert {sheet["release", "2025"].status, sheet["release", "2026"].status} == {"disputed"}


def test_a_denied_casting_is_disputed_and_an_earlier_season_historical():
    sheet = facts([
        claim("a", "cast", {"person": "Jung Ha-na", "character": None, "season": 2}, "speculation", "2024-01-01"),
        claim("a", "cast", {"person": "Jung Ha-na", "character": None, "season": 2}, "denied", "2024-01-01",
              polarity=False),
        claim("b", "cast", {"person": "Kim Min-ji", "character": "Ha-eun", "season": 1}, "reported", season=1,
              historical=True),
    ])
    assert (sheet["cast", "Jung Ha-na"].status, sheet["cast", "Jung Ha-na"].certainty) == ("disputed", "denied")
    assert sheet["cast", "Kim Min-ji"].status == "historical"


def test_spellings_of_one_person_make_one_fact_and_one_person():
    [work] = reconcile([
        claim("a", "cast", {"person": "Park Ji-hu", "character": "On-jo", "season": 2}, "speculation"),
        claim("b", "cast", {"person": "Park Ji-hoo", "character": None, "season": 2}, "speculation"),
        claim("c", "cast", {"person": "Park Ji-hoon", "character": None, "season": 2}, "speculation"),
    ])
    people = {p.name: set(p.aliases) for p in work.people}
    assert len(people) == 2 and any(aliases == {"Park Ji-hoo"} or name == "Park Ji-hoo" for name, aliases in people.items())
    cast = [f for f in work.facts if f.slot == "cast"]
    assert len(cast) == 2 and any(f.fields["character"] == "On-jo" and len(f.evidence) == 2 for f in cast)


def test_a_stage_name_stated_in_the_text_joins_the_legal_name():
    [work] = reconcile([claim("a", "cast", {"person": "Park Solomon", "character": None, "season": 1}, season=1),
                        claim("b", "cast", {"person": "Lomon", "character": None, "season": 1}, season=1)],
                       links=[("Park Solomon", "Lomon")])
    assert [sorted([p.name, *p.aliases]) for p in work.people] == [["Lomon", "Park Solomon"]]


def test_a_user_alias_file_can_forbid_a_merge():
    [work] = reconcile([claim("a", "cast", {"person": "Lee Jae-kyoo", "character": None, "season": 2}),
                        claim("b", "cast", {"person": "Lee Jae-gyu", "character": None, "season": 2})],
                       different=[["Lee Jae-kyoo", "Lee Jae-gyu"]])
    assert len(work.people) == 2


def test_syndicated_copies_count_as_one_source():
    text = "Netflix confirmed that Glass River will return for a second season next year, the company said on Monday."
    sheet = facts([claim("a", "renewal", {"value": "renewed", "date": None}, "official", quote=text),
                   claim("b", "renewal", {"value": "renewed", "date": None}, "official", quote=text + " "),
                   claim("c", "renewal", {"value": "renewed", "date": None}, "reported",
                         quote="The streamer has ordered more episodes of the drama.")])
    assert sheet["renewal", "renewed"].sources == 2
    assert len(sheet["renewal", "renewed"].evidence) == 3


def test_evidence_is_newest_first_and_the_timeline_oldest_first():
    claims = [claim("a", "release", {"value": "2025"}, "rumor", "2023-01-01"),
              claim("b", "release", {"value": "2025"}, "official", "2024-05-01")]
    [work] = reconcile(claims, "2024-05-01")
    [fact] = [f for f in work.facts if f.slot == "release"]
    assert [e.doc for e in fact.evidence] == ["b", "a"] and fact.certainty == "official"
    assert [row["doc"] for row in work.timeline] == ["a", "b"]


def test_two_shows_stay_two_works():
    works = reconcile([claim("a", "release", {"value": "2025"}),
                       Claim(doc="b", slot="release", fields={"value": "2027", "lo": "2027-01-01", "hi": "2027-12-31"},
                             start=0, end=1, quote="x", certainty="reported", work="Crimson Ward", season=3)])
    assert sorted((w.title, [f.fields["value"] for f in w.facts]) for w in works) == \
        [("Crimson Ward", ["2027"]), ("Glass River", ["2025"])]


def test_an_article_about_two_seasons_gives_each_season_its_own_sheet():
    works = reconcile([
        claim("a", "cast", {"person": "Kim Min-ji", "character": None, "season": 2}, season=2),
        claim("b", "cast", {"person": "Kim Min-ji", "character": None, "season": 2}, season=2),
        claim("a", "cast", {"person": "Park Seo-yeon", "character": None, "season": 3}, season=3),
        claim("b", "renewal", {"value": "renewed", "date": None}, season=3),
    ])
    by_season = {w.season: w for w in works}
    assert set(by_season) == {2, 3}
    assert [f.fields.person for f in by_season[2].facts] == ["Kim Min-ji"]
    assert {f.slot for f in by_season[3].facts} == {"cast", "renewal"}


def test_a_later_seasons_plan_is_no_release_answer_for_this_one():
    sheet = facts([claim("a", "release", {"value": "2025"}, "official", "2024-06-01"),
                   claim("b", "release", {"value": "2025"}, "official", "2024-06-01"),
                   claim("a", "release", {"value": "2027"}, "reported", "2024-07-01", season=3)])
    assert ("release", "2027") not in sheet and sheet["release", "2025"].status == "current"


def test_the_premiere_of_the_sheets_own_season_is_its_release_answer():
    sheet = facts([claim("a", "release", {"value": "2024"}, "official", "2023-06-01"),
                   claim("b", "premiere", {"value": "2024-05-16", "season": 2}, "official", "2024-05-20",
                         rule="premiere.past_release")],
                  as_of="2024-05-20")
    assert sheet["release", "2024-05-16"].status == "current"
    assert sheet["release", "2024"].status == "superseded"


def test_one_current_production_stage_and_a_postponement_gives_way_to_a_newer_stage():
    sheet = facts([claim("a", "production", {"value": "postponed", "date": None}, "reported", "2024-01-01"),
                   claim("b", "production", {"value": "filming", "date": None}, "reported", "2024-06-01"),
                   claim("c", "production", {"value": "wrapped", "date": None}, "reported", "2024-11-01")])
    current = [k for k, f in sheet.items() if k[0] == "production" and f.status == "current"]
    assert current == [("production", "wrapped")]


def test_two_spellings_playing_one_character_are_one_person_and_look_alikes_in_other_roles_are_not():
    [work] = reconcile([
        claim("a", "cast", {"person": "Lee Byung-hun", "character": "the Front Man", "season": 2}),
        claim("b", "cast", {"person": "Lee Byung-hung", "character": "the Front Man", "season": 2}),
        claim("c", "cast", {"person": "Kim Jin-won", "character": "Player 101", "season": 2}),
        claim("d", "cast", {"person": "Kim Jin-woo", "character": "Player 230", "season": 2}),
    ])
    people = {p.name: set(p.aliases) for p in work.people}
    assert any({"Lee Byung-hun", "Lee Byung-hung"} <= {name, *aliases} for name, aliases in people.items())
    assert "Kim Jin-won" in people and "Kim Jin-woo" in people


def test_a_named_source_replaces_one_of_the_same_name():
    sheet = facts([claim("a", "source_material", {"value": "Glass River", "author": None, "publisher": None,
                                                  "years": None}),
                   claim("b", "source_material", {"value": "The Drowned Lantern", "author": "Han Yu-ri",
                                                  "publisher": None, "years": None})])
    assert [k for k in sheet if k[0] == "source_material"] == [("source_material", "The Drowned Lantern")]


def test_an_exact_date_inside_an_equally_firm_window_is_that_window_made_exact():
    sheet = facts([claim("a", "release", {"value": "2024-06/2024-06"}, "official", "2024-03-01"),
                   claim("b", "release", {"value": "2024-06-16/2024-06-16"}, "official", "2024-03-01")],
                  as_of="2024-03-01")
    assert sheet["release", "2024-06-16/2024-06-16"].status == "current"
    assert sheet["release", "2024-06/2024-06"].status == "superseded"


def test_a_character_written_outside_the_brackets_swaps_with_the_actor_inside():
    [work] = reconcile([
        claim("a", "cast", {"person": "Song Kang", "character": "Hyun-su", "season": 2}),
        claim("b", "cast", {"person": "Song Kang", "character": None, "season": 2}),
        claim("c", "cast", {"person": "Hyeon Soo", "character": "Song Kang", "season": 2}),  # "Hyeon Soo (Song Kang)"
    ])
    cast = [(f.fields.person, f.fields.character) for f in work.facts if f.slot == "cast"]
    assert cast == [("Song Kang", "Hyun-su")]


def test_a_character_named_for_one_season_carries_to_the_same_person_in_another():
    sheet = reconcile([
        claim("a", "cast", {"person": "Dev Arden", "character": "Sheriff Ansel Roe", "season": 2}),
        claim("b", "cast", {"person": "Dev Arden", "character": None, "season": 1}, season=1, historical=True),
        claim("b", "cast", {"person": "Mara Quill", "character": None, "season": 1}, season=1, historical=True),
    ], None)[0]
    cast = {(f.fields.person, f.fields.season): f.fields.character for f in sheet.facts if f.slot == "cast"}
    assert cast[("Dev Arden", 1)] == cast[("Dev Arden", 2)] == "Sheriff Ansel Roe"
    assert cast[("Mara Quill", 1)] is None


def test_a_firm_release_day_that_passed_is_when_it_came_out_but_a_passed_window_expires():
    sheet = facts([claim("a", "release", {"value": "2025-01-17"}, "reported", "2024-07-10"),
                   claim("b", "release", {"value": "2024-10/2024-12"}, "speculation", "2024-01-01")],
                  as_of="2025-06-02")
    assert sheet["release", "2025-01-17"].status == "current"
    assert sheet["release", "2024-10/2024-12"].status == "superseded"


def test_a_passed_release_day_that_newer_firm_news_moved_stays_superseded():
    sheet = facts([claim("a", "release", {"value": "2023-12-05"}, "reported", "2022-11-01"),
                   claim("b", "release", {"value": "2026"}, "official", "2025-06-18")], as_of="2027-06-01")
    assert sheet["release", "2023-12-05"].status == "superseded"
