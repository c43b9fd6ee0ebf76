"""Sanity checks for the hand-written gold files (not a test of crosscheck itself).

Run:  python tests/eval/check_gold.py
Prints one line per checked item and exits non-zero if any check fails.

Checks, per eval set:
  * every article in articles/ is listed in gold["articles"] and vice versa;
  * the stated publication date matches the " date YYYY-MM-DD" first line or the
    HTML article:published_time meta (null when neither exists);
  * corroborated / single_source: all keywords occur (whole words, case-insensitive)
    in one sentence of every listed article, and do NOT all occur (plain substring,
    stricter) in one sentence of any other article;
  * corroborated: independent_sources == number of distinct groups of the articles;
  * discrepancies / consistent_numbers: every "text" is a verbatim substring of the
    first article of its side; for discrepancies every article of every side has a
    sentence containing all keywords, and the "text" lies in such a sentence;
  * reuse pairs stay inside one group, different groups never share a reuse pair.
For the provenance fixtures: wire_passages texts occur in both files, and the
paraphrase shares no 7-word run with the wire outside direct quotes.
"""

from __future__ import annotations

import html
import itertools
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FAIL = 0


def report(ok: bool, what: str) -> None:
    global FAIL
    if not ok:
        FAIL += 1
    print(("PASS " if ok else "FAIL ") + what)


def visible_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix.lower() not in {".html", ".htm"}:
        return raw
    raw = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", raw)
    raw = re.sub(r"(?i)</?(p|div|li|h\d|figcaption|figure|section|article|header|footer|nav|ul|aside|br)\b[^>]*>", "\n", raw)
    raw = re.sub(r"<[^>]+>", " ", raw)
    return html.unescape(raw)


def sentences(text: str) -> list[str]:
    out = []
    for para in text.splitlines():
        para = para.strip()
        if not para:
            continue
        out.extend(s for s in re.split(r"(?<=[.!?])\s+|(?<=[.!?][”\"’'])\s+", para) if s.strip())
    return out


def has_word(sentence: str, kw: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(kw.lower()) + r"(?!\w)", sentence.lower()) is not None


def sents_with_all(sents: list[str], kws: list[str], whole: bool = True) -> list[str]:
    if whole:
        return [s for s in sents if all(has_word(s, k) for k in kws)]
    return [s for s in sents if all(k.lower() in s.lower() for k in kws)]


def published_of(path: Path) -> str | None:
    raw = path.read_text(encoding="utf-8")
    m = re.match(r"^\s*date\s+(\d{4}-\d{2}-\d{2})", raw)
    if m:
        return m.group(1)
    m = re.search(r'article:published_time"\s+content="(\d{4}-\d{2}-\d{2})', raw)
    return m.group(1) if m else None


def check_set(setdir: Path) -> None:
    print(f"\n=== {setdir.name}")
    gold = json.loads((setdir / "gold.json").read_text(encoding="utf-8"))
    files = {p.stem: p for p in sorted((setdir / "articles").iterdir()) if p.is_file()}
    report(set(files) == set(gold["articles"]), f"article list matches gold: {sorted(files)}")
    raws = {k: p.read_text(encoding="utf-8") for k, p in files.items()}
    sents = {k: sentences(visible_text(p)) for k, p in files.items()}
    groups = {k: v["group"] for k, v in gold["articles"].items()}

    for k, v in gold["articles"].items():
        words = len(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", raws[k]) if files[k].suffix == ".html" else raws[k]))
        report(published_of(files[k]) == v["published"], f"published {k}: {v['published']} (words ~{words})")

    def pos_neg(label: str, kws: list[str], arts: list[str]) -> None:
        for a in arts:
            hit = sents_with_all(sents[a], kws)
            report(bool(hit), f"{label}: {kws} in {a}" + (f" -> {hit[0][:90]!r}" if hit else ""))
        for o in files:
            if o in arts:
                continue
            hit = sents_with_all(sents[o], kws, whole=False)
            report(not hit, f"{label}: {kws} absent together from {o}" + (f" -> {hit[0][:90]!r}" if hit else ""))

    for c in gold["corroborated"]:
        pos_neg("corroborated '" + c["fact"] + "'", c["keywords"], c["articles"])
        n = len({groups[a] for a in c["articles"]})
        report(n == c["independent_sources"] and n >= 2, f"independent_sources {c['independent_sources']} == groups {n}")
    for c in gold["single_source"]:
        pos_neg("single_source '" + c["fact"] + "'", c["keywords"], [c["article"]])

    for d in gold["discrepancies"]:
        for side in d["sides"]:
            first = side["articles"][0]
            report(side["text"] in raws[first], f"{d['kind']}: text in {first}: {side['text'][:70]!r}")
            for a in side["articles"]:
                hit = sents_with_all(sents[a], d["keywords"])
                report(bool(hit), f"{d['kind']}: {d['keywords']} in a sentence of {a}")
            host = [s for s in sents_with_all(sents[first], d["keywords"]) if side["text"] in s]
            report(bool(host), f"{d['kind']}: text sits in a keyword sentence of {first}")
    for c in gold["consistent_numbers"]:
        for side in c["sides"]:
            first = side["articles"][0]
            report(side["text"] in raws[first], f"consistent: text in {first}: {side['text'][:70]!r}")

    for r in gold["reuse"]:
        report(groups[r["a"]] == groups[r["b"]], f"reuse {r['a']}~{r['b']} ({r['kind']}) inside one group")

    kinds = {}
    for d in gold["discrepancies"]:
        kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
    so = sum(1 for c in gold["corroborated"] if c["single_origin"])
    print(f"counts: corroborated={len(gold['corroborated']) - so} single_origin={so} "
          f"single_source={len(gold['single_source'])} discrepancies={kinds} "
          f"consistent_numbers={len(gold['consistent_numbers'])} groups={sorted(set(groups.values()))}")


def ngrams(text: str, n: int, strip_quotes: bool) -> set[tuple[str, ...]]:
    if strip_quotes:
        text = re.sub(r"[“\"][^”\"]*[”\"]", " ", text)
    toks = re.findall(r"[\w']+", text.replace("’", "'").lower())
    return {tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)}


def check_provenance(d: Path) -> None:
    print(f"\n=== {d}")
    gold = json.loads((d / "gold.json").read_text(encoding="utf-8"))
    texts = {p.stem: p.read_text(encoding="utf-8") for p in d.glob("*.txt")}
    for k, t in texts.items():
        report(350 <= len(t.split()) <= 700, f"{k}: {len(t.split())} words")
    stems = set().union(*gold["groups"])
    report(stems | set(gold["unrelated"]) == set(texts), "groups + unrelated cover all files")
    for w in gold["wire_passages"]:
        report(w["text"] in texts[w["article"]] and w["text"] in texts[w["source"]], f"wire passage {w['text']!r}")
    for a, b in gold["independent_pairs"]:
        shared = ngrams(texts[a], 7, True) & ngrams(texts[b], 7, True)
        report(len(shared) == 0, f"independent {a} / {b}: {len(shared)} shared 7-grams outside quotes")
    shared = ngrams(texts["paraphrase_rewrite"], 7, True) & ngrams(texts["wire_original"], 7, True)
    report(not shared, f"paraphrase vs wire: {len(shared)} shared 7-grams outside quotes")


if __name__ == "__main__":
    for s in ("set_a", "set_b"):
        if (HERE / s / "gold.json").exists():
            check_set(HERE / s)
    prov = HERE.parent / "fixtures" / "provenance"
    if (prov / "gold.json").exists():
        check_provenance(prov)
    print(f"\n{FAIL} failure(s)")
    sys.exit(1 if FAIL else 0)
