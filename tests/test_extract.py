"""The parser-based extractors on invented sentences of each kind of text an analyst brings.

The sentences here are written for the tests (the wording the issue names), never copied from a
gold text: the gold files measure quality, these pin behaviour.
"""

from __future__ import annotations

import pytest

from models.extract import extract, knowledge_version, merge_signings, recase
from models.schema import Document, Paragraph, Signing


def run(text: str, title: str = "Talks", date: str = "2024-05-01", meta: dict | None = None):
    doc = Document(id="d", title=title, text=text, date=date, meta=meta or {})
    paras = [Paragraph(f"d:{i}", "d", i, t) for i, t in enumerate(text.split("\n\n"))]
    return extract(doc, paras), paras


def positions(ex) -> set[tuple]:
    return {(p.holders, p.stance, p.target) for p in ex.positions}


def areas(ex) -> set[tuple]:
    return {(a.area, a.holders) for a in ex.areas}


def test_extract_reported_speech_after_the_content_goes_to_the_titled_speaker():
    ex, _ = run(
        "Jordanian King Abdullah II received Egyptian President Abdel Fattah al-Sisi in Amman.\n\n"
        "The two countries should continue coordinating on regional issues, the King told his "
        "guest.",
        "Jordan and Egypt talks",
    )
    (p,) = ex.positions
    assert p.holders == ("Jordan",) and p.stance == "call_for"
    assert p.speaker == "Abdullah II" and "coordinating on regional issues" in p.target


def test_extract_court_and_news_stance_wording():
    ex, _ = run(
        "Saudi Crown Prince Mohammed bin Salman met Indian Prime Minister Narendra Modi.\n\n"
        "The Crown Prince expressed pride in the growing ties and stressed keenness on "
        "expanding energy cooperation.\n\n"
        "Modi underlined the importance of peace in the region and pledged to support the port "
        "project.",
        "Saudi Arabia and India talks",
    )
    assert positions(ex) >= {
        (("Saudi Arabia",), "welcome", "growing ties"),
        (("Saudi Arabia",), "commit", "expanding energy cooperation"),
        (("India",), "support", "peace in the region"),
        (("India",), "commit", "support the port project"),
    }
    assert ("energy", ("Saudi Arabia",)) in areas(ex)


def test_extract_a_misparsed_subject_inside_reported_speech_goes_to_the_reporter():
    ex, _ = run(
        "Kenyan President William Ruto hosted Ethiopian Prime Minister Abiy Ahmed.\n\n"
        "Ruto noted the need to deepen trade links, highlighted the role of the East African "
        "Community and commended Ethiopia's reforms.",
        "Kenya and Ethiopia",
    )
    assert (("Kenya",), "welcome", "Ethiopia's reforms") in positions(ex)


def test_extract_plain_facts_and_pleasantries_are_not_positions():
    ex, _ = run(
        "Kenya launched three projects with Ethiopia. Abiy was accorded a ceremonial welcome at "
        "State House.\n\nThe two leaders issued a media statement.",
        "Kenya and Ethiopia",
    )
    assert not ex.positions
    assert not any(a.area == "media" for a in ex.areas)


def test_extract_short_forms_name_areas():
    ex, _ = run(
        "Brazil and Argentina agreed to cooperate in IT and LPG supplies.\n\n"
        "Brazil made a pledge to expand grant assistance to Argentina.",
        "Brazil and Argentina",
    )
    assert {"ict", "energy", "development"} <= {a.area for a in ex.areas}


def test_extract_transcript_labels_with_titles_and_countries():
    ex, _ = run(
        "Press statements following Russian-Chinese talks\n\n"
        "President of Russia Vladimir Putin: We support the Global Development Initiative and "
        "we will expand energy cooperation with China.\n\n"
        "President of the People's Republic of China Xi Jinping (retranslated): China is ready "
        "to deepen trade and investment cooperation.\n\n"
        "Question: Will you sign a gas deal with China?\n\n"
        "Vladimir Putin: We should strengthen coordination in the United Nations.",
        "Press statements following Russian-Chinese talks",
    )
    by_party = {(p.holders, p.stance) for p in ex.positions}
    assert by_party == {
        (("Russia",), "support"),
        (("Russia",), "commit"),
        (("China",), "commit"),
        (("Russia",), "call_for"),
    }
    assert {p.speaker for p in ex.positions} == {"Vladimir Putin", "Xi Jinping"}
    assert not ex.signings  # a press question states nothing
    assert ("multilateral", ("Russia",)) in areas(ex)


def test_extract_capital_labels_and_press_questions():
    ex, _ = run(
        "PRESIDENT BIDEN: We will work with Japan on chips.\n\n"
        "PRIME MINISTER KISHIDA: Japan supports a free and open Indo-Pacific.\n\n"
        "Q Mr. President, will you visit Tokyo?",
        "Remarks by President Biden and Prime Minister Kishida of Japan",
        "2023-01-13",
    )
    assert {(p.holders, p.speaker, p.stance) for p in ex.positions} == {
        (("United States",), "Joe Biden", "commit"),
        (("Japan",), "Fumio Kishida", "support"),
    }


def test_extract_a_speech_in_its_own_voice():
    ex, _ = run(
        "We call on all states to respect the Charter.\n\n"
        "Our country will support peacekeeping.\n\n"
        "The international community must end poverty.",
        "Speech",
        "2014",
        {"country_iso3": "RUS"},
    )
    assert {(p.holders, p.stance) for p in ex.positions} == {
        (("Russia",), "call_for"),
        (("Russia",), "commit"),
    }
    assert {"defense", "development"} <= {a.area for a in ex.areas}


@pytest.mark.parametrize(
    ("title", "text", "document", "parties", "count"),
    [
        (
            "India and Sri Lanka hold talks",
            "Several MoUs were exchanged between India and Sri Lanka in the presence of the "
            "two leaders.",
            "Several MoUs",
            ("India", "Sri Lanka"),
            None,
        ),
        (
            "Greece, Cyprus and Egypt summit",
            "A trilateral agreement was signed between Greece, Cyprus and Egypt on energy.",
            "trilateral agreement on energy",
            ("Cyprus", "Egypt", "Greece"),
            None,
        ),
        (
            "Japan and Philippines talks",
            "Japan and the Philippines inked a defence pact on Monday.",
            "defence pact",
            ("Japan", "Philippines"),
            None,
        ),
        (
            "Russia and China",
            "We signed an impressive package of documents, notably, the Joint Statement on "
            "Deepening the Partnership.",
            "Joint Statement on Deepening the Partnership",
            ("China", "Russia"),
            None,
        ),
        (
            "United States and Saudi Arabia",
            "The President welcomed Saudi Arabia signing the Artemis Accords.",
            "Artemis Accords",
            ("Saudi Arabia",),
            None,
        ),
        (
            "India and Sri Lanka",
            "The two leaders witnessed the exchange of MoUs on defence cooperation.",
            "MoUs",
            ("India", "Sri Lanka"),
            None,
        ),
        (
            "Kazakhstan and Uzbekistan",
            "A package of documents was signed, including an agreement on the border.",
            "agreement on the border",
            ("Kazakhstan", "Uzbekistan"),
            None,
        ),
        (
            "India and UAE",
            "The two sides signed 12 MoUs. The agreements cover energy, health and education.",
            "12 MoUs",
            ("India", "United Arab Emirates"),
            12,
        ),
    ],
)
def test_extract_signing_wordings(title, text, document, parties, count):
    ex, _ = run(text, title)
    (s,) = ex.signings
    assert (s.document, s.parties, s.count) == (document, parties, count)


@pytest.mark.parametrize(
    "text, title, documents, ordered",
    [
        pytest.param(
            "At the start of the talks, Lavrov and Clinton signed a memorandum on the Arctic "
            "region, a joint statement to deepen regional ties, as well as an agreement on "
            "fisheries.",
            "Russian FM, U.S. State Secretary meet",
            [
                "memorandum on the Arctic region",
                "joint statement to deepen regional ties",
                "agreement on fisheries",
            ],
            True,
            id="several-objects-of-one-verb",
        ),
        pytest.param(
            "The railway companies of Egypt and Jordan signed an MoU in the area of freight "
            "transport.\n\nThe two health ministries inked an MoU in the area of vaccines.\n\n"
            "The central banks signed a deal on the sidelines of the summit.",
            "Egypt and Jordan",
            ["MoU in the area of freight transport", "MoU in the area of vaccines", "deal"],
            False,
            id="field-on-the-verb-joins-an-unnamed-title",
        ),
        pytest.param(
            "The countries signed memoranda concerning several areas:\n\n"
            "The energy ministries signed an MoU in the area of power trade.\n\n"
            "A memorandum on rail transport was signed between the railway companies.",
            "Egypt and Jordan",
            ["MoU in the area of power trade", "memorandum on rail transport"],
            False,
            id="header-before-a-list-is-no-document",
        ),
        pytest.param(
            "The ministers signed an agreement and said: the partnership will grow in the coming "
            "years because both economies need each other; trade has doubled since the last "
            "visit of the prime minister to the capital and investors are looking for new "
            "projects.",
            "Egypt and Jordan",
            ["agreement"],
            True,
            id="colon-before-prose-is-no-list",
        ),
        pytest.param(
            "The two presidents witnessed the signing of several agreements.\n\n"
            "Among these were a Plan of Action for 2025; the renewal of the Agreement on "
            "Defence; and a Memorandum of Understanding on Culture.",
            "Ghana and Togo",
            [
                "Plan of Action for 2025",
                "renewal of the Agreement on Defence",
                "Memorandum of Understanding on Culture",
            ],
            True,
            id="list-in-the-paragraph-after-the-signing",
        ),
    ],
)
def test_extract_signing_documents(text, title, documents, ordered):
    ex, _ = run(text, title)
    got = [s.document for s in ex.signings]
    assert (got if ordered else sorted(got)) == documents


def test_extract_signing_reduced_relative_hung_inside_the_name():
    ex, _ = run(
        "A letter of intent for the upgrade of the capabilities of the navy between the two "
        "defence ministries, exchanged by the ministers of India and Japan.",
        "India and Japan",
    )
    (s,) = ex.signings
    assert s.document.startswith("letter of intent for the upgrade")


def test_extract_dateline_capital_is_the_host_party_and_a_counterpart_the_guest():
    doc = Document(
        id="d",
        title="Presidents meet",
        text="",
        place="Islamabad",
        date="2024-03-23",
    )
    text = (
        "President Ali Rahman and his Sri Lankan counterpart Nimal Perera Saturday agreed to "
        "expand trade.\n\nPresident Perera thanked the president for the scholarships."
    )
    paras = [Paragraph(f"d:{i}", "d", i, t) for i, t in enumerate(text.split("\n\n"))]
    ex = extract(doc, paras)
    assert ("trade", ("Pakistan", "Sri Lanka")) in areas(ex)
    assert {p.holders for p in ex.positions if p.stance == "welcome"} == {("Sri Lanka",)}


def test_extract_signing_areas_from_signing_offices_not_from_press_events():
    ex, _ = run(
        "At a joint press conference, the energy ministries of Egypt and Jordan signed an MoU.",
        "Egypt and Jordan",
    )
    (s,) = ex.signings
    assert (s.document, s.areas) == ("MoU", ("energy",))


def test_extract_signing_inline_list_gives_one_record_per_item():
    ex, _ = run(
        "The two sides signed 4 documents in the following areas: Fisheries; tourism; "
        "Memorandum of Understanding on energy trade and Agreement on visa waivers.",
        "Egypt and Jordan",
    )
    assert [(s.document, s.parties) for s in ex.signings] == [
        ("Fisheries", ("Egypt", "Jordan")),
        ("tourism", ("Egypt", "Jordan")),
        ("Memorandum of Understanding on energy trade", ("Egypt", "Jordan")),
        ("Agreement on visa waivers", ("Egypt", "Jordan")),
    ]
    assert ex.signings[2].areas == ("energy", "trade")


def test_extract_signing_numbered_list_keeps_the_larger_package():
    ex, _ = run(
        "Egypt and Jordan signed 9 agreements on Monday.\n\n"
        "The signed MoUs include: (1) Agreement on Science and Technology (2) Contract "
        "between the two rail companies, among others.",
        "Egypt and Jordan",
    )
    assert [(s.document, s.count) for s in ex.signings] == [
        ("9 agreements", 9),
        ("Agreement on Science and Technology", None),
        ("Contract between the two rail companies", None),
    ]


@pytest.mark.parametrize(
    "text, target",
    [
        ("Brazil welcomed the Summit for Democracy to be held in May.", "Summit for Democracy"),
        ("Brazil welcomed President Lee’s plan to open a consulate.", "President Lee’s plan"),
        ("Brazil thanked the Congress — both chambers — for passing the law.", "passing the law"),
        ("Brazil welcomed the ASEAN leaders to Brasilia.", None),
        ("Brazil welcomed President Lee.", None),
    ],
)
def test_extract_welcome_and_thanks_targets(text, target):
    ex, _ = run(text, "Brazil and Korea")
    got = [p.target for p in ex.positions if p.stance == "welcome"]
    if target is None:
        assert got == []
    else:
        (one,) = got
        assert one.startswith(target)


def test_extract_signing_areas_come_from_the_sentence_after():
    ex, _ = run(
        "The two sides signed 12 MoUs. The agreements cover energy and health.", "India-UAE"
    )
    (s,) = ex.signings
    assert s.areas == ("energy", "health")


def test_extract_welcoming_a_signing_does_not_make_a_signatory():
    ex, _ = run(
        "France welcomed the signing of the Treaty of Rome by Italy and Spain.", "France-Italy"
    )
    (s,) = ex.signings
    assert "France" not in s.parties and s.parties == ("Italy", "Spain")
    assert any(p.holders == ("France",) and p.stance == "welcome" for p in ex.positions)


@pytest.mark.parametrize(
    "text",
    [
        "France and Italy signed the Quirinal Treaty in 2021, the leaders recalled.",
        "France and Italy will sign an agreement on space next year.",
        "France and Italy are expected to sign an agreement on space.",
    ],
)
def test_extract_future_and_background_signings_are_not_signings(text):
    ex, _ = run(text, "France and Italy")
    assert not ex.signings


def test_extract_signings_merge_a_short_mention_into_the_named_document():
    a = Signing("Artemis Accords", ("A",), ("Nigeria",), (), "d:1", "x")
    b = Signing("the Accords", ("B",), ("Rwanda",), ("space",), "d:2", "y")
    c = Signing("Joint Statement on Energy", (), ("Nigeria",), (), "d:3", "z")
    merged = merge_signings([a, b, c])
    assert [m.document for m in merged] == ["Artemis Accords", "Joint Statement on Energy"]
    assert merged[0].parties == ("Nigeria", "Rwanda") and merged[0].signatories == ("A", "B")


def test_extract_signings_merge_an_unnamed_mention_into_the_counted_package():
    a = Signing("record 28 MoUs", (), ("India",), (), "d:1", "x", count=28)
    b = Signing("agreements", (), ("India",), (), "d:1", "y")
    c = Signing("agreements", (), ("India",), (), "d:2", "z")
    merged = merge_signings([a, b, c], frozenset({"mou", "agreement"}))
    assert [(m.document, m.count, m.paragraph_id) for m in merged] == [
        ("record 28 MoUs", 28, "d:1"),
        ("agreements", None, "d:2"),
    ]


def test_extract_evidence_is_an_exact_substring_of_its_paragraph():
    ex, paras = run(
        "WE, the Member States, HEREBY DECLARE TO:\n\n"
        "REAFFIRM steadfast support for an open regional architecture.\n\n"
        "PROMOTE maritime cooperation through regional mechanisms.",
        "ASEAN-U.S. Leaders' Statement",
    )
    text = {p.id: p.text for p in paras}
    records = [*ex.areas, *ex.positions, *ex.signings]
    assert records
    assert all(r.evidence in text[r.paragraph_id] for r in records)
    assert {p.stance for p in ex.positions} == {"support", "commit"}


def test_extract_recase_only_touches_leading_capitals_and_we():
    assert recase("REAFFIRM the role of ASEAN") == "Reaffirm the role of ASEAN"
    assert recase("FURTHER REAFFIRM that NATO") == "Further reaffirm that NATO"
    assert recase("WE, the Member States") == "We, the Member States"
    assert recase("PRESIDENT BIDEN: hello") == "PRESIDENT BIDEN: hello"


def test_extract_knowledge_version_covers_data_and_rules():
    version = knowledge_version()
    files, rules = version.split("-")
    assert len(files) == 16 and len(rules) == 8


def test_extract_a_speech_says_whom_it_speaks_for():
    ex, _ = run(
        "Mr. President, distinguished delegates,\n\n"
        "It is an honour for me to address this Assembly as President of Indonesia.\n\n"
        "We support the reform of the Security Council and we will increase our peacekeeping "
        "contribution.",
        "Address to the General Assembly",
    )
    assert {(p.holders, p.stance) for p in ex.positions} == {
        (("Indonesia",), "support"),
        (("Indonesia",), "commit"),
    }


def test_extract_front_matter_speaker_makes_a_speech():
    ex, _ = run(
        "We call for a ceasefire and we will send humanitarian aid.",
        "Statement",
        "2023-05-01",
        {"speaker": "Emmanuel Macron"},
    )
    assert {p.holders for p in ex.positions} == {("France",)}
    assert {p.speaker for p in ex.positions} == {"Emmanuel Macron"}


def test_extract_speech_wording_of_calls_wishes_and_prepositions():
    ex, _ = run(
        "We are against any interference in the internal affairs of states.\n\n"
        "We are not in favour of unilateral sanctions.\n\n"
        "We note with concern the slow pace of disarmament talks.\n\n"
        "We invite all States to join the moratorium on nuclear tests.\n\n"
        "We would like to see more attention paid to the least developed countries.\n\n"
        "We hope that the dialogue on the peninsula will resume soon.\n\n"
        "Our country stands for the strengthening of international law.\n\n"
        "We do not want a new arms race.",
        "Speech",
        "2019",
        {"country_iso3": "BRA"},
    )
    got = {(p.stance, p.target) for p in ex.positions}
    assert got == {
        ("oppose", "any interference in the internal affairs of states"),
        ("oppose", "unilateral sanctions"),
        ("concern", "slow pace of disarmament talks"),
        ("call_for", "all States to join the moratorium on nuclear tests"),
        ("call_for", "more attention paid to the least developed countries"),
        ("call_for", "dialogue on the peninsula will resume soon"),
        ("support", "strengthening of international law"),
        ("oppose", "a new arms race"),
    }
    assert {p.holders for p in ex.positions} == {("Brazil",)}


@pytest.mark.parametrize(
    "text",
    [
        "I would like to take this opportunity to offer some thoughts on the agenda.",
        "We invite the President to visit Brasilia next year.",
        "Today we will consider all these issues and assess the results.",
        "I am pleased to have the opportunity to discuss our plans with you.",
        "I hope we get to meet again in person.",
    ],
)
def test_extract_polite_wishes_agendas_and_invitations_are_not_positions(text):
    ex, _ = run(text, "Speech", "2019", {"country_iso3": "BRA"})
    assert not ex.positions


def test_extract_a_call_keeps_the_thing_called_on_and_the_purpose_of_an_effort():
    ex, _ = run(
        "Global financial institutions must be reformed to serve developing countries.\n\n"
        "We must work to improve the early warning systems of the region.",
        "Speech",
        "2019",
        {"country_iso3": "BRA"},
    )
    targets = {p.target for p in ex.positions}
    assert "Global financial institutions must be reformed to serve developing countries" in (
        targets
    )
    assert "work to improve the early warning systems of the region" in targets


def test_extract_one_package_and_one_declaration_however_often_mentioned():
    ex, _ = run(
        "France and Italy signed major economic agreements. They signed a package of "
        "intergovernmental agreements and commercial contracts.\n\n"
        'Macron and Meloni signed the "Declaration on Enhanced Partnership between France '
        'and Italy".\n\n'
        'Meloni said the signing of the "Declaration on Enhanced Ties" was a milestone.',
        "France and Italy",
    )
    docs = sorted(s.document for s in ex.signings)
    assert len(docs) == 2, docs
    assert any(d.startswith("Declaration on Enhanced Partnership") for d in docs)


def test_extract_distinct_memoranda_are_not_merged():
    a = Signing("Memorandum of Understanding on Energy", (), ("Peru",), (), "d:1", "x")
    b = Signing("Memorandum of Understanding on Health", (), ("Peru",), (), "d:1", "y")
    c = Signing("cooperation agreements", (), ("Peru",), (), "d:2", "z")
    d = Signing("commercial contracts", (), ("Peru",), (), "d:2", "w")
    merged = merge_signings([a, b, c, d], frozenset({"memorandum", "agreement", "contract"}))
    assert [m.document for m in merged] == [a.document, b.document, c.document]


def test_extract_an_undated_text_keeps_a_dated_signing_as_background():
    ex, _ = run(
        "Both countries signed a treaty of friendship in 1961.",
        "France and Italy",
        date=None,
    )
    assert not ex.signings


def test_extract_a_stated_aim_commits_its_owner():
    ex, _ = run(
        "Chilean President Gabriel Boric met Argentine President Javier Milei in Santiago.\n\n"
        "Boric's main priority at the meeting is to open new border crossings, an aide said.",
        "Chile and Argentina",
    )
    assert (("Chile",), "commit", "open new border crossings") in positions(ex)
    speech, _ = run(
        "Our goal is to double renewable power by 2030.", "Speech", "2019", {"country_iso3": "BRA"}
    )
    assert positions(speech) == {(("Brazil",), "commit", "double renewable power by 2030")}


def test_extract_an_official_introduced_without_a_country_is_the_other_party():
    ex, _ = run(
        "US Secretary of State Antony Blinken met his counterpart in Amman.\n\n"
        "During the meeting, Layla Haddad, deputy prime minister and foreign minister, stressed "
        "the need to reopen the border crossings.",
        "Blinken in Jordan",
    )
    assert (("Jordan",), "call_for", "reopen the border crossings") in positions(ex)


def test_extract_looking_forward_to_an_action_commits_but_not_to_a_greeting():
    ex, _ = run(
        "We look forward to deepening our partnership with Chile.\n\n"
        "I look forward to seeing you in Brasilia.",
        "Speech",
        "2019",
        {"country_iso3": "BRA"},
    )
    assert positions(ex) == {(("Brazil",), "commit", "deepening our partnership with Chile")}


def test_extract_what_both_leaders_agreed_is_both_even_when_one_reports_it():
    ex, _ = run(
        "Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan.\n\n"
        "Putin said the two leaders agreed to expand cooperation in energy.",
        "Russia and Turkey",
    )
    assert any(p.holders == ("Russia", "Turkey") and p.stance == "commit" for p in ex.positions)


def test_extract_a_turn_about_the_other_side_or_a_forecast_is_no_position():
    ex, _ = run(
        "Press statements following Russian-Egyptian talks\n\n"
        "President of Egypt Abdel Fattah el-Sisi (retranslated): Russia has supported Egypt for "
        "decades. These steps will contribute to the development of our relations. We will "
        "build a nuclear power plant together.\n\n"
        "President of Russia Vladimir Putin: Thank you.",
        "Press statements following Russian-Egyptian talks",
    )
    assert {(p.holders, p.stance, p.target) for p in ex.positions} == {
        (("Egypt",), "commit", "build a nuclear power plant together")
    }


def test_extract_a_relative_clause_stance_is_about_its_antecedent():
    ex, _ = run(
        "The leaders discussed the new port authority of Basra, which Japan is ready to fund.",
        "Japan and Iraq",
    )
    assert (("Japan",), "commit", "the new port authority of Basra") in positions(ex)


def test_extract_two_untitled_documents_with_their_own_subjects_stay_two():
    ex, _ = run(
        "Pakistan and Malaysia signed an MoU on halal trade, while another agreement on media "
        "cooperation was also inked.",
        "Pakistan and Malaysia",
    )
    assert len(ex.signings) == 2


def test_extract_an_endorsement_supports_its_subject_and_a_negated_one_opposes():
    ex, _ = run(
        "Negotiation is the only way to settle the border dispute.\n\n"
        "The surest path to recovery is through fair debt relief.\n\n"
        "Military force is not the answer.\n\n"
        "This is the best way forward.",
        "Speech",
        "2019",
        {"country_iso3": "BRA"},
    )
    assert positions(ex) == {
        (("Brazil",), "support", "Negotiation"),
        (("Brazil",), "support", "fair debt relief"),
        (("Brazil",), "oppose", "Military force"),
    }


def test_extract_effort_towards_an_aim_commits_to_it():
    ex, _ = run(
        "Brazil is taking concrete steps to end illegal logging by 2030.\n\n"
        "We spare no effort to reach that goal.",
        "Speech",
        "2019",
        {"country_iso3": "BRA"},
    )
    assert positions(ex) == {
        (("Brazil",), "commit", "end illegal logging by 2030"),
        (("Brazil",), "commit", "reach that goal"),
    }


def test_extract_listed_and_relative_signings():
    ex, _ = run(
        "Among the agreements signed were a memorandum on energy, an agreement on education "
        "and a protocol on trade.\n\n"
        "The following documents were signed:\n\n"
        "- A memorandum of understanding on tourism.\n\n"
        "Kenya and Rwanda agreed on a deal to boost trade, which was signed on Monday.",
        "Kenya and Rwanda",
    )
    assert sorted(s.document for s in ex.signings) == [
        "agreement on education",
        "deal",
        "memorandum of understanding on tourism",
        "memorandum on energy",
        "protocol on trade",
    ]


def test_extract_a_news_agency_credited_is_no_media_area():
    ex, _ = run(
        "Kenyan President William Ruto met Rwandan President Paul Kagame.\n\n"
        "The two leaders agreed to deepen cooperation in trade, according to the state news "
        "agency.",
        "Kenya and Rwanda",
    )
    assert "media" not in {a.area for a in ex.areas}
    assert "trade" in {a.area for a in ex.areas}


def test_extract_the_reporter_raises_the_fields_of_what_they_report():
    ex, _ = run(
        "Kenyan President William Ruto held talks with Rwandan President Paul Kagame.\n\n"
        "Ruto noted that Rwanda is an important partner in regional security.\n\n"
        "Kagame, for his part, expressed interest in Kenyan expertise in agriculture.",
        "Kenya and Rwanda",
    )
    assert ("security", ("Kenya",)) in areas(ex)
    assert (("Rwanda",), "support", "Kenyan expertise in agriculture") in positions(ex)


def test_extract_they_in_a_meeting_report_and_an_emphasized_endorsement():
    ex, _ = run(
        "Kenyan President William Ruto held talks with Rwandan President Paul Kagame.\n\n"
        "They underscored the importance of the free movement of goods.\n\n"
        "The two sides emphasized that dialogue remains the best way to settle disputes.\n\n"
        "The leaders directed their ministers to expand trade.",
        "Kenya and Rwanda",
    )
    both = ("Kenya", "Rwanda")
    assert {(both, "support", "free movement of goods"), (both, "support", "dialogue")} <= (
        positions(ex)
    )
    assert (both, "call_for", "their ministers to expand trade") in positions(ex)


def test_extract_a_labelled_speaker_is_a_party_even_when_the_title_names_only_the_guest():
    ex, _ = run(
        "Meeting with President of Finland Sauli Niinisto\n\n"
        "President of Russia Vladimir Putin: We are interested in continuing our joint projects "
        "in energy.\n\n"
        "President of Finland Sauli Niinisto: We should work together on the Baltic Sea.",
        "Meeting with President of Finland Sauli Niinisto",
    )
    assert {p.holders for p in ex.positions} == {("Russia",), ("Finland",)}
    assert ("energy", ("Russia",)) in areas(ex)


def test_extract_party_names_match_without_accents_and_with_either_apostrophe():
    ex, _ = run("Ghana and Cote d’Ivoire signed an agreement on trade.", "Talks in Accra")
    (s,) = ex.signings
    assert s.parties == ("Côte d'Ivoire", "Ghana")


def test_extract_signing_package_described_item_by_item():
    ex, _ = run(
        "Ghana and Togo signed three agreements on Friday.\n\n"
        "The first agreement concerns agriculture.\n\n"
        "The second agreement on road transport will last for five years.\n\n"
        "The third agreement relates to tourism.",
        "Ghana and Togo",
    )
    assert [(s.document, s.areas) for s in ex.signings] == [
        ("agreement that concerns agriculture", ("agriculture",)),
        ("agreement on road transport", ("transport",)),
        ("agreement that relates to tourism", ("tourism",)),
    ]


def test_extract_signing_package_keeps_its_record_when_fewer_items_are_described():
    ex, _ = run(
        "Ghana and Togo signed nine agreements on Friday.\n\nThe first agreement concerns energy.",
        "Ghana and Togo",
    )
    assert [(s.document, s.count) for s in ex.signings] == [
        ("nine agreements", 9),
        ("agreement that concerns energy", None),
    ]


@pytest.mark.parametrize(
    "text, stance, target",
    [
        (
            "Chile remains a steadfast supporter of the Paris Agreement.",
            "support",
            "Paris Agreement",
        ),
        ("Chile is a champion for ocean protection.", "support", "ocean protection"),
        ("Chile is an opponent of the death penalty.", "oppose", "death penalty"),
        ("Hate speech must be countered.", "oppose", "Hate speech"),
    ],
)
def test_extract_speech_role_nouns_and_passive_calls(text, stance, target):
    ex, _ = run(text, "Statement", meta={"country_iso3": "CHL"})
    assert [(p.holders, p.stance, p.target) for p in ex.positions] == [(("Chile",), stance, target)]


def test_extract_role_noun_without_a_party_role_is_no_position():
    ex, _ = run("He was a friend of the family.", "Statement", meta={"country_iso3": "CHL"})
    assert ex.positions == ()


def test_extract_people_introduced_in_commas_after_title_of_country():
    ex, _ = run(
        "The presidents of Chile, Ana Ruiz Soto, and Peru, Juan Paredes Vela, met on Tuesday."
        "\n\nParedes stressed the need to expand trade.\n\nRuiz welcomed the new rail link.",
        "Talks in Lima",
    )
    assert {(p.holders, p.stance) for p in ex.positions} == {
        (("Peru",), "call_for"),
        (("Chile",), "welcome"),
    }
    ex, _ = run(
        "The President of Peru, Juan Paredes Vela, met his Chilean counterpart.\n\n"
        "Paredes stressed the need to expand trade.",
        "Talks in Lima",
    )
    assert [p.holders for p in ex.positions] == [("Peru",)]


def test_extract_transcript_label_with_name_in_brackets():
    ex, _ = run(
        "Chilean Foreign Minister (Mr. Ana Ruiz): We should expand trade.\n\n"
        "Foreign Minister of Peru (Shri Juan Vela): We will deepen defence cooperation.",
        "Media interaction by the Foreign Ministers",
    )
    assert [(p.holders, p.stance) for p in ex.positions] == [
        (("Chile",), "call_for"),
        (("Peru",), "commit"),
    ]


def test_extract_vocative_is_not_the_subject_and_talk_verbs_take_stance_prepositions():
    ex, _ = run(
        "Your Excellency, next year Chile will chair the council.\n\n"
        "Chile will always speak in support of disarmament.",
        "Statement",
        meta={"country_iso3": "CHL"},
    )
    assert [(p.holders, p.stance, p.target) for p in ex.positions] == [
        (("Chile",), "commit", "chair the council"),
        (("Chile",), "support", "disarmament"),
    ]


def test_extract_label_surname_found_in_the_registry():
    ex, _ = run(
        "PRIME MINISTER IBRAHIM: We will deepen our defence cooperation.",
        "Press conference",
        date="2024-05-01",
    )
    assert [(p.holders, p.speaker) for p in ex.positions] == [(("Malaysia",), "Anwar Ibrahim")]


def test_extract_reported_pledge_and_predicate_keep_the_reporter():
    ex, _ = run(
        "Chilean President Ana Ruiz met Peruvian President Juan Vela on Thursday.\n\n"
        "Vela said the agreements “opened a new era” and pledged to keep working with Santiago."
        "\n\nThe Peruvian leader added that his country was “very pleased to sign the accords.”",
        "Peru and Chile",
    )
    assert {(p.holders, p.stance) for p in ex.positions} == {
        (("Peru",), "commit"),
        (("Peru",), "welcome"),
    }


def test_extract_hyphenated_names_are_one_name_and_find_the_registry():
    ex, _ = run(
        "Cuban President Miguel Díaz-Canel received the visitor.\n\n"
        "Díaz-Canel called for an end to the embargo.\n\n"
        "Prime Minister Al-Kadhimi pledged to expand trade.",
        "Talks in Havana",
        date="2021-05-01",
    )
    assert {p.holders for p in ex.positions} == {("Cuba",), ("Iraq",)}


def test_extract_position_strength_from_the_stance_words_own_modifiers():
    ex, _ = run(
        "Kenyan President William Ruto met Ghanaian President John Mahama in Nairobi.\n\n"
        "Kenya firmly supports the regional trade corridor.\n\n"
        "Ghana supports the fisheries plan.\n\n"
        "Ghana expressed strong support for the solar power initiative.\n\n"
        "The two leaders strongly condemned the attack on the border post.",
        "Kenya and Ghana talks",
    )
    strength = {(p.stance, p.target): p.strength for p in ex.positions}
    assert strength[("support", "regional trade corridor")] == 1
    assert strength[("support", "fisheries plan")] == 0
    assert strength[("support", "solar power initiative")] == 1
    assert strength[("oppose", "attack on the border post")] == 1


def test_extract_position_strength_lexicon_is_validated(tmp_path):
    import shutil

    from models.errors import ReadoutError
    from models.extract.knowledge import DATA_DIR, load_knowledge

    for name in ("taxonomy.yaml", "parties.yaml", "stances.yaml"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    text = (tmp_path / "stances.yaml").read_text(encoding="utf-8")
    (tmp_path / "stances.yaml").write_text(
        text.replace("  hedges: []", "  hedges: [firmly]"), encoding="utf-8"
    )
    with pytest.raises(ReadoutError, match="stances.yaml: strength.*'firmly' is both"):
        load_knowledge(tmp_path)
