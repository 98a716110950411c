"""The report in a real browser: headless Chromium loads the pages from disk, without
network, and renders the heatmap and the highlighted statements; every page fits a phone's
width (the page's scroll width is its viewport's: wide tables scroll in their own box).
Skipped without Chromium (install it with `apt-get install chromium`; CI skips it where
Chromium is absent).

The screenshots in docs/screenshots/ are taken here, at 1280 and 390 px, of the bundled
corpus's report (index, an actor page, an article page), its `positions diff` page, and the
index of a 79-year corpus. Retake them with::

    UPDATE_SCREENSHOTS=1 pytest tests/test_report_browser.py

(otherwise they are taken into a temporary directory and only checked).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from positions.cli import main
from positions.render.report import write_report
from test_report import golden_corpus
from test_report_span import long_corpus

SHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
WIDTHS = (1280, 390)

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"),
                             shutil.which("google-chrome")) if p), None)  # fmt: skip

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")


def _chromium(tmp_path, *args: str) -> subprocess.CompletedProcess:
    cmd = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", f"--user-data-dir={tmp_path / 'profile'}", *args,
    ]  # fmt: skip
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    write_report(golden_corpus(evil=True), out)
    return out


def test_index_renders_the_heatmap(site, tmp_path):
    result = _chromium(tmp_path, "--dump-dom", (site / "index.html").as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert '<table class="heat">' in dom
    assert '<td class="c h1" title="RUS · phased · 2018: 1 marker(s) in 1 statement(s); “step-by-step”">1</td>' in dom
    assert "Shift events, newest first" in dom
    # the hostile title is text in the rendered document, not an element
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom and "<img" not in dom


def test_article_page_renders_statement_anchors(site, tmp_path):
    result = _chromium(tmp_path, "--dump-dom", (site / "article-a2.html").as_uri() + "#s3")
    assert result.returncode == 0, result.stderr[-2000:]
    assert '<a class="sn" id="s3" href="#l3">s3</a>' in result.stdout


def test_screenshot_on_a_phone_width(site, tmp_path):
    png = tmp_path / "actor.png"
    result = _chromium(tmp_path, f"--screenshot={png}", "--window-size=412,900", (site / "actor-rus.html").as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000


# --------------------------------------------------------------------------------------
# Widths and screenshots. Each page is framed at an exact width in a wrapper page (a headless
# window has a minimum width wider than a phone's), which reads the page's widths back.

_PROBE = re.compile(r'<pre id="probe">(\d+) (\d+)</pre>')


def _framed(tmp_path, page: Path, width: int, height: int) -> Path:
    wrapper = page.with_name(f"frame-{width}-{page.name}")
    wrapper.write_text(
        f"""<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{{margin:0}}iframe{{border:0;display:block}}</style></head>
<body><iframe id="f" scrolling="no" src="{page.name}" style="width:{width}px;height:{height}px"></iframe>
<script>document.getElementById("f").onload = function () {{
  var d = this.contentDocument.documentElement;
  document.body.insertAdjacentHTML("beforeend", "<pre id=probe>" + d.scrollWidth + " " + d.clientWidth + "</pre>");
}};</script></body></html>""",
        encoding="utf-8",
    )
    return wrapper


def _widths(tmp_path, page: Path, width: int) -> tuple[int, int]:
    wrapper = _framed(tmp_path, page, width, 900)
    result = _chromium(tmp_path, "--allow-file-access-from-files", "--virtual-time-budget=10000",
                       "--window-size=1400,1000", "--dump-dom", wrapper.as_uri())  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    found = _PROBE.search(result.stdout)
    assert found, result.stdout[-2000:]
    return int(found.group(1)), int(found.group(2))


def _screenshot(tmp_path, page: Path, width: int, png: Path) -> None:
    height = 1600 if width > 1000 else 1400
    wrapper = _framed(tmp_path, page, width, height)
    result = _chromium(tmp_path, "--allow-file-access-from-files", "--hide-scrollbars", "--virtual-time-budget=10000",
                       f"--window-size={width},{height}", f"--screenshot={png}", wrapper.as_uri())  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory):
    """The bundled corpus's report, its diff page for Russia, and a 79-year corpus's index."""
    out = tmp_path_factory.mktemp("bundled")
    runner = CliRunner()
    result = runner.invoke(main, ["report", "--out", str(out)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["diff", "--actor", "RUS", "--format", "html"])
    assert result.exit_code == 0, result.output
    (out / "diff-rus.html").write_text(result.stdout, encoding="utf-8")
    long = tmp_path_factory.mktemp("long")
    write_report(long_corpus(), long, title="79 years of debate")
    (out / "long-index.html").write_text((long / "index.html").read_text(encoding="utf-8"), encoding="utf-8")
    seed = next(p for p in sorted(out.glob("article-*.html")) if "000_1792fb935fd71937" in p.read_text(encoding="utf-8"))
    return out, {"index": out / "index.html", "actor": out / "actor-rus.html", "article": seed,
                 "diff": out / "diff-rus.html", "long-index": out / "long-index.html"}  # fmt: skip


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["index", "actor", "article", "diff", "long-index"])
def test_no_horizontal_overflow_and_a_screenshot(bundled_site, tmp_path, name, width):
    _, pages = bundled_site
    scroll_width, viewport_width = _widths(tmp_path, pages[name], width)
    assert (scroll_width, viewport_width) == (width, width), f"{name} overflows at {width} px"
    target = SHOTS if os.environ.get("UPDATE_SCREENSHOTS") else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    _screenshot(tmp_path, pages[name], width, target / f"{name}-{width}.png")


def test_the_long_index_says_which_actors_have_no_markers_in_view(bundled_site):
    _, pages = bundled_site
    html = pages["long-index"].read_text(encoding="utf-8")
    assert '<h3 id="heat-latest">The latest 20 of 79 periods, 2005 to 2024</h3>' in html
    assert '<span class="none">no markers from 2005 to 2024 (its markers: 1950–1990)</span>' in html
