"""Real inputs end to end: stdin with --name, undated articles, pages and PDFs, empty results."""

from __future__ import annotations

import json
from pathlib import Path

from positions.cli import main

from pdf_writer import pdf_bytes

PAGES = Path(__file__).parent / "data" / "pages"
MIXED = Path(__file__).parent / "data" / "sources" / "mixed"
HINT = ' add year = <YYYY> to [articles."{}"] in corpus.toml beside it, or pass --year'
FIX = "date them with an ISO file name (2021-09-24-name.txt), a date in corpus.toml, or --year YYYY"

OLD = (
    "MOSCOW, March 1. /TASS/. Russia backs a step-by-step approach to the Korean Peninsula issue"
    " and the resumption of dialogue, Foreign Minister Sergei Lavrov said.\n"
)
NEW = (
    "MOSCOW, March 2. /TASS/. Russia backs a phased and synchronized approach to the Korean"
    " Peninsula issue and the resumption of dialogue, Foreign Minister Sergei Lavrov said.\n"
)


def undated_line(path, dateline):
    name = Path(path).name
    return (
        f"positions: {path}: warning: undated: the dateline {dateline!r} gives no year;"
        + HINT.format(name)
    )


def test_articles_shows_where_each_date_came_from(runner, tmp_path):
    (tmp_path / "2021-09-24-kcna-statement.txt").write_text(
        "PYONGYANG, September 24 (KCNA) -- A spokesman said the talks must go on.\n"
    )
    (tmp_path / "2021-09-25-kcna.txt").write_text(
        "PYONGYANG, September 24 (KCNA) -- A spokesman said the talks must go on.\n"
    )
    (tmp_path / "2022-01-20-xinhua-wang.txt").write_text("Wang Yi said dialogue matters.\n")
    (tmp_path / "kcna.txt").write_text("PYONGYANG, September 24 (KCNA) -- Talks.\n")
    r = runner.invoke(main, ["articles", "--format", "json", str(tmp_path)])
    assert r.exit_code == 0
    rows = [(Path(x["path"]).name, x["date"], x["date_from"]) for x in json.loads(r.stdout)]
    assert rows == [
        ("2021-09-24-kcna-statement.txt", "2021-09-24", "dateline+file_name_year"),
        ("2021-09-25-kcna.txt", "2021-09-24", "dateline+file_name_year"),
        ("2022-01-20-xinhua-wang.txt", "2022-01-20", "file_name"),
        ("kcna.txt", None, None),
    ]
    assert r.stderr.splitlines() == [
        f"positions: {tmp_path / '2021-09-25-kcna.txt'}: warning: the dateline says 'September 24'"
        " but the file name says 2021-09-25; the dateline's day is kept",
        undated_line(tmp_path / "kcna.txt", "PYONGYANG, September 24 (KCNA) --"),
    ]


def test_stdin_with_an_ungdc_name_keeps_its_metadata(runner):
    text = (MIXED / "CHN_74_2019.txt").read_bytes()
    r = runner.invoke(main, ["articles", "-", "--name", "CHN_74_2019.txt", "--format", "json"], input=text)
    assert r.exit_code == 0, r.stderr
    (row,) = json.loads(r.stdout)
    assert (row["path"], row["country"], row["date"], row["date_from"], row["source"]) == (
        "CHN_74_2019.txt", "CHN", "2019", "file_name", "UNGDC",
    )  # fmt: skip


def test_stdin_without_a_name_is_plain_text_called_dash(runner):
    r = runner.invoke(main, ["articles", "-", "--format", "json"], input="SEOUL (Reuters) - Talks resumed.\n")
    assert r.exit_code == 0
    (row,) = json.loads(r.stdout)
    assert (row["path"], row["source"], row["date"], row["layout"]) == ("-", "Reuters", None, "text")


def test_stdin_page_and_pdf_by_their_names(runner):
    html = (PAGES / "news-envoy-interview.htm").read_bytes()
    r = runner.invoke(main, ["articles", "-", "--name", "envoy.html", "--format", "json"], input=html)
    (row,) = json.loads(r.stdout)
    assert (row["layout"], row["date"], row["date_from"], row["author"]) == (
        "html", "2022-01-20", "page_metadata", "Jane Doe",
    )  # fmt: skip
    pdf = pdf_bytes([["The talks resumed today in the capital."], ["Both sides spoke."]])
    r = runner.invoke(main, ["articles", "-", "--name", "2021-03-02-mfa.pdf", "--format", "json"], input=pdf)
    (row,) = json.loads(r.stdout)
    assert (row["layout"], row["pages"], row["date"], row["date_from"]) == ("pdf", 2, "2021-03-02", "file_name")


def test_name_without_dash_is_a_usage_error(runner, tmp_path):
    (tmp_path / "a.txt").write_text("Talks.\n")
    r = runner.invoke(main, ["articles", str(tmp_path / "a.txt"), "--name", "b.txt"])
    assert r.exit_code == 2
    assert "--name names the article read from '-' (stdin); give '-' with it" in r.stderr


def test_stdin_twice_is_one_error(runner, tmp_path):
    r = runner.invoke(main, ["articles", "-", "-", "--format", "json"], input="Talks went on.\n")
    assert r.exit_code == 1
    assert len(json.loads(r.stdout)) == 1
    assert r.stderr == "positions: -: standard input ('-') can be read only once\n"


def test_ingest_refuses_stdin_with_a_reason(runner, tmp_path):
    r = runner.invoke(main, ["ingest", "-", "--db", str(tmp_path / "s.db")], input="Talks.\n")
    assert r.exit_code == 2
    assert "ingest stores files by path and content hash: save stdin to a file" in r.stderr


def test_extract_reads_an_undated_article_with_a_warning(runner, tmp_path):
    path = tmp_path / "lavrov.txt"
    path.write_text(OLD)
    r = runner.invoke(main, ["extract", "--format", "json", str(path)])
    assert r.exit_code == 0
    assert [(s["speaker"], s["country"]) for s in json.loads(r.stdout)] == [("Sergei Lavrov", "RUS")]
    assert r.stderr == undated_line(path, "MOSCOW, March 1. /TASS/.") + "\n"


def test_extract_from_stdin(runner):
    r = runner.invoke(main, ["extract", "-", "--name", "2021-03-01-tass.txt", "--format", "json"], input=OLD)
    assert r.exit_code == 0 and r.stderr == ""
    (st,) = json.loads(r.stdout)
    assert (st["article"], st["country"], st["page"]) == ("2021-03-01-tass.txt", "RUS", None)


def test_extract_cites_the_page_of_a_pdf_statement(runner, tmp_path):
    pages = [
        ["News in brief", "24 September 2021", "Talks on the peninsula resumed in Geneva."],
        ["Russia backs a phased approach to the Korean Peninsula issue, Foreign Minister Sergei Lavrov said."],
    ]  # fmt: skip
    (tmp_path / "statement.pdf").write_bytes(pdf_bytes(pages))
    r = runner.invoke(main, ["extract", "--format", "json", str(tmp_path / "statement.pdf")])
    assert r.exit_code == 0, r.stderr
    found = [(s["speaker"], s["page"]) for s in json.loads(r.stdout)]
    assert ("Sergei Lavrov", 2) in found
    r = runner.invoke(main, ["extract", str(tmp_path / "statement.pdf")])
    assert "(p. 2) Russia backs a phased approach" in r.stdout


def test_two_file_diff_of_undated_files_with_warnings(runner, tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(OLD)
    new.write_text(NEW)
    r = runner.invoke(main, ["diff", str(old), str(new)])
    assert r.exit_code == 0
    assert "[-step-by-step-]{+phased and synchronized+}" in r.stdout
    assert r.stderr.splitlines() == [
        undated_line(old, "MOSCOW, March 1. /TASS/."),
        undated_line(new, "MOSCOW, March 2. /TASS/."),
    ]


def test_two_file_diff_with_stdin_named(runner, tmp_path):
    old = tmp_path / "2020-03-01-tass.txt"
    old.write_text(OLD)
    r = runner.invoke(main, ["diff", str(old), "-", "--name", "2021-03-02-tass.txt", "--format", "json"], input=NEW)
    assert r.exit_code == 0 and r.stderr == ""
    (d,) = [x for x in json.loads(r.stdout) if x["record"] == "diff"]  # one diff
    assert d["actor"] == "RUS"
    assert d["new_article"] == "2021-03-02-tass.txt"


def test_corpus_diff_reports_undated_articles_once_and_diffs_the_rest(runner, tmp_path):
    (tmp_path / "2020-03-01-tass.txt").write_text(OLD)
    (tmp_path / "2021-03-02-tass.txt").write_text(NEW)
    (tmp_path / "tass.txt").write_text(NEW.replace("March 2", "March 3"))
    r = runner.invoke(main, ["diff", str(tmp_path), "--actor", "RUS", "--format", "json"])
    assert r.exit_code == 0
    (d,) = [x for x in json.loads(r.stdout) if x["record"] == "diff"]
    assert [d["old_article"], d["new_article"]] == [
        str(tmp_path / "2020-03-01-tass.txt"),
        str(tmp_path / "2021-03-02-tass.txt"),
    ]
    assert r.stderr == (
        f"positions: warning: 1 undated article(s) left out of diff --by year: {tmp_path / 'tass.txt'};"
        f" {FIX}\n"
    )


def test_timeline_reads_stdin_and_reports_undated(runner, tmp_path):
    r = runner.invoke(main, ["timeline", "-", "--format", "json"], input=OLD)
    assert r.exit_code == 0
    assert r.stderr == f"positions: warning: 1 undated article(s) left out of the timeline (by year): -; {FIX}\n"


def test_empty_corpus_says_so(runner, tmp_path):
    (tmp_path / "notes.json").write_text("{}")
    r = runner.invoke(main, ["articles", str(tmp_path)])
    assert (r.exit_code, r.stdout) == (0, "")
    assert r.stderr == (
        "positions: no articles found; CORPUS takes files and directories of .txt, .md, .html, .pdf,"
        " .jsonl and .csv, or '-' for stdin (see docs/corpus-formats.md)\n"
    )
    r = runner.invoke(main, ["timeline", str(tmp_path)])
    assert r.stderr == (
        "positions: no articles in CORPUS; give files or directories of .txt, .md, .html, .pdf,"
        " .jsonl or .csv (see docs/corpus-formats.md)\n"
    )


def test_a_filter_matching_nothing_says_so(runner, tmp_path):
    (tmp_path / "a.txt").write_text(OLD)
    r = runner.invoke(main, ["kwic", str(tmp_path), "peace treaty"])
    assert (r.exit_code, r.stdout) == (0, "")
    assert r.stderr.splitlines()[-1] == (
        "positions: no match of 'peace treaty'; try fewer words, a '*' glob (denucleari*), or"
        " `positions lexicon show` for the concepts' patterns"
    )
    r = runner.invoke(main, ["extract", str(tmp_path / "a.txt"), "--year", "2020"])
    (tmp_path / "b.txt").write_text("The weather was fine all week.\n")
    r = runner.invoke(main, ["extract", str(tmp_path / "b.txt")])
    assert (r.exit_code, r.stdout) == (0, "")
    assert r.stderr.startswith("positions: no statements found in 1 article(s);")


def test_a_corpus_diff_with_one_period_says_so(runner, tmp_path):
    (tmp_path / "2021-03-01-tass.txt").write_text(OLD)
    (tmp_path / "2021-03-02-tass.txt").write_text(NEW)
    r = runner.invoke(main, ["diff", str(tmp_path)])
    assert (r.exit_code, r.stdout) == (0, "")
    assert r.stderr == (
        "positions: nothing to compare: no actor has statements in two periods (--by year) among"
        " 2 article(s); try --by article or month, a wider --from/--to, or another --actor or"
        " --concept\n"
    )


def test_report_cites_the_page_of_a_pdf_statement(runner, tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    for year, wording in ((2021, "a phased"), (2022, "a phased and synchronized")):
        pages = [
            ["News in brief", f"24 September {year}", "Talks on the peninsula resumed in Geneva."],
            [f"Russia backs {wording} approach to the Korean Peninsula issue, Foreign Minister"
             " Sergei Lavrov said."],
        ]  # fmt: skip
        (corpus / f"statement-{year}.pdf").write_bytes(pdf_bytes(pages))
    r = runner.invoke(main, ["report", str(corpus), "--out", str(out)])
    assert r.exit_code == 0, r.stderr
    actor = (out / "actor-rus.html").read_text(encoding="utf-8")
    assert "statement-2021.pdf s1, p. 2" in actor and "statement-2022.pdf s1, p. 2" in actor
    (page,) = [p for p in out.glob("article-*.html") if "2021" in p.read_text(encoding="utf-8")][:1]
    assert 's1</a> p.&nbsp;2</td>' in page.read_text(encoding="utf-8")


def test_timeline_and_compare_with_nothing_to_show_say_so(runner, tmp_path):
    (tmp_path / "2021-03-01-tass.txt").write_text(OLD)
    r = runner.invoke(main, ["timeline", str(tmp_path), "--concept", "roadmap", "--format", "json"])
    assert r.exit_code == 0
    assert r.stderr == (
        "positions: no concept 'roadmap' in the statements of 1 dated article(s); try another --concept,"
        " --role speaker, or `positions kwic` to see the wordings\n"
    )
    r = runner.invoke(main, ["compare", str(tmp_path), "--actors", "RUS", "--period", "1999", "--format", "csv"])
    assert r.exit_code == 0
    assert r.stderr == (
        "positions: no concept in the statements of RUS in 1999; try another --period or --actors"
        " (`positions timeline` shows who speaks when)\n"
    )


def test_year_option_in_a_corpus_command_says_what_it_dated(runner, tmp_path):
    (tmp_path / "2020-03-01-tass.txt").write_text(OLD)
    (tmp_path / "tass.txt").write_text(NEW)
    r = runner.invoke(main, ["timeline", str(tmp_path), "--year", "2021", "--format", "json"])
    assert r.exit_code == 0
    assert r.stderr == (
        f"positions: --year 2021 dated 1 of 2 article(s), those nothing else dates: {tmp_path / 'tass.txt'}\n"
    )
    assert [x["period"] for x in json.loads(r.stdout) if x["record"] == "active"] == ["2020", "2021"]
