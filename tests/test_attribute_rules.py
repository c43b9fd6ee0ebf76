"""The attribute ruler's matches by table lookup (extract.attribute_rules) are spaCy's Matcher's, on real text."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# Colloquial forms the model's multi-token and regular-expression rules are about (invented sentences).
RARE = (
    "Y'all ain't gonna believe it. Let's go, c'mon! There is nothin' here, there were two of us.  \n\n"
    "I gave it to you and you gave it to me. Who do they think they are? It's not what she did; it is what they "
    "have done, and what he'd have done. We gotta go. That one, which I saw, is mine. She gets it; he got it."
)


def _before_ruler(nlp, text: str):  # noqa: ANN001, ANN202
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == "attribute_ruler":
            return doc
        doc = component(doc)
    raise AssertionError("the model has no attribute_ruler")


def _stock_matches(ruler, doc) -> list:  # noqa: ANN001
    from spacy.pipeline import AttributeRuler

    return AttributeRuler.match(ruler, doc)  # the component's own method: spaCy's Matcher


def test_the_model_ruler_finds_its_matches_by_lookup():
    from crosscheck.extract.attribute_rules import RuleIndex
    from crosscheck.extract.nlp import get_nlp

    ruler = get_nlp().get_pipe("attribute_ruler")
    assert isinstance(ruler.match, RuleIndex)
    assert ruler.match.indexed == sum(len(ruler.matcher.get(str(i))[1]) for i in range(len(ruler.attrs)))
    assert len(ruler.match.rest) == 0  # every rule of the small English model is read by the index


def test_lookup_matches_are_the_matchers_on_every_real_text():
    from crosscheck.extract.nlp import get_nlp

    files = sorted(SHARED.glob("seeds/*")) + sorted(SHARED.glob("eval/stories/*/articles/*"))
    if not files:
        pytest.skip("../shared not found (CI provides it)")
    nlp = get_nlp()
    ruler = nlp.get_pipe("attribute_ruler")
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files] + [RARE]
    for text in texts:
        doc = _before_ruler(nlp, text)
        assert ruler.match(doc) == _stock_matches(ruler, doc)
    spans = {end - start for _rule, _key, start, end in ruler.match(_before_ruler(nlp, RARE))}
    assert spans == {1, 2}  # the rules over two tokens ("gon na", "let 's", "there is") were tried and found


def test_the_parse_is_the_stock_pipelines():
    """Part of speech and morphology, which the ruler sets, are those of spaCy's own pipeline."""
    import spacy

    from crosscheck.extract.nlp import MODEL, get_nlp

    stock = spacy.load(MODEL, exclude=["lemmatizer"])
    ours = get_nlp()
    for text in (RARE, "The agency said 12 people were hurt when the bus, which was carrying 40, left the road."):
        a, b = ours(text), stock(text)
        assert [(t.text, t.pos_, str(t.morph)) for t in a] == [(t.text, t.pos_, str(t.morph)) for t in b]


def test_rules_the_index_cannot_read_stay_with_a_matcher():
    """A model's rules may use what the index does not read (an operator, another attribute): those are matched by
    spaCy's Matcher, the rest by lookup, and the whole is what the Matcher alone finds."""
    import spacy

    from crosscheck.extract.attribute_rules import RuleIndex

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "new"}, {"IS_TITLE": True, "OP": "+"}]], {"POS": "PROPN"})  # OP: not read
    ruler.add([[{"LENGTH": 3}]], {"MORPH": "Len=3"})  # LENGTH: not read
    ruler.add([[{"LOWER": {"IN": ["bus", "road"]}}]], {"POS": "NOUN"})
    ruler.add([[{"LOWER": {"NOT_IN": ["the", "a"]}, "IS_SPACE": False}]], {"TAG": "X"})
    ruler.add([[{"LOWER": {"REGEX": "^[0-9]+$"}}, {"LOWER": "people"}]], {"POS": "NUM"}, index=0)
    rules = RuleIndex(ruler)
    assert rules.indexed == 3 and len(rules.rest) == 2
    doc = nlp.make_doc("The bus from New York City hit 12 people on the road  to Newark.")
    assert rules(doc) == _stock_matches(ruler, doc)
    assert rules(nlp.make_doc("")) == []
