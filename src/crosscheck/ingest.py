"""Ingest: turn paths (folders, files, globs, stdin) into :class:`Article` objects.

Every input yields at least one Article: either ``status="ok"`` with its raw
text, or ``status="skipped"`` with a human ``reason``. Nothing raises for a bad
file; one bad file never stops a batch.

Formats: plain text (.txt and anything unknown that decodes as text), HTML
(.html/.htm/.xhtml, main text and metadata by trafilatura) and JSONL
(.jsonl/.ndjson, one article per line with at least ``text``).

Hostile input (issue 14): only regular files are read (FIFOs and devices are
refused before opening), folder symlinks are followed once (a loop is reported),
every limit of :class:`~crosscheck.settings.Settings` is checked before the step
it protects, reading one file has a time budget, and every string that reaches the
report is valid Unicode (undecodable file names and lone surrogates are escaped).
"""

from __future__ import annotations

import errno
import glob
import json
import math
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from charset_normalizer import from_bytes

from .model import Article, ArticleStatus, RemovedLine
from .runner import BudgetExceeded, time_limit
from .settings import DEFAULT, Settings, count_matches

MAX_BYTES = DEFAULT.max_file_bytes  # larger files are skipped, not read
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
# strings that reach the report


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def safe_str(s: str) -> str:
    """``s`` with every lone surrogate replaced by U+FFFD, so that it encodes as UTF-8 (JSON, HTML)."""
    return _SURROGATE.sub("\ufffd", s) if _SURROGATE.search(s) else s


def display_path(s: str) -> str:
    """A path as text for the report: bytes of a name that is not valid UTF-8 shown as ``\\xNN``."""
    if not _SURROGATE.search(s):
        return s
    try:
        return os.fsencode(s).decode("utf-8", "backslashreplace")
    except UnicodeError:
        return safe_str(s)


class _Ids:
    """Unique article ids: the second 'x' becomes 'x-2', the third 'x-3' (linear: one counter per base)."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.next: dict[str, int] = {}

    def take(self, base: str) -> str:
        base = safe_str(base)
        cand, n = base, self.next.get(base, 2)
        while cand in self.taken:
            cand = f"{base}-{n}"
            n += 1
        self.next[base] = n
        self.taken.add(cand)
        return cand


# --------------------------------------------------------------------------
# path expansion


def _os_reason(err: OSError, what: str) -> str:
    if err.errno == errno.ENAMETOOLONG:
        return f"{what}: name too long for the file system"
    if err.errno == errno.ELOOP:
        return f"{what}: symbolic link loop"
    if err.errno == errno.EACCES:
        return f"{what}: permission denied"
    return f"{what}: {err.strerror or err}"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _check_entry(path: str) -> tuple[os.stat_result | None, str | None]:
    """``(stat, None)`` for a readable entry, ``(None, reason)`` for a dangling link, a loop, a name too long..."""
    try:
        return os.stat(path), None
    except OSError as err:
        if err.errno == errno.ENOENT and os.path.islink(path):
            try:
                target = display_path(os.readlink(path))
            except OSError:
                target = "?"
            return None, f"dangling symbolic link (to {target})"
        if err.errno == errno.ENOENT:
            return None, f"no such file or folder: {display_path(path)}"
        return None, _os_reason(err, "cannot read")


def _walk(root: str, root_stat: os.stat_result) -> list[tuple[str, str | None]]:
    """Files under a folder as ``(path, error)``, sorted; symlinked folders followed once, loops reported."""
    out: list[tuple[str, str | None]] = []
    seen = {(root_stat.st_dev, root_stat.st_ino): root}
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            out.append((folder, _os_reason(err, "cannot read folder")))
            continue
        for e in entries:
            if e.name.startswith(".") or e.name.lower() in _IGNORED_NAMES:
                continue
            st, problem = _check_entry(e.path)
            if st is None:
                out.append((e.path, problem))
            elif stat.S_ISDIR(st.st_mode):
                key = (st.st_dev, st.st_ino)
                if key in seen:
                    out.append((e.path, f"symbolic link loop: leads back to the folder {display_path(seen[key])}, already read"))
                else:
                    seen[key] = e.path
                    stack.append(e.path)
            elif stat.S_ISREG(st.st_mode):
                out.append((e.path, None))
            else:
                out.append((e.path, f"not a regular file ({_kind(st.st_mode)}); not read"))
    return sorted(out)


def expand_inputs(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[str, Path | None, str | None]]:
    """Yield ``(label, path, error)`` for every file named by ``inputs``.

    A folder is walked recursively (hidden files and folders left out), a glob
    is expanded, ``-`` stands for stdin (path None). A path that does not exist,
    is not a regular file, or cannot be looked at yields an error instead of a path.
    """
    for item in inputs:
        try:
            s = os.fspath(item)
        except TypeError:
            yield safe_str(repr(item)), None, f"not a path: {type(item).__name__}"
            continue
        if isinstance(s, bytes):
            s = os.fsdecode(s)
        if s == "-":
            yield "<stdin>", None, None
            continue
        if not s.strip():
            yield repr(s), None, "empty path given: name a file or a folder (an empty path is not the current folder)"
            continue
        if "\x00" in s:
            yield display_path(s.replace("\x00", "\\0")), None, "a path cannot contain a NUL character"
            continue
        yield from _expand_one(s)


def _expand_one(s: str) -> Iterator[tuple[str, Path | None, str | None]]:
    st, problem = _check_entry(s)
    if st is None:
        if problem and problem.startswith("no such file") and any(ch in s for ch in "*?["):
            try:
                matches = sorted(glob.glob(s, recursive=True))
            except OSError as err:
                yield display_path(s), None, _os_reason(err, "cannot expand the pattern")
                return
            found = [m for m in matches if _check_entry(m)[0] is not None and stat.S_ISREG(_check_entry(m)[0].st_mode)]
            if not found:
                yield display_path(s), None, f"no file matches the pattern {display_path(s)}"
            for m in found:
                yield display_path(m), Path(m), None
            return
        yield display_path(s), None, problem
    elif stat.S_ISDIR(st.st_mode):
        files = _walk(s, st)
        if not files:
            yield display_path(s), None, f"folder {display_path(s)} holds no files"
        for f, err in files:
            yield display_path(f), (None if err else Path(f)), err
    elif stat.S_ISREG(st.st_mode):
        yield display_path(s), Path(s), None
    else:
        yield display_path(s), None, f"not a regular file ({_kind(st.st_mode)}); not read"


def read_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, at most ``max_bytes`` + 1 (a file that grows while read stays bounded)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # swapped for a FIFO or device since the check
            raise OSError(errno.EINVAL, "not a regular file")
        return fh.read(max_bytes + 1)


# --------------------------------------------------------------------------
# bytes -> text


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes or many control characters."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > max(8, len(head) // 50)


_BOMS = [
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for text whose every other byte is NUL (Latin-script UTF-16), else None."""
    head = data[:4096]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _wide_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark names, or UTF-16 recognised without one; None for byte-wide text."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            if enc.startswith("utf-32") and not _decodes(data[4:], enc):
                continue  # FF FE 00 00 is also UTF-16-LE starting with a NUL
            return enc
    return _utf16_without_bom(data)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode(data: bytes) -> tuple[str | None, str | None, str | None]:
    """Decode bytes to text. Returns ``(text, encoding, problem)``.

    A byte-order mark decides (UTF-8, UTF-16, UTF-32); then UTF-16 without one; then
    UTF-8. A UTF-8 text with a few bad bytes (no more than its valid multi-byte
    characters) stays UTF-8 with the bad bytes replaced (U+FFFD) and counted; only a
    text with no valid UTF-8 beyond ASCII goes to charset-normalizer's guess of a
    legacy code page. NUL characters are removed. ``problem`` is a human sentence
    when something was replaced, removed or guessed.
    """
    encoding = _wide_encoding(data)
    bom = next((b for b, e in _BOMS if e == encoding and data.startswith(b)), b"")
    data = data[len(bom) :]
    notes: list[str] = []
    if encoding and encoding != "utf-8":
        text = data.decode(encoding, errors="replace")
        if bad := text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd"):
            notes.append(f"{bad} undecodable {encoding.upper()} sequence(s) replaced with U+FFFD")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as err:
            first_bad = err.start
            text = data.decode("utf-8", errors="replace")
            bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
            multi = len(_UTF8_MULTI.findall(data))
            if multi >= bad:
                encoding = "utf-8"
                notes.append(f"{bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD (first at byte {first_bad})")
            else:
                guessed = _legacy(data)
                if guessed is None:
                    return None, None, f"not valid UTF-8 (first bad byte at offset {first_bad}) and no other text encoding fits"
                text, encoding = guessed
                notes.append(f"not valid UTF-8 (byte {first_bad}); decoded as {encoding}")
    if "\x00" in text:
        notes.append(f"{text.count(chr(0))} NUL character(s) removed")
        text = text.replace("\x00", "")
    return safe_str(text), encoding, "; ".join(notes) or None


def _legacy(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best single-byte guess, ties broken towards the code pages of English-language news."""
    results = from_bytes(data)
    best = results.best()
    if best is None or best.encoding is None:
        return None
    tied = {m.encoding: m for m in results if m.chaos <= best.chaos + 0.005}
    for enc in ("utf_8", "cp1252", "latin_1", "iso8859_15"):
        if enc in tied:
            best = tied[enc]
            break
    return str(best), best.encoding


# --------------------------------------------------------------------------
# per-format readers


def _sniff_format(text: str) -> str:
    head = text.lstrip()[:2000].lower()
    if head.startswith("<!doctype html") or head.startswith("<html") or ("<body" in head and "</" in head):
        return "html"
    lines = [ln for ln in text[:200_000].splitlines()[:21] if ln.strip()]
    if lines and all(ln.lstrip().startswith("{") for ln in lines[:20]):
        return "jsonl"
    return "txt"


_EPOCH_MAX = 7.3e9  # seconds: past the year 2200


def _parse_date(value: object, settings: Settings = DEFAULT) -> date | None:
    """A publication date from a JSON field or HTML metadata; None for anything not a plausible date.

    Numbers are Unix times in seconds; dates outside ``settings.published_years`` are rejected
    (``1e308`` is not 'today', ``9999-12-31`` is not a publication date).
    """
    if value is None or value is False or value == "":
        return None
    lo, hi = settings.published_years
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value if lo <= value.year <= hi else None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value) or not 0 <= value <= _EPOCH_MAX:
            return None
        d = datetime.fromtimestamp(value, tz=timezone.utc).date()
        return d if lo <= d.year <= hi else None
    if not isinstance(value, str):
        return None
    s = value.strip()[:100]
    try:
        return _parse_date(float(s), settings) if s else None  # "1e308", "1715000000"
    except ValueError:
        pass
    try:
        d = date.fromisoformat(s[:10])
        return d if lo <= d.year <= hi else None
    except ValueError:
        pass
    import dateparser

    try:
        parsed = dateparser.parse(s, settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"]})
    except (ValueError, OverflowError, RecursionError):
        return None
    if parsed is None or not lo <= parsed.year <= hi:
        return None
    return parsed.date()


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "!doctype"}
_OPTIONAL_END = {"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "html", "head", "body", "colgroup"}


def html_problems(html: str) -> int:
    """How many structural errors an HTML page has: unmatched end tags and elements never closed.

    Elements whose end tag HTML lets one omit (p, li, td, body...) are not counted.
    Linear: the open elements are counted by tag, so an end tag is matched without a scan.
    """
    from collections import Counter
    from html.parser import HTMLParser

    class _Balance(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.stack: list[str] = []
            self.open: Counter[str] = Counter()
            self.errors = 0

        def handle_starttag(self, tag, attrs):  # noqa: ANN001
            if tag not in _VOID:
                self.stack.append(tag)
                self.open[tag] += 1

        def handle_endtag(self, tag):  # noqa: ANN001
            if tag in _VOID:
                return
            if self.open[tag]:
                while self.stack:
                    top = self.stack.pop()
                    self.open[top] -= 1
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


_START_TAG = re.compile(r"<[A-Za-z]")


def read_html(
    article_id: str, source: str, html: str, messages: list[IngestMessage] | None = None, settings: Settings = DEFAULT
) -> Article:
    """Main text and metadata of an HTML page, by trafilatura (within the page-size limit, checked first)."""
    try:
        import trafilatura
    except ImportError as err:  # a broken install of the HTML reader skips HTML inputs, never the batch
        return skipped(article_id, source, f"HTML reader unavailable ({err}); reinstall with the README's command", "html")

    if len(html) > settings.max_html_chars:
        return skipped(article_id, source, f"HTML page too long: {len(html):,} characters (limit {settings.max_html_chars:,})", "html")
    if count_matches(_START_TAG, html, settings.max_html_elements) > settings.max_html_elements:
        return skipped(article_id, source, f"HTML page has too many elements: more than {settings.max_html_elements:,}", "html")
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
    if reason := settings.over_limits(text):
        return skipped(article_id, source, reason, "html")
    title = getattr(doc, "title", None)
    author = getattr(doc, "author", None)
    byline = [safe_str(a.strip()) for a in author.replace(" and ", ";").split(";") if a.strip()] if author else []
    raw_date = getattr(doc, "date", None)
    published = _parse_date(raw_date, settings)
    art = Article(
        id=article_id,
        source_path=source,
        format="html",
        raw_text=safe_str(text),
        title=safe_str(title) if title else None,
        byline=byline,
        published=published,
        published_source="html-meta" if published else None,
        outlet=safe_str(getattr(doc, "sitename", None) or "") or None,
        url=safe_str(getattr(doc, "url", None) or "") or None,
    )
    if raw_date and published is None and messages is not None:
        messages.append(IngestMessage(source, f"publication date {str(raw_date)[:40]!r} not understood; left empty"))
    art.removed = dropped_html_lines(html, text, title)
    return art


_BLOCKS = {
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "td", "th", "dt", "dd", "blockquote", "pre",
    "section", "article", "aside", "nav", "header", "footer", "form", "button", "label", "span", "a", "time", "title",
}
_INLINE = {"a", "span", "b", "i", "em", "strong", "time", "small", "sup", "sub", "abbr", "cite", "q", "mark", "u", "s", "br", "img", "code"}
_REGIONS = ("nav", "header", "footer", "aside", "figcaption", "figure", "form", "button", "dialog")
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "head")
_EDGE_PUNCT = "\"'“”‘’«»()[]{}.,;:!?-–—…*·•|/"


def _norm_ws(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


class _KeptText:
    """Is a block's text part of the extracted main text? Word-aligned, through an index of the words.

    Words are compared without the punctuation at their edges, so "Home" is found in
    "... Home, ...". A search starts at the block's rarest word: no scan of the whole
    main text per block (that made a page of 100k blocks quadratic).
    """

    def __init__(self, kept: str) -> None:
        self.words = [w.strip(_EDGE_PUNCT) for w in kept.split()]
        self.where: dict[str, list[int]] = {}
        for i, w in enumerate(self.words):
            self.where.setdefault(w, []).append(i)

    def __contains__(self, text: str) -> bool:
        ws = [w.strip(_EDGE_PUNCT) for w in text.split()]
        ws = [w for w in ws if w] or ws
        j, anchor = min(enumerate(ws), key=lambda jw: len(self.where.get(jw[1], ())))
        k = len(ws)
        for p in self.where.get(anchor, ()):
            if p >= j and self.words[p - j : p - j + k] == ws:
                return True
        return False


def dropped_html_lines(html: str, extracted: str, title: str | None) -> list[RemovedLine]:
    """Visible text blocks of a page that are not in the extracted main text, each with the page region it sat in.

    So that nothing is lost silently: navigation, cookie banners, captions,
    related links and comments all appear in ``removed``. One pass over the tree:
    what a block needs from its ancestors (hidden? in which region? their classes)
    is carried down a stack, not looked up per block.
    """
    from lxml import etree, html as lhtml

    try:
        root = lhtml.fromstring(html)
    except (etree.LxmlError, ValueError):
        return []
    kept = _KeptText(_norm_ws(extracted))
    title_n = _norm_ws(title or "")
    out: list[RemovedLine] = []
    seen: set[str] = set()
    # per open element: (hidden, region, class-or-id strings of it and its nearest ancestors)
    stack: list[tuple[bool, str | None, list[str]]] = []
    n = -1
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if event == "end":
            stack.pop()
            continue
        n += 1
        tag = el.tag if isinstance(el.tag, str) else ""
        hidden, region, classes = stack[-1] if stack else (False, None, [])
        mine = el.get("class") or el.get("id") if tag else None
        stack.append((hidden or tag in _INVISIBLE, tag if tag in _REGIONS else region, ([mine] + classes)[:4]))
        if tag not in _BLOCKS or hidden or tag == "title":
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
        if tag in _REGIONS:
            region = tag
        if len(text) < 2 or text in seen:
            continue
        if text in kept and not (region in ("nav", "header", "footer", "form") and len(text.split()) < 4):
            continue
        parent = el.getparent()
        if tag in _INLINE and parent is not None and parent.tag not in _INLINE:
            if _norm_ws(parent.text or "") or len(parent) > 1:
                continue  # inline text, counted with its block
        seen.add(text)
        cls = " ".join(filter(None, [el.get("class"), el.get("id")] + classes[:3]))
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
        out.append(RemovedLine(text=safe_str(text), reason=reason, line_no=n))
    return out


# --------------------------------------------------------------------------
# JSON and JSONL


def _json(text: str) -> tuple[object, str | None]:
    """``(value, None)``, or ``(None, why not)`` for invalid JSON, JSON nested too deep, a number too long."""
    try:
        return json.loads(text), None
    except json.JSONDecodeError as err:
        return None, f"not valid JSON ({err.msg} at line {err.lineno}, column {err.colno})"
    except RecursionError:
        return None, "JSON nested too deeply to read"
    except ValueError as err:  # e.g. an integer of more than 4,300 digits
        return None, f"not readable JSON ({err})"


def read_json(stem: str, source: str, text: str, ids: _Ids, messages: list[IngestMessage] | None = None, settings: Settings = DEFAULT) -> list[Article]:
    """A .json file: one article object, or a list of them (same fields as a JSONL line)."""
    obj, problem = _json(text)
    if problem:
        return [skipped(ids.take(stem), source, problem, "jsonl")]
    items = obj if isinstance(obj, list) else [obj]
    if not items or not all(isinstance(o, dict) and isinstance(o.get("text"), str) for o in items):
        return [skipped(ids.take(stem), source, "JSON file holds no article objects with a 'text' field", "jsonl")]
    if len(items) == 1 and not items[0].get("id"):
        items[0]["id"] = stem
    single = len(items) == 1
    return [
        _item_article(o, n, source if single else f"{source}:{n}", "item", stem, ids, messages, settings)
        for n, o in enumerate(items, start=1)
    ]


def read_jsonl(stem: str, source: str, text: str, ids: _Ids, messages: list[IngestMessage] | None = None, settings: Settings = DEFAULT) -> list[Article]:
    """One Article per line; a bad line becomes a skipped entry and the rest go on."""
    out: list[Article] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        obj, problem = _json(line)
        if problem:
            out.append(skipped(ids.take(f"{stem}:{n}"), where, f"line {n} is {problem}", "jsonl"))
            continue
        out.append(_item_article(obj, n, where, "line", stem, ids, messages, settings))
    if not out:
        out.append(skipped(ids.take(stem), source, "JSONL file holds no lines", "jsonl"))
    return out


def _item_article(
    obj: object, n: int, where: str, label: str, stem: str, ids: _Ids, messages: list[IngestMessage] | None, settings: Settings
) -> Article:
    """The Article of one JSON object (a JSONL line or an item of a .json list)."""
    if not isinstance(obj, dict):
        return skipped(ids.take(f"{stem}:{n}"), where, f"{label} {n} is a JSON {type(obj).__name__}, not an object", "jsonl")
    body = obj.get("text")
    raw_id = obj.get("id")
    aid = ids.take(str(raw_id)[:500] if raw_id not in (None, "") and not isinstance(raw_id, (dict, list)) else f"{stem}:{n}")
    if not isinstance(body, str) or not body.strip():
        return skipped(aid, where, f"{label} {n} has no 'text' field with article text", "jsonl")
    body = safe_str(body).replace("\x00", "")
    if _sniff_format(body) == "html":
        art = read_html(aid, where, body, None, settings)
        art.format = "jsonl"
        if not art.ok:
            return art
    elif reason := settings.over_limits(body):
        return skipped(aid, where, reason, "jsonl")
    else:
        art = Article(id=aid, source_path=where, format="jsonl", raw_text=body)
    for key, field in (("title", "title"), ("url", "url"), ("source", "outlet")):
        value = obj.get(key)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            setattr(art, field, safe_str(str(value).strip()))
    if obj.get("published") not in (None, ""):
        art.published = _parse_date(obj["published"], settings)
        art.published_source = "jsonl" if art.published else None
        if art.published is None and messages is not None:
            messages.append(IngestMessage(where, f"publication date {safe_str(str(obj['published']))[:40]!r} not understood; left empty"))
    return art


# --------------------------------------------------------------------------
# one file, all inputs


def read_bytes(
    label: str, stem: str, suffix: str, data: bytes, ids: _Ids, messages: list[IngestMessage], settings: Settings = DEFAULT
) -> list[Article]:
    """Articles from the bytes of one file (or stdin)."""
    if not data.strip():
        return [skipped(ids.take(stem), label, "empty file")]
    if _wide_encoding(data) in (None, "utf-8") and looks_binary(data):
        return [skipped(ids.take(stem), label, "binary file, not text (NUL or control bytes)")]
    text, encoding, problem = decode(data)
    if text is None:
        return [skipped(ids.take(stem), label, problem or "could not decode")]
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
        arts = read_jsonl(stem, label, text, ids, messages, settings)
    elif fmt == "json":
        arts = read_json(stem, label, text, ids, messages, settings)
    elif fmt == "html":
        arts = [read_html(ids.take(stem), label, text, messages, settings)]
    elif reason := settings.over_limits(text):
        arts = [skipped(ids.take(stem), label, reason)]
    else:
        arts = [Article(id=ids.take(stem), source_path=label, format="txt", raw_text=text)]
    for a in arts:
        a.encoding = encoding
    return arts


def _read_one(label: str, path: Path | None, stdin: bytes | None, ids: _Ids, msgs: list[IngestMessage], settings: Settings) -> list[Article]:
    stem = display_path(path.stem) if path is not None else "stdin"
    if path is None:  # stdin
        data = stdin if stdin is not None else sys.stdin.buffer.read(settings.max_file_bytes + 1)
    else:
        try:
            size = path.stat().st_size
            if size > settings.max_file_bytes:
                return [skipped(ids.take(stem), label, f"file too large: {size / 1e6:.1f} MB (limit {settings.max_file_bytes / 1e6:.0f} MB)")]
            data = read_file(path, settings.max_file_bytes)
        except OSError as err:
            return [skipped(ids.take(stem), label, _os_reason(err, "cannot read file"))]
    if len(data) > settings.max_file_bytes:
        return [skipped(ids.take(stem), label, f"input too large: over {settings.max_file_bytes / 1e6:.0f} MB")]
    return read_bytes(label, stem, path.suffix if path is not None else "", data, ids, msgs, settings)


def ingest(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    stdin: bytes | None = None,
    max_bytes: int | None = None,
    messages: list[IngestMessage] | None = None,
    settings: Settings = DEFAULT,
) -> list[Article]:
    """Read every input into Articles (skipped ones included, each with its reason).

    ``messages`` collects warnings and skip reasons in input order, for the
    caller to print. Reading one file has a time budget (``settings.file_seconds``).
    """
    if max_bytes is not None:
        settings = settings.model_copy(update={"max_file_bytes": max_bytes})
    msgs = messages if messages is not None else []
    ids = _Ids()
    out: list[Article] = []
    for label, path, error in expand_inputs(inputs):
        stem = display_path(Path(label).stem if path is None else path.stem) or label
        if error:
            out.append(skipped(ids.take(stem[:200]), label, error))
            continue
        try:
            with time_limit(settings.file_seconds):
                arts = _read_one(label, path, stdin, ids, msgs, settings)
        except BudgetExceeded:
            arts = [skipped(ids.take(stem), label, f"reading took longer than the time budget for one file ({settings.file_seconds:g} s)")]
        except (MemoryError, RecursionError) as err:
            arts = [skipped(ids.take(stem), label, f"too large or too deeply nested to read ({err.__class__.__name__})")]
        out.extend(arts)
    for a in out:
        if not a.ok:
            msgs.append(IngestMessage(a.source_path or a.id, a.reason or "skipped", "skipped"))
    return out


def article_from_text(text: str, article_id: str = "text", **meta: object) -> Article:
    """An Article from a string, for library use (``crosscheck.analyze([...])``)."""
    return Article(id=article_id, format="text", raw_text=text, **meta)  # type: ignore[arg-type]
