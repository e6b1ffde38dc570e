"""The commands a user runs, end to end on the bundled example corpus."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES
from whatweknow.cli import app

runner = CliRunner()
REQUIRED_DOC = {"id", "published", "status"}
REQUIRED_FACT = {"slot", "status", "certainty", "evidence"}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "w.db"
    result = runner.invoke(app, ["build", "--db", str(path), str(EXAMPLES / "moonlit-academy")])
    assert result.exit_code == 0, result.output
    assert "7 ok, 0 skipped, 0 rejected" in result.output
    return path


def test_show_puts_the_release_answer_first(db):
    result = runner.invoke(app, ["show", "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert "Moonlit Academy" in lines[0]
    release = next(line for line in lines if line.startswith("Release:"))
    assert "2026" in release and "official" in release
    assert "Seo Ji-hoon" in result.output and "cast" in result.output


def test_export_json_follows_the_contract_and_every_quote_is_checkable(db, tmp_path):
    out = tmp_path / "sheet.json"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "json", "-o", str(out), "--with-text"])
    assert result.exit_code == 0, result.output
    sheet = json.loads(out.read_text())
    assert sheet["schema"] == "whatweknow.factsheet/1" and sheet["as_of"] == "2025-06-18"
    texts = {d["id"]: d["text"] for d in sheet["documents"]}
    assert all(REQUIRED_DOC <= set(d) for d in sheet["documents"])
    [work] = sheet["works"]
    assert {"title", "aliases", "season", "people", "characters", "facts"} <= set(work)
    for fact in work["facts"]:
        assert REQUIRED_FACT <= set(fact) and fact["evidence"]
        for ev in fact["evidence"]:
            assert texts[ev["doc"]][ev["start"]:ev["end"]] == ev["quote"]
            # and against the file on disk, as the scorer reads it
            raw = (EXAMPLES / "moonlit-academy" / f"{ev['doc']}.txt").read_text(encoding="utf-8")
            assert raw[ev["start"]:ev["end"]] == ev["quote"]


def test_export_markdown(db):
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "markdown"])
    assert result.exit_code == 0 and result.output.startswith("# What we know (as of 2025-06-18)")


def test_sources_lists_every_document_with_its_date(db):
    result = runner.invoke(app, ["sources", "--db", str(db)])
    assert result.exit_code == 0
    assert "2025-06-18" in result.output and result.output.count(" ok ") + result.output.count("│ ok") >= 7


def test_timeline_shows_how_the_release_moved(db):
    result = runner.invoke(app, ["timeline", "--db", str(db)])
    assert result.exit_code == 0
    years = [y for y in ("2024", "2025", "2026") if y in result.output]
    assert years == ["2024", "2025", "2026"]
    assert result.output.index("rumor") < result.output.index("official")


def test_rebuilding_the_same_articles_changes_nothing(db, tmp_path):
    before = runner.invoke(app, ["export", "--db", str(db)]).output
    again = runner.invoke(app, ["build", "--db", str(db), str(EXAMPLES / "moonlit-academy")])
    assert again.exit_code == 0 and "7 unchanged" in again.output
    assert runner.invoke(app, ["export", "--db", str(db)]).output == before


def test_as_of_rejudges_time_for_one_look_and_the_stored_sheet_stays(db, tmp_path):
    later = runner.invoke(app, ["show", "--db", str(db), "--as-of", "2027-06-01"])
    assert later.exit_code == 0 and "every window named has passed as of 2027-06-01" in later.output
    again = runner.invoke(app, ["show", "--db", str(db)])
    assert "Release: 2026" in again.output and "(as of 2025-06-18)" in again.output


def test_show_why_prints_each_quote_with_the_rule_that_read_it(db):
    result = runner.invoke(app, ["show", "--db", str(db), "--why"])
    assert result.exit_code == 0 and "Why:" in result.output
    assert "release.window" in result.output and "renewal.renewed" in result.output


def test_a_missing_store_is_one_clear_line(tmp_path):
    result = runner.invoke(app, ["show", "--db", str(tmp_path / "nope.db")])
    assert result.exit_code == 2 and "no such store" in result.output


def test_help_everywhere():
    for command in ([], ["build"], ["show"], ["export"], ["sources"], ["timeline"]):
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output


def test_an_alias_file_forces_and_forbids_merges(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    filler = ("The mystery drama became one of the most watched Korean series of its year, and fans have waited "
              "a long time for any word about what comes next for its students.\n\n")
    (corpus / "a.txt").write_text(
        "Glass River season 2 is coming\n\nPublished 2024-03-01\n\n" + filler + "Netflix confirmed that Glass "
        "River will return for a second season in 2025. The drama stars Kim Min-ji and Han Yu-ri, and Park Solomon "
        "joins the new season as the villain Baek Joon.\n")
    (corpus / "b.txt").write_text(
        "Glass River season 2 cast grows\n\nPublished 2024-04-01\n\n" + filler + "The drama has added Lomon to "
        "the second season of Glass River, and Kim Min-jee returns as Ha-eun. The new season arrives in 2025.\n")
    aliases = tmp_path / "names.yaml"
    aliases.write_text("same:\n  - [Park Solomon, Lomon]\ndifferent:\n  - [Kim Min-ji, Kim Min-jee]\n")
    db = tmp_path / "a.db"
    assert runner.invoke(app, ["build", "--db", str(db), "--aliases", str(aliases), str(corpus)]).exit_code == 0
    sheet = json.loads(runner.invoke(app, ["export", "--db", str(db)]).output)
    people = [sorted([p["name"], *p["aliases"]]) for p in sheet["works"][0]["people"]]
    assert ["Lomon", "Park Solomon"] in people
    assert not any({"Kim Min-ji", "Kim Min-jee"} <= set(group) for group in people)
    bad = tmp_path / "bad.yaml"
    bad.write_text("same: [oops]\n")
    result = runner.invoke(app, ["build", "--db", str(db), "--aliases", str(bad), str(corpus)])
    assert result.exit_code == 2 and "bad.yaml" in result.output
