"""Every page of the app (components.layout.PAGES) renders in Debian's chromium, with a screenshot.

On the session's one server (test_browser.server): the seed article and the two readouts of
the Biden-Kishida meeting of 2022-09-21 (tests/fixtures/compare/), which Compare compares.
Screenshots go to a temporary folder, or with READOUT_SCREENSHOTS=screenshots (`make
screenshots`) to the README's screenshots/ folder; pixels are never compared.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest

from components.layout import PAGES
from tests.e2e.test_browser import CHROMIUM, app_ready, full_screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent"),
]

WH, MOFA = "readout-us-biden-kishida-2022-09-21", "readout-japan-kishida-biden-2022-09-21"
COMPARE = {"cmp": "documents", "cl": WH, "cr": MOFA}
NO_CHART = {"source", "corpus"}
# What shows a page drew its main content (beyond the chart, where it has one).
CONTENT = {
    "overview": "Briefing summary",
    "compare": "Aligned paragraph pairs",
    "source": "Document",
    "corpus": "Corrections (audit)",
}


def url_path(script: str) -> str:
    """The URL path Streamlit gives a page file (the default page is served at /)."""
    return Path(script).stem


@pytest.mark.parametrize(("script", "title"), [(p, t) for p, t, _ in PAGES], ids=url_path)
def test_pages_every_page_renders_its_content(server, page, shots, script, title):
    name = url_path(script)
    query = f"?{urlencode(COMPARE)}" if name == "compare" else ""
    page.goto(f"{server}/{'' if script == PAGES[0][0] else name}{query}")
    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=30_000)
    if name not in NO_CHART:
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    if name in CONTENT:
        page.get_by_text(CONTENT[name], exact=True).first.wait_for(timeout=30_000)
    app_ready(page)
    assert not page.locator("[data-testid='stException']").count(), name
    assert not page.get_by_text("Page not found").count(), name
    if name == "compare":  # both readouts side by side, the difference marked in each
        assert page.get_by_text("Show both paragraphs of").first.is_visible()
        assert page.locator("mark").count() >= 1
        assert "cl=" in page.url and "cr=" in page.url
    full_screenshot(page, shots / f"{name}.png")
