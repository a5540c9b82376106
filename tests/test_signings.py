"""Signings: titles, signatories, parties, areas."""

from models.context import DocumentContext
from models.lexicon import default_knowledge
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


def test_signings_on_behalf_of_gives_party_and_named_signers():
    out = sign(
        "Dr. Maria Lopes Santos, Minister of Energy, signed the Solar Charter on behalf of Greece, "
        "while Omar Haddad, head of the grid agency, signed the Charter on behalf of Egypt.",
    )
    from models.signings import merge_signings

    merged = merge_signings(out)
    assert len(merged) == 1
    assert merged[0].document == "Solar Charter"
    assert merged[0].signatories == ("Maria Lopes Santos", "Omar Haddad")
    assert merged[0].parties == ("Egypt", "Greece")


def test_signings_new_agreement_between_parties_counts():
    out = sign("The new agreements between Egypt and Greece will link their power grids.")
    assert len(out) == 1
    assert out[0].parties == ("Egypt", "Greece")
    assert "will" not in out[0].document
