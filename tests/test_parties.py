"""Party normalization and mention finding."""

import pytest

from models.extract.knowledge import default_knowledge
from models.parties import find_parties, normalize_party


@pytest.mark.parametrize(
    ("name", "party"),
    [
        ("the People's Republic of China", "China"),
        ("Russian Federation", "Russia"),
        ("U.S.", "United States"),
        ("Korea, Republic of", "South Korea"),
        ("Viet Nam", "Vietnam"),
        ("Türkiye", "Turkey"),
        ("Iran, Islamic Republic of", "Iran"),
        ("Moscow", "Russia"),
        ("Xi Jinping", "China"),
        ("Chinese", "China"),
        ("KOR", "South Korea"),
        ("ASEAN", "ASEAN"),
    ],
)
def test_parties_normalize_any_form(name, party):
    assert normalize_party(name) == party


def test_parties_find_leaders_demonyms_capitals():
    text = "Japanese Prime Minister Kishida said Beijing and the U.S. should talk, as did Putin."
    assert find_parties(text) == ("China", "Japan", "Russia", "United States")


def test_parties_ignore_sea_names_and_nbsp():
    assert find_parties("Ships sailed in the South China Sea.") == ()
    assert find_parties("Talks between the United\xa0States and Kenya") == (
        "Kenya",
        "United States",
    )


def test_parties_leader_by_year():
    index = default_knowledge().parties
    assert index.leader("Rutte", 2023).party == "Netherlands"
    assert index.leader("Rutte", 2025).party == "NATO"
