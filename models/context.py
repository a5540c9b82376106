"""What carries over from paragraph to paragraph of a document: its parties and who speaks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from models.parties import Leader, PartyIndex, parties_of


@dataclass
class DocumentContext:
    """The document's parties, its voice, and the people and holders seen so far."""

    parties: tuple[str, ...] = ()
    voice: tuple[str, ...] = ()  # who "we" is when no speaker is known
    year: int | None = None
    home: str | None = None  # the publishing government ("the President" in its releases)
    persons: dict[str, Leader] = field(default_factory=dict)
    last_person: Leader | None = None
    last_holders: tuple[str, ...] = ()
    label_speaker: Leader | None = None  # the speaker of the current transcript turn
    silent: bool = False  # a turn of the press, a moderator or an unknown voice: no positions
    spoken: bool = False  # the text is a transcript (a speaker label was seen)
    single_voice: bool = False  # a speech: only the speaker's own clauses count
    voiced: tuple[str, ...] = ()  # organizations a speech speaks as ("As the African Union, we")
    speakers: dict[str, Leader] = field(default_factory=dict)  # party -> its labelled speaker

    def addressee(self) -> tuple[str, str | None] | None:
        """Who "you" is in a transcript turn: the party (and person) of the other labelled
        speaker, or else the document's one other party; None when that is not clear."""
        if not self.label_speaker:
            return None
        own = self.label_speaker.party
        others = {p for p in self.speakers if p != own} or {p for p in self.parties if p != own}
        if len(others) != 1:
            return None
        party = next(iter(others))
        who = self.speakers.get(party)
        return party, who.name if who else None

    def we(self) -> tuple[str, ...]:
        """The parties "we" stands for right now."""
        if self.label_speaker:
            return (self.label_speaker.party,)
        return self.voice or self.parties

    def titled(self, title: str, index: PartyIndex) -> Leader | None:
        """ "the President", "the Prime Minister": the one person of the text with that title."""
        title = title.strip()
        introduced = {p.name: p for p in self.persons.values() if p.role == title}
        if len(introduced) == 1:
            return next(iter(introduced.values()))
        if self.single_voice or self.home is None or title not in ("President", "Vice President"):
            return None
        for leaders in index.leaders.values():
            for leader in leaders:
                if leader.party == self.home and leader.role == title:
                    if self.year is None or leader.start <= self.year <= leader.end:
                        return leader
        return None


_AS_ORG = re.compile(r"(?:^|\W)[Aa]s\s+(?:the\s+)?$")
_THEN_WE = re.compile(r",?\s+(?:we|our)\b")


def _voiced_orgs(paragraphs, index: PartyIndex, year, home) -> list[str]:
    """Organizations a speaker talks as ("As the African Union, we ..."): parties of the text."""
    found: list[str] = []
    for p in paragraphs:
        if "as " not in p.text.lower():
            continue
        for x in index.find(p.text, year):
            if (
                x.kind == "org"
                and x.party not in found
                and x.party != home
                and _AS_ORG.search(p.text[max(0, x.start - 12) : x.start])
                and _THEN_WE.match(p.text, x.end)
            ):
                found.append(x.party)
    return found


def build_context(document, paragraphs, knowledge) -> DocumentContext:
    """The parties of a document, from its metadata, title and opening text."""
    index: PartyIndex = knowledge.parties
    year = None
    if document.date and str(document.date)[:4].isdigit():
        year = int(str(document.date)[:4])
    persons: dict[str, Leader] = {}
    for text in [document.title, *(p.text for p in paragraphs[:40])]:
        for name, person in index.find_titled_persons(text or "").items():
            if name not in index.leaders and name not in index.aliases:
                persons.setdefault(name, person)
    meta = document.meta or {}
    home = None
    if meta.get("country_iso3"):
        home = index.normalize_code(str(meta["country_iso3"]))
    elif "whitehouse" in f"{document.source_url or ''} {document.source or ''}".lower():
        home = "United States"
    title_parties = parties_of(index.find(document.title or "", year, persons))
    parties = list(title_parties)
    if len(parties) < 2 and not meta.get("country_iso3"):
        for p in paragraphs[:2]:
            for party in parties_of(index.find(p.text, year, persons)):
                if party not in parties and len(parties) < 4:
                    parties.append(party)
    if home and home not in parties and (meta.get("country_iso3") or len(parties) < 2):
        parties.append(home)
    single = bool(meta.get("country_iso3") and home)
    if single:
        voice: tuple[str, ...] = (home,)
        parties = [home]
    else:
        voice = tuple(sorted(parties))
    return DocumentContext(
        parties=tuple(sorted(parties)),
        voice=voice,
        year=year,
        home=home,
        persons=persons,
        single_voice=single,
        voiced=tuple(_voiced_orgs(paragraphs, index, year, home)) if single else (),
    )
