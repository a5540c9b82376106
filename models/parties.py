"""Parties: countries, organizations and leaders, normalized to common English short names."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pycountry
from pydantic import BaseModel, ConfigDict, Field

from models.alternation import Alternation

_BEFORE, _AFTER = r"(?<![\w.])", r"(?!\w|-(?:[a-z]))"


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
    _matcher: Alternation | None = None

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

    def _ordered(self) -> list[str]:
        keys = set(self.aliases) | set(self.leaders) | set(self.ignore)
        return sorted(sorted(keys), key=len, reverse=True)

    @property
    def pattern(self) -> re.Pattern:
        """Regex of every alias, leader name and ignore phrase, longest first (the reference)."""
        if self._pattern is None:
            body = "|".join(_alias_re(k) for k in self._ordered())
            self._pattern = re.compile(rf"{_BEFORE}(?:{body}){_AFTER}")
        return self._pattern

    @property
    def matcher(self) -> Alternation:
        """The same alternation as ``pattern``, prefiltered (models.alternation)."""
        if self._matcher is None:
            alternatives = [(_alias_re(k), k.split()[0]) for k in self._ordered()]
            self._matcher = Alternation(
                alternatives, ignorecase=False, before=_BEFORE, after=_AFTER
            )
        return self._matcher

    def name_terms(self) -> tuple[frozenset[str], tuple[str, ...]]:
        """Lowercased names to keep out of topic keywords: one-word aliases and every word of
        a leader's name (not of titles such as "King Salman"), and the phrases of aliases of
        several words."""
        words, phrases = set(), set()
        for alias in [*self.aliases, *self.leaders]:
            parts = alias.lower().split()
            if len(parts) == 1:
                words.add(parts[0])
            elif parts:
                phrases.add(" ".join(parts))
        for leaders in self.leaders.values():
            words.update(w for leader in leaders for w in leader.name.lower().split())
        return frozenset(words), tuple(sorted(phrases))

    def by_surname(self, surname: str, year: int | None = None) -> Leader | None:
        """The one leader whose name ends with ``surname`` (in office in ``year`` when given):
        for a speaker label, which is a name, never for running text."""
        people = {
            leader.name: leader
            for leaders in self.leaders.values()
            for leader in leaders
            if leader.name.split()[-1].lower() == surname.lower()
            and (year is None or leader.start <= year <= leader.end)
        }
        return next(iter(people.values())) if len(people) == 1 else None

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
        for m, _ in self.matcher.finditer(text):
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


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Country(_Entry):
    name: str | None = None
    aliases: list[str] = []
    demonyms: list[str] = []
    capital: str | None = None
    extra: list[str] = []


class _Organization(_Entry):
    name: str
    aliases: list[str] = []
    capital: str | None = None


class _LeaderEntry(_Entry):
    name: str
    party: str
    role: str = ""
    aliases: list[str] = []
    from_: int | None = Field(None, alias="from")
    to: int | None = None


class PartiesFile(_Entry):
    """parties.yaml: countries, organizations, leaders, titles and honorifics."""

    countries: dict[str, _Country] = {}
    ignore: list[str] = []
    titles: list[str] = []
    honorifics: dict[str, list[str]] = {}
    organizations: list[_Organization] = []
    leaders: list[_LeaderEntry] = []


def unknown_country_codes(raw: dict) -> list[str]:
    """Keys of parties.yaml's ``countries`` that are not ISO 3166 alpha-3 codes."""
    return [c for c in raw.get("countries") or {} if pycountry.countries.get(alpha_3=c) is None]


def _alias_re(alias: str) -> str:
    return r"\s+".join(re.escape(part) for part in alias.split())


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def parties_of(mentions: Iterable[Mention]) -> tuple[str, ...]:
    """The sorted distinct parties of some mentions."""
    return tuple(sorted({m.party for m in mentions}))


def find_parties(text: str, knowledge=None, year: int | None = None) -> tuple[str, ...]:
    """The sorted distinct parties named in ``text``."""
    from models.extract.knowledge import default_knowledge

    knowledge = knowledge or default_knowledge()
    return parties_of(knowledge.parties.find(text, year))


def normalize_party(name: str, knowledge=None) -> str | None:
    """The common English short name of a party written in any form ("U.S." -> "United States")."""
    from models.extract.knowledge import default_knowledge

    knowledge = knowledge or default_knowledge()
    return knowledge.parties.normalize(name)
