"""Sentence and clause splitting."""

from models.clauses import sentence_spans, split_clauses
from models.lexicon import default_knowledge


def clauses(text: str) -> list[str]:
    lexicon = default_knowledge().stances
    return [text[s.start : s.end].strip() for s in split_clauses(text, 0, len(text), lexicon, [])]


def test_clauses_cut_before_coordinated_verbs_and_semicolons():
    assert clauses("They will expand trade, promote tourism; fisheries remain open.") == [
        "They will expand trade",
        "promote tourism",
        "fisheries remain open.",
    ]


def test_clauses_cut_before_a_second_possessive_frame():
    text = "They reaffirmed their commitment to peace and their determination to end the war."
    assert clauses(text)[1].startswith("their determination")


def test_clauses_noun_lists_stay_whole():
    assert clauses("Trade, tourism and fisheries grew.") == ["Trade, tourism and fisheries grew."]


def test_clauses_sentence_spans_skip_initials():
    text = "Mr. J. Smith arrived. He left."
    assert len(sentence_spans(text)) == 2
