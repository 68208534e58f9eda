"""Open a report in real headless Chromium: every figure loads and nothing leaves the machine.

Needs Debian's ``chromium`` (/usr/bin/chromium) and the Python ``playwright`` package (its
own browser download is never used). In CI (``CI=true``) a missing browser fails the test;
elsewhere it skips.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import kalliola_analysis as ka
from kalliola_analysis.reports import runner

CHROMIUM = os.environ.get("KALLIOLA_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def _require_browser():
    problems = []
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        problems.append(f"Chromium not found at {CHROMIUM} (Debian: apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append("the Python package playwright is not installed (pip install playwright)")
    if problems:
        message = "; ".join(problems)
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser check cannot run in CI: {message}")
        pytest.skip(message)


@pytest.fixture(scope="module")
def report_html(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser")
    return runner.run_report(
        "pulse", data=ka.demo_path("pulse"), period="2023-11", out=out, timeout=300
    ).html


@pytest.mark.slow
def test_report_renders_offline_in_chromium(report_html):
    _require_browser()
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.goto(report_html.as_uri(), wait_until="load")
            page.wait_for_load_state("networkidle")
            images = page.evaluate(
                "Array.from(document.images).map(i => ({src: i.src.slice(0, 30), "
                "complete: i.complete, width: i.naturalWidth, alt: i.alt}))"
            )
            lang = page.evaluate("document.documentElement.lang")
            headings = page.evaluate(
                "Array.from(document.querySelectorAll('h2')).map(h => h.textContent)"
            )
        finally:
            browser.close()
    assert lang == "fi"
    assert len(images) >= 5
    for img in images:
        assert img["complete"] and img["width"] > 0, img
        assert img["src"].startswith("data:image/png;base64,") and img["alt"], img
    assert "Tietoja raportista" in headings
    offending = [u for u in requests if not u.startswith(("file://", "data:"))]
    assert requests and offending == [], offending


A4_WIDTH = 794  # CSS pixels: 210 mm at 96 dpi

OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;  // not rendered (a closed <details>)
    if (r.right > width + 0.5 || r.left < -0.5) {
      bad.push(`${el.tagName}.${el.className} ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
  }
  return {width, scroll: document.documentElement.scrollWidth, bad: bad.slice(0, 20)};
}"""


@pytest.fixture(scope="module")
def followup_html(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser-followup")
    return runner.run_report("followup", data=ka.demo_path("followup"), out=out, timeout=300).html


@pytest.mark.slow
@pytest.mark.parametrize("media", ["screen", "print"])
@pytest.mark.parametrize("which", ["report_html", "followup_html"])
def test_nothing_overflows_an_a4_page(which, media, request):
    """At A4 width (screen and print styles) no element reaches past the page's right edge."""
    _require_browser()
    from playwright.sync_api import sync_playwright

    path = request.getfixturevalue(which)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": A4_WIDTH, "height": 1123})
            page.emulate_media(media=media)
            page.goto(path.as_uri(), wait_until="load")
            # open every collapsible group: its table must fit too
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            result = page.evaluate(OVERFLOW_JS)
            pdf = page.pdf(format="A4") if media == "print" else b""
        finally:
            browser.close()
    assert result["bad"] == [] and result["scroll"] <= result["width"], result
    if media == "print":
        assert pdf.startswith(b"%PDF")  # the print styles render to A4 pages
