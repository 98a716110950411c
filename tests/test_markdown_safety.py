"""Markdown output escapes data by construction: a corpus of hostile article text and file names
(double backticks, ``<img onerror>``, ``[x](javascript:..)``, a newline in a file name) goes
through the pipeline, and every Markdown page of the report and the Markdown diff are rendered
with a CommonMark renderer (markdown-it-py, with GFM tables and strikethrough as a documentation
site has them). No raw HTML and no link or image may come from data; the hostile strings must be
shown, as text."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from positions.cli import main
from positions.render.markdown import _line, code, escape, name
from positions.render.terminal import printable

markdown_it = pytest.importorskip("markdown_it")

IMG = "<img src=x onerror=alert(1)>"
LINK = "[x](javascript:alert(1))"
NAMES = [
    "2018-03-01 x``" + IMG + "``.txt",  # the reproducer of issue 13: a double backtick ends ``..``
    "2019-04-10 " + LINK + " `a` ```b.txt",
    "2020-05-20 a\n<div onmouseover=alert(1)>\n- b.txt",  # a newline would start an HTML block
]
TEXTS = [
    "MOSCOW, March 1, 2018 (TASS) -- Russian Foreign Minister Sergei Lavrov said on Thursday that "
    f"Moscow supports a step-by-step approach ``{IMG}`` and {LINK} on the Korean Peninsula.\n\n"
    f'"We call for the resumption of dialogue <script>alert(1)</script> &lt;b&gt; {LINK}," Lavrov told reporters.',
    "MOSCOW, April 10, 2019 (TASS) -- Russian Deputy Foreign Minister Igor Morgulov said Russia "
    f"favours a phased and synchronized approach ``{IMG}`` and the resumption of dialogue {LINK}.\n\n"
    '"We want the resumption of dialogue <b onclick=alert(1)>now</b> | x | ~~y~~," Morgulov said.',
    "MOSCOW, May 20, 2020 (TASS) -- Russian Foreign Minister Sergei Lavrov said Moscow favours a "
    f"gradual easing of sanctions {IMG} and sees no point in dialogue {LINK} for now.\n\n"
    "===\n- 1. <!-- x --> <?php ?> <![CDATA[ x ]]> https://example.org javascript:alert(1)",
]


def _md():
    return markdown_it.MarkdownIt("commonmark", {"html": True, "linkify": False}).enable(["table", "strikethrough"])


def _check(page: str, text: str, allowed_links: set[str]) -> str:
    """Render ``text``; fail on any raw HTML or any link/image to a place the renderer did not
    get from us. Returns the HTML."""
    md = _md()
    tokens = md.parse(text)

    def walk(toks):
        for t in toks:
            yield t
            yield from walk(t.children or [])

    for t in walk(tokens):
        assert t.type not in ("html_block", "html_inline", "image"), f"{page}: raw {t.type} {t.content!r}"
        if t.type == "link_open":
            href = t.attrGet("href")
            assert href in allowed_links, f"{page}: link to {href!r}"
    html = md.render(text)
    assert not re.search(r"<(img|script|div|b |b>|!--|\?php)", html), page
    return html


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    for file_name, text in zip(NAMES, TEXTS):
        (root / file_name).write_text(text, encoding="utf-8")
    return root


def test_report_and_diff_markdown_show_hostile_data_as_text(corpus, tmp_path):
    runner = CliRunner()
    out = tmp_path / "md"
    result = runner.invoke(main, ["report", str(corpus), "--format", "markdown", "--out", str(out)])
    assert result.exit_code == 0, result.output
    pages = {p.name: p.read_text(encoding="utf-8") for p in out.iterdir() if p.suffix == ".md"}
    assert {"index.md", "actor-rus.md", "concept-dialogue.md"} <= set(pages)
    links = set(pages)
    shown = ""
    for page, text in sorted(pages.items()):
        shown += _check(page, text, links)
    diff = runner.invoke(main, ["diff", str(corpus), "--actor", "RUS", "--format", "markdown", "--all-passages"])
    assert diff.exit_code == 0, diff.output
    shown += _check("diff", diff.stdout, set())
    # the data is there, as text
    assert "x``&lt;img src=x onerror=alert(1)&gt;``.txt" in shown  # the file name, in a code span
    assert "a\\n&lt;div onmouseover=alert(1)&gt;\\n- b.txt" in shown  # the newline shown as \n
    assert "[x](javascript:alert(1))" in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "&amp;lt;b&amp;gt;" in shown  # an entity in the text is shown as written


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("`<>[]()!&#*_~|\\-=+.1 \n\r\ta:/\"'x;\x00\x1b\u00a0\u2028")), max_size=40))
def test_escape_code_and_name_never_make_markup(text):
    # in a paragraph, a list item and a table cell, whatever the characters
    for doc in (f"a {escape(text)} {code(text)} {name(text)}",
                f"- a {escape(text)} {code(text)}",
                _line(escape(text).strip()),  # data that begins a line (a diff line)
                f"a line  \n{_line(escape(text).strip())}",  # under a line: no setext underline
                f"| h |\n|---|\n| {code(text, table=True)} {escape(text)} |"):  # fmt: skip
        tokens = _md().parse(doc)
        kinds = {t.type for t in tokens} | {c.type for t in tokens for c in (t.children or [])}
        assert not kinds & {"html_block", "html_inline", "image", "link_open", "em_open", "strong_open",
                            "s_open", "heading_open", "hr", "code_block", "fence", "blockquote_open",
                            "ordered_list_open"}, (doc, kinds)  # fmt: skip
    # a code span holds the text exactly (control characters shown as escapes)
    spans = [c.content for t in _md().parse(f"a {code(text)}") for c in (t.children or []) if c.type == "code_inline"]
    assert spans == [printable(text)] or (not printable(text).strip(" ") and len(spans) <= 1)
