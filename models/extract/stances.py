"""Stance triggers in a parsed sentence, and the phrase each one governs (its target).

A trigger is a stance verb ("supports"), a modal on a verb ("will deepen"), a predicate
("is ready to"), a framing verb with a stance noun ("expressed support for") or an impersonal
call ("it is imperative that"). The target is what the trigger governs in the parse: its
object, complement or clause, cut where a coordinated verb starts its own position.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.extract.knowledge import Lexicon

COMPLEMENTS = frozenset(
    "dobj ccomp xcomp prep attr oprd dative acomp pobj advcl npadvmod obj agent".split()
)
CLAUSE_DEPS = frozenset({"xcomp", "ccomp"})
NOUN_COMPLEMENTS = frozenset({"prep", "acl", "ccomp", "xcomp", "relcl"})
SKIP_LEFT = frozenset(
    "to that also further jointly together firmly fully strongly once again the continue "
    "continued be stay remain , ; : and or but even still always actively".split()
)
# "would like to take this opportunity to thank ...": the occasion is no commitment.
OCCASIONS = frozenset({"opportunity", "occasion", "chance", "liberty"})
CONDITIONAL = frozenset({"if", "unless", "whether", "should"})
CIRCUMSTANCE = frozenset(
    "because since although though while whereas as when whenever after before until once".split()
)


@dataclass(frozen=True)
class Trigger:
    """A stance in a sentence: the trigger token, the verb that carries its subject, the
    stance, and the tokens [start, end) of its target."""

    token: int
    verb: int
    stance: str
    start: int
    end: int
    kind: str  # verb | modal | predicate | frame | impersonal | conj


MAX_HOPS = 12  # how far up the tree a token looks for the clause that governs it


def _right_complements(tok, exclude: set[int]) -> list:
    deps = NOUN_COMPLEMENTS if tok.pos_ in ("NOUN", "PROPN") else COMPLEMENTS
    return [
        c
        for c in tok.rights
        if c.dep_ in deps and c.i not in exclude and not (c.dep_ == "advcl" and _circumstance(c))
    ]


def _circumstance(clause) -> bool:
    """An adverbial clause of reason, time or concession ("because ...", "while ..."): not part
    of what a stance is about."""
    if clause.tag_ == "VBG" and not any(c.dep_ == "mark" for c in clause.children):
        return True  # a participle clause of its own: "..., utterly rejecting X"
    return any(c.dep_ == "mark" and c.lower_ in CIRCUMSTANCE for c in clause.children)


def _span_of(nodes: list, stop: set[int], limit: int = 40) -> tuple[int, int] | None:
    """The contiguous token range covering the subtrees of nodes, minus stopped tokens at its
    ends, at most ``limit`` tokens long. Subtrees are read by their edges, so a long chain of
    nested phrases costs no more than a short one."""
    if not nodes:
        return None
    edges = [(n.left_edge.i, n.right_edge.i) for n in nodes]

    def inside(i: int) -> bool:
        return i not in stop and any(a <= i <= b for a, b in edges)

    first, last = min(a for a, _ in edges), max(b for _, b in edges)
    start = next((i for i in range(first, last + 1) if inside(i)), None)
    if start is None:
        return None
    end = next(i for i in range(min(last, start + limit - 1), start - 1, -1) if inside(i))
    return start, end + 1


def _conj_verbs(verb) -> list:
    """Verbs coordinated with ``verb`` that share its subject ("deepen X, expand Y and boost Z")."""
    out = []
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and not _own_subject(c):
            out.append(c)
            out.extend(_conj_verbs(c))
    return out


def _own_subject(tok) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in tok.children)


def _trim(doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (
        doc[start].lower_ in SKIP_LEFT or doc[start].is_punct or doc[start].pos_ == "ADP"
    ):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].dep_ in ("cc", "prep")):
        end -= 1
    return start, end


def _conditional(tok) -> bool:
    """Inside an "if"/"unless" clause, or governing one ("if we ..., we will ...")."""
    for clause in (tok, tok.head):
        for c in clause.children:
            if c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children):
                return True
    node = tok
    for _ in range(MAX_HOPS):  # a condition governs from nearby; a chain of 5,000 is no text
        if node.head.i == node.i:
            break
        if node.dep_ == "advcl" and any(c.lower_ in CONDITIONAL for c in node.children):
            return True
        node = node.head
    return False


def _stance_of_verb(tok, lex: Lexicon) -> str | None:
    lemma = tok.lemma_.lower()
    if lemma in lex.phrasal:
        stance, particles = lex.phrasal[lemma]
        preps = {c.lower_ for c in tok.children if c.dep_ in ("prep", "prt")}
        if not particles or preps & particles:
            return stance
    for key, (stance, particles) in lex.phrasal.items():
        words = key.split()
        if len(words) == 2 and words[0] == lemma:
            kids = {c.lower_ for c in tok.children if c.dep_ in ("prep", "prt", "advmod")}
            if words[1] in kids and kids & particles:
                return stance
    if lemma in lex.clausal and any(_to_clause(c) for c in tok.children):
        return lex.clausal[lemma]
    if (
        lemma in lex.clausal
        and lemma == "agree"
        and any(c.dep_ == "prep" and c.lower_ in ("on", "upon") for c in tok.children)
    ):
        return lex.clausal[lemma]
    if lemma in lex.object_calls:
        return "call_for" if _calls_on(tok, lex) else None
    if lemma in lex.verbs:
        if lemma in lex.object_support and not any(c.dep_ in ("dobj", "obj") for c in tok.children):
            return None
        return lex.verbs[lemma]
    if lemma in lex.object_support and any(c.dep_ in ("dobj", "obj") for c in tok.children):
        return "support"
    return None


def _calls_on(tok, lex: Lexicon) -> bool:
    """ "invite all States to join X": an object and a "to"-clause that is not a visit."""
    has_object = any(c.dep_ in ("dobj", "obj") for c in tok.children)
    clause = next((c for c in tok.children if c.dep_ in CLAUSE_DEPS and _infinitive(c)), None)
    return (
        clause is not None
        and (has_object or clause.dep_ == "ccomp")
        and clause.lemma_.lower() not in lex.not_committing
    )


def _infinitive(verb) -> bool:
    return any(a.dep_ == "aux" and a.tag_ == "TO" for a in verb.children)


def _to_clause(c) -> bool:
    """A "to" clause a verb governs: "agreed to deepen", "are working with X to enhance"."""
    if c.dep_ == "xcomp":
        return True
    return c.dep_ == "advcl" and any(a.dep_ == "aux" and a.tag_ == "TO" for a in c.children)


def frame_noun(tok, lex: Lexicon):
    """A framing verb's stance noun ("expressed support", "stressed the need"), if any."""
    if tok.lemma_.lower() not in lex.frame_verbs:
        return None
    for c in tok.children:
        if c.dep_ in ("dobj", "obj", "nsubjpass") and c.lemma_.lower() in lex.frame_nouns:
            return c
        if c.dep_ == "dobj" and c.lower_ in lex.frame_nouns:
            return c
        if c.dep_ == "prep" and c.lower_ == "with":  # "noted with concern that ..."
            noun = next((p for p in c.children if p.dep_ == "pobj"), None)
            if noun is not None and noun.lemma_.lower() in lex.frame_nouns:
                return noun
    return None


def find_triggers(sent, lex: Lexicon, operative: bool = False) -> list[Trigger]:
    """The stance triggers of one sentence (a spaCy Span), in order; ``operative`` marks the
    first sentence of an operative clause, whose main verb commits the text's voice."""
    if sent.text.rstrip().endswith("?"):
        return []
    found = _Triggers(sent, lex)
    for tok in sent:
        any(
            reader(tok)
            for reader in (
                found.modal,
                found.modal_phrase,
                found.renounced,
                found.let_us,
                found.wish,
                found.verb,
                found.predicate,
                found.agent,
                found.preposition,
                found.aim,
                found.effort,
                found.endorsement,
                found.anticipation,
                found.impersonal,
            )
        )
    if operative:
        found.operative()
    _continuations(sent, found.out, found.taken, found.item)
    return _clip(sent.doc, sorted(found.out, key=lambda t: t.start))


class _Triggers:
    """The triggers of one sentence as they are found; each reader takes one kind of
    trigger at a token and says whether it took the token."""

    def __init__(self, sent, lex: Lexicon):
        self.sent, self.doc, self.lex = sent, sent.doc, lex
        self.out: list[Trigger] = []
        self.taken: set[int] = set()

    def add(self, token, verb, stance, nodes, kind, stop=()) -> bool:
        """Record a trigger with the target its nodes span; split a list it governs."""
        if token.i in self.taken or _conditional(token):
            return True
        heads = [verb] if kind == "modal" else [n for n in nodes if n.dep_ == "xcomp"]
        conj = [c for h in heads for c in _conj_verbs(h)]
        stop_idx = {t.i for c in conj for t in c.subtree} | set(stop)
        for c in verb.children:
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"):
                stop_idx |= {t.i for t in c.subtree}
            if c.dep_ == "cc":
                stop_idx.add(c.i)
        span = _span_of(nodes, stop_idx)
        if span is None:
            return True
        start, end = _trim(self.doc, *span)
        if end <= start:
            return True
        self.taken |= {token.i, verb.i}
        for node in nodes:  # "need to oppose X" opposes; "need to establish X" is the call
            if node.pos_ == "VERB" and node.dep_ in CLAUSE_DEPS:
                own = _stance_of_verb(node, self.lex)
                if own in ("oppose", "concern"):
                    stance = own
                self.taken.add(node.i)
        self.out.append(Trigger(token.i, verb.i, stance, start, end, kind))
        for c in conj:
            self.item(c, stance, verb.i)
        return True

    def item(self, c, stance, verb_i) -> None:
        """One item of a coordinated list of verb phrases: its own stance, else the list's."""
        if c.i in self.taken:
            return
        own = _stance_of_verb(c, self.lex)
        cstop = {t.i for cc in c.children if cc.dep_ == "conj" for t in cc.subtree}
        s2 = _span_of([c], cstop | {x.i for x in c.children if x.dep_ == "cc"})
        if s2:
            a, b = _trim(self.doc, *s2)
            if b > a:
                self.taken.add(c.i)
                self.out.append(Trigger(c.i, verb_i, own or stance, a, b, "conj"))

    def modal(self, tok) -> bool:
        """ "will deepen" commits, "should deepen" calls for; "will be ready to" is the
        predicate's; "will not allow" opposes."""
        lex = self.lex
        if tok.dep_ != "aux" or not (tok.lower_ in lex.modals or tok.lemma_.lower() in lex.modals):
            return False
        verb = tok.head
        stance = lex.modals.get(tok.lower_) or lex.modals[tok.lemma_.lower()]
        if stance == "commit" and verb.lemma_.lower() in lex.not_committing:
            for prep in (c for c in verb.children if c.dep_ == "prep"):
                own, target = _prepositional(prep, lex)  # "will speak in support of X"
                if own is not None:
                    return self.add(tok, verb, own, [target], "predicate")
            pred = _predicate_child(verb, lex)
            if pred is not None:
                self.add(
                    tok,
                    verb,
                    lex.predicates[pred.lower_],
                    _right_complements(pred, set()),
                    "predicate",
                )
            return True
        negated = any(c.dep_ == "neg" for c in verb.children)
        if negated and stance == "commit" and not _renounces(verb, lex):
            stance = "oppose"
        own = _stance_of_verb(verb, lex)
        if own in ("oppose", "concern"):
            stance = own
            passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if passive is not None and passive.pos_ == "NOUN" and not negated:
                return self.add(tok, verb, stance, [passive], "modal")  # "X must be countered"
        subject = _called_subject(verb, stance, lex)
        kept = {t.i for t in subject.subtree} if subject is not None else set()
        stop = {t.i for c in verb.children if c.i < verb.i for t in c.subtree} | {
            t.i
            for c in verb.children
            if c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg", "punct", "mark")
            or c.dep_ == "advcl"
            and not _purpose(c, verb, lex)
            for t in c.subtree
        }
        return self.add(tok, verb, stance, [verb], "modal", stop - kept)

    def modal_phrase(self, tok) -> bool:
        """ "need to", "have to", "going to" with the verb they govern."""
        doc, lex = self.doc, self.lex
        phrase = f"{tok.lower_} {doc[tok.i + 1].lower_}" if tok.i + 1 < len(doc) else tok.lower_
        if phrase not in lex.modals or tok.pos_ not in ("VERB", "AUX"):
            return False
        nodes = [c for c in tok.children if c.dep_ == "xcomp"]
        if not nodes:
            return False
        stance = lex.modals[phrase]
        if stance == "commit" and nodes[0].lemma_.lower() in lex.not_committing:
            return True
        return self.add(tok, tok, stance, nodes, "clause")

    def renounced(self, tok) -> bool:
        """ "we cannot give up": a negated giving-up without a modal of its own."""
        if not (_renounces(tok, self.lex) and any(c.dep_ == "neg" for c in tok.children)):
            return False
        if any(c.dep_ == "aux" and c.lower_ in self.lex.modals for c in tok.children):
            return False
        return self.add(tok, tok, "call_for", _right_complements(tok, set()) or [tok], "clause")

    def let_us(self, tok) -> bool:
        """ "Let us choose to succeed"."""
        nxt = self.doc[tok.i + 1].lower_ if tok.i + 1 < len(self.doc) else ""
        if tok.lower_ != "let" or nxt not in ("us", "'s", "’s"):
            return False
        nodes = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp")]
        if any(n.lemma_.lower() in self.lex.not_committing for n in nodes):
            return True  # "Let us be clear": rhetoric, not a call
        stop = {c.i for n in nodes for c in n.children if c.dep_ in ("nsubj", "punct")}
        return self.add(tok, tok, "call_for", nodes, "clause", stop)

    def wish(self, tok) -> bool:
        """ "we want to deepen X" commits, "would like to see X" and "we hope that X" call for
        X; "would like to thank" is the clause's own stance."""
        lex = self.lex
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in lex.wishes:
            return False
        clause = next(
            (c for c in tok.children if c.dep_ in CLAUSE_DEPS and c.pos_ in ("VERB", "AUX")), None
        )
        if clause is None:
            return False  # "we want peace": a stance verb with an object
        stance = "oppose" if any(c.dep_ == "neg" for c in tok.children) else "call_for"
        lemma = clause.lemma_.lower()
        if clause.dep_ == "ccomp":
            if lemma in lex.not_committing or _stance_of_verb(clause, lex):
                return True
            return self.add(tok, tok, stance, [clause], "clause")
        if lemma in lex.seeing:
            self.taken.add(clause.i)
            return self.add(tok, tok, stance, _right_complements(clause, set()), "clause")
        polite = any(c.lower_ == "would" for c in tok.children if c.dep_ == "aux")
        if (
            polite
            or lemma in lex.not_committing
            or lemma in lex.attribution
            or lemma in lex.frame_verbs
            or _stance_of_verb(clause, lex)
            or any(c.lemma_.lower() in OCCASIONS for c in clause.children if c.dep_ == "dobj")
        ):
            return True  # the clause speaks for itself: its own reader takes it
        return self.add(tok, tok, "commit" if stance == "call_for" else stance, [clause], "clause")

    def preposition(self, tok) -> bool:
        """ "we are against X" opposes X; "we are in favour of X" supports it."""
        lex = self.lex
        if tok.lemma_.lower() != "be" or not any(c.dep_ == "nsubj" for c in tok.children):
            return False
        negated = any(c.dep_ == "neg" for c in tok.children)
        for prep in (c for c in tok.children if c.dep_ == "prep"):
            stance, target = _prepositional(prep, lex)
            if stance is None:
                continue
            if negated:
                if stance != "support":
                    return True
                stance = "oppose"
            return self.add(tok, tok, stance, [target], "predicate")
        return False

    def aim(self, tok) -> bool:
        """ "Our goal is to double trade", "Yoon's top priority is to build trust": commits."""
        lex = self.lex
        if tok.lemma_.lower() != "be":
            return False
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        clause = [c for c in tok.children if c.dep_ == "xcomp" and _infinitive(c)]
        if subj is None or not clause or subj.lemma_.lower() not in lex.aims:
            return False
        return self.add(tok, tok, "commit", clause, "clause")

    def effort(self, tok) -> bool:
        """ "is taking concrete steps to end X", "spares no effort to reach X": commits to X."""
        lex = self.lex
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex.effort_verbs:
            return False
        objects = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
        if not objects or objects[0].lemma_.lower() not in lex.effort_nouns:
            return False
        clause = [c for c in tok.children if c.dep_ == "advcl" and _infinitive(c)] or [
            c for c in objects[0].children if c.dep_ in ("acl", "relcl") and _infinitive(c)
        ]
        if not clause:
            return False
        return self.add(tok, tok, "commit", clause, "clause")

    def endorsement(self, tok) -> bool:
        """ "Dialogue is the only way to ...", "The best guarantee is X" support X; "war is not
        the answer" opposes it."""
        lex = self.lex
        if tok.lemma_.lower() not in ("be", "remain"):
            return False
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        attr = next((c for c in tok.children if c.dep_ in ("attr", "oprd", "acomp")), None)
        negated = any(c.dep_ == "neg" for c in tok.children)
        if subj is None:
            return False
        stance = "oppose" if negated else "support"
        if attr is not None and _endorsing(attr, lex, negated) and subj.pos_ in ("NOUN", "PROPN"):
            if subj.lemma_.lower() in lex.non_actors and subj.pos_ != "PROPN":
                return False  # "this is the best way": no thing of its own
            return self.add(tok, tok, stance, [subj], "impersonal")
        if _endorsing(subj, lex, negated):  # "the only way to peace is through dialogue"
            nodes = [c for c in tok.children if c.i > tok.i and c.dep_ in ("attr", "prep", "acomp")]
            return self.add(tok, tok, stance, nodes, "impersonal") if nodes else False
        return False

    def anticipation(self, tok) -> bool:
        """ "looks forward to deepening X" commits to it; "look forward to seeing you" greets."""
        lex = self.lex
        particles = {c.lower_ for c in tok.children if c.dep_ in ("advmod", "prt")}
        if not any(f"{tok.lemma_.lower()} {p}" in lex.anticipation for p in particles):
            return False
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"):
            action = next((g for g in prep.children if g.dep_ == "pcomp"), None)
            if action is None or action.pos_ != "VERB":
                return True  # "look forward to the talks": an event, not a stance
            lemma = action.lemma_.lower()
            if lemma in lex.not_committing or lemma in lex.greeting_verbs:
                return True
            return self.add(tok, tok, "commit", [action], "clause")
        return False

    def verb(self, tok) -> bool:
        """A framing verb with a stance noun, or a stance verb."""
        lex = self.lex
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("amod", "compound"):
            return False
        noun = frame_noun(tok, lex)
        if noun is not None:
            stance = lex.frame_nouns.get(noun.lemma_.lower()) or lex.frame_nouns[noun.lower_]
            nodes = _right_complements(noun, set())
            nodes += [c for c in _right_complements(tok, {noun.i}) if c.i > noun.i]
            if any(c.dep_ == "neg" for c in tok.children) and stance == "support":
                stance = "oppose"
            return self.add(tok, tok, stance, nodes, "frame")
        if tok.dep_ in ("acl", "relcl") and not _party_antecedent(tok):
            return True
        stance = _stance_of_verb(tok, lex)
        if not stance:
            return False
        if any(c.dep_ == "neg" for c in tok.children):
            stance = {"support": "oppose", "welcome": "concern", "call_for": "oppose"}.get(
                stance, stance
            )
        kind = "clause" if tok.lemma_.lower() in lex.clausal else "verb"
        return self.add(tok, tok, stance, _right_complements(tok, set()), kind)

    def predicate(self, tok) -> bool:
        """ "is ready to", "are concerned about", "is committed to"."""
        low, lex = tok.lower_, self.lex
        if low not in lex.predicates:
            return False
        copular = tok.dep_ in ("acomp", "ROOT", "conj", "oprd", "ccomp")
        passive = tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children)
        if not (copular or passive):
            return False
        return self.add(tok, tok, lex.predicates[low], _right_complements(tok, set()), "predicate")

    def agent(self, tok) -> bool:
        """ "X remains a steadfast supporter of Y", "a champion for Y": the party's role."""
        stance = self.lex.agent_nouns.get(tok.lemma_.lower())
        if stance is None or tok.dep_ != "attr":
            return False
        if tok.head.lemma_.lower() not in ("be", "remain", "become", "stay"):
            return False
        preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "for")]
        objs = [g for p in preps for g in p.children if g.dep_ in ("pobj", "pcomp")]
        if not objs:
            return False
        return self.add(tok, tok.head, stance, objs[:1], "predicate")

    def impersonal(self, tok) -> bool:
        """ "It is imperative that ...", "Collective action is vital"."""
        low, lex = tok.lower_, self.lex
        if low not in lex.impersonal or tok.pos_ != "ADJ":
            return False
        if tok.dep_ == "acomp":
            subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ not in ("it", "this", "that"):
                # a call for what the subject names
                return self.add(tok, tok, lex.impersonal[low], [subj], "impersonal")
        if not _impersonal(tok):
            return False
        nodes = _right_complements(tok, set()) + [
            c for c in tok.head.children if c.dep_ in ("ccomp", "xcomp") and c.i > tok.i
        ]
        if not nodes:  # "I think it's important we ...": the clause hangs one level up
            nodes = [
                c for c in tok.head.head.children if c.dep_ in ("ccomp", "xcomp") and c.i > tok.i
            ]
        return self.add(tok, tok, lex.impersonal[low], nodes, "impersonal")

    def operative(self) -> None:
        """An operative clause of a joint text ("PROMOTE maritime cooperation ..."): its main
        verb commits the voice."""
        root = self.sent.root
        if root.pos_ == "VERB" and root.i not in self.taken:
            stop = {t.i for c in root.children if c.i < root.i for t in c.subtree}
            stop |= {c.i for c in root.children if c.dep_ == "punct"}
            self.add(root, root, "commit", [root], "operative", stop)


def _polarity(stance: str) -> bool:
    return stance in ("support", "commit", "call_for", "welcome")


def _nested(t: Trigger, triggers: list[Trigger]) -> bool:
    """A stance word inside another stance's target is part of that target ("supports China
    in upholding its interests", "agreed to work together to counter X"), not a position of its
    own; items of a coordinated list are positions of their own."""
    return t.kind != "conj" and any(
        o is not t and o.kind != "conj" and o.start <= t.token < o.end for o in triggers
    )


def _clip(doc, triggers: list[Trigger]) -> list[Trigger]:
    """A target ends where the next item of its list starts; nested stances are dropped."""
    triggers = [t for t in triggers if not _nested(t, triggers)]
    out = []
    for i, t in enumerate(triggers):
        end = t.end
        for nxt in triggers[i + 1 :]:
            if t.start < nxt.token < end and nxt.kind == "conj":
                end = nxt.token
                break
        start, end = _trim(doc, t.start, end)
        if end > start:
            out.append(Trigger(t.token, t.verb, t.stance, start, end, t.kind))
    return out


def _continuations(sent, out: list[Trigger], taken: set[int], add_item) -> None:
    """Bare verbs that continue a list after a stance ("..., calling on them to enhance X,
    practice Y, oppose Z") inherit the stance of the trigger before them: the parser often
    hangs such items on the reporting verb."""
    for tok in sent:
        if tok.i in taken or tok.dep_ != "conj" or tok.tag_ not in ("VB", "VBP"):
            continue
        if _own_subject(tok) or any(c.dep_ in ("aux", "auxpass") for c in tok.children):
            continue
        before = [t for t in out if t.token < tok.i]
        if not before:
            continue
        positive = [t for t in before if t.stance in ("call_for", "commit", "support")]
        last = max(positive or before, key=lambda t: t.token)
        add_item(tok, last.stance, last.verb)


def _renounces(verb, lex: Lexicon) -> bool:
    """ "give up", "abandon": verbs that, negated, keep what they govern."""
    lemma = verb.lemma_.lower()
    if lemma in lex.renounce:
        return True
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    return any(f"{lemma} {p}" in lex.renounce for p in particles)


def _predicate_child(verb, lex: Lexicon):
    """ "will be ready to", "will remain committed to": the predicate adjective of a copula."""
    if verb.lemma_.lower() not in ("be", "remain", "stay", "stand"):
        return None
    for c in verb.children:
        if c.dep_ in ("acomp", "attr", "oprd") and c.lower_ in lex.predicates:
            return c
    return None


def _called_subject(verb, stance: str, lex: Lexicon):
    """The subject a call is about ("multilateral institutions must be reformed"): a thing,
    not a party, a person or a pronoun; it belongs to the target."""
    if stance != "call_for":
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ != "NOUN" or subj.lemma_.lower() in lex.collective:
        return None
    return subj


def _purpose(clause, verb, lex: Lexicon) -> bool:
    """ "we must work to improve X", "will spare no effort to reach X": a "to"-clause that says
    what a verb of effort is for, and so what the stance is about."""
    if not _infinitive(clause) or clause.i < verb.i:
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    return not objects or all(o.lemma_.lower() in lex.effort_nouns for o in objects)


def _endorsing(noun, lex: Lexicon, negated: bool) -> bool:
    """ "the only way", "the most effective means", "the best guarantee"; negated, also a bare
    "the answer"."""
    if noun.lemma_.lower() not in lex.endorsing_nouns:
        return False
    return negated or any(
        c.dep_ == "amod" and c.lower_ in lex.endorsing_adjectives for c in noun.children
    )


def _prepositional(prep, lex: Lexicon):
    """The stance and object of a prepositional predicate: "against X", "in favour of X"."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None, None
    if prep.lower_ in lex.prepositions:
        return lex.prepositions[prep.lower_], obj
    for inner in (c for c in obj.children if c.dep_ == "prep"):
        phrase = f"{prep.lower_} {obj.lower_} {inner.lower_}"
        target = next((c for c in inner.children if c.dep_ == "pobj"), None)
        if phrase in lex.prepositions and target is not None:
            return lex.prepositions[phrase], target
    return None, None


def _impersonal(adj) -> bool:
    """ "It is imperative that ...": the adjective's copula has "it" as its subject."""
    head = adj.head if adj.dep_ == "acomp" else adj
    return any(c.dep_ in ("expl", "nsubj") and c.lower_ == "it" for c in head.children)


def _party_antecedent(tok) -> bool:
    """A relative clause about a party ("China, which supports ...") keeps its stance."""
    head = tok.head
    return head.pos_ == "PROPN"
