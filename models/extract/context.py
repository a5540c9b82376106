"""What a document says about its voices: its parties, who "we" is, the people it introduces,
and who speaks in each transcript turn."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from models.dates import CALENDAR_WORDS
from models.extract.knowledge import Knowledge
from models.extract.matchers import PartySpan
from models.extract.turns import Label
from models.parties import Leader

NON_PARTY_LABELS = frozenset(
    "q question reporter journalist press audience moderator aide operator participant staff "
    "interpreter translator announcer narrator host video crowd voice voices mc correspondent "
    "anchor presenter".split()
)


@dataclass
class DocumentContext:
    """The document's parties, its voice, and the people and holders seen so far."""

    parties: tuple[str, ...] = ()
    voice: tuple[str, ...] = ()  # who "we" is when no speaker is known
    year: int | None = None
    home: str | None = None  # the publishing government ("the President" in its releases)
    single_voice: bool = False  # a speech: one party speaks
    speaker: Leader | None = None  # the speech's named speaker (front matter)
    persons: dict[str, Leader] = field(default_factory=dict)  # name or surname -> person
    last_person: Leader | None = None
    last_holders: tuple[str, ...] = ()
    label_speaker: Leader | None = None  # the speaker of the current transcript turn
    silent: bool = False  # a turn of the press or an unknown voice: states nothing
    spoken: bool = False  # a speaker label was seen: the text is a transcript
    speakers: dict[str, Leader] = field(default_factory=dict)  # party -> its labelled speaker

    def we(self) -> tuple[str, ...]:
        """The parties "we" stands for right now."""
        if self.label_speaker:
            return (self.label_speaker.party,)
        return self.voice or self.parties

    def addressee(self) -> tuple[str, ...]:
        """Who "you" is in a transcript turn: the one other party, else nothing."""
        if not self.label_speaker:
            return ()
        own = self.label_speaker.party
        others = {p for p in self.speakers if p != own} or {p for p in self.parties if p != own}
        return tuple(others) if len(others) == 1 else ()

    def titled(self, role: str, home_leaders: dict | None = None) -> Leader | None:
        """ "the President", "the King": the one person of the text with that title."""
        role = role.lower()
        people = {p.name: p for p in self.persons.values() if role in p.role.lower().split(" and ")}
        if len(people) == 1:
            person = next(iter(people.values()))
            return person if person.party else None
        if not people and home_leaders:
            return home_leaders.get(role)
        return None


def year_of(date: str | None) -> int | None:
    """The year of an ISO-ish date string."""
    return int(str(date)[:4]) if date and str(date)[:4].isdigit() else None


def titles_in(doc, start: int, end: int, knowledge: Knowledge) -> list[tuple[int, int, str]]:
    """Titles (from parties.yaml) among tokens [start, end): (start, end, title)."""
    from models.extract.matchers import matchers_for

    found = matchers_for(knowledge)[2](doc)
    return [t for t in found if start <= t[0] and t[1] <= end]


def name_after(doc, i: int, mentions: dict[int, PartySpan]) -> tuple[int, int] | None:
    """A run of proper nouns from token i (a person's name), stopping at a party name."""
    j = i
    while j < len(doc) and j - i < 6:
        tok = doc[j]
        if tok.text == "-" and j > i and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
            j += 2  # "Miguel Díaz-Canel": a hyphenated surname is one name
            continue
        small = tok.lower_ in ("bin", "al", "de", "da", "van", "von", "ibn", "el", "abu")
        if not (tok.pos_ == "PROPN" or small and j > i) or not tok.text[:1].isalpha():
            break
        if j in mentions and mentions[j].kind != "leader":
            break
        if not small and (not tok.text[:1].isupper() or tok.text in CALENDAR_WORDS):
            break  # "counterpart Maithripala Sirisena Saturday agreed"
        j += 1
    while j > i and doc[j - 1].lower_ in ("bin", "al", "de", "da", "ibn", "el", "abu"):
        j -= 1
    return (i, j) if j > i else None


def introduced_persons(
    doc, mentions: list[PartySpan], knowledge: Knowledge
) -> list[tuple[str, str, str]]:
    """People a text introduces with a title, and their party where it says: (name, party, role).

    The party is "" when the text gives none ("Prime Minister Shehbaz Sharif"): the person is
    still known, so "the Prime Minister" is not mistaken for another one.

    "Chinese President Xi Jinping", "India's Prime Minister Narendra Modi", "President of Russia
    Vladimir Putin", "Prime Minister Kishida of Japan", "Sergey Lavrov, the foreign minister of
    Russia" and "His Majesty King Abdullah II of Jordan".
    """
    at = {m.start: m for m in mentions}
    covered = {i: m for m in mentions for i in range(m.start, m.end)}
    out = []
    for t_start, t_end, title in titles_in(doc, 0, len(doc), knowledge):
        party = None
        j = t_start - 1
        if j >= 0 and doc[j].text in ("'s", "’s"):
            j -= 1
        if j >= 0 and j in covered and covered[j].kind in ("country", "demonym", "org"):
            party = covered[j].party
        k = t_end
        if k < len(doc) and doc[k].lower_ == "of" and k + 1 < len(doc):
            k2 = k + 1 + (doc[k + 1].lower_ == "the")
            if k2 in at and at[k2].kind in ("country", "org"):
                party = party or at[k2].party
                k = at[k2].end
        name = name_after(doc, k, covered)
        if name is None:
            if doc[t_end - 1].lower_ == "of" or k < len(doc) and doc[k].text == ",":
                out += _appositive_names(doc, t_start, at, covered, title)
            continue
        n_start, n_end = name
        if n_end < len(doc) - 2 and doc[n_end].lower_ == "of":
            k2 = n_end + 1 + (doc[n_end + 1].lower_ == "the")
            if k2 in at and at[k2].kind in ("country", "org"):
                party = party or at[k2].party
        out.append((doc[n_start:n_end].text, party or "", title))
    for tok in doc:  # "The presidents of Venezuela, Nicolás Maduro, and Bolivia, Luis Arce"
        title = _plural_title(tok, knowledge)
        if title and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of":
            out += _appositive_names(doc, tok.i, at, covered, title)
    for start, end in person_names(doc, covered):
        if end + 2 >= len(doc) or doc[end].text != ",":
            continue
        window = range(end + 1, min(len(doc), end + 9))
        titles = titles_in(doc, end + 1, window.stop, knowledge)
        parties = [covered[i].party for i in window if i in covered and covered[i].kind != "leader"]
        if titles:  # "Ayman Safadi, deputy prime minister, ..." (whose, the text may not say)
            out.append((doc[start:end].text, parties[0] if parties else "", titles[0][2]))
    return out


def _plural_title(tok, knowledge: Knowledge) -> str | None:
    """ "presidents", "foreign ministers": a title of parties.yaml in the plural."""
    if tok.tag_ != "NNS":
        return None
    titles = {t.lower(): t for t in knowledge.titles}
    two = f"{tok.nbor(-1).lower_} {tok.lemma_.lower()}" if tok.i > 0 else ""
    return titles.get(two) or titles.get(tok.lemma_.lower())


def _appositive_names(doc, i: int, at: dict, covered: dict, title: str) -> list:
    """Names set off by commas after "<title> of <country>": "the President of Venezuela,
    Nicolás Maduro, ...", "the presidents of Venezuela, N. M., and Bolivia, L. A."."""
    out = []
    k = i + 1
    while k < len(doc) and doc[k].lower_ != "of" and k - i < 6:
        k += 1
    k += 1
    while k < len(doc):
        k += doc[k].lower_ in ("the", "and")
        if k not in at or at[k].kind not in ("country", "org"):
            break
        party, k = at[k].party, at[k].end
        if k + 1 >= len(doc) or doc[k].text != ",":
            break
        name = name_after(doc, k + 1, covered)
        if name is None or name[1] - name[0] < 2:
            break
        out.append((doc[name[0] : name[1]].text, party, title))
        k = name[1] + (name[1] < len(doc) and doc[name[1]].text == ",")
    return out


def person_names(doc, covered: dict) -> list[tuple[int, int]]:
    """Runs of two or more proper nouns that name no party: a person's name, by its shape."""
    out, i = [], 0
    while i < len(doc):
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and j not in covered:
            j += 1
        if j - i >= 2 and doc[i].text[:1].isupper():
            out.append((i, j))
        i = max(j, i + 1)
    return out


def register(ctx: DocumentContext, name: str, party: str, role: str) -> Leader:
    """Remember a person by full name and by surname."""
    name = re.sub(r"^(?:Mr|Mrs|Ms|Dr)\.?\s+", "", name.strip().rstrip(".,;:"))
    known = ctx.persons.get(name)
    if known is not None and not known.party and party:
        for key in [k for k, v in ctx.persons.items() if v is known]:
            del ctx.persons[key]  # the text now says whose it is
        known = None
    person = known or Leader(name=name, party=party, role=role)
    ctx.persons.setdefault(name, person)
    parts = name.split()
    if len(parts) > 1:
        last = parts[-1] if not re.fullmatch(r"[IVX]+", parts[-1]) else parts[-2]
        middle = parts[1:-1] if len(parts) > 2 else []  # "Juan Paredes Vela" is "Paredes"
        tail = [" ".join(parts[-2:])] if len(parts) > 2 else []
        for part in (last, parts[0], *middle, *tail):  # surnames first: "Cho Tae-yong"
            if len(part) > 2 and part[0].isupper():
                ctx.persons.setdefault(part, person)
    return person


def resolve_label(
    label: Label,
    doc,
    mentions: list[PartySpan],
    ctx: DocumentContext,
    knowledge: Knowledge,
    home_leaders: dict | None = None,
) -> Leader | None:
    """The person a speaker label names, registered in the context when first met."""
    words = label.text.lower().replace("’", "'").split()
    if label.question or not words or words[0] in NON_PARTY_LABELS:
        return None
    leaders = [m for m in mentions if m.kind in ("leader", "person")]
    if leaders:
        m = leaders[-1]
        return ctx.persons.get(m.person or "") or Leader(m.person or "", m.party)
    party = next((m.party for m in mentions if m.kind in ("country", "org", "demonym")), None)
    if party is None and label.note:
        party = knowledge.parties.normalize(label.note.strip())
    titles = titles_in(doc, 0, len(doc), knowledge) if doc is not None else []
    name = re.sub(r"^(?:Mr|Mrs|Ms|Dr)\.?\s+", "", label.text)
    name = name.title() if name.isupper() else name
    if ctx.persons.get(name) and ctx.persons[name].party:
        return ctx.persons[name]
    known = knowledge.parties.by_surname(words[-1], ctx.year) if titles and not party else None
    if known is not None:  # "PRIME MINISTER KEY:": the registry's one Prime Minister Key
        return register(ctx, known.name, known.party, known.role)
    if party is None and titles and len(words) <= 3:
        role = titles[0][2]
        found = ctx.titled(role, home_leaders)
        if found:
            return found
    if party is None:
        return None
    covered = {i for m in mentions for i in range(m.start, m.end)}
    skip = {i for s, e, _ in titles for i in range(s, e)} | covered
    tokens = [t.text for t in doc if t.i not in skip and t.lower_ not in ("of", "the")]
    role = titles[0][2] if titles else ""
    person_name = " ".join(tokens) or _note_name(label.note)
    if not person_name:  # "Chinese Foreign Minister:": a role, not a name to register
        return Leader(name=name, party=party, role=role)
    return register(ctx, person_name, party, role)


NAME_PREFIXES = re.compile(r"^(?:(?:Mr|Mrs|Ms|Dr|Shri|Smt|H\.?\s?E|Sir|Dame)\.?\s+)+", re.I)


def _note_name(note: str | None) -> str:
    """A person's name given in a label's brackets: "(Mr. Wang Yi)" -> "Wang Yi"."""
    if not note or any(c.isdigit() for c in note) or note.lower() in ("retranslated", "translated"):
        return ""
    words = NAME_PREFIXES.sub("", note.strip()).split()
    return " ".join(words) if 2 <= len(words) <= 5 and all(w[:1].isupper() for w in words) else ""


def build_context(document, docs, mentions, knowledge: Knowledge) -> DocumentContext:
    """The parties and voice of a document, from its metadata, title and opening paragraphs."""
    index = knowledge.parties
    year = year_of(document.date)
    meta = document.meta or {}
    ctx = DocumentContext(year=year)
    for doc, found in list(zip(docs, mentions, strict=True))[:40]:
        for name, party, role in introduced_persons(doc, found, knowledge):
            last = name.split()[-1]
            leader = next(  # "Al-Kadhimi" is the registry's "al-Kadhimi", alias "Kadhimi"
                (hit for n in (name, last, last.split("-")[-1]) if (hit := index.leader(n, year))),
                None,
            )
            if leader and party in ("", leader.party):  # a known leader: by their full name
                person = register(ctx, leader.name, leader.party, role or leader.role)
                ctx.persons.setdefault(name, person)
            else:
                register(ctx, name, party, role)
    home = None
    code = meta.get("country_iso3") or meta.get("party") or _speaks_as(docs, mentions, knowledge)
    if code:
        home = index.normalize_code(str(code)) or index.normalize(str(code))
    elif "whitehouse" in f"{document.source_url or ''} {document.source or ''}".lower():
        home = "United States"
    ctx.home = home
    title_parties = _parties_in_text(document.title or "", index, year, orgs=True)
    parties = list(title_parties)
    for found in mentions[1:4] if not code else ():  # [0] is the headline
        if len(parties) >= 2:
            break  # the opening names the parties; later paragraphs bring in others
        for m in found:
            if m.kind != "org" and m.party not in parties and len(parties) < 4:
                parties.append(m.party)
    host = _dateline_party(document.place, index)
    if host and host not in parties and len(parties) < 2 and not code:
        parties.append(host)  # "ISLAMABAD (APP): President X and his Sri Lankan counterpart"
    if meta.get("speaker"):
        speaker = str(meta["speaker"])
        leader = index.leader(speaker.split()[-1], year) or index.leader(speaker, year)
        if leader:
            home = home or leader.party
            ctx.speaker = register(ctx, speaker, leader.party, leader.role)
        elif home:
            ctx.speaker = register(ctx, speaker, home, "")
    if home and home not in parties and (code or len(parties) < 2):
        parties.append(home)
    ctx.single_voice = bool((code or ctx.speaker) and home)
    if ctx.single_voice:
        ctx.parties = (home,)
        ctx.voice = (home,)
    else:
        ctx.parties = tuple(sorted(set(parties)))
        ctx.voice = ctx.parties
    ctx.home = home
    _place_unplaced(ctx)
    return ctx


def _dateline_party(place: str | None, index) -> str | None:
    """The country a dateline's place names or is the capital of ("Islamabad", "Sochi, Russia")."""
    if not place:
        return None
    for part in (place.split(",")[-1], place.split(",")[0]):
        party = index.normalize(part.strip())
        if party in index.codes.values():  # a country, not an organization's seat
            return party
    return None


def _place_unplaced(ctx: DocumentContext) -> None:
    """An official the text introduces without a country ("Foreign Minister Ayman Safadi", as a
    local outlet writes of its own government) belongs to the one party of a two-party text that
    no introduced person speaks for yet."""
    if ctx.single_voice or len(ctx.parties) != 2:
        return
    placed = {p.party for p in ctx.persons.values() if p.party}
    unplaced = {p.name: p for p in ctx.persons.values() if not p.party and p.role}
    free = [party for party in ctx.parties if party not in placed]
    if len(free) != 1 or not unplaced:
        return
    for person in unplaced.values():
        register(ctx, person.name, free[0], person.role)


def _speaks_as(docs, mentions, knowledge: Knowledge) -> str | None:
    """The party a speech speaks for when its opening says so: "as President of Indonesia",
    "on behalf of the Government of Kenya"."""
    lex = knowledge.lexicon
    for doc, found in list(zip(docs, mentions, strict=False))[1:6]:
        first_person = any(t.lower_ in ("i", "me", "my", "we", "our") for t in doc)
        reported = any(t.lemma_.lower() in lex.attribution and t.pos_ == "VERB" for t in doc)
        if not first_person or reported:
            continue  # a report about a speaker, not the speech itself
        at = {m.start: m for m in found if m.kind in ("country", "org")}
        for tok in doc:
            if tok.lower_ == "as":
                titles = titles_in(doc, tok.i + 1, min(len(doc), tok.i + 6), knowledge)
                end = titles[0][1] if titles and titles[0][0] <= tok.i + 2 else None
            elif tok.lower_ == "behalf" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of":
                end = tok.i + 1
                while end + 1 < len(doc) and doc[end + 1].lower_ in (
                    "the",
                    "people",
                    "government",
                    "of",
                ):
                    end += 1
            else:
                continue
            if end is None:
                continue
            k = end + (doc[end].lower_ == "of") if end < len(doc) else end
            k += 1 if k < len(doc) and doc[k].lower_ == "the" else 0
            if k in at:
                return at[k].party
    return None


def _parties_in_text(text: str, index, year: int | None, orgs: bool = False) -> list[str]:
    out = []
    for m in index.find(text, year):
        if (orgs or m.kind != "org") and m.party not in out:
            out.append(m.party)
    return out
