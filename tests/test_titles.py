"""Which work an article is about, which season, and which season each sentence speaks of.
Every article here is invented."""
from __future__ import annotations

from whatweknow.dating import infer_range
from whatweknow.pipeline import process
from whatweknow.records import Document
from whatweknow.titles import companion_titles, find_subject, same_work

FILLER = ("Fans have waited a long time for news about the show, which became one of the most talked-about "
          "series of its year when it first arrived on the streaming service and topped the charts for weeks.\n\n")


def run(text: str):
    result = process(Document(id="t", source="t", text=text, content_hash="x"))
    for c in result.claims:
        assert text[c.start:c.end] == c.quote
    return result


def test_a_title_that_is_a_day_name_is_read_where_the_text_uses_it_as_a_title():
    result = run(" date 2024-05-01 While Tuesday season 2 production has been underway for months, "
                 "the cast has kept quiet.\n\n" + FILLER +
                 "Netflix renewed Tuesday for a second season in January 2023.\n")
    assert result.document.status == "ok", result.document.reason
    assert (result.subject.title, result.subject.season) == ("Tuesday", 2)


def test_a_possessive_with_an_opening_quote_still_ties_the_title_to_its_season():
    subject = find_subject("The lead is spilling secrets about Tuesday‘s upcoming second season. "
                           "Filming for the new season of Tuesday has wrapped.")
    assert (subject.title, subject.season) == ("Tuesday", 2)


def test_two_seasons_at_once_give_the_first_and_never_a_work_made_of_season_words():
    subject = find_subject("On June 15, Netflix confirmed the production of seasons 2 and 3 of 'Copper Bell'. "
                           "The original cast will return in Seasons 2 and 3. 'Copper Bell' is based on a webtoon.")
    assert (subject.title, subject.season) == ("Copper Bell", 2)
    assert not any("Season" in o for o in subject.others)


def test_days_of_a_month_are_neither_titles_nor_sequel_numbers():
    subject = find_subject("The studio moved Ember Road: Part Two from October 20 to November 17, and the film "
                           "now opens in theaters in March. The sequel was shot in the desert. The film's "
                           "director called the movie his biggest yet.")
    assert subject.title == "Ember Road: Part Two"


def test_a_film_has_no_season_and_its_number_is_part_of_its_title():
    text = ("Production on Ember Road 2 officially began in July. The sequel to the 2021 film will reach "
            "theaters next year, and the first film's director returns for the movie. "
            "Ember Road: Part Two adds two newcomers to the cast of the film.")
    subject = find_subject(text)
    assert subject.season is None
    assert same_work(subject.title, "Ember Road 2") and same_work(subject.title, "Ember Road: Part Two")
    assert subject.title != "Ember Road"  # that is the first film


def test_a_companion_named_as_a_subtitle_is_another_work():
    text = "Fans can play Copper Bell: The Game in May, while Copper Bell season 2 arrives in the autumn."
    assert companion_titles(text) == ["Copper Bell: The Game"]
    subject = find_subject(text)
    assert subject.title == "Copper Bell" and "Copper Bell: The Game" in subject.others


def test_each_claim_carries_the_season_its_sentence_is_about():
    result = run("Copper Bell Season 2: what we know\n\n" + FILLER +
                 "Copper Bell season 2 will arrive in 2025, and filming has wrapped.\n\n"
                 "Season 3 is already in the works, the producer said.\n\n"
                 "When the first season premiered on Netflix in 2021 it became a hit.\n")
    assert result.subject.season == 2
    by_slot = {(c.slot, c.fields["value"]): c for c in result.claims if c.slot in ("production", "platform")}
    assert by_slot[("production", "wrapped")].season == 2
    assert by_slot[("production", "in_development")].season == 3
    platform = by_slot[("platform", "Netflix")]
    assert platform.season == 2 and not platform.historical  # a platform is the show's, whatever season


def test_a_delay_to_a_year_is_a_future_bound_for_an_undated_article():
    text = ("Copper Bell Season 2\n\nNetflix renewed Copper Bell in June 2022. "
            "Production on the second season has been pushed back to 2025.\n")
    doc = Document(id="d", source="d", text=text, content_hash="y")
    start = text.index("Netflix")
    lo, hi = infer_range(doc, [(start, text.index(".", start) + 1), (text.index("Production"), len(text))])
    assert "2022-06-01" <= lo <= hi < "2025-01-01"
