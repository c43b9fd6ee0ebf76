"""The attribute ruler's rules found by table lookup, not by spaCy's Matcher: the same matches, a tenth of the time.

The small English model's ``attribute_ruler`` sets each token's coarse part of speech, morphology and a few lemmas
from about 180 rules ("a token tagged VBZ whose lower form is 'is' ..."). It finds where they apply with spaCy's
general Matcher, which tries every rule on every token: 14% of the parse, more than the tagger and the parser's
sentence constraints together. Almost every rule is a single token with attribute equalities, so the rules that
can apply to a token are found by looking its tag (or its lower form, or its dependency) up in a table.

:func:`index` replaces the component's ``match`` with a :class:`RuleIndex` built from the component's own rules:
spaCy's ``set_annotations`` then applies them exactly as before. A rule this index cannot read (an operator such
as ``OP``, an attribute other than those below) stays with a Matcher of its own, so any model's rules work. The
tests compare the matches with the Matcher's on every real article in ../shared.
"""

from __future__ import annotations

import re

# The token attributes the rules read, in the order of the array read from each Doc.
_ATTRIBUTES = ("TAG", "LOWER", "DEP", "IS_SPACE")
_TAG, _LOWER, _DEP, _SPACE = range(len(_ATTRIBUTES))
# The attributes a rule is indexed by (the first it constrains to a set of values), most selective first.
_INDEXED = (_LOWER, _TAG, _DEP, _SPACE)


class _Token:
    """One token position of a rule: (column, kind, values) predicates, kind "in", "not_in" or "regex"."""

    __slots__ = ("predicates",)

    def __init__(self, predicates: list[tuple[int, str, object]]) -> None:
        self.predicates = predicates

    def holds(self, row: list[int], strings) -> bool:  # noqa: ANN001 - spaCy's StringStore
        for column, kind, values in self.predicates:
            value = row[column]
            if kind == "in":
                if value not in values:  # type: ignore[operator]
                    return False
            elif kind == "not_in":
                if value in values:  # type: ignore[operator]
                    return False
            elif not values.search(strings[value]):  # type: ignore[attr-defined]
                return False
        return True

    def keys(self) -> tuple[int, frozenset[int]] | None:
        """The column and values to index the rule by: its first equality or IN on an indexed attribute."""
        for column in _INDEXED:
            for col, kind, values in self.predicates:
                if col == column and kind == "in":
                    return column, values  # type: ignore[return-value]
        return None


def _read(spec: dict, strings) -> _Token | None:  # noqa: ANN001
    """A Matcher token pattern as predicates, or None if it uses anything else than =, IN, NOT_IN, REGEX on the
    attributes read here (spaCy compares string attributes by their hash, "" being 0; IS_SPACE as 0 or 1)."""
    predicates: list[tuple[int, str, object]] = []
    for key, value in spec.items():
        if key not in _ATTRIBUTES:
            return None
        column = _ATTRIBUTES.index(key)
        if column == _SPACE:
            if not isinstance(value, bool):
                return None
            predicates.append((column, "in", frozenset({int(value)})))
        elif isinstance(value, str):
            predicates.append((column, "in", frozenset({strings.add(value)})))
        elif isinstance(value, dict) and len(value) == 1:
            ((op, arg),) = value.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
                predicates.append((column, op.lower(), frozenset(strings.add(v) for v in arg)))
            elif op == "REGEX" and isinstance(arg, str):
                predicates.append((column, "regex", re.compile(arg)))
            else:
                return None
        else:
            return None
    return _Token(predicates)


class RuleIndex:
    """``AttributeRuler.match`` by lookup: the sorted ``(rule, key, start, end)`` matches of the ruler's rules."""

    def __init__(self, ruler) -> None:  # noqa: ANN001 - spacy.pipeline.AttributeRuler
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
        from spacy.matcher import Matcher

        self.strings = ruler.vocab.strings
        self.columns = [TAG, LOWER, DEP, IS_SPACE]
        # single-token rules, whose matches at a token depend on its row of attributes alone (cached per row), and
        # longer ones, each indexed by its first token; "anywhere": no indexed attribute constrained to values
        self.single = _Tables()
        self.longer = _Tables()
        self.rest = Matcher(ruler.vocab, validate=False)  # rules this index cannot read
        self.indexed = 0
        self._rows: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}
        for rule in range(len(ruler.attrs)):
            key = str(rule)
            key_hash = self.strings.add(key)
            for pattern in ruler.matcher.get(key)[1]:
                tokens = [_read(spec, self.strings) for spec in pattern]
                if not tokens or any(t is None for t in tokens):
                    self.rest.add(key, [pattern])
                    continue
                (self.single if len(tokens) == 1 else self.longer).add((rule, key_hash, tokens))  # type: ignore[arg-type]
                self.indexed += 1

    def __call__(self, doc) -> list[tuple[int, int, int, int]]:  # noqa: ANN001
        rows = doc.to_array(self.columns).tolist() if len(doc) else []
        found: set[tuple[int, int, int, int]] = set()  # the Matcher reports a (key, start, end) once
        strings, n, cache = self.strings, len(rows), self._rows
        if len(cache) > _CACHED_ROWS:
            cache.clear()
        for start, row in enumerate(rows):
            key = tuple(row)
            known = cache.get(key)
            if known is None:  # what the row's attributes alone decide: the rules whose first token holds here
                known = cache[key] = (
                    tuple((r, h) for r, h, tokens in self.single.candidates(row) if tokens[0].holds(row, strings)),
                    tuple(e for e in self.longer.candidates(row) if e[2][0].holds(row, strings)),
                )
            single, longer = known
            for rule, key_hash in single:
                found.add((rule, key_hash, start, start + 1))
            for rule, key_hash, tokens in longer:
                end = start + len(tokens)
                if end <= n and all(t.holds(rows[start + k], strings) for k, t in enumerate(tokens) if k):
                    found.add((rule, key_hash, start, end))
        if len(self.rest):
            for match_id, start, end in self.rest(doc, allow_missing=True, as_spans=False):
                found.add((int(strings[match_id]), match_id, start, end))
        return sorted(found)


_CACHED_ROWS = 100_000  # distinct (tag, lower, dependency, space) rows whose first-token matches are kept


class _Tables:
    """Rules indexed by the values their first token must have (see :meth:`_Token.keys`)."""

    def __init__(self) -> None:
        self.by_value: list[dict[int, list[tuple[int, int, list[_Token]]]]] = [{} for _ in _INDEXED]
        self.anywhere: list[tuple[int, int, list[_Token]]] = []

    def add(self, entry: tuple[int, int, list[_Token]]) -> None:
        found = entry[2][0].keys()
        if found is None:
            self.anywhere.append(entry)
            return
        column, values = found
        table = self.by_value[_INDEXED.index(column)]
        for value in values:
            table.setdefault(value, []).append(entry)

    def candidates(self, row: list[int]) -> list[tuple[int, int, list[_Token]]]:
        out = [entry for column, table in zip(_INDEXED, self.by_value) for entry in table.get(row[column], ())]
        return out + self.anywhere if self.anywhere else out


def index(nlp) -> RuleIndex | None:  # noqa: ANN001
    """Let the pipeline's ``attribute_ruler`` find its matches with a :class:`RuleIndex` (None if it has none)."""
    if "attribute_ruler" not in nlp.component_names:
        return None
    ruler = nlp.get_pipe("attribute_ruler")
    rules = RuleIndex(ruler)
    ruler.match = rules
    return rules
