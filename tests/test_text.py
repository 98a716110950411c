"""Tests for positions.text: normalization steps and their offset maps, paragraphs,
sentences and tokens. Exact cases first, then hypothesis properties, then the real UNGDC
corpus (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from positions.model import Span
from positions.text import (
    ABBREVIATIONS,
    DEFAULT_STEPS,
    STEPS,
    Edit,
    normalize,
    paragraph_spans,
    sentence_spans,
    token_spans,
    view,
)



def read_original(path: Path) -> str:
    # utf-8, not utf-8-sig, and no newline translation: the BOM and the CRs stay in the
    # original text, so that the bom and newlines steps have something to explain.
    return path.read_bytes().decode("utf-8")


def slices(text: str, spans) -> list[str]:
    return [s.slice(text) for s in spans]


# --------------------------------------------------------------------------------------
# Each step on small examples: text, offsets, changes()


def test_bom_step():
    n = normalize("\ufeffNorth\u200bKorea")
    assert n.text == "NorthKorea"
    assert n.changes() == [
        ("bom", Span(0, 1), "\ufeff", ""),
        ("bom", Span(6, 7), "\u200b", ""),
    ]
    # A span starting just after a deleted BOM starts after it in the original too.
    assert n.span_to_original(Span(0, 5)) == Span(1, 6)
    assert n.span_to_original(Span(0, 10)) == Span(1, 12)
    assert n.to_original(0) == 1
    assert n.steps_in(Span(0, 5)) == ()
    assert n.steps_in(Span(0, 10)) == ("bom",)  # the ZWSP went from inside


def test_newlines_step():
    n = normalize("a\r\nb\rc\u2028d")
    assert n.text == "a\nb\nc\nd"
    assert n.changes() == [
        ("newlines", Span(1, 3), "\r\n", "\n"),
        ("newlines", Span(4, 5), "\r", "\n"),
        ("newlines", Span(6, 7), "\u2028", "\n"),
    ]
    assert n.span_to_original(Span(1, 2)) == Span(1, 3)
    assert n.span_to_original(Span(2, 3)) == Span(3, 4)
    assert n.to_normalized(2, "start") == 1  # inside "\r\n": the whole "\n"
    assert n.to_normalized(2, "end") == 2


def test_compat_step():
    n = normalize("ﬁne Ｓeoul\u00a0talks")
    assert n.text == "fine Seoul talks"
    assert n.changes() == [
        ("compat", Span(0, 1), "ﬁ", "fi"),
        ("compat", Span(4, 5), "Ｓ", "S"),
        ("compat", Span(9, 10), "\u00a0", " "),
    ]
    # Part of an expansion maps to the whole original character.
    assert n.span_to_original(Span(0, 1)) == Span(0, 1)
    assert n.span_to_original(Span(1, 2)) == Span(0, 1)
    assert n.span_to_original(Span(0, 4)) == Span(0, 3)
    assert n.span_to_original(Span(5, 10)).slice(n.original) == "Ｓeoul"
    assert n.steps_in(Span(0, 4)) == ("compat",)
    assert n.steps_in(Span(2, 4)) == ()


def test_quotes_step():
    n = normalize("«Oui» “a” ‘b’ „c“")
    assert n.text == "\"Oui\" \"a\" 'b' \"c\""
    assert [c[0] for c in n.changes()] == ["quotes"] * 8
    assert n.changes()[0] == ("quotes", Span(0, 1), "«", '"')
    assert n.span_to_original(Span(0, 5)) == Span(0, 5)


def test_dashes_step():
    n = normalize("co\u2011operation \u2014 a\u2212b \u2013 c\u2010d")
    assert n.text == "co-operation -- a-b -- c-d"
    assert n.changes() == [
        ("dashes", Span(2, 3), "\u2011", "-"),
        ("dashes", Span(13, 14), "\u2014", "--"),
        ("dashes", Span(16, 17), "\u2212", "-"),
        ("dashes", Span(19, 20), "\u2013", "--"),
        ("dashes", Span(22, 23), "\u2010", "-"),
    ]
    i = n.text.index("--")
    assert n.span_to_original(Span(i, i + 1)) == Span(13, 14)
    assert n.span_to_original(Span(i + 1, i + 2)) == Span(13, 14)
    # Dashes 2010-2015: hyphens fold to "-", figure dash too; en/em/bar to "--".
    assert normalize("a\u2012b").text == "a-b"
    assert normalize("a\u2015b").text == "a--b"


def test_whitespace_step():
    n = normalize("  a \t b  \nc\t\n\td ")
    assert n.text == "a b\nc\nd"
    assert n.changes() == [
        ("whitespace", Span(0, 2), "  ", ""),
        ("whitespace", Span(3, 6), " \t ", " "),
        ("whitespace", Span(7, 9), "  ", ""),
        ("whitespace", Span(11, 12), "\t", ""),
        ("whitespace", Span(13, 14), "\t", ""),
        ("whitespace", Span(15, 16), " ", ""),
    ]
    assert n.span_to_original(Span(0, 3)) == Span(2, 7)
    assert n.span_to_original(Span(1, 2)) == Span(3, 6)


def test_whitespace_leaves_single_spaces_alone():
    assert normalize("one two three").edits == ((), (), (), (), (), (), ())


def test_case_step_keeps_offsets_where_folding_changes_length():
    n = normalize("İSTANBUL STRAßE Σ", DEFAULT_STEPS + ("case",))
    assert n.text == "i\u0307stanbul strasse σ"
    assert n.changes() == [
        ("case", Span(0, 1), "İ", "i\u0307"),
        ("case", Span(1, 8), "STANBUL", "stanbul"),
        ("case", Span(9, 13), "STRA", "stra"),
        ("case", Span(13, 14), "ß", "ss"),
        ("case", Span(14, 15), "E", "e"),
        ("case", Span(16, 17), "Σ", "σ"),
    ]
    t = n.text
    s = t.index("strasse")
    assert n.span_to_original(Span(s, s + 7)) == Span(9, 15)
    assert n.span_to_original(Span(s + 2, s + 3)) == Span(11, 12)  # inside a 1:1 run: exact
    assert n.span_to_original(Span(s + 4, s + 5)) == Span(13, 14)  # half of "ss": the ß
    assert n.span_to_original(Span(s + 6, s + 7)) == Span(14, 15)
    assert n.span_to_original(Span(0, 2)) == Span(0, 1)  # "i̇" is the İ
    assert n.span_to_original(Span(2, 9)) == Span(1, 8)
    assert n.to_normalized(14) == s + 6
    assert n.steps_in(Span(s, s + 7)) == ("case",)


def test_steps_in_reports_steps_in_order():
    n = normalize("\ufeff“Step‑by‑step”,\r\nsaid  he.")
    assert n.text == '"Step-by-step",\nsaid he.'
    assert n.steps_in(Span(0, len(n.text))) == ("newlines", "quotes", "dashes", "whitespace")
    assert n.steps_in(Span(1, 5)) == ()
    assert n.steps_in(Span(1, 13)) == ("dashes",)
    assert n.steps_in(Span(3, 3)) == ()


def test_normalize_rejects_unknown_steps_and_runs_steps_in_registry_order():
    with pytest.raises(ValueError, match="unknown normalization step"):
        normalize("x", ["nope"])
    n = normalize("“A”\r\n", ["quotes", "newlines", "quotes"])
    assert n.steps == ("newlines", "quotes")
    assert n.text == '"A"\n'


def test_edit_records_both_sides():
    n = normalize("a\u2014b")
    (e,) = n.edits[DEFAULT_STEPS.index("dashes")]
    assert e == Edit("dashes", 1, 2, 1, 3, "\u2014", "--")


# --------------------------------------------------------------------------------------
# Hyphenation across line breaks


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the denuclear-\nization of", "the denuclearization of"),
        ("self-\nreliance", "self-reliance"),  # a productive prefix
        ("anti-\nAmerican", "anti-American"),  # a capital after the break
        ("a step-\nby-step approach", "a step-by-step approach"),  # a hyphenated chain
        ("state-of-the-\nart", "state-of-the-art"),
        ("peace-\nkeeping and peace-keeping", "peace-keeping and peace-keeping"),  # seen hyphenated
        ("peace-\nkeeping and peacekeeping", "peacekeeping and peacekeeping"),  # seen joined
        ("denuclear- \n  ization", "denuclearization"),  # blanks around the break
        ("end of line -\nnext", "end of line -\nnext"),  # a dash, not a hyphenation
        ("1990-\n1995", "1990-\n1995"),  # digits are not word parts
        ("word-\n\nNext", "word-\n\nNext"),  # a blank line is a paragraph break
    ],
)
def test_hyphenation(text, expected):
    assert normalize(text).text == expected


def test_hyphenation_is_explained():
    n = normalize("denuclear-\r\nization")
    assert n.text == "denuclearization"
    assert n.changes() == [
        ("hyphenation", Span(9, 12), "-\r\n", ""),
        ("newlines", Span(10, 12), "\r\n", "\n"),
    ]
    assert n.span_to_original(Span(0, 16)) == Span(0, 19)
    assert n.span_to_original(Span(0, 9)) == Span(0, 9)
    assert n.span_to_original(Span(9, 16)) == Span(12, 19)
    assert n.steps_in(Span(0, 16)) == ("newlines", "hyphenation")
    assert n.steps_in(Span(0, 9)) == ()


def test_step_by_step_keeps_its_hyphen_because_the_form_occurs_elsewhere():
    text = "a step-\nby step approach; step-by step again"
    assert normalize(text).text == "a step-by step approach; step-by step again"
    # With the joined form more frequent, the break joins.
    assert normalize("peace-\nkeeping, peacekeeping, peacekeeping, peace-keeping").text == (
        "peacekeeping, peacekeeping, peacekeeping, peace-keeping"
    )


@pytest.mark.parametrize(
    "text, expected, changes",
    [
        # At a line end between letters: a hyphenation point, joined with the break.
        ("denuclear\u00ad\nization", "denuclearization", [("hyphenation", Span(9, 11), "\u00ad\n", "")]),
        # Elsewhere: removed.
        ("de\u00adnu\u00adcle\u00adar", "denuclear", [
            ("hyphenation", Span(2, 3), "\u00ad", ""),
            ("hyphenation", Span(5, 6), "\u00ad", ""),
            ("hyphenation", Span(9, 10), "\u00ad", ""),
        ]),
        # At a line end with no word on the next line: the soft hyphen goes, the break stays.
        ("word\u00ad\n\nNext", "word\n\nNext", [("hyphenation", Span(4, 5), "\u00ad", "")]),
        # Next to a hard hyphen at a line end: apart when they touch, one edit when the soft
        # hyphen falls inside the hard hyphen's break.
        ("a\u00ad-\nb", "ab", [
            ("hyphenation", Span(1, 2), "\u00ad", ""),
            ("hyphenation", Span(2, 4), "-\n", ""),
        ]),
        ("a-\u00ad\nb", "ab", [("hyphenation", Span(1, 4), "-\u00ad\n", "")]),
    ],
)  # fmt: skip
def test_soft_hyphens(text, expected, changes):
    n = normalize(text)
    assert n.text == expected
    assert n.changes() == changes
    assert normalize(n.text).text == n.text


# --------------------------------------------------------------------------------------
# Offsets: edge cases of the maps


def test_adjacent_deletion_and_replacement():
    # A BOM deleted right before a curly quote that is replaced.
    n = normalize("x\ufeff“y”")
    assert n.text == 'x"y"'
    assert n.span_to_original(Span(1, 2)) == Span(2, 3)
    assert n.span_to_original(Span(0, 1)) == Span(0, 1)
    assert n.span_to_original(Span(0, 2)) == Span(0, 3)
    assert n.span_to_original(Span(1, 1)) == Span(2, 2)
    assert n.to_original(1, "end") == 1  # the end of "x": before the BOM


def test_empty_spans_stay_empty_and_in_order():
    n = normalize("\ufeffa\r\nb")
    for i in range(len(n.text) + 1):
        s = n.span_to_original(Span(i, i))
        assert s.start == s.end
    assert n.span_to_normalized(Span(0, 0)) == Span(0, 0)
    assert n.span_to_normalized(Span(1, 1)) == Span(0, 0)  # past the BOM
    assert n.span_to_normalized(Span(3, 3)) == Span(1, 1)  # inside "\r\n": before its "\n"
    assert n.span_to_normalized(Span(4, 4)) == Span(2, 2)


def test_span_to_normalized_round_trip():
    n = normalize("\ufeffSEOUL, Dec. 23 /TASS/.\r\nRussia\u2019s envoy")
    body = Span(n.original.index("Russia"), len(n.original))
    nbody = n.span_to_normalized(body)
    assert nbody.slice(n.text) == "Russia's envoy"
    assert n.span_to_original(nbody) == body


# --------------------------------------------------------------------------------------
# Paragraphs


def test_paragraphs_of_wire_copy_one_per_line():
    text = "SEOUL, Dec. 23 /TASS/. First paragraph.\nSecond one, short.\nThird.\n"
    assert slices(text, paragraph_spans(text)) == [
        "SEOUL, Dec. 23 /TASS/. First paragraph.",
        "Second one, short.",
        "Third.",
    ]


def test_paragraphs_at_blank_lines():
    text = "\n\n  One line\n\n\nTwo\n  \nThree  \n"
    assert slices(text, paragraph_spans(text)) == ["One line", "Two", "Three"]
    assert paragraph_spans(text, Span(4, 4)) == []  # an empty span is not "no span"
    assert slices(text, paragraph_spans(text, Span(14, len(text)))) == ["Two", "Three"]


def test_paragraphs_of_hard_wrapped_text():
    lines = [
        "In no way can today's discussion be called",
        "routine. We are faced with summing up the preliminary",
        "results of the large-scale United Nations reforms that",
        "have been launched and designating the main thrust for",
        "the work of the entire system of United Nations.",  # the next word fits: a break
        "An analysis of the experience of the United",
        "Nations over the sixty years of its existence, with all",
        "the vagaries of the post-war world order, gives us food",
        "for thought and many conclusions. I would like to share",
        "them.",  # short: a break
        "As the most representative international institution,",
        "the United Nations has been and remains a major factor.",
    ]
    text = "\n".join(lines)
    paras = slices(text, paragraph_spans(text))
    assert [p.split("\n")[0] for p in paras] == [lines[0], lines[5], lines[10]]
    assert paras[1].endswith("share\nthem.")


@pytest.fixture(scope="module")
def rus_2005(ungdc: Path) -> str:
    path = ungdc / "RUS_60_2005.txt"
    if not path.exists():
        pytest.skip(f"{path} absent")
    return read_original(path)


def test_paragraphs_of_a_real_un_speech(rus_2005):
    tv = view(rus_2005)
    paras = slices(tv.text, tv.paragraphs)
    assert paras[0].startswith("In no way can today's discussion be called\nroutine.")
    assert paras[0].endswith("accompanying threats and challenges.")
    assert paras[1].startswith("An analysis of the experience of the United")
    assert paras[1].endswith("from the viewpoint of the Russian Federation.")
    assert paras[2].startswith("As the most representative international")
    # Every paragraph break falls after a line that ends a sentence (page numbers aside).
    for p in paras:
        last_line = p.rsplit("\n", 1)[-1]
        assert last_line.isdigit() or last_line.endswith((".", "!", "?", ":", ";", '"', ")"))
    assert 15 <= len(paras) <= 40


# --------------------------------------------------------------------------------------
# Sentences


def test_sentences_with_our_abbreviations():
    text = (
        "The U.S. and the U.N. met on Dec. 8. Gen. Kim and Mr. Lee spoke on Oct. 3 about "
        "resolution No. 2 in the U.S. The talks ended."
    )
    assert slices(text, sentence_spans(text)) == [
        "The U.S. and the U.N. met on Dec. 8.",
        "Gen. Kim and Mr. Lee spoke on Oct. 3 about resolution No. 2 in the U.S.",
        "The talks ended.",
    ]
    assert {"u.s", "u.n", "dec", "gen", "mr", "oct", "no"} <= ABBREVIATIONS


def test_quotes_close_sentences():
    text = (
        '"We will not give up..." he said. He added: "We agree." Then he left. '
        '"Is this the end?" she asked.'
    )
    assert slices(text, sentence_spans(text)) == [
        '"We will not give up..." he said.',
        'He added: "We agree."',
        "Then he left.",
        '"Is this the end?" she asked.',
    ]


def test_sentences_never_cross_paragraphs():
    text = "First line without a period\nSecond line. Third sentence."
    assert slices(text, sentence_spans(text)) == [
        "First line without a period",
        "Second line.",
        "Third sentence.",
    ]


def test_dateline_is_not_a_sentence_of_the_story():
    text = "\ufeffSEOUL, December 23. /TASS/. Russia is ready to help, the envoy said.\r\nHe left."
    body = Span(text.index("Russia"), len(text))
    tv = view(text, body)
    assert slices(tv.text, tv.sentences) == ["Russia is ready to help, the envoy said.", "He left."]
    assert tv.body.slice(tv.text).startswith("Russia")
    assert tv.to_original(tv.sentences[0]).start == body.start
    assert tv.original_text(tv.sentences[1]) == "He left."
    assert all(tv.body.contains(s) for s in tv.paragraphs + tv.sentences)
    assert all(tv.body.contains(t) for t in tv.tokens())
    assert tv.words() == 10


def test_view_with_an_empty_body():
    tv = view("Some text.", Span(4, 4))
    assert tv.body == Span(4, 4)
    assert tv.paragraphs == () and tv.sentences == () and tv.tokens() == []


# --------------------------------------------------------------------------------------
# Tokens


def test_tokens():
    text = (
        "The U.S.-led step-by-step plan, the Peninsula's 2,000 troops -- 3.5 percent... "
        "G20 Nguye\u0301n's D.P.R.K. (North Korea)"
    )
    assert slices(text, token_spans(text)) == [
        "The", "U.S.", "-", "led", "step-by-step", "plan", ",", "the", "Peninsula's",
        "2,000", "troops", "--", "3.5", "percent", "...", "G20", "Nguye\u0301n's",
        "D.P.R.K.", "(", "North", "Korea", ")",
    ]  # fmt: skip
    assert slices(text, token_spans(text, Span(4, 12))) == ["U.S.", "-", "led"]
    assert token_spans(text, Span(4, 4)) == []


def test_tokens_map_back_to_original_words():
    tv = view("\ufeffThe “step\u2011by\u2011step” approach\u00a0— Russia\u2019s")
    toks = tv.tokens()
    assert [tv.original_text(t) for t in toks] == [
        "The", "“", "step\u2011by\u2011step", "”", "approach", "—", "Russia\u2019s",
    ]  # fmt: skip


# --------------------------------------------------------------------------------------
# Properties over nasty text

PIECES = [
    "\ufeff", "\u200b", "\r\n", "\r", "\n", "\n\n", " ", "  ", "\t", "\u00a0", "\u3000",
    "“", "”", "‘", "’", "«", "»", '"', "'",
    "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "-", "--",
    "\u00ad", "-\n", "\u00ad\n", "- \n ",
    "ﬁ", "ﬂ", "Ａ", "ｂ", "½", "…", "ß", "İ", "Ǆ", "e\u0301", "\u0301",
    "a", "b", "x", "U", "S", "word", "Peace", "keeping", "self", "step", "by",
    ".", ",", "?", "!", "U.S.", "Mr.", "No.", "2", "3.5", "(", ")",
]  # fmt: skip
nasty_text = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _all_steps():
    return DEFAULT_STEPS + ("case",)


@PROPERTY_SETTINGS
@given(nasty_text, st.sampled_from([DEFAULT_STEPS, DEFAULT_STEPS + ("case",)]))
def test_every_span_maps_back_monotonically(text, steps):
    n = normalize(text, steps)
    m = len(n.text)
    starts = [n.to_original(i, "start") for i in range(m + 1)]
    ends = [n.to_original(i, "end") for i in range(m + 1)]
    assert all(0 <= p <= len(text) for p in starts + ends)
    assert starts == sorted(starts) and ends == sorted(ends)
    assert starts[0] >= 0 and ends[m] == len(text) - _trailing_deleted(n)
    for i in range(m):
        for j in range(i + 1, m + 1):
            s = n.span_to_original(Span(i, j))
            assert s.start < s.end <= len(text)  # a non-empty span keeps some original
    for i in range(m):
        if n.steps_in(Span(i, i + 1)) == ():  # an unchanged character maps to itself
            assert n.span_to_original(Span(i, i + 1)).slice(text) == n.text[i]


def _trailing_deleted(n) -> int:
    """How many original characters at the end were deleted (trailing BOM, white space)."""
    return len(n.original) - n.to_original(len(n.text), "end")


@PROPERTY_SETTINGS
@given(nasty_text)
def test_normalizing_twice_changes_nothing(text):
    once = normalize(text)
    twice = normalize(once.text)
    assert twice.text == once.text
    assert all(not e for e in twice.edits)


@PROPERTY_SETTINGS
@given(nasty_text, st.sampled_from([DEFAULT_STEPS, DEFAULT_STEPS + ("case",)]))
def test_edits_and_changes_report_text_that_is_there(text, steps):
    n = normalize(text, steps)
    # Each step's edits describe its own input and output exactly.
    current = text
    for name, edits in zip(n.steps, n.edits):
        out, again = STEPS[name](current)
        assert again == edits
        rebuilt, pos = [], 0
        for e in edits:
            assert e.step == name
            assert pos <= e.start < e.end  # sorted, disjoint, non-empty input
            assert current[e.start : e.end] == e.before
            assert out[e.out_start : e.out_end] == e.after
            rebuilt.append(current[pos : e.start] + e.after)
            pos = e.end
        assert "".join(rebuilt) + current[pos:] == out
        current = out
    assert current == n.text
    # changes(): original spans, in order, with the original text.
    changes = n.changes()
    assert len(changes) == sum(len(e) for e in n.edits)
    for step, span, before, after in changes:
        assert 0 <= span.start < span.end <= len(text)
        assert before == span.slice(text)
    assert [c[1] for c in changes] == sorted(c[1] for c in changes)
    for k, name in enumerate(n.steps):
        mine = [c[1] for c in changes if c[0] == name]
        assert all(a.end <= b.start for a, b in zip(mine, mine[1:]))
        if k == 0:  # the first step's edits are in original coordinates already
            assert [(e.start, e.end) for e in n.edits[0]] == [(s.start, s.end) for s in mine]


def _unhyphen(s: str) -> str:
    return s.replace("-", "")


@PROPERTY_SETTINGS
@given(nasty_text)
def test_token_spans_map_to_original_text_that_normalizes_to_the_token(text):
    # The original behind a token normalizes to text that holds the token. When the token's
    # span survives the round trip (original -> normalized), it is exactly the token. A
    # line-break hyphen is kept or dropped by what the rest of the text says, so hyphens
    # are not compared.
    n = normalize(text)
    for tok in token_spans(n.text):
        orig = n.span_to_original(tok)
        alone = normalize(orig.slice(text)).text
        token = tok.slice(n.text)
        if n.span_to_normalized(orig) == tok:
            assert _unhyphen(alone) == _unhyphen(token)
        else:  # the token starts or ends inside an expansion ("1" of "½" -> "1⁄2")
            assert _unhyphen(token) in _unhyphen(alone)


def _in_order(spans, body):
    assert all(body.contains(s) for s in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    assert all(s.start < s.end for s in spans)


@PROPERTY_SETTINGS
@given(nasty_text, st.data())
def test_paragraphs_sentences_tokens_lie_in_the_body_in_order(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    tv = view(text, Span(start, end))
    assert 0 <= tv.body.start <= tv.body.end <= len(tv.text)
    _in_order(tv.paragraphs, tv.body)
    _in_order(tv.sentences, tv.body)
    _in_order(tv.tokens(), tv.body)
    assert all(any(p.contains(s) for p in tv.paragraphs) for s in tv.sentences)
    # In original coordinates, everything lies within the body as mapped back (which is the
    # body given, widened to whole edits where its ends fall inside one: "-\n" -> "-").
    obody = tv.to_original(tv.body)
    for s in tv.paragraphs + tv.sentences + tuple(tv.tokens()):
        o = tv.to_original(s)
        assert obody.contains(o) and o.start < o.end
    for s in tv.paragraphs + tv.sentences:
        assert s.slice(tv.text) == s.slice(tv.text).strip()


@PROPERTY_SETTINGS
@given(st.lists(st.sampled_from(["word", "Word", "x", "-\n", "\u00ad\n", "\u00ad", " ", "\n"]), max_size=30).map("".join))
def test_hyphenation_never_loses_letters(text):
    n = normalize(text)
    letters = [c for c in text if c.isalpha()]
    assert [c for c in n.text if c.isalpha()] == letters
    assume(letters)


# --------------------------------------------------------------------------------------
# The real UNGDC corpus


@pytest.fixture(scope="module")
def ungdc_files(ungdc: Path) -> list[Path]:
    files = sorted(ungdc.glob("*.txt"))
    if not files:
        pytest.skip(f"UNGDC corpus not found at {ungdc}")
    return files


def test_ungdc_every_span_maps_back_and_normalizing_twice_changes_nothing(ungdc_files):
    assert len(ungdc_files) == 371
    steps_seen = set()
    for k, path in enumerate(ungdc_files):
        text = read_original(path)
        n = normalize(text)
        assert normalize(n.text).text == n.text, path.name
        for step, span, before, _ in n.changes():
            steps_seen.add(step)
            assert 0 <= span.start < span.end <= len(text) and span.slice(text) == before
        body = Span(0, len(text))
        paras = paragraph_spans(n.text)
        origs = [n.span_to_original(p) for p in paras]
        assert all(body.contains(o) and o.start < o.end for o in origs), path.name
        assert all(a.end <= b.start for a, b in zip(origs, origs[1:])), path.name
        # Tokens and full views (Punkt sentences) of a sample of files: over all 8.8 MB they
        # take longer than the rest together. The property tests cover every position of
        # nasty text; benchmarks/bench_text.py runs view() over every file.
        if k % 5:
            continue
        toks = token_spans(n.text)[::7]
        origs = [n.span_to_original(t) for t in toks]
        assert all(body.contains(o) and o.start < o.end for o in origs), path.name
        assert all(a.end <= b.start for a, b in zip(origs, origs[1:])), path.name
        if k % 20 == 0:
            tv = view(text)
            _in_order(list(tv.sentences), tv.body)
            assert all(body.contains(tv.to_original(s)) for s in tv.sentences)
    assert {"bom", "newlines", "quotes", "dashes", "hyphenation", "whitespace"} <= steps_seen
