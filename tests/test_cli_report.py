"""``positions report``: the static site and the Markdown pages, from a store or a corpus."""

from __future__ import annotations

import pytest

from positions.cli import main
from positions.render.output import MARKER
from positions.render.report import build_report
from positions.store import open_store
from test_report import CORPUS, golden_corpus


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "g.db"
    with open_store(path) as store:
        for an in golden_corpus():
            store.put([an], file=an.article.path, file_hash=an.article.id)
    return str(path)


def _files(d):
    """The pages in ``d`` (not the marker a report leaves)."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(d.iterdir()) if p.name != MARKER}


def test_html_from_a_store_is_the_library_report(runner, db, tmp_path):
    out = tmp_path / "site"
    result = runner.invoke(main, ["report", "--db", db, "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{out}: 17 files (3 articles); open {out}/index.html\n"
    assert _files(out) == build_report(golden_corpus())


def test_markdown(runner, db, tmp_path):
    out = tmp_path / "md"
    result = runner.invoke(main, ["report", "--db", db, "--out", str(out), "--format", "markdown", "--title", "Sample"])
    assert result.exit_code == 0, result.stderr
    assert _files(out) == build_report(golden_corpus(), fmt="markdown", title="Sample")
    assert _files(out)["index.md"].startswith("# Sample\n")


def test_corpus_twice_same_bytes_and_same_as_store(runner, tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    assert runner.invoke(main, ["report", str(CORPUS), "--out", str(a), "--by", "month"]).exit_code == 0
    assert runner.invoke(main, ["report", str(CORPUS), "--out", str(b), "--by", "month"]).exit_code == 0
    db = str(tmp_path / "c.db")
    assert runner.invoke(main, ["ingest", str(CORPUS), "--db", db]).exit_code == 0
    assert runner.invoke(main, ["report", "--db", db, "--out", str(c), "--by", "month"]).exit_code == 0
    assert _files(a) == _files(b) == _files(c)
    assert "actor-rus.html" in _files(a)


@pytest.mark.parametrize("fmt", ["html", "markdown"])
@pytest.mark.parametrize("options", [[], ["--by", "month"], ["--role", "speaker"], ["--by", "month", "--role", "speaker"]])
def test_a_store_gives_the_bytes_of_the_corpus_it_holds(runner, tmp_path, fmt, options):
    db = str(tmp_path / "c.db")
    assert runner.invoke(main, ["ingest", str(CORPUS), "--db", db]).exit_code == 0
    direct, stored = tmp_path / "direct", tmp_path / "stored"
    args = ["--format", fmt, *options]
    first = runner.invoke(main, ["report", str(CORPUS), "--out", str(direct), *args])
    second = runner.invoke(main, ["report", "--db", db, "--out", str(stored), *args])
    assert first.exit_code == second.exit_code == 0, (first.stderr, second.stderr)
    assert first.stdout.replace(str(direct), "OUT") == second.stdout.replace(str(stored), "OUT")
    files = sorted(p.name for p in direct.iterdir())
    assert files == sorted(p.name for p in stored.iterdir())
    assert any(name.startswith("concept-") for name in files)
    assert all((direct / n).read_bytes() == (stored / n).read_bytes() for n in files)


def test_out_must_be_a_directory(runner, db, tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    r = runner.invoke(main, ["report", "--db", db, "--out", str(f)])
    assert r.exit_code == 2 and "is a file" in r.stderr


def test_out_refuses_a_directory_of_other_files_unless_forced(runner, db, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "index.html").write_text("my own page\n")
    r = runner.invoke(main, ["report", "--db", db, "--out", str(out)])
    assert r.exit_code == 1
    assert r.stderr == (f"positions: {out}: not empty and not written by `positions report` (no {MARKER} in it); "
                        "choose an empty or new directory, or use --force to write into it\n")  # fmt: skip
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]
    assert (out / "index.html").read_text() == "my own page\n"
    forced = runner.invoke(main, ["report", "--db", db, "--out", str(out), "--force"])
    assert forced.exit_code == 0, forced.stderr
    assert _files(out) == build_report(golden_corpus())
    # written by a report: written again without --force
    again = runner.invoke(main, ["report", "--db", db, "--out", str(out)])
    assert again.exit_code == 0, again.stderr


def test_a_report_directory_is_written_again_and_keeps_its_marker(runner, db, tmp_path):
    out = tmp_path / "r"
    for _ in range(2):
        r = runner.invoke(main, ["report", "--db", db, "--out", str(out), "--format", "markdown"])
        assert r.exit_code == 0, r.stderr
    assert (out / MARKER).is_file()
    assert not [p.name for p in out.iterdir() if ".tmp-" in p.name]


def test_a_symlink_in_out_is_replaced_never_written_through(runner, db, tmp_path):
    out = tmp_path / "r"
    assert runner.invoke(main, ["report", "--db", db, "--out", str(out)]).exit_code == 0
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    (out / "index.html").unlink()
    (out / "index.html").symlink_to(victim)
    (out / "actor-rus.html").unlink()
    (out / "actor-rus.html").symlink_to(tmp_path / "created-through-link.html")  # a dangling link
    r = runner.invoke(main, ["report", "--db", db, "--out", str(out)])
    assert r.exit_code == 0, r.stderr
    assert victim.read_text() == "keep me\n"
    assert not (tmp_path / "created-through-link.html").exists()
    assert not (out / "index.html").is_symlink() and not (out / "actor-rus.html").is_symlink()
    assert _files(out) == build_report(golden_corpus())
