"""Paths and terminal output with hostile input: globs that meet a directory symlink loop,
manifest entries that point outside the corpus, and control characters (ESC, OSC 8, C1,
newlines) in article text and file names."""

from __future__ import annotations

import os

import pytest

from positions.cli import main
from positions.sources import iter_articles
from positions.sources.globs import glob_paths
from positions.store import corpus_files

ARTICLE = ("MOSCOW, March {day}, 2018 (TASS) -- Russian Foreign Minister Sergei Lavrov said Moscow supports "
           "a step-by-step approach{extra}.\n")  # fmt: skip
OSC8 = "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\"
CONTROLS = ("\x1b", "\x9b", "\x07", "\r", "\u202e")


@pytest.fixture
def looped(tmp_path):
    """d/a.txt, d/sub/b.txt and d/sub/up -> .. (a loop for anything that follows it)."""
    d = tmp_path / "d"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(ARTICLE.format(day=1, extra=""))
    (d / "sub" / "b.txt").write_text(ARTICLE.format(day=2, extra=" again"))
    (d / "sub" / "up").symlink_to("..")
    return d


@pytest.mark.parametrize("pattern, both", [("{d}/**", True), ("{d}/**/*.txt", True), ("{d}/*/*.txt", False),
                                           ("{d}/sub/*", False)])  # fmt: skip
def test_globs_do_not_follow_a_directory_symlink_loop(runner, looped, tmp_path, pattern, both):
    given = pattern.format(d=looped)
    expected = ([str(looped / "a.txt")] if both else []) + [str(looped / "sub" / "b.txt")]
    assert [a.path for a in iter_articles([given])] == expected
    assert [str(p) for p in corpus_files([given])] == expected
    result = runner.invoke(main, ["articles", given])
    assert result.exit_code == 0 and result.stderr == ""
    assert len(result.stdout.splitlines()) == 1 + len(expected)
    db = str(tmp_path / "s.db")
    ingested = runner.invoke(main, ["ingest", given, "--db", db])
    assert ingested.exit_code == 0, ingested.stderr
    assert ingested.stdout.startswith(f"{db}: {len(expected)} files: {len(expected)} read")


def test_a_directory_walk_does_not_follow_the_loop_either(looped):
    assert [a.path for a in iter_articles([looped])] == [str(looped / "a.txt"), str(looped / "sub" / "b.txt")]


def test_glob_paths_matches_as_glob_does_where_no_symlink_is_met(tmp_path):
    import glob

    (tmp_path / "x" / "y").mkdir(parents=True)
    (tmp_path / "x" / ".h").mkdir()
    for name in ("x/a.txt", "x/b.md", "x/y/c.txt", "x/.h/d.txt", "x/.e.txt", "top.txt"):
        (tmp_path / name).write_text("t")
    for pattern in ("**", "**/*.txt", "x/**", "x/*", "x/*/", "*/*.txt", "x/.*", "x/[ab].*", "x/?.txt", "x/.h/*"):
        full = os.path.join(str(tmp_path), pattern)
        want = sorted(p.rstrip("/") if p.endswith("/") and pattern.endswith("**") else p
                      for p in glob.glob(full, recursive=True))  # fmt: skip
        assert glob_paths(full) == want, pattern


@pytest.mark.parametrize("entry", ["/etc/passwd", "/etc/no-such-file-here", "../outside.txt", "../d", "sub/a.txt"])
def test_manifest_entries_outside_the_corpus_are_errors_that_reveal_nothing(runner, tmp_path, entry):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE.format(day=1, extra=""))
    (corpus / "corpus.toml").write_text(f'[articles."{entry}"]\nsource = "TASS"\n')
    (tmp_path / "outside.txt").write_text("x")
    result = runner.invoke(main, ["articles", str(corpus)])
    assert result.exit_code == 1
    manifest = corpus / "corpus.toml"
    assert result.stderr == (f'positions: {manifest}: [articles."{entry}"]: not a file name of this directory '
                             "(a manifest describes only the files beside it)\n")  # fmt: skip


def test_control_characters_in_text_and_file_names_are_escaped_on_the_terminal(runner, tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    text = ('MOSCOW, March 1, 2018 (TASS) -- "We support a step-by-step approach \x1b[2J'
            f'{OSC8} \x9b31m and \u202eevil\u202c," Russian Foreign Minister Sergei Lavrov said.\n')  # fmt: skip
    (corpus / "x\x1b[31mred\x07\nfake.txt").write_text(text)
    (corpus / "b\x1b]0;title\x07.txt").write_text("")  # an empty file: a warning line naming it
    out = {}
    for args in (["extract", str(corpus)], ["articles", str(corpus)], ["kwic", str(corpus), "step-by-step"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, (args, result.output)  # an empty file is a warning
        out[args[0]] = result
        for stream in (result.stdout, result.stderr):
            assert not any(c in stream for c in CONTROLS), (args, stream)
        assert result.stderr.count("\n") == 1
        assert result.stderr.endswith("b\\x1b]0;title\\x07.txt: warning: empty file, skipped\n"), result.stderr
    assert "x\\x1b[31mred\\x07\\nfake.txt" in out["extract"].stdout
    assert "approach \\x1b[2J\\x1b]8;;https://evil.ex" in out["extract"].stdout
    assert len(out["articles"].stdout.splitlines()) == 2  # the header and one article: one line each


def test_diff_text_output_escapes_control_characters(runner, tmp_path):
    old, new = tmp_path / "old\x1b[1m.txt", tmp_path / "new.txt"
    old.write_text('MOSCOW, March 1, 2018 (TASS) -- "We support a step-by-step approach," Lavrov said.\n')
    new.write_text('MOSCOW, March 1, 2019 (TASS) -- "We support a phased approach \x1b]8;;http://x\x1b\\ '
                   '\x9b2J now," Lavrov said.\n')  # fmt: skip
    result = runner.invoke(main, ["diff", str(old), str(new)])
    assert result.exit_code == 0, result.output
    assert not any(c in result.stdout for c in CONTROLS), result.stdout
    assert "old\\x1b[1m.txt" in result.stdout and "\\x1b]8;;http://x\\x1b\\" in result.stdout
    assert "\\x9b2J" in result.stdout
