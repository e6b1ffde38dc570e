"""Time expressions live in document offsets, and release, premiere and episode claims come from
named rules: a date of another event is no release window, a move gives its two values."""
from __future__ import annotations

from whatweknow.annotate import sentences
from whatweknow.clean import clean
from whatweknow.extract import release
from whatweknow.extract.certainty import platforms_in
from whatweknow.extract.context import Ctx
from whatweknow.pipeline import process
from whatweknow.records import Document
from whatweknow.rules import RULES, all_rules
from whatweknow.timex import find_times
from whatweknow.titles import Subject, find_subject

HEAD = "Harbor Lights Season 2: everything we know\n\nPublished 2024-03-01\n\n"
FILLER = ("Viewers have waited for news about the drama since its first season became one of the most watched "
          "shows of its year on the streaming service, and the makers have been talking.\n\n")


def ctx_of(body: str) -> Ctx:
    doc = Document(id="t", source="t", text=HEAD + FILLER + body, content_hash="h")
    passages = clean(doc)
    subject = find_subject("\n".join(doc.text[p.start:p.end] for p in passages), "Harbor Lights Season 2")
    return Ctx(doc, passages, sentences(doc, passages), subject, "2024-03-01", "2024-03-01")


def claims(body: str):
    result = process(Document(id="a", source="a", text=HEAD + FILLER + body, content_hash="x"))
    assert result.document.status == "ok", result.document.reason
    return result.claims


def test_time_expressions_are_found_once_in_document_offsets(monkeypatch):
    from whatweknow.extract import context
    calls = []
    monkeypatch.setattr(context, "find_times", lambda s, ref: calls.append(s) or find_times(s, ref))
    ctx = ctx_of("The second season arrives in June 2025. Filming began last month.\n")
    layer = ctx.times()
    assert [ctx.text[t.start:t.end] for t in layer][-2:] == ["June 2025", "last month"]
    read = len(calls)
    assert ctx.times() == layer and len(calls) == read   # each sentence is read once per document
    sent = next(s for s in ctx.sents if "June 2025" in ctx.sentence_text(s))
    [june] = ctx.times(sent)
    [local] = ctx.sentence_times(sent)
    assert ctx.sentence_text(sent)[local.start:local.end] == "June 2025" == ctx.text[june.start:june.end]
    assert local.value.edtf == june.value.edtf == "2025-06"


def test_every_claim_names_a_declared_rule():
    all_rules()
    found = claims("Netflix renewed Harbor Lights for a second season in May 2023.\n\n"
                   "The new season is slated for spring 2025 and will have eight episodes.\n\n"
                   "The first season premiered in January 2023.\n\n"
                   "The drama is based on the 2016 novel The Quiet Pier by Ada Morrow.\n\n"
                   "Filming wrapped in December, and a teaser was released on Netflix.\n")
    assert {c.slot for c in found} >= {"renewal", "release", "episodes", "premiere", "source_material",
                                       "production", "trailer", "platform"}
    assert all(c.rule in RULES and RULES[c.rule].slot == c.slot for c in found)


def test_a_date_of_another_event_is_not_a_release_window():
    found = claims("The cast wrapped filming in October 2024, and the new season returns in 2025.\n")
    assert [c.fields["value"] for c in found if c.slot == "release"] == ["2025"]


def test_part_of_a_season_is_not_its_episode_count():
    found = claims("The new season has ten episodes, and the first two episodes premiere on a Friday.\n")
    assert [c.fields["value"] for c in found if c.slot == "episodes"] == [10]


def test_platform_names_that_are_ordinary_words_count_only_as_names():
    assert platforms_in("It moves to Max in the spring, with the volume at max.") == ["Max"]
    assert platforms_in("Season one streamed on Netflix and tvN.") == ["Netflix", "tvN"]
def test_a_move_gives_the_old_value_superseded_and_the_new_one_current():
    found = claims("The new season was pushed back from 2025 to 2026.\n")
    release = {(c.fields["value"], c.superseded_in_text) for c in found if c.slot == "release"}
    assert release == {("2025", True), ("2026", False)}


def test_a_companion_work_lends_the_subject_neither_its_date_nor_its_episodes():
    found = claims("Netflix renewed the drama in May 2023.\n\n"
                   "The new season has no date yet, but Harbor Lights: The Contest, a cooking contest spun off "
                   "from the drama, premieres in November. It runs for 10 episodes and pits 100 contestants against each other.\n")
    assert not [c for c in found if c.slot in ("release", "episodes")]


def test_a_date_without_a_year_in_a_sentence_about_the_future_lies_after_the_article():
    found = claims("Part one of the new season will land on January 16, with part two later in the year.\n")
    assert [c.fields["value"] for c in found if c.slot == "release"] == ["2025-01-16"]


def test_a_later_seasons_date_is_not_the_articles_release():
    ctx = ctx_of("The second season arrives in 2025, and a third season is planned for 2027.\n")
    ctx.subject = Subject("Harbor Lights", 2)
    release.extract(ctx)
    assert [c.fields["value"] for c in ctx.claims if c.slot == "release"] == ["2025"]


def test_a_ruled_out_year_and_a_filming_move_are_no_release_windows():
    found = claims("Netflix renewed the drama in May 2023.\n\nFans won't see the new season in 2024.\n\n"
                   "The shoot was moved back to 2025.\n")
    assert not [c for c in found if c.slot == "release"]


def test_a_surname_that_is_a_platform_name_is_a_person():
    assert platforms_in("The new cast includes Gemma Fox, who will play a knight.") == []
    assert platforms_in("The drama moves to Fox next year.") == ["FOX"]


def _undated_pair(tmp_path):
    from whatweknow.build import build
    from whatweknow.export import sheet
    from whatweknow.store import Store
    (tmp_path / "dated.txt").write_text(
        "Harbor Lights Season 2: the cast\n\nPublished 2023-06-17\n\n" + FILLER +
        "Netflix renewed Harbor Lights for a second season on Saturday. Mara Quill joins the cast of "
        "Harbor Lights season 2, and Tobias Wren returns for the new season.\n", encoding="utf-8")
    (tmp_path / "undated.txt").write_text(
        "Harbor Lights Season 2 adds a new face\n\n" + FILLER +
        "Mara Quill has joined the cast of Harbor Lights season 2, the streamer said.\n", encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        build([str(tmp_path / "dated.txt"), str(tmp_path / "undated.txt")], store)
        return {d["id"]: d for d in sheet(store)["documents"]}


def test_an_article_with_no_date_anywhere_is_placed_by_the_first_dated_report_of_its_news(tmp_path):
    docs = _undated_pair(tmp_path)
    undated = docs["undated"]
    assert undated["published"] is None and undated["range_from"] == "other articles"
    assert undated["published_range"] == ["2023-06-17", "2024-12-31"]
    assert "range_from" not in docs["dated"]


def _film_claims(body: str):
    text = ("Iron Coast: Part Two release date moved\n\nPublished 2023-08-28\n\n" + FILLER + body)
    return process(Document(id="film", source="film", text=text, content_hash="film")).claims


def test_a_numbered_films_book_of_the_same_name_is_the_first_films_title():
    found = _film_claims("The studio confirmed Iron Coast: Part Two will open in March. The film is based on Ruth "
                         "Okoro's novel of the same name, and the sequel opens in theaters on March 15, 2024.\n")
    assert {c.fields["value"] for c in found if c.slot == "source_material"} == {"Iron Coast"}


def test_a_delayed_release_is_no_postponed_production():
    found = _film_claims("The studio delayed the release of Iron Coast: Part Two from November to March 15, 2024, "
                         "and the sequel opens in theaters then.\n")
    assert not [c for c in found if c.slot == "production" and c.fields["value"] == "postponed"]
