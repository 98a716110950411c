"""Saved web pages and PDFs: text, metadata, page numbers, running heads removed, bad inputs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from positions.errors import SourceError
from positions.model import DateSource, PartialDate, Span
from positions.sources import iter_articles, read_article
from positions.sources.pdf import strip_running_lines

from pdf_writer import encrypted, pdf_bytes

PAGES = Path(__file__).parent / "data" / "pages"


def errors_of(paths):
    errors: list[str] = []
    arts = list(iter_articles(paths, on_error=lambda p, e: errors.append(str(e))))
    return arts, errors


# --------------------------------------------------------------------------------------
# saved web pages


def test_ministry_page_text_title_date_site_author_url():
    a = read_article(PAGES / "2021-09-24-mfa-spokesperson.html")
    title = "Spokesperson's Statement on the Situation on the Peninsula"
    assert a.text == (
        f"{title}\n\n"
        "The Ministry has taken note of the recent launches and of the statements that followed them.\n\n"
        "We remain convinced that a phased and synchronized approach, with each side taking steps in"
        " return for steps by the other, is the only realistic path to a lasting settlement.\n\n"
        "The spokesperson called on all parties to return to the negotiating table without"
        " preconditions and to refrain from any action that could raise tension in the region.\n"
    )
    assert (a.title, a.source, a.author, a.url, a.layout) == (
        title,
        "Ministry of Foreign Affairs",
        "Press Department",
        "https://mfa.example.org/statements/2021/09/24-peninsula.html",
        "html",
    )
    assert (a.date, a.date_from, a.warnings) == (PartialDate(2021, 9, 24), DateSource.PAGE_METADATA, ())
    assert a.body == Span(len(title) + 2, len(a.text) - 1)  # the title line is not the body
    assert a.body_text.startswith("The Ministry has taken note")
    assert a.path == str(PAGES / "2021-09-24-mfa-spokesperson.html")


def test_un_press_release_page_keeps_the_story_and_drops_menus_languages_and_share_links():
    a = read_article(PAGES / "un-press-sc-meeting.html")
    assert a.text == (
        "The Security Council met today to consider the situation on the Korean Peninsula, hearing a"
        " briefing by the Under-Secretary-General and statements by its members.\n\n"
        "Statements\n\n"
        "The representative of the Russian Federation said that pressure alone would not bring a"
        " settlement, adding that a step-by-step approach was needed.\n\n"
        "Speaking also for several other delegations, the representative of China said that the"
        " parties should resume talks as soon as possible.\n\n"
        "The meeting began at 10:05 a.m. and ended at 12:40 p.m.\n"
    )
    assert (a.title, a.source, a.date, a.date_from, a.url) == (
        "Security Council Hears Calls for Dialogue on the Peninsula",
        "United Nations Meetings Coverage and Press Releases",
        PartialDate(2018, 9, 27),
        DateSource.PAGE_METADATA,
        "https://press.example.org/en/2018/sc1234.doc.htm",
    )
    assert a.body == Span(0, len(a.text) - 1)
    for gone in ("Share this", "Facebook", "Fraud alert", "Welcome to the United Nations", "Русский"):
        assert gone not in a.text


def test_news_page_with_json_ld_and_a_wire_dateline():
    a = read_article(PAGES / "news-envoy-interview.htm")
    title = "Envoy says sanctions relief could follow verified steps"
    assert a.text == (
        f"{title}\n\n"
        "SEOUL, Jan. 20 (Example Wire) -- A senior envoy said on Thursday that sanctions relief could"
        " follow verified steps towards denuclearization.\n\n"
        '"Nobody expects everything at once," the envoy told reporters after talks with his'
        " counterpart in the capital.\n\n"
        "He added that the two sides had agreed to meet again next month to discuss a roadmap.\n"
    )
    assert (a.title, a.source, a.author, a.place, a.date, a.date_from, a.warnings) == (
        title, "Example Wire", "Jane Doe", "Seoul", PartialDate(2022, 1, 20),
        DateSource.PAGE_METADATA, (),
    )  # fmt: skip
    assert a.dateline.slice(a.text) == "SEOUL, Jan. 20 (Example Wire) --"
    assert a.body_text.startswith("A senior envoy said on Thursday")
    for gone in ("cookies", "Sign up", "Storm hits coast", "By Jane Doe"):
        assert gone not in a.text


def test_a_page_with_no_article_text_is_one_clear_line_and_the_rest_is_read():
    arts, errors = errors_of([PAGES])
    assert [os.path.basename(a.path) for a in arts] == [
        "2021-09-24-mfa-spokesperson.html",
        "news-envoy-interview.htm",
        "un-press-sc-meeting.html",
    ]
    assert errors == [
        f"{PAGES / 'empty-menu-page.html'}: no article text found in the page (only navigation or"
        " scripts); save the article's own page, or copy its text into a .txt file"
    ]


def test_a_paragraph_wrapped_in_the_page_source_stays_one_paragraph(tmp_path):
    html = (
        "<html><head><title>Readout of the Call</title></head><body><nav><a href='/'>Home</a></nav>"
        "<article><h1>Readout of the Call</h1>\n<p>The two ministers discussed the\n"
        "<a href='/x'>situation on the peninsula</a> and agreed that\n<em>dialogue</em> must"
        " resume soon.</p>\n<p>They noted three points:</p>\n<ul><li>restraint by all\nsides;</li>"
        "<li>the resumption of talks;</li><li>humanitarian aid.</li></ul>\n"
        "<blockquote><p>We will keep in close touch.</p></blockquote></article></body></html>"
    )
    (tmp_path / "readout.html").write_text(html, encoding="utf-8")
    a = read_article(tmp_path / "readout.html")
    assert a.text == (
        "Readout of the Call\n\n"
        "The two ministers discussed the situation on the peninsula and agreed that dialogue must"
        " resume soon.\n\n"
        "They noted three points:\n\n"
        "restraint by all sides;\n\nthe resumption of talks;\n\nhumanitarian aid.\n\n"
        "We will keep in close touch.\n"
    )
    assert a.body_text.startswith("The two ministers")


def test_a_page_without_a_date_is_dated_by_its_file_name(tmp_path):
    html = (PAGES / "un-press-sc-meeting.html").read_text(encoding="utf-8")
    html = html.replace('<meta name="dcterms.date" content="2018-09-27">', "")
    html = html.replace('<div class="field-date">27 September 2018</div>', "")
    (tmp_path / "2018-09-28-sc.html").write_text(html, encoding="utf-8")
    a = read_article(tmp_path / "2018-09-28-sc.html")
    assert (a.date, a.date_from) == (PartialDate(2018, 9, 28), DateSource.FILE_NAME)


# --------------------------------------------------------------------------------------
# PDFs

VERBATIM = [
    [
        "United Nations                                        S/PV.8353",
        "Security Council",
        "Seventy-third year                          8353rd meeting",
        "Thursday, 27 September 2018, 10 a.m.",
        "New York",
        "The President: I now give the floor to the representative of the Russian",
        "Federation.",
        "This record contains the text of speeches delivered in English.",
        "18-29317 (E)",
        "*1829317*",
    ],
    [
        "S/PV.8353                 Non-proliferation                 27/09/2018",
        "Mr. Ivanov (Russian Federation) (spoke in Russian): We are convinced that a step-",
        "by-step approach remains the only way to a settlement on the peninsula.",
        "2/3                                                        18-29317",
    ],
    [
        "27/09/2018                Non-proliferation                 S/PV.8353",
        "Mr. Li (China) (spoke in Chinese): China calls for restraint and for the early",
        "resumption of dialogue.",
        "The meeting rose at 12.40 p.m.",
        "18-29317                                                        3/3",
    ],
]


def test_un_verbatim_record_pages_and_running_lines(tmp_path):
    path = tmp_path / "S-PV.8353.pdf"
    path.write_bytes(pdf_bytes(VERBATIM, title="Microsoft Word - 1829317.docx"))
    a = read_article(path)
    page1 = (
        "Security Council\n"
        "Seventy-third year                          8353rd meeting\n"
        "Thursday, 27 September 2018, 10 a.m.\n"
        "New York\n"
        "The President: I now give the floor to the representative of the Russian\n"
        "Federation.\n"
        "This record contains the text of speeches delivered in English.\n"
    )
    page2 = (
        "Mr. Ivanov (Russian Federation) (spoke in Russian): We are convinced that a step-\n"
        "by-step approach remains the only way to a settlement on the peninsula.\n"
    )
    page3 = (
        "Mr. Li (China) (spoke in Chinese): China calls for restraint and for the early\n"
        "resumption of dialogue.\n"
        "The meeting rose at 12.40 p.m.\n"
    )
    assert a.text == page1 + page2 + page3
    assert a.pages == (0, len(page1), len(page1) + len(page2))
    assert (a.title, a.source, a.date, a.date_from, a.layout) == (
        "S/PV.8353", "United Nations", PartialDate(2018, 9, 27), DateSource.PDF_FIRST_PAGE, "pdf",
    )  # fmt: skip
    assert a.body == Span(0, len(a.text) - 1)
    where = a.text.index("step-by-step") if "step-by-step" in a.text else a.text.index("a step-")
    assert a.page_of(where) == 2
    assert a.page_of(a.text.index("China calls")) == 3
    assert a.page_of(0) == 1
    for gone in ("S/PV.8353", "18-29317", "*1829317*", "2/3", "27/09/2018"):
        assert gone not in a.text


def test_ministry_statement_pdf_with_a_repeated_footer(tmp_path):
    footer = "Ministry of Foreign Affairs | Press Office | www.mfa.example.org"
    pages = [
        ["Statement of the Ministry on the Resumption of Talks", "24 September 2021",
         "The Ministry welcomes the agreement of the parties to resume talks next month.", footer],
        ["It hopes that a comprehensive settlement can be reached step by step.", footer],
    ]  # fmt: skip
    path = tmp_path / "statement.pdf"
    path.write_bytes(pdf_bytes(pages, title="Statement on the Resumption of Talks", author="MFA"))
    a = read_article(path)
    assert a.text == (
        "Statement of the Ministry on the Resumption of Talks\n"
        "24 September 2021\n"
        "The Ministry welcomes the agreement of the parties to resume talks next month.\n"
        "It hopes that a comprehensive settlement can be reached step by step.\n"
    )
    assert (a.title, a.author, a.date, a.date_from) == (
        "Statement on the Resumption of Talks", "MFA", PartialDate(2021, 9, 24),
        DateSource.PDF_FIRST_PAGE,
    )  # fmt: skip
    assert a.page_of(a.text.index("It hopes")) == 2


def test_a_running_head_that_repeats_the_title_stays_on_the_first_page():
    pages = ["Joint Statement\nThe parties met.\n1", "Joint Statement\nThey agreed.\n2", "Joint Statement\nEnd.\n3"]
    assert strip_running_lines(pages) == [["Joint Statement", "The parties met."], ["They agreed."], ["End."]]


def test_strip_running_lines_keeps_body_lines_that_look_like_numbers_inside_the_page():
    pages = ["Heading\n2021\nText of the page.\n1", "More text.\n2"]
    assert strip_running_lines(pages) == [["Heading", "2021", "Text of the page."], ["More text."]]


def test_bad_pdfs_are_one_clear_line_each_and_the_rest_is_read(tmp_path):
    good = pdf_bytes([["The Ministry welcomes the talks."]])
    (tmp_path / "a-good.pdf").write_bytes(good)
    (tmp_path / "b-scanned.pdf").write_bytes(pdf_bytes([None, None]))
    (tmp_path / "c-encrypted.pdf").write_bytes(encrypted(good, "secret"))
    (tmp_path / "d-huge.pdf").write_bytes(pdf_bytes([["Many pages."]], padding=50 * 1024 * 1024))
    (tmp_path / "e-broken.pdf").write_bytes(good[: len(good) // 2])
    (tmp_path / "f-notpdf.pdf").write_bytes(b"<html>not a pdf</html>\n")
    (tmp_path / "g-good.txt").write_text("Talks went on.\n")
    arts, errors = errors_of([tmp_path])
    assert [os.path.basename(a.path) for a in arts] == ["a-good.pdf", "g-good.txt"]
    size = os.path.getsize(tmp_path / "d-huge.pdf")
    assert errors[:4] == [
        f"{tmp_path / 'b-scanned.pdf'}: no text layer in 2 page(s) (a scanned PDF?); run OCR on it"
        " first (e.g. ocrmypdf), then read the result",
        f"{tmp_path / 'c-encrypted.pdf'}: encrypted PDF (a password is needed to open it); save an"
        " unprotected copy or export its text",
        f"{tmp_path / 'd-huge.pdf'}: {size:,} bytes is too large for one article (limit 20,000,000);"
        " split it into its documents, or export its text",
        f"{tmp_path / 'e-broken.pdf'}: " + errors[3].split(": ", 1)[1],
    ]
    assert errors[3].startswith(f"{tmp_path / 'e-broken.pdf'}: not a readable PDF (")
    assert errors[4:] == [f"{tmp_path / 'f-notpdf.pdf'}: not a PDF (no %PDF- header)"]
    assert all("\n" not in e for e in errors)


def test_an_encrypted_pdf_that_opens_without_a_password_is_read(tmp_path):
    (tmp_path / "a.pdf").write_bytes(encrypted(pdf_bytes([["The talks resumed today."]]), ""))
    assert read_article(tmp_path / "a.pdf").text == "The talks resumed today.\n"


def test_pdf_read_through_the_same_error_channel_without_on_error(tmp_path):
    (tmp_path / "b.pdf").write_bytes(pdf_bytes([None]))
    with pytest.raises(SourceError, match="no text layer"):
        read_article(tmp_path / "b.pdf")


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = st.text(alphabet="abcdefghij KLMNOP.,", min_size=1, max_size=30).map(str.strip).filter(bool)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_WORDS, min_size=1, max_size=5), min_size=1, max_size=4))
def test_page_offsets_lie_in_the_text_and_find_their_pages(tmp_path, pages):
    path = tmp_path / "p.pdf"
    path.write_bytes(pdf_bytes(pages))
    try:
        a = read_article(path)
    except SourceError:  # every line removed as a running head or foot
        return
    assert list(a.pages) == sorted(a.pages) and len(a.pages) == len(pages)
    assert all(0 <= p <= len(a.text) for p in a.pages)
    for n, start in enumerate(a.pages, start=1):
        following = a.pages[n] if n < len(a.pages) else len(a.text)
        if start < following:  # a page with text left on it
            assert a.page_of(start) == n and a.page_of(following - 1) == n
    assert a.body.start <= a.body.end <= len(a.text)
