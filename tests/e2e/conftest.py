"""The one chromium of the browser tests (Playwright's sync API allows one per process)."""

from __future__ import annotations

import pytest

from tests.e2e.test_browser import ARGS, CHROMIUM


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, shared by every browser test of this worker."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()
