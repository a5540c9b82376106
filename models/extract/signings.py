"""Signings: documents a text says were signed, inked, concluded or exchanged, with their
parties, signatories, count and areas."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import islice

from models.extract.areas import field_spans
from models.extract.clauses import ReadParagraph
from models.extract.context import DocumentContext
from models.extract.holders import HolderResolver
from models.extract.knowledge import Knowledge
from models.extract.stances import MAX_HOPS
from models.schema import Signing

NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip


def is_document(tok, docs: frozenset[str]) -> bool:
    """A noun of a signed document ("MoUs", "the Accords", "a pact")."""
    low = tok.lower_.rstrip(".")  # "signed an MoU." is one token to the tokenizer
    return tok.pos_ in ("NOUN", "PROPN") and (
        tok.lemma_.lower() in docs or low in docs or low.rstrip("s") in docs
    )


def _document_noun(tok, docs: frozenset[str]):
    """The document noun of a phrase headed by tok ("a number of agreements" -> agreements)."""
    if is_document(tok, docs):
        return tok
    for t in tok.subtree:
        if is_document(t, docs):
            return t
    return None


def _count(noun) -> int | None:
    for c in noun.children:
        if c.dep_ == "nummod":
            text = c.text.replace(",", "")
            if text.isdigit():
                return int(text)
            if c.lower_ in NUMBER_WORDS:
                return NUMBER_WORDS[c.lower_]
    return None


def _future(verb, lex) -> bool:
    """A signing planned, hoped for or negated ("will sign", "are expected to sign")."""
    if any(c.dep_ == "aux" and c.lemma_.lower() in lex.signing_future for c in verb.children):
        return True
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    node = verb
    while node.dep_ in ("xcomp", "conj", "ccomp", "acomp") and node.head.i != node.i:
        node = node.head
        if node.lemma_.lower() in lex.signing_future or node.lower_ in lex.signing_future:
            return True
    return verb.tag_ == "VB" and verb.dep_ != "ROOT"


def _background(sent, year: int | None) -> bool:
    """A signing dated years before the text ("signed in 2015") is background; in a text with
    no date of its own, any signing dated "in <year>" is (news reports date only the past)."""
    years = [int(y) for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", sent.text)]
    if year is None:
        return bool(re.search(r"\bin (1[89]\d\d|20\d\d)\b", sent.text))
    return bool(years) and max(years) < year - 1


def _phrase(para, noun) -> str:
    """The document's name: its noun phrase without relative clauses or coordinated items."""
    doc = para.doc
    cut = {
        t.i
        for c in noun.children
        if c.dep_ in ("relcl", "conj", "cc") or c.dep_ == "acl" and c.tag_ in ("VBN", "VBG")
        for t in c.subtree
    }
    toks = [t for t in noun.subtree if t.i not in cut]
    start, end = min(t.i for t in toks), max(t.i for t in toks) + 1
    if noun.text[:1].isupper():  # a named document: its title runs on past the parse
        end = max(end, _title_end(doc, noun))
        end = min([end] + [t.i for t in doc[noun.i + 1 : end] if t.lower_ in ("a", "an")])
    while start < end and doc[start].pos_ in ("DET", "PUNCT", "CCONJ"):
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    opened = [t.i for t in doc[start:end] if t.text == "("]
    if opened and not any(t.text == ")" for t in doc[opened[-1] : end]):
        end = opened[-1]  # "Memoranda of Understanding (MoUs" -> up to the bracket
    text = para.text(start, end)
    return text[:-1] if end - 1 == noun.i and text.endswith(".") else text  # "an MoU."


def signings_of(
    para: ReadParagraph,
    paragraph_id: str,
    ctx: DocumentContext,
    resolver: HolderResolver,
    knowledge: Knowledge,
    listed: bool = False,
    after_signing: bool = False,
) -> list[Signing]:
    """The signings a paragraph reports; ``listed`` when it is an item of a list of documents
    (the paragraph before it ends with a colon); ``after_signing`` when the paragraph before
    reported a signing (this one may list what it signed: "Among these were A; B; and C")."""
    if para.silent:
        return []
    lex = knowledge.lexicon
    doc = para.doc
    by_token = {i: m for m in para.mentions for i in range(m.start, m.end)}
    docs = lex.signed_documents
    out = []
    if listed and _listed_document(doc, docs) is not None:
        noun = _listed_document(doc, docs)  # an item of "The following were signed:"
        return _signing(doc, noun, noun, para, paragraph_id, ctx, resolver, by_token)
    inline, headed = _inline_lists(para, paragraph_id, ctx, resolver, by_token, after_signing)
    out += inline
    for tok in doc:
        lemma = tok.lemma_.lower()
        noun = None
        verb = None
        nouns = []  # further documents the same verb governs ("signed an MoU, a statement ...")
        if lemma in lex.signing_verbs and tok.dep_ == "acl" and (head := _reduced_head(tok, docs)):
            noun, verb = head, tok  # "a memorandum ..., exchanged by ..."
        elif lemma in lex.signing_verbs and tok.pos_ in ("VERB", "AUX") and tok.dep_ != "amod":
            if _future(tok, lex):
                continue
            objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "obj")]
            objs = [_antecedent_document(o, tok, docs) or o for o in objs]
            nouns = [n for n in (_document_noun(o, docs) for o in objs) if n is not None]
            noun, nouns = (nouns[0], nouns[1:]) if nouns else (None, [])
            if noun is None and lemma in ("exchange",):
                continue
            verb = tok
        elif (
            lemma in lex.signing_nouns
            and tok.pos_ == "NOUN"
            # not a document's own field ("an agreement on the exchange of students")
            and not any(is_document(a, docs) for a in islice(tok.ancestors, MAX_HOPS))
            and not (tok.dep_ == "conj" and tok.head.lemma_.lower() not in lex.signing_nouns)
        ):  # "training of personnel and exchange of documents": a field, not an act
            ofs = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
            pobj = [g for o in ofs for g in o.children if g.dep_ == "pobj"]
            noun = _document_noun(pobj[0], lex.signed_documents) if pobj else None
            verb = tok
        if noun is None or verb is None:
            continue
        named = _named_instead(verb, noun, lex.signed_documents)
        if named is not None:  # "a package of documents, notably, the Joint Statement on ..."
            noun = named
        if any(c.lower_ in ("following", "these") for c in noun.children):
            continue  # "The following documents were signed:" heads the list that names them
        if any(lo <= noun.i < hi and (_count(noun) or 0) <= n for lo, hi, n in headed):
            continue  # "signed 6 documents in the following areas: A; B; ...": the list counts
        items = [noun, *_conj_documents(noun, docs)]
        if _count(noun) is not None:  # "28 MoUs and agreements": one counted package
            items = [noun, *(t for t in items[1:] if t.text[:1].isupper())]
        items += [t for n in nouns for t in (n, *_conj_documents(n, docs)) if t not in items]
        included = _included_documents(verb, noun, lex.signed_documents)
        if included and not any(c.like_num for c in noun.subtree):
            items = included  # "documents were signed, including an agreement on X"
        for item in items:
            out += _signing(doc, verb, item, para, paragraph_id, ctx, resolver, by_token)
    return out


_NUMBERED = re.compile(r"\(\d{1,2}\)\s*")
_AMONG_OTHERS = re.compile(r"[,;]?\s*(?:among others|and others|etc)\.?$", re.I)


def _inline_lists(
    para, paragraph_id, ctx, resolver, by_token, after_signing: bool = False
) -> tuple[list[Signing], list]:
    """Documents listed after a colon inside a sentence that reports a signing ("signed 6
    documents in the following areas: A; B; C and D", "The signed MoUs include: (1) A (2) B"):
    one signing per item, and the (start, end, item count) of each list's header."""
    doc, lex = para.doc, resolver.lex
    docs = lex.signed_documents
    out: list[Signing] = []
    headed = []
    for before, first in _list_openings(doc, after_signing):
        signs = [t for t in before if t.lemma_.lower() in lex.signing_verbs | lex.signing_nouns]
        continued = after_signing and before.start == 0 and before.end > first.i
        if not continued and (not signs or not any(is_document(t, docs) for t in before)):
            continue
        verbs = [t for t in signs if t.pos_ in ("VERB", "AUX") and t.dep_ != "amod"]
        if any(_future(v, lex) for v in verbs) or _background(before, ctx.year):
            continue
        items = _list_items(para, first.idx - para.shift, docs)
        finite = [
            t.idx - para.shift
            for t in doc[first.i : first.sent.end]
            if t.tag_ in ("VBD", "VBZ", "VBP", "MD")
        ]
        if len(items) < 2 or any(a <= f < b for a, b in items for f in finite):
            continue  # items of a list are names, not clauses ("...: trade has doubled; ...")
        headed.append((before.start, before.end, len(items)))
        parties, people = _signers(doc, verbs[0], resolver, by_token, ctx) if verbs else ([], [])
        parties = [p for p in parties if p in ctx.parties] or list(ctx.parties)
        fields = field_spans(para, resolver.knowledge, signed=True)
        for lo, hi in items:
            areas = {a.area for a in fields if lo <= doc[a.start].idx - para.shift < hi}
            text = para.body[lo:hi]
            out.append(
                Signing(text, tuple(people), tuple(sorted(parties)), tuple(sorted(areas)),
                        paragraph_id, text)
            )  # fmt: skip
    return out, headed


LIST_LEADS = frozenset(("among", "these", "they", "those"))
HEADER_TOKENS = 80  # how far before a colon the words that introduce a list are looked for


def _list_openings(doc, after_signing: bool = False):
    """Where a list of documents starts, with the words that introduce it: after a colon
    ("signed 6 documents in the following areas: A; B"), or after the verb of a sentence
    that names what the sentence (or paragraph) before reported ("... witnessed the signing
    of several agreements. Among these included A; B; and C"); for a paragraph's first
    sentence after a signing, that sentence itself."""
    sents = list(doc.sents)
    for sent in sents:
        for tok in sent:
            if tok.text == ":" and tok.i + 1 < len(doc):  # a header is read back a bounded way
                yield doc[max(sent.start, tok.i - HEADER_TOKENS) : tok.i], doc[tok.i + 1]
    firsts = [None, *sents] if after_signing else sents
    pairs = zip(firsts, sents if after_signing else sents[1:], strict=False)
    for prev, sent in pairs:
        prev = prev if prev is not None else sent
        if sent[0].lower_ not in LIST_LEADS or not any(t.text == ";" for t in sent):
            continue
        verb = next((t for t in sent if t.pos_ in ("VERB", "AUX")), None)
        if verb is not None and verb.i + 1 < sent.end:
            yield prev, doc[verb.i + 1]


def _list_items(para, start: int, docs: frozenset[str]) -> list[tuple[int, int]]:
    """Character spans of the items written after a colon, up to the sentence's end: numbered
    "(1) A (2) B", or separated by semicolons, the last pair perhaps by "and" ("C and D")."""
    body = para.body
    end, depth = len(body), 0
    for i in range(start, len(body)):
        depth += {"(": 1, ")": -1}.get(body[i], 0)
        if body[i] == "." and depth <= 0 and (i + 1 == len(body) or body[i + 1].isspace()):
            end = i
            break
    marks = list(_NUMBERED.finditer(body, start, end))
    if marks:
        bounds = [(m.end(), n.start()) for m, n in zip(marks, marks[1:], strict=False)]
        bounds.append((marks[-1].end(), end))
    else:
        cuts = [start, *(i + 1 for i in range(start, end) if body[i] == ";"), end + 1]
        bounds = [(a, b - 1) for a, b in zip(cuts, cuts[1:], strict=False)]
        if len(bounds) >= 2:  # "...; C and D": the last pair when D is a document of its own
            a, b = bounds[-1]
            kinds = "|".join(sorted(re.escape(d) for d in docs))
            split = re.search(rf"\s+and\s+(?=(?:the\s+)?(?:{kinds})s?\b)", body[a:b], re.I)
            if split:
                bounds[-1:] = [(a, a + split.start()), (a + split.end(), b)]
    items = []
    for a, b in bounds:
        text = _AMONG_OTHERS.sub("", body[a:b])
        lead = len(text) - len(text.lstrip(" ,;"))
        text = text.strip(" ,;")
        while re.match(r"(?:and|the|a|an)\s", text, re.I):  # "and a Memorandum on X"
            cut = text.index(" ") + 1
            lead, text = lead + cut, text[cut:]
        if text:
            items.append((a + lead, a + lead + len(text)))
    if any(len(para.body[a:b].split()) > 30 for a, b in items):
        return []  # prose after a colon, not a list of documents
    return items


ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
    )
}


class PackageItems:
    """Documents of a counted package described one by one in the paragraphs after it ("signed
    nine agreements. ... The first agreement aims to ... The second agreement concerns X")."""

    def __init__(self) -> None:
        self.package_: Signing | None = None  # the last counted signing
        self.last_: int = 0  # the highest ordinal met since

    def items(self, para: ReadParagraph, paragraph_id: str, found: list[Signing], resolver):
        """The items this paragraph describes; ``found`` are its other signings."""
        counted = [s for s in found if (s.count or 0) >= 2]
        if counted:
            self.package_, self.last_ = counted[-1], 0
        if self.package_ is None or para.silent:
            return []
        out = []
        docs = resolver.lex.signed_documents
        fields = field_spans(para, resolver.knowledge, signed=True)
        for sent in para.doc.sents:
            noun = next((t for t in sent if is_document(t, docs) and _ordinal(t)), None)
            if noun is None:
                continue
            appositive = any(c.dep_ == "appos" and c.lower_ in ORDINALS for c in noun.children)
            if noun.dep_ not in ("nsubj", "nsubjpass") and not appositive:
                continue  # "The second agreement concerns X"; "As for the X, the sixth, ..."
            self.last_ = max(self.last_, _ordinal(noun))
            title = _item_title(para, noun)
            areas = sorted({a.area for a in fields if sent.start <= a.start < sent.end})
            text = para.text(sent.start, sent.end).strip()
            out.append(Signing(title, (), self.package_.parties, tuple(areas), paragraph_id, text))
        return out

    def described(self) -> Signing | None:
        """The package, once items up to its count have been described (it is then a list's
        header, not a document of its own)."""
        if self.package_ is not None and self.last_ >= (self.package_.count or 0):
            return self.package_
        return None


def _ordinal(noun) -> int:
    """ "the second agreement", "the agreement on X, the sixth" -> 2, 6; else 0."""
    for c in noun.children:
        if c.dep_ in ("amod", "appos") and c.lower_ in ORDINALS:
            return ORDINALS[c.lower_]
    if noun.dep_ == "appos" and noun.lower_ in ORDINALS:
        return ORDINALS[noun.lower_]
    return 0


def _item_title(para, noun) -> str:
    """An item's title: its own name ("agreement on aviation services"), or the noun and what
    the sentence says it is about ("agreement that concerns agriculture")."""
    own = [c for c in noun.children if c.dep_ in ("prep", "acl", "relcl") and c.i > noun.i]
    if own:
        end = max(t.i for c in own for t in c.subtree) + 1
        return f"{noun.lemma_.lower()} {para.text(noun.i + 1, end)}".strip()
    verb = noun.head
    rest = [t.i for c in verb.children if c.i > verb.i and not c.is_punct for t in c.subtree]
    end = max(rest, default=verb.i) + 1
    start = min([verb.i] + [c.i for c in verb.children if c.dep_ in ("aux", "auxpass")])
    return f"{noun.lemma_.lower()} that {para.text(start, end)}"


def _reduced_head(verb, docs: frozenset[str]):
    """The document a reduced relative ("..., signed by the two ministers") describes: its head,
    or, when the parser hung the clause on a noun inside the document's name ("a memorandum
    for the modernization of X, exchanged by ..."), the document noun above that one."""
    node = verb.head
    while node.head.i != node.i and not is_document(node, docs):
        if node.pos_ not in ("NOUN", "PROPN", "ADP") or node.dep_ in ("nsubj", "dobj"):
            return None
        node = node.head
    return node if is_document(node, docs) and verb.tag_ == "VBN" else None


FIELD_NOUNS = frozenset(("area", "field", "sphere", "domain", "areas", "fields", "spheres"))
ABOUT = frozenset(("on", "concerning", "regarding", "about"))
ABOUT_VERBS = frozenset(("address", "cover", "concern", "regard"))


def _subject_on_verb(verb, noun, circumstances: frozenset[str]):
    """What an unnamed document is about when the parser hung it on the verb: "signed an MoU
    in the area of X", "an MoU was inked addressing X", "signed a deal on X" (not "on Monday",
    "on 5 May" or "on the sidelines of ...")."""
    if noun.tag_ in ("NNP", "NNPS") or noun.head.i != verb.i:  # "MoU" is a common noun
        return None
    for c in verb.children:
        if c.i < noun.i or c.dep_ not in ("prep", "xcomp", "advcl"):
            continue
        objs = [g for g in c.children if g.dep_ in ("pobj", "dobj")]
        if not objs:
            continue
        if c.dep_ == "prep" and c.lower_ == "in" and objs[0].lower_ in FIELD_NOUNS:
            return c
        if (
            c.dep_ == "prep"
            and c.lower_ == "on"
            and (objs[0].pos_ != "NOUN" or objs[0].lemma_.lower() in circumstances)
        ):
            continue  # a day, a date or an occasion
        if c.dep_ == "prep" and c.lower_ in ABOUT:
            return c
        if c.tag_ == "VBG" and c.lemma_.lower() in ABOUT_VERBS:
            return c
    return None


def _listed_document(doc, docs: frozenset[str]):
    """A paragraph that is only a document's name ("A memorandum of cooperation on X between
    A and B."): its root is the document noun and no verb reports anything."""
    roots = [s.root for s in doc.sents]
    if len(roots) != 1 or not is_document(roots[0], docs):
        return None
    if any(t.pos_ == "VERB" and t.dep_ in ("ROOT", "ccomp") for t in doc):
        return None
    return roots[0]


def _conj_documents(noun, docs: frozenset[str]) -> list:
    """Documents coordinated with the first ("signed a Joint Statement on X and a Plan on Y"):
    conjuncts of it, or named documents the parser hung deeper in the clause."""
    out = []
    for c in noun.children:
        if c.dep_ == "conj" and is_document(c, docs):
            out.append(c)
            out += _conj_documents(c, docs)
    verb = noun.head
    while verb.pos_ not in ("VERB", "AUX", "NOUN") and verb.head.i != verb.i:
        verb = verb.head
    if noun.text[:1].isupper():
        for t in verb.subtree:
            if (
                t.i > noun.i
                and t.dep_ == "conj"
                and t.text[:1].isupper()
                and is_document(t, docs)
                and t not in out
            ):
                out.append(t)
    return out


def _antecedent_document(pronoun, verb, docs: frozenset[str]):
    """The document a relative "which"/"that" stands for ("a deal ..., which was signed on
    Monday"): the nearest document noun before it in the sentence."""
    if pronoun.lower_ not in ("which", "that") or verb.dep_ != "relcl":
        return None
    for t in reversed(list(verb.sent)[: pronoun.i - verb.sent.start]):
        if is_document(t, docs):
            return t
    return None


def _included_documents(verb, noun, docs: frozenset[str]) -> list:
    """Documents a generic one is said to include ("a package of documents was signed,
    including an agreement on X and a memorandum on Y")."""
    out = []
    if noun.dep_ == "pobj" and noun.head.lower_ == "among":  # "Among the deals signed were A, B"
        copula = noun.head.head
        for c in copula.children:
            if c.dep_ in ("attr", "nsubj", "appos") and c.i != noun.i and is_document(c, docs):
                out += [c, *_conj_documents(c, docs)]
    for head in (verb, noun, noun.head):
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "including"):
            for obj in (g for g in prep.children if g.dep_ == "pobj" and is_document(g, docs)):
                out += [obj, *_conj_documents(obj, docs)]
    return list({t.i: t for t in out}.values())


def _named_instead(verb, noun, docs: frozenset[str]):
    """A named document standing for a generic one ("documents, notably, the Joint Statement")."""
    if noun.text[:1].isupper():
        return None
    for t in verb.subtree:
        if t.i > noun.i and t.text[:1].isupper() and is_document(t, docs) and t.dep_ != "conj":
            return t
    return None


def _areas_after(para, sent, fields, docs: frozenset[str]) -> set[str]:
    """Areas the next sentence gives the documents ("The agreements cover energy and health")."""
    doc = para.doc
    if sent.end >= len(doc):
        return set()
    nxt = doc[sent.end].sent
    root = nxt.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or root.lemma_.lower() not in para.cover:
        return set()
    if not (is_document(subj, docs) or subj.lower_ in ("they", "these", "those")):
        return set()
    return {a.area for a in fields if nxt.start <= a.start < nxt.end}


SMALL = frozenset("of on the and for in to ’s 's - – between with at".split())


def _title_end(doc, noun) -> int:
    """Where a named document's title ends: the run of capitalized words and small connectors
    ("Joint Declaration of the Kingdom of Spain and the Republic of Chile on ...")."""
    end = noun.i + 1
    while end < len(doc):
        tok = doc[end]
        if tok.text[:1].isupper() or tok.like_num or tok.text in ("-", "–", "/"):
            end += 1
        elif (
            tok.lower_ in SMALL
            and end + 1 < len(doc)
            and (doc[end + 1].text[:1].isupper() or doc[end + 1].lower_ in ("the", "’s", "'s"))
        ):
            end += 1
        else:
            break
    while end > noun.i + 1 and doc[end - 1].lower_ in SMALL:
        end -= 1
    return end


def _signing(doc, verb, noun, para, paragraph_id, ctx, resolver, by_token) -> list[Signing]:
    """One signed document, if the sentence reports it as signed by parties of the text."""
    sent = verb.sent
    if _background(sent, ctx.year):
        return []
    parties, signatories = _signers(doc, verb, resolver, by_token, ctx)
    if parties and not set(parties) & set(ctx.parties):
        return []
    parties = parties or ctx.parties
    fields = field_spans(para, resolver.knowledge, signed=True)
    areas = {a.area for a in fields if sent.start <= a.start < sent.end}
    areas = sorted(areas | _areas_after(para, sent, fields, resolver.lex.signed_documents))
    title = _phrase(para, noun)
    about = _subject_on_verb(verb, noun, resolver.lex.signing_circumstances)
    if about is not None:  # "signed an MoU in the area of X" -> "MoU in the area of X"
        title = f"{title} {para.text(about.left_edge.i, about.right_edge.i + 1)}"
    lo = min(verb.i, min(t.i for t in noun.subtree))
    hi = max(max(t.i for t in noun.subtree), verb.i) + 1
    return [
        Signing(
            title,
            tuple(signatories),
            tuple(sorted(parties)),
            tuple(areas),
            paragraph_id,
            para.text(lo, hi),
            count=_count(noun),
        )
    ]


def _names_in(doc, phrase, by_token, knowledge) -> list[str]:
    """People a phrase names after a title ("Minister of Defense Prince Khalid bin Salman")."""
    from models.extract.context import name_after, titles_in

    lo, hi = phrase.left_edge.i, phrase.right_edge.i + 1
    out = []
    titles = titles_in(doc, lo, hi, knowledge)
    for i, (_, end, _) in enumerate(titles):
        if i + 1 < len(titles) and titles[i + 1][0] <= end + 4:
            continue  # "Minister of Defense Prince ...": the name follows the last title
        k = end
        if k < hi and doc[k].lower_ == "of":
            while k < hi and (doc[k].lower_ in ("of", "the", "and") or doc[k].pos_ == "PROPN"):
                if doc[k].pos_ == "PROPN" and k + 1 < hi and doc[k + 1].pos_ == "PROPN":
                    if titles_in(doc, k, k + 1, knowledge):
                        break
                k += 1
            continue
        name = name_after(doc, k, by_token)
        if name and name[1] <= hi:
            out.append(doc[name[0] : name[1]].text)
    return out


def _signers(doc, verb, resolver: HolderResolver, by_token, ctx: DocumentContext):
    """Parties and named signatories: the active subject, "between A and B", "by A", "with B"."""
    parties: list[str] = []
    people: list[str] = []
    phrases = []
    for c in verb.children:
        if verb.lemma_.lower() != "signing" and c.dep_ in ("nsubj", "agent"):
            phrases.append(c)
        if c.dep_ == "prep" and c.lower_ in ("between", "among", "with", "by"):
            phrases.append(c)
        if c.dep_ == "prep" and any(g.lower_ == "behalf" for g in c.children):
            phrases.append(c)  # "on behalf of Nigeria"
    for phrase in phrases:
        for t in phrase.subtree:
            m = by_token.get(t.i)
            if m and m.party not in parties:
                parties.append(m.party)
            if m and m.person and m.person not in people:
                people.append(m.person)
        for name in _names_in(doc, phrase, by_token, resolver.knowledge):
            if not any(name in p for p in people):
                people.append(name)
        if phrase.dep_ == "nsubj" and not parties:
            holder = resolver.of_phrase(doc, phrase, by_token)
            if holder:
                parties += [p for p in holder.parties if p not in parties]
    return parties, people


# Words of a document's title that do not tell one document from another.
GENERIC = frozenset(
    "joint bilateral cooperation cooperative comprehensive strategic partnership new major "
    "intergovernmental relevant important several various".split()
)


def _words(text: str) -> set[str]:
    stop = {"the", "a", "an", "of", "on", "and", "in", "for", "to", "between", "with"}
    return {w.strip("\"“”'‘’") for w in text.lower().replace("-", " ").split()} - stop - {""}


def _same_document(a: Signing, b: Signing, kinds: frozenset[str]) -> bool:
    """Two mentions of one signed document: nearly the same words; a short form of the other
    ("the Accords"); the same kind of document sharing a word of its own ("the Declaration on
    Allied Relations" and "the Declaration on Allied Interaction between ..."); or unnamed
    documents of one paragraph ("agreements ..., and commercial contracts"), one package."""
    wa, wb = _words(a.document), _words(b.document)
    if not wa or not wb:
        return False
    if a.paragraph_id == b.paragraph_id and is_list_item(a) and is_list_item(b):
        return False  # two items of one list ("Border; border trade; ...") are two documents
    if len(wa & wb) / len(wa | wb) >= 0.6:
        return True
    if min(len(wa), len(wb)) <= 2 and (wa <= wb or wb <= wa):
        return True
    unnamed = not (is_named(a, kinds) or is_named(b, kinds))
    untitled = not (_subject(a.document, kinds) or _subject(b.document, kinds))
    if a.paragraph_id == b.paragraph_id and unnamed and untitled and not (a.count and b.count):
        return True  # "signed 28 MoUs ... agreements were concluded": one package
    if a.count or b.count or not set(a.parties) & set(b.parties):
        return False
    if _kind(a.document, kinds) == _kind(b.document, kinds) is not None:
        sa, sb = _subject(a.document, kinds), _subject(b.document, kinds)
        if sa and sb and len(sa & sb) / min(len(sa), len(sb)) >= 0.5:
            return True
    return False


def _kind(document: str, kinds: frozenset[str]) -> str | None:
    """The document noun that heads a title: "declaration" in "Declaration on ..."."""
    for w in document.lower().replace("-", " ").split():
        w = w.strip("\"“”'‘’,")
        if w in kinds or w.rstrip("s") in kinds:
            return w.rstrip("s")
    return None


def _subject(document: str, kinds: frozenset[str]) -> set[str]:
    """What a titled document is about: the words after "on"/"of" up to "between ..."
    ("Declaration on Allied Relations" -> allied, relations)."""
    for about in (r"\bon\b", r"\b(?:of|for|to)\b"):
        m = re.search(about + r"(.*?)(?:\bbetween\b|$)", document, flags=re.I)
        if m:
            return _words(m.group(1)) - kinds - GENERIC
    return set()


def is_list_item(s: Signing) -> bool:
    """An item of a list of documents: its evidence is its own name, no verb around it."""
    return s.evidence == s.document


def is_named(s: Signing, kinds: frozenset[str]) -> bool:
    """A document with a title of its own ("the Declaration on ..."), not "agreements" or
    "MoUs"."""
    words = (w.strip("\"“”'‘’,.") for w in s.document.split())
    return any(w[:1].isupper() and w.lower().rstrip("s") not in kinds for w in words)


def merge_signings(
    signings: Sequence[Signing], kinds: frozenset[str] = frozenset()
) -> list[Signing]:
    """One record per signed document however often the text mentions it."""
    out: list[Signing] = []
    for s in signings:
        for i, prev in enumerate(out):
            if _same_document(prev, s, kinds):
                out[i] = Signing(
                    prev.document if len(prev.document) >= len(s.document) else s.document,
                    tuple(dict.fromkeys(prev.signatories + s.signatories)),
                    tuple(sorted(set(prev.parties) | set(s.parties))),
                    tuple(sorted(set(prev.areas) | set(s.areas))),
                    prev.paragraph_id,
                    prev.evidence,
                    prev.count or s.count,
                )
                break
        else:
            out.append(s)
    return out
