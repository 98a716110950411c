"""positions.render.writers: flat tables written a record at a time give the same text as
written at once."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from positions.render.writers import _cell, iter_records, iter_table, table, write_records

COLUMNS = ("schema", "a", "b", "c")
VALUES = st.none() | st.booleans() | st.integers() | st.text(max_size=12) | st.lists(st.text(max_size=5), max_size=3)
ROWS = st.lists(st.fixed_dictionaries({}, optional={"a": VALUES, "b": VALUES, "c": VALUES}), max_size=12)


@settings(max_examples=80, deadline=None)
@given(ROWS, st.integers(1, 5))
def test_pieces_join_to_the_whole_table(rows, batch):
    records = table("t/1", COLUMNS, rows)
    assert list(iter_table("t/1", COLUMNS, rows)) == records
    whole = {
        "json": json.dumps(records, ensure_ascii=False, indent=2) + "\n",
        "jsonl": "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
    }
    for fmt in ("json", "jsonl", "csv"):
        text = "".join(iter_records(iter(records), fmt, columns=COLUMNS, batch=batch))
        assert text == write_records(records, fmt, columns=COLUMNS)
        if fmt in whole:
            assert text == whole[fmt]
            loaded = json.loads(text) if fmt == "json" else [json.loads(line) for line in text.split("\n")[:-1]]
            assert loaded == records
        else:
            got = list(csv.reader(io.StringIO(text, newline="")))
            assert got[0] == list(COLUMNS) and len(got) == len(records) + 1
            assert got[1:] == [[_cell(r[c]) for c in COLUMNS] for r in records]  # a CR in a value too


def test_records_are_written_as_they_come():
    """The first piece is out before the second record is made: nothing holds the table."""
    made = []

    def rows():
        for i in range(3):
            made.append(i)
            yield {"schema": "t/1", "a": i, "b": None, "c": None}

    pieces = iter_records(rows(), "jsonl", columns=COLUMNS)
    assert next(pieces) == '{"schema": "t/1", "a": 0, "b": null, "c": null}\n' and made == [0]
    assert "".join(iter_records([], "json", columns=COLUMNS)) == "[]\n"
    assert "".join(iter_records([], "csv", columns=COLUMNS)) == "schema,a,b,c\n"


def test_unknown_format_and_column_are_refused_at_once():
    with pytest.raises(ValueError, match="unknown data format 'xml'"):
        iter_records([], "xml", columns=COLUMNS)
    with pytest.raises(ValueError, match=r"t/1: columns \['d'\] are not in the table"):
        list(iter_table("t/1", COLUMNS, [{"d": 1}]))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="ab\n", max_size=6), max_size=6))
def test_ending_in_one_newline_is_the_stripped_join(pieces):
    from positions.render.writers import ending_in_one_newline

    assert "".join(ending_in_one_newline(pieces)) == "".join(pieces).rstrip("\n") + "\n"


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json", "jsonl", "csv"])
@pytest.mark.parametrize("options", [{}, {"all_passages": False}, {"overview": True}])
def test_a_corpus_diff_written_in_pieces_is_the_whole_text(fmt, options):
    from positions import analyze_corpus, bundled_corpus, diff_corpus, iter_articles
    from positions.render import iter_render_diffs, render_diffs
    from positions.track import diff_overview

    analyses = list(analyze_corpus(iter_articles([str(p) for p in bundled_corpus()])))
    diffs = diff_corpus(analyses)
    opts = dict(options)
    if opts.pop("overview", False):
        opts["overview"] = diff_overview(analyses, diffs, by="year")
    pieces = list(iter_render_diffs(diffs, fmt, **opts))
    assert "".join(pieces) == render_diffs(diffs, fmt, **opts)
    assert len(pieces) > 1  # a piece per record, diff or template part: not one string
    assert "".join(iter_render_diffs([], fmt)) == render_diffs([], fmt)
