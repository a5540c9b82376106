"""A document's voice: reading and validating it (models.voice) and setting it (set_voice)."""

from __future__ import annotations

import pytest

from models.embed import FakeEmbedder
from models.errors import ReadoutError
from models.pipeline import analyze, set_voice
from models.voice import country_choices, describe, resolve_party, voice_of, with_voice
from tests.conftest import NullExtractor
from tests.test_pipeline import snapshot

SPEECH = (
    "Statement at the general debate\n\n"
    "We support the peace plan for the region and call for an end to the blockade.\n\n"
    "Our country is committed to cooperation in energy and trade with all partners.\n"
)


@pytest.fixture(scope="module")
def speech_store(tmp_path_factory):
    """A store holding one speech that names no party, analyzed with the real extractor."""
    from models.store import Store

    folder = tmp_path_factory.mktemp("voice")
    path = folder / "speech.txt"
    path.write_text(SPEECH, encoding="utf-8")
    with Store(folder / "r.db") as store:
        analyze([path], store=store, embedder=FakeEmbedder())
    return folder / "r.db"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("RUS", ("RUS", "Russia")),
        ("rus", ("RUS", "Russia")),
        ("Russia", ("RUS", "Russia")),
        ("the United States", ("USA", "United States")),
        ("African Union", (None, "African Union")),
    ],
)
def test_voice_resolves_codes_and_party_names(value, expected):
    assert resolve_party(value) == expected


@pytest.mark.parametrize("value", ["Narnia", "", "   ", "XYZ"])
def test_voice_bad_party_is_a_one_line_error(value):
    with pytest.raises(ReadoutError) as err:
        resolve_party(value)
    assert "\n" not in str(err.value) and "unknown party" in str(err.value)


def test_voice_replaces_and_removes_the_voice_keys():
    meta = {"party": "Russia", "country_iso3": "RUS", "speaker": "Lavrov", "session": 69}
    china = with_voice(meta, "China", "Wang Yi")
    assert china == {
        "country_iso3": "CHN",
        "speaker": "Wang Yi",
        "session": 69,
        "voice_set_by": "user",
    }
    assert with_voice(meta, "ASEAN", None)["party"] == "ASEAN"
    cleared = with_voice(meta, None, None)
    assert cleared == {"session": 69, "voice_set_by": "user"}
    assert voice_of(cleared).party is None and voice_of(cleared).set_by == "user"
    assert describe(voice_of(cleared)) == "none: read as a report between parties"
    assert describe(voice_of(meta)) == "Russia (RUS), speaker Lavrov"
    assert voice_of(meta).set_by == "file"


def test_voice_speaker_needs_a_party_and_one_line():
    with pytest.raises(ReadoutError, match="needs a speaking party"):
        with_voice({}, None, "Somebody")
    with pytest.raises(ReadoutError, match="one line"):
        with_voice({}, "RUS", "Two\nlines")


def test_voice_country_choices_are_sorted_human_names():
    choices = country_choices()
    names = [n for _, n in choices]
    assert names == sorted(names, key=str.casefold)
    assert ("RUS", "Russia") in choices and len(set(names)) == len(names)


def test_pipeline_set_voice_gives_positions_to_the_speaking_country(speech_store):
    from models.store import Store

    with Store(speech_store) as store:
        before = store.frame("SELECT holders FROM positions", json_columns=["holders"])
        assert not any("Russia" in h for h in before["holders"])
        found = set_voice(store, "speech", country_iso3="RUS", speaker="Sergey Lavrov")
        assert found.positions and all(p.holders == ("Russia",) for p in found.positions)
        assert {a.area for a in found.areas} >= {"energy", "trade"}
        stored = store.frame("SELECT holders FROM positions", json_columns=["holders"])
        assert [tuple(h) for h in stored["holders"]] == [p.holders for p in found.positions]
        (doc,) = store.load_documents("speech")
        assert doc.meta["country_iso3"] == "RUS" and doc.meta["speaker"] == "Sergey Lavrov"
        assert store.count("parses") == store.count("paragraphs"), "no parse stored twice"

        found = set_voice(store, "speech", country_iso3=None)
        assert not any("Russia" in p.holders for p in found.positions)
        assert voice_of(store.load_documents("speech")[0].meta).party is None


def test_pipeline_set_voice_bad_party_leaves_the_store_as_it_was(speech_store):
    from models.store import Store

    before = snapshot(speech_store)
    with Store(speech_store) as store:
        with pytest.raises(ReadoutError, match="unknown party 'Narnia'"):
            set_voice(store, "speech", country_iso3="Narnia")
        with pytest.raises(ReadoutError, match="no such document: nope"):
            set_voice(store, "nope", country_iso3="RUS")
    assert snapshot(speech_store) == before


def test_pipeline_set_voice_failing_extraction_writes_nothing(speech_store):
    from models.store import Store

    class Broken(NullExtractor):
        def extract(self, document, paragraphs, embedder=None):
            raise RuntimeError("boom")

    before = snapshot(speech_store)
    with Store(speech_store) as store, pytest.raises(RuntimeError):
        set_voice(store, "speech", country_iso3="CHN", extractor=Broken())
    assert snapshot(speech_store) == before
