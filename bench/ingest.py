"""Benchmark: ingest + clean throughput, against trafilatura's own extraction of the same HTML.

Builds N articles (default 1,000) by repeating and varying the project's own
fixtures (tests/fixtures/clean, examples/): paragraphs lightly shuffled,
numbers changed, and each rendered both as an HTML page (nav, figure caption,
"Most Popular" list, comments, footer) and as pasted plain text (caption
lines, widgets). Measures, in one run:

- crosscheck ingest+clean of the HTML pages (files on disk -> Article);
- trafilatura.extract of the same HTML (the baseline);
- crosscheck ingest+clean of the plain-text versions;

and, for quality, the share of planted boilerplate lines that survive into the
output text of each.

    python bench/ingest.py [--n 1000] [--write]    # --write updates bench/RESULTS.md
"""

from __future__ import annotations

import argparse
import html
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from crosscheck.clean import clean  # noqa: E402
from crosscheck.ingest import ingest  # noqa: E402

CAPTION = "Rescue workers carry supplies through a flooded street in {city} on {date}. (AP Photo/{name})"
WIDGETS = ["Most Popular", "read more:", "Tags", "Comments (2)", "Leave the first comment"]
POPULAR = ["Markets slide as bond yields climb", "Ten things to know this weekend", "Storm warning for the coast"]
CITIES = ["Lyon", "Porto", "Gdansk", "Tartu", "Valencia", "Graz"]
NAMES = ["Jan Novak", "Maria Silva", "Ewa Lis", "Tom Berg"]


def source_texts() -> list[tuple[str, list[str]]]:
    """(title, paragraphs) from the project's own fixtures (never the seeds)."""
    out = []
    files = sorted((ROOT / "tests" / "fixtures" / "clean").glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt"))
    for f in files:
        art = ingest([f])[0]
        clean(art)
        paras = [p for p in art.text.split("\n\n") if len(p.split()) > 8]
        if len(paras) >= 4:
            out.append((art.title or paras[0][:70], paras))
    if not out:
        raise SystemExit("no fixtures found in tests/fixtures/clean or examples/")
    return out


def vary(paras: list[str], rnd: random.Random) -> list[str]:
    paras = list(paras)
    if len(paras) > 4:  # swap two middle paragraphs
        i = rnd.randrange(1, len(paras) - 2)
        paras[i], paras[i + 1] = paras[i + 1], paras[i]
    return [re.sub(r"\b\d{2,3}\b", lambda m: str(int(m.group(0)) + rnd.randint(1, 9)), p) for p in paras]


def make_pair(title: str, paras: list[str], rnd: random.Random, i: int) -> tuple[str, str, list[str]]:
    """An HTML page, a pasted-text version and the boilerplate lines planted in both."""
    cap = CAPTION.format(city=rnd.choice(CITIES), date=f"June {rnd.randint(1, 28)}, 2025", name=rnd.choice(NAMES))
    planted = [cap, *WIDGETS[:2], *POPULAR]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras[:2])
    body += f'\n<figure><img src="p{i}.jpg"><figcaption>{html.escape(cap)}</figcaption></figure>\n'
    body += "\n".join(f"<p>{html.escape(p)}</p>" for p in paras[2:])
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)} | The Daily Ledger</title>
<meta property="og:title" content="{html.escape(title)}"><meta name="author" content="{rnd.choice(NAMES)}">
<meta property="article:published_time" content="2025-06-{rnd.randint(10, 28)}T08:00:00Z"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li></ul></nav>
<header><a href="/">The Daily Ledger</a></header>
<main><article><h1>{html.escape(title)}</h1>{body}</article>
<aside><h2>Most Popular</h2><ol>{''.join(f'<li><a href="/a{j}">{p}</a></li>' for j, p in enumerate(POPULAR))}</ol>
<p><a href="/more">read more:</a></p></aside>
<section class="comments"><h3>Comments (2)</h3><p>Leave the first comment</p></section></main>
<footer><p>© 2025 The Daily Ledger. All rights reserved.</p></footer></body></html>"""
    text = "\n\n".join([title, paras[0], cap, *paras[1:], "Most Popular", *POPULAR, "read more:", "Tags", "Comments (2)"])
    return page, text, planted


def leaked(outputs: list[str], planted: list[list[str]]) -> float:
    total = sum(len(p) for p in planted)
    left = sum(1 for out, ps in zip(outputs, planted) for p in ps if p in out)
    return left / total if total else 0.0


def kept(outputs: list[str], bodies: list[list[str]]) -> float:
    total = sum(len(b) for b in bodies)
    found = sum(1 for out, bs in zip(outputs, bodies) for b in bs if b[:60] in out)
    return found / total if total else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = ap.parse_args()
    import trafilatura

    rnd = random.Random(7)
    sources = source_texts()
    pages, texts, planted, bodies = [], [], [], []
    for i in range(args.n):
        title, paras = sources[i % len(sources)]
        paras = vary(paras, rnd)
        page, text, pl = make_pair(title, paras, rnd, i)
        pages.append(page)
        texts.append(text)
        planted.append(pl)
        bodies.append(paras)

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        (d / "html").mkdir()
        (d / "txt").mkdir()
        for i, (p, t) in enumerate(zip(pages, texts)):
            (d / "html" / f"a{i:05d}.html").write_text(p, encoding="utf-8")
            (d / "txt" / f"a{i:05d}.txt").write_text(t, encoding="utf-8")

        t0 = time.perf_counter()
        base_out = [trafilatura.extract(p, include_comments=False, favor_precision=True) or "" for p in pages]
        t_base = time.perf_counter() - t0

        t0 = time.perf_counter()
        html_arts = [clean(a) for a in ingest([d / "html"])]
        t_html = time.perf_counter() - t0

        t0 = time.perf_counter()
        txt_arts = [clean(a) for a in ingest([d / "txt"])]
        t_txt = time.perf_counter() - t0

    n = args.n
    rows = [
        ("trafilatura.extract (baseline), HTML", t_base, base_out),
        ("crosscheck ingest+clean, HTML", t_html, [a.text for a in html_arts]),
        ("crosscheck ingest+clean, pasted text", t_txt, [a.text for a in txt_arts]),
    ]
    lines = [
        f"articles: {n} (generated from {len(sources)} fixtures), machine: 2 cores, one process",
        "",
        "| pipeline | articles/s | time vs baseline | planted boilerplate left in text | body paragraphs kept |",
        "|---|---|---|---|---|",
    ]
    for name, t, outs in rows:
        lines.append(f"| {name} | {n / t:,.0f} | {t / t_base:.2f}x | {leaked(outs, planted):.1%} | {kept(outs, bodies):.1%} |")
    table = "\n".join(lines)
    print(table)
    if args.write:
        write_section("ingest", "## Ingest + clean (bench/ingest.py)\n\n" + table)


def write_section(key: str, content: str) -> None:
    """Replace the section between <!-- key:start --> and <!-- key:end --> in bench/RESULTS.md."""
    path = ROOT / "bench" / "RESULTS.md"
    text = path.read_text() if path.exists() else "# Benchmark results\n\nLatest run of each benchmark in bench/.\n"
    start, end = f"<!-- {key}:start -->", f"<!-- {key}:end -->"
    block = f"{start}\n{content}\n{end}"
    if start in text:
        text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _m: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text)


if __name__ == "__main__":
    main()
