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
        "Understanding on Nuclear Power.",
        parties=("Russia", "Turkey"),
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


def test_signings_future_and_intended_signings_do_not_count():
    assert not sign("Egypt and Greece will sign a Memorandum of Understanding on energy.")
    assert not sign("Egypt intends to sign the Artemis Accords later this year.")
    assert not sign("The two sides launched negotiations toward concluding a Trade Agreement.")
    assert not sign("They look forward to signing an Agreement on Science and Technology.")


def test_signings_recalled_signings_do_not_count():
    assert not sign("The leaders recalled the signing of the Framework Agreement in 2008.")
    assert not sign("They marked the anniversary of the signing of the Treaty of Friendship.")


def test_signings_nth_nation_to_sign_did_sign():
    out = sign("Egypt became the 21st nation to sign the Artemis Accords.")
    assert [s.document for s in out] == ["Artemis Accords"]


def test_signings_questions_report_nothing():
    assert not sign("Did Egypt and Greece sign the Energy Agreement?")


def test_signings_generic_reference_merges_into_the_signed_document():
    from models.signings import merge_signings

    first = sign("Egypt and Greece signed the Maritime Boundary Agreement.")
    again = sign("Egypt and Greece signed this agreement after long talks.")
    merged = merge_signings(first + again)
    assert [s.document for s in merged] == ["Maritime Boundary Agreement"]


def test_signings_recalled_from_an_earlier_year_are_not_reported():
    ctx = DocumentContext(parties=("Egypt", "Greece"), voice=("Egypt", "Greece"), year=2024)
    text = "The ministers recalled the Water Accord, signed in March 2019, and its results."
    paragraph = Paragraph("d:0", "d", 0, text)
    assert find_signings(paragraph, ctx, default_knowledge()) == []
    text = "Egypt and Greece signed the Water Accord in Athens in 2024."
    assert len(find_signings(Paragraph("d:1", "d", 1, text), ctx, default_knowledge())) == 1


def test_signings_by_third_countries_are_not_this_texts():
    assert sign("To date, 32 countries have signed the Lunar Accords.") == []
    assert sign("Brazil has signed a trade agreement with Chile.") == []
    out = sign("Egypt signed the Lunar Accords, joining 32 countries.")
    assert [s.parties for s in out] == [("Egypt",)]


def test_signings_new_agreement_between_others_is_not_a_signing():
    assert sign("The new agreement between Brazil and Chile will open markets.") == []
