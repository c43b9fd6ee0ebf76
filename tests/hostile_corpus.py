"""Hostile inputs for ingest and cleaning, generated at test time (nothing large is committed).

Each maker writes one attack into a folder and returns the path to give crosscheck.
``scale`` multiplies the size of the floods, for the growth tests (1x vs 4x). The
articles they wrap are written for these tests, in the style of a wire report.

Run as a script to write the whole corpus into a folder:
``python tests/hostile_corpus.py OUT_DIR``.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

LEAD = (
    "HAMBURG (Reuters) - Dock workers at the port of Hamburg walked off the job on Thursday in a 24-hour strike "
    "over pay, halting the loading of about 40 container ships, the Verdi union said."
)
BODY = [
    LEAD,
    "The union is demanding a raise of 2.50 euros an hour for 12,000 workers, while employers have offered 1.20 euros.",
    "“We will not accept an offer that does not cover the rise in rents,” said Maja Brandt, a Verdi negotiator.",
    "The port operator HHLA said it expected delays of up to three days for shipping lines calling at Hamburg.",
    "Talks are due to resume in Bremen next Tuesday, a spokesman for the employers’ association said.",
]
ARTICLE = "Hamburg dock workers strike over pay\n\n" + "\n\n".join(BODY) + "\n"


def article_html(paragraphs: list[str], title: str = "Hamburg dock workers strike over pay") -> str:
    ps = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article><h1>{title}</h1>{ps}</article>"
        "<footer><p>© 2025 The Harbour Courier. All rights reserved.</p></footer></body></html>"
    )


# --------------------------------------------------------------------------
# floods (size grows with scale)


def big_html(d: Path, scale: float = 1.0) -> Path:
    """A long page: the article, then thousands of distinct 'related' teasers and comment blocks (~5 MB at 1x)."""
    n = int(20_000 * scale)
    teasers = "".join(
        f'<div class="teaser"><a href="/n/{i}">Story {i}: council approves plan number {i * 7} for the harbour</a>'
        f'<span class="meta">{i % 60} minutes ago</span></div>\n'
        for i in range(n)
    )
    comments = "".join(f'<div class="comment"><p>Reader {i} wrote: I agree with point {i}.</p></div>\n' for i in range(n // 2))
    page = article_html(BODY).replace("</article>", f"</article><aside>{teasers}</aside><section id='comments'>{comments}</section>")
    p = d / "big_page.html"
    p.write_text(page, encoding="utf-8")
    return p


def many_p(d: Path, scale: float = 1.0) -> Path:
    """100k short paragraphs, some not closed, with stray end tags (the HTML parser's stack grows)."""
    n = int(100_000 * scale)
    paras = "".join(f"<p>Line {i} of the harbour log.</b>" if i % 3 else f"<p>Entry {i}" for i in range(n))
    p = d / "many_p.html"
    p.write_text(article_html(BODY).replace("</article>", paras + "</article>"), encoding="utf-8")
    return p


def json_list(d: Path, scale: float = 1.0) -> Path:
    """A .json file holding a list of 100k article objects (short texts)."""
    n = int(100_000 * scale)
    items = [{"id": f"log-{i}", "text": f"Entry {i}: a barge passed the lock."} for i in range(n)]
    p = d / "list.json"
    p.write_text(json.dumps(items), encoding="utf-8")
    return p


def duplicate_ids(d: Path, scale: float = 1.0) -> Path:
    """20k JSONL lines that all carry the same id."""
    n = int(20_000 * scale)
    line = json.dumps({"id": "same", "text": "A barge passed the lock at noon."})
    p = d / "dups.jsonl"
    p.write_text("\n".join([line] * n) + "\n", encoding="utf-8")
    return p


def quote_flood(d: Path, scale: float = 1.0) -> Path:
    """An article whose body is a flood of quotation marks of every kind, in one paragraph."""
    n = int(20_000 * scale)
    flood = ("“ \" ‘ « " * n) + " said the officer."
    p = d / "quotes.txt"
    p.write_text(ARTICLE + "\n" + flood + "\n", encoding="utf-8")
    return p


def paren_flood(d: Path, scale: float = 1.0) -> Path:
    """100k unbalanced opening parentheses after a real article."""
    n = int(100_000 * scale)
    p = d / "parens.txt"
    p.write_text(ARTICLE + "\n" + "(" * n + "\n", encoding="utf-8")
    return p


def nested_json(d: Path, scale: float = 1.0) -> Path:
    """JSON nested 100k deep (json.loads raises RecursionError)."""
    n = int(100_000 * scale)
    p = d / "deep.json"
    p.write_text("[" * n + "]" * n, encoding="utf-8")
    return p


def nested_jsonl(d: Path, scale: float = 1.0) -> Path:
    """A JSONL file: one good line, one line nested 100k deep, one good line."""
    n = int(100_000 * scale)
    good = json.dumps({"id": "deep-ok-1", "text": ARTICLE})
    p = d / "deep.jsonl"
    p.write_text(good.replace("deep-ok-1", "deep-ok-1") + "\n" + '{"a":' * n + "1" + "}" * n + "\n" + good.replace("deep-ok-1", "deep-ok-2") + "\n")
    return p


def nested_html(d: Path, scale: float = 1.0) -> Path:
    """An article inside 50k nested <div> and <span> elements."""
    n = int(50_000 * scale)
    p = d / "deep.html"
    p.write_text(article_html(BODY).replace("<article>", "<div><span>" * n + "<article>"), encoding="utf-8")
    return p


FLOODS: dict[str, Callable[[Path, float], Path]] = {
    "big_html": big_html,
    "many_p": many_p,
    "json_list": json_list,
    "duplicate_ids": duplicate_ids,
    "quote_flood": quote_flood,
    "paren_flood": paren_flood,
    "nested_json": nested_json,
    "nested_jsonl": nested_jsonl,
    "nested_html": nested_html,
}


# --------------------------------------------------------------------------
# odd files, names and encodings (small)


def odd_files(d: Path) -> dict[str, str]:
    """Write the small hostile files into ``d``; return {attack kind: path as given on the command line}."""
    out: dict[str, str] = {}
    (d / "good.txt").write_text(ARTICLE, encoding="utf-8")
    out["good"] = str(d / "good.txt")

    fifo = d / "pipe.txt"
    os.mkfifo(fifo)
    out["fifo"] = str(fifo)
    out["dev_zero"] = "/dev/zero"
    out["dev_urandom"] = "/dev/urandom"

    loop = d / "tree" / "loop"
    loop.mkdir(parents=True)
    (loop / "inner.txt").write_text(ARTICLE.replace("Thursday", "Friday"), encoding="utf-8")
    os.symlink("..", loop / "up")  # a folder symlink back up the tree (to tree/, which holds loop/)
    os.symlink(loop / "self_a", loop / "self_b")
    os.symlink(loop / "self_b", loop / "self_a")  # a two-link loop
    os.symlink(d / "nowhere.txt", loop / "dangling.txt")
    os.mkfifo(loop / "fifo_in_folder.txt")
    out["symlink_folder"] = str(d / "tree")
    link = d / "link_to_good.txt"
    os.symlink(d / "good.txt", link)
    out["symlink_file"] = str(link)

    out["empty_path"] = ""
    long_name = d / ("n" * 300 + ".txt")
    out["long_name"] = str(long_name)
    out["long_path"] = str(d / "/".join(["segment"] * 600))
    bad_name = os.fsencode(d) + b"/caf\xe9-\xff.txt"
    with open(bad_name, "wb") as fh:
        fh.write(ARTICLE.replace("Thursday", "Monday").encode())
    out["undecodable_name"] = os.fsdecode(bad_name)

    (d / "surrogate.jsonl").write_text('{"id": "\\ud800", "title": "\\udfff half", "text": ' + json.dumps(ARTICLE) + "}\n")
    out["surrogate_id"] = str(d / "surrogate.jsonl")

    (d / "utf16_bom.txt").write_bytes(ARTICLE.replace("Maja Brandt", "Maja Brändt").encode("utf-16"))
    out["utf16_bom"] = str(d / "utf16_bom.txt")
    (d / "utf16le.txt").write_bytes(ARTICLE.replace("Maja Brandt", "Maja Brändt").encode("utf-16-le"))
    out["utf16le_no_bom"] = str(d / "utf16le.txt")
    (d / "utf16be.txt").write_bytes(ARTICLE.replace("Maja Brandt", "Maja Brändt").encode("utf-16-be"))
    out["utf16be_no_bom"] = str(d / "utf16be.txt")
    few_bad = ARTICLE.replace("Maja Brandt", "Maja Brändt Þórsdóttir").encode() + b"\nThe harbour master \xff said work \xfe would resume.\n"
    (d / "utf8_few_bad.txt").write_bytes(few_bad)
    out["utf8_few_bad_bytes"] = str(d / "utf8_few_bad.txt")
    (d / "nuls.txt").write_bytes(("x" * 9000 + " ").encode() + ARTICLE.replace("strike", "stri\x00ke").encode())
    out["nul_after_8k"] = str(d / "nuls.txt")

    (d / "far_future.txt").write_text("Date: 9999-12-31\n\n" + ARTICLE.replace("next Tuesday", "tomorrow"), encoding="utf-8")
    out["date_9999_tomorrow"] = str(d / "far_future.txt")
    (d / "huge_float.jsonl").write_text(json.dumps({"id": "float-date", "published": 1e308, "text": ARTICLE}) + "\n")
    out["published_1e308"] = str(d / "huge_float.jsonl")
    return out


def write_all(d: Path, scale: float = 1.0) -> dict[str, str]:
    d.mkdir(parents=True, exist_ok=True)
    out = odd_files(d)
    for name, make in FLOODS.items():
        out[name] = str(make(d, scale))
    return out


if __name__ == "__main__":
    for kind, path in write_all(Path(sys.argv[1])).items():
        print(kind, path)
