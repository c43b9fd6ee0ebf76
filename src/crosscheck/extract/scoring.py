"""Scoring extracted quantities against gold annotations (used by tests and bench code).

A predicted quantity matches a gold one when their spans overlap, the numeric
value agrees (within 1e-6 relative) and, at the stricter levels, the unit and
then the hedge agree too. Matching is one-to-one and greedy in text order.

Gold items may be dicts or model objects with ``text``, ``value``, ``unit``,
``hedge`` and optionally ``start``/``end``; when offsets are missing,
:func:`locate` finds each gold ``text`` in the article text, in order.
"""

from __future__ import annotations

from typing import Any, Iterable

__all__ = ["locate", "score_quantities", "LEVELS"]

#: Match levels, from loosest to strictest.
LEVELS = ("span", "quantity", "quantity_unit", "quantity_unit_hedge")


def _get(x: Any, key: str, default: Any = None) -> Any:
    if isinstance(x, dict):
        return x.get(key, default)
    return getattr(x, key, default)


def _as_dict(x: Any) -> dict:
    return {k: _get(x, k) for k in ("start", "end", "text", "value", "value_max", "unit", "hedge")}


def locate(text: str, items: Iterable[Any]) -> list[dict]:
    """Gold items with ``start``/``end`` filled by finding their ``text`` in order.

    Each item is searched from the end of the previous one (gold lists are in text
    order); failing that, from the start of the text. Items not found get
    ``start = end = -1``.
    """
    out = []
    cursor = 0
    for it in items:
        d = _as_dict(it)
        if d["start"] is None or d["end"] is None:
            t = d["text"] or ""
            i = text.find(t, cursor)
            if i < 0:
                i = text.find(t)
            if i < 0:
                d["start"] = d["end"] = -1
            else:
                d["start"], d["end"] = i, i + len(t)
                cursor = i + len(t)
        else:
            cursor = d["end"]
        out.append(d)
    return out


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1e-12)


def _norm_hedge(h: str | None) -> str | None:
    return " ".join(h.lower().split()) if h else None


def _matches(p: dict, g: dict, level: str) -> bool:
    if g["start"] < 0 or not (p["start"] < g["end"] and g["start"] < p["end"]):
        return False
    if level == "span":
        return True
    if not _same_number(float(p["value"]), float(g["value"])):
        return False
    if level == "quantity":
        return True
    if (p["unit"] or "") != (g["unit"] or ""):
        return False
    if level == "quantity_unit":
        return True
    return _norm_hedge(p["hedge"]) == _norm_hedge(g["hedge"])


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def score_quantities(pred: Iterable[Any], gold: Iterable[Any], text: str | None = None) -> dict:
    """Precision, recall and F1 of ``pred`` against ``gold`` at each of :data:`LEVELS`.

    Returns ``{level: {tp, fp, fn, precision, recall, f1}, ..., "misses": [...],
    "false_positives": [...]}`` where misses/false positives are the gold/predicted
    items left unmatched at the ``quantity_unit`` level (with the closest
    overlapping counterpart, for reading), and ``"hedge_errors"`` lists pairs that
    match on quantity and unit but differ in hedge.
    """
    preds = [_as_dict(p) for p in pred]
    golds = locate(text, gold) if text is not None else [_as_dict(g) for g in gold]
    result: dict[str, Any] = {}
    unmatched: dict[str, tuple[list[dict], list[dict]]] = {}
    pairs_qu: list[tuple[dict, dict]] = []
    for level in LEVELS:
        used: set[int] = set()
        tp = 0
        missed = []
        for g in golds:
            hit = next((i for i, p in enumerate(preds) if i not in used and _matches(p, g, level)), None)
            if hit is None:
                missed.append(g)
            else:
                used.add(hit)
                tp += 1
                if level == "quantity_unit":
                    pairs_qu.append((preds[hit], g))
        extra = [p for i, p in enumerate(preds) if i not in used]
        result[level] = _prf(tp, len(extra), len(missed))
        unmatched[level] = (missed, extra)

    def near(x: dict, pool: list[dict]) -> dict | None:
        return next((y for y in pool if y["start"] < x["end"] and x["start"] < y["end"]), None)

    missed, extra = unmatched["quantity_unit"]
    result["misses"] = [{"gold": g, "pred": near(g, preds)} for g in missed]
    result["false_positives"] = [{"pred": p, "gold": near(p, golds)} for p in extra]
    result["hedge_errors"] = [
        {"gold": g, "pred": p} for p, g in pairs_qu if _norm_hedge(p["hedge"]) != _norm_hedge(g["hedge"])
    ]
    return result
