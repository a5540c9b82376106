"""The browser tests' shared fixtures: the one chromium (Playwright's sync API allows one per
process), the one read-only server, a fresh tab per test, the screenshot folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.test_browser import (
    ARGS,
    CHROMIUM,
    READOUTS,
    SEED,
    analyzed,
    screenshot_dir,
    serving,
)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, shared by every browser test of this worker."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """One server for the read-only browser tests: the seed and the two readouts."""
    store = analyzed([SEED, READOUTS], tmp_path_factory.mktemp("e2e") / "seed.db")
    with serving(store) as (url, _):
        yield url


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    return screenshot_dir(tmp_path_factory)


@pytest.fixture
def page(browser):
    """A fresh tab (its own Streamlit session) per test."""
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    tab = context.new_page()
    yield tab
    context.close()
