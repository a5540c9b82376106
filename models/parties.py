"""Parties: countries, organizations and leaders, normalized to common English short names."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pycountry

TITLES = (
    "President",
    "Vice President",
    "Prime Minister",
    "Deputy Prime Minister",
    "Premier",
    "Chancellor",
    "King",
    "Queen",
    "Crown Prince",
    "Prince",
    "Emir",
    "Amir",
    "Sultan",
    "Sheikh",
    "Chairman",
    "General Secretary",
    "Foreign Minister",
    "Minister",
    "Secretary",
    "Secretary of State",
    "Secretary General",
    "Secretary-General",
    "National Security Advisor",
    "National Security Adviser",
    "Ambassador",
    "Special Envoy",
    "Taoiseach",
    "State Councilor",
)
_NAME = r"(?:[A-Z][\w'’.-]+|bin|al|Al|de|da|von|der)"
_TITLE_RE = "|".join(sorted((re.escape(t) for t in TITLES), key=len, reverse=True))


@dataclass(frozen=True)
class Leader:
    """A named person who speaks for a party."""

    name: str
    party: str
    role: str = ""
    start: int = 0
    end: int = 9999


@dataclass(frozen=True)
class Mention:
    """A party (or person of a party) named in a text, with its character span."""

    start: int
    end: int
    text: str
    party: str
    kind: str  # country | capital | demonym | org | leader
    person: str | None = None


@dataclass
class PartyIndex:
    """Aliases of countries, organizations and leaders, compiled into one regex."""

    aliases: dict[str, tuple[str, str]] = field(default_factory=dict)  # alias -> (party, kind)
    leaders: dict[str, list[Leader]] = field(default_factory=dict)  # alias -> leaders
    ignore: tuple[str, ...] = ()
    lower: dict[str, str] = field(default_factory=dict)  # lowercased alias -> party
    codes: dict[str, str] = field(default_factory=dict)  # ISO alpha-3 -> short name
    _pattern: re.Pattern | None = None

    @classmethod
    def from_data(cls, raw: dict) -> PartyIndex:
        """Build the index from pycountry plus the parsed parties.yaml."""
        index = cls(ignore=tuple(raw.get("ignore") or ()))
        overrides = raw.get("countries") or {}
        for country in pycountry.countries:
            extra = overrides.get(country.alpha_3) or {}
            short = extra.get("name") or getattr(country, "common_name", None) or country.name
            if "," in short:
                short = short.split(",")[0]
            index.codes[country.alpha_3] = short
            names = {short, country.name, getattr(country, "official_name", None) or short}
            names |= set(extra.get("aliases") or [])
            for name in names:
                if "," not in name:
                    index._add(name, short, "country")
            for dem in extra.get("demonyms") or []:
                index._add(dem, short, "demonym")
            for cap in [extra.get("capital")] + list(extra.get("extra") or []):
                if cap:
                    index._add(cap, short, "capital")
        for org in raw.get("organizations") or []:
            for name in [org["name"], *(org.get("aliases") or [])]:
                index._add(name, org["name"], "org")
            if org.get("capital"):
                index._add(org["capital"], org["name"], "capital")
        for item in raw.get("leaders") or []:
            leader = Leader(
                name=str(item["name"]).split(" (")[0],
                party=str(item["party"]),
                role=str(item.get("role") or ""),
                start=int(item.get("from") or 0),
                end=int(item.get("to") or 9999),
            )
            for alias in {leader.name, str(item["name"]), *(item.get("aliases") or [])}:
                index.leaders.setdefault(alias, []).append(leader)
        return index

    def _add(self, alias: str, party: str, kind: str) -> None:
        alias = alias.strip()
        if alias and alias not in self.aliases:
            self.aliases[alias] = (party, kind)
            self.lower.setdefault(alias.lower(), party)
            self.lower.setdefault(("the " + alias).lower(), party)

    @property
    def pattern(self) -> re.Pattern:
        """Regex of every alias, leader name and ignore phrase, longest first."""
        if self._pattern is None:
            keys = set(self.aliases) | set(self.leaders) | set(self.ignore)
            ordered = sorted(keys, key=len, reverse=True)
            body = "|".join(_alias_re(k) for k in ordered)
            self._pattern = re.compile(rf"(?<![\w.])(?:{body})(?!\w|-(?:[a-z]))")
        return self._pattern

    def leader(self, alias: str, year: int | None = None) -> Leader | None:
        """The leader known by ``alias``, preferring one in office in ``year``."""
        candidates = self.leaders.get(alias) or []
        if year is not None:
            in_office = [c for c in candidates if c.start <= year <= c.end]
            candidates = in_office or candidates
        return candidates[-1] if candidates else None

    def normalize(self, name: str) -> str | None:
        """The short English name of a party written in any form, or None."""
        name = name.strip()
        if name not in self.aliases and name not in self.leaders:
            name = name.strip(".,;:")
        if name in self.aliases:
            return self.aliases[name][0]
        if name in self.leaders:
            return self.leaders[name][0].party
        key = name.lower()
        if key in self.lower:
            return self.lower[key]
        try:
            country = pycountry.countries.lookup(name)
        except LookupError:
            return None
        return self.normalize_code(country.alpha_3)

    def normalize_code(self, code: str) -> str | None:
        """The short name of an ISO 3166 alpha-2/alpha-3 country code."""
        country = pycountry.countries.get(alpha_3=code.upper()) or pycountry.countries.get(
            alpha_2=code.upper()
        )
        if country is None:
            return None
        return self.codes.get(country.alpha_3, country.name)

    def find(
        self, text: str, year: int | None = None, persons: dict[str, Leader] | None = None
    ) -> list[Mention]:
        """All party mentions in ``text``; ``persons`` adds people found earlier in a document."""
        out: list[Mention] = []
        taken: list[tuple[int, int]] = []
        if persons:
            body = "|".join(_alias_re(k) for k in sorted(persons, key=len, reverse=True))
            for m in re.finditer(rf"(?<![\w-])(?:{body})(?!\w)", text):
                person = persons.get(_squash(m.group()))
                if person is None:
                    continue
                out.append(
                    Mention(m.start(), m.end(), m.group(), person.party, "leader", person.name)
                )
                taken.append((m.start(), m.end()))
        for m in self.pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            alias = _squash(m.group())
            if alias in self.ignore:
                continue
            if alias in self.aliases:
                party, kind = self.aliases[alias]
                out.append(Mention(m.start(), m.end(), alias, party, kind))
            else:
                leader = self.leader(alias, year)
                if leader:
                    out.append(
                        Mention(m.start(), m.end(), alias, leader.party, "leader", leader.name)
                    )
        out.sort(key=lambda x: x.start)
        return out

    def find_titled_persons(self, text: str) -> dict[str, Leader]:
        """People introduced with a title and a party: "Prime Minister Kishida of Japan"."""
        found: dict[str, Leader] = {}
        names = rf"{_NAME}(?:\s{_NAME}){{0,4}}"
        place = r"(?:[A-Z][\w'’-]*|of|the)(?:\s+(?:[A-Z][\w'’-]*|of|the)){0,5}"
        of_re = re.compile(rf"\b(?:{_TITLE_RE})\s+({names})\s+of\s+(?:the\s+)?({place})")
        dem_re = re.compile(rf"\b([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)\s+(?:{_TITLE_RE})\s+({names})")
        for m in of_re.finditer(text):
            party = self._party_prefix(m.group(2))
            if party:
                _register(found, m.group(1), party)
        for m in dem_re.finditer(text):
            alias = self.aliases.get(m.group(1))
            if alias and alias[1] in ("demonym", "country"):
                _register(found, m.group(2), alias[0])
        return found

    def _party_prefix(self, words: str) -> str | None:
        parts = words.split()
        for n in range(min(len(parts), 6), 0, -1):
            cand = " ".join(parts[:n]).rstrip(".,;:’'s")
            if cand in self.aliases and self.aliases[cand][1] in ("country", "org"):
                return self.aliases[cand][0]
        return None


def _alias_re(alias: str) -> str:
    return r"\s+".join(re.escape(part) for part in alias.split())


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _register(found: dict[str, Leader], name: str, party: str) -> None:
    name = name.strip().rstrip(".,;:")
    parts = name.split()
    if not parts or parts[-1] in {"of", "and"}:
        return
    person = Leader(name=name, party=party)
    found.setdefault(name, person)
    if len(parts) > 1:
        for part in (parts[0], parts[-1]):
            if len(part) > 2 and part[0].isupper():
                found.setdefault(part, person)


def parties_of(mentions: Iterable[Mention]) -> tuple[str, ...]:
    """The sorted distinct parties of some mentions."""
    return tuple(sorted({m.party for m in mentions}))


def find_parties(text: str, knowledge=None, year: int | None = None) -> tuple[str, ...]:
    """The sorted distinct parties named in ``text``."""
    from models.lexicon import default_knowledge

    knowledge = knowledge or default_knowledge()
    return parties_of(knowledge.parties.find(text, year))


def normalize_party(name: str, knowledge=None) -> str | None:
    """The common English short name of a party written in any form ("U.S." -> "United States")."""
    from models.lexicon import default_knowledge

    knowledge = knowledge or default_knowledge()
    return knowledge.parties.normalize(name)


_US_TITLES = re.compile(r"\b(?:the|The)\s+(President|Vice President)\b")


@dataclass
class DocumentContext:
    """What carries over from paragraph to paragraph: the document's parties and who speaks."""

    parties: tuple[str, ...] = ()
    voice: tuple[str, ...] = ()  # who "we" is when no speaker is known
    year: int | None = None
    home: str | None = None  # the publishing government ("the President" in its releases)
    persons: dict[str, Leader] = field(default_factory=dict)
    last_person: Leader | None = None
    last_holders: tuple[str, ...] = ()
    label_speaker: Leader | None = None

    def we(self) -> tuple[str, ...]:
        """The parties "we" stands for right now."""
        if self.label_speaker:
            return (self.label_speaker.party,)
        return self.voice or self.parties

    def titled(self, title: str, index: PartyIndex) -> Leader | None:
        """ "the President" in a government's own release: its leader in that year."""
        if self.home != "United States":
            return None
        role = "Vice President" if title == "Vice President" else "President"
        for leaders in index.leaders.values():
            for leader in leaders:
                if leader.party == self.home and leader.role == role:
                    if self.year is None or leader.start <= self.year <= leader.end:
                        return leader
        return None


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
    if meta.get("country_iso3") and home:
        voice: tuple[str, ...] = (home,)
        parties = [home]
    else:
        voice = tuple(sorted(parties))
    return DocumentContext(
        parties=tuple(sorted(parties)), voice=voice, year=year, home=home, persons=persons
    )
