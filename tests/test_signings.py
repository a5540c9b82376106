"""Signings: titles, signatories, parties, areas."""

from models.lexicon import default_knowledge
from models.parties import DocumentContext
from models.schema import Paragraph
from models.signings import find_signings


def sign(text: str, parties=("Egypt", "Greece")):
    ctx = DocumentContext(parties=parties, voice=parties)
    out = find_signings(Paragraph("d:0", "d", 0, text), ctx, default_knowledge())
    for s in out:
        assert s.evidence in text
    return out


def test_signings_two_named_documents_with_signatories():
    out = sign(
        "Erdogan and Putin signed a Joint Declaration on Grain Exports and a Memorandum of "
        "Understanding on Nuclear Power."
    )
    assert len(out) == 2
    assert out[0].signatories == ("Recep Tayyip Erdoğan", "Vladimir Putin")
    assert out[0].parties == ("Russia", "Turkey")
    assert out[1].areas == ("energy",)


def test_signings_documents_in_areas_go_to_both_sides():
    out = sign("The two sides also signed agreements in such areas as tourism and health.")
    assert len(out) == 1
    assert out[0].parties == ("Egypt", "Greece")
    assert out[0].areas == ("health", "tourism")


def test_signings_laws_are_not_diplomatic_signings():
    assert sign("The President signed into law the bill on farm subsidies.") == []


def test_signings_none_in_plain_text():
    assert sign("The ministers discussed the situation in the region.") == []
