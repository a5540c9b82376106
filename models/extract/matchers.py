"""spaCy matchers built from the knowledge files: party and leader names, area phrases.

They run on a cached parse, so editing a knowledge file re-matches but never re-parses.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from models.extract.knowledge import Knowledge
from models.extract.nlp import load_nlp


@dataclass(frozen=True)
class PartySpan:
    """A party, capital, demonym, organization or person named at tokens [start, end)."""

    start: int
    end: int
    party: str
    kind: str  # country | capital | demonym | org | leader | person
    person: str | None = None


@dataclass(frozen=True)
class AreaSpan:
    """An area phrase at tokens [start, end)."""

    start: int
    end: int
    area: str


def spellings(name: str) -> set[str]:
    """A name as pages write it: with either apostrophe, and without its accents ("Cote
    d’Ivoire" for "Côte d'Ivoire", "Nicolas Maduro" for "Nicolás Maduro")."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    out = {name}
    if len(folded) == len(unicodedata.normalize("NFC", name)):
        out.add(folded)  # only accents dropped, no letters lost
    return out | {v.replace("'", "’") for v in out} | {v.replace("’", "'") for v in out}


class PartyMatcher:
    """Every alias of parties.yaml + pycountry and every leader name, as one PhraseMatcher."""

    def __init__(self, knowledge: Knowledge):
        from spacy.matcher import PhraseMatcher

        nlp = load_nlp()
        self.index = knowledge.parties
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.keys: dict[int, str] = {}
        names = set(self.index.aliases) | set(self.index.leaders) | set(self.index.ignore)
        for name in sorted(names):
            key = nlp.vocab.strings.add(name)
            self.keys[key] = name
            self.matcher.add(name, [nlp.make_doc(v) for v in sorted(spellings(name))])

    def __call__(
        self, doc, year: int | None = None, persons: dict | None = None
    ) -> list[PartySpan]:
        """Party mentions of a Doc, longest first where they overlap; persons of the text win."""
        from spacy.util import filter_spans

        found = []
        for key, start, end in self.matcher(doc):
            found.append((doc[start:end], self.keys[key]))
        if persons:
            for i in range(len(doc)):
                for n in (4, 3, 2, 1):
                    text = doc[i : i + n].text
                    if i + n <= len(doc) and text in persons:
                        found.append((doc[i : i + n], "\x00" + text))
                        break
        spans = filter_spans([s for s, _ in found])
        names = {(s.start, s.end): name for s, name in found}
        out = []
        for span in spans:
            name = names[(span.start, span.end)]
            if name.startswith("\x00"):
                person = persons[name[1:]]
                if person.party:  # a person whose party the text never says names no party
                    out.append(PartySpan(span.start, span.end, person.party, "person", person.name))
            elif name in self.index.ignore:
                continue
            elif name in self.index.aliases:
                party, kind = self.index.aliases[name]
                out.append(PartySpan(span.start, span.end, party, kind))
            else:
                leader = self.index.leader(name, year)
                if leader:
                    out.append(PartySpan(span.start, span.end, leader.party, "leader", leader.name))
        return out


class AreaMatcher:
    """Area synonyms (case-insensitive; capitals case-sensitive; "*" any ending; optional "s")."""

    def __init__(self, knowledge: Knowledge):
        from spacy.matcher import PhraseMatcher

        nlp = load_nlp()
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.wild: list[tuple[tuple[str, ...], str, str]] = []  # head words, stem, area
        self.labels: dict[int, str] = {}
        tax = knowledge.taxonomy
        entries = [(a.id, s) for a in knowledge.areas for s in a.synonyms]
        entries += [("ignore", s) for s in tax.ignore]
        entries += [(area, abbr) for abbr, area in tax.abbreviations.items()]
        for area, phrase in entries:
            key = nlp.vocab.strings.add(area)
            self.labels[key] = area
            words = phrase.split()
            if phrase.endswith("*"):
                head = tuple(w.lower() for w in words[:-1])
                self.wild.append((head, words[-1][:-1].lower(), area))
            elif any(c.isupper() for c in phrase):
                self.exact.add(area, [nlp.make_doc(phrase), nlp.make_doc(phrase + "s")])
            else:
                forms = {phrase, phrase + "s"}
                if phrase.endswith(("s", "sh", "ch", "x")):
                    forms.add(phrase + "es")
                if phrase.endswith("y") and phrase[-2:-1] not in "aeiou":
                    forms.add(phrase[:-1] + "ies")
                self.lower.add(area, [nlp.make_doc(f) for f in sorted(forms)])
        stems = sorted({stem for _, stem, _ in self.wild}, key=len, reverse=True)
        self.stems = re.compile("|".join(re.escape(s) for s in stems)) if stems else None
        self.not_before = {k.lower(): set(v) for k, v in tax.not_before.items()}
        self.not_after = {k.lower(): {w.lower() for w in v} for k, v in tax.not_after.items()}
        self.values = {k.lower(): {w.lower() for w in v} for k, v in tax.generic_values.items()}

    def __call__(self, doc) -> list[AreaSpan]:
        """Area phrases of a Doc (ignore phrases consume what they cover; longest wins)."""
        from spacy.util import filter_spans

        hits = [(self.labels[k], s, e) for k, s, e in [*self.lower(doc), *self.exact(doc)]]
        hits += self._wildcards(doc)
        spans = [doc[s:e] for _, s, e in hits]
        label = {}
        for area, s, e in hits:
            label.setdefault((s, e), area)
        out = []
        for span in filter_spans(spans):
            area = label[(span.start, span.end)]
            if area == "ignore" or self._excluded(doc, span):
                continue
            out.append(AreaSpan(span.start, span.end, area))
        return out

    def _wildcards(self, doc) -> list[tuple[str, int, int]]:
        """Synonyms ending in "*" ("export*"): a token starting with the stem, after the head."""
        if self.stems is None:
            return []
        out = []
        for tok in doc:
            low = tok.lower_
            if not self.stems.match(low):
                continue
            for head, stem, area in self.wild:
                start = tok.i - len(head)
                if low.startswith(stem) and start >= 0:
                    if tuple(t.lower_ for t in doc[start : tok.i]) == head:
                        out.append((area, start, tok.i + 1))
        return out

    def _excluded(self, doc, span) -> bool:
        text = span.text.lower()
        nxt = doc[span.end].lower_ if span.end < len(doc) else ""
        if nxt in self.not_before.get(text, ()):
            return True
        modifiers = {c.lower_ for c in span.root.children if c.dep_ in ("amod", "compound")}
        if modifiers & self.not_after.get(text, set()):
            return True
        values = self.values.get(text)
        if values:
            near = {t.lower_ for t in doc[max(0, span.start - 4) : span.end + 4]}
            if near & values:
                return True
        return False


class TitleMatcher:
    """Titles of parties.yaml ("Prime Minister", "Crown Prince"), case-insensitive."""

    def __init__(self, knowledge: Knowledge):
        from spacy.matcher import PhraseMatcher

        nlp = load_nlp()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.titles: dict[int, str] = {}
        for title in knowledge.titles:
            key = nlp.vocab.strings.add("title:" + title)
            self.titles[key] = title
            self.matcher.add("title:" + title, [nlp.make_doc(title)])

    def __call__(self, doc) -> list[tuple[int, int, str]]:
        """Titles in a Doc, longest first where they overlap, in order (cached on the Doc)."""
        from spacy.util import filter_spans

        cached = doc.user_data.get("titles")
        if cached is None:
            hits = self.matcher(doc)
            label = {(s, e): self.titles[k] for k, s, e in hits}
            spans = filter_spans([doc[s:e] for _, s, e in hits])
            cached = sorted((sp.start, sp.end, label[(sp.start, sp.end)]) for sp in spans)
            doc.user_data["titles"] = cached
        return cached


_CACHE: dict[str, tuple[PartyMatcher, AreaMatcher, TitleMatcher]] = {}


def matchers_for(knowledge: Knowledge) -> tuple[PartyMatcher, AreaMatcher, TitleMatcher]:
    """The party, area and title matchers of a knowledge version, built once."""
    key = f"{knowledge.version}:{id(knowledge)}"
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = (PartyMatcher(knowledge), AreaMatcher(knowledge), TitleMatcher(knowledge))
    return _CACHE[key]
