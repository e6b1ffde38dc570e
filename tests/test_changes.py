"""What changed since a date: the pure function over a work, and `whatweknow changes`."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES
from whatweknow.changes import changes, release_answer_at
from whatweknow.cli import app
from whatweknow.records import Evidence, Fact, Work

runner = CliRunner()


def ev(doc: str, day: str, certainty: str = "reported") -> Evidence:
    return Evidence(doc=doc, start=0, end=4, quote="text", published=day, certainty=certainty)


def fact(slot: str, status: str, certainty: str, *evidence: Evidence, **fields) -> Fact:
    return Fact(slot=slot, fields=fields, status=status, certainty=certainty, evidence=list(evidence))


@pytest.fixture
def work() -> Work:
    """A season announced for 2025 in March, moved to 2026 in September; a cast member added in
    October; an old production stage replaced in September."""
    return Work(title="Harbor Lights", season=2, facts=[
        fact("release", "superseded", "official", ev("a", "2024-03-01", "official"), value="2025"),
        fact("release", "current", "official", ev("b", "2024-09-10", "official"), value="2026"),
        fact("production", "superseded", "reported", ev("a", "2024-03-01"), value="filming", date="2024-03-01"),
        fact("production", "current", "reported", ev("b", "2024-09-10"), value="wrapped", date="2024-09-10"),
        fact("cast", "current", "reported", ev("a", "2024-03-01"), person="Ana Ruiz", character=None, season=2),
        fact("cast", "current", "reported", ev("c", "2024-10-02"), person="Ben Ode", character=None, season=2),
    ])


def test_the_release_answer_on_a_day_is_judged_from_the_evidence_of_that_day(work):
    assert release_answer_at(work, "2024-02-01") is None
    assert release_answer_at(work, "2024-06-01").fields["value"] == "2025"
    assert release_answer_at(work, "2024-12-01").fields["value"] == "2026"


def test_a_window_that_had_passed_by_then_is_not_the_answer(work):
    assert release_answer_at(work, "2026-01-05").fields["value"] == "2026"
    assert release_answer_at(work, "2027-01-05") is None


def test_changes_since_a_date_are_new_moved_and_superseded_facts(work):
    found = [(c.kind, c.date, c.note) for c in changes(work, "2024-06-01")]
    assert found == [
        ("moved", "2024-09-10", "release moved from 2025 to 2026"),
        ("superseded", "2024-09-10", "release 2025 was replaced by 2026"),
        ("superseded", "2024-09-10", "production filming was replaced by wrapped"),
        ("new", "2024-09-10", "production: wrapped"),
        ("new", "2024-10-02", "cast: Ben Ode"),
    ]


def test_nothing_changed_after_the_newest_source(work):
    assert changes(work, "2024-10-02") == []


def test_a_firmer_old_value_is_not_replaced_by_a_weaker_guess():
    w = Work(title="Harbor Lights", season=2, facts=[
        fact("release", "current", "official", ev("a", "2024-03-01", "official"), value="2025"),
        fact("release", "superseded", "speculation", ev("b", "2024-09-10", "speculation"), value="2026"),
    ])
    assert release_answer_at(w, "2024-12-01").fields["value"] == "2025"
    assert [c.kind for c in changes(w, "2024-06-01")] == []  # the guess neither moved nor replaced anything


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("changes") / "w.db"
    assert runner.invoke(app, ["build", "-q", "--db", str(path), str(EXAMPLES / "moonlit-academy")]).exit_code == 0
    return path


def test_the_changes_command_lists_what_changed(db):
    result = runner.invoke(app, ["changes", "Moonlit Academy", "--since", "2025-01-01", "--db", str(db)],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "what changed since 2025-01-01" in result.output
    moved = next(line for line in result.output.splitlines() if " moved " in line)
    assert "2025-06-18" in moved and "to 2026" in moved
    assert "release 2025 was replaced by 2026" in result.output
    quiet = runner.invoke(app, ["changes", "--since", "2030-01-01", "--db", str(db)])
    assert quiet.exit_code == 0 and "nothing new, moved or superseded" in quiet.output


@pytest.mark.parametrize("since", ["2025-13-01", "soon", "2025/01/01"])
def test_a_bad_date_is_one_clear_line(db, since):
    result = runner.invoke(app, ["changes", "--since", since, "--db", str(db)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "not a date" in lines[0] and since in lines[0]


def test_changes_needs_a_store_and_a_known_title(db, tmp_path):
    assert runner.invoke(app, ["changes", "--since", "2025-01-01", "--db", str(tmp_path / "no.db")]).exit_code == 2
    unknown = runner.invoke(app, ["changes", "Nothing Like It", "--since", "2025-01-01", "--db", str(db)])
    assert unknown.exit_code == 1 and "no work matches" in unknown.output
