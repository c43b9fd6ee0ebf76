"""Quotes: direct quotations and reported speech, each with its speaker's full name.

Direct quotes are found by their marks (curly, straight, single quotes in
headlines; a quote left open at the end of a paragraph runs on into the next
one). The speaker comes from the sentence's attribution — the subject of a
cue verb ("said", "told", "added"...) outside the quote, or "according to X" —
and is resolved to a full name: a surname or "Mr X" through the article's
actors, a pronoun through the last person spoken of as a subject, a role ("the
US president", "the spokesman") through the roles the article gives people. A
quote with no attribution in its sentence belongs to the speaker of the quote
or attribution just before it.

Reported speech ("Peskov said Putin may comment today") is extracted as a
statement with ``direct=False``: the reported clause and its speaker.
"""

from __future__ import annotations

import re

from .. import lexicon
from ..model import Actor, ActorType, Quote, Span
from ..text import quote_spans
from .actors import _ROLE_WORD, clean_name, person_by_name, surname
from .nlp import doc_text, lemma

CUE_LEMMAS = lexicon.CUE_LEMMAS
INDIRECT_LEMMAS = lexicon.INDIRECT_LEMMAS
PRONOUNS = lexicon.PRONOUNS
# a statement noun's forms all begin as it does ('statements', 'releases'): a token that does not is not lemmatized
_STATEMENT_HEADS = frozenset(w[:3] for w in lexicon.STATEMENT_NOUNS)


def _statement_noun(token) -> bool:  # noqa: ANN001
    return token.lower_[:3] in _STATEMENT_HEADS and lemma(token).lower() in lexicon.STATEMENT_NOUNS


class _Resolver:
    """Turns a speaker phrase (name, 'Mr X', 'he', 'the US president', an organisation) into a canonical name."""

    def __init__(self, actors: list[Actor], doc) -> None:  # noqa: ANN001
        self.actors = actors
        self.doc = doc
        self.last_subject: str | None = None
        self.last_subject_org: str | None = None
        self.last_statement_by: str | None = None
        self.dateline_end = _dateline_end(doc_text(doc))
        self.ents = list(doc.ents)

    def person_at(self, start: int, end: int) -> Actor | None:
        for a in self.actors:
            if a.type != ActorType.person:
                continue
            for m in a.mentions:
                if m.start <= start < m.end or start <= m.start < end:
                    return a
        return None

    def org_before(self, pos: int, noun: str | None = None) -> str | None:
        best, best_pos = None, -1
        for a in self.actors:
            if a.type != ActorType.org:
                continue
            if noun and noun not in a.name.lower() and not any(noun in al.lower() for al in a.aliases):
                continue
            for m in a.mentions:
                if max(best_pos, self.dateline_end - 1) < m.start < pos:
                    best, best_pos = a.name, m.start
        return best

    def by_role(self, phrase: str) -> str | None:
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", phrase)} - {"the", "a", "an", "of", "s", "its", "his", "her", "their"}
        head = re.sub(r"[’']s$", "", phrase.split()[-1].lower()) if phrase.split() else ""
        best, best_score = None, 0.0
        for a in self.actors:
            if a.type != ActorType.person or not a.role:
                continue
            role_words = {w.lower() for w in re.findall(r"[A-Za-z]+", a.role)}
            if head not in role_words:
                continue
            score = len(words & role_words) + 0.001 * (a.mentions[-1].start if a.mentions else 0) / 1e6
            if score > best_score:
                best, best_score = a.name, score
        return best

    def organisation_of(self, tok, doc) -> tuple[str | None, Span | None] | None:  # noqa: ANN001
        """Organisational statements: 'X said on behalf of OceanGate', 'a spokesperson for the FDIC',
        'the FDIC press release states', 'the statement said' (the last issuer of a statement)."""
        verb = tok.head
        for c in [*verb.children, *tok.children]:  # "said Jane Roe on behalf of Acme"
            if c.dep_ == "prep" and c.lower_ == "on" and doc[c.i + 1 : c.i + 3].text.lower() == "behalf of":
                obj = next((x for x in doc[c.i + 2].children if x.dep_ == "pobj"), None)
                if obj is not None:
                    return self.resolve(obj, doc)
        head = lemma(tok).lower()
        if head in lexicon.SPOKES_NOUNS:
            for c in tok.children:  # "a spokesperson for the FDIC"
                if c.dep_ == "prep" and c.lower_ in ("for", "of", "at"):
                    obj = next((x for x in c.children if x.dep_ == "pobj"), None)
                    if obj is not None and obj.pos_ == "PROPN":
                        name, _span = self.resolve(obj, doc)
                        if name is not None:
                            return name, Span(start=tok.idx, end=obj.idx + len(obj.text), text=doc[tok.i : obj.i + 1].text)
        if head in lexicon.STATEMENT_NOUNS:
            span = Span(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text)
            issuer = self.issuer(tok, doc)
            if issuer is not None:
                return issuer, span
            for c in tok.children:  # "the FDIC press release", "OceanGate's statement", "the Belarusian statement"
                if c.dep_ in ("compound", "poss", "amod", "nmod") and c.pos_ in ("PROPN", "ADJ") and c.text[:1].isupper():
                    if c.pos_ == "ADJ" or c.ent_type_ == "NORP":
                        who = self.introduced_with(c.text)
                        if who:
                            return who, span
                        continue
                    name, _ = self.resolve(c, doc)
                    if name:
                        return name, span
            if self.last_statement_by:
                return self.last_statement_by, span
        return None

    def issuer(self, tok, doc) -> str | None:  # noqa: ANN001
        """Who issued a statement, or whose office or body a noun is: 'a statement from X's office',
        'a statement by X', "X's office" (the possessor speaks through it)."""
        for c in tok.children:
            if c.dep_ == "poss" and c.pos_ == "PROPN":
                return self.resolve(c, doc)[0]
            if c.dep_ == "prep" and c.lower_ in ("from", "by", "of") and lemma(tok).lower() in lexicon.STATEMENT_NOUNS:
                obj = next((x for x in c.children if x.dep_ == "pobj"), None)
                if obj is not None and (obj.pos_ == "PROPN" or any(x.dep_ == "poss" and x.pos_ == "PROPN" for x in obj.children)):
                    return self.resolve(obj, doc)[0]
        return None

    def introduced_with(self, adjective: str) -> str | None:
        """The first person or body the text names after a nationality adjective ('Belarusian President X')."""
        m = re.search(r"\b" + re.escape(adjective) + r"\s+((?:[A-Z][\w’'-]+\s+){0,3}[A-Z][\w’'-]+|[a-z]+)", doc_text(self.doc))
        if not m:
            return None
        phrase = m.group(1)
        a = person_by_name(self.actors, clean_name(phrase)) if phrase[:1].isupper() else None
        return a.name if a else f"{adjective} {phrase}"

    def note_statement(self, sent, who: str | None, quoted=lambda i: False) -> None:  # noqa: ANN001
        """Remember who issued the statement a sentence speaks of ('X said in a statement', 'X deleted its statement')."""
        if any(_statement_noun(t) for t in sent):
            if who is None:
                stmt = next((t for t in sent if _statement_noun(t)), None)
                who = self.issuer(stmt, self.doc) if stmt is not None else None
            if who is None:
                subj = next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PROPN" and not quoted(t.idx)), None)
                who = self.resolve(subj, self.doc)[0] if subj is not None else None
            if who and who.lower() not in lexicon.STATEMENT_NOUNS:
                self.last_statement_by = who

    def track(self, sent, inside) -> None:  # noqa: ANN001
        """Remember the person (and organisation) a sentence has as its main subject, for pronouns."""
        main = [t for t in sent.root.children if t.dep_ in ("nsubj", "nsubjpass")]
        others = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t not in main]
        main_person = any(
            (n := self.resolve(t, self.doc, track=False)[0]) and any(a.name == n and a.type == ActorType.person for a in self.actors)
            for t in main
            if not inside(t.idx) and t.idx >= self.dateline_end
        )
        if not main_person:
            # "Footage showed Putin meeting Gerasimov. He said...": the first person the sentence names
            for a in sorted(
                (a for a in self.actors if a.type == ActorType.person),
                key=lambda a: min((m.start for m in a.mentions if sent.start_char <= m.start < sent.end_char), default=10**9),
            ):
                if any(sent.start_char <= m.start < sent.end_char and not inside(m.start) for m in a.mentions):
                    self.last_subject = a.name
                    return
        for t in main or others:
            if inside(t.idx) or t.idx < self.dateline_end:
                continue
            name, _span = self.resolve(t, self.doc, track=False)
            if name and any(a.name == name and a.type == ActorType.person for a in self.actors):
                self.last_subject = name
            elif name and t.pos_ == "PROPN":
                self.last_subject_org = name

    def resolve(self, tok, doc, track: bool = True) -> tuple[str | None, Span | None]:  # noqa: ANN001
        """Name for the speaker token (the head of the subject phrase)."""
        if tok is None or tok.idx < self.dateline_end:
            return None, None
        if tok.text.replace(".", "").upper() in lexicon.TIME_ZONES and not tok.text.islower():
            return None, None  # "8:49 a.m. E.T.": a time zone never speaks
        org = self.organisation_of(tok, doc)
        if org is not None:
            return org
        low = tok.text.lower()
        if low in PRONOUNS and tok.pos_ == "PRON":
            if low in ("they", "we"):
                return self.last_subject_org or self.last_subject, None
            for t in tok.sent:
                if t.i >= tok.i:
                    break
                if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PROPN":
                    a = self.person_at(t.idx, t.idx + len(t.text))
                    if a is not None:
                        return a.name, None
            return self.last_subject, None
        # "The regional president, Javier Ortuño, said": the name in apposition
        for child in tok.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                return self.resolve(child, doc, track)
        if tok.pos_ == "PROPN":
            a = self.person_at(tok.idx, tok.idx + len(tok.text)) or person_by_name(self.actors, tok.text)
            if a is not None:
                return a.name, Span(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text)
            # "peace commissioner Álvaro Restrepo Lenis" that the model did not tag: a role word before a name
            chain = sorted([c for c in tok.children if c.dep_ in ("compound", "flat")] + [tok], key=lambda t: t.i)
            names = [t for t in chain if t.pos_ == "PROPN" and t.text[:1].isupper()]
            if any(_ROLE_WORD.search(t.text) for t in chain if t.pos_ == "NOUN") and len(names) >= 2:
                name = " ".join(t.text for t in names)
                found = person_by_name(self.actors, name)
                span = Span(start=names[0].idx, end=names[-1].idx + len(names[-1].text), text=name)
                if found is None:
                    found = Actor(name=name, type=ActorType.person, mentions=[span])
                    self.actors.append(found)
                return found.name, span
        ent = next((e for e in self.ents if e.start <= tok.i < e.end), None)
        if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT"):
            span = Span(start=ent.start_char, end=ent.end_char, text=ent.text)
            actor = self.person_at(ent.start_char, ent.end_char)
            if actor is not None:
                return actor.name, span
            name = re.sub(r"^the\s+", "", ent.text, flags=re.I)
            if ent.label_ == "PERSON":
                a = person_by_name(self.actors, clean_name(name))
                return (a.name if a else clean_name(name)), span
            if ent.label_ in ("GPE", "LOC") and not any(c.dep_ == "compound" for c in tok.children):
                return name, span
            return name, span
        phrase_toks = [t for t in tok.subtree if t.i <= tok.i]
        lo = min(t.i for t in phrase_toks)
        hi = tok.i + 1
        phrase = doc[lo:hi].text
        span = Span(start=doc[lo].idx, end=doc[hi - 1].idx + len(doc[hi - 1].text), text=phrase)
        a = self.person_at(span.start, span.end)
        if a is not None:
            return a.name, span
        role = self.by_role(phrase)
        if role:
            return role, span
        noun = lemma(tok).lower()
        if noun in ORG_NOUNS and (owner := self.issuer(tok, doc)):
            return owner, span
        if noun in ORG_NOUNS and tok.pos_ == "NOUN":
            # "the Belarusian government": a nation's body, not the last organisation named
            adj = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.text[:1].isupper() and c.pos_ in ("ADJ", "PROPN")]
            if adj:
                return " ".join([*(c.text for c in adj), tok.text]), span
        if tok.pos_ == "PROPN":
            # a name the tagger did not mark: a known organisation it is part of, else the name itself
            known = next((a.name for a in self.actors if a.type == ActorType.org
                          and any(re.search(r"\b" + re.escape(tok.text) + r"\b", f) for f in (a.name, *a.aliases))), None)
            if known:
                return known, span
        elif noun in ORG_NOUNS:
            # "the police said": the police named before; "the company said": the last organisation named
            org = self.org_before(tok.idx, noun) or (self.org_before(tok.idx) if noun in lexicon.GENERIC_ORG_NOUNS else None)
            if org:
                return org, span
            return re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.I), span
        if tok.pos_ == "PROPN" and tok.text[:1].isupper() and not tok.text.isupper():
            return clean_name(phrase), span
        if _ROLE_WORD.search(tok.text):
            # an unnamed official: keep the description ("Ukraine's top military commander")
            return re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.I), span
        return None, span


def _dateline_end(text: str) -> int:
    """End of a dateline prefix ('TOKYO (Reuters) - '), so that the city is never taken for a speaker."""
    from ..clean.metadata import parse_dateline

    first = text.split("\n", 1)[0]
    _city, _agency, n = parse_dateline(first)
    return n


def _cue_for(sent, inside) -> tuple[object | None, object | None]:
    """(cue verb, subject token) of a sentence, from tokens outside quotes; 'according to X' too."""
    best = None
    for t in sent:
        if inside(t.idx):
            continue
        if t.pos_ in ("VERB", "AUX") and lemma(t).lower() in CUE_LEMMAS:
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and not inside(c.idx)), None)
            if subj is None and t.dep_ in ("conj", "advcl", "xcomp") and lemma(t.head).lower() in CUE_LEMMAS:
                subj = next((c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None and t.dep_ in ("conj",):
                subj = next((c for c in t.head.children if c.dep_ in ("nsubj",)), None)
            if subj is None and t.dep_ == "advcl" and t.tag_ == "VBG" and t.head.i < t.i:
                subj = next((c for c in t.head.children if c.dep_ == "nsubj" and not inside(c.idx)), None)  # "X praised ..., calling it"
            if subj is None and t.dep_ in ("acl", "relcl") and t.head.pos_ in ("NOUN", "PROPN") and t.head.i < t.i and not inside(t.head.idx):
                subj = t.head  # '"...", the prime minister posted on X': the frame's noun phrase is the speaker
            if subj is None:
                # '"...", said X' parsed with X as the verb's object or attribute
                subj = next((c for c in t.children if c.dep_ in ("dobj", "attr", "npadvmod") and c.i > t.i and c.pos_ == "PROPN" and not inside(c.idx)), None)
            if subj is not None:
                return t, subj
            best = best or (t, None)
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            obj = next((c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"), None)
            if obj is not None:
                return t, obj
    return best if best else (None, None)


ORG_NOUNS = lexicon.ORG_NOUNS


_PASTED_RE = re.compile(
    r"\b((?:[A-Z][\w&.’'-]*\s+){1,5}?)(?:press\s+)?(?:release|statement|announcement|notice)\s+(states|said|says|reads|read|stated)\s*:\s*$"
)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def extract_quotes(doc, actors: list[Actor]) -> list[Quote]:
    """Direct quotes and reported statements of one parsed article."""
    text = doc_text(doc)
    qspans = quote_spans(text)
    marks = [(q.start - 1, q.end + 1) for q in qspans]

    def inside(i: int) -> bool:
        return any(a <= i < b for a, b in marks)

    res = _Resolver(actors, doc)
    sents = list(doc.sents)
    out: list[Quote] = []
    last_speaker: str | None = None
    last_span: Span | None = None
    pasted: tuple[str, Span | None, str] | None = None
    for p0, p1 in _paragraphs(text):
        psents = [s for s in sents if p0 <= s.start_char < p1]
        pquotes = [q for q in qspans if p0 <= q.start < p1]
        # attributions of the paragraph: (cue, speaker name, speaker span, sentence)
        cues = []
        for sent in psents:
            cue, subj = _cue_for(sent, inside)
            if cue is None:
                res.track(sent, inside)
                continue
            who, span = res.resolve(subj, doc) if subj is not None else (None, None)
            cues.append((cue, who, span, sent))
            res.note_statement(sent, who, inside)
            res.track(sent, inside)
        if not cues:
            for sent in psents:
                res.note_statement(sent, None, inside)
        for q in pquotes:
            qt = text[q.start : q.end]
            if not qt.strip():
                continue
            own = [c for c in cues if c[3].start_char <= q.start < c[3].end_char + 1]
            pick = own[0] if own else None
            if pick is None and cues:
                pick = min(cues, key=lambda c: min(abs(c[0].idx - q.start), abs(c[0].idx - q.end)))
            who, sp_span, cue_text = (pick[1], pick[2], pick[0].text) if pick else (None, None, None)
            if who is None and pick is not None and pick[2] is None:
                who, sp_span = last_speaker, last_span
            if who is None:
                sent = next((s for s in psents if s.start_char <= q.start < s.end_char + 1), None)
                subj = None
                who, sp_span = None, None
                for subj in (c for c in (sent.root.children if sent is not None else []) if c.dep_ in ("nsubj", "nsubjpass") and not inside(c.idx)):
                    who, sp_span = res.resolve(subj, doc)
                    if who is not None:
                        break
                if who is not None and not any(a.name == who for a in actors):
                    who, sp_span = None, None  # a scare quote's subject must be a known actor
            if who is None and not own and sent is not None:
                who, sp_span = _previous_subject(res, psents, sent, inside, actors)
            if who is None:
                who, sp_span = last_speaker, last_span
            out.append(
                Quote(start=q.start, end=q.end, text=qt, speaker=who, speaker_role=_role_of(actors, who),
                      speaker_span=sp_span, cue=cue_text, direct=True)
            )
        # reported speech in sentences without quote marks
        for cue, who, span, sent in cues:
            if who is None or any(inside(t.idx) for t in sent):
                continue
            stmt = _reported_clause(sent, cue)
            if stmt is not None:
                s0, s1 = stmt
                if s0 < res.dateline_end:  # "MIAMI (AP) - Firefighters pulled ...": the dateline is nobody's words
                    s0 = res.dateline_end + len(text[res.dateline_end : s1]) - len(text[res.dateline_end : s1].lstrip())
                out.append(Quote(start=s0, end=s1, text=text[s0:s1], speaker=who, speaker_role=_role_of(actors, who),
                                 speaker_span=span, cue=cue.text, direct=False))
        # a statement pasted after "X's press release states:" runs to the end of the text or the next quote
        if pasted is not None and not cues and not pquotes:
            s0, s1 = p0, p1
            while s1 > s0 and text[s1 - 1] in " \t":
                s1 -= 1
            prev = out[-1] if out and out[-1].speaker == pasted[0] and out[-1].cue == pasted[2] else None
            if prev is not None and text[prev.end : s0].strip() == "" and text[prev.end - 1 : prev.end] not in (".", "!", "?", ":", "”", '"'):
                prev.end, prev.text = s1, text[prev.start : s1]  # a hard-wrapped line of the same paragraph
                continue
            if len(text[s0:s1].split()) < 3:
                continue
            if len(text[s0:s1].split()) >= 3:
                out.append(Quote(start=s0, end=s1, text=text[s0:s1], speaker=pasted[0], speaker_role=_role_of(actors, pasted[0]),
                                 speaker_span=pasted[1], cue=pasted[2], direct=True))
                continue
        pasted = None
        if cues and text[p0:p1].rstrip().endswith(":") and not pquotes and cues[-1][1]:
            pasted = (cues[-1][1], cues[-1][2], cues[-1][0].text)
        elif not pquotes and (pm := _PASTED_RE.search(text, p0, p1)):
            # "The FDIC press release states:" (a parse may miss the verb)
            name = re.sub(r"^(?:The|A|An)\s+", "", re.split(r"(?<=[a-z]\.)\s+", pm.group(1).strip())[-1])
            known = next((a.name for a in actors if name == a.name or name in a.aliases), name)
            at = text.find(name, pm.start(1))
            pasted = (known, Span(start=at, end=at + len(name), text=name), pm.group(2))
        # reported speech runs on: a later sentence of the paragraph with no attribution of its own that names
        # the speaker of the reported clause before it ("..., the FDIC said. The FDIC will pay ...")
        for k, sent in enumerate(psents):
            if any(c[3] is sent for c in cues) or any(inside(t.idx) for t in sent) or k == 0:
                continue
            prev = next((c for c in cues if c[3] is psents[k - 1]), None)
            if prev is None or not prev[1] or any(q.start >= sent.start_char and q.end <= sent.end_char for q in out):
                continue
            names = [prev[1], *(al for a in actors if a.name == prev[1] for al in a.aliases)]
            if any(re.search(r"\b" + re.escape(n) + r"\b", sent.text) for n in names if len(n) >= 3):
                s0, s1 = sent.start_char, sent.end_char
                while s1 > s0 and text[s1 - 1] in " .\n":
                    s1 -= 1
                out.append(Quote(start=s0, end=s1, text=text[s0:s1], speaker=prev[1], speaker_role=_role_of(actors, prev[1]),
                                 speaker_span=None, cue=None, direct=False))
                cues.append((prev[0], prev[1], prev[2], sent))
        named = [c for c in cues if c[1]]
        if named:
            last_speaker, last_span = named[-1][1], named[-1][2]
        elif pquotes and out:
            last_speaker, last_span = out[-1].speaker, out[-1].speaker_span
    _borrow_headline_speakers(out)
    return sorted(out, key=lambda q: q.start)


def _previous_subject(res, psents, sent, inside, actors):  # noqa: ANN001
    """The person the sentence before a free-standing quote is about, in the same paragraph
    ('X applauded the scientists. "Congratulations to the team."')."""
    k = next((i for i, s in enumerate(psents) if s is sent), 0)
    if k == 0 or not inside(sent.start_char + (1 if sent.text[:1] in "\"“'‘" else 0)):
        return None, None
    prev = psents[k - 1]
    for subj in (c for c in prev.root.children if c.dep_ in ("nsubj", "nsubjpass") and not inside(c.idx)):
        who, span = res.resolve(subj, res.doc, track=False)
        if who is not None and any(a.name == who and a.type == ActorType.person for a in actors):
            return who, span
    return None, None


def _borrow_headline_speakers(quotes: list[Quote]) -> None:
    """A quote repeated elsewhere (a headline or sub-heading quoting the body) takes the body quote's speaker."""
    norm = lambda s: re.sub(r"\W+", " ", s.lower()).strip()  # noqa: E731
    for q in quotes:
        if not q.direct or q.cue is not None:
            continue
        nq = norm(q.text)
        for other in quotes:
            if other is not q and other.direct and other.cue is not None and nq and nq in norm(other.text):
                q.speaker, q.speaker_role, q.speaker_span = other.speaker, other.speaker_role, other.speaker_span
                break


def _reported_clause(sent, cue) -> tuple[int, int] | None:
    """Character span of the clause a cue verb reports ('Putin may comment today')."""
    if lemma(cue).lower() not in INDIRECT_LEMMAS:
        return None
    comp = next((c for c in cue.children if c.dep_ in ("ccomp",)), None)
    if comp is None and cue.dep_ in ("parataxis",) and cue.head.i < cue.i:
        # "CLAUSE, X said."
        comp = cue.head
        toks = [t for t in sent if t.i < cue.i and t.i >= sent.start]
        while toks and (toks[-1].is_punct or toks[-1].dep_ in ("nsubj", "compound", "det", "amod", "appos", "punct") or toks[-1].i >= next((c.i for c in cue.children if c.dep_ == "nsubj"), cue.i)):
            toks.pop()
        if len(toks) < 4:
            return None
        return toks[0].idx, toks[-1].idx + len(toks[-1].text)
    if comp is None:
        return None
    toks = sorted(comp.subtree, key=lambda t: t.i)
    if comp.i < cue.i:  # "CLAUSE, X said"
        toks = [t for t in toks if t.i < cue.i]
    toks = [t for t in toks if not (t.i == toks[0].i and t.lower_ == "that")]
    while toks and (toks[-1].is_punct):
        toks.pop()
    while toks and toks[0].dep_ == "mark":
        toks = toks[1:]
    if len(toks) < 3:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _role_of(actors: list[Actor], name: str | None) -> str | None:
    if not name:
        return None
    for a in actors:
        if a.name == name:
            return a.role
    return None


__all__ = ["extract_quotes", "quote_spans"]


def headline_quotes(title: str, body_quotes: list[Quote], actors: list[Actor]) -> list[Quote]:
    """Quotes in the headline, marked ``in_headline`` (offsets into the title).

    The headline's own frame gives the speaker ("X says ...", "X: '...'"); failing that, a body
    quote with the same words lends its speaker; failing that, the speaker is None.
    """
    from .nlp import parse

    if not quote_spans(title):
        return []
    named = [a.model_copy(update={"mentions": []}) for a in actors]  # body offsets do not apply to the title
    out = extract_quotes(parse(title), named)
    norm = lambda s: re.sub(r"\W+", " ", s.lower()).strip()  # noqa: E731
    for q in out:
        q.in_headline = True
        nq = norm(q.text)
        body = next((b for b in body_quotes if b.direct and nq and nq in norm(b.text)), None)
        if body is not None and (q.speaker is None or q.cue is None):
            q.speaker, q.speaker_role, q.speaker_span = body.speaker, body.speaker_role, None
        elif q.speaker is not None and not any(q.speaker == a.name for a in actors):
            q.speaker_span = None
        q.speaker_span = None if q.speaker_span is None else q.speaker_span
    return out
