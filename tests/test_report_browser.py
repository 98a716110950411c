"""The report in a real browser: headless Chromium loads the pages from disk, without
network, and renders the heatmap and the highlighted statements. Skipped without Chromium."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from positions.render.report import write_report
from test_report import golden_corpus

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
