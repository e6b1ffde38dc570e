"""What claims one article yields: slots, values, seasons and certainty, from wording alone."""
from __future__ import annotations

import pytest

from whatweknow.pipeline import process
from whatweknow.records import Document

HEAD = "Glass River Season 2: what we know\n\n"


def claims(body: str, published: str | None = "2024-03-01"):
    text = HEAD + (f"Published {published}\n\n" if published else "") + body
    result = process(Document(id="a", source="a", text=text, content_hash="x"))
    assert result.document.status == "ok", result.document.reason
    for c in result.claims:
        assert text[c.start:c.end] == c.quote
    return result.claims


def of(slot: str, found):
    return [c for c in found if c.slot == slot]


FILLER = ("Fans have been waiting a long time for news about the drama, which became one of the most talked-about "
          "series of its year when it first arrived on the streaming service.\n\n")


def test_release_rumour_speculation_official_and_a_move():
    found = claims(FILLER +
        "An insider told us that Glass River season 2 should arrive in 2024.\n\n"
        "We expect the new season in late 2024 or early 2025.\n\n"
        "Netflix initially announced that the second season would premiere in 2025, but it was later postponed to 2026.\n")
    release = {(c.fields["value"], c.certainty, c.superseded_in_text) for c in of("release", found)}
    assert ("2024", "rumor", False) in release
    assert ("2024-09/2025-04", "speculation", False) in release
    assert ("2025", "official", True) in release
    assert ("2026", "reported", False) in release


def test_first_season_facts_are_historical():
    found = claims(FILLER + "The first season of Glass River premiered in January 2023 and featured twelve episodes.\n"
                   "The show stars Kim Min-ji, Park Seo-yeon and Lee Do-hyun.\n")
    premiere = of("premiere", found)
    assert premiere and premiere[0].fields.asdict() == {"value": "2023-01", "season": 1} and premiere[0].historical
    assert [(c.fields["value"], c.season) for c in of("episodes", found)] == [(12, 1)]
    assert {c.fields["person"] for c in of("cast", found) if c.historical} == {"Kim Min-ji", "Park Seo-yeon", "Lee Do-hyun"}


def test_cast_with_characters_and_hedges():
    found = claims(FILLER + "Kim Min-ji and Park Seo-yeon are expected to return as Ha-eun and Da-in.\n"
                   "Newcomer Choi Woo-jin has been cast as the villain Baek Joon.\n")
    cast = {(c.fields["person"], c.fields["character"], c.season, c.certainty) for c in of("cast", found) if not c.historical}
    assert ("Kim Min-ji", "Ha-eun", 2, "speculation") in cast
    assert ("Park Seo-yeon", "Da-in", 2, "speculation") in cast
    assert ("Choi Woo-jin", "Baek Joon", 2, "reported") in cast
    assert not any(c.fields["person"] == "Baek Joon" for c in of("cast", found))  # a character, not an actor


def test_a_denial_attaches_to_the_person_named_just_before():
    found = claims(FILLER + "Actress Jung Ha-na was rumoured to join the second season of Glass River.\n"
                   "Her agency said that nothing regarding her casting has been decided.\n")
    denied = [c for c in of("cast", found) if c.certainty == "denied"]
    assert [(c.fields["person"], c.polarity) for c in denied] == [("Jung Ha-na", False)]


def test_crew_roles_from_the_ways_articles_name_them():
    found = claims(FILLER + "The series was created by Han Yu-ri and Oh Sang-woo.\n"
                   "Oh Sang-woo directed every episode, and Han Yu-ri wrote the scripts.\n"
                   "\"We want a darker season,\" director Oh Sang-woo told Star Daily.\n")
    crew = {(c.fields["person"], c.fields["role"]) for c in of("crew", found)}
    assert crew == {("Han Yu-ri", "creator"), ("Oh Sang-woo", "creator"), ("Oh Sang-woo", "director"),
                    ("Han Yu-ri", "writer")}


@pytest.mark.xfail(strict=True, reason="the publisher in 'X's Naver webtoon Y' is not read yet")
def test_source_material_with_author_publisher_and_years():
    found = claims(FILLER + "The show is based on Han Yu-ri's Naver webtoon Still Water, which ran from 2015 to 2018.\n")
    [source] = of("source_material", found)
    # "Naver webtoon" names the platform it ran on: the publisher
    assert source.fields.asdict() == {"value": "Still Water", "author": "Han Yu-ri", "publisher": "Naver",
                                      "years": "2015/2018"}


def test_other_shows_mentioned_in_passing_give_no_claims():
    found = claims(FILLER + "Glass River season 2 will arrive in 2025.\n"
                   "Meanwhile, Paper Lanterns, a palace thriller starring Yoon Bo-ra, returns in 2027.\n")
    assert {c.fields["value"] for c in of("release", found)} == {"2025"}
    assert not any(c.fields["person"] == "Yoon Bo-ra" for c in of("cast", found))


def test_renewal_production_and_trailer():
    found = claims(FILLER + "Netflix officially renewed Glass River for a second season in June 2023.\n"
                   "Filming wrapped in October, and the season is now in post-production.\n"
                   "There is no trailer yet.\n")
    assert [(c.fields["value"], c.certainty) for c in of("renewal", found)] == [("renewed", "official")]
    assert {c.fields["value"] for c in of("production", found)} == {"wrapped", "post_production"}
    assert [c.fields["value"] for c in of("trailer", found)] == ["none"]


def test_an_undated_article_gets_a_range_from_what_it_reports():
    result = process(Document(id="u", source="u", content_hash="y", text=HEAD + FILLER +
                              "Netflix renewed the show in June 2022. The new season should arrive in 2024.\n"))
    assert result.document.published is None
    lo, hi = result.document.published_range
    assert "2022-06-01" <= lo <= hi < "2024-01-01"


def test_a_plan_reported_as_past_does_not_bound_an_undated_article():
    result = process(Document(id="p", source="p", content_hash="p1", text=HEAD + FILLER +
                              "Filming was initially expected to start in 2022, but it began in July 2024.\n"))
    lo, hi = result.document.published_range
    assert lo >= "2024-07-01"


def test_fast_forward_to_a_month_dates_the_article():
    result = process(Document(id="f", source="f", content_hash="f1", text=HEAD + FILLER +
                              "Fast forward to March 2025, and fans are still waiting for news.\n"))
    assert result.document.published == "2025-03"
