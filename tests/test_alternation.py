"""The prefiltered alternations find exactly what the plain regexes find."""

from __future__ import annotations

import random
import re

from models.alternation import Alternation
from models.extract.knowledge import default_knowledge

FILLER = [
    "the",
    "two",
    "sides",
    "agreed",
    "to",
    "deepen",
    "cooperation",
    "in",
    "and",
    "of",
    "on",
    "U.S.",
    "Japan’s",
    "non-proliferation",
    "(",
    ")",
    "—",
    "Côte",
    "naïve",
    "ſecurity",
    "K",
    "re-export",
    "cyber-security",
    "AI-enabled",
    "5G",
    "ai",
    "TRADE",
    "Trade-off",
    "energy-",
]


def _sentences(phrases: list[str], n: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = []
        for _ in range(rng.randint(3, 14)):
            if rng.random() < 0.45:
                word = rng.choice(phrases)
                word = rng.choice([word, word.lower(), word.upper(), word.title(), word + "s"])
                word = word.replace(" ", rng.choice([" ", "-", "  ", "\n"]))
            else:
                word = rng.choice(FILLER)
            words.append(word + rng.choice(["", "", ",", ".", ";", "-", "’s"]))
        out.append(" ".join(words))
    return out


def _spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]


def test_alternation_same_matches_as_plain_regex_on_party_aliases():
    parties = default_knowledge().parties
    phrases = sorted(parties.aliases)[::7] + sorted(parties.leaders)[::3]
    for text in _sentences(phrases, 300, seed=1):
        plain = _spans(parties.pattern.finditer(text))
        assert plain == _spans(m for m, _ in parties.matcher.finditer(text)), text


def test_alternation_keeps_leftmost_first_order_and_backtracking():
    alternatives = [(r"trade\s+agreements?", "trade"), (r"trade", "trade"), (r"tr", "tr")]
    matcher = Alternation(alternatives, ignorecase=True, before=r"(?<![\w-])", after=r"(?!\w)")
    text = "TRADE agreements, trade-off, trader, tr, xtrade"
    got = [(m.group(), i) for m, i in matcher.finditer(text)]
    assert got == [("TRADE agreements", 0), ("trade", 1), ("tr", 2)]
    plain = [m.group() for m in matcher.reference(groups=False).finditer(text)]
    assert plain == [g for g, _ in got]


def test_alternation_folds_unicode_case_like_the_regex():
    matcher = Alternation([("security", "security")], ignorecase=True)
    text = "ſecurity and SECURITY"  # a long s folds to s under re.IGNORECASE
    assert [m.group() for m, _ in matcher.finditer(text)] == ["ſecurity", "SECURITY"]
    assert [m.group() for m in re.finditer("(?i)security", text)] == ["ſecurity", "SECURITY"]


def test_alternation_short_and_empty_heads():
    matcher = Alternation([(r"5G", "5G"), (r"\s*oil", ""), (r"AI", "AI")], ignorecase=False)
    assert [m.group() for m, _ in matcher.finditer("AI, 5G and oil")] == ["AI", "5G", " oil"]
