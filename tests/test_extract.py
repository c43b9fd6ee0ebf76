"""Extraction: quotes with speakers, actors, claims and dates in context.

Quote gold is tests/fixtures/extraction/*.gold.json (hand-annotated articles of
other events); seed expectations are read off the seeds by hand. Quantity and
date extractors have their own test modules (test_quantities, test_dates).
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from conftest import FIXTURES
from crosscheck.clean import clean
from crosscheck.extract.actors import extract_actors, unify_story
from crosscheck.extract.nlp import parse
from crosscheck.extract.quotes import extract_quotes, quote_spans
from crosscheck.ingest import article_from_text, ingest

GOLD = sorted((FIXTURES / "extraction").glob("*.gold.json"))


def _norm(s: str) -> str:
    return re.sub(r"[^\w]+", " ", s.lower()).strip()


def score_quotes(pred, gold, direct: bool) -> dict:
    """Match by normalised text containment (length ratio >= 0.5); speaker compared exactly (case-insensitive)."""
    g = [q for q in gold if q["direct"] == direct]
    p = [q for q in pred if q.direct == direct]
    used, tp, tps, misses = set(), 0, 0, []
    for gq in g:
        gn = _norm(gq["text"])
        m = next(
            (
                i
                for i, q in enumerate(p)
                if i not in used
                and _norm(q.text)
                and (_norm(q.text) in gn or gn in _norm(q.text))
                and min(len(gn), len(_norm(q.text))) >= 0.5 * max(len(gn), len(_norm(q.text)))
            ),
            None,
        )
        if m is None:
            misses.append(f"missed: {gq['text'][:60]}")
            continue
        used.add(m)
        tp += 1
        if (p[m].speaker or "").lower() == gq["speaker"].lower():
            tps += 1
        else:
            misses.append(f"speaker {p[m].speaker!r} != {gq['speaker']!r}: {gq['text'][:50]}")
    return {"tp": tp, "tps": tps, "fp": len(p) - len(used), "fn": len(g) - tp, "misses": misses}


@pytest.fixture(scope="module")
def quote_scores():
    total = {True: {"tp": 0, "tps": 0, "fp": 0, "fn": 0, "misses": []}, False: {"tp": 0, "tps": 0, "fp": 0, "fn": 0, "misses": []}}
    for g in GOLD:
        gold = json.loads(g.read_text(encoding="utf-8"))
        art = clean(ingest([g.with_name(g.name.replace(".gold.json", ".txt"))])[0])
        doc = parse(art.text)
        quotes = extract_quotes(doc, extract_actors(doc))
        for direct in (True, False):
            s = score_quotes(quotes, gold["quotes"], direct)
            for k in ("tp", "tps", "fp", "fn"):
                total[direct][k] += s[k]
            total[direct]["misses"] += [f"{g.name}: {m}" for m in s["misses"]]
    return total


def _f1(s: dict) -> float:
    p = s["tps"] / max(1, s["tp"] + s["fp"])
    r = s["tps"] / max(1, s["tp"] + s["fn"])
    return 2 * p * r / (p + r) if p + r else 0.0


def test_gold_is_large_enough():
    quotes = sum(len([q for q in json.loads(g.read_text())["quotes"] if q["direct"]]) for g in GOLD)
    quantities = sum(len(json.loads(g.read_text())["quantities"]) for g in GOLD)
    assert quotes >= 60 and quantities >= 80


def test_direct_quote_and_speaker_f1(quote_scores):
    s = quote_scores[True]
    assert _f1(s) >= 0.9, "\n".join(s["misses"])


def test_reported_speech_f1(quote_scores):
    s = quote_scores[False]
    assert _f1(s) >= 0.75, "\n".join(s["misses"])


SEED_QUOTES = {  # (fragment of the quote, speaker) read off the seeds
    "000": [("right now", "Donald Trump"), ("I hope he’s going to have a ceasefire", "Donald Trump"), ("It’s up to Russia now", "Donald Trump"),
            ("Our task in the near future", "Vladimir Putin"), ("we need to think about creating a security zone", "Vladimir Putin")],
    "001": [("completely liberate", "Vladimir Putin"), ("We will have to see", "Donald Trump"), ("carefully studying", "Dmitry Peskov"),
            ("buffer zone", "Vladimir Putin"), ("terrorists", "Vladimir Putin"), ("totally collapsed", "Valery Gerasimov"), ("final stage", "Dmitry Peskov")],
    "002": [("The town is constantly being hit", "Yevgeny Poddubny"), ("as long as necessary to save", "Dmitry Peskov"),
            ("it’s up to Russia now", "Donald Trump"), ("Before the talks start", "Dmitry Peskov"), ("to completely free the Kursk region", "Vladimir Putin"),
            ("it’s necessary to think about creating", "Vladimir Putin"), ("I’m guessing", "Dmytro Krasylnykov"),
            ("It is absolutely unacceptable to us", "Maria Zakharova"), ("Be it a foreign contingent", "Maria Zakharova")],
    "003": [("Our task in the near future", "Vladimir Putin"), ("And of course, we need to think", "Vladimir Putin"), ("It’s up to Russia now", "Donald Trump"),
            ("bloodbath", "Donald Trump"), ("And if we can get Russia to stop", "Donald Trump")],
    "004": [("terrorists", "Vladimir Putin"), ("still fighting here", "Vladimir Putin"), ("We must fully liberate the territory", "Vladimir Putin"),
            ("There will be no Ukrainian soldier there by Friday", "Skadovskyi Defender")],
}


@pytest.mark.parametrize("prefix", sorted(SEED_QUOTES))
def test_seed_quotes_have_the_right_speaker(seed_articles, prefix):
    art = seed_articles[prefix]
    direct = [q for q in art.quotes if q.direct]
    for fragment, speaker in SEED_QUOTES[prefix]:
        hits = [q for q in direct if fragment in q.text]
        assert hits, f"{prefix}: no quote containing {fragment!r}"
        assert all(q.speaker == speaker for q in hits), (fragment, [q.speaker for q in hits])
    # every direct quote of the article has a speaker
    assert all(q.speaker for q in direct), [q.text for q in direct if not q.speaker]


def test_reported_speech_in_seed(seed_articles):
    peskov = [q for q in seed_articles["003"].quotes if not q.direct and q.speaker == "Dmitry Peskov"]
    assert any("Putin may comment on the ceasefire proposal today" in q.text for q in peskov)


def test_quote_offsets_point_at_the_text(seed_articles):
    for art in seed_articles.values():
        for q in art.quotes:
            assert art.text[q.start : q.end] == q.text


def test_quote_spans_across_paragraphs_and_single_quotes():
    text = "“We will rebuild the bridge,” she said. “It will take a year.\n\n“Maybe more,” she added.\n\nThe 'final offer' was rejected."
    spans = [text[q.start : q.end] for q in quote_spans(text)]
    assert "We will rebuild the bridge," in spans
    assert "It will take a year." in spans  # left open at the end of the paragraph
    assert "Maybe more," in spans
    assert "final offer" in spans


def test_actors_unified_within_and_across_articles(seed_articles):
    a0 = seed_articles["000"]
    putin = next(a for a in a0.actors if a.name == "Vladimir Putin")
    assert "Mr Putin" in putin.aliases or "Putin" in putin.aliases
    assert len(putin.mentions) >= 4
    story = unify_story([a.actors for a in seed_articles.values()])
    people = [a.name for a in story if a.type.value == "person"]
    assert people.count("Vladimir Putin") == 1
    assert "Valery Gerasimov" in people and "Dmitry Peskov" in people
    assert not any(p in ("Putin", "Mr Putin", "Gerasimov") for p in people)


def test_place_spelling_variants_are_one_actor():
    text = (
        "KIEV (Reuters) - Officials in Kiev said on Monday that the talks would go ahead. "
        "The government in Kyiv later confirmed the date of the meeting with Ukrainian and Polish ministers."
    )
    doc = parse(text)
    places = [a for a in extract_actors(doc) if a.type.value == "place"]
    kyiv = [a for a in places if a.name == "Kyiv"]
    assert len(kyiv) == 1 and len(kyiv[0].mentions) >= 2


def test_claims_link_their_contents(seed_articles):
    a3 = seed_articles["003"]
    c = next(c for c in a3.claims if "24 settlements" in c.text)
    qs = [q.text for q in a3.quantities_of(c)]
    assert any("24 settlements" in q for q in qs) and any("400" in q for q in qs)
    assert c.attributed_to == "Valery Gerasimov"
    russian_military = next(c for c in a3.claims if "less than 200 square km" in c.text)
    assert russian_military.attributed_to == "Russian military"
    for art in seed_articles.values():
        for c in art.claims:
            assert art.text[c.start : c.end] == c.text
            assert art.is_on_topic(c.start)


def test_wednesday_resolved_in_dated_seeds(seed_articles):
    for prefix in ("000", "002"):
        art = seed_articles[prefix]
        weds = [d for d in art.dates if "Wednesday" in d.text]
        assert weds, prefix
        assert all(d.resolved == date(2025, 3, 12) for d in weds), [(d.text, d.resolved) for d in weds]


def test_unverified_flag():
    art = article_from_text(
        "KHARTOUM (Reuters) - The army said it had retaken the refinery on Tuesday, according to a military statement. "
        "Reuters could not independently verify the claim.\n\nResidents said fighting continued nearby.",
        "sudan",
    )
    from crosscheck.extract import extract

    clean(art)
    extract(art)
    c = next(c for c in art.claims if "refinery" in c.text)
    assert c.attributed_to and c.unverified
