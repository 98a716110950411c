"""--encoding: UTF-8 by default, any codec by name, or detected (charset-normalizer)."""

from __future__ import annotations

import json
import re

import pytest

from positions.cli import main
from positions.errors import SourceError
from positions.sources import decode_text, iter_articles, read_article

TEXT = (
    'MOSCOW, March 1, 2018 (TASS) -- "We support a step-by-step approach to the '
    'dénucléarisation de la péninsule coréenne," Russian Foreign Minister Sergei Lavrov said.\n'
)


@pytest.fixture
def latin1(tmp_path):
    path = tmp_path / "2018-03-01-tass.txt"
    path.write_bytes(TEXT.encode("latin-1"))
    return path


def test_utf8_is_the_default_and_says_how_to_read_another(latin1):
    with pytest.raises(SourceError, match=r"invalid UTF-8 at byte 76 .*give its encoding with --encoding"):
        read_article(latin1)


@pytest.mark.parametrize("encoding", ["latin-1", "ISO-8859-1", "cp1252", "auto"])
def test_a_named_or_detected_encoding_reads_the_text(latin1, encoding):
    assert read_article(latin1, encoding=encoding).text == TEXT


def test_auto_says_which_codec_it_guessed(tmp_path, latin1, runner):
    utf8 = tmp_path / "2018-03-01-tass-utf8.txt"
    utf8.write_text(TEXT, encoding="utf-8")
    assert read_article(utf8, encoding="auto").warnings == ()
    (warning,) = read_article(latin1, encoding="auto").warnings
    assert re.fullmatch(r"not UTF-8; decoded as cp125[02] \(--encoding auto\)", warning), warning
    assert read_article(latin1, encoding="latin-1").warnings == ()  # a codec given is not a guess
    result = runner.invoke(main, ["articles", "--encoding", "auto", str(tmp_path)])
    assert result.exit_code == 0
    assert result.stderr == f"positions: {latin1}: warning: {warning}\n"


def test_auto_keeps_utf8_and_detects_cyrillic():
    assert decode_text(TEXT.encode("utf-8"), "a.txt", encoding="auto") == TEXT
    ru = "Заявление министерства иностранных дел Российской Федерации о ситуации на Корейском полуострове."
    assert decode_text(ru.encode("cp1251"), "a.txt", encoding="auto") == ru


def test_a_wrong_codec_is_one_line_naming_the_byte():
    with pytest.raises(SourceError) as err:
        decode_text(b"ok\n\xff", "a.txt", encoding="ascii")
    assert str(err.value).startswith("a.txt: invalid ascii at byte 3 (line 2): 0xff;")


def test_exports_are_decoded_in_the_encoding(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_bytes(("text,date\n" + '"' + TEXT.strip().replace('"', '""') + '",2018-03-01\n').encode("cp1252"))
    for encoding in ("cp1252", "auto"):
        (article,) = iter_articles([path], encoding=encoding)
        assert "dénucléarisation" in article.text


def test_cli_encoding_option(runner, latin1):
    bad = runner.invoke(main, ["articles", str(latin1)])
    assert bad.exit_code == 1 and "--encoding" in bad.stderr
    for value in ("latin-1", "auto"):
        result = runner.invoke(main, ["extract", "--encoding", value, "--format", "json", str(latin1)])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)[0]["text"].endswith("dénucléarisation de la péninsule coréenne")
    unknown = runner.invoke(main, ["articles", "--encoding", "klingon", str(latin1)])
    assert unknown.exit_code == 2 and "unknown encoding 'klingon'" in unknown.output


@pytest.mark.parametrize("command", ["articles", "extract", "eval", "kwic", "diff", "ingest", "timeline", "compare", "report"])
def test_every_command_that_reads_files_takes_encoding(runner, command):
    assert "--encoding CODEC" in runner.invoke(main, [command, "--help"]).output
