"""Every extraction rule reads what its own examples say it reads, and no gate hides a rule."""
from __future__ import annotations

import pytest

from whatweknow.rules import GATES, RULES, all_rules

all_rules()


@pytest.mark.parametrize("name", sorted(RULES))
def test_rule_matches_its_examples_and_rejects_its_counter_examples(name):
    r = RULES[name]
    assert r.matches, f"{name} has no example sentence"
    for s in r.matches:
        assert r.search(s), f"{name} should match: {s!r}"
    for s in r.rejects:
        assert not r.search(s), f"{name} should not match: {s!r}"


@pytest.mark.parametrize("name", sorted(RULES))
def test_a_rules_own_gate_admits_its_examples(name):
    r = RULES[name]
    for s in r.matches:
        assert r.admits(s), f"the gate of {name} does not admit its own example {s!r}"


@pytest.mark.parametrize("name", sorted(GATES))
def test_a_slot_gate_admits_every_example_of_the_rules_it_guards(name):
    g = GATES[name]
    for rule_name in g.guards:
        for s in RULES[rule_name].matches:
            assert g.search(s), f"gate {name} hides {rule_name}: it does not admit {s!r}"


def test_rule_names_are_slot_prefixed():
    for name, r in RULES.items():
        assert name.split(".")[0] == r.slot, f"{name} is declared for slot {r.slot}"
