"""Every page of the app (components.layout.PAGES) renders in Debian's chromium, with a screenshot.

On the session's one server (test_browser.server): the seed article and the two readouts of
the Biden-Kishida meeting of 2022-09-21 (tests/fixtures/compare/), which Compare compares.
Screenshots go to a temporary folder, or with READOUT_SCREENSHOTS=screenshots (`make
screenshots`) to the README's screenshots/ folder; pixels are never compared.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode, urlparse

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
VIEWPORT = {"width": 1500, "height": 1000}
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


@pytest.fixture(scope="module")
def tab(browser, server):
    """One tab, one Streamlit session for every page: the pages are reached through the
    sidebar's navigation (a new session per page would cost a page load each)."""
    context = browser.new_context(viewport=VIEWPORT)
    tab = context.new_page()
    tab.goto(server)
    app_ready(tab)
    yield tab
    context.close()


def visit(tab, server: str, name: str, title: str) -> None:
    """Open a page: Compare by its URL (the two readouts chosen in it), others by the sidebar."""
    tab.set_viewport_size(VIEWPORT)  # a screenshot grew it
    if name == "compare":
        tab.goto(f"{server}/{name}?{urlencode(COMPARE)}")
    else:
        tab.locator("[data-testid='stSidebarNav']").get_by_role("link", name=title).click()
    tab.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=30_000)
    app_ready(tab)
    # The previous page's elements stay, marked stale, until this page's run ends.
    tab.wait_for_function("() => !document.querySelector(\"[data-stale='true']\")", timeout=30_000)


@pytest.mark.parametrize(("script", "title"), [(p, t) for p, t, _ in PAGES], ids=url_path)
def test_pages_every_page_renders_its_content(server, tab, shots, script, title):
    name = url_path(script)
    visit(tab, server, name, title)
    if script != PAGES[0][0]:  # the default page is served at /
        assert urlparse(tab.url).path == f"/{name}", tab.url
    if name not in NO_CHART:
        tab.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    if name in CONTENT:
        tab.get_by_text(CONTENT[name], exact=True).first.wait_for(timeout=30_000)
    assert not tab.locator("[data-testid='stException']").count(), name
    assert not tab.get_by_text("Page not found").count(), name
    if name == "compare":  # both readouts side by side, the difference marked in each
        assert tab.get_by_text("Show both paragraphs of").first.is_visible()
        assert tab.locator("mark").count() >= 1
        assert "cl=" in tab.url and "cr=" in tab.url
    full_screenshot(tab, shots / f"{name}.png")
