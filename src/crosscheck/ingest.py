"""Ingest: turn paths (folders, files, globs, stdin) into :class:`Article` objects.

Every input yields at least one Article: either ``status="ok"`` with its raw
text, or ``status="skipped"`` with a human ``reason``. Nothing raises for a bad
file; one bad file never stops a batch.

Formats: plain text (.txt and anything unknown that decodes as text), HTML
(.html/.htm/.xhtml, main text and metadata by trafilatura) and JSONL
(.jsonl/.ndjson, one article per line with at least ``text``).
"""

from __future__ import annotations

import glob
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from charset_normalizer import from_bytes

from .model import Article, ArticleStatus, RemovedLine

MAX_BYTES = 20 * 1024 * 1024  # larger files are skipped, not read
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}
JSON_SUFFIXES = {".json"}
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
# files a folder walk leaves out without a word (not articles)
_IGNORED_NAMES = {".ds_store", "thumbs.db", "readme.md", "license", "license.txt"}


@dataclass
class IngestMessage:
    """A warning or skip reason, for the CLI to show on stderr."""

    source: str
    message: str
    level: str = "warning"  # "warning" | "skipped"


def skipped(article_id: str, source: str | None, reason: str, fmt: str = "txt") -> Article:
    return Article(id=article_id, source_path=source, format=fmt, status=ArticleStatus.skipped, reason=reason)


# --------------------------------------------------------------------------
# path expansion


def expand_inputs(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[str, Path | None, str | None]]:
    """Yield ``(label, path, error)`` for every file named by ``inputs``.

    A folder is walked recursively (hidden files and folders left out), a glob
    is expanded, ``-`` stands for stdin (path None). A path that does not exist
    yields an error instead of a path.
    """
    for item in inputs:
        s = os.fspath(item)
        if s == "-":
            yield "<stdin>", None, None
            continue
        p = Path(s)
        if p.is_dir():
            files = sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
                and f.name.lower() not in _IGNORED_NAMES
            )
            if not files:
                yield s, None, f"folder {s} holds no files"
            for f in files:
                yield str(f), f, None
        elif p.exists():
            yield s, p, None
        elif any(ch in s for ch in "*?["):
            matches = sorted(glob.glob(s, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            if not files:
                yield s, None, f"no file matches the pattern {s}"
            for f in files:
                yield str(f), f, None
        else:
            yield s, None, f"no such file or folder: {s}"


# --------------------------------------------------------------------------
# bytes -> text


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes or many control characters."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > max(8, len(head) // 50)


def decode(data: bytes) -> tuple[str | None, str | None, str | None]:
    """Decode bytes to text. Returns ``(text, encoding, problem)``.

    UTF-8 (with or without BOM) first; otherwise charset-normalizer's best
    guess. ``problem`` is a human sentence when the text could not be decoded
    or was decoded from a non-UTF-8 encoding.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as err:
        first_bad = err.start
    results = from_bytes(data)
    best = results.best()
    if best is not None:
        # ties between single-byte code pages: prefer the ones English-language news is written in
        tied = {m.encoding: m for m in results if m.chaos <= best.chaos + 0.005}
        for enc in ("utf_8", "cp1252", "latin_1", "iso8859_15"):
            if enc in tied:
                best = tied[enc]
                break
    if best is None or best.encoding is None:
        return None, None, f"not valid UTF-8 (first bad byte at offset {first_bad}) and no other text encoding fits"
    text = str(best)
    return text, best.encoding, f"not valid UTF-8 (byte {first_bad}); decoded as {best.encoding}"


# --------------------------------------------------------------------------
# per-format readers


def _unique_id(base: str, taken: set[str]) -> str:
    cand, n = base, 2
    while cand in taken:
        cand = f"{base}-{n}"
        n += 1
    taken.add(cand)
    return cand


def _sniff_format(text: str) -> str:
    head = text.lstrip()[:2000].lower()
    if head.startswith("<!doctype html") or head.startswith("<html") or ("<body" in head and "</" in head):
        return "html"
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if lines and all(ln.lstrip().startswith("{") for ln in lines[:20]):
        return "jsonl"
    return "txt"


def _parse_date(value: object) -> date | None:
    if not value:
        return None
    import dateparser

    if isinstance(value, date):
        return value
    s = str(value).strip()
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        pass
    parsed = dateparser.parse(s, settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"]})
    return parsed.date() if parsed else None


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "!doctype"}
_OPTIONAL_END = {"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "html", "head", "body", "colgroup"}


def html_problems(html: str) -> int:
    """How many structural errors an HTML page has: unmatched end tags and elements never closed.

    Elements whose end tag HTML lets one omit (p, li, td, body...) are not counted.
    """
    from html.parser import HTMLParser

    class _Balance(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.stack: list[str] = []
            self.errors = 0

        def handle_starttag(self, tag, attrs):  # noqa: ANN001
            if tag not in _VOID:
                self.stack.append(tag)

        def handle_endtag(self, tag):  # noqa: ANN001
            if tag in _VOID:
                return
            if tag in self.stack:
                while self.stack:
                    top = self.stack.pop()
                    if top == tag:
                        break
                    if top not in _OPTIONAL_END:
                        self.errors += 1
            else:
                self.errors += 1

    checker = _Balance()
    try:
        checker.feed(html)
        checker.close()
    except Exception:  # noqa: BLE001 - the stdlib parser is lenient; any failure means broken markup
        return 1
    return checker.errors + sum(1 for t in checker.stack if t not in _OPTIONAL_END)


def read_html(article_id: str, source: str, html: str, messages: list[IngestMessage] | None = None) -> Article:
    """Main text and metadata of an HTML page, by trafilatura."""
    try:
        import trafilatura
    except ImportError as err:  # a broken install of the HTML reader skips HTML inputs, never the batch
        return skipped(article_id, source, f"HTML reader unavailable ({err}); reinstall with the README's command", "html")

    if messages is not None and (n := html_problems(html)):
        messages.append(IngestMessage(source, f"malformed HTML ({n} parser error(s)); extracted what could be recovered"))

    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=True,
            deduplicate=False,
        )
    except Exception as err:  # trafilatura raises assorted lxml errors on broken pages
        return skipped(article_id, source, f"HTML could not be parsed: {err.__class__.__name__}: {err}", "html")
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return skipped(article_id, source, "no article text found in the HTML page", "html")
    title = getattr(doc, "title", None)
    author = getattr(doc, "author", None)
    byline = [a.strip() for a in author.replace(" and ", ";").split(";") if a.strip()] if author else []
    art = Article(
        id=article_id,
        source_path=source,
        format="html",
        raw_text=text,
        title=title or None,
        byline=byline,
        published=_parse_date(getattr(doc, "date", None)),
        published_source="html-meta" if getattr(doc, "date", None) else None,
        outlet=getattr(doc, "sitename", None) or None,
        url=getattr(doc, "url", None) or None,
    )
    art.removed = dropped_html_lines(html, text, title)
    return art


_BLOCKS = {
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "td", "th", "dt", "dd", "blockquote", "pre",
    "section", "article", "aside", "nav", "header", "footer", "form", "button", "label", "span", "a", "time", "title",
}
_INLINE = {"a", "span", "b", "i", "em", "strong", "time", "small", "sup", "sub", "abbr", "cite", "q", "mark", "u", "s", "br", "img", "code"}
_REGIONS = ("nav", "header", "footer", "aside", "figcaption", "figure", "form", "button", "dialog")
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "head")


def _norm_ws(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def dropped_html_lines(html: str, extracted: str, title: str | None) -> list[RemovedLine]:
    """Visible text blocks of a page that are not in the extracted main text, each with the page region it sat in.

    So that nothing is lost silently: navigation, cookie banners, captions,
    related links and comments all appear in ``removed``.
    """
    from lxml import etree, html as lhtml

    try:
        root = lhtml.fromstring(html)
    except (etree.LxmlError, ValueError):
        return []
    kept = _norm_ws(extracted)
    title_n = _norm_ws(title or "")
    out: list[RemovedLine] = []
    seen: set[str] = set()
    for n, el in enumerate(root.iter()):
        if not isinstance(el.tag, str) or el.tag not in _BLOCKS:
            continue
        if any(anc.tag in _INVISIBLE for anc in el.iterancestors()) or el.tag == "title":
            continue
        # the block's own text: its text and tails of inline children, not nested blocks
        parts = [el.text or ""]
        for child in el:
            if isinstance(child.tag, str) and child.tag in _INLINE:
                parts.append(child.text_content())
            else:
                parts.append(" ")
            parts.append(child.tail or "")
        text = _norm_ws("".join(parts))
        region = next((anc.tag for anc in el.iterancestors() if anc.tag in _REGIONS), None)
        if el.tag in _REGIONS:
            region = el.tag
        if len(text) < 2 or text in seen:
            continue
        if text in kept and not (region in ("nav", "header", "footer", "form") and len(text.split()) < 4):
            continue
        if el.tag in _INLINE and el.getparent() is not None and el.getparent().tag not in _INLINE:
            parent_own = _norm_ws(el.getparent().text or "")
            if parent_own or len(el.getparent()) > 1:
                continue  # inline text, counted with its block
        seen.add(text)
        cls = " ".join(filter(None, [el.get("class"), el.get("id")] + [a.get("class") or a.get("id") for a in el.iterancestors()][:3]))
        if title_n and text == title_n:
            reason = "metadata:title"
        elif re.search(r"cookie|consent|gdpr|privacy", cls + " " + text[:80], re.I):
            reason = "html:cookie-banner"
        elif re.search(r"comment", cls, re.I):
            reason = "html:comments"
        elif re.search(r"byline|author", cls, re.I):
            reason = "metadata:byline"
        else:
            reason = f"html:{region or 'outside-main-text'}"
        out.append(RemovedLine(text=text, reason=reason, line_no=n))
    return out


def read_json(stem: str, source: str, text: str, taken: set[str]) -> list[Article]:
    """A .json file: one article object, or a list of them (same fields as a JSONL line)."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as err:
        return [skipped(_unique_id(stem, taken), source, f"not valid JSON ({err.msg} at line {err.lineno})", "jsonl")]
    items = obj if isinstance(obj, list) else [obj]
    if not items or not all(isinstance(o, dict) and isinstance(o.get("text"), str) for o in items):
        return [skipped(_unique_id(stem, taken), source, "JSON file holds no article objects with a 'text' field", "jsonl")]
    if len(items) == 1 and not items[0].get("id"):
        items[0]["id"] = stem
    return read_jsonl(stem, source, "\n".join(json.dumps(o) for o in items), taken, one_based_items=True)


def read_jsonl(stem: str, source: str, text: str, taken: set[str], one_based_items: bool = False) -> list[Article]:
    """One Article per line; a bad line becomes a skipped entry and the rest go on."""
    out: list[Article] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{n}" if not one_based_items or len(text.splitlines()) > 1 else source
        label = "item" if one_based_items else "line"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            out.append(skipped(_unique_id(f"{stem}:{n}", taken), where, f"{label} {n} is not valid JSON ({err.msg} at column {err.colno})", "jsonl"))
            continue
        if not isinstance(obj, dict):
            out.append(skipped(_unique_id(f"{stem}:{n}", taken), where, f"{label} {n} is a JSON {type(obj).__name__}, not an object", "jsonl"))
            continue
        body = obj.get("text")
        aid = _unique_id(str(obj.get("id") or f"{stem}:{n}"), taken)
        if not isinstance(body, str) or not body.strip():
            out.append(skipped(aid, where, f"{label} {n} has no 'text' field with article text", "jsonl"))
            continue
        body_format = _sniff_format(body)
        if body_format == "html":
            art = read_html(aid, where, body)
            art.format = "jsonl"
        else:
            art = Article(id=aid, source_path=where, format="jsonl", raw_text=body)
        if obj.get("title"):
            art.title = str(obj["title"]).strip()
        if obj.get("url"):
            art.url = str(obj["url"])
        if obj.get("source"):
            art.outlet = str(obj["source"])
        if obj.get("published"):
            art.published = _parse_date(obj["published"])
            art.published_source = "jsonl" if art.published else None
        out.append(art)
    if not out:
        out.append(skipped(_unique_id(stem, taken), source, "JSONL file holds no lines", "jsonl"))
    return out


def read_bytes(label: str, stem: str, suffix: str, data: bytes, taken: set[str], messages: list[IngestMessage]) -> list[Article]:
    """Articles from the bytes of one file (or stdin)."""
    if not data.strip():
        return [skipped(_unique_id(stem, taken), label, "empty file")]
    if looks_binary(data):
        return [skipped(_unique_id(stem, taken), label, "binary file, not text (NUL or control bytes)")]
    text, encoding, problem = decode(data)
    if text is None:
        return [skipped(_unique_id(stem, taken), label, problem or "could not decode")]
    if problem:
        messages.append(IngestMessage(label, problem))
    suffix = suffix.lower()
    if suffix in HTML_SUFFIXES:
        fmt = "html"
    elif suffix in JSONL_SUFFIXES:
        fmt = "jsonl"
    elif suffix in JSON_SUFFIXES:
        fmt = "json"
    else:
        fmt = _sniff_format(text) if suffix not in (".txt", ".text") else "txt"
    if fmt == "jsonl":
        arts = read_jsonl(stem, label, text, taken)
    elif fmt == "json":
        arts = read_json(stem, label, text, taken)
    elif fmt == "html":
        arts = [read_html(_unique_id(stem, taken), label, text, messages)]
    else:
        arts = [Article(id=_unique_id(stem, taken), source_path=label, format="txt", raw_text=text)]
    for a in arts:
        a.encoding = encoding
    return arts


def ingest(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    stdin: bytes | None = None,
    max_bytes: int = MAX_BYTES,
    messages: list[IngestMessage] | None = None,
) -> list[Article]:
    """Read every input into Articles (skipped ones included, each with its reason).

    ``messages`` collects warnings and skip reasons in input order, for the
    caller to print.
    """
    msgs = messages if messages is not None else []
    taken: set[str] = set()
    out: list[Article] = []
    for label, path, error in expand_inputs(inputs):
        if error:
            art = skipped(_unique_id(Path(label).stem or label, taken), label, error)
            out.append(art)
            continue
        if path is None:  # stdin
            data = stdin if stdin is not None else sys.stdin.buffer.read()
            arts = read_bytes(label, "stdin", "", data, taken, msgs)
        else:
            try:
                size = path.stat().st_size
                if size > max_bytes:
                    arts = [skipped(_unique_id(path.stem, taken), label, f"file too large: {size / 1e6:.1f} MB (limit {max_bytes / 1e6:.0f} MB)")]
                else:
                    arts = read_bytes(label, path.stem, path.suffix, path.read_bytes(), taken, msgs)
            except OSError as err:
                arts = [skipped(_unique_id(path.stem, taken), label, f"cannot read file: {err.strerror or err}")]
        out.extend(arts)
    for a in out:
        if not a.ok:
            msgs.append(IngestMessage(a.source_path or a.id, a.reason or "skipped", "skipped"))
    return out


def article_from_text(text: str, article_id: str = "text", **meta: object) -> Article:
    """An Article from a string, for library use (``crosscheck.analyze([...])``)."""
    return Article(id=article_id, format="text", raw_text=text, **meta)  # type: ignore[arg-type]
