"""Uploads of the web app (crosscheck.web.uploads): request limits are refused with a status and a message;
bad files, zip bombs, unsafe zip paths become skipped inputs with their reason and the batch goes on."""

from __future__ import annotations

import io
import json
import stat
import zipfile

import pytest

from crosscheck.web.uploads import Limits, Upload, UploadRefused, read_upload, safe_name, unsafe_member

ARTICLE = (
    "Port Alder harbour bridge closed after barge strike\n\n"
    "PORT ALDER — The harbour bridge in Port Alder was closed to traffic on Tuesday after a grain barge struck one "
    "of its piers during the morning fog, the city's transport department said.\n\n"
    "Engineers found a crack about two metres long in the concrete of the third pier and will inspect the steel "
    "beneath it before any decision on reopening, department spokeswoman Mara Lindqvist said.\n\n"
    "\u201cWe will not reopen the bridge until we are certain it is safe,\u201d Lindqvist told reporters.\n"
)


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _by_source(batch) -> dict[str, object]:
    return {a.source_path: a for a in batch.articles}


def test_text_html_jsonl_and_paste_each_become_articles():
    html = f"<html><head><title>Bridge closed</title></head><body><article><p>{ARTICLE}</p></article></body></html>"
    jsonl = "\n".join(json.dumps({"id": f"wire-{i}", "title": "Bridge shut", "text": ARTICLE}) for i in range(2))
    batch = read_upload(
        [Upload("lead.txt", ARTICLE.encode()), Upload("page.html", html.encode()), Upload("wire.jsonl", jsonl.encode())],
        text=ARTICLE,
    )
    assert [a.ok for a in batch.articles] == [True] * 5
    assert [a.format for a in batch.articles] == ["txt", "html", "jsonl", "jsonl", "txt"]
    assert batch.articles[-1].source_path == "pasted text"
    assert len({a.id for a in batch.articles}) == 5


def test_request_limits_are_refused_with_status_and_message():
    lim = Limits(max_files=2, max_text_chars=100)
    with pytest.raises(UploadRefused) as e:
        read_upload([Upload(f"{i}.txt", b"x") for i in range(3)], limits=lim)
    assert e.value.status == 422 and "too many files: 3 (limit 2" in e.value.message
    with pytest.raises(UploadRefused) as e:
        read_upload([], text="y" * 101, limits=lim)
    assert e.value.status == 422 and "pasted text too long" in e.value.message
    with pytest.raises(UploadRefused) as e:
        read_upload([Upload("", b"")], text="  \n ")
    assert e.value.status == 422 and "nothing to analyse" in e.value.message


def test_one_bad_file_is_skipped_and_the_rest_go_on():
    lim = Limits(max_file_bytes=5_000)
    batch = read_upload(
        [Upload("big.txt", ARTICLE.encode() * 20), Upload("blob.bin", bytes(range(256)) * 4), Upload("ok.txt", ARTICLE.encode())],
        limits=lim,
    )
    arts = _by_source(batch)
    assert arts["big.txt"].reason.startswith("file too large")
    assert "binary" in arts["blob.bin"].reason
    assert arts["ok.txt"].ok


def test_zip_members_are_read_and_named_after_the_archive():
    data = _zip({"day1/lead.txt": ARTICLE.encode(), "day1/wire.jsonl": json.dumps({"text": ARTICLE}).encode(), "empty/": b""})
    batch = read_upload([Upload("bundle.zip", data)])
    assert sorted(_by_source(batch)) == ["bundle.zip/lead.txt", "bundle.zip/wire.jsonl:1"]
    assert all(a.ok for a in batch.articles)


def test_zip_bomb_is_refused_before_decompressing():
    # 30 MB of zeros compress to about 30 KB: a ratio near 1000:1
    bomb = _zip({"zeros.txt": b"\0" * 30_000_000})
    assert len(bomb) < 100_000
    batch = read_upload([Upload("bomb.zip", bomb), Upload("ok.txt", ARTICLE.encode())])
    arts = _by_source(batch)
    assert arts["bomb.zip"].reason.startswith("zip refused:") and "zip bomb" in arts["bomb.zip"].reason
    assert arts["ok.txt"].ok


def test_zip_with_too_many_entries_or_too_much_declared_size_is_refused():
    many = _zip({f"a{i}.txt": ARTICLE.encode() for i in range(30)})
    batch = read_upload([Upload("many.zip", many)], limits=Limits(max_zip_entries=20))
    assert [a.reason for a in batch.articles] == ["zip refused: 30 entries (limit 20)"]
    big = _zip({f"a{i}.txt": ARTICLE.encode() * 50 for i in range(5)})
    batch = read_upload([Upload("big.zip", big)], limits=Limits(max_zip_total_bytes=100_000))
    assert len(batch.articles) == 1 and batch.articles[0].reason.startswith("zip refused: ") and "uncompressed" in batch.articles[0].reason


def test_zip_member_that_lies_about_its_size_is_cut_off():
    data = bytearray(_zip({"lead.txt": ARTICLE.encode()}, zipfile.ZIP_STORED))
    # shrink the declared size in the central directory: the reader stops there and the CRC check fails
    cd = data.rindex(b"PK\x01\x02")
    data[cd + 24 : cd + 28] = (10).to_bytes(4, "little")
    batch = read_upload([Upload("liar.zip", bytes(data)), Upload("ok.txt", ARTICLE.encode())])
    arts = _by_source(batch)
    assert arts["liar.zip/lead.txt"].reason == "zip member unreadable: Bad CRC-32 for file 'lead.txt'"
    assert arts["ok.txt"].ok


def test_unsafe_zip_members_are_skipped_with_reason():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("../../etc/evil.txt", ARTICLE)
        zf.writestr("/abs/evil.txt", ARTICLE)
        zf.writestr("C:/win/evil.txt", ARTICLE)
        zf.writestr("inner.zip", _zip({"x.txt": ARTICLE.encode()}))
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
        zf.writestr("fine.txt", ARTICLE)
    batch = read_upload([Upload("mixed.zip", buf.getvalue())])
    reasons = [(a.source_path, a.reason) for a in batch.articles]
    assert ("mixed.zip/fine.txt", None) in reasons
    assert sorted(r for _, r in reasons if r) == sorted(
        [
            "zip member refused: path leaves the archive (..)",
            "zip member refused: absolute path",
            "zip member refused: absolute path",
            "zip member refused: a zip inside a zip is not opened",
            "zip member refused: a symbolic link",
        ]
    )
    assert [a.ok for a in batch.articles].count(True) == 1


def test_not_a_zip_is_skipped():
    batch = read_upload([Upload("broken.zip", b"PK\x03\x04 this is not really a zip"), Upload("ok.txt", ARTICLE.encode())])
    arts = _by_source(batch)
    assert arts["broken.zip"].reason.startswith("not a readable zip archive")
    assert arts["ok.txt"].ok


def test_names_are_made_safe():
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\x\\report.txt") == "report.txt"
    assert safe_name("bad\x00\x1bname.txt") == "badname.txt"
    assert safe_name("..") == "upload" and safe_name(None) == "upload"
    long = safe_name("a" * 500 + ".html")
    assert len(long) <= 120 and long.endswith(".html")
    assert unsafe_member("ok/fine.txt") is None
    assert unsafe_member("a/../../b") and unsafe_member("\\\\server\\share") and unsafe_member("x\ny")


def test_lone_surrogates_in_json_are_replaced():
    """A JSON escape like "\\ud800" decodes to text that cannot be written as UTF-8: ingest replaces it."""
    line = '{"id": "wire\\ud800x", "title": "Bridge \\udfff shut", "source": "Gazette", "text": ' + json.dumps(ARTICLE) + "}"
    batch = read_upload([Upload("wire.jsonl", line.encode())])
    (a,) = batch.articles
    assert a.ok and a.id == "wire\ufffdx" and a.title == "Bridge \ufffd shut"
    a.model_dump_json()  # serialises
