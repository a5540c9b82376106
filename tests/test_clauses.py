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


def test_clauses_cut_before_a_coordinated_past_stance_verb():
    assert clauses(
        "The leaders reaffirmed the strength of the alliance and committed to meet."
    ) == [
        "The leaders reaffirmed the strength of the alliance",
        "committed to meet.",
    ]
    assert clauses("Peru welcomed the accord and thanked Chile for its help.")[1].startswith(
        "thanked"
    )


def test_clauses_cut_before_a_coordinated_clause_with_its_own_subject():
    out = clauses("Chile praised the plan, and both leaders underscored their resolve to act.")
    assert out == ["Chile praised the plan", "both leaders underscored their resolve to act."]


def test_clauses_cut_before_a_coordinated_framing_verb():
    out = clauses("They reaffirmed their support for Peru and underscored the value of trade.")
    assert out == ["They reaffirmed their support for Peru", "underscored the value of trade."]
