"""A document's voice: the party a speech speaks for (and its speaker), in ``Document.meta``.

``country_iso3`` makes a document a single-voice speech of that country; ``party`` names an
organization that speaks (the African Union); ``speaker`` is the person. Extraction reads
these keys (models.extract.context.build_context); this module reads and writes them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pycountry

from models.errors import ReadoutError

VOICE_KEYS = ("country_iso3", "party", "speaker")
SET_BY = "voice_set_by"  # "user" once the voice was set by hand (else it is the file's)
MAX_SPEAKER = 200


@dataclass(frozen=True)
class Voice:
    """Who a document speaks for, as extraction will read it."""

    party: str | None  # the party's short name; None: a report between parties
    code: str | None  # its ISO3 code when it is a country
    speaker: str | None
    set_by: str  # "file" or "user"


def _knowledge(knowledge=None):
    from models.extract.knowledge import default_knowledge

    return knowledge or default_knowledge()


def _code_of(name: str, index) -> str | None:
    return next((code for code, short in index.codes.items() if short == name), None)


def voice_of(meta: dict | None, knowledge=None) -> Voice:
    """The voice the metadata gives (the same reading as build_context)."""
    meta = meta or {}
    index = _knowledge(knowledge).parties
    raw = meta.get("country_iso3") or meta.get("party")
    party = (index.normalize_code(str(raw)) or index.normalize(str(raw))) if raw else None
    code = str(meta["country_iso3"]).upper() if party and meta.get("country_iso3") else None
    speaker = str(meta["speaker"]) if meta.get("speaker") else None
    return Voice(
        party,
        code or (_code_of(party, index) if party else None),
        speaker,
        "user" if meta.get(SET_BY) == "user" else "file",
    )


def describe(voice: Voice) -> str:
    """The voice in words: "Russia (RUS), speaker Sergey Lavrov" or "none: ..."."""
    if not voice.party:
        return "none: read as a report between parties"
    text = f"{voice.party} ({voice.code})" if voice.code else voice.party
    return text + (f", speaker {voice.speaker}" if voice.speaker else "")


def resolve_party(value: str, knowledge=None) -> tuple[str | None, str]:
    """(ISO3 code or None for an organization, short name) of a code or a party name."""
    text = str(value).strip()
    index = _knowledge(knowledge).parties
    if len(text) == 3 and pycountry.countries.get(alpha_3=text.upper()):
        code = text.upper()
        return code, index.codes.get(code) or index.normalize_code(code)
    name = (len(text) in (2, 3) and index.normalize_code(text)) or index.normalize(text)
    if not text or not name:
        raise ReadoutError(
            f"unknown party '{text}': give an ISO3 code (RUS) or a country or organization name"
        )
    return _code_of(name, index), name


def with_voice(meta: dict | None, party: str | None, speaker: str | None, knowledge=None) -> dict:
    """A copy of the metadata with the voice replaced (``party`` None removes the voice)."""
    speaker = (speaker or "").strip() or None
    if speaker and ("\n" in speaker or len(speaker) > MAX_SPEAKER):
        raise ReadoutError(f"a speaker is one line of at most {MAX_SPEAKER} characters")
    if speaker and party is None:
        raise ReadoutError("a speaker needs a speaking party")
    out = {k: v for k, v in (meta or {}).items() if k not in VOICE_KEYS}
    if party is not None:
        code, name = resolve_party(party, knowledge)
        out.update({"country_iso3": code} if code else {"party": name})
        if speaker:
            out["speaker"] = speaker
    out[SET_BY] = "user"
    return out


def country_choices(knowledge=None) -> list[tuple[str, str]]:
    """(ISO3 code, human name) of every country, sorted by name; shared names get the code."""
    codes = _knowledge(knowledge).parties.codes
    seen = Counter(codes.values())
    named = [(c, n if seen[n] == 1 else f"{n} ({c})") for c, n in codes.items()]
    return sorted(named, key=lambda cn: cn[1].casefold())
