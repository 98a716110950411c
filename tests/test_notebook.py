"""Notebook views (``_repr_html_``): the pages' diff and heatmap, escaped and self-contained."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

import positions
from positions.render import render_diffs
from positions.render.notebook import Html, html_of
from positions.track import timeline

HOSTILE_OLD = (
    'MOSCOW, March 1, 2018 (TASS) -- "We support a step-by-step approach on the Korean Peninsula <script>alert(1)</script>'
    ' <img src=http://evil.example/x.png onerror=alert(2)>," Russian Foreign Minister Sergei Lavrov said.\n'
)
HOSTILE_NEW = (
    'MOSCOW, March 1, 2019 (TASS) -- "We support a phased and synchronized approach on the Korean Peninsula'
    ' <style>body{display:none}</style> <a href="https://evil.example">x</a> </div>,"'
    " Russian Foreign Minister Sergei Lavrov said.\n"
)
ALLOWED_TAGS = {"div", "style", "p", "del", "ins", "h3", "h4", "code", "table", "thead", "tbody", "tr",
                "th", "td", "b", "br", "ul", "li", "span", "caption"}  # fmt: skip


@pytest.fixture(scope="module")
def analyses(tmp_path_factory):
    d = tmp_path_factory.mktemp("nb")
    (d / "2018-03-01-tass.txt").write_text(HOSTILE_OLD, encoding="utf-8")
    (d / "2019-03-01-tass.txt").write_text(HOSTILE_NEW, encoding="utf-8")
    return list(positions.analyze_corpus(positions.iter_articles([d])))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.style += data


def assert_safe(html: str) -> None:
    """One <div> with one scoped <style>; only text markup; no link, script or asset."""
    assert html.startswith('<div class="positions-nb"><style>') and html.rstrip().endswith("</div>")
    parsed = _Tags()
    parsed.feed(html)
    tags = [t for t, _ in parsed.tags]
    assert set(tags) <= ALLOWED_TAGS, set(tags) - ALLOWED_TAGS
    assert tags.count("style") == 1 and tags.count("div") == html.count("</div>")
    for tag, attrs in parsed.tags:
        assert set(attrs) <= {"class", "title", "colspan", "scope", "style"}, (tag, attrs)
        assert not any("http" in (v or "") or "url(" in (v or "") for v in attrs.values()), (tag, attrs)
    assert "url(" not in parsed.style and "@import" not in parsed.style and "http" not in parsed.style
    assert all(rule.strip().startswith(".positions-nb") for rule in parsed.style.split("}") if rule.strip())


def test_text_diff_is_escaped_and_self_contained():
    d = positions.diff_texts(HOSTILE_OLD, HOSTILE_NEW)
    html = d._repr_html_()
    assert_safe(html)
    assert "&lt;<del>script&gt;alert(1)</del>" in html  # the markup of the text is text and "<ins>phased and synchronized</ins>" in html
    assert f"similarity {d.similarity:.2f}" in html


def test_position_diff_shows_the_pages_diff(analyses):
    (change,) = positions.successive_diffs(analyses, "RUS", by="year")
    html = change._repr_html_()
    assert_safe(html)
    assert "RUS: 2018 → 2019" in html
    assert "style&gt;body{display:none}" in html
    page = render_diffs([change], "html", all_passages=False)  # the CLI's default, and the notebook's
    passages = re.findall(r'<p class="passage">.*?</p>', html, re.S)
    assert passages and all(p in page for p in passages)  # the same coloured diff as the page


def test_timeline_shows_the_pages_heatmap(analyses):
    from positions.render.timeline import render_timeline

    tl = timeline(analyses, by="year")
    html = tl._repr_html_()
    assert_safe(html)
    grid = re.findall(r'<table class="heat">.*?</table>', html, re.S)
    page = render_timeline(tl, "html")
    assert grid and grid == re.findall(r'<table class="heat">.*?</table>', page, re.S)


def test_analysis_shows_statements_with_markers(analyses):
    html = analyses[0]._repr_html_()
    assert_safe(html)
    assert "<td>Sergei Lavrov</td><td>RUS</td>" in html
    assert '<b class="mk" title="phased">step-by-step</b>' in html
    assert "&lt;img src=http://evil.example/x.png onerror=alert(2)&gt;" in html


def test_a_list_of_diffs_and_the_errors(analyses):
    changes = positions.successive_diffs(analyses, "RUS", by="year")
    assert Html(changes)._repr_html_() == html_of(changes) == changes[0]._repr_html_()
    with pytest.raises(TypeError, match="no notebook view for int"):
        html_of(3)
