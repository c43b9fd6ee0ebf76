"""Uploads: what a browser sends (files, a zip of files, pasted text) as :class:`~crosscheck.model.Article` objects.

Nothing here touches the disk: files and zip members are read in memory and handed to the same reader as
the command line (:func:`crosscheck.ingest.read_bytes`). Limits (:class:`Limits`) are of two kinds:

- the request as a whole (bytes, number of files, pasted characters): too much is refused with an HTTP error
  and a message (:class:`UploadRefused`), before any analysis;
- one input (a file too large, a zip that looks like a bomb, a zip member with an unsafe path, a nested zip, an
  encrypted member): it becomes a skipped article with its reason, and the rest of the batch goes on.

A zip is checked on its directory before anything is decompressed (entry count, total declared size, the
compression ratio of every member), and again while reading (a member can never yield more than it declared
or more than the per-file limit).
"""

from __future__ import annotations

import io
import stat
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..model import Article

ZIP_SUFFIXES = {".zip"}


@dataclass(frozen=True)
class Limits:
    """Upload limits of the web app. Chosen for a laptop serving one person: a batch of news articles is a
    few MB (the six eval stories, ten outlets each, are under 1 MB each as text); the zip ratio bound is well
    above text's usual 3-10x and far below a bomb's 1000x and more."""

    max_request_bytes: int = 50_000_000  # the whole request body (413 past it)
    max_files: int = 200  # files in one request (422 past it)
    max_file_bytes: int = 10_000_000  # one file or zip member (skipped past it)
    max_text_chars: int = 2_000_000  # pasted text (422 past it)
    max_zip_entries: int = 2_000  # members of one zip (the zip is refused past it)
    max_zip_total_bytes: int = 200_000_000  # declared uncompressed size of one zip
    max_zip_ratio: int = 200  # uncompressed / compressed size of any member
    max_articles: int = 2_000  # inputs in one batch, zip members included (the rest are skipped)


class UploadRefused(Exception):
    """The request as a whole is refused: ``status`` 413 (too large) or 422 (too many, empty...)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Upload:
    """One uploaded file: its name as the browser sent it, and its bytes."""

    name: str
    data: bytes


@dataclass
class Batch:
    """The articles of one request (skipped ones included) and the warnings met while reading them."""

    articles: list[Article] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def safe_name(name: str | None, fallback: str = "upload") -> str:
    """A file name for display and ids: the last path part, no control characters, at most 120 characters."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if len(name) > 120:
        p = PurePosixPath(name)
        name = p.stem[: 120 - len(p.suffix[:20])] + p.suffix[:20]
    return name if name.strip(". ") else fallback


def unsafe_member(name: str) -> str | None:
    """Why a zip member's path is unsafe (absolute, a drive, a ``..`` part, a control character), or None."""
    if not name:
        return "empty name"
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "absolute path"
    parts = name.replace("\\", "/").split("/")
    if ".." in parts:
        return "path leaves the archive (..)"
    if any(unicodedata.category(ch)[0] == "C" for ch in name):
        return "control character in the name"
    return None


class _Reader:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        from ..ingest import _Ids  # the command line's unique ids ("x", "x-2"...)

        self.ids = _Ids()
        self.batch = Batch()
        self.count = 0

    def skip(self, label: str, reason: str) -> None:
        from ..ingest import skipped

        self.batch.articles.append(skipped(self.ids.take(PurePosixPath(label).stem or "upload"), label, reason))

    def add(self, label: str, name: str, data: bytes) -> None:
        from ..ingest import IngestMessage, read_bytes

        self.count += 1
        if self.count > self.limits.max_articles:
            self.skip(label, f"too many inputs in one batch (limit {self.limits.max_articles})")
            return
        if len(data) > self.limits.max_file_bytes:
            self.skip(label, f"file too large: {len(data) / 1e6:.1f} MB (limit {self.limits.max_file_bytes / 1e6:.0f} MB)")
            return
        p = PurePosixPath(name)
        messages: list[IngestMessage] = []
        self.batch.articles += read_bytes(label, p.stem or "upload", p.suffix, data, self.ids, messages)
        self.batch.warnings += [f"{m.source}: {m.message}" for m in messages]

    def add_zip(self, label: str, data: bytes) -> None:
        lim = self.limits
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
            infos = zf.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as err:
            self.skip(label, f"not a readable zip archive: {err}")
            return
        files = [i for i in infos if not i.is_dir()]
        if len(infos) > lim.max_zip_entries:
            self.skip(label, f"zip refused: {len(infos)} entries (limit {lim.max_zip_entries})")
            return
        declared = sum(i.file_size for i in files)
        if declared > lim.max_zip_total_bytes:
            self.skip(label, f"zip refused: {declared / 1e6:.0f} MB uncompressed (limit {lim.max_zip_total_bytes / 1e6:.0f} MB)")
            return
        if declared > 1024 * 1024 and declared > lim.max_zip_ratio * len(data):
            self.skip(label, f"zip refused: {declared // max(len(data), 1)}:1 compression (limit {lim.max_zip_ratio}:1), a zip bomb")
            return
        for i in files:
            if i.file_size > lim.max_zip_ratio * max(i.compress_size, 1) and i.file_size > 1024 * 1024:
                self.skip(label, f"zip refused: member compressed {i.file_size // max(i.compress_size, 1)}:1 (limit {lim.max_zip_ratio}:1), a zip bomb")
                return
        for i in files:
            member = f"{label}/{safe_name(i.filename, 'member')}"
            if problem := unsafe_member(i.filename):
                self.skip(member, f"zip member refused: {problem}")
                continue
            if stat.S_ISLNK(i.external_attr >> 16):
                self.skip(member, "zip member refused: a symbolic link")
                continue
            if i.flag_bits & 0x1:
                self.skip(member, "zip member refused: encrypted")
                continue
            if PurePosixPath(i.filename).suffix.lower() in ZIP_SUFFIXES:
                self.skip(member, "zip member refused: a zip inside a zip is not opened")
                continue
            if i.file_size > lim.max_file_bytes:
                self.skip(member, f"file too large: {i.file_size / 1e6:.1f} MB (limit {lim.max_file_bytes / 1e6:.0f} MB)")
                continue
            try:
                with zf.open(i) as fh:  # reads at most the declared size, checks the CRC at the end
                    body = fh.read(lim.max_file_bytes + 1)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as err:
                self.skip(member, f"zip member unreadable: {err}")
                continue
            self.add(member, i.filename, body)


def read_upload(files: list[Upload], text: str | None = None, limits: Limits | None = None) -> Batch:
    """The articles of one request: every file (zips opened), then the pasted text as one more input.

    Raises :class:`UploadRefused` when the request as a whole is over a limit or holds nothing."""
    lim = limits or Limits()
    files = [f for f in files if f.name or f.data]  # a form's empty file field
    if len(files) > lim.max_files:
        raise UploadRefused(422, f"too many files: {len(files)} (limit {lim.max_files} per upload; put them in a zip)")
    if text is not None and len(text) > lim.max_text_chars:
        raise UploadRefused(422, f"pasted text too long: {len(text):,} characters (limit {lim.max_text_chars:,})")
    if not files and not (text and text.strip()):
        raise UploadRefused(422, "nothing to analyse: upload files or paste an article")
    reader = _Reader(lim)
    for f in files:
        name = safe_name(f.name)
        if PurePosixPath(name).suffix.lower() in ZIP_SUFFIXES:
            reader.add_zip(name, f.data)
        else:
            reader.add(name, name, f.data)
    if text and text.strip():
        reader.add("pasted text", "pasted", text.encode("utf-8", "replace"))
    return reader.batch


__all__ = ["Limits", "Upload", "UploadRefused", "Batch", "read_upload", "safe_name", "unsafe_member"]
