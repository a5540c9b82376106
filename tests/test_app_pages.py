"""The dashboard through AppTest: pages, filters, drill-down, links, safety, no heavy imports."""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components import runlog
from models.embed import FakeEmbedder, text_hash
from models.schema import Area, Document, Paragraph, Position, Signing, Topic
from models.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "seed-xi-putin-moscow-talks-2023-03.txt"
TITLES = {
    "pages/overview.py": "Overview",
    "pages/topics.py": "Topics",
    "pages/areas.py": "Cooperation areas",
    "pages/positions.py": "Positions",
    "pages/signings.py": "Signings",
    "pages/source.py": "Source",
    "pages/corpus.py": "Corpus",
}
PAGES = list(TITLES)
XSS = 'Beware <script>alert("x")</script> and <img src=x onerror=alert(1)> in trade talks.'

pytestmark = pytest.mark.xdist_group("app")

DOCS = {
    "doc-a": (
        "Talks in Moscow",
        "2023-03-21",
        [
            "China and Russia expand trade and energy.",
            "China supports the peace plan for Ukraine.",
            "They signed an energy agreement.",
        ],
    ),
    "doc-b": ("Summit in Delhi", "2024", ["India raises climate finance.", XSS]),
}


def build_fixture_store(path: Path) -> Path:
    """Two documents with topics, areas, positions and a signing (one paragraph is hostile)."""
    emb = FakeEmbedder()
    with Store(path) as store, store.transaction():
        ids = []
        for doc_id, (title, date, texts) in DOCS.items():
            paras = [Paragraph(f"{doc_id}:{i}", doc_id, i, t) for i, t in enumerate(texts, 1)]
            store.put_document(Document(doc_id, title, "", date=date), paras, f"h-{doc_id}")
            vectors = emb.embed(texts)
            store.put_embeddings(
                emb.name, {text_hash(t): v for t, v in zip(texts, vectors, strict=True)}
            )
            ids += [p.id for p in paras]
        topics = [
            Topic(0, "trade energy", ("trade", "energy"), 3, "doc-a:1"),
            Topic(1, "climate", ("climate",), 2, "doc-b:1"),
        ]
        assign = [
            (pid, 0 if pid.startswith("doc-a") else 1, float(i), float(i % 2))
            for i, pid in enumerate(ids)
        ]
        store.put_topics(topics, assign)
        store.put_extractions(
            "doc-a",
            "test",
            [
                Area("trade", ("China", "Russia"), None, "doc-a:1", "expand trade"),
                Area("energy", ("China",), None, "doc-a:3", "energy agreement"),
            ],
            [Position(("China",), None, "support", "peace plan", "doc-a:2", "supports the peace")],
            [
                Signing(
                    "energy agreement",
                    ("China", "Russia"),
                    ("China", "Russia"),
                    ("energy",),
                    "doc-a:3",
                    "signed an energy agreement",
                )
            ],
        )
        store.put_extractions(
            "doc-b",
            "test",
            [
                Area("climate", ("India",), None, "doc-b:1", "climate finance"),
                Area("trade", ("India",), None, "doc-b:2", "trade talks"),
            ],
            [Position(("India",), None, "concern", "hostile code", "doc-b:2", "Beware")],
            [],
        )
    return path


@pytest.fixture(scope="session")
def fixture_store(tmp_path_factory) -> Path:
    return build_fixture_store(tmp_path_factory.mktemp("app") / "fixture.db")


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    from models.pipeline import analyze

    path = tmp_path_factory.mktemp("seed") / "seed.db"
    with Store(path) as store:
        analyze([SEED], store=store, embedder=FakeEmbedder())
    return path


class _PagesV2:
    """AppTest resets Streamlit's pages/-folder flag before every run, so each run would start
    in legacy multipage mode and go through layout.ensure_entrypoint()'s rerun, which drops
    button clicks. A real server clears the flag once for good; do the same here."""

    uses_pages_directory = False


@pytest.fixture
def app(monkeypatch):
    """An AppTest factory on a given store (fake embedder)."""
    import streamlit.runtime.scriptrunner.script_runner as script_runner

    monkeypatch.setattr(script_runner, "PagesManager", _PagesV2)

    def make(store: Path, page: str | None = None, **params) -> AppTest:
        monkeypatch.setenv("READOUT_STORE", str(store))
        monkeypatch.setenv("READOUT_EMBEDDER", "fake")
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        if page:
            at.switch_page(page)  # before the first run: as a link opening that page
        return at.run()

    return make


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def all_markdown(at: AppTest) -> str:
    """Every Markdown element, evidence marks without their kind's tint (<mark>…</mark>)."""
    return re.sub(r"<mark [^>]*>", "<mark>", "\n".join(m.value for m in at.markdown))


@pytest.mark.parametrize("page", PAGES)
def test_app_every_page_renders_on_the_seed(app, seed_store, page):
    at = app(seed_store, page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == TITLES[page]
    if page not in ("pages/source.py", "pages/corpus.py"):
        assert at.get("plotly_chart"), "the page draws its chart"
    assert "sentence_transformers" not in sys.modules


@pytest.mark.parametrize("page", PAGES)
def test_app_every_page_renders_on_an_empty_corpus(app, tmp_path, page):
    at = app(tmp_path / "empty.db", page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == TITLES[page]
    assert any("seed" in b.label.lower() for b in at.button), "offers the seed article"
    assert "sentence_transformers" not in sys.modules


def test_app_seed_has_areas_chart_and_briefing(app, seed_store):
    at = app(seed_store)
    assert int(metric(at, "Documents")) == 1
    assert int(metric(at, "Areas raised").replace(",", "")) > 0
    assert any("¶" in t.value for t in at.text), "briefing lines carry citations"


def test_app_seed_positions_show_taiwan_and_lead_russias_briefing_lines(app, seed_store):
    """The seed's headline (Russia backing China on Taiwan, ¶15) is on the Positions chart
    with no filter, and it leads Russia's lines in the briefing summary."""
    at = app(seed_store, "pages/positions.py")
    chart = next(c for c in at.get("plotly_chart"))
    spec = json.loads(chart.proto.spec)
    assert any("Taiwan" in t for t in spec["layout"]["yaxis"]["ticktext"])
    assert "of" not in spec["layout"]["title"]["text"]  # every target shown: nothing dropped
    stamp = spec["layout"]["title"]["subtitle"]["text"]
    assert stamp.startswith("Readout ") and "corpus " in stamp and "view: all documents" in stamp
    at.switch_page("pages/overview.py").run()
    russia = [t.value for t in at.text if t.value.startswith("• Russia ") and "“" in t.value]
    assert russia and "Taiwan" in russia[0], russia
    lines = " ".join(t.value for t in at.text)
    assert "call_for" not in lines and "Unattributed" not in lines  # names, not ids


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("documents", ["doc-a"]),
        ("parties", ["India"]),
        ("topics", [1]),
        ("areas", ["energy"]),
        ("stances", ["support"]),
        ("date_from", "2024"),
        ("date_to", "2023-12"),
        ("query", "climate"),
    ],
)
def test_app_each_filter_narrows_the_view(app, fixture_store, key, value):
    at = app(fixture_store)
    before = int(metric(at, "Paragraphs"))
    widget = at.text_input(key=f"f_{key}") if isinstance(value, str) else None
    if widget is None:
        widget = at.multiselect(key=f"f_{key}")
    widget.set_value(value).run()
    assert not at.exception, [e.value for e in at.exception]
    after = int(metric(at, "Paragraphs"))
    assert 0 < after < before
    assert at.query_params, "filters are mirrored in the URL"


def test_app_first_run_draws_the_page_then_the_sidebar(app, fixture_store, monkeypatch, tmp_path):
    log = tmp_path / "runs.log"
    monkeypatch.setenv("READOUT_RUN_LOG", str(log))
    at = app(fixture_store, party="China")
    assert [outcome for *_, outcome in runlog.read(str(log))] == ["RerunException", "done"]
    assert at.multiselect(key="f_parties").value == ["China"]  # the link's filter held
    at.run()  # later runs draw both at once
    assert [outcome for *_, outcome in runlog.read(str(log))][2:] == ["done"]


def test_app_filter_options_count_the_paragraphs_of_the_view(app, fixture_store):
    at = app(fixture_store)
    assert "India (2)" in at.multiselect(key="f_parties").options
    at.multiselect(key="f_documents").set_value(["doc-a"]).run()
    assert "India (0)" in at.multiselect(key="f_parties").options  # what doc-a leaves
    assert "China (3)" in at.multiselect(key="f_parties").options


def test_app_filters_stay_when_switching_pages(app, fixture_store):
    at = app(fixture_store)
    at.multiselect(key="f_parties").set_value(["India"]).run()
    at.switch_page("pages/areas.py").run()
    assert at.multiselect(key="f_parties").value == ["India"]
    assert at.query_params.get("party") == "India"


def test_app_query_parameters_restore_filters_and_selection(app, fixture_store):
    at = app(fixture_store, "pages/areas.py", party="China", area="energy", sel="doc-a:3")
    assert at.multiselect(key="f_parties").value == ["China"]
    assert at.multiselect(key="f_areas").value == ["energy"]
    assert "<mark>" in all_markdown(at), "the shared selection shows its paragraph"
    assert at.query_params.get("party") == "China"


def test_app_shared_selection_shows_beside_its_chart(app, fixture_store):
    at = app(fixture_store, "pages/areas.py", sel="doc-b:1", chart="areas_by_document")
    assert not at.exception, [e.value for e in at.exception]
    assert "<mark>climate finance</mark>" in all_markdown(at)
    assert len(at.get("page_link")) == 1
    assert at.query_params.get("chart") == "areas_by_document"


def test_app_selection_in_session_state_shows_drilldown(app, fixture_store):
    at = app(fixture_store, "pages/areas.py")
    assert "<mark>" not in all_markdown(at)
    at.session_state["readout_selection"] = ("doc-a:1",)
    at.run()
    text = all_markdown(at)
    assert "China and Russia <mark>expand trade</mark> and energy." in text
    assert "Talks in Moscow (2023-03-21), ¶ 1" in text
    assert len(at.get("page_link")) == 1, "shown once, beside the page's primary chart"


def test_app_hostile_text_is_escaped(app, fixture_store):
    at = app(fixture_store, "pages/source.py", read="doc-b:2")
    text = all_markdown(at)
    assert "&lt;script&gt;alert" in text
    assert "<script>" not in text and "<img" not in text
    assert "<mark>trade talks</mark>" in text


def test_app_search_finds_by_keyword(app, fixture_store):
    at = app(fixture_store, "pages/source.py", q="peace plan")
    assert not at.exception
    assert any("doc-a" in t.value or "Talks in Moscow" in t.value for t in at.text)
    assert "sentence_transformers" not in sys.modules


def test_app_paste_a_text_adds_a_document(app, tmp_path, monkeypatch):
    import models.pipeline as pipeline

    class Null:
        def knowledge_version(self):
            return "null"

        def extract(self, document, paragraphs, embedder=None):
            from models.schema import Extractions

            return Extractions()

    monkeypatch.setattr(pipeline, "default_extractor", lambda: Null())
    store = build_fixture_store(tmp_path / "paste.db")
    at = app(store, "pages/corpus.py")
    by_label = {w.label: w for w in at.text_input}
    by_label["Title"].set_value("A pasted note")
    by_label["Date (ISO, may be partial)"].set_value("2025-02")
    at.text_area[0].set_value("The parties discussed fisheries cooperation at length.")
    next(b for b in at.button if b.label == "Add text").click().run()
    assert not at.exception, [e.value for e in at.exception]
    with Store(store) as s:
        titles = [d.title for d in s.load_documents()]
    assert "A pasted note" in titles


def test_app_a_page_link_on_a_fresh_server_still_runs_app_py(monkeypatch, fixture_store):
    """Legacy pages/ mode runs the page alone; ensure_entrypoint reruns it through app.py."""
    monkeypatch.setenv("READOUT_STORE", str(fixture_store))
    monkeypatch.setenv("READOUT_EMBEDDER", "fake")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["party"] = "China"
    at.switch_page("pages/areas.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Cooperation areas"
    assert at.multiselect(key="f_parties").value == ["China"]


class NullExtractor:
    """Extracts nothing (keeps upload tests independent of the extraction rules)."""

    def knowledge_version(self) -> str:
        return "null"

    def extract(self, document, paragraphs, embedder=None):
        from models.schema import Extractions

        return Extractions()


def upload(at: AppTest, name: str, data: bytes, *more: tuple[str, bytes]) -> AppTest:
    files = [(n, d, "application/octet-stream") for n, d in [(name, data), *more]]
    at.file_uploader[0].set_value(files).run()
    next(b for b in at.button if b.label == "Analyze uploads").click().run()
    return at


def stop_at_first(at: AppTest) -> AppTest:
    next(c for c in at.checkbox if c.label == "Stop at the first bad file").check()
    return at


def test_app_failed_upload_says_why_and_keeps_the_corpus(app, tmp_path, monkeypatch):
    import models.pipeline as pipeline

    monkeypatch.setattr(pipeline, "default_extractor", lambda: NullExtractor())
    store = build_fixture_store(tmp_path / "upload.db")
    at = upload(
        stop_at_first(app(store, "pages/corpus.py")),
        "bad.jsonl",
        b'{"id": "x", "text": "ok"}\nnot json\n',
    )
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert (
        "Nothing was changed (stopped at the first bad file): bad.jsonl:2: line is not JSON "
        "(Expecting value)"
    ) in errors
    with Store(store) as s:
        assert s.count("documents") == 2


GOOD = ("hanoi-meeting.txt", b"Leaders met in Hanoi.\n\nThey agreed to expand trade.\n")
BAD = ("<i>broken.jsonl", b"not json\n")


def test_app_upload_batch_stores_the_good_file_and_lists_the_bad_one(app, tmp_path, monkeypatch):
    import models.pipeline as pipeline

    monkeypatch.setattr(pipeline, "default_extractor", lambda: NullExtractor())
    store = build_fixture_store(tmp_path / "batch.db")
    at = upload(app(store, "pages/corpus.py"), *GOOD, BAD)
    assert not at.exception, [e.value for e in at.exception]
    assert "hanoi-meeting" in _doc_ids(store) and len(_doc_ids(store)) == 3
    assert any("1 added" in s.value for s in at.success)
    assert any("1 of 2 files skipped" in w.value for w in at.warning)
    shown = [t.value for t in at.text]
    assert "hanoi-meeting.txt: added 1 document (2 paragraphs)" in shown
    assert (
        "<i>broken.jsonl: skipped: no usable records (line 1: line is not JSON (Expecting value))"
    ) in shown  # the file's name as text, not markup
    assert "<i>" not in all_markdown(at)
    at.run()  # the report is shown once
    assert not [t for t in at.text if t.value.startswith("hanoi-meeting.txt:")]


def test_app_upload_batch_stops_at_the_first_bad_file_when_asked(app, tmp_path, monkeypatch):
    import models.pipeline as pipeline

    monkeypatch.setattr(pipeline, "default_extractor", lambda: NullExtractor())
    store = build_fixture_store(tmp_path / "batch-stop.db")
    before = _doc_ids(store)
    at = upload(stop_at_first(app(store, "pages/corpus.py")), *GOOD, BAD)
    assert not at.exception, [e.value for e in at.exception]
    assert _doc_ids(store) == before
    assert any("stopped at the first bad file" in e.value and "broken" in e.value for e in at.error)
    assert not at.success


def test_app_upload_no_progress_bar_is_left_after_an_error_or_success(app, tmp_path, monkeypatch):
    import models.pipeline as pipeline

    monkeypatch.setattr(pipeline, "default_extractor", lambda: NullExtractor())
    store = build_fixture_store(tmp_path / "progress.db")
    at = upload(stop_at_first(app(store, "pages/corpus.py")), *BAD)
    assert at.error and not at.get("progress")
    at = upload(app(store, "pages/corpus.py"), *BAD)  # every file bad, none stored
    assert any("Nothing was changed: no file could be read" in e.value for e in at.error)
    assert not at.get("progress")
    at = upload(at, *GOOD)
    assert any("1 added" in s.value for s in at.success) and not at.get("progress")


def test_app_upload_adds_a_document(app, tmp_path, monkeypatch):
    import models.pipeline as pipeline

    monkeypatch.setattr(pipeline, "default_extractor", lambda: NullExtractor())
    store = build_fixture_store(tmp_path / "upload-ok.db")
    text = b"Leaders met in Hanoi.\n\nThey agreed to expand maritime cooperation.\n"
    at = upload(app(store, "pages/corpus.py"), "hanoi-meeting.txt", text)
    assert not at.exception, [e.value for e in at.exception]
    assert any("1 added" in s.value for s in at.success)
    with Store(store) as s:
        assert s.count("documents") == 3


def test_app_search_finds_by_meaning_without_every_keyword(app, fixture_store):
    at = app(fixture_store, "pages/source.py", q="climate finance money")
    assert not at.exception
    shown = " ".join(t.value for t in at.text)
    assert "Summit in Delhi (2024), ¶ 1 — meaning" in shown
    assert any(
        "India raises <mark>climate</mark> <mark>finance</mark>" in m.value for m in at.markdown
    )
    assert "sentence_transformers" not in sys.modules


def test_app_remove_a_document(app, tmp_path, monkeypatch):
    import models.pipeline as pipeline

    monkeypatch.setattr(pipeline, "default_extractor", lambda: NullExtractor())
    store = build_fixture_store(tmp_path / "remove.db")
    at = app(store, "pages/corpus.py")
    next(m for m in at.multiselect if m.label == "Remove documents").set_value(["doc-b"]).run()
    next(b for b in at.button if b.label.startswith("Remove 1")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert _doc_ids(store) == ["doc-a", "doc-b"], "nothing goes before it is confirmed"
    assert any("Remove 1 document(s)?" in w.value for w in at.warning)
    assert "• Summit in Delhi (id doc-b)" in [t.value for t in at.text]
    at.button(key="remove_cancel").click().run()
    assert _doc_ids(store) == ["doc-a", "doc-b"] and not at.warning
    next(b for b in at.button if b.label.startswith("Remove 1")).click().run()
    at.button(key="remove_confirm").click().run()
    assert not at.exception, [e.value for e in at.exception]
    with Store(store) as s:
        assert [d.id for d in s.load_documents()] == ["doc-a"]
    assert any("1 removed" in s.value for s in at.success)


def test_app_remove_confirmation_is_for_the_chosen_documents_only(app, tmp_path, monkeypatch):
    import models.pipeline as pipeline

    monkeypatch.setattr(pipeline, "default_extractor", lambda: NullExtractor())
    store = build_fixture_store(tmp_path / "remove-change.db")
    at = app(store, "pages/corpus.py")
    chooser = next(m for m in at.multiselect if m.label == "Remove documents")
    chooser.set_value(["doc-b"]).run()
    next(b for b in at.button if b.label.startswith("Remove 1")).click().run()
    next(m for m in at.multiselect if m.label == "Remove documents").set_value(
        ["doc-a", "doc-b"]
    ).run()  # the choice changed: ask again
    assert not at.warning and not [b for b in at.button if b.key == "remove_confirm"]
    assert _doc_ids(store) == ["doc-a", "doc-b"]


@pytest.mark.parametrize("page", PAGES)
def test_app_pages_render_without_extractions(app, tmp_path, page):
    from models.pipeline import analyze

    path = tmp_path / "bare.db"
    with Store(path) as store:
        analyze([SEED], store=store, embedder=FakeEmbedder(), extractor=NullExtractor())
    at = app(path, page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == TITLES[page]


def test_app_corpus_sets_a_speaking_party(app, tmp_path, monkeypatch):
    import models.pipeline as pipeline

    monkeypatch.setattr(pipeline, "default_extractor", lambda: NullExtractor())
    store = build_fixture_store(tmp_path / "voice.db")
    at = app(store, "pages/corpus.py")
    assert any("'we' and 'our country' are that country" in c.value for c in at.caption)
    at.selectbox(key="readout_voice_doc").set_value("doc-b").run()
    assert any(
        "none: read as a report between parties (read from the file)" in t.value for t in at.text
    )
    at.selectbox(key="readout_voice_party_doc-b").set_value("IND")
    at.text_input(key="readout_voice_speaker_doc-b").set_value("<b>Narendra Modi</b>")
    next(b for b in at.button if b.label == "Save voice").click().run()
    assert not at.exception, [e.value for e in at.exception]
    with Store(store) as s:
        (doc,) = s.load_documents("doc-b")
        versions = s.extraction_versions()
    assert doc.meta["country_iso3"] == "IND" and doc.meta["speaker"] == "<b>Narendra Modi</b>"
    assert versions["doc-b"] == "null", "the document was re-extracted"
    assert any("Speaking party saved: India" in s.value for s in at.success)
    shown = [t.value for t in at.text]
    assert "Speaking party: India (IND), speaker <b>Narendra Modi</b> (set on this page)" in shown
    assert "<b>Narendra" not in all_markdown(at)


def test_app_upload_with_a_stored_id_replaces_only_when_ticked(app, tmp_path, monkeypatch):
    import models.pipeline as pipeline

    monkeypatch.setattr(pipeline, "default_extractor", lambda: NullExtractor())
    store = tmp_path / "replace.db"
    first = b'{"id": "memo", "title": "Memo", "text": "First version."}\n'
    at = upload(app(store, "pages/corpus.py"), "memo.jsonl", first)
    assert any("1 added" in s.value for s in at.success)
    other = b'{"id": "memo", "title": "Memo", "text": "Other text."}\n'
    at = upload(at, "memo.jsonl", other)
    assert not at.exception, [e.value for e in at.exception]
    assert any("already stored with other text: 'memo'" in e.value for e in at.error)
    with Store(store) as s:
        assert [p.text for p in s.load_paragraphs()] == ["First version."]
    next(c for c in at.checkbox if c.key == "replace_uploads").check().run()
    next(b for b in at.button if b.label == "Analyze uploads").click().run()
    assert any("1 replaced" in s.value for s in at.success)
    with Store(store) as s:
        assert [p.text for p in s.load_paragraphs()] == ["Other text."]


def test_app_a_store_it_cannot_open_is_one_line_and_left_alone(app, tmp_path):
    path = tmp_path / "notes.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    at = app(path)
    assert not at.exception, [e.value for e in at.exception]
    (error,) = [e.value for e in at.error]
    assert error.startswith("Cannot open the store: ") and "not a Readout store" in error
    assert path.read_bytes() == before


@pytest.fixture
def shared_app(app, monkeypatch, tmp_path):
    """The app as a shared deployment (read-only corpus, editor key 'sesame')."""
    import models.pipeline as pipeline

    monkeypatch.setattr(pipeline, "default_extractor", lambda: NullExtractor())
    monkeypatch.setenv("READOUT_MODE", "shared")
    monkeypatch.setenv("READOUT_EDITOR_KEY", "sesame")
    monkeypatch.setenv("READOUT_PRIVATE_DIR", str(tmp_path / "private"))
    return app


def _doc_ids(path) -> list[str]:
    with Store(path) as s:
        return sorted(d.id for d in s.load_documents())


def test_app_shared_mode_keeps_the_corpus_read_only_and_uploads_private(shared_app, tmp_path):
    store = build_fixture_store(tmp_path / "shared.db")
    before = _doc_ids(store)
    at = shared_app(store, "pages/corpus.py")
    assert not at.exception, [e.value for e in at.exception]
    assert any("shared and read-only" in i.value for i in at.info)
    assert not [m for m in at.multiselect if m.label == "Remove documents"]
    assert not [b for b in at.button if b.label.startswith("Refit topics")]
    at = upload(at, "hanoi-meeting.txt", b"Leaders met in Hanoi.\n\nThey agreed to expand trade.\n")
    assert not at.exception, [e.value for e in at.exception]
    assert any("1 added" in s.value for s in at.success)
    assert metric(at.switch_page("pages/overview.py").run(), "Documents") == "3"  # mine: seen
    assert _doc_ids(store) == before  # the shared store is untouched
    other = shared_app(store)  # another visitor's session
    assert metric(other, "Documents") == "2"
    mine = at.switch_page("pages/corpus.py").run()
    (remove,) = [m for m in mine.multiselect if m.label == "Remove your private documents"]
    assert remove.options == ["Leaders met in Hanoi."]  # the private document, by its title


def test_app_shared_mode_editor_key_unlocks_and_promotes(shared_app, tmp_path):
    store = build_fixture_store(tmp_path / "shared.db")
    at = upload(shared_app(store, "pages/corpus.py"), "memo.txt", b"Memo\n\nA private text.\n")
    at.text_input(key="editor_key_input").set_value("wrong")
    next(b for b in at.button if b.label == "Unlock editing").click().run()
    assert any("not the editor key" in e.value for e in at.error)
    assert not [m for m in at.multiselect if m.label == "Remove documents"]
    at.text_input(key="editor_key_input").set_value("sesame")
    next(b for b in at.button if b.label == "Unlock editing").click().run()
    assert any("Editing the shared corpus" in s.value for s in at.success)
    assert [m for m in at.multiselect if m.label == "Remove documents"]
    next(b for b in at.button if b.label.startswith("Promote 1")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "memo" in _doc_ids(store)
    assert not list((tmp_path / "private").glob("*.db"))  # the private layer went


def test_app_shared_mode_from_secrets(app, tmp_path, monkeypatch):
    monkeypatch.delenv("READOUT_MODE", raising=False)
    store = build_fixture_store(tmp_path / "secret.db")
    monkeypatch.setenv("READOUT_STORE", str(store))
    monkeypatch.setenv("READOUT_EMBEDDER", "fake")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["readout"] = {"mode": "shared", "editor_key": "k"}
    at.switch_page("pages/corpus.py")
    at.run()
    assert any("shared and read-only" in i.value for i in at.info)


def test_app_shared_mode_failed_private_upload_is_not_kept_for_promotion(shared_app, tmp_path):
    store = build_fixture_store(tmp_path / "shared.db")
    at = upload(shared_app(store, "pages/corpus.py"), "bad.jsonl", b"not json\n")
    assert any("Nothing was changed" in e.value for e in at.error)
    assert any("bad.jsonl: skipped: no usable records (line 1: line is not JSON" in t.value
               for t in at.text)  # fmt: skip
    assert [p for p in (tmp_path / "private").glob("*-uploads/*")] == []
    at = upload(at, "bad.jsonl", b"not json\n", ("memo.txt", b"Memo\n\nA private text.\n"))
    kept = [p.name for p in (tmp_path / "private").glob("*-uploads/*")]
    assert kept == ["memo.txt"], "only the stored file waits for promotion"


def test_app_reruns_reuse_the_loaded_corpus_until_the_store_changes(app, tmp_path, monkeypatch):
    from components import cache

    path = build_fixture_store(tmp_path / "reuse.db")
    loads = []
    documents = cache.queries.documents
    monkeypatch.setattr(cache.queries, "documents", lambda s: loads.append(1) or documents(s))
    at = app(path, "pages/areas.py")
    for page in ("pages/positions.py", "pages/areas.py", "pages/overview.py"):
        at.switch_page(page).run()  # each run is a new thread with a new connection
    assert not at.exception and len(loads) == 1
    assert int(metric(at, "Documents")) == 2
    with Store(path) as store, store.transaction():  # another process writes
        store.delete_document("doc-b")
    at.run()
    assert len(loads) == 2 and int(metric(at, "Documents")) == 1


def test_app_refit_topics_on_request(app, tmp_path, monkeypatch):
    import models.pipeline as pipeline

    monkeypatch.setattr(pipeline, "default_extractor", lambda: NullExtractor())
    store = build_fixture_store(tmp_path / "refit.db")
    at = app(store, "pages/corpus.py")
    next(b for b in at.button if b.label == "Refit topics on the whole corpus").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("topics fitted again" in s.value for s in at.success)
    with Store(store) as s:  # the fixture's two hand-made topics gave way to fitted ones
        assert s.get_state("topics_model") and len(s.topic_assignments()) == 5


def _correct_first_record(at: AppTest, paragraph_id: str, name: str = "Ana") -> AppTest:
    """Select a paragraph, turn the correction controls on, type a name, delete its record."""
    at.session_state["readout_selection"] = (paragraph_id,)
    at.run()
    at.toggle(key="fix_toggle").set_value(True).run()
    at.text_input(key="correction_author_input").set_value(name).run()
    assert any(f"Correcting as {name}" in c.value for c in at.caption)
    next(b for b in at.button if b.label == "Delete it").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_app_corrections_delete_through_the_drilldown_and_undo_in_the_audit(app, tmp_path):
    store = build_fixture_store(tmp_path / "fix.db")
    at = app(store)
    assert metric(at, "Areas raised") == "4"
    at = _correct_first_record(at, "doc-a:1")
    assert metric(at, "Areas raised") == "3", "gone from the Overview counts"
    assert any("Saved: delete area trade" in s.value for s in at.success)
    with Store(store) as s:
        assert s.count("areas") == 4, "the extraction is kept; the correction hides it"
    at.switch_page("pages/corpus.py").run()
    (line,) = [t.value for t in at.text if "delete area trade" in t.value]
    assert "Ana" in line and line.endswith("applied")
    next(b for b in at.button if b.label == "Undo").click().run()
    assert not at.exception, [e.value for e in at.exception]
    (line,) = [t.value for t in at.text if "delete area trade" in t.value]
    assert "undone" in line and "by Ana" in line
    assert metric(at.switch_page("pages/overview.py").run(), "Areas raised") == "4"


def test_app_corrections_mark_changed_records_and_refuse_evidence_not_in_the_text(app, tmp_path):
    store = build_fixture_store(tmp_path / "mark.db")
    at = app(store, "pages/positions.py")
    at.session_state["readout_selection"] = ("doc-a:2",)
    at.run()
    at.toggle(key="fix_toggle").set_value(True).run()
    at.text_input(key="correction_author_input").set_value("Ana").run()
    (stance,) = [s for s in at.selectbox if s.label == "Stance" and s.value == "support"]
    stance.set_value("welcome")
    next(b for b in at.button if b.label == "Save change").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("China welcomes peace plan ✎ corrected" in c.value for c in at.caption)
    at.radio(key=next(r.key for r in at.radio if r.label == "What")).set_value("area").run()
    (area,) = [t for t in at.text_input if t.label == "Area"]
    area.set_value("security")
    evidence = next(t for t in at.text_input if t.label.startswith("Evidence"))
    evidence.set_value("words from elsewhere")
    next(b for b in at.button if b.label == "Add").click().run()
    assert any("evidence must be words of this paragraph" in e.value for e in at.error)
    with Store(store) as s:
        assert s.count("corrections") == 1


def test_app_corrections_of_a_visitor_stay_in_the_private_layer(shared_app, tmp_path):
    store = build_fixture_store(tmp_path / "shared-fix.db")
    at = _correct_first_record(shared_app(store), "doc-a:1", "Visitor")
    assert metric(at, "Areas raised") == "3"
    with Store(store) as s:
        assert s.count("corrections") == 0, "the shared corpus is untouched"
    assert metric(shared_app(store), "Areas raised") == "4", "another session sees no change"


def test_app_corrections_controls_on_every_seed_paragraph(app, seed_store):
    with Store(seed_store) as s:
        ids = tuple(p.id for p in s.load_paragraphs())[:20]
    at = app(seed_store, "pages/areas.py")
    at.session_state["readout_selection"] = ids
    at.run()
    at.toggle(key="fix_toggle").set_value(True).run()
    at.text_input(key="correction_author_input").set_value("Ana").run()
    assert not at.exception, [e.value for e in at.exception]
    assert sum(b.label == "Delete it" for b in at.button) > 10


def test_app_corrections_rename_a_topic_on_the_corpus_page(app, tmp_path):
    store = build_fixture_store(tmp_path / "topic.db")
    at = app(store, "pages/corpus.py")
    at.text_input(key="correction_author_input").set_value("Ana").run()
    at.selectbox(key="fix_topic").set_value(1).run()
    at.text_input(key="fix_topic_label").set_value("Climate money")
    at.button(key="fix_topic_rename").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("rename topic 'climate' → 'Climate money'" in t.value for t in at.text)
    with Store(store) as s:
        from models import queries

        assert "Climate money" in set(queries.topics(s).label)


def _store_with_sources(path: Path) -> Path:
    """The fixture store plus a document with a source URL and no source, date or kind."""
    build_fixture_store(path)
    with Store(path) as store, store.transaction():
        doc = Document("memo", "A memo", "", source_url="https://www.mid.ru/en/press/1")
        store.put_document(doc, [Paragraph("memo:1", "memo", 1, "Trade grew.")], "h-memo")
    return path


def test_app_reader_details_show_the_source_url_host_and_no_nan(app, tmp_path):
    store = _store_with_sources(tmp_path / "sources.db")
    at = app(store, "pages/source.py", read="memo:1")
    assert not at.exception, [e.value for e in at.exception]
    captions = [c.value for c in at.caption]
    assert "no date · mid.ru · id memo" in captions
    assert any(c.value == "https://www.mid.ru/en/press/1" for c in at.code)
    at = app(store, "pages/source.py", read="doc-a:1")  # a date, no source, no URL
    shown = " ".join(c.value for c in at.caption) + " ".join(c.value for c in at.code)
    assert "2023-03-21 · id doc-a" in shown
    assert "nan" not in shown and "None" not in shown


def test_app_corpus_table_shows_the_source_url_host_and_no_none(app, tmp_path):
    store = _store_with_sources(tmp_path / "sources.db")
    at = app(store, "pages/corpus.py")
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value.set_index("id")
    assert table.loc["memo", "source"] == "mid.ru"
    assert table.loc["memo", "source_url"] == "https://www.mid.ru/en/press/1"
    assert table.loc["doc-a", "source"] == "" and table.loc["memo", "date"] == ""
    cells = table[["title", "date", "source", "source_url", "kind"]].to_numpy().ravel()
    assert not [c for c in cells if c is None or str(c) in ("nan", "None")]
