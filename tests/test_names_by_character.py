"""Two spellings that one work credits with the same character: when they are one person.

The caller (reconcile) brings the evidence that both play the same character; these cases say
how far apart the spellings may be."""
from __future__ import annotations

import pytest

from whatweknow.names import same_person_by_character


@pytest.mark.parametrize("a, b", [
    ("Han Da-bin", "Han Da-bim"),        # one letter off
    ("Kang Tae-il", "Kang Tae-li"),      # two letters swapped
    ("Jang Hye-rim", "Chang Hye-rim"),   # surname variants
    ("Park Ji-hu", "Park Ji-hoo"),       # romanisation rules already say so
    ("Ruth Okoro", "Ruth Okorro"),       # a doubled letter in a Western surname
    ("Felix Marr", "Felix Mar"),
])
def test_a_slip_of_spelling_is_the_same_person(a, b):
    assert same_person_by_character(a, b) and same_person_by_character(b, a)


@pytest.mark.parametrize("a, b", [
    ("Han Da-bin", "Kim Da-bin"),        # another surname
    ("Han Da-bin", "Han Yu-ri"),         # another given name
    ("Ruth Okoro", "Rita Okoro"),        # short first names two letters apart
    ("Ian Roe", "Ian Rae"),              # too short to call a slip
    ("Ruth Okoro", "Ruth Ann Okoro"),
])
def test_other_names_stay_apart_even_for_the_same_character(a, b):
    assert not same_person_by_character(a, b)
