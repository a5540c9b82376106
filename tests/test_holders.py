"""Holder resolution: collective subjects, companies, pronouns."""

from models.context import DocumentContext
from models.holders import subject
from models.lexicon import default_knowledge


def holders_of(text: str, parties=("Chile", "Peru")) -> tuple[str, ...]:
    knowledge = default_knowledge()
    ctx = DocumentContext(parties=parties, voice=parties)
    mentions = knowledge.parties.find(text)
    return subject(text, 0, len(text), mentions, ctx, knowledge)[0]


def test_holders_collective_subjects_mean_every_party():
    assert holders_of("The two sides") == ("Chile", "Peru")
    assert holders_of("Participants in the forum") == ("Chile", "Peru")


def test_holders_preposition_governed_parties_are_not_subjects():
    assert holders_of("Chile, together with Peru,") == ("Chile",)


def test_holders_company_with_party_adjective_is_no_party():
    assert holders_of("A Chilean company") == ()
