"""Growth tests: the paths that were quadratic on hostile input now grow (near-)linearly.

Each test times the same operation on an input and on one four times larger, in the
same process, and asserts the ratio (issue 14: time at 4x <= 5x time at 1x). CPU time
is used, the best of a few runs, so that other work on the machine does not count.
There is no absolute time limit.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest

import hostile_corpus as hc
from crosscheck.ingest import dropped_html_lines, html_problems, ingest
from crosscheck.text import quote_spans

RATIO = 5.0


def cpu_time(fn: Callable[[], object]) -> float:
    t = time.process_time()
    fn()
    return time.process_time() - t


def assert_linear(make: Callable[[int], Callable[[], object]], n: int, repeat: int = 3, attempts: int = 3) -> None:
    """Time at 4n <= RATIO x time at n: best of ``repeat`` interleaved runs, the garbage collector paused.

    A linear path measures about 4.2-4.6x here; a quadratic one 16x. A measurement
    spoilt by other work on the machine is taken again (up to ``attempts`` times): a
    quadratic path fails every attempt.
    """
    small, big = make(n), make(4 * n)
    small()  # warm caches and lazy imports
    ratios = []
    for _ in range(attempts):
        t1 = t4 = float("inf")
        gc.collect()
        gc.disable()
        try:
            for _ in range(repeat):
                t1 = min(t1, cpu_time(small))
                t4 = min(t4, cpu_time(big))
        finally:
            gc.enable()
        ratios.append(f"{t4 / max(t1, 1e-3):.1f}x ({t1:.3f}s -> {t4:.3f}s)")
        if t4 <= RATIO * max(t1, 1e-3):
            return
    raise AssertionError(f"4x input took more than {RATIO}x the time: " + ", ".join(ratios))


@pytest.mark.parametrize(
    "unit",
    [
        '"Work resumes," ',  # closed straight quotes
        "“We will not,” ",  # closed curly quotes
        "“ab” \"cd\" ‘ef’ «gh» 'ij kl' ",  # every kind, closed
        "«a “b ",  # opening marks of one kind inside a quote of another, never closed
    ],
)
def test_quote_spans_grows_linearly(unit):
    assert_linear(lambda n: (lambda: quote_spans(unit * n)), 8_000)


def test_quote_spans_unchanged_on_news_text():
    text = (
        "“We will not accept it,” said Maja Brandt. The union called the offer ‘an insult’ and \"a provocation\"."
        "\n“It goes on,\n« Non » said 'the mayor' of the 'Hamburg port'."
    )
    got = [(text[q.start : q.end], q.open_ended) for q in quote_spans(text)]
    assert got == [
        ("We will not accept it,", False),
        ("an insult", False),
        ("a provocation", False),
        ("It goes on,", True),
        (" Non ", False),
        ("the mayor", False),
        ("Hamburg port", False),
    ]


def _ingest_flood(tmp_path, maker, scale_unit: float):
    def make(n: int):
        d = tmp_path / f"{maker.__name__}-{n}"
        d.mkdir()
        path = maker(d, scale_unit * n)
        return lambda: ingest([path])

    return make


def test_json_list_grows_linearly(tmp_path):
    # read_jsonl counted the lines of the whole file again for every item
    assert_linear(_ingest_flood(tmp_path, hc.json_list, 1 / 100_000), 4000)


def test_duplicate_ids_grow_linearly(tmp_path):
    # every repeated id tried id-2, id-3, ... from the start
    assert_linear(_ingest_flood(tmp_path, hc.duplicate_ids, 1 / 20_000), 4000)


def test_many_paragraphs_dropped_lines_grow_linearly():
    def make(n: int):
        extracted = "\n".join(f"Entry {i} of the harbour log." for i in range(n))
        html = hc.article_html([f"Entry {i} of the harbour log." for i in range(n)] + [f"Teaser {i}" for i in range(n)])
        return lambda: dropped_html_lines(html, extracted, None)

    assert_linear(make, 2000)


def test_deep_html_dropped_lines_grow_linearly():
    def make(n: int):
        html = hc.article_html(hc.BODY).replace("<article>", '<div class="wrap"><span>x ' * n + "<article>")
        return lambda: dropped_html_lines(html, "\n".join(hc.BODY), None)

    assert_linear(make, 100)


def test_html_problems_grows_linearly():
    def make(n: int):
        html = "<html><body>" + "<p>Line of the log.</b>" * n + "</body></html>"
        return lambda: html_problems(html)

    assert_linear(make, 3000)
