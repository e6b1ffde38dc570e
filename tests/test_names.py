"""Tests for whatweknow.names: name keys, Korean romanization folding, clustering, alias files."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whatweknow import names as N
from whatweknow.names import (KOREAN_SURNAMES, cluster_names, is_korean_name, load_alias_file,
                              name_key, same_person)

SAME = [
    ("Park Ji-hu", "Park Ji-hoo"), ("Park Ji-hu", "park ji hu"), ("Park Ji-hu", "Park Jihu"),
    ("Park Ji-hu", "Ji-hu Park"), ("Park Ji-hoo", "Ji-hu Park"), ("Park Ji-hu", "Park Ji-Hu"),
    ("Park Ji-hu", "Park Jihoo"), ("Park Ji-hu", "Pak Ji-hu"), ("Park Ji-hu", "Bak Ji hu"),
    ("Lee Jae-kyoo", "Lee Jae-gyu"), ("Lee Jae-kyoo", "Yi Jae-gyu"), ("Lee Jae-gyu", "Rhee Jaekyoo"),
    ("Kim Bo-yoon", "Kim Bo-yun"), ("Kim Bo-yun", "Bo-yun Kim"), ("Lim Jae-hyeok", "Im Jae-hyuk"),
    ("Roh Yoon-seo", "Noh Yun-seo"), ("Jung Hae-in", "Jeong Hae-in"), ("Jung Hae-in", "Chung Haein"),
    ("Ha Seung-ri", "Ha Seung-Ri"), ("Ha Seung-ri", "Ha Seungri"), ("Ha Seung-ri", "Ha Seung-li"),
    ("Yoon Chan-young", "Yoon Chan-yeong"), ("Kim Tae-hyung", "Kim Tae-hyeong"),
    ("Kim Tae-hyung", "Kim Tae-hyoung"), ("Jeon Jung-kook", "Jeon Jeong-kook"), ("Kim Hyun-joong", "Kim Hyeon-joong"),
    ("Yoon Chul", "Yoon Cheol"), ("Lee Seong-min", "Lee Sung-min"),
    ("Yim Si-wan", "Im Shi-wan"), ("Kim Min-ah", "Kim Mina"), ("Song Kang", "Song Gang"),
    ("Pedro Pascal", "pedro  pascal"), ("Pedro Pascal", "Pédro Pascal"), ("Pedro Pascal", "PEDRO PASCAL"),
    ("Lee Jae-kyoo's", "Lee Jae-kyoo"), ("Lee Jae-kyoo’s", "Lee Jae-kyoo"), ("Chris Evans'", "Chris Evans"),
    ("Lee Jae-kyoo's,", "Lee Jae-kyoo"), ("Park Ji\u00adhu", "Park Ji-hu"), ("Park Ji–hu", "Park Ji-hu"),
    ("Jean-Luc Picard", "Jean Luc Picard"), ("Zoë Kravitz", "Zoe Kravitz"), ("Conan O'Brien", "Conan OBrien"),
    ("Park Solomon", "Park Solomon"),
]
DIFFERENT = [
    ("Park Ji-hu", "Park Ji-hoon"), ("Lee Jae-kyoo", "Lee Jae-wook"), ("Kim Seo-jin", "Kim Su-jin"),
    ("Park Ji-hu", "Kim Ji-hu"), ("Lee Eun-saem", "Lee Eun-sang"), ("Park Solomon", "Lomon"),
    ("Chris Evans", "Chris Evan"), ("Kim Yeon-woo", "Kim Yun-woo"), ("Kim Chae-won", "Kim Jae-won"),
    ("Kim Tae-hee", "Kim Dae-hee"), ("Kim Ji-won", "Kim Ji-woon"), ("Ryu Jun-yeol", "Yoo Jun-yeol"),
    ("Kim Eon-hee", "Kim Un-hee"), ("Ji-hu Park", "Park Ji-hoon"), ("Park Ji-hu", "Jihu"),
    ("Ju Ji-hoon", "Chu Ji-hoon"), ("", "!!!"), ("Ana", "Ána Kim"), ("ガクト", "カクト"),
    ("Андрей", "Андреи"), ("सीता", "सीत"), ("Kim Ji-hoon", "Kim Ji-heon"), ("Song Joong-ki", "Song Jeong-ki"),
    ("Kim Soon-ja", "Kim Seon-ja"), ("Kim So-hyun", "Kim Soo-hyun"),
]


@pytest.mark.parametrize("a,b", SAME)
def test_same_person(a, b):
    assert same_person(a, b) and same_person(b, a)
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a,b", DIFFERENT)
def test_different_people(a, b):
    assert not same_person(a, b) and not same_person(b, a)


@pytest.mark.parametrize("name", ["Park Ji-hu", "Lee Jae-gyu", "Kim Bo-yun", "Park Solomon",
                                  "Ji-hu Park", "park ji hu", "Namgoong Min", "Lee Jae-kyoo's"])
def test_is_korean_name(name):
    assert is_korean_name(name)


@pytest.mark.parametrize("name", ["Pedro Pascal", "Chris Evans", "Lomon", "Kim", "Jean-Paul Park",
                                  "Mary-Kate Kim", "Park J. Hu", "", "박지후", "Kim Ji-hu Jr III"])
def test_not_korean_name(name):
    assert not is_korean_name(name)


def test_surname_list_is_real_and_classes_do_not_overlap():
    for s in ("kim gim lee yi rhee park pak bak choi choe jung jeong chung kang gang cho jo yoon yun "
              "jang chang lim im rim han oh o seo suh shin sin kwon gwon hwang ahn an song jeon jun "
              "chun cheon hong yoo yu you ko go moon mun yang son bae baek paek heo hur huh nam noh roh "
              "no ha ham joo ju chu woo wu gu koo ku min ryu jin na do cha um eom").split():
        assert s in KOREAN_SURNAMES, s
    variants = N._SURNAME_CLASSES.replace("|", " ").split()
    assert len(variants) == len(set(variants)) == len(KOREAN_SURNAMES)
    assert all(s == s.lower() for s in KOREAN_SURNAMES)
    assert N._SURNAME_CLASS["ryu"] != N._SURNAME_CLASS["yu"]
    assert N._SURNAME_CLASS["chun"] == N._SURNAME_CLASS["cheon"] != N._SURNAME_CLASS["jeon"]


def test_unsure_split_keeps_chunk_whole():
    assert N._analyse("solomonsolomon") == (0, "solomonsolomon")  # too many syllables
    assert N._analyse("xyz") == (0, "xyz")
    assert N._analyse("jihu") == (2, "jihu")
    assert N._analyse("jaekyoo") == (2, "jaegyu")  # Jae-kyoo, not Jaek-yoo


# ---- clustering -------------------------------------------------------------------------------

def test_cluster_basic():
    out = cluster_names(["Park Ji-hu", "Park Ji-hoo", "Lee Jae-kyoo", "Lee Jae-gyu", "Lee Jae-wook"])
    assert out == [["Park Ji-hu", "Park Ji-hoo"], ["Lee Jae-kyoo", "Lee Jae-gyu"], ["Lee Jae-wook"]]


def test_cluster_same_and_different():
    base = ["Park Solomon", "Lomon", "Lee Jae-kyoo", "Lee Jae-gyu"]
    assert len(cluster_names(base)) == 3
    merged = cluster_names(base, same=[["Park Solomon", "Lomon"]])
    assert ["Park Solomon", "Lomon"] in merged
    apart = cluster_names(base, different=[["Lee Jae-kyoo", "Lee Jae-gyu"]])
    assert ["Lee Jae-kyoo"] in apart and ["Lee Jae-gyu"] in apart
    # different wins over same; alias entries match spelling case-insensitively
    out = cluster_names(base, same=[["park solomon", "LOMON"]], different=[["Lomon", "Park Solomon"]])
    assert ["Park Solomon"] in out and ["Lomon"] in out


def test_cluster_frequency_order_duplicates_and_bridging():
    out = cluster_names(["Park Ji-hoo", "Park Ji-hu", "Park Ji-hu", "Lomon", "Park Ji-hoo", "Park Jihu",
                         "Park Ji-hu"], same=[["Lomon", "Solomon Park"], ["Solomon Park", "Park Ji-hu"]])
    assert out == [["Park Ji-hu", "Park Ji-hoo", "Lomon", "Park Jihu"]]  # ties: first seen


def test_cluster_different_splits_chain_deterministically():
    names = ["Park Ji-hu", "Park Ji-hoo", "Park Jihu"]
    out = cluster_names(names, different=[["Park Ji-hu", "Park Ji-hoo"]])
    assert out == [["Park Ji-hu", "Park Jihu"], ["Park Ji-hoo"]]
    assert out == cluster_names(names, different=[["Park Ji-hu", "Park Ji-hoo"]])


def test_cluster_rejects_bare_string_group():
    with pytest.raises(TypeError):
        cluster_names(["a"], same=["ab"])


# ---- alias file -------------------------------------------------------------------------------

def test_load_alias_file(tmp_path):
    p = tmp_path / "aliases.yaml"
    p.write_text("same:\n  - [Park Solomon, Lomon]\ndifferent:\n  - ['Lee Jae-kyoo', 'Lee Jae-gyu']\n")
    assert load_alias_file(p) == ([["Park Solomon", "Lomon"]], [["Lee Jae-kyoo", "Lee Jae-gyu"]])
    p.write_text("different: [[A, B]]\n")
    assert load_alias_file(str(p)) == ([], [["A", "B"]])
    p.write_text("")
    assert load_alias_file(p) == ([], [])


@pytest.mark.parametrize("text,fragment", [
    ("same: [[a, b]\n", "invalid YAML"), ("- a\n- b\n", "expected a mapping"),
    ("sme: [[a, b]]\n", "unknown key"), ("same: a\n", "must be a list"),
    ("same: [[a]]\n", "at least two"), ("same: [a, b]\n", "at least two"),
    ("different: [[No, Noh]]\n", "not a name"), ("same: [[Kim, 3]]\n", "not a name"),
])
def test_load_alias_file_errors(tmp_path, text, fragment):
    p = tmp_path / "bad.yaml"
    p.write_text(text)
    with pytest.raises(ValueError) as err:
        load_alias_file(p)
    msg = str(err.value)
    assert fragment in msg and str(p) in msg and "\n" not in msg


def test_load_alias_file_missing(tmp_path):
    with pytest.raises(ValueError, match="cannot read"):
        load_alias_file(tmp_path / "nope.yaml")


# ---- properties -------------------------------------------------------------------------------

SYLLABLES = ["ji", "hu", "hoo", "hoon", "jae", "gyu", "kyoo", "wook", "bo", "yun", "yoon", "seo", "su",
             "jin", "hyeok", "hyuk", "min", "ah", "eun", "sang", "saem", "chan", "young", "yeong", "tae",
             "hee", "won", "seung", "ri", "kyung", "jeong", "jung", "yeon", "woo", "ha", "in", "sol"]
CLASSES = sorted({N._SURNAME_CLASS[s] for s in KOREAN_SURNAMES})
surname_variant = st.sampled_from(sorted(KOREAN_SURNAMES))
given_name = st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=3).flatmap(
    lambda syl: st.sampled_from(["-".join(syl), "".join(syl), "-".join(syl).title()]))


@st.composite
def korean_name(draw, surname=surname_variant):
    s, g = draw(surname), draw(given_name)
    western = "-" in g and draw(st.booleans())
    return f"{g} {s.title()}" if western else f"{s.title()} {g}"


any_name = st.one_of(st.text(max_size=30), korean_name(), st.sampled_from([p for pair in SAME for p in pair]))


@given(st.text())
def test_name_key_never_raises(text):
    assert isinstance(name_key(text), str)
    is_korean_name(text)


@given(any_name, any_name)
def test_same_person_symmetric_and_reflexive(a, b):
    assert same_person(a, a)
    assert same_person(a, b) == same_person(b, a)


@given(st.data())
def test_different_surname_classes_never_merge(data):
    c1, c2 = data.draw(st.lists(st.sampled_from(CLASSES), min_size=2, max_size=2, unique=True))
    by_class = lambda c: st.sampled_from(sorted(s for s in KOREAN_SURNAMES if N._SURNAME_CLASS[s] == c))
    a, b = data.draw(korean_name(by_class(c1))), data.draw(korean_name(by_class(c2)))
    assert is_korean_name(a) and is_korean_name(b)
    assert not same_person(a, b)


@settings(max_examples=200)
@given(st.lists(any_name, max_size=15), st.data())
def test_cluster_is_partition_and_respects_different(names, data):
    pool = sorted(set(names)) or ["x"]
    groups = st.lists(st.lists(st.sampled_from(pool), min_size=2, max_size=3), max_size=3)
    same, different = data.draw(groups), data.draw(groups)
    out = cluster_names(names, same=same, different=different)
    flat = [n for c in out for n in c]
    assert sorted(flat) == sorted(set(names)) and len(flat) == len(set(flat))
    assert out == cluster_names(list(names), same=same, different=different)
    for g in different:
        for i, a in enumerate(g):
            for b in g[:i]:
                if N._literal(a) != N._literal(b):
                    assert not any(a in c and b in c for c in out)
    if not same and not different:  # key equality alone: clusters are exactly the key classes
        assert all(len({name_key(n) for n in c}) == 1 for c in out)
        assert len({name_key(c[0]) for c in out}) == len(out)


def test_a_stage_name_or_a_split_given_name_is_the_one_full_name_it_spells():
    links = N.given_name_links(["Jung Jin-young", "Jinyoung", "Jin Young", "Song Kang", "Kim Mu-yeol"])
    assert sorted(map(sorted, links)) == [["Jin Young", "Jung Jin-young"], ["Jinyoung", "Jung Jin-young"]]


def test_a_given_name_shared_by_two_full_names_links_to_neither():
    assert N.given_name_links(["Jung Jin-young", "Park Jin-young", "Jinyoung"]) == []


def test_a_first_name_alone_is_the_one_full_name_it_starts():
    assert N.first_name_links(["Florence Pugh", "Florence", "Austin Butler"]) == [["Florence", "Florence Pugh"]]
    assert N.first_name_links(["Florence Pugh", "Florence Welch", "Florence"]) == []
    assert N.first_name_links(["Zendaya", "Austin Butler"]) == []
