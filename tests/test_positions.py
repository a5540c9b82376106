"""Stance triggers, holders, speakers and targets of positions."""

from models.lexicon import default_knowledge
from models.parties import DocumentContext, Leader
from models.positions import analyze, positions_from, sentence_spans
from models.schema import Paragraph


def run(text: str, parties=("Chile", "Peru"), **kw):
    ctx = DocumentContext(parties=parties, voice=parties, **kw)
    para = Paragraph("d:0", "d", 0, text)
    out = positions_from(para, analyze(para, ctx, default_knowledge()))
    for p in out:
        assert p.evidence in text
    return out


def test_positions_reported_speech_sets_holder_and_speaker():
    out = run("Chile firmly supports Peru in its bid for the summit, Putin said.")
    assert [(p.holders, p.speaker, p.stance) for p in out] == [
        (("Russia",), "Vladimir Putin", "support")
    ]
    assert "bid for the summit" in out[0].target


def test_positions_coordinated_verbs_split_and_inherit():
    out = run("The two sides should expand trade, oppose protectionism and promote tourism.")
    assert [p.stance for p in out] == ["call_for", "oppose", "call_for"]
    assert out[1].target == "protectionism"
    assert all(p.holders == ("Chile", "Peru") for p in out)


def test_positions_framed_noun_stances():
    out = run("Peru expressed concern about the drought.")
    assert [(p.stance, p.target) for p in out] == [("concern", "drought")]
    out = run("Chile reaffirmed its commitment to the peace accord.")
    assert [(p.stance, p.target) for p in out] == [("commit", "peace accord")]


def test_positions_pronoun_uses_last_person():
    out = run("He welcomed the new fisheries accord.", last_person=Leader("Gabriel Boric", "Chile"))
    assert [(p.holders, p.speaker, p.stance) for p in out] == [
        (("Chile",), "Gabriel Boric", "welcome")
    ]


def test_positions_noun_uses_do_not_trigger():
    assert run("Peru held a welcome ceremony with the support of local leaders.") == []


def test_positions_nothing_without_holder_or_stance():
    assert run("The meeting lasted two hours in a friendly atmosphere.") == []


def test_positions_sentence_spans_keep_abbreviations():
    text = "The U.S. President spoke. Then Mr. Lee left."
    assert [text[a:b].strip() for a, b in sentence_spans(text)] == [
        "The U.S. President spoke.",
        "Then Mr. Lee left.",
    ]
