"""A store that notices: damage found on open for writes (quick_check, integrity_check with
--verify) and while reading, one clear line for each command; foreign SQLite files refused before
anything changes them; read-only stores readable; ``ingest --rebuild``."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from positions.cli import main
from positions.errors import StoreError
from positions.sources import bundled_corpus
from positions.store import open_store, rebuild_store

PAGE = 4096


@pytest.fixture(scope="module")
def good_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("good") / "good.db"
    result = CliRunner().invoke(main, ["ingest", "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def runner():
    return CliRunner()


def _garble(src: Path, dst: Path, *, table: str = "articles", pages: int = 4) -> None:
    """Copy ``src`` to ``dst`` with ``pages`` leaf pages of ``table`` in the middle overwritten."""
    conn = sqlite3.connect(str(src))
    try:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        try:
            leaves = [r[0] for r in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", (table,))]  # fmt: skip
        except sqlite3.OperationalError:  # no dbstat in this SQLite: the middle of the file
            n = conn.execute("PRAGMA page_count").fetchone()[0]
            leaves = list(range(n // 2 - 2, n // 2 + 2))
    finally:
        conn.close()
    mid = len(leaves) // 2
    data = bytearray(src.read_bytes())
    for pageno in leaves[max(0, mid - pages // 2) : mid - pages // 2 + pages]:
        data[(pageno - 1) * size : pageno * size] = bytes([0xA5]) * size
    dst.write_bytes(bytes(data))


@pytest.fixture
def damaged(good_store, tmp_path):
    path = tmp_path / "damaged.db"
    _garble(good_store, path)
    return path


def _one_damage_line(result, db):
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"positions: the store {db} is damaged: "), result.stderr
    assert result.stderr.endswith(f"; run `positions ingest CORPUS --db {db} --rebuild`\n"), result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["ingest"],
        ["ingest", "--verify"],
        ["report", "--out", "{tmp}/site"],
        ["report", "--format", "markdown", "--out", "{tmp}/md"],
        ["diff"],
        ["diff", "--actor", "RUS", "--format", "json"],
        ["timeline"],
        ["articles"],
        ["kwic", "phased"],
    ],
)
def test_a_damaged_store_is_one_clear_line(runner, damaged, tmp_path, command):
    args = [a.replace("{tmp}", str(tmp_path)) for a in command] + ["--db", str(damaged)]
    _one_damage_line(runner.invoke(main, args), damaged)


def test_quick_check_on_open_for_writes_and_damage_met_while_reading(damaged):
    with pytest.raises(StoreError, match=r"is damaged: quick_check: "):
        open_store(damaged)
    with pytest.raises(StoreError, match=r"is damaged: integrity_check: "):
        open_store(damaged, verify=True)
    with open_store(damaged, create=False) as store:  # reads are not checked up front …
        with pytest.raises(StoreError, match=r"is damaged: database disk image is malformed; run"):
            list(store.analyses())  # … but what they meet is one clear error


def test_a_row_that_does_not_read_back_is_damage(good_store, tmp_path):
    path = tmp_path / "rows.db"
    shutil.copy(good_store, path)
    conn = sqlite3.connect(str(path))
    conn.execute("UPDATE articles SET warnings = '[' WHERE pk = (SELECT max(pk) FROM articles)")
    conn.commit()
    conn.close()
    with open_store(path, create=False) as store:
        with pytest.raises(StoreError, match=r"is damaged: a row does not read back \(JSONDecodeError"):
            list(store.articles())


def test_rebuild_replaces_a_damaged_store_from_the_corpus(runner, damaged, good_store):
    Path(f"{damaged}-wal").write_bytes(b"stale")  # the old file's WAL must not meet the new file
    result = runner.invoke(main, ["ingest", "--db", str(damaged), "--rebuild"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{damaged}: ")
    assert sorted(p.name for p in damaged.parent.iterdir()) == ["damaged.db"]
    with open_store(damaged, verify=True) as new, open_store(good_store, create=False) as old:
        assert list(new.analyses()) == list(old.analyses())
        assert attrs_dict(new.stats()) == {**attrs_dict(old.stats()), "path": str(damaged)}
    again = runner.invoke(main, ["ingest", "--db", str(damaged)])
    assert again.exit_code == 0 and " 0 read (0 replaced), " in again.stdout


def attrs_dict(record):
    import attrs

    return attrs.asdict(record)


def test_rebuild_of_a_missing_store_makes_one(tmp_path):
    path = tmp_path / "new.db"
    corpus = [p for p in bundled_corpus()]
    result, stats = rebuild_store(path, corpus[:1] if Path(corpus[0]).is_file() else corpus)
    assert stats.path == str(path) and stats.articles == result.articles > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.db"]


def _foreign(path: Path, version: int = 1) -> bytes:
    conn = sqlite3.connect(str(path))
    conn.execute("CREATE TABLE articles (id INTEGER, body TEXT)")
    conn.execute("INSERT INTO articles VALUES (1, 'mine')")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize(
    "command", [["ingest"], ["ingest", "--rebuild"], ["report", "--out", "{tmp}/site"], ["timeline"], ["diff"]]
)
def test_a_foreign_sqlite_file_with_user_version_1_is_refused_untouched(runner, tmp_path, command):
    path = tmp_path / "theirs.db"
    before = _foreign(path)
    args = [a.replace("{tmp}", str(tmp_path)) for a in command] + ["--db", str(path)]
    result = runner.invoke(main, args)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"positions: {path}: an SQLite database (user_version 1), but not a positions store (another table 'articles')"
    ), result.stderr
    assert result.stderr.count("\n") == 1
    assert path.read_bytes() == before  # not switched to WAL (header bytes 18-19 stay 1, 1)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("theirs")) == ["theirs.db"]


def test_rebuild_refuses_a_file_that_is_not_sqlite(runner, tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("my notes\n")
    result = runner.invoke(main, ["ingest", "--db", str(path), "--rebuild"])
    assert result.exit_code == 1
    assert result.stderr == (f"positions: {path}: not an SQLite file; --rebuild replaces only a positions store "
                             "(remove the file yourself if it was one)\n")  # fmt: skip
    assert path.read_text() == "my notes\n"


def test_rebuild_and_prune_do_not_go_together(runner, tmp_path):
    result = runner.invoke(main, ["ingest", "--db", str(tmp_path / "s.db"), "--rebuild", "--prune"])
    assert result.exit_code == 2 and "--prune has nothing to remove with --rebuild" in result.stderr


def _read_summary(path: Path) -> dict:
    with open_store(path, create=False) as store:
        return {"articles": sum(1 for _ in store.analyses()), "stats": store.stats().articles}


def _in_child(fn, *, user: int | None) -> dict:
    """``fn()`` in a forked child, as ``user`` when given (needs root): its JSON result, or
    the error it raised."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.close(r)
            if user is not None:
                os.setgroups([])
                os.setgid(user)
                os.setuid(user)
            out = fn()
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            out = {"error": f"{type(exc).__name__}: {exc}"}
        try:
            os.write(w, json.dumps(out).encode())
        finally:
            os._exit(0)
    os.close(w)
    data = b""
    while chunk := os.read(r, 65536):
        data += chunk
    os.close(r)
    os.waitpid(pid, 0)
    return json.loads(data)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_store_in_a_read_only_directory_can_be_read(good_store):
    expected = _read_summary(good_store)  # also imports everything the child will need
    root = Path(tempfile.mkdtemp(prefix="positions-ro-"))
    try:
        os.chmod(root, 0o755)
        ro = root / "ro"
        ro.mkdir()
        shutil.copy(good_store, ro / "s.db")  # closed: no -wal or -shm beside it
        digest = hashlib.sha256((ro / "s.db").read_bytes()).hexdigest()
        os.chmod(ro / "s.db", 0o444)
        os.chmod(ro, 0o555)
        # root writes anywhere: read as an unprivileged user then, for whom the place is read-only
        user = 65534 if os.geteuid() == 0 else None
        assert _in_child(lambda: _read_summary(ro / "s.db"), user=user) == expected
        assert _in_child(lambda: {"w": os.access(ro, os.W_OK)}, user=user) == {"w": False}
        assert sorted(p.name for p in ro.iterdir()) == ["s.db"]
        assert hashlib.sha256((ro / "s.db").read_bytes()).hexdigest() == digest
        # and a writer there gets one line, not a traceback
        got = _in_child(lambda: (open_store(ro / "s.db").close(), {})[1], user=user)
        assert got["error"].startswith(f"StoreError: {ro / 's.db'}: "), got
    finally:
        for d in (root / "ro", root):
            if d.exists():
                os.chmod(d, 0o755)
        shutil.rmtree(root)


def test_a_read_only_store_file_is_read_without_changing_it(good_store, tmp_path):
    path = tmp_path / "s.db"
    shutil.copy(good_store, path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    os.chmod(path, 0o444)
    assert _read_summary(path) == _read_summary(good_store)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_a_rebuild_that_fails_leaves_the_old_store_as_it_was(damaged, tmp_path):
    before = damaged.read_bytes()
    with pytest.raises(Exception, match="no such file or directory"):
        rebuild_store(damaged, [tmp_path / "no-such-corpus"])  # no on_error: the first error is raised
    assert damaged.read_bytes() == before
    assert sorted(p.name for p in damaged.parent.iterdir()) == ["damaged.db"]
