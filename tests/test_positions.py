"""Stance triggers, holders, speakers and targets of positions."""

from models.context import DocumentContext
from models.lexicon import default_knowledge
from models.parties import Leader
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
    out = run(
        "Chile firmly supports Peru in its bid for the summit, Putin said.",
        parties=("Chile", "Peru", "Russia"),
    )
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


def test_positions_holders_kept_to_the_parties_of_the_text():
    assert run("Japan strongly supports the new port project.") == []


def test_positions_will_needs_an_actor():
    assert run("The new program will bring clean water to many villages.") == []
    out = run("Peru will open two consulates in the north.")
    assert [(p.holders, p.stance) for p in out] == [(("Peru",), "commit")]


def test_positions_company_plans_are_not_party_positions():
    assert run("A Chilean company will build a solar plant near the border.") == []


def test_positions_announced_that_is_a_report():
    assert run("Chile announced that the bridge is now open to traffic.") == []
    assert [p.stance for p in run("Chile announced new funding for rural schools.")] == ["commit"]


def test_positions_gerund_list_items_are_not_stances():
    text = "Its priorities include trade; supporting small firms; and combatting illegal logging."
    assert run(text) == []


def test_positions_gerund_means_do_not_inherit_a_base_verb_stance():
    out = run("The two sides will expand trade by supporting small firms, investing in ports.")
    assert [p.stance for p in out] == ["commit"]


def test_positions_list_inside_a_phrase_stays_one():
    out = run(
        "Chile supports the cooperation between the Andean Community and the Pacific Alliance."
    )
    assert len(out) == 1
    out = run("Peru supports the Lima Plan, the Quito Charter and the Cusco Agenda.")
    assert len(out) == 3


def test_positions_possessive_frame_splits_and_holder_from_possessor():
    out = run(
        "The two leaders reaffirmed their commitment to the fisheries accord and their "
        "determination to fight illegal fishing."
    )
    assert [p.stance for p in out] == ["commit", "commit"]
    out = run("The forum reaffirmed Peru’s commitment to open data.")
    assert [(p.holders, p.stance) for p in out] == [(("Peru",), "commit")]


def test_positions_bare_title_refers_to_the_person_introduced():
    ctx_persons = {"Ana Duarte": Leader("Ana Duarte", "Peru", role="Prime Minister")}
    out = run("The Prime Minister welcomed the loan.", persons=ctx_persons)
    assert [(p.holders, p.speaker) for p in out] == [(("Peru",), "Ana Duarte")]


def test_positions_questions_state_nothing():
    assert not run("Should we not all support the reform of the Security Council?")


def test_positions_will_predictions_are_not_commitments():
    out = run(
        "Chile will be able to resolve the conflict. Chile will always fall short. "
        "Chile will provide 500 tonnes of grain to Peru.",
        single_voice=True,
    )
    assert [(p.stance, p.target) for p in out] == [("commit", "500 tonnes of grain to Peru")]


def test_positions_speech_obligation_without_party_subject_is_the_speakers_call():
    out = run(
        "Disputes should be settled by peaceful means.", parties=("Chile",), single_voice=True
    )
    assert [(p.holders, p.stance) for p in out] == [(("Chile",), "call_for")]


def test_positions_it_must_be_said_and_the_need_to_are_not_calls():
    out = run(
        "The Council, it must be said, has failed. Two members referred to the need to act.",
        parties=("Chile",),
        single_voice=True,
    )
    assert out == []


def test_positions_modal_with_oppose_verb_is_oppose():
    out = run("We will counter any attempt to change the status of the city.", parties=("Chile",))
    assert [p.stance for p in out] == ["oppose"]


def test_positions_cleft_sentence_targets_its_focus():
    out = run("It is this solidarity that must endure.", parties=("Chile",), single_voice=True)
    assert [(p.stance, p.target) for p in out] == [("call_for", "solidarity")]


def test_positions_quotations_in_a_speech_are_someone_elses_words():
    out = run(
        "In the words of a poet: “It is hope that must guide us.”",
        parties=("Chile",),
        single_voice=True,
    )
    assert out == []


def test_positions_thanks_target_what_they_are_for():
    out = run("Chile thanked Peru for its support to the flood victims.")
    assert [(p.stance, p.target) for p in out] == [("welcome", "its support to the flood victims")]


def test_positions_obligation_wording_calls_for_subject_or_complement():
    out = run("A stable and open Chile-Peru relationship is required for regional prosperity.")
    assert [(p.stance, p.target, p.holders) for p in out] == [
        ("call_for", "A stable and open Chile-Peru relationship", ("Chile", "Peru"))
    ]
    out = run("Our responsibility as neighbours is to ensure that the border stays open.")
    assert [p.stance for p in out] == ["call_for"]
    assert "border stays open" in out[0].target
    out = run("It is indeed vital that the river treaty is respected.")
    assert [p.stance for p in out] == ["call_for"]
    assert "river treaty" in out[0].target


def test_positions_obligation_ignores_pronoun_subjects():
    assert run("This is vital for us.") == []


def test_positions_invite_states_calls_for_what_follows():
    out = run("We invite all States to join the ocean compact.", parties=("Chile",))
    assert [(p.stance, p.target) for p in out] == [("call_for", "join the ocean compact")]


def test_positions_not_giving_up_supports_and_commits():
    out = run("We cannot give up on the peace process.", parties=("Chile",))
    assert [(p.stance, p.target) for p in out] == [("support", "peace process")]
    out = run("We will not abandon the refugees of the region.", parties=("Chile",))
    assert [(p.stance, p.target) for p in out] == [("commit", "refugees of the region")]


def test_positions_program_subjects_do_not_commit():
    assert run("The Chile-Peru Clean Energy Fund will support solar projects.") == []
    assert run("The partnerships built under the MOU will expand grid access.") == []
    out = run("Through these memoranda, Chile and Peru will expand grid access.")
    assert [(p.stance, p.holders) for p in out] == [("commit", ("Chile", "Peru"))]


def test_positions_thing_subject_states_no_stance():
    assert run("Chile noted how the sale will support many jobs in Peru.") == []
    speech = {"parties": ("Chile",), "single_voice": True}
    assert run("The conference in Lima raised $2 billion in pledges.", **speech) == []
    assert run("The sale will support many jobs in Chile.", **speech) == []


def test_positions_trigger_words_that_are_no_verbs():
    assert run("Chile will help Peru meet growing demands for energy.")[0].stance == "commit"
    assert not [p for p in run("Peru and Chile met to discuss the Build Back Better Agenda.")]
    assert not [p for p in run("Chile warned extremists who advocate for violence.")]
    assert not [p for p in run("The region is taking action to fight back by planting trees.")]


def test_positions_frame_target_skips_the_owner_of_the_stance():
    out = run("President Boric voiced the deep concerns of Chile and Peru about the drought.")
    assert [(p.stance, p.target) for p in out] == [("concern", "drought")]


def test_positions_target_stops_at_a_coordinated_stance_verb():
    out = run("The two leaders reaffirmed the strength of their ties and committed to meet soon.")
    assert [(p.stance, p.target) for p in out][0] == ("support", "strength of their ties")
    assert out[1].stance == "commit"


def test_positions_target_drops_a_leading_connective():
    from models.positions import _leading_connective

    assert _leading_connective("and improvement of the system") == len("and ")
    assert _leading_connective("of a shared future") == len("of ")
    assert _leading_connective("order of battle") == 0
    assert _leading_connective("and") == 0  # nothing would be left
