"""An announcement or a hedge governs the clauses it scopes, and no further."""
from __future__ import annotations

from whatweknow.extract.certainty import certainty_at


def at(sentence: str, words: str) -> str:
    start = sentence.index(words)
    return certainty_at(sentence, start, start + len(words))


def test_an_announcement_governs_the_clauses_after_it():
    s = "The studio revealed the drama will come back with a longer run, ten episodes, next spring."
    assert at(s, "next spring") == "official"


def test_a_hedge_governs_a_list_that_follows_it():
    s = "We expect the show to bring back its lead, its villain, and the detective in 2026."
    assert at(s, "2026") == "speculation"


def test_a_contrast_or_a_new_subject_ends_the_scope():
    assert at("Netflix confirmed the cast, but the premiere is set for 2026.", "2026") == "reported"
    assert at("Fans expect a long wait, and the network will show it in 2026.", "2026") == "reported"


def test_a_subordinate_announcement_does_not_govern_the_main_clause():
    s = "While the studio first announced a spring date, its release was later moved to the autumn."
    assert at(s, "the autumn") == "reported"


def test_a_statement_released_by_an_official_party_is_official():
    s = "In a photo shared by the studio, the two leads stand on a pier."
    assert at(s, "the two leads") == "official"


def test_an_announcement_frames_the_plain_statements_after_it_and_a_spokesperson_stays_official():
    from whatweknow.pipeline import process
    from whatweknow.records import Document

    text = ("Harbor Lights Season 2: everything we know\n\nPublished 2024-03-01\n\n"
            "Viewers have waited for news about the drama since its first season became one of the most watched "
            "shows of its year on the streaming service, and the makers have been talking.\n\n"
            "Netflix revealed the first details of Harbor Lights season 2 at its fan event on Saturday. "
            "The new season has eight episodes.\n\n"
            "The update came from Netflix chief Dana Holt at a panel. Holt added that filming is complete.\n\n"
            "Fans think the finale was reshot. It may have ten episodes.\n")
    claims = process(Document(id="a", source="a", text=text, content_hash="x")).claims
    assert {(c.fields["value"], c.certainty) for c in claims if c.slot == "episodes"} == {
        (8, "official"), (10, "speculation")}
    assert [c.certainty for c in claims if c.slot == "production"] == ["official"]
