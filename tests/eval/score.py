"""Score crosscheck's alignment against the hand-written gold of a story set (tests/eval/set_*/gold.json).

A gold fact is found by a story claim when one of the claim's evidence
sentences contains all the fact's keywords. Its predicted label is that
claim's status ("conflicting" with 2+ independent sources counts as
corroborated). Precision for a label is over the gold facts predicted with
that label; recall over the gold facts of that label.

A gold discrepancy is found when a predicted discrepancy of the same kind
("internal" counts as "status") has evidence containing the keywords in
articles of at least two of the gold sides. A predicted discrepancy that
matches no gold one is a false positive, unless it is a gold
``consistent_numbers`` item and carries an explanation (hedges, rounding).

    python tests/eval/score.py [tests/eval/set_a ...]     # prints the scores and the misses
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _has(text: str, keywords: list[str]) -> bool:
    low = text.lower()
    return all(k.lower() in low for k in keywords)


def _numbers(text: str) -> set[str]:
    import re

    return {n.replace(",", "") for n in re.findall(r"\d[\d,.]*\d|\d", text)}


def _same_numbers(d, consistent: dict) -> bool:  # noqa: ANN001
    """A predicted discrepancy is about a gold consistent pair when its values are among the pair's figures."""
    gold_nums = set().union(*(_numbers(s["text"]) for s in consistent["sides"]))
    got = [_numbers(s.value) for s in d.sides]
    return all(g and g <= gold_nums for g in got)


def _label(claim) -> str:  # noqa: ANN001
    if claim.status.value == "conflicting":
        return "corroborated" if claim.independent_sources >= 2 else "single_source"
    return claim.status.value


def _find_claim(story, keywords: list[str], articles: list[str]):  # noqa: ANN001
    best, best_n = None, 0
    for c in story.claims:
        hits = {e.article_id for e in c.evidence if _has(e.span.text, keywords)}
        n = len(hits & set(articles))
        if n > best_n or (n == best_n and best is not None and n and len(c.article_ids) > len(best.article_ids)):
            best, best_n = c, n
    return best


def score_set(set_dir: Path, embedder: str | None = None) -> dict[str, Score]:
    import crosscheck

    gold = json.loads((set_dir / "gold.json").read_text(encoding="utf-8"))
    report = crosscheck.analyze([set_dir / "articles"], embedder=embedder)
    story = max(report.stories, key=lambda s: len(s.article_ids))
    scores = {"corroborated": Score(), "single_source": Score(), "discrepancy": Score()}
    items = [("corroborated", g, g["articles"]) for g in gold["corroborated"]] + [
        ("single_source", g, [g["article"]]) for g in gold["single_source"]
    ]
    for label, g, arts in items:
        claim = _find_claim(story, g["keywords"], arts)
        got = _label(claim) if claim else "not found"
        if got == label:
            scores[label].tp += 1
        else:
            scores[label].fn += 1
            scores[label].misses.append(f"missed {label}: {g['fact']} (got {got}" + (f", sources {claim.independent_sources}, articles {claim.article_ids}" if claim else "") + ")")
            if got in scores:
                scores[got].fp += 1
                scores[got].misses.append(f"false {got}: {g['fact']}")
        if claim and label == "corroborated" and g.get("single_origin") and claim.independent_origins > 1:
            scores[label].misses.append(f"note: '{g['fact']}' traces to one origin ({g['single_origin']}) but {claim.independent_origins} origins counted")

    ds = scores["discrepancy"]
    matched = set()
    for g in gold["discrepancies"]:
        hit = None
        for n, d in enumerate(story.discrepancies):
            kind = "status" if d.kind.value == "internal" else d.kind.value
            if kind != g["kind"]:
                continue
            texts = {e.article_id: e.span.text for s in d.sides for e in s.evidence}
            ok_sides = 0
            for side in g["sides"]:
                if any(a in texts and (_has(texts[a], g["keywords"]) or side["text"].lower()[:40] in texts[a].lower()) for a in side["articles"]):
                    ok_sides += 1
            if ok_sides >= 2 or (g["kind"] == "quote" and ok_sides >= 1 and len(d.sides) >= 2):
                hit = n
                break
        if hit is None:
            ds.fn += 1
            ds.misses.append(f"missed {g['kind']} discrepancy: {g['summary']}")
        else:
            ds.tp += 1
            matched.add(hit)
    for n, d in enumerate(story.discrepancies):
        if n in matched:
            continue
        texts = " ".join(e.span.text for s in d.sides for e in s.evidence).lower()
        consistent = any(_same_numbers(d, c) for c in gold.get("consistent_numbers", []))
        if consistent and d.explanation:
            continue
        ds.fp += 1
        ds.misses.append(f"extra {d.kind.value} discrepancy: {d.summary[:160]}" + (" (a gold consistent pair, unexplained)" if consistent else ""))
    return scores


def main(argv: list[str]) -> None:
    write = "--write" in argv
    argv = [a for a in argv if a != "--write"]
    dirs = [Path(a) for a in argv] or sorted(p for p in HERE.glob("set_*") if p.is_dir())
    embedders = ["static", "minilm", "none"] if write else [None]
    rows, misses = [], []
    for emb in embedders:
        if emb == "minilm":
            from crosscheck.embeddings import minilm_available

            if not minilm_available():
                continue
        for d in dirs:
            scores = score_set(d, embedder=emb)
            print(f"== {d.name}" + (f" ({emb})" if emb else ""))
            for name, s in scores.items():
                print(f"  {name:14} P={s.precision:.2f} R={s.recall:.2f} F1={s.f1:.2f}  (tp {s.tp}, fp {s.fp}, fn {s.fn})")
                for m in s.misses:
                    print(f"      - {m}")
                rows.append(f"| {d.name} | {emb} | {name} | {s.precision:.2f} | {s.recall:.2f} | {s.f1:.2f} | {s.tp} / {s.fp} / {s.fn} |")
                if emb == "static":
                    misses += [f"- {d.name}, {name}: {m}" for m in s.misses]
    if write:
        sys.path.insert(0, str(HERE.parents[1] / "bench"))
        from ingest import write_section

        table = "\n".join(
            ["| set | embedder | detection | precision | recall | F1 | tp / fp / fn |", "|---|---|---|---|---|---|---|", *rows]
        )
        write_section(
            "eval",
            "## Alignment on our gold story sets (tests/eval/score.py --write)\n\n"
            "Two invented multi-source stories (6 articles each) with hand-written gold. `none` is the lexical fallback.\n\n"
            + table
            + "\n\nItems missed or extra with the default (static) embedder:\n\n"
            + ("\n".join(misses) or "- none"),
        )


if __name__ == "__main__":
    main(sys.argv[1:])
