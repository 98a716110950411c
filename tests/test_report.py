"""The static report (positions.render.report): golden pages, links, escaping, determinism.

The golden corpus is built here from records (not through the pipeline), so that the goldens
change only when the report does. Regenerate them with::

    UPDATE_GOLDEN=1 pytest tests/test_report.py

and read the diff before committing it.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

from positions.model import Analysis, Article, Marker, PartialDate, Span, Speaker, Statement
from positions.render.report import build_report, report_pages, write_report
from positions.render.timeline import render_comparison, render_timeline
from positions.track import compare, timeline

GOLDEN = Path(__file__).parent / "golden" / "report"
CORPUS = GOLDEN / "corpus"
UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '"><img src=x onerror=alert(1)>'


def _article(aid, path, date, text, *, source=None, title=None, url=None):
    body_start = text.index("\n\n") + 2 if "\n\n" in text else 0
    return Article(aid, path, text, Span(body_start, len(text)), source=source, date=date, title=title, url=url)


def _find(text, words, after=0):
    i = text.index(words, after)
    return Span(i, i + len(words))


def _statement(art, words, kind, country, holders, markers=(), speaker=None):
    span = _find(art.text, words)
    ms = []
    for concept, surface, *rest in markers:
        m_span = _find(art.text, surface, span.start)
        polarity = rest[0] if rest else "affirmed"
        ms.append(Marker(concept, surface, surface.lower().replace("-", " "), m_span, polarity=polarity))
    return Statement(art.id, span, words, kind, speaker=Speaker(name=speaker, country=country) if speaker else None,
                     country=country, holders=holders, parts=(span,), markers=tuple(ms))  # fmt: skip


def _analysis(art, statements):
    markers = tuple(sorted({m for s in statements for m in s.markers}, key=lambda m: m.span))
    return Analysis(art, tuple(statements), markers)


def golden_corpus(*, evil: bool = False) -> list[Analysis]:
    a1 = _article(
        "a1", "corpus/2018-03-01-tass.md", PartialDate(2018, 3, 1),
        "MOSCOW, March 1. /TASS/.\n\nRussian Foreign Minister Sergei Lavrov said on Thursday that Moscow "
        "supports a step-by-step approach to the nuclear problem of the Korean Peninsula.\n\n\"We call for "
        "the resumption of dialogue without preconditions,\" Lavrov told reporters.",
        source="TASS", title="Lavrov backs step-by-step approach", url="https://example.org/tass/lavrov",
    )  # fmt: skip
    a2 = _article(
        "a2", "corpus/2019-04-10-xinhua.md", PartialDate(2019, 4, 10),
        "BEIJING, April 10 (Xinhua)\n\nRussian Deputy Foreign Minister Igor Morgulov said Russia favours a "
        "phased and synchronized approach and the resumption of dialogue. Chinese spokesman Lu Kang said "
        "Beijing supports the resumption of dialogue. Russia and China submitted a roadmap.",
        source="Xinhua", title="Russia and China urge synchronized steps",
    )  # fmt: skip
    a3 = _article(
        "a3", "corpus/2020-05-20-kyodo.md", PartialDate(2020, 5, 20),
        "TOKYO, May 20 (Kyodo)\n\nLavrov said Moscow favours a gradual easing of sanctions and sees no "
        "point in dialogue for now.",
        source="Kyodo", title="Moscow calls for easing of sanctions",
    )  # fmt: skip
    out = [
        _analysis(a1, [
            _statement(a1, "Moscow supports a step-by-step approach to the nuclear problem of the Korean Peninsula",
                       "reported", "RUS", ("RUS",), [("phased", "step-by-step")], "Sergei Lavrov"),
            _statement(a1, "We call for the resumption of dialogue without preconditions", "direct", "RUS", ("RUS",),
                       [("dialogue", "resumption of dialogue")], "Sergei Lavrov"),
        ]),
        _analysis(a2, [
            _statement(a2, "Russia favours a phased and synchronized approach and the resumption of dialogue",
                       "reported", "RUS", ("RUS",),
                       [("phased", "phased"), ("synchronized", "synchronized"), ("dialogue", "resumption of dialogue")],
                       "Igor Morgulov"),
            _statement(a2, "Beijing supports the resumption of dialogue", "reported", "CHN", ("CHN",),
                       [("dialogue", "resumption of dialogue")], "Lu Kang"),
            _statement(a2, "Russia and China submitted a roadmap", "document", None, ("CHN", "RUS"),
                       [("roadmap", "roadmap")]),
        ]),
        _analysis(a3, [
            _statement(a3, "Moscow favours a gradual easing of sanctions and sees no point in dialogue for now",
                       "reported", "RUS", ("RUS",),
                       [("phased", "gradual"), ("sanctions_relief", "easing of sanctions"),
                        ("dialogue", "dialogue", "negated")], "Sergei Lavrov"),
        ]),
    ]  # fmt: skip
    if evil:
        text = (f"{XSS_SCRIPT} {XSS_IMG}\n\nLavrov said that {XSS_SCRIPT} Moscow supports the resumption of "
                f"dialogue {XSS_IMG} on the peninsula.")  # fmt: skip
        a4 = _article("a4", "corpus/2021-01-05-evil.md", PartialDate(2021, 1, 5), text,
                      source=f"{XSS_SCRIPT} {XSS_IMG}", title=f"{XSS_SCRIPT} {XSS_IMG}",
                      url="javascript:alert(1)")  # fmt: skip
        words = f"{XSS_SCRIPT} Moscow supports the resumption of dialogue {XSS_IMG}"
        out.append(_analysis(a4, [_statement(a4, words, "reported", "RUS", ("RUS",),
                                             [("dialogue", "resumption of dialogue")], XSS_SCRIPT)]))  # fmt: skip
    return out


def _check_golden(directory: Path, pages: dict[str, str]) -> None:
    if UPDATE:
        directory.mkdir(parents=True, exist_ok=True)
        for old in directory.iterdir():
            old.unlink()
        for name, text in pages.items():
            (directory / name).write_text(text, encoding="utf-8", newline="\n")
    expected = sorted(p.name for p in directory.iterdir())
    assert sorted(pages) == expected, "pages differ from the goldens (UPDATE_GOLDEN=1 regenerates)"
    for name, text in pages.items():
        assert text == (directory / name).read_text(encoding="utf-8"), f"{name} differs from its golden"


def test_html_report_matches_golden():
    pages = build_report(golden_corpus())
    assert sorted(pages) == [
        "actor-chn.html", "actor-rus.html", "article-a1.html", "article-a2.html", "article-a3.html",
        "concept-dialogue.html", "concept-phased.html", "concept-roadmap.html",
        "concept-sanctions_relief.html", "concept-synchronized.html", "convergence.html",
        "firsts-dialogue.html", "firsts-phased.html", "firsts-roadmap.html", "firsts-sanctions_relief.html",
        "firsts-synchronized.html", "index.html",
    ]  # fmt: skip
    _check_golden(GOLDEN / "html", pages)


def test_markdown_report_matches_golden():
    pages = build_report(golden_corpus(), fmt="markdown")
    assert "index.md" in pages and "actor-rus.md" in pages and "concept-phased.md" in pages
    assert not any(name.startswith("article-") for name in pages)
    _check_golden(GOLDEN / "markdown", pages)


def test_timeline_and_comparison_formats_match_golden():
    an = golden_corpus()
    tl, cmp = timeline(an), compare(an, ["RUS", "CHN", "USA"], period="2019")
    outputs = {}
    for fmt, ext in (("text", "txt"), ("markdown", "md"), ("html", "html"), ("json", "json"), ("jsonl", "jsonl"),
                     ("csv", "csv")):
        outputs[f"timeline.{ext}"] = render_timeline(tl, fmt)
        outputs[f"compare.{ext}"] = render_comparison(cmp, fmt)
    _check_golden(GOLDEN / "tables", outputs)


def test_same_input_same_bytes(tmp_path):
    first = build_report(golden_corpus())
    second = build_report(list(reversed(golden_corpus())))
    assert first == second
    written = write_report(golden_corpus(), tmp_path / "r")
    assert sorted(p.name for p in written) == sorted(first)
    assert all(p.read_text(encoding="utf-8") == first[p.name] for p in written)


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_pages_come_one_at_a_time_from_two_passes(fmt):
    calls = []

    def analyses():
        calls.append(1)
        yield from golden_corpus()

    pages = report_pages(analyses, fmt=fmt)
    first = next(pages)
    rest = list(pages)
    assert len(calls) == (2 if fmt == "html" else 1)
    names = [first[0]] + [name for name, _ in rest]
    assert len(names) == len(set(names))
    assert dict([first, *rest]) == build_report(golden_corpus(), fmt=fmt)


def test_any_iterable_gives_the_same_report_and_a_repeated_article_has_one_page():
    corpus = golden_corpus()
    again = attrs.evolve(corpus[0], article=attrs.evolve(corpus[0].article, path="corpus/copy/tass.md"))
    with_copy = [*corpus, again]
    pages = build_report(with_copy)
    assert build_report(iter(with_copy)) == build_report(lambda: iter(with_copy)) == pages
    assert sorted(n for n in pages if n.startswith("article-")) == ["article-a1.html", "article-a2.html", "article-a3.html"]
    assert "3 articles · 6 statements · 2 actors" in pages["index.html"]


def test_an_unknown_format_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(ValueError, match="unknown report format"):
        write_report(golden_corpus(), tmp_path / "r", fmt="pdf")
    assert not (tmp_path / "r").exists()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.srcs: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        d = dict(attrs)
        if "href" in d:
            self.hrefs.append(d["href"])
        if "id" in d:
            self.ids.add(d["id"])
        if "src" in d:
            self.srcs.append(d["src"])


def _parse(text: str) -> _Links:
    p = _Links()
    p.feed(text)
    return p


def test_every_link_resolves_and_nothing_is_fetched():
    pages = build_report(golden_corpus())
    parsed = {name: _parse(text) for name, text in pages.items()}
    for name, p in parsed.items():
        assert not p.srcs, f"{name} loads {p.srcs}"
        assert "script" not in p.tags and "link" not in p.tags and "iframe" not in p.tags
        assert '<meta name="viewport"' in pages[name] and "@media print" in pages[name]
        for href in p.hrefs:
            if href.startswith("https://"):
                assert name == "article-a1.html" and href == "https://example.org/tass/lavrov"
                continue
            page, _, frag = href.partition("#")
            target = page or name
            assert target in pages, f"{name} links to missing {href}"
            if frag:
                assert frag in parsed[target].ids, f"{name} links to missing anchor {href}"


def test_statements_are_anchored_and_linked():
    pages = build_report(golden_corpus())
    art = pages["article-a2.html"]
    for n in (1, 2, 3):
        assert f'id="s{n}"' in art and f'id="l{n}"' in art
    # the joint statement is linked from both actors' pages and the roadmap page
    for name in ("actor-rus.html", "actor-chn.html", "concept-roadmap.html"):
        assert 'href="article-a2.html#s3"' in pages[name]
    # diffs link old and new statements
    assert 'href="article-a1.html#s1"' in pages["actor-rus.html"]
    # shift events, newest first
    index = pages["index.html"]
    assert index.index("2019 → 2020") < index.index("2018 → 2019")


def test_article_text_is_escaped_on_every_page():
    pages = build_report(golden_corpus(evil=True))
    evil_page = "article-a4.html"
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    for name, text in pages.items():
        assert "<script" not in text.lower(), name
        assert "<img" not in text.lower(), name
        assert "onerror=alert(1)>" not in text, name  # the quote before it never closes an attribute
        assert "javascript:" not in re.findall(r'href="([^"]*)"', text), name
        if evil_page in text or name == evil_page:
            assert escaped in text, f"{name} links the article but does not show its title/text escaped"
    for name in ("index.html", "actor-rus.html", "concept-dialogue.html", evil_page):
        assert escaped in pages[name] and "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in pages[name], name
    # the url is not a link: only http(s) URLs are
    assert 'href="javascript' not in pages[evil_page] and "javascript:alert(1)" in pages[evil_page]


def test_markdown_escapes_article_text():
    pages = build_report(golden_corpus(evil=True), fmt="markdown")
    for name, text in pages.items():
        assert not re.search(r"(?<!\\)<(script|img|/script)", text), name  # every "<" backslash-escaped
    assert r"\<script\>alert(1)\</script\>" in pages["actor-rus.md"]
    assert r"\<img src=x onerror" in pages["concept-dialogue.md"]


def test_a_moved_sentence_is_shown_on_the_actor_page():
    old_text = ("SEOUL, May 1 (Yonhap)\n\nMoon said: \"We back talks. A peace mechanism must come with the "
                "denuclearization of the peninsula <b>now</b>. Sanctions must go.\"")
    new_text = ("SEOUL, May 1 (Yonhap)\n\nMoon said: \"Denuclearization of the peninsula and the creation of a "
                "peace mechanism must advance together. We back direct talks. Sanctions must go now.\"")  # fmt: skip
    a1 = _article("m1", "corpus/2019-05-01-yonhap.md", PartialDate(2019, 5, 1), old_text, source="Yonhap")
    a2 = _article("m2", "corpus/2020-05-01-yonhap.md", PartialDate(2020, 5, 1), new_text, source="Yonhap")
    s1 = _statement(a1, old_text[old_text.index("We back"):-1], "direct", "KOR", ("KOR",),
                    [("peace_regime", "peace mechanism")], "Moon Jae-in")  # fmt: skip
    s2 = _statement(a2, new_text[new_text.index("Denuclearization"):-1], "direct", "KOR", ("KOR",),
                    [("peace_regime", "peace mechanism")], "Moon Jae-in")  # fmt: skip
    page = build_report([_analysis(a1, [s1]), _analysis(a2, [s2])])["actor-kor.html"]
    assert "A sentence moved (similarity 0.23):" in page
    assert ("<del>A</del><ins>Denuclearization of the peninsula and the creation of a</ins> peace mechanism must "
            "<del>come with the denuclearization of the peninsula &lt;b&gt;now&lt;/b&gt;</del>"
            "<ins>advance together</ins>.") in page  # fmt: skip
    assert "<b>now</b>" not in page


def test_report_of_nothing():
    pages = build_report([])
    assert sorted(pages) == ["index.html"]
    assert "No shifts" in pages["index.html"]


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown report format"):
        build_report([], fmt="pdf")
