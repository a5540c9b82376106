"""The extract() entry point: document kinds, evidence, nothing invented, knowledge version."""

from models.embed import FakeEmbedder
from models.extract import extract, knowledge_version
from models.schema import Document, Extractions, Paragraph


def make(text: str, title: str = "Talks", doc_id: str = "d", **kw):
    """A document and its blank-line paragraphs."""
    paras = [p for p in text.split("\n\n") if p.strip()]
    doc = Document(id=doc_id, title=title, text=text, **kw)
    return doc, [Paragraph(f"{doc_id}:{i}", doc_id, i, t) for i, t in enumerate(paras)]


def assert_evidence(doc, paras, ex: Extractions):
    texts = {p.id: p.text for p in paras}
    for rec in (*ex.areas, *ex.positions, *ex.signings):
        assert rec.evidence and rec.evidence in texts[rec.paragraph_id]
        if hasattr(rec, "holders"):
            assert list(rec.holders) == sorted(rec.holders)


def test_extract_news_report_he_said_carries_speaker():
    doc, paras = make(
        "Indian Prime Minister Narendra Modi met Japanese Prime Minister Fumio Kishida.\n\n"
        "India and Japan should expand cooperation in semiconductors and clean energy, "
        "Modi said.\n\n"
        "India firmly opposes terrorism in all its forms, he said.",
        title="Modi, Kishida hold talks",
    )
    ex = extract(doc, paras)
    assert_evidence(doc, paras, ex)
    areas = {(h, a.area) for a in ex.areas for h in a.holders}
    assert ("India", "technology") in areas and ("India", "energy") in areas
    assert ("Japan", "technology") not in areas
    stances = {(p.holders, p.stance, p.speaker) for p in ex.positions}
    assert (("India",), "call_for", "Narendra Modi") in stances
    assert (("India",), "oppose", "Narendra Modi") in stances


def test_extract_readout_named_leader_and_two_leaders():
    doc, paras = make(
        "President Biden welcomed Kenya’s plan to expand port infrastructure.\n\n"
        "The two leaders agreed to deepen cooperation on public health and vaccines.",
        title="Readout of President Biden’s Meeting with President Ruto of Kenya",
        date="2023-05-01",
    )
    ex = extract(doc, paras)
    assert_evidence(doc, paras, ex)
    pos = {(p.holders, p.stance) for p in ex.positions}
    assert (("United States",), "welcome") in pos
    assert (("Kenya", "United States"), "commit") in pos
    assert any(a.area == "health" and a.holders == ("Kenya", "United States") for a in ex.areas)


def test_extract_joint_statement_we_reaffirm_all_parties():
    doc, paras = make(
        "We reaffirm our commitment to a free and open Indo-Pacific.\n\n"
        "We condemn the missile launches that threaten regional stability.",
        title="Joint Statement of the United States and Japan",
    )
    ex = extract(doc, paras)
    assert_evidence(doc, paras, ex)
    assert [p.stance for p in ex.positions] == ["commit", "oppose"]
    assert all(p.holders == ("Japan", "United States") for p in ex.positions)


def test_extract_transcript_speaker_label():
    doc, paras = make(
        "President Putin: We support the steps taken by our partners on grain exports.\n\n"
        "Xi Jinping (retranslated): We welcome the progress in energy cooperation.",
        title="Press statements",
    )
    ex = extract(doc, paras)
    assert_evidence(doc, paras, ex)
    got = [(p.holders, p.speaker, p.stance) for p in ex.positions]
    assert (("Russia",), "Vladimir Putin", "support") in got
    assert (("China",), "Xi Jinping", "welcome") in got


def test_extract_un_speech_own_voice():
    doc, paras = make(
        "My Government calls for the reform of the Security Council.\n\n"
        "We are deeply concerned about rising sea levels and climate change.",
        title="Statement",
        meta={"country_iso3": "FJI"},
    )
    ex = extract(doc, paras)
    assert_evidence(doc, paras, ex)
    assert {p.stance for p in ex.positions} == {"call_for", "concern"}
    assert all(p.holders == ("Fiji",) for p in ex.positions)


def test_extract_nothing_invented():
    doc, paras = make("The weather in the capital was mild on Tuesday afternoon.", title="Weather")
    assert extract(doc, paras) == Extractions()


def test_extract_with_fake_embedder_runs_and_keeps_phrase_results():
    doc, paras = make(
        "China and Russia agreed to boost trade, Xi said.", title="Xi, Putin agree to more talks"
    )
    plain = extract(doc, paras)
    with_model = extract(doc, paras, embedder=FakeEmbedder())
    assert {a.area for a in plain.areas} <= {a.area for a in with_model.areas}


def test_extract_knowledge_version_is_stable_hash():
    assert knowledge_version() == knowledge_version()
    data_part, rules_part = knowledge_version().split("-")
    assert len(data_part) == 16 and len(rules_part) == 8


def test_extract_knowledge_version_covers_every_rule_module():
    import subprocess
    import sys

    from models import extract as module

    script = "import sys, models.extract; print(' '.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    loaded = {m.split(".")[1] for m in done.stdout.split() if m.startswith("models.")}
    shared = {"schema", "embed", "errors"}  # records and protocols, not rules
    assert loaded - shared <= set(module._RULE_MODULES), loaded - shared - set(module._RULE_MODULES)


def test_extract_fake_embedder_adds_no_areas():
    from models.extract import uses_embedding_fallback

    doc, paras = make(
        "Kenya and Ghana agreed to deepen cooperation on wildlife corridors and savanna parks.",
        title="Kenya, Ghana talks",
    )
    assert not uses_embedding_fallback(FakeEmbedder())
    assert extract(doc, paras, embedder=FakeEmbedder()) == extract(doc, paras)


def test_extract_un_speech_background_is_not_an_area():
    doc, paras = make(
        "Global institutions set standards for trade, aviation and telecommunications.\n\n"
        "We call for stronger cooperation on climate change.",
        title="Statement",
        meta={"country_iso3": "FJI"},
    )
    areas = {(h, a.area) for a in extract(doc, paras).areas for h in a.holders}
    assert areas == {("Fiji", "environment")}


def test_extract_company_plans_are_not_party_areas():
    doc, paras = make(
        "Kenya and Ghana agreed to expand trade.\n\n"
        "Acme Logistics Inc. is investing in cold storage to expand its farm and health "
        "deliveries.",
        title="Kenya, Ghana talks",
    )
    assert {a.area for a in extract(doc, paras).areas} == {"trade"}


def test_extract_speech_voiced_as_an_organization_adds_it_as_holder():
    doc, paras = make(
        "Fiji has long stood for the oceans.\n\n"
        "As the African Union we welcome the new partnership on debt relief for island states.\n\n"
        "The African Union summit discussed trade in the region.",
        meta={"country_iso3": "FJI"},
    )
    ex = extract(doc, paras)
    assert_evidence(doc, paras, ex)
    voiced = [p for p in ex.positions if p.stance == "welcome"]
    assert voiced and voiced[0].holders == ("African Union", "Fiji")
    assert all("African Union" not in a.holders for a in ex.areas if a.area == "trade")
