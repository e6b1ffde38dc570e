"""Cast and crew read from invented articles: who, which role or character, which season, how sure."""
from __future__ import annotations

from whatweknow.pipeline import process
from whatweknow.records import Document
from whatweknow.rules import all_rules

HEAD = "Harbour Lights Season 2: what we know\n\n"
FILLER = ("Fans have been waiting a long time for news about the drama, which became one of the most talked-about "
          "series of its year when it first arrived on the streaming service.\n\n")


def claims(body: str, head: str = HEAD, published: str = "2025-03-01"):
    text = head + f"Published {published}\n\n" + FILLER + body
    result = process(Document(id="a", source="a", text=text, content_hash="x"))
    assert result.document.status == "ok", result.document.reason
    return result.claims


def cast(found):
    return {(c.fields["person"], c.season, c.polarity, c.historical) for c in found if c.slot == "cast"}


def crew(found):
    return {(c.fields["person"], c.fields["role"]) for c in found if c.slot == "crew"}


def test_every_cast_and_crew_claim_names_a_declared_rule():
    rules = all_rules()
    found = claims("Mara Quill and Tobias Wren return for the second season, Netflix confirmed.\n\n"
                   "Newcomer Ines Calloway joins the cast as Juno Vale.\n\n"
                   "Dev Arden will not return.\n\n"
                   "The series was created by Ruth Okoro, who also directed the pilot.\n\n"
                   "Her agency denied that Felix Marr had joined the cast.\n")
    made = [c for c in found if c.slot in ("cast", "crew")]
    assert len(made) >= 6
    assert all(c.rule in rules and rules[c.rule].slot == c.slot for c in made), [c.rule for c in made]


def test_new_cast_members_belong_to_the_new_season_and_the_shows_description_to_the_first():
    found = cast(claims("New cast members include Dev Arden, Ruth Okoro and Felix Marr.\n\n"
                        "The show stars Mara Quill, Tobias Wren and Ines Calloway.\n"))
    assert {("Dev Arden", 2, True, False), ("Ruth Okoro", 2, True, False)} <= found
    assert ("Mara Quill", 1, True, True) in found and ("Mara Quill", 2, True, False) not in found


def test_an_earlier_season_named_before_the_names_makes_the_line_history():
    found = cast(claims("The first season was led by Mara Quill and Tobias Wren, and both could come back.\n"))
    assert {("Mara Quill", 1, True, True), ("Tobias Wren", 1, True, True)} <= found


def test_a_korean_given_name_written_as_two_words_is_one_name():
    found = cast(claims("In the finale, the twin sisters are played by Choi Ye Won and Han Da Bin, Netflix said.\n"))
    assert {p for p, *_ in found} >= {"Choi Ye-won", "Han Da-bin"}


def test_no_verbs_ranks_or_bare_surnames_inside_names():
    found = claims("The new season of the Ruth Okoro-directed series adds Felix Marr as Sheriff Ansel Roe.\n\n"
                   "Director Choi said the cast would return.\n")
    people = {c.fields["person"] for c in found if c.slot in ("cast", "crew")}
    assert "Felix Marr" in people
    assert not any("directed" in p or "Sheriff" in p or p == "Choi" or p == "Ansel Roe" for p in people), people


def certainty(found):
    return {c.fields["person"]: c.certainty for c in found if c.slot == "cast"}


def test_a_reported_announcement_makes_the_cast_lines_after_it_official_but_not_the_hedged_ones():
    found = certainty(claims("At its fan event on Tuesday, the streamer revealed the cast of the second season.\n\n"
                             "Mara Quill and Tobias Wren will star as the twins.\n\n"
                             "We expect that Ines Calloway and Dev Arden will likely return too.\n"))
    assert found["Mara Quill"] == found["Tobias Wren"] == "official"
    assert found["Ines Calloway"] == found["Dev Arden"] == "speculation"


def test_without_an_announcement_a_future_cast_line_is_not_official():
    found = certainty(claims("Mara Quill and Tobias Wren will star as the twins.\n"))
    assert found["Mara Quill"] != "official"


def test_crew_roles_from_credits_joined_by_and():
    found = crew(claims("The premiere is written by Ruth Okoro and Dev Arden and directed by Felix Marr.\n\n"
                        "Tobias Wren and Ines Calloway created the series.\n\n"
                        "Fans met the original director and executive producer, Ama Boateng, on set.\n\n"
                        "Lighting is by Mara Quill, who serves as the director of photography.\n"))
    assert {("Ruth Okoro", "writer"), ("Dev Arden", "writer"), ("Felix Marr", "director"),
            ("Tobias Wren", "creator"), ("Ines Calloway", "creator"),
            ("Ama Boateng", "director"), ("Ama Boateng", "producer")} <= found
    assert not {("Ruth Okoro", "director"), ("Dev Arden", "director"), ("Mara Quill", "director")} & found


def characters(found):
    return {c.fields["person"]: c.fields["character"] for c in found if c.slot == "cast"}


def test_who_plays_whom_in_list_lines_title_roles_and_role_first_brackets():
    found = characters(claims("The cast members joining Mara Quill in the second season are:\n\n"
                              "Ines Calloway as Juno\n\nDev Arden as Ansel Roe\n\n"
                              "Mara Quill leads the cast in the title role.\n\n"
                              "Undercover cop Hana Loring (Ruth Okoro) returns for the second season.\n"))
    assert found["Ines Calloway"] == "Juno" and found["Dev Arden"] == "Ansel Roe"
    assert found["Mara Quill"] == "Harbour Lights"
    assert found["Ruth Okoro"] == "Hana Loring" and "Hana Loring" not in found


def test_off_screen_jobs_and_characters_in_apposition_are_not_cast():
    found = claims("Ama Boateng, CEO of the studio, said the cast is back for the second season.\n\n"
                   "In the finale the spirit of Juno Vale, played by Ruth Okoro, passes into Hana Loring, my character, "
                   "Mara Quill said about the second season.\n\n"
                   "Dev Arden as Dr. Ansel Roe returns for the second season.\n")
    people = {c.fields["person"] for c in found if c.slot == "cast"}
    assert "Ama Boateng" not in people and "Juno Vale" not in people and "Hana Loring" not in people
    assert characters(found)["Ruth Okoro"] == "Juno Vale"
    assert characters(found)["Dev Arden"] == "Dr. Ansel Roe"


def test_the_show_coming_back_is_no_casting_and_a_character_named_in_the_plot_is_no_person():
    found = claims("Studio boss Ama Boateng says the show will return for a third season.\n\n"
                   "In the second season, Mara Quill plays a nurse who works for a mysterious doctor named Ansel Roe.\n")
    people = {c.fields["person"] for c in found if c.slot == "cast"}
    assert "Ama Boateng" not in people and "Ansel Roe" not in people and "Mara Quill" in people


def test_family_relations_first_names_in_brackets_and_producers_alongside():
    found = claims("The siblings are back for the second season, including Juno (Ines Calloway) and Ansel (Dev Arden).\n\n"
                   "Felix Marr will play Tobin Roe, son of Harlan Roe, in the second season.\n\n"
                   "Ruth Okoro takes over as showrunner, with Mara Quill remaining an executive producer alongside Ama Boateng.\n")
    chars = characters(found)
    assert chars.get("Ines Calloway") == "Juno" and chars.get("Dev Arden") == "Ansel"
    assert "Harlan Roe" not in chars and "Juno" not in chars
    assert {("Mara Quill", "producer"), ("Ama Boateng", "producer")} <= crew(found)


def test_western_names_with_accents_particles_and_three_words():
    found = cast(claims("New cast members include Élodie Marchetti, Ines van der Berg, Luis Guzmán and Haley Joel Osment.\n"))
    assert {p for p, *_ in found} >= {"Élodie Marchetti", "Ines van der Berg", "Luis Guzmán", "Haley Joel Osment"}


def test_a_role_with_its_actor_in_brackets_and_publications_are_no_people():
    found = claims("The outlets Harbour Daily and Coast Times reported that the second season will centre on "
                   "Juno Vale (played by Mara Quill).\n")
    assert characters(found).get("Mara Quill") == "Juno Vale"
    assert not {"Harbour Daily", "Coast Times", "Juno Vale"} & set(characters(found))


def test_taking_on_the_role_of_producer_is_a_crew_role():
    found = crew(claims("In the second season you will see Mara Quill take on the role of producer for the first time.\n"))
    assert ("Mara Quill", "producer") in found


def test_cast_seen_at_work_belongs_to_the_new_season():
    found = claims("The stars of the show, Mara Quill and Tobias Wren, are currently in Lisbon.\n\n"
                   "Ines Calloway, who is Juno Vale in the show, joined them on set.\n")
    assert {("Mara Quill", 2, True, False), ("Tobias Wren", 2, True, False)} <= cast(found)
    assert characters(found).get("Ines Calloway") == "Juno Vale" and "Juno Vale" not in characters(found)


def test_korean_given_names_run_together_count_as_names():
    found = cast(claims("The second season adds Han Dabin and Choi Yewon to its cast, the streamer said.\n"))
    assert {p for p, *_ in found} >= {"Han Dabin", "Choi Yewon"}


def roles(found):
    return {(c.fields["person"], c.season): c.fields["character"] for c in found if c.slot == "cast"}


def test_a_described_character_in_brackets_and_appears_as_with_a_rank():
    found = claims("The cast of Harbour Lights Season 2 includes Mara Quill, who plays the keeper Juno Vale; "
                   "Tobias Wren (Juno's younger brother Ansel Vale); and Ines Calloway (the ferry cook Dot).\n\n"
                   "Dev Arden appears as Private Felix Marr Kim of the harbour guard.\n")
    got = roles(found)
    assert got[("Tobias Wren", 2)] == "Ansel Vale"
    assert got[("Ines Calloway", 2)] == "Dot"
    assert {c for (p, _), c in got.items() if p == "Dev Arden"} == {"Private Felix Marr Kim"}


def test_words_after_as_that_run_into_another_clause_are_no_character():
    found = claims("Reports have named Mara Quill and Tobias Wren as likely returning leads, but Netflix "
                   "has yet to confirm a single name.\n")
    assert all(c is None for c in roles(found).values())


def test_the_cast_of_the_bare_title_describes_the_show_and_a_hedge_carries_to_also():
    found = claims("The cast of Harbour Lights includes Mara Quill, Tobias Wren and Ines Calloway.\n\n"
                   "Stars likely to return include Dev Arden as Juno and Ruth Okoro as Ansel. "
                   "Felix Marr will also reprise his role as the ferryman.\n")
    assert {(p, s) for p, s, _, _ in cast(found) if p == "Mara Quill"} == {("Mara Quill", 1)}
    felix = [c for c in found if c.slot == "cast" and c.fields["person"] == "Felix Marr" and not c.historical]
    assert felix and all(c.certainty == "speculation" for c in felix)


def test_bring_him_back_returns_the_one_person_named_just_before():
    found = claims("The big unknown is Tobias Wren. His character's fate was left open, and we think the writers "
                   "will find a way to bring him back.\n")
    wren = [c for c in found if c.slot == "cast" and c.fields["person"] == "Tobias Wren"]
    assert [(c.season, c.certainty) for c in wren] == [(2, "speculation")]


def test_earlier_work_in_brackets_after_an_actor_is_nobody():
    found = claims("Returning stars include Mara Quill (Iron Coast, Call Me Maybe), Tobias Wren (the Long Night "
                   "films) and Ines Calloway (Juno Vale).\n")
    people = {p for p, _, _, _ in cast(found)}
    assert {"Mara Quill", "Tobias Wren", "Ines Calloway"} <= people
    assert not people & {"Iron Coast", "Call Me Maybe", "Long Night"}
    assert roles(found).get(("Ines Calloway", 2)) == "Juno Vale"


def test_studios_titles_before_star_and_talk_shows_are_nobody():
    found = claims("Iron Coast star Mara Quill joins the cast, Warner Bros confirmed. Tobias Wren will portray "
                   "the characters Juno and Ansel. Mara Quill will appear on The Kelly Clarkson Show to promote "
                   "the season.\n")
    people = {p for p, _, _, _ in cast(found)}
    assert "Mara Quill" in people
    assert not people & {"Iron Coast", "Warner Bros", "Kelly Clarkson"}


def test_a_released_trailer_makes_the_cast_named_after_it_official():
    found = claims("Netflix has just shared the first full trailer for the new season. Mara Quill returns as "
                   "Juno Vale, and Tobias Wren joins the cast as Ansel.\n")
    quill = [c for c in found if c.slot == "cast" and c.fields["person"] == "Mara Quill"]
    assert quill and all(c.certainty == "official" for c in quill)


def test_a_trailer_still_to_come_makes_nothing_official():
    found = claims("There is no trailer yet. Mara Quill returns as Juno Vale.\n")
    quill = [c for c in found if c.slot == "cast" and c.fields["person"] == "Mara Quill"]
    assert quill and all(c.certainty == "reported" for c in quill)


def test_an_article_opening_on_the_platforms_announcement_makes_its_cast_lines_official():
    text = ("Harbour Lights Season 2 starts shooting\n\nNetflix revealed on Tuesday that production on Harbour Lights "
            "season 2 has begun in Busan, with the whole team back on set for a long shoot through the summer. "
            "Returning are Mara Quill as Juno Vale and Tobias Wren as Ansel.\n\nWhat else we know\n\n"
            "Ines Calloway will also be back for the second season of the drama, which follows a lighthouse family.\n")
    found = process(Document(id="lead", source="lead", text=text, content_hash="lead")).claims
    cert = {c.fields["person"]: c.certainty for c in found if c.slot == "cast" and not c.historical}
    assert cert["Mara Quill"] == cert["Tobias Wren"] == "official"
    assert cert["Ines Calloway"] == "reported"  # past the next heading the announcement no longer speaks


def test_officially_over_is_no_announcement_of_the_cast():
    found = claims("Filming on the second season is officially over. Mara Quill returns as Juno Vale.\n")
    assert {c.certainty for c in found if c.slot == "cast" and c.fields["person"] == "Mara Quill"} == {"reported"}


def test_the_cast_of_a_spin_off_named_in_passing_is_not_the_shows():
    found = claims("Mara Quill returns as Juno Vale. Netflix is also working on a spin-off series titled "
                   "Harbour Lights: Low Tide, starring Ines Calloway and Dev Arden.\n")
    people = {p for p, _, _, _ in cast(found)}
    assert "Mara Quill" in people and not people & {"Ines Calloway", "Dev Arden"}


def test_a_preposition_is_no_title_and_a_later_season_named_after_the_names_wins():
    found = claims("Among the first-season cast members to return are Mara Quill (Juno Vale) and Tobias Wren "
                   "(Ansel).\n\nFollowing Season 1, Ines Calloway and Dev Arden confirmed their appearances in Seasons 2 "
                   "and 3.\n")
    got = {(p, s) for p, s, _, _ in cast(found)}
    assert {("Mara Quill", 2), ("Tobias Wren", 2), ("Ines Calloway", 2), ("Dev Arden", 2)} <= got
    assert not {("Ines Calloway", 1), ("Dev Arden", 1)} & got


def test_companies_awards_and_the_show_itself_are_nobody():
    body = ("Harbour Lights stars Mara Quill as Juno Vale, who works at Gull Industries. The first season was "
            "nominated for Outstanding Directing and Outstanding Writing, and the cast includes Tobias Wren.\n")
    people = {p for p, _, _, _ in cast(claims(body))}
    assert "Mara Quill" in people
    assert not people & {"Harbour Lights", "Gull Industries", "Outstanding Directing", "Outstanding Writing"}


def test_one_bracketed_title_makes_the_lists_brackets_credits_and_the_family_name_a_character():
    found = claims("The new cast includes Mara Quill (Stay Late), Tobias Wren (The Long Night) and Ines Calloway "
                   "(Wreckage), and the season follows Juno Harbour Lights on her travels with showrunner & EP "
                   "Dev Arden.\n", head="Harbour Lights Season 2: what we know\n\n")
    got = roles(found)
    assert {p for p, _ in got} >= {"Mara Quill", "Tobias Wren", "Ines Calloway"}
    assert all(c is None for (p, _), c in got.items() if p in ("Mara Quill", "Tobias Wren", "Ines Calloway"))
    assert not any(p.startswith("EP ") for p, _ in got)


def test_under_a_cast_question_a_line_pairing_roles_and_actors_is_a_cast_line():
    found = claims("Who is in the cast of Harbour Lights season 2?\n\nNothing is confirmed. However, we expect that "
                   "Juno (Mara Quill), Ansel (Tobias Wren) and Dot (Ines Calloway) will likely be back.\n")
    got = {c.fields["person"]: (c.fields["character"], c.certainty) for c in found if c.slot == "cast"}
    assert got["Mara Quill"] == ("Juno", "speculation") and got["Ines Calloway"] == ("Dot", "speculation")


def test_roles_and_actors_outside_a_cast_section_are_no_casting():
    found = claims("When does it come back?\n\nNetflix renewed the drama in May. In the finale, Juno (Mara Quill) "
                   "and Ansel (Tobias Wren) fought on the pier.\n")
    assert not [c for c in found if c.slot == "cast" and not c.historical]


def test_co_wrote_with_gives_both_writers_the_credit():
    assert crew(claims("Ruth Okoro co-wrote the script with Dev Arden.\n")) == {("Ruth Okoro", "writer"),
                                                                                  ("Dev Arden", "writer")}


def test_a_long_run_of_roles_before_a_name_gives_every_role():
    found = claims("“We are thrilled,” co-creator, showrunner, and executive producer Ruth Okoro said in a "
                   "statement provided by the network.\n")
    assert crew(found) == {("Ruth Okoro", "creator"), ("Ruth Okoro", "showrunner"), ("Ruth Okoro", "producer")}


def test_a_dateline_state_a_relatives_name_and_a_company_short_form_are_nobody():
    found = claims("Los Angeles, CA — Mara Quill returns as Juno Vale. Tobias Wren, the younger brother of Iron "
                   "Coast star Dev Arden, joins the cast. Ines Calloway plays a clerk at Gull Industries, and the "
                   "cast of Gull also includes Ruth Okoro.\n")
    people = {p for p, _, _, _ in cast(found)}
    assert {"Mara Quill", "Tobias Wren"} <= people
    assert not people & {"CA", "Dev Arden", "Gull Industries"}


def test_an_english_word_that_is_also_a_korean_surname_opens_no_name():
    from whatweknow.annotate import person_names
    text = "In Harbour: Part 2, Mara Quill will play the keeper, and In Ha-na joins her."
    names = [n.text for n in person_names(text, 0, len(text))]
    assert "In Harbour" not in names and {"Mara Quill", "In Ha-na"} <= set(names)


def test_a_plot_summary_pairs_characters_with_actors_in_the_season_it_names():
    found = claims("At least she has her roommate, Juno Vale (Mara Quill). The first season followed Ansel Roe "
                   "(Tobias Wren), and the second season turns to Dot Marr (Ines Calloway).\n")
    got = {(c.fields["person"], c.season): c.fields["character"] for c in found if c.slot == "cast"}
    assert got[("Mara Quill", 1)] == "Juno Vale" and got[("Tobias Wren", 1)] == "Ansel Roe"
    assert got[("Ines Calloway", 2)] == "Dot Marr"
