"""Transcripts: speaker labels, press questions and moderators, small talk in spoken turns."""

from models.context import DocumentContext
from models.extract import extract
from models.lexicon import default_knowledge
from models.schema import Document, Paragraph
from models.turns import speaker_turn


def transcript(text: str, title: str = "Remarks by President Biden and President Macron of France"):
    paras = [p for p in text.split("\n\n") if p.strip()]
    doc = Document(id="t", title=title, text=text, date="2022-06-01", source="whitehouse")
    ps = [Paragraph(f"t:{i}", "t", i, p) for i, p in enumerate(paras)]
    ex = extract(doc, ps)
    for rec in (*ex.areas, *ex.positions, *ex.signings):
        assert rec.evidence in ps[int(rec.paragraph_id.split(":")[1])].text
    return ex


def test_turns_caps_label_sets_speaker_for_following_paragraphs():
    ex = transcript(
        "PRESIDENT MACRON:  Good afternoon.\n\n"
        "We strongly support the reform of the World Trade Organization.\n\n"
        "PRESIDENT BIDEN:  We will provide new funding for clean energy in Africa."
    )
    got = {(p.holders, p.stance) for p in ex.positions}
    assert (("France",), "support") in got
    assert (("United States",), "commit") in got


def test_turns_press_questions_and_moderators_state_nothing():
    ex = transcript(
        "Q    Mr. President, will you support sanctions on the regime?\n\n"
        "And we must reject this deal, right.\n\n"
        "MODERATOR:  We welcome questions on energy cooperation.\n\n"
        "PRESIDENT BIDEN:  We condemn the attack on the dam."
    )
    assert [(p.holders, p.stance) for p in ex.positions] == [(("United States",), "oppose")]
    assert not ex.areas


def test_turns_named_subject_in_a_turn_is_the_speakers_position():
    ex = transcript(
        "PRESIDENT MACRON:  France and the United States should deepen cooperation on vaccines."
    )
    assert [p.holders for p in ex.positions] == [("France",)]


def test_turns_pleasantries_state_nothing_but_thanks_for_something_do():
    ex = transcript(
        "PRESIDENT BIDEN:  Thank you, Mr. President. Welcome to Washington.\n\n"
        "Thank you very much. It's good to see you.\n\n"
        "And thank you for your support for the people of Ukraine."
    )
    assert [(p.stance, p.target) for p in ex.positions] == [
        ("welcome", "your support for the people of Ukraine")
    ]


def test_turns_hedged_talk_is_not_a_commitment():
    ex = transcript(
        "PRESIDENT BIDEN:  I think we will have a lot to talk about. Maybe I should start.\n\n"
        "We will send more vaccines to Africa."
    )
    assert [p.stance for p in ex.positions] == ["commit"]
    assert "vaccines to Africa" in ex.positions[0].target


def test_turns_headings_with_colons_are_not_labels():
    k = default_knowledge()
    ctx = DocumentContext(parties=("Kenya", "United States"), home="United States")
    assert (
        speaker_turn("Enhanced Maritime Security Cooperation: The two sides", ctx, k.parties) == 0
    )
    assert speaker_turn("DEFENSE AND SECURITY: The two sides agreed", ctx, k.parties) == 0
    assert not ctx.silent and ctx.label_speaker is None


def test_turns_the_president_label_is_the_publishing_governments_president():
    k = default_knowledge()
    ctx = DocumentContext(parties=("China", "United States"), home="United States", year=2022)
    assert speaker_turn("THE PRESIDENT:  Thank you.", ctx, k.parties) > 0
    assert ctx.label_speaker.party == "United States"
    assert speaker_turn("MR. SMITHERS:  Next question.", ctx, k.parties) > 0
    assert ctx.silent and ctx.label_speaker is None


def test_turns_you_as_subject_is_the_other_speakers_party():
    ex = transcript(
        "PRESIDENT MACRON:  Good afternoon.\n\n"
        "PRESIDENT BIDEN:  Mr. President, your country will send new funding for clean energy.\n\n"
        "Thank you for your support of the solar alliance."
    )
    got = {(p.holders, p.stance) for p in ex.positions}
    assert (("France",), "commit") in got
    assert (("United States",), "welcome") in got
    assert any("solar alliance" in p.target for p in ex.positions if p.stance == "welcome")


def test_turns_you_and_a_leader_signed_gives_both_parties():
    ex = transcript(
        "PRESIDENT BIDEN:  Good afternoon.\n\n"
        "PRESIDENT MACRON:  Last month, you and I signed a bilateral energy agreement."
    )
    assert [s.parties for s in ex.signings] == [("France", "United States")]
    assert set(ex.signings[0].signatories) == {"Emmanuel Macron", "Joe Biden"}


def test_turns_you_know_is_not_the_other_party():
    ex = transcript(
        "PRESIDENT MACRON:  Good afternoon.\n\n"
        "PRESIDENT BIDEN:  You know, we will provide new funding for clean energy."
    )
    assert {p.holders for p in ex.positions} == {("United States",)}
