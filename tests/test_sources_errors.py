"""Bad input: each gives one line naming the file and the problem; a corpus run goes on."""

from __future__ import annotations

import json
import os
import tracemalloc
from pathlib import Path

import pytest

from positions.errors import DateError, SourceError
from positions.sources import iter_articles, read_article


def write_bytes(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def error_of(path, **kwargs) -> str:
    with pytest.raises(SourceError) as info:
        read_article(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_empty_file(tmp_path):
    path = write_bytes(tmp_path / "a.txt", b"")
    assert error_of(path) == f"{path}: empty file"


def test_white_space_only_file(tmp_path):
    path = write_bytes(tmp_path / "a.txt", b"\xef\xbb\xbf \r\n\t\n")
    assert error_of(path) == f"{path}: empty file (only white space)"


def test_dateline_and_nothing_else(tmp_path):
    path = write_bytes(tmp_path / "a.txt", b"SEOUL (Reuters) -\n")
    assert error_of(path) == f"{path}: no text after the dateline"


def test_binary_file(tmp_path):
    path = write_bytes(tmp_path / "a.txt", b"PK\x03\x04\x00\x00binary")
    assert error_of(path) == f"{path}: binary file (NUL byte at byte 4), not text"


def test_invalid_utf8_names_the_byte_offset_and_line(tmp_path):
    path = write_bytes(tmp_path / "a.txt", "Talks.\nThe caf".encode() + b"\xe9 was closed.\n")
    assert (
        error_of(path) == f"{path}: invalid UTF-8 at byte 14 (line 2): 0xe9; save the file as UTF-8, or give its encoding with --encoding (auto: detect it)"
    )


def test_utf16_with_bom_is_decoded(tmp_path):
    path = write_bytes(tmp_path / "a.txt", "\ufeffSEOUL (Reuters) - Talks.".encode("utf-16-le"))
    a = read_article(path)
    assert a.text == "\ufeffSEOUL (Reuters) - Talks." and a.body_text == "Talks."


def test_a_50_mb_article_is_read_whole_in_bounded_memory(tmp_path):
    path = tmp_path / "long.txt"
    para = "SEOUL (Reuters) - " + "South Korea called for step-by-step talks with the North. " * 20
    with open(path, "w", encoding="utf-8") as fh:
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(para + "\n")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        article = read_article(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(article.text) == size and article.place == "Seoul"
    assert peak < 2.5 * size  # the bytes and the text of this one file, nothing more


def test_a_file_over_the_limit_is_refused_without_being_read(tmp_path, monkeypatch):
    path = tmp_path / "dump.txt"
    with open(path, "wb") as fh:
        fh.truncate(1000)  # sparse: costs nothing to make
    opened = []
    real_open = open
    monkeypatch.setattr(
        "builtins.open", lambda p, *a, **k: opened.append(p) or real_open(p, *a, **k)
    )
    with pytest.raises(SourceError) as info:
        read_article(path, max_bytes=999)
    assert str(info.value) == (
        f"{path}: 1,000 bytes is too large for one article (limit 999);"
        " split it, or export it as JSONL (one article per line)"
    )
    assert str(path) not in map(str, opened)


def test_a_50_mb_export_is_read_row_by_row_in_little_memory(tmp_path):
    path = tmp_path / "big.jsonl"
    story = "SEOUL, March 5 (Yonhap) -- " + "South Korea called for step-by-step talks. " * 1200
    row = json.dumps({"text": story, "date": "2018-03-05"}) + "\n"
    rows = 50 * 1024 * 1024 // len(row) + 1
    with open(path, "w", encoding="utf-8") as fh:
        for _ in range(rows):
            fh.write(row)
    assert path.stat().st_size >= 50 * 1024 * 1024
    count = 0
    tracemalloc.start()
    try:
        for _article in iter_articles([path]):
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == rows
    assert peak < 5 * 1024 * 1024  # a few rows at a time, never the 50 MB


def test_malformed_yaml_front_matter_names_the_line(tmp_path):
    path = write_bytes(tmp_path / "a.md", b"---\ntitle: Talks\ndate: [2021\n---\nBody.\n")
    assert (
        error_of(path)
        == f"{path}:4: malformed YAML front matter: expected ',' or ']', but got '<stream end>'"
    )


def test_malformed_toml_front_matter_names_the_line(tmp_path):
    path = write_bytes(tmp_path / "a.md", b'+++\ntitle = "Talks"\ndate = \n+++\nBody.\n')
    assert error_of(path) == f"{path}:3: malformed TOML front matter: Invalid value"


def test_unclosed_front_matter(tmp_path):
    path = write_bytes(tmp_path / "a.md", b"---\ntitle: Talks\n\nBody.\n")
    assert error_of(path) == f"{path}:1: front matter opened with '---' is never closed"


def test_front_matter_that_is_not_a_table(tmp_path):
    path = write_bytes(tmp_path / "a.md", b"---\n- a\n- b\n---\nBody.\n")
    assert error_of(path) == f"{path}:2: front matter must be a table of keys, not list"


def test_unknown_date_in_front_matter(tmp_path):
    path = write_bytes(tmp_path / "a.md", b"---\ndate: sometime last week\n---\nBody.\n")
    with pytest.raises(DateError) as info:
        read_article(path)
    assert str(info.value) == (
        f"{path}: front matter: unknown date 'sometime last week' (use YYYY, YYYY-MM or YYYY-MM-DD)"
    )


def test_invalid_date_in_front_matter(tmp_path):
    path = write_bytes(tmp_path / "a.md", b"---\ndate: 2021-02-30\n---\nBody.\n")
    with pytest.raises(DateError, match=r"front matter: invalid date 2021-02-30: no such day"):
        read_article(path)


def test_bad_country_in_front_matter(tmp_path):
    path = write_bytes(tmp_path / "a.md", b"---\ncountry: Russia\n---\nBody.\n")
    assert error_of(path) == (
        f"{path}: front matter: country must be an ISO 3166 alpha-3 code such as 'RUS', not 'Russia'"
    )


def test_csv_missing_its_text_column(tmp_path):
    path = write_bytes(tmp_path / "e.csv", b"title,body\nA,Talks.\n")
    with pytest.raises(SourceError) as info:
        list(iter_articles([path]))
    assert str(info.value) == (
        f"{path}: no text column 'text' (columns: title, body); name it with --column text=<column>"
    )


def test_csv_bad_rows_are_reported_and_the_rest_read(tmp_path):
    path = write_bytes(
        tmp_path / "e.csv",
        b"text,date\nFirst.,2020-01-01\nSecond.,someday\n,2020-01-03\nFourth.,2020-01-04,extra\nFifth.,2020\n",
    )
    errors = []
    arts = list(iter_articles([path], on_error=lambda p, e: errors.append((p, str(e)))))
    assert [a.path for a in arts] == [f"{path}#1", f"{path}#5"]
    assert errors == [
        (f"{path}#2", f"{path}#2: unknown date 'someday' (use YYYY, YYYY-MM or YYYY-MM-DD)"),
        (f"{path}#3", f"{path}#3: empty text"),
        (f"{path}#4", f"{path}#4: 3 cells but the header has 2 columns"),
    ]


def test_jsonl_bad_rows_are_reported_and_the_rest_read(tmp_path):
    data = b'{"text": "One."}\n{"text": \n[1, 2]\n{"body": "x"}\n{"text": "caf\xe9"}\n{"text": "Six."}\n'
    path = write_bytes(tmp_path / "e.jsonl", data)
    errors = []
    arts = list(iter_articles([path], on_error=lambda p, e: errors.append(str(e))))
    assert [a.text for a in arts] == ["One.", "Six."]
    assert errors == [
        f"{path}#2: invalid JSON: Expecting value (column 10)",
        f"{path}#3: a row must be a JSON object, not list",
        f"{path}#4: no 'text' field (fields: body)",
        f"{path}#5: invalid UTF-8 at byte 61 (line 5): 0xe9; save the file as UTF-8, or give its encoding with --encoding (auto: detect it)",
    ]
    assert data[61:62] == b"\xe9"


def test_binary_export_is_one_error(tmp_path):
    path = write_bytes(tmp_path / "e.jsonl", b"\x00\x01\x02" * 10)
    with pytest.raises(SourceError) as info:
        list(iter_articles([path]))
    assert str(info.value) == f"{path}: binary file (NUL byte at byte 0), not text"


def test_in_a_directory_bad_files_are_reported_and_the_rest_read(tmp_path):
    write_bytes(tmp_path / "a-empty.txt", b"")
    write_bytes(tmp_path / "b-binary.txt", b"\x00\x00")
    write_bytes(tmp_path / "c-good.txt", b"SEOUL (Reuters) - Talks resumed.\n")
    write_bytes(tmp_path / "d-latin1.txt", b"caf\xe9\n")
    write_bytes(tmp_path / "e-front.md", b"---\ntitle: [\n---\nBody.\n")
    write_bytes(tmp_path / "f-noyear.txt", b"SEOUL, March 5 (Yonhap) -- Talks.\n")
    with open(tmp_path / "g-huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    write_bytes(tmp_path / "h-good.md", b"---\ndate: 2021-12\n---\nTalks.\n")
    errors = []
    arts = list(iter_articles([tmp_path], on_error=lambda p, e: errors.append(os.path.basename(p))))
    # A dateline without a year is no error: the article is read undated (with a warning).
    assert [os.path.basename(a.path) for a in arts] == ["c-good.txt", "f-noyear.txt", "h-good.md"]
    assert arts[1].date is None
    assert errors == [
        "a-empty.txt",
        "b-binary.txt",
        "d-latin1.txt",
        "e-front.md",
        "g-huge.txt",
    ]


def test_without_on_error_the_first_error_is_raised(tmp_path):
    write_bytes(tmp_path / "a.txt", b"ab\x00cd")
    write_bytes(tmp_path / "b.txt", b"Talks.\n")
    with pytest.raises(SourceError, match="a.txt: binary file"):
        list(iter_articles([tmp_path]))


def test_an_empty_file_is_a_warning_and_the_rest_is_read(tmp_path):
    from positions.errors import EmptyFileError

    write_bytes(tmp_path / "a.txt", b"")
    write_bytes(tmp_path / "b.txt", b" \n\t\n")
    write_bytes(tmp_path / "c.txt", b"Talks.\n")
    with pytest.warns(UserWarning) as caught:
        read = [a.path for a in iter_articles([tmp_path])]
    assert read == [str(tmp_path / "c.txt")]
    assert [str(w.message) for w in caught] == [
        f"{tmp_path / 'a.txt'}: empty file",
        f"{tmp_path / 'b.txt'}: empty file (only white space)",
    ]
    seen = []
    list(iter_articles([tmp_path], on_error=lambda p, e: seen.append(type(e))))
    assert seen == [EmptyFileError, EmptyFileError]
