"""Match facts across the articles of a story into story-level claims.

Facts, not sentences: every article claim is seen through its slots (:mod:`.facts_view`). Alignment runs in
three steps:

1. **Candidates**: each fact is compared only with its nearest neighbours by sentence embedding
   (``settings.neighbours``, cosine >= ``settings.candidate_floor``), with facts that share a rare name or
   figure, and with sentences provenance paired (a copy's edited sentence) -- never all pairs.
2. **Verification** of a candidate pair decides *same*, *conflicting* or *different* from the slots:
   negation on one side only, reversed sides (one's subject is the other's object), two speakers, or two
   remarks of one speaker are different facts; figures of the same kind of thing with incompatible values make
   a similar pair *conflicting*; figures of unrelated kinds (money vs people) count against the pair.
3. **Groups** in which every member is verified same-or-conflicting with every other (complete link: no
   chaining through a middle sentence), best pairs first, at most one fact per article.

Each story claim counts its independent sources (provenance groups; wire paragraphs quoted in a liveblog count
for the wire) and its independent origins: the parties the outlets attribute it to, plus each independent group
that states it on its own. A claim traces to one party only when every outlet attributes it to that party.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from ..clean.sections import cosine, term_vector
from ..embeddings import get_embedder
from ..lexicon import REPORT_CUES
from ..model import Article, ClaimStatus, Evidence, Span, Story, StoryClaim
from ..provenance import passage_group
from ..settings import AlignSettings
from ..text import plain_words
from .facts_view import REPORTING_LEMMAS, FactView, Figure, fact_views, ranks_differ

_REPORT_CUE = re.compile(REPORT_CUES, re.I)
WEAK_PREDICATES = REPORTING_LEMMAS | {"be", "have", "do", "make", "get", "take", "go"}

SAME, CONFLICTING, DIFFERENT = "same", "conflicting", "different"


@dataclass
class Verdict:
    label: str
    score: float
    why: str = ""
    veto: bool = False  # the slots say different facts, however alike the words


_NONE = Verdict(DIFFERENT, 0.0)


def origin_key(name: str | None, story: Story) -> str | None:
    """A party's canonical name (through the story's actors), or None for an outlet's own reporting."""
    if not name:
        return None
    from ..extract.actors import surname

    for a in story.actors:
        if name == a.name or name in a.aliases or (a.type.value == "person" and surname(name) == surname(a.name)):
            return a.name
    return name


class Matcher:
    """Candidate pairs and their verification for the facts of one story."""

    def __init__(self, facts: list[FactView], settings: AlignSettings, embedder: str | None) -> None:
        self.facts = facts
        self.s = settings
        self.vecs, self.emb_name = self._vectors(embedder)
        self.tv = [term_vector(list(f.terms)) for f in facts]

    def _vectors(self, embedder: str | None) -> tuple[np.ndarray | None, str | None]:
        if embedder == "none" or not self.facts:
            return None, None
        try:
            emb = get_embedder(embedder)
        except Exception:  # noqa: BLE001 - no embedder installed: lexical only
            return None, None
        return emb.encode([f.text for f in self.facts]), emb.name

    # ---- 1. candidates
    def candidates(self, extra: set[tuple[int, int]] = frozenset()) -> set[tuple[int, int]]:  # type: ignore[assignment]
        n = len(self.facts)
        arts = np.array([f.article.id for f in self.facts])
        out: set[tuple[int, int]] = set(extra)
        if self.vecs is not None and n > 1:
            k = min(self.s.neighbours, n - 1)
            ids = sorted(set(arts.tolist()))
            cols = {a: np.flatnonzero(arts == a) for a in ids}
            for i0 in range(0, n, 256):  # blocks: memory grows with the block, not with n x n
                block = self.vecs[i0 : i0 + 256] @ self.vecs.T
                for r, row in enumerate(block):
                    i = i0 + r
                    row = np.where(arts == arts[i], -1.0, row)
                    top = set(np.argpartition(-row, k - 1)[:k].tolist()) if k < n else set(range(n))
                    # and the best match in each other article (a fact is stated once per outlet)
                    top |= {int(c[np.argmax(row[c])]) for a, c in cols.items() if a != arts[i]}
                    for j in top:
                        if row[j] >= self.s.candidate_floor:
                            out.add((min(i, int(j)), max(i, int(j))))
        elif n > 1:
            out |= self._lexical_candidates()
        # facts sharing a rare name or a figure (value and kind): few facts per key, so few pairs
        buckets: dict[str, list[int]] = {}
        for i, f in enumerate(self.facts):
            keys = {f"n:{w}" for w in f.who} | {f"f:{g.kind}:{g.quantity.value:g}" for g in f.figures}
            for key in keys:
                buckets.setdefault(key, []).append(i)
        n_arts = len(set(arts.tolist())) or 1
        for members in buckets.values():
            if len({self.facts[i].article.id for i in members}) > max(3, n_arts // 2) or len(members) > 60:
                continue  # a name every outlet uses (the story's protagonist) is not rare
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    i, j = members[x], members[y]
                    if self.facts[i].article.id != self.facts[j].article.id:
                        out.add((min(i, j), max(i, j)))
        return out

    def _lexical_candidates(self) -> set[tuple[int, int]]:
        """Without sentence vectors (``embedder="none"``, or none installed): each fact's nearest facts of other
        articles by weighted word overlap (cosine of the term vectors), the ``neighbours`` best and the best in each
        other article, among the facts sharing at least ``min_shared_terms`` words with it. The facts sharing a word
        are found through an index of words; a word in more than a quarter of the facts (or more than 200) says
        nothing of which fact it is and finds none."""
        n = len(self.facts)
        postings: dict[str, list[int]] = {}
        for i, tv in enumerate(self.tv):
            for t in tv:
                postings.setdefault(t, []).append(i)
        limit = max(8, min(200, n // 4))  # and at most 200: the pairs a word proposes grow with its square
        shared: list[dict[int, int]] = [{} for _ in range(n)]
        for ids in postings.values():
            if len(ids) > limit:
                continue
            for x in ids:
                row = shared[x]
                for y in ids:
                    if y != x and self.facts[y].article.id != self.facts[x].article.id:
                        row[y] = row.get(y, 0) + 1
        out: set[tuple[int, int]] = set()
        for i in range(n):
            scored = sorted(
                ((cosine(self.tv[i], self.tv[j]), j) for j, c in shared[i].items() if c >= self.s.min_shared_terms),
                reverse=True,
            )
            best: dict[str, int] = {}
            for _sim, j in scored:
                best.setdefault(self.facts[j].article.id, j)
            for j in [j for _sim, j in scored[: self.s.neighbours]] + list(best.values()):
                out.add((min(i, j), max(i, j)))
        return out

    # ---- 2. verification
    def similarity(self, i: int, j: int, ka: list[str], kb: list[str]) -> float:
        """Blended similarity scaled so that 0.5 is the matching threshold; 0 when too few words are shared.
        ``ka``, ``kb``: the two facts' figure kinds as compared with each other (:func:`_kinds`)."""
        a, b = self.facts[i], self.facts[j]
        # a figure of the same kind with a compatible value is a shared term ("nearly 100" ~ "at least 99")
        same_figures = sum(1 for x, kx in zip(a.figures, ka) for y, ky in zip(b.figures, kb) if kx == ky and x.lo <= y.hi and y.lo <= x.hi)
        if len(a.terms & b.terms) + min(1, same_figures) < self.s.min_shared_terms:
            return 0.0
        lex = cosine(self.tv[i], self.tv[j])
        if min(len(self.tv[i]), len(self.tv[j])) >= self.s.containment_min_terms:
            lex = max(lex, self.s.containment_weight * _containment(self.tv[i], self.tv[j]))
        thr = self.s.threshold(self.emb_name)
        if self.vecs is None:
            return lex / (2 * thr)
        emb = float(self.vecs[i] @ self.vecs[j])
        return (self.s.emb_weight * emb + (1 - self.s.emb_weight) * lex) / (2 * thr)

    def verify(self, i: int, j: int, boost: float = 0.0) -> Verdict:
        a, b = self.facts[i], self.facts[j]
        if a.article.id == b.article.id:
            return Verdict(DIFFERENT, 0.0, "one article", veto=True)
        ka, kb = _kinds(a.figures, b.figures), _kinds(b.figures, a.figures)
        score = max(self.similarity(i, j, ka, kb), boost)
        if score <= 0:
            return Verdict(DIFFERENT, score, "too few shared words")
        if a.negated != b.negated:
            return Verdict(DIFFERENT, score, "negated on one side only", veto=True)
        if a.subjects & b.objects and b.subjects & a.objects and not a.subjects & b.subjects:
            return Verdict(DIFFERENT, score, "sides reversed", veto=True)
        if ranks_differ(a.ranks, b.ranks):
            return Verdict(DIFFERENT, score, "ranks of different things", veto=True)
        if a.speaker and b.speaker:
            if a.speaker != b.speaker:
                return Verdict(DIFFERENT, score, "two speakers", veto=True)
            if fuzz.partial_ratio(plain_words(a.quoted), plain_words(b.quoted)) < self.s.quote_overlap:
                return Verdict(DIFFERENT, score, "two remarks of one speaker", veto=True)
        if bool(a.speaker) != bool(b.speaker) and not (a.attribution and b.attribution):
            score -= self.s.subject_penalty  # a speaker's quoted words vs an outlet's own narration
            quoted, told = (a, b) if a.speaker else (b, a)
            if told.subjects and quoted.speaker not in told.who:
                score -= self.s.subject_penalty  # ... about what others did, never naming the speaker
        if a.attribution and a.attribution == b.attribution:
            score += self.s.predicate_bonus  # both outlets cite the same party for it
        if a.days & b.days:
            score += self.s.figure_bonus  # the same day named: as specific as a shared figure
        if a.predicate and a.predicate == b.predicate and a.predicate not in WEAK_PREDICATES:
            score += self.s.predicate_bonus
        if a.subjects and b.subjects and not a.subjects & b.subjects:
            score -= self.s.subject_penalty  # different actors do the thing: more likely two facts
        conflict = False
        kinds_a, kinds_b = set(ka), set(kb)
        shared = kinds_a & kinds_b
        if shared:
            actors_differ = bool(a.subjects and b.subjects and not a.subjects & b.subjects)
            for k in shared:
                fa = [g for g, kg in zip(a.figures, ka) if kg == k]
                fb = [g for g, kg in zip(b.figures, kb) if kg == k]
                hits = [x for x in fa for y in fb if x.lo <= y.hi and y.lo <= x.hi and _close(x, y, self.s.figure_bonus_gap)]
                if hits:
                    # "4:17", "1,200 homes": specific; "three-year war", "two people": common, worth a third
                    specific = any(x.kind.startswith("clock") or abs(x.quantity.value) >= 10 for x in hits)
                    score += self.s.figure_bonus if specific else self.s.figure_bonus / 3
                elif any(x.lo <= y.hi and y.lo <= x.hi for x in fa for y in fb):
                    pass  # compatible only through a hedge: neither one figure restated nor a conflict
                elif len(fa) == 1 and len(fb) == 1:
                    if actors_differ:
                        return Verdict(DIFFERENT, score, "different actors, different figures", veto=True)
                    conflict = True
        elif kinds_a and kinds_b:
            score -= self.s.figure_penalty
        elif _specific(a) != _specific(b):
            score -= self.s.one_sided_penalty  # "86% of the territory retaken" vs a sentence with no figure at all
        if score < 0.5:
            return Verdict(DIFFERENT, score, "not similar enough")
        return Verdict(CONFLICTING if conflict else SAME, score, "figures differ" if conflict else "")


def _kinds(own: list[Figure], other: list[Figure]) -> list[str]:
    """Each figure's kind as compared with the other fact's: the duration of a named thing ('a 60-day state of
    emergency': time:of:state) is a plain duration ('for 60 days') when the other fact names no thing for its own.
    Not so for lengths: a plain length is mostly a distance or a depth ('two miles deep'), not a '22-foot vessel'."""
    plain = {g.kind for g in other if g.kind == "time"}
    return [g.kind.split(":of:")[0] if g.kind.startswith("time:of:") and "time" in plain else g.kind for g in own]


def _stated(g: Figure) -> float:
    q = g.quantity
    return q.value_si if q.value_si is not None and not g.kind.startswith("clock") else (g.lo + g.hi) / 2


def _close(x: Figure, y: Figure, gap: float) -> bool:
    """Two compatible figures are one figure restated: a count of one kind of thing or a time of day, or a measure
    (distance, sum, duration) whose stated values are within ``gap`` of the larger, not merely what a hedge allows."""
    if x.kind.startswith(("clock", "count:")):
        return True  # a time of day, or a count of one kind of thing ("about 400" / "500 firefighters"): specific enough
    a, b = _stated(x), _stated(y)
    return abs(a - b) <= gap * max(abs(a), abs(b))


def _specific(f: FactView) -> bool:
    """The fact gives a specific figure (a time of day, or a number of 10 or more; durations are incidental)."""
    return any(g.kind.startswith("clock") or (abs(g.quantity.value) >= 10 and not g.kind.startswith("time")) for g in f.figures)


def _containment(a: dict[str, float], b: dict[str, float]) -> float:
    """How much of the shorter fact the longer one carries (weighted words): a detail restated inside a longer sentence."""
    if not a or not b:
        return 0.0
    small, big = (a, b) if sum(a.values()) <= sum(b.values()) else (b, a)
    return sum(w for t, w in small.items() if t in big) / sum(small.values())


def _provenance_pairs(story: Story, facts: list[FactView]) -> dict[tuple[int, int], float]:
    """Sentences the provenance stage paired (a copy's edited sentence, a rewrite's restatement): a strong candidate."""
    where: dict[str, list[tuple[int, int, int]]] = {}
    for k, f in enumerate(facts):
        where.setdefault(f.article.id, []).append((f.claim.start, f.claim.end, k))

    def claim_at(aid: str, start: int, end: int) -> int | None:
        mid = (start + end) // 2
        for s0, s1, k in where.get(aid, []):
            if s0 <= mid < s1:
                return k
        return None

    def covers(k: int, span) -> bool:  # noqa: ANN001
        c = facts[k].claim
        return (min(c.end, span.end) - max(c.start, span.start)) >= 0.5 * (c.end - c.start)

    out: dict[tuple[int, int], float] = {}
    for link in story.reuse:
        for p in link.passages:
            i, j = claim_at(link.a, p.a.start, p.a.end), claim_at(link.b, p.b.start, p.b.end)
            # a passage pairs two claims only when it is most of both (not a shared name and title)
            if i is not None and j is not None and i != j and covers(i, p.a) and covers(j, p.b):
                key = (min(i, j), max(i, j))
                out[key] = max(out.get(key, 0.0), 0.5 + 0.5 * p.similarity)
    return out


def verified_pairs(matcher: Matcher, story: Story) -> tuple[dict[tuple[int, int], Verdict], dict[tuple[int, int], float]]:
    boosts = _provenance_pairs(story, matcher.facts)
    out = {}
    for i, j in sorted(matcher.candidates(set(boosts))):
        v = matcher.verify(i, j, boosts.get((i, j), 0.0))
        if v.label != DIFFERENT:
            out[(i, j)] = v
    return out, boosts


def complete_link(matcher: Matcher, pairs: dict[tuple[int, int], Verdict], boosts: dict[tuple[int, int], float]) -> list[list[int]]:
    """Groups in which every member agrees with every other, built from verified pairs, best first.

    Two groups join through a verified pair only when every cross pair agrees: verified, or alike enough
    (``settings.agree_threshold``) with no slot saying they differ. No chaining through a middle sentence;
    at most one fact per article per group.
    """
    facts = matcher.facts
    n = len(facts)
    cache: dict[tuple[int, int], bool] = {}

    def agrees(x: int, y: int) -> bool:
        key = (min(x, y), max(x, y))
        if key in pairs:
            return True
        if key not in cache:
            v = matcher.verify(key[0], key[1], boosts.get(key, 0.0))
            cache[key] = not v.veto and v.score >= matcher.s.agree_threshold
        return cache[key]

    group = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for (i, j), _v in sorted(pairs.items(), key=lambda kv: -kv[1].score):
        gi, gj = group[i], group[j]
        if gi == gj:
            continue
        mi, mj = members[gi], members[gj]
        if {facts[x].article.id for x in mi} & {facts[y].article.id for y in mj}:
            continue
        if not all(agrees(x, y) for x in mi for y in mj):
            continue
        for x in mj:
            group[x] = gi
        members[gi] = mi + mj
        del members[gj]
    return [sorted(m, key=lambda x: (facts[x].article.id, facts[x].claim.start)) for m in members.values()]


def _same_figure(a: FactView, b: FactView, gap: float) -> bool:
    """The two facts give one specific figure (a time of day, or a number of 10 or more) of one kind: "at 4:17
    local time" in both."""
    ka, kb = _kinds(a.figures, b.figures), _kinds(b.figures, a.figures)
    return any(
        ga == gb and x.lo <= y.hi and y.lo <= x.hi and _close(x, y, gap) and (ga.startswith("clock") or abs(x.quantity.value) >= 10)
        for x, ga in zip(a.figures, ka)
        for y, gb in zip(b.figures, kb)
    )


def _partners(pairs: dict[tuple[int, int], Verdict]) -> dict[int, list[int]]:
    """Each fact's verified partners, in index order."""
    out: dict[int, list[int]] = {}
    for i, j in sorted(pairs):
        out.setdefault(i, []).append(j)
        out.setdefault(j, []).append(i)
    return out


def second_groups(
    facts: list[FactView], pairs: dict[tuple[int, int], Verdict], groups: list[list[int]], gap: float = 0.1
) -> list[list[int]]:
    """Groups for the facts complete-link left alone although they have verified partners.

    A sentence can state two facts ("The quake struck at 4:17 local time at a depth of 35 km"). Complete link puts it
    in one group (with "The tremor originated at a depth of 35 km"), and an outlet stating only the other fact ("The
    earthquake struck at 4:17 local time") cannot join that group, as it does not agree with its depth-only member.
    Such a lone fact and its verified partners that give the same specific figure (a time of day, or a number of 10
    or more: the mark of the fact they share; every pair verified, one fact per article, best pairs first) form a
    group of their own, which replaces the lone fact's: the two-fact sentence is evidence for both facts. ``gap``:
    ``AlignSettings.figure_bonus_gap``. (Two lone facts verified as one fact would have been joined by complete
    link, so a lone fact's partners are all in groups.)
    """
    partners = _partners(pairs)
    lone = {g[0] for g in groups if len(g) == 1}
    out: list[list[int]] = []
    for f in sorted(lone):
        chosen = [f]
        for c in sorted(partners.get(f, []), key=lambda x: (-pairs[(min(f, x), max(f, x))].score, x)):
            if facts[c].article.id in {facts[x].article.id for x in chosen} or not _same_figure(facts[f], facts[c], gap):
                continue
            if all((min(c, x), max(c, x)) in pairs for x in chosen):
                chosen.append(c)
        if len(chosen) >= 2:
            out.append(sorted(chosen, key=lambda x: (facts[x].article.id, facts[x].claim.start)))
    return out


def widen_groups(
    facts: list[FactView], pairs: dict[tuple[int, int], Verdict], groups: list[list[int]], gap: float = 0.1
) -> list[list[int]]:
    """Each group also takes the facts of other articles that already sit in another group but are verified the
    same as every one of its members and give each of them the same specific figure: a sentence stating two facts
    ("measured it at magnitude 6.4 ... at a depth of 35 kilometres") is evidence for the second one too (the depth
    stated alone elsewhere). Best-scoring first, one fact per article."""
    partners = _partners(pairs)
    out = []
    for g in groups:
        if len(g) < 2:
            out.append(g)
            continue
        arts = {facts[x].article.id for x in g}
        found = []
        # a fact verified with every member is a partner of the first: only those are looked at
        for f in partners.get(g[0], []):
            if f in g or facts[f].article.id in arts:
                continue
            keys = [(min(f, x), max(f, x)) for x in g]
            if all(k in pairs for k in keys) and all(_same_figure(facts[f], facts[x], gap) for x in g):
                found.append((sum(pairs[k].score for k in keys), f))
        added = list(g)
        for _score, f in sorted(found, reverse=True):
            if facts[f].article.id not in {facts[x].article.id for x in added}:
                added.append(f)
        out.append(sorted(added, key=lambda x: (facts[x].article.id, facts[x].claim.start)))
    return out


@dataclass
class Alignment:
    """What fact alignment found: the facts, the verified pairs, the groups and the story claims."""

    facts: list[FactView]
    pairs: dict[tuple[int, int], Verdict]
    groups: list[list[int]]
    claims: list[StoryClaim]
    embedder: str | None
    settings: AlignSettings


def align_facts(
    story: Story, articles: dict[str, Article], embedder: str | None = None, settings: AlignSettings | None = None
) -> Alignment:
    s = settings or AlignSettings()
    keys: dict[str | None, str | None] = {}

    def key(name: str | None) -> str | None:  # each name looked up once per story (hundreds of facts name few people)
        if name not in keys:
            keys[name] = origin_key(name, story)
        return keys[name]

    facts = fact_views(story, articles, key, s.clock_hedge_minutes)
    if not facts:
        return Alignment([], {}, [], [], None, s)
    matcher = Matcher(facts, s, embedder)
    pairs, boosts = verified_pairs(matcher, story)
    groups = complete_link(matcher, pairs, boosts)
    extra = second_groups(facts, pairs, groups, s.figure_bonus_gap)
    joined = {f for g in extra for f in g}
    groups = widen_groups(facts, pairs, [g for g in groups if not (len(g) == 1 and g[0] in joined)] + extra, s.figure_bonus_gap)
    claims = [_story_claim(story, facts, g, pairs) for g in groups]
    order = sorted(range(len(claims)), key=lambda k: (-claims[k].independent_sources, -len(claims[k].article_ids), claims[k].evidence[0].article_id, claims[k].evidence[0].span.start))
    claims = [claims[k] for k in order]
    groups = [groups[k] for k in order]
    for n, c in enumerate(claims, 1):
        c.id = f"{story.id}:k{n}"
    return Alignment(facts, pairs, groups, claims, matcher.emb_name, s)


def _story_claim(story: Story, facts: list[FactView], g: list[int], pairs: dict[tuple[int, int], Verdict]) -> StoryClaim:
    members = [facts[i] for i in g]
    src_groups = {passage_group(story, m.article.id, m.claim.start, m.claim.end) for m in members}
    # origins: each independent group gives the parties its outlets cite; a group that cites nobody is an origin
    # itself. Five outlets citing one ministry are one origin; a copy that drops the attribution is no new one.
    parties: list[str] = []
    by_group: dict[str, set[str]] = {}
    for m in members:
        grp = passage_group(story, m.article.id, m.claim.start, m.claim.end) or m.article.id
        cited = by_group.setdefault(grp, set())
        if m.attribution:
            cited.add(m.attribution)
            if m.attribution not in parties:
                parties.append(m.attribution)
        elif _REPORT_CUE.search(m.text):
            cited.add("reports")  # "with reports indicating that ...": passed on, not the outlet's own finding
    own = {grp for grp, cited in by_group.items() if not cited}
    n_origins = len(parties) + len(own)
    conflict = any(pairs.get((x, y), _NONE).label == CONFLICTING for x in g for y in g if x < y)
    n_src = len(src_groups)
    rep = max(members, key=lambda m: (len(m.claim.quantities) + len(m.claim.actors), -len(m.claim.text)))
    status = ClaimStatus.single_source
    if conflict and len(members) >= 2:
        status = ClaimStatus.conflicting
    elif n_src >= 2:
        status = ClaimStatus.corroborated
    return StoryClaim(
        id="",
        text=rep.claim.text,
        status=status,
        independent_sources=n_src,
        independent_origins=n_origins,
        attributed_to=parties,
        article_ids=sorted({m.article.id for m in members}),
        evidence=[
            Evidence(article_id=m.article.id, span=Span(start=m.claim.start, end=m.claim.end, text=m.claim.text), attributed_to=m.attribution)
            for m in members
        ],
        unverified_by=sorted({m.article.id for m in members if m.claim.unverified}),
        unverified_notes=list(dict.fromkeys(m.claim.unverified_note for m in members if m.claim.unverified_note)),
    )


def align_claims(story: Story, articles: dict[str, Article], embedder: str | None = None, settings: AlignSettings | None = None) -> list[StoryClaim]:
    return align_facts(story, articles, embedder, settings).claims
