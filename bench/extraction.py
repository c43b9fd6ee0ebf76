"""Benchmark: quote and quantity extraction on the gold fixtures, against plain baselines.

Gold: tests/fixtures/extraction/*.gold.json (13 articles; conventions in the README
there). Every article goes through ``ingest`` and ``clean`` first, as in the
pipeline; the extractors run on ``article.text``. Measured in one run:

Quotes (direct and indirect statements scored separately)

- crosscheck: ``parse`` -> ``extract_actors(doc, on-topic spans)`` -> ``extract_quotes``
  (as :func:`crosscheck.extract.extract` calls them);
- plain spaCy (baseline): the same small English model loaded with ``spacy.load``
  and nothing added; a direct quote is any ``“…”`` or ``"…"`` within one paragraph
  (regular expression), its speaker the PERSON entity from spaCy's NER nearest to
  the quote in the sentence(s) holding it (outside the quote marks), else in the
  sentence before. It has no notion of reported speech, so it finds no indirect
  statements.

  A predicted quote matches a gold one when their texts, lower-cased with runs of
  non-word characters turned into one space, contain one another and the shorter
  is at least half as long as the longer; one-to-one, greedy in gold order.
  quote+speaker also needs the speaker to be equal, case-insensitively.
  Precision of quote+speaker is over all predicted quotes, recall over all gold ones.

Quantities

- crosscheck: ``extract_quantities(article.text)``;
- quantulum3 (baseline): ``quantulum3.parser.parse(article.text)`` with its
  scikit-learn unit classifier, its units mapped to crosscheck's vocabulary by
  :func:`q3_unit` (table :data:`Q3_UNITS`: "square kilometre" -> km2,
  "percentage" -> %, "dollar" -> USD, "cent" -> USD x 0.01 ...). quantulum3 calls
  a count "dimensionless"; it is given the counted noun the way the gold writes it:
  the noun the number modifies in spaCy's parse of the same text (the head of a
  ``nummod``), lemmatised and lower-case ("37 heat-related deaths" -> death,
  "people" -> person). Its ranges (value +/- uncertainty) become low..high.
  quantulum3 has no hedges, so its hedge is always None.

  Scored with :func:`crosscheck.extract.scoring.score_quantities` (span overlap,
  then value, unit, hedge), levels quantity / quantity+unit / quantity+unit+hedge.

Times are per article, extraction only (models loaded and warmed up first), the
best of ``--repeat`` passes over the 13 articles. crosscheck's quote time includes
its spaCy parse; the baseline's includes its own.

    python bench/extraction.py [--repeat 5] [--write] [--verbose]   # --write updates bench/RESULTS.md
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(BENCH))

from crosscheck.clean import clean  # noqa: E402
from crosscheck.extract.actors import extract_actors  # noqa: E402
from crosscheck.extract.nlp import MODEL, parse  # noqa: E402
from crosscheck.extract.quantities import extract_quantities  # noqa: E402
from crosscheck.extract.quotes import extract_quotes  # noqa: E402
from crosscheck.extract.scoring import locate, score_quantities  # noqa: E402
from crosscheck.ingest import ingest  # noqa: E402

GOLD_DIR = ROOT / "tests" / "fixtures" / "extraction"

# --------------------------------------------------------------------------
# quantulum3 -> crosscheck unit vocabulary

#: quantulum3 unit name -> (crosscheck unit, factor applied to the value).
#: Currencies not listed here are mapped by their ISO code when quantulum3 gives one.
Q3_UNITS: dict[str, tuple[str, float]] = {
    # area
    "square kilometre": ("km2", 1), "square mile": ("mi2", 1), "square metre": ("m2", 1),
    "square foot": ("ft2", 1), "hectare": ("ha", 1), "acre": ("acre", 1),
    # percent
    "percentage": ("%", 1), "basis point": ("bp", 1),
    # temperature
    "degree Celsius": ("degC", 1), "degree fahrenheit": ("degF", 1),
    # speed
    "kilometre per hour": ("km/h", 1), "mile per hour": ("mph", 1), "knot": ("kn", 1),
    # length
    "kilometre": ("km", 1), "nautical mile": ("nmi", 1), "mile": ("mi", 1), "centimetre": ("cm", 1),
    "millimetre": ("mm", 1), "metre": ("m", 1), "foot": ("ft", 1), "inch": ("in", 1), "yard": ("yd", 1),
    # volume
    "cubic metre": ("m3", 1), "litre": ("l", 1), "gallon": ("gal", 1),
    # mass ("tons" are metric tonnes in crosscheck's reading; quantulum3 says short ton)
    "kilogram": ("kg", 1), "tonne": ("t", 1), "ton": ("t", 1), "short ton": ("t", 1), "gram": ("g", 1),
    "pound-mass": ("lb", 1), "ounce": ("oz", 1),
    # power and energy
    "megawatt": ("MW", 1), "gigawatt": ("GW", 1), "kilowatt": ("kW", 1), "terawatt hour": ("TWh", 1),
    "gigawatt hour": ("GWh", 1), "megawatt hour": ("MWh", 1), "kilowatt hour": ("kWh", 1),
    # time
    "year": ("year", 1), "month": ("month", 1), "week": ("week", 1), "day": ("day", 1), "hour": ("hour", 1),
    "minute": ("minute", 1), "second": ("second", 1), "decade": ("decade", 1), "century": ("century", 1),
    # money (crosscheck gives values in whole currency units: "94 cents" -> 0.94 USD)
    "dollar": ("USD", 1), "united states dollar": ("USD", 1), "pound sterling": ("GBP", 1), "euro": ("EUR", 1),
    "japanese yen": ("JPY", 1), "russian ruble": ("RUB", 1), "swiss franc": ("CHF", 1),
    "chinese yuan": ("CNY", 1), "indian rupee": ("INR", 1), "australian dollar": ("AUD", 1),
    "canadian dollar": ("CAD", 1), "cent": ("USD", 0.01), "penny": ("GBP", 0.01), "dime": ("USD", 0.1),
    # counts written as units
    "dozen": ("dimensionless", 12),
    "count": ("dimensionless", 1), "dimensionless": ("dimensionless", 1), "unk": ("dimensionless", 1),
    # quantulum3 reads "per cent" as per + cent
    "per cent": ("%", 1),
    # scientific units with SI prefixes (crosscheck's names are the symbols; 1 ml = 1 cubic centimetre)
    "cubic kilometre": ("km3", 1), "nanometre": ("nm", 1), "micrometre": ("µm", 1), "milligram": ("mg", 1),
    "microgram": ("µg", 1), "millilitre": ("ml", 1), "cubic centimetre": ("ml", 1), "centilitre": ("cl", 1),
    "electronvolt": ("eV", 1), "kiloelectronvolt": ("keV", 1), "megaelectronvolt": ("MeV", 1),
    "gigaelectronvolt": ("GeV", 1), "teraelectronvolt": ("TeV", 1), "hertz": ("Hz", 1), "kilohertz": ("kHz", 1),
    "megahertz": ("MHz", 1), "gigahertz": ("GHz", 1), "kilobyte": ("kB", 1), "megabyte": ("MB", 1),
    "gigabyte": ("GB", 1), "terabyte": ("TB", 1), "watt hour": ("Wh", 1), "milligray": ("mGy", 1), "kelvin": ("K", 1),
    "cup": ("cup", 1), "tablespoon": ("tbsp", 1), "teaspoon": ("tsp", 1), "picometre": ("pm", 1), "attometre": ("am", 1),
    "megayear": ("Myr", 1), "gigayear": ("Gyr", 1), "dollar per hour": ("USD/hour", 1), "dollar per kilogram": ("USD/kg", 1),
}
#: a counted noun that is a unit word ("12,400 hectares" read as dimensionless) -> crosscheck unit
NOUN_UNITS: dict[str, str] = {
    **{k: v[0] for k, v in Q3_UNITS.items() if v[1] == 1 and " " not in k and v[0] != "dimensionless"},
    "percent": "%", "kilometer": "km", "meter": "m", "liter": "l", "ton": "t",
}

_RANGE_SURFACE = re.compile(r"\d.*(?:\bto\b|\band\b|[-–—]).*\d|\d\s*[-–—]\s*\d", re.S)
_LEMMA_FIX = {"people": "person"}


def q3_unit(q) -> tuple[str, float]:  # noqa: ANN001 - a quantulum3 Quantity
    """(crosscheck unit, value factor) for a quantulum3 quantity; unknown units stay as 'q3:<name>'."""
    name = q.unit.name
    if name in Q3_UNITS:
        return Q3_UNITS[name]
    code = getattr(q.unit, "currency_code", None)
    if code:
        return code, 1.0
    return f"q3:{name}", 1.0


def counted_noun(doc, start: int, end: int) -> str | None:  # noqa: ANN001
    """The noun a number in text[start:end] modifies, in spaCy's parse (lemma, lower-case)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    nums = [t for t in span if t.like_num or t.pos_ == "NUM"]
    tok = nums[-1] if nums else span[-1]
    head = tok.head
    # "5,000 people", "37 heat-related deaths": nummod; "two million people": climb number compounds
    while head.i != tok.i and head.pos_ == "NUM" and head.i > tok.i:
        tok, head = head, head.head
    if head.i > tok.i and head.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nummod", "compound", "quantmod", "amod", "nmod"):
        lemma = head.lemma_.lower() if head.pos_ == "NOUN" else head.text.lower()
        return _LEMMA_FIX.get(head.text.lower(), lemma)
    return None


def q3_quantities(text: str, quants: list, doc=None) -> list[dict]:  # noqa: ANN001
    """quantulum3 quantities as score_quantities items, in crosscheck's vocabulary."""
    out = []
    for q in quants:
        start, end = q.span
        unit, factor = q3_unit(q)
        value, value_max = q.value, None
        if q.uncertainty and _RANGE_SURFACE.search(q.surface) and "+/-" not in q.surface and "±" not in q.surface:
            value, value_max = q.value - q.uncertainty, q.value + q.uncertainty
        if unit == "dimensionless" and factor == 1 and doc is not None:
            noun = counted_noun(doc, start, end)
            unit = NOUN_UNITS.get(noun, noun) if noun else unit
        out.append({
            "start": start, "end": end, "text": text[start:end], "value": value * factor,
            "value_max": value_max * factor if value_max is not None else None,
            "unit": unit, "hedge": None, "uncertainty": q.uncertainty,
        })
    return out


def load_quantulum3():
    """quantulum3's parser, with its classifier loaded (seconds to load)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import classifier, parser

        t = time.perf_counter()
        parser.parse("It reached 46.7C (116F) over nine days and cost $4.5 billion.")
        load_s = time.perf_counter() - t
    return parser, classifier.USE_CLF, load_s


def q3_version() -> str:
    from importlib.metadata import version

    try:
        return version("quantulum3")
    except Exception:  # noqa: BLE001
        return "?"


# --------------------------------------------------------------------------
# the plain spaCy quote baseline

_QUOTE_RE = re.compile(r"“([^“”\n]+)”|\"([^\"\n]+)\"")


def plain_quotes(doc) -> list[dict]:  # noqa: ANN001 - a plain spaCy Doc
    """Direct quotes by quote-mark regex; speaker = nearest PERSON entity in the sentence, else the previous one."""
    text = doc.text
    sents = list(doc.sents)
    out = []
    for m in _QUOTE_RE.finditer(text):
        g = 1 if m.group(1) is not None else 2
        qs, qe = m.start(g), m.end(g)
        idx = [i for i, s in enumerate(sents) if s.start_char < m.end() and m.start() < s.end_char]
        speaker = None
        for cand in (idx, [idx[0] - 1] if idx and idx[0] > 0 else []):
            people = [
                e for i in cand for e in sents[i].ents
                if e.label_ == "PERSON" and not (m.start() <= e.start_char < m.end())
            ]
            if people:
                def dist(e):  # noqa: ANN001, ANN202
                    return m.start() - e.end_char if e.end_char <= m.start() else e.start_char - m.end()

                best = min(people, key=lambda e: abs(dist(e)))
                speaker = re.sub(r"['’]s$", "", best.text).strip()
                break
        out.append({"text": text[qs:qe], "speaker": speaker, "direct": True, "start": qs, "end": qe})
    return out


# --------------------------------------------------------------------------
# scoring quotes


def _norm(s: str) -> str:
    return re.sub(r"[^\w]+", " ", s.lower()).strip()


def _same_quote(p: str, g: str) -> bool:
    pn, gn = _norm(p), _norm(g)
    if not pn or not (pn in gn or gn in pn):
        return False
    return min(len(pn), len(gn)) >= 0.5 * max(len(pn), len(gn))


class QScore:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = self.tps = 0
        self.notes: list[str] = []

    def add(self, pred: list[dict], gold: list[dict], name: str) -> None:
        used: set[int] = set()
        for g in gold:
            hit = next((i for i, p in enumerate(pred) if i not in used and _same_quote(p["text"], g["text"])), None)
            if hit is None:
                self.fn += 1
                self.notes.append(f"  {name}: MISS [{g['speaker']}] {g['text'][:70]!r}")
                continue
            used.add(hit)
            self.tp += 1
            if (pred[hit]["speaker"] or "").lower() == g["speaker"].lower():
                self.tps += 1
            else:
                self.notes.append(f"  {name}: SPEAKER gold {g['speaker']!r} pred {pred[hit]['speaker']!r}: {g['text'][:50]!r}")
        for i, p in enumerate(pred):
            if i not in used:
                self.fp += 1
                self.notes.append(f"  {name}: FALSE [{p['speaker']}] {p['text'][:70]!r}")

    def prf(self, speaker: bool) -> tuple[float | None, float, float | None]:
        tp = self.tps if speaker else self.tp
        npred, ngold = self.tp + self.fp, self.tp + self.fn
        p = tp / npred if npred else None
        r = tp / ngold if ngold else 0.0
        f = 2 * p * r / (p + r) if p is not None and p + r else (0.0 if p is not None else None)
        return p, r, f


def _fmt(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


# --------------------------------------------------------------------------


def load_articles() -> list[tuple]:
    """(name, cleaned text, gold, article, headline) for every gold fixture.

    ``headline`` holds the ids of the gold quotes and quantities that sit in the
    headline (or date line) of the file: clean() moves the headline to
    ``article.title``, so no extractor running on ``article.text`` sees them.
    """
    out = []
    for g in sorted(GOLD_DIR.glob("*.gold.json")):
        name = g.name.split(".")[0]
        path = GOLD_DIR / f"{name}.txt"
        raw = path.read_text(encoding="utf-8")
        art = clean(ingest([path])[0])
        gold = json.loads(g.read_text(encoding="utf-8"))
        body = raw.find(art.text[:40])
        if body < 0:
            body = raw.find(art.title) + len(art.title) if art.title and art.title in raw else 0
        headline = set()
        for key in ("quotes", "quantities"):
            for item, loc in zip(gold[key], locate(raw, gold[key])):
                if 0 <= loc["start"] < body:
                    headline.add(id(item))
        out.append((name, art.text, gold, art, headline))
    return out


def _best_time(fn, repeat: int) -> float:  # noqa: ANN001
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


LEVELS = ("quantity", "quantity_unit", "quantity_unit_hedge")
LEVEL_LABEL = {"quantity": "quantity", "quantity_unit": "+unit", "quantity_unit_hedge": "+unit+hedge"}


def run(repeat: int = 5, verbose: bool = False) -> str:
    import spacy

    arts = load_articles()
    n = len(arts)
    gold_direct = sum(1 for a in arts for q in a[2]["quotes"] if q["direct"])
    gold_indirect = sum(1 for a in arts for q in a[2]["quotes"] if not q["direct"])
    gold_quant = sum(len(a[2]["quantities"]) for a in arts)
    head_quotes = sum(1 for a in arts for q in a[2]["quotes"] if id(q) in a[4])
    head_quant = sum(1 for a in arts for q in a[2]["quantities"] if id(q) in a[4])

    # ---- models, loaded and warmed up outside the timings
    t = time.perf_counter()
    parse("Warm up.")
    cc_load = time.perf_counter() - t
    t = time.perf_counter()
    plain_nlp = spacy.load(MODEL)
    plain_nlp("Warm up.")
    plain_load = time.perf_counter() - t
    q3, use_clf, q3_load = load_quantulum3()

    # ---- quotes
    def cc_quotes_all() -> list[list[dict]]:
        res = []
        for _, text, _, art, _ in arts:
            doc = parse(text)
            on = art.on_topic_spans()
            actors = extract_actors(doc, on)
            qs = [q for q in extract_quotes(doc, actors) if any(a <= q.start and q.end <= b for a, b in on)]
            res.append([{"text": q.text, "speaker": q.speaker, "direct": q.direct} for q in qs])
        return res

    plain_docs: list = []

    def plain_quotes_all() -> list[list[dict]]:
        plain_docs.clear()
        res = []
        for _, text, _, _, _ in arts:
            doc = plain_nlp(text)
            plain_docs.append(doc)
            res.append(plain_quotes(doc))
        return res

    cc_q = cc_quotes_all()
    pl_q = plain_quotes_all()
    t_cc_q = _best_time(cc_quotes_all, repeat) / n
    t_pl_q = _best_time(plain_quotes_all, repeat) / n

    qscores: dict[tuple, QScore] = {}
    for sysname, preds in (("crosscheck", cc_q), ("plain spaCy", pl_q)):
        for direct in (True, False):
            for body_only in (False, True):
                s = QScore()
                for (name, _, gold, _, head), pred in zip(arts, preds):
                    gq = [g for g in gold["quotes"] if g["direct"] == direct and not (body_only and id(g) in head)]
                    s.add([p for p in pred if p["direct"] == direct], gq, name)
                qscores[(sysname, direct, body_only)] = s

    # ---- quantities
    def cc_quant_all() -> list:
        return [extract_quantities(a[1]) for a in arts]

    def q3_raw_all() -> list:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return [q3.parse(a[1]) for a in arts]

    cc_n = cc_quant_all()
    q3_raw = q3_raw_all()
    q3_n = [q3_quantities(a[1], raw, doc) for a, raw, doc in zip(arts, q3_raw, plain_docs)]
    t_cc_n = _best_time(cc_quant_all, repeat) / n
    t_q3_n = _best_time(q3_raw_all, repeat) / n

    nscores: dict[tuple, list[int]] = {}
    nnotes: dict[str, list[str]] = {}
    bare_fp: Counter = Counter()  # false positives (at +unit) that are bare numbers: years, ages, times ...
    for sysname, preds in (("crosscheck", cc_n), ("quantulum3", q3_n)):
        notes = []
        for body_only in (False, True):
            tot = {lv: [0, 0, 0] for lv in LEVELS}
            for (name, text, gold, _, head), pred in zip(arts, preds):
                gq = [g for g in gold["quantities"] if not (body_only and id(g) in head)]
                sc = score_quantities(pred, gq, text=text)
                for lv in LEVELS:
                    for k, key in enumerate(("tp", "fp", "fn")):
                        tot[lv][k] += sc[lv][key]
                if body_only:
                    continue
                for m in sc["misses"]:
                    g, p = m["gold"], m["pred"]
                    tag = " (headline)" if any(g["text"] == h["text"] for h in gold["quantities"] if id(h) in head) else ""
                    notes.append(f"  {name}: MISS{tag} {g['text']!r} {g['value']} {g['unit']} <- {p and (p['text'], p['value'], p['unit'])}")
                for m in sc["false_positives"]:
                    p = m["pred"]
                    bare_fp[sysname] += p["unit"] == "dimensionless"
                    notes.append(f"  {name}: FALSE {p['text']!r} {p['value']} {p['unit']}")
                for m in sc["hedge_errors"]:
                    notes.append(f"  {name}: HEDGE {m['gold']['text']!r} gold {m['gold']['hedge']!r} pred {m['pred']['hedge']!r}")
            for lv in LEVELS:
                nscores[(sysname, lv, body_only)] = tot[lv]
        nnotes[sysname] = notes

    # ---- report
    L = []
    L.append("## Quote and quantity extraction (bench/extraction.py)")
    L.append("")
    L.append(
        f"Gold: {n} articles in tests/fixtures/extraction, each through ingest + clean, extractors run on `article.text`: "
        f"{gold_direct} direct quotes, {gold_indirect} indirect statements, {gold_quant} quantities. "
        f"Of these, {head_quotes} quotes and {head_quant} quantities are in headlines, which clean() moves to "
        "`article.title`: no system sees them, and they count as misses in the main tables (the *body only* "
        f"columns leave them out). Machine: {_cores()} cores, one process. Times: extraction per article, "
        f"best of {repeat} passes, models loaded beforehand. Note that these fixtures are crosscheck's own test "
        "fixtures (its development set), so its figures here are in-sample; see the quantulum3 section for "
        "out-of-sample cases."
    )
    L.append("")
    L.append("### Quotes: crosscheck vs plain spaCy (quote-mark regex + nearest PERSON entity)")
    L.append("")
    L.append(
        "| kind | system | gold | predicted | detect P | detect R | detect F1 | quote+speaker P | quote+speaker R | "
        "quote+speaker F1 | quote+speaker R, body only |"
    )
    L.append("|---|---|---|---|---|---|---|---|---|---|---|")
    for direct in (True, False):
        for sysname in ("crosscheck", "plain spaCy"):
            s = qscores[(sysname, direct, False)]
            sb = qscores[(sysname, direct, True)]
            dp, dr, df = s.prf(False)
            sp, sr, sf = s.prf(True)
            L.append(
                f"| {'direct' if direct else 'indirect'} | {sysname} | {s.tp + s.fn} | {s.tp + s.fp} | "
                f"{_fmt(dp)} | {_fmt(dr)} | {_fmt(df)} | {_fmt(sp)} | {_fmt(sr)} | {_fmt(sf)} | {_fmt(sb.prf(True)[1])} |"
            )
    L.append("")
    L.append("| quotes | ms per article | time vs baseline |")
    L.append("|---|---|---|")
    L.append(f"| crosscheck (spaCy parse + actors + quotes) | {t_cc_q * 1000:.1f} | {t_cc_q / t_pl_q:.2f}x |")
    L.append(f"| plain spaCy (spaCy parse + regex + NER speaker) | {t_pl_q * 1000:.1f} | 1.00x |")
    L.append("")
    L.append(
        "The plain baseline has no reported-speech detection, so it predicts no indirect statements "
        "(precision undefined, shown as —). A quote matches when the normalised texts contain one another with "
        "length ratio >= 0.5; quote+speaker also needs the speaker equal, case-insensitive (the baseline names "
        "speakers as the entity is written, e.g. \"Ms Villalba\", where the gold has full names)."
    )
    L.append("")
    L.append(f"### Quantities: crosscheck vs quantulum3 {q3_version()} (unit classifier {'on' if use_clf else 'OFF'})")
    L.append("")
    L.append("| system | level | tp | fp | fn | precision | recall | F1 | recall, body only | F1, body only |")
    L.append("|---|---|---|---|---|---|---|---|---|---|")
    for sysname in ("crosscheck", "quantulum3"):
        for lv in LEVELS:
            tp, fp, fn = nscores[(sysname, lv, False)]
            p, r, f = _prf(tp, fp, fn)
            _, rb, fb = _prf(*nscores[(sysname, lv, True)])
            L.append(f"| {sysname} | {LEVEL_LABEL[lv]} | {tp} | {fp} | {fn} | {p:.3f} | {r:.3f} | {f:.3f} | {rb:.3f} | {fb:.3f} |")
    L.append("")
    L.append("| quantities | ms per article | time vs quantulum3 |")
    L.append("|---|---|---|")
    L.append(f"| crosscheck extract_quantities | {t_cc_n * 1000:.2f} | {t_cc_n / t_q3_n:.3f}x |")
    L.append(f"| quantulum3 parser.parse | {t_q3_n * 1000:.2f} | 1.000x |")
    L.append("")
    L.append(
        f"One-off loading: crosscheck's spaCy pipeline {cc_load:.1f} s, plain spaCy {plain_load:.1f} s, "
        f"quantulum3 with its classifier {q3_load:.1f} s (not in the per-article times). "
        "quantulum3's time excludes the unit mapping and the counted-noun lookup done for it in spaCy's parse."
    )
    L.append("")
    L.append(
        "quantulum3's units are mapped to crosscheck's vocabulary by `Q3_UNITS` in bench/extraction.py (square kilometre "
        "-> km2, square mile -> mi2, percentage and per cent -> %, degree Celsius -> degC, dollar -> USD, pound sterling -> "
        "GBP, cent -> USD x 0.01, penny -> GBP x 0.01, short ton -> t, other currencies by ISO code, ...); a "
        "\"dimensionless\" count gets the noun the number modifies in spaCy's parse of the same text (lemma, people -> "
        "person; a unit word such as \"hectares\" -> ha); a range (value ± uncertainty) becomes low..high. quantulum3 "
        "has no hedges, so at +hedge it can only match unhedged gold quantities. quantulum3 extracts every number, "
        f"which the gold's conventions do not (years, ages, times of day, phone numbers): {bare_fp['quantulum3']} of its "
        f"{nscores[('quantulum3', 'quantity_unit', False)][1]} false positives at +unit are such bare numbers."
    )
    report = "\n".join(L)
    if verbose:
        for key, s in qscores.items():
            if not key[2]:
                print(f"\n# quotes {key[0]} {'direct' if key[1] else 'indirect'}")
                print("\n".join(s.notes))
        for sysname, notes in nnotes.items():
            print(f"\n# quantities {sysname}")
            print("\n".join(notes))
        print()
    return report


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=5, help="timing passes over the articles (best is kept)")
    ap.add_argument("--write", action="store_true", help="update the extraction section of bench/RESULTS.md")
    ap.add_argument("--verbose", action="store_true", help="print every miss and false positive")
    args = ap.parse_args()
    t = time.perf_counter()
    report = run(args.repeat, args.verbose)
    print(report)
    print(f"\n(total {time.perf_counter() - t:.1f} s)")
    if args.write:
        from ingest import write_section

        write_section("extraction", report)
        print("bench/RESULTS.md updated")


if __name__ == "__main__":
    main()
