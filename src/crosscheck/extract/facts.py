"""Facts: each sentence's checkable facts as structured units, from the spaCy parse.

A fact is a predicate (the lemma of a clause's main verb, with its particle and negation) with
its doer (``who``, an actor id), what it acts on, the figures in the clause and what each counts,
when (date mentions and clock times), where (places), whose word it is and whether it is negated
or hedged. A sentence gives one fact per main verb: the root, or the clause a reporting verb
reports ("Police said 35 people were pulled ..." is a fact about pulling, attributed to the
police), and each coordinated verb ("... pulled 35 people out and rescued two more").
"""

from __future__ import annotations

import bisect

from .. import lexicon
from ..model import ActorType, Article, Fact, FactFigure
from ..settings import DEFAULT
from .actors import _ROLE_WORD, _role_words, name_stem
from .nlp import doc_text, lemma
from .quotes import CUE_LEMMAS

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_OBJ = ("dobj", "attr", "acomp", "oprd", "dative")
# the clauses hanging off a phrase: not part of it ("a ceasefire, mediated by Norway": Norway is no side of it)
_CLAUSE_DEPS = frozenset({"acl", "relcl", "advcl", "ccomp", "xcomp", "appos", "punct"})
_DOER_DEPS = ("nsubj", "agent")
_ACTED_ON_DEPS = ("nsubjpass", "dobj", "obj", "dative")
_ACTED_ON_PREPS = ("on", "against", "at")


def _phrase(tok, lo: int) -> str:  # noqa: ANN001
    """A noun phrase as written: the head with its modifiers and 'of' complements, from offset ``lo`` on."""
    cut = set()
    for c in tok.children:
        if c.i > tok.i and (c.dep_ in ("cc", "conj", "punct", "relcl", "acl", "appos") or c.dep_ == "prep" and c.lower_ != "of"):
            cut.update(t.i for t in c.subtree)
    return _text([t for t in tok.subtree if t.i not in cut and t.idx >= lo])


def _text(toks) -> str:  # noqa: ANN001
    toks = sorted(toks, key=lambda t: t.i)
    if not toks:
        return ""
    return doc_text(toks[0].doc)[toks[0].idx : toks[-1].idx + len(toks[-1].text)]


def _actor_at(article: Article, start: int, end: int, kinds=None) -> str | None:  # noqa: ANN001
    for a in article.actors:
        if kinds and a.type not in kinds:
            continue
        if any(start <= m.start < end or m.start <= start < m.end for m in a.mentions):
            return a.id
    return None


def _referents(article: Article, doer) -> tuple[set[str], bool]:  # noqa: ANN001
    """The ids of the actors a pronoun, role or organisation noun may stand for, and whether the word describes
    them (a role, or a noun in the organisation's name) rather than only their kind: 'he'/'she' any person,
    'the mayor' a person with that role, 'the bank' an organisation with 'bank' in its name, 'the company'
    any organisation. Nothing for any other doer (a name, 'the storm', 'a spokesman', 'the operator of X')."""
    low = doer.lower_
    if doer.pos_ == "PRON":
        if low not in lexicon.PERSON_PRONOUNS:
            return set(), False
        return {a.id for a in article.actors if a.type == ActorType.person}, False
    if doer.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in lexicon.DEFINITE_DETERMINERS for c in doer.children):
        return set(), False
    if any(c.dep_ not in ("det", "amod", "compound", "poss", "case", "punct") for c in doer.children):
        return set(), False  # "the operator of X", "the company, Acme,", "the firm that built it": the phrase says who
    noun = lemma(doer).lower()
    if _ROLE_WORD.fullmatch(noun):
        return {a.id for a in article.actors if a.type == ActorType.person and noun in _role_words(a.role)}, True
    if noun not in lexicon.ORG_NOUNS:
        return set(), False
    orgs = [a for a in article.actors if a.type == ActorType.org]
    named = {a.id for a in orgs if any(noun in n.lower().split() for n in (a.name, *a.aliases))}
    if noun in lexicon.GENERIC_ORG_NOUNS:
        return (named, True) if named else ({a.id for a in orgs}, False)
    return named, True


class _Referents:
    """Who each sentence so far speaks of: the people and organisations it names, and those its pronouns,
    roles and 'the company' were resolved to (so that 'Putin ... he said ... The president added ... He
    urged' stays with one person)."""

    def __init__(self, article: Article) -> None:
        self.starts = [s.start for s in article.sentences]
        self.events = sorted(
            (m.start, a.id) for a in article.actors if a.type in (ActorType.person, ActorType.org) for m in a.mentions
        )

    def add(self, pos: int, actor_id: str) -> None:
        bisect.insort(self.events, (pos, actor_id))

    def antecedent(self, article: Article, doer) -> str | None:  # noqa: ANN001
        """The id of the one actor a pronoun, role or organisation noun refers back to: of the actors it may
        stand for (:func:`_referents`), those spoken of in the nearest sentence before it that speaks of any
        of them (earlier in its own sentence included). Resolved only when that is one actor; else None."""
        cands, described = _referents(article, doer)
        named = {i for pos, i in self.events if pos < doer.idx and i in cands}
        if described and len(named) == 1:  # the only mayor, the only bank the text has named
            (found,) = named
            self.add(doer.idx, found)
            return found
        here = bisect.bisect_right(self.starts, doer.idx) - 1
        reach = self.starts[here - DEFAULT.referent_lookback] if here - DEFAULT.referent_lookback >= 0 else 0
        before = [(pos, i) for pos, i in self.events if reach <= pos < doer.idx and i in cands]
        if not before:
            return None
        k = bisect.bisect_right(self.starts, before[-1][0])
        lo = self.starts[k - 1] if k > 0 else 0
        ids = {i for pos, i in before if pos >= lo}
        if len(ids) != 1:
            return None
        (found,) = ids
        self.add(doer.idx, found)
        return found


def _head_actor(article: Article, tok) -> str | None:  # noqa: ANN001
    """The actor a phrase's head names ('Russian President Vladimir Putin', 'Maya Chen, the mayor'), not any
    name inside it ('Passengers aboard the Northern Star ferry' is no one's doing)."""
    for t in [tok, *(c for c in tok.children if c.dep_ in ("compound", "flat"))]:
        found = _actor_at(article, t.idx, t.idx + len(t.text), (ActorType.person, ActorType.org))
        if found:
            return found
    for c in tok.children:  # "the commander, Mauger,"
        if c.dep_ == "appos" and c.pos_ == "PROPN":
            return _head_actor(article, c)
    return None


def _resolve(article: Article, tok, refs: _Referents, quoted: bool) -> str | None:  # noqa: ANN001
    """The actor id of a doer or a speaker: the one its head names, else (a pronoun outside quotation marks,
    a role, 'the company') the one the text has named for it (:meth:`_Referents.antecedent`)."""
    found = _head_actor(article, tok)
    if found is None and not (quoted and tok.pos_ == "PRON"):
        # a pronoun inside a quotation is the speaker's word, about someone the reader may not have met
        found = refs.antecedent(article, tok)
    return found


def _predicates(sent) -> list[tuple[object, object | None]]:  # noqa: ANN001
    """(verb, reporting verb or None) for each main verb of the sentence."""
    root = sent.root
    cue = None
    main = root
    if lemma(root).lower() in CUE_LEMMAS:
        comp = next((c for c in root.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX")), None)
        if comp is not None:
            cue, main = root, comp
    if not main.is_alpha:
        return []  # a bullet ("•") the tagger calls a verb states nothing
    # a root the tagger calls a noun ("Russia's advances ... and Trump's attempt ... have raised fears"): its
    # coordinated verbs still state facts
    out = [(main, cue)] if main.pos_ in ("VERB", "AUX") else []
    for c in main.children:
        if c.dep_ == "conj" and c.pos_ == "VERB" and c.is_alpha:
            out.append((c, cue))
    if cue is not None:  # "Officials said X, and he would not comment on Y": the second clause is the outlet's
        out += [(c, None) for c in cue.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.is_alpha and any(g.dep_ in _SUBJ for g in c.children)]
    return out


def _span_of(verb, others) -> tuple[int, int]:  # noqa: ANN001
    """The verb's clause: its subtree without the subtrees of the other main verbs (and their joiners)."""
    skip = set()
    for o in others:
        if o.i != verb.i and o.head.i == verb.i:
            skip.update(t.i for t in o.subtree)
    toks = [t for t in verb.subtree if t.i not in skip and not (t.dep_ in ("cc", "punct") and t.head.i == verb.i and t.i > verb.i and t.is_punct)]
    toks = [t for t in toks if not t.is_space]
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
        toks.pop()
    if not toks:  # a verb that is all punctuation to the tagger ("Go!" on a line of its own)
        return verb.idx, verb.idx + len(verb.text)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _subject(verb, main, lo: int):  # noqa: ANN001
    """The verb's subject (a coordinated verb's is the first verb's), never a dateline word before ``lo``."""
    subj = next((c for c in verb.children if c.dep_ in _SUBJ and c.idx >= lo), None)
    if subj is None and verb.i != main.i and verb.dep_ == "conj":
        subj = next((c for c in verb.head.children if c.dep_ in _SUBJ and c.idx >= lo), None)
    return subj


def _counts(q, verb) -> str:  # noqa: ANN001
    """What a figure counts, with what the clause says of it: 'person pulled from the structure'."""
    thing = q.counts or q.unit
    slot = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")
                 and c.left_edge.idx <= q.start < c.right_edge.idx + len(c.right_edge.text)), None)
    if slot is None:
        return thing
    rest = [c for c in verb.children if c.dep_ in ("prep", "acomp", "oprd", "prt", "advmod") and c.i > verb.i and c.pos_ != "PUNCT"]
    words = [thing, verb.text.lower(), *(_text(list(c.subtree)) for c in rest[:2])]
    return " ".join(w for w in words if w)[:100]


def _sides(toks, article: Article, lo: int) -> list[str]:  # noqa: ANN001
    """The sides named in phrases: their actors' names, and '~stem' for nations (a place, or a capitalised
    adjective: 'Kordavian forces'), so that a nation, its people and its forces are one side."""
    keep, todo = [], list(toks)
    while todo:
        t = todo.pop()
        if t.idx < lo:
            continue
        keep.append(t)
        todo.extend(c for c in t.children if c.dep_ not in _CLAUSE_DEPS)
    if not keep:
        return []
    spans = [(t.idx, t.idx + len(t.text)) for t in keep]
    out: list[str] = []
    for a in article.actors:
        if any(a0 <= m.start < a1 for m in a.mentions for a0, a1 in spans):
            out.append(a.name)
            if a.type == ActorType.place:
                out.append(name_stem(a.name))
    out += [
        name_stem(t.text)
        for t in keep
        if t.text[:1].isupper()
        and t.ent_type_ not in ("DATE", "TIME")  # "on Saturday night" names no side
        and (
            t.pos_ == "ADJ" and (t.idx > lo or t.lower_.endswith(lexicon.DEMONYM_SUFFIXES))
            # a name modifying a common noun: "Selmani positions"
            or t.pos_ == "PROPN" and t.dep_ in ("compound", "amod") and t.head.pos_ == "NOUN"
        )
    ]
    return list(dict.fromkeys(out))


def extract_facts(doc, article: Article) -> list[Fact]:  # noqa: ANN001
    """The facts of one parsed article whose sentences, quotes, quantities, dates and actors are extracted."""
    facts: list[Fact] = []
    body_quotes = [q for q in article.quotes if not q.in_headline]
    refs = _Referents(article)

    def quoted(pos: int) -> bool:
        return any(q.direct and q.start <= pos < q.end for q in body_quotes)
    for stored in article.sentences:
        if stored.kind != "text":
            continue
        sent = doc.char_span(stored.start, stored.end, alignment_mode="expand")
        if sent is None:
            continue
        preds = _predicates(sent)
        verbs = [v for v, _c in preds]
        for verb, cue in preds:
            c0, c1 = _span_of(verb, verbs)
            c0, c1 = max(c0, stored.start), min(c1, stored.end)
            if cue is None and len(verbs) == 1:
                c0, c1 = stored.start, stored.end  # the sentence's own main clause: the whole sentence
            subj = _subject(verb, verbs[0], stored.start)
            passive = subj is not None and subj.dep_ == "nsubjpass"
            agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            doer = agent if passive else subj
            obj = subj if passive else next((c for c in verb.children if c.dep_ in _OBJ), None)
            prt = [c.text.lower() for c in verb.children if c.dep_ == "prt"]
            neg = any(c.dep_ == "neg" or c.lower_ in lexicon.NEGATION_WORDS and c.dep_ in ("neg", "advmod") for c in verb.children)
            hedge = next((t.lower_ for t in verb.subtree if t.lower_ in lexicon.HEDGE_WORDS and t.idx < verb.idx + 1
                          and (t.head.i == verb.i or t.dep_ in ("aux", "advmod"))), None)
            if hedge is None and cue is not None and lemma(cue).lower() in ("suggest", "believe", "estimate"):
                hedge = lemma(cue).lower()
            predicate = " ".join((["not"] if neg else []) + [lemma(verb).lower(), *prt])
            qs = [q for q in article.quantities if not q.in_headline and c0 <= q.start < c1]
            figures = [FactFigure(quantity=q.id, counts=_counts(q, verb)) for q in qs if q.unit not in ("clock", "number")]
            when = [d.id for d in article.dates if c0 <= d.start < c1] + [q.id for q in qs if q.unit == "clock"]
            where = [a.id for a in article.actors if a.type == ActorType.place and any(c0 <= m.start < c1 for m in a.mentions)]
            in_quotes = [q for q in body_quotes if q.start < c1 and c0 < q.end]
            attribution = None
            cs = next((c for c in cue.children if c.dep_ in _SUBJ and c.idx >= stored.start), None) if cue is not None else None
            speaker = _resolve(article, cs, refs, quoted(cs.idx)) if cs is not None else None
            speaker_quote = next((q for q in in_quotes if q.speaker and (q.direct and q.start <= verb.idx < q.end or not q.direct)), None)
            if speaker_quote is not None:
                attribution = next((a.id for a in article.actors if a.name == speaker_quote.speaker), speaker_quote.speaker)
            elif cs is not None:
                attribution = speaker or _phrase(cs, stored.start)
            subj_of = verb if any(c.dep_ in _DOER_DEPS for c in verb.children) or verb.dep_ != "conj" else verb.head
            subjects = _sides([c for c in subj_of.children if c.dep_ in _DOER_DEPS], article, stored.start)
            objects = _sides(
                [c for c in verb.children if c.dep_ in _ACTED_ON_DEPS or (c.dep_ == "prep" and c.lower_ in _ACTED_ON_PREPS)],
                article,
                stored.start,
            )
            who = who_text = None
            if doer is not None and doer.idx >= stored.start:
                who, who_text = _resolve(article, doer, refs, quoted(doer.idx)), _phrase(doer, stored.start) or None
            facts.append(
                Fact(
                    id=f"{article.id}:f{len(facts) + 1}",
                    sentence=stored.id,
                    start=c0,
                    end=c1,
                    who=who,
                    who_text=who_text,
                    predicate=predicate,
                    object=(_phrase(obj, stored.start) or None) if obj is not None else None,
                    subjects=subjects,
                    objects=objects,
                    figures=figures,
                    when=when,
                    where=where,
                    attribution=attribution,
                    negated=neg,
                    hedged=hedge is not None,
                    hedge=hedge,
                    quotes=[q.id for q in in_quotes],
                    quantities=[q.id for q in qs],
                    dates=[d.id for d in article.dates if c0 <= d.start < c1],
                )
            )
    return facts
