"""Property-based tests (hypothesis) for ingest, cleaning and quote spans: no input raises, every input is accounted for.

Bounded for CI: a fixed number of examples per test and no per-example deadline
(the whole file runs in well under a minute).
"""

from __future__ import annotations

import json
import os
import string
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hostile_corpus as hc
from crosscheck.clean import clean
from crosscheck.ingest import IngestMessage, _Ids, decode, ingest, read_bytes
from crosscheck.model import Article
from crosscheck.text import quote_spans

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# pieces an attacker would combine: quote marks, brackets, markup, JSON, control characters, news words
PIECES = st.sampled_from(
    ["“", "”", '"', "‘", "’", "'", "«", "»", "(", ")", "[", "<p>", "</p>", "<div class='comment'>", "<script>", "{", "}",
     '{"text": ', "\n", "\n\n", "\r", "\x00", "\t", " ", "\u00a0", "\ufeff", "—", "By ", "Reuters", "(AP) — ", "Date: ",
     "2025-05-06", "9999-12-31", "tomorrow", "Photo: AFP", "Read more", "said", "HAMBURG", "Maja Brandt", "12,000",
     "€2.50", "\ud7ff", "\U0001f600"]
)
HOSTILE_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=60).map("".join)
SUFFIXES = st.sampled_from(["", ".txt", ".html", ".jsonl", ".json", ".md", ".bin"])


def _accounted(arts: list[Article]) -> None:
    assert arts, "an input yielded no entry"
    for a in arts:
        assert a.ok or a.reason, a.id
        json.dumps(a.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")  # strict: no lone surrogate
        assert "\x00" not in a.raw_text


@FUZZ
@given(data=st.binary(max_size=3000), suffix=SUFFIXES)
def test_any_bytes_become_articles_or_skips(data, suffix):
    msgs: list[IngestMessage] = []
    _accounted(read_bytes("fuzz" + suffix, "fuzz", suffix, data, _Ids(), msgs))


@FUZZ
@given(text=HOSTILE_TEXT, suffix=SUFFIXES, encoding=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-8-sig", "cp1252"]))
def test_hostile_text_in_any_encoding_ingests_and_cleans(text, suffix, encoding):
    data = text.encode(encoding, errors="replace")
    arts = read_bytes("fuzz" + suffix, "fuzz", suffix, data, _Ids(), [])
    _accounted(arts)
    for a in arts:
        clean(a)
        _accounted([a])
        if a.ok:
            assert len(a.text.split()) >= 20
            spans = [(s.start, s.end) for s in a.sections]
            assert spans[0][0] == 0 and spans[-1][1] == len(a.text)
            assert all(x[1] == y[0] for x, y in zip(spans, spans[1:]))


@FUZZ
@given(text=st.text(max_size=400))
def test_utf8_and_utf16_with_bom_decode_back(text):
    for enc in ("utf-8", "utf-16", "utf-8-sig"):
        out, _encoding, _problem = decode(text.encode(enc))
        assert out == text.replace("\x00", "")


@FUZZ
@given(text=st.text(min_size=30, max_size=300))
def test_utf8_with_a_few_bad_bytes_stays_utf8(text):
    nonascii = sum(1 for ch in text if ord(ch) > 127)
    data = text.encode("utf-8") + b" \xff"
    out, encoding, problem = decode(data)
    if nonascii >= 1:
        assert encoding == "utf-8" and out.endswith("\ufffd") and "replaced" in problem


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | HOSTILE_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
OBJECTS = st.fixed_dictionaries(
    {},
    optional={"id": JSON_VALUES, "text": st.one_of(st.just(hc.ARTICLE), HOSTILE_TEXT, JSON_VALUES), "published": JSON_VALUES,
              "title": JSON_VALUES, "url": JSON_VALUES, "source": JSON_VALUES},
)


@FUZZ
@given(lines=st.lists(st.one_of(OBJECTS, JSON_VALUES), min_size=1, max_size=6))
def test_any_jsonl_accounts_for_every_line(lines):
    text = "\n".join(json.dumps(o, allow_nan=True) for o in lines) + "\n"
    arts = read_bytes("feed.jsonl", "feed", ".jsonl", text.encode(), _Ids(), [])
    _accounted(arts)
    assert len(arts) == len(lines)
    assert len({a.id for a in arts}) == len(arts)  # ids stay unique
    for a in arts:
        if a.published is not None:
            assert 1800 <= a.published.year <= 2200


@FUZZ
@given(items=st.lists(OBJECTS, min_size=1, max_size=5))
def test_any_json_list_accounts_for_every_item(items):
    arts = read_bytes("list.json", "list", ".json", json.dumps(items).encode(), _Ids(), [])
    _accounted(arts)
    if all(isinstance(o.get("text"), str) for o in items):
        assert len(arts) == len(items)


@settings(max_examples=40, deadline=None)
@given(names=st.lists(st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\x00" not in b and b not in (b".", b"..")),
                      min_size=1, max_size=5, unique=True))
def test_any_file_names_in_a_folder_reach_the_report(names):
    with tempfile.TemporaryDirectory() as tmp:
        made = 0
        for n in names:
            try:
                with open(os.fsencode(tmp) + b"/" + n, "wb") as fh:
                    fh.write(hc.ARTICLE.encode())
                made += 1
            except OSError:
                continue
        arts = ingest([tmp])
        _accounted(arts)
        visible = [n for n in names if not n.startswith(b".") and n.lower() not in (b"readme.md", b"license", b"license.txt", b"thumbs.db")]
        if made == len(names):
            assert len(arts) == max(1, len(visible))


@FUZZ
@given(text=HOSTILE_TEXT)
def test_quote_spans_are_inside_the_text_and_sorted(text):
    spans = quote_spans(text)
    assert [q.start for q in spans] == sorted(q.start for q in spans)
    for q in spans:
        assert 1 <= q.start <= q.end <= len(text)
        assert text[q.start - 1] in "“\"‘«'"
        if not q.open_ended:
            assert text[q.end] in "”\"’»'"


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=string.printable + "“”‘’«»—\u00a0", max_size=3000))
def test_clean_never_raises_on_text(text):
    a = clean(Article(id="t", raw_text=text))
    _accounted([a])
    for r in a.removed:
        assert r.reason and r.line_no >= 0
