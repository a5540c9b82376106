"""End to end in Debian's chromium: click a bar, read the source, open a shared link.

Every page's render and screenshot: test_pages.py; a correction across re-analysis:
test_correction_survives.py."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "seed-xi-putin-moscow-talks-2023-03.txt"
# Two real readouts of one meeting (the White House's and Japan's MOFA's): the Compare page's.
READOUTS = ROOT / "tests" / "fixtures" / "compare" / "us-japan-readouts-2022-09-21.jsonl"
CHROMIUM = Path("/usr/bin/chromium")
# Screenshots go to a temporary folder; READOUT_SCREENSHOTS=screenshots (`make screenshots`)
# writes them to that folder of the repository instead (the README's images). Never compared.
SHOTS_ENV = "READOUT_SCREENSHOTS"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = ["overview", "topics", "areas", "positions", "signings", "source", "corpus"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent"),
]


def screenshot_dir(tmp_path_factory) -> Path:
    """Where this run's screenshots go: $READOUT_SCREENSHOTS (relative to the repository),
    else a fresh temporary folder."""
    chosen = os.environ.get(SHOTS_ENV, "").strip()
    folder = ROOT / chosen if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# Streamlit scrolls inside its main container, so a "full page" shot is one viewport: grow the
# viewport to the tallest scrolled content first (at most this tall).
MAX_SHOT_HEIGHT = 8000
CONTENT_HEIGHT = """() => Math.max(0, ...Array.from(document.querySelectorAll(
    "[data-testid='stMain'], [data-testid='stSidebarContent']"), el => el.scrollHeight))"""


def full_screenshot(tab, path: Path) -> None:
    """A screenshot of the whole page at the tab's width, its scrolled content unrolled."""
    width = tab.viewport_size["width"]
    height = min(MAX_SHOT_HEIGHT, max(tab.viewport_size["height"], tab.evaluate(CONTENT_HEIGHT)))
    tab.set_viewport_size({"width": width, "height": height})
    tab.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    tab.screenshot(path=str(path), full_page=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited: {proc.stdout.read() if proc.stdout else ''}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("streamlit did not start")


def start_server(
    store: Path, port: int, env_extra: dict | None = None, script: str = "app.py"
) -> subprocess.Popen:
    """`streamlit run app.py` (or another script) on a store, headless, on a port (fake
    embedder)."""
    env = {**os.environ, "READOUT_STORE": str(store), "READOUT_EMBEDDER": "fake"}
    env.pop("READOUT_SIDEBAR_DELAY", None)  # a real browser gets the real first paint
    env.update(env_extra or {})
    cmd = [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true"]
    cmd += ["--server.port", str(port), "--browser.gatherUsageStats", "false"]
    return subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def stop_server(proc: subprocess.Popen) -> None:
    """Stop a server we started: SIGTERM, then SIGKILL if it lingers."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@contextlib.contextmanager
def serving(store: Path, env_extra: dict | None = None):
    """A server on a store, on a free loopback port, while the block runs: (url, process)."""
    port = free_port()
    proc = start_server(store, port, env_extra)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url, proc
    finally:
        stop_server(proc)


def analyzed(source: Path | list[Path], store: Path) -> Path:
    """Files analyzed into a store with the fake embedder (extraction does not depend on it)."""
    sources = [str(f) for f in (source if isinstance(source, list) else [source])]
    cmd = [sys.executable, "-m", "models", "analyze", *sources, "--store", str(store)]
    subprocess.run([*cmd, "--embedder", "fake"], cwd=ROOT, check=True, capture_output=True)
    return store


def seed_store(path: Path) -> Path:
    """The seed analyzed with the fake embedder."""
    return analyzed(SEED, path)


def app_ready(tab) -> None:
    """Wait until the script run finished (no running indicator)."""
    tab.wait_for_selector("[data-testid='stApp']", timeout=30_000)
    tab.wait_for_function(
        "() => !document.querySelector(\"[data-testid='stStatusWidget']\")", timeout=30_000
    )


def test_browser_click_a_bar_shows_its_source_paragraph(server, page, shots):
    page.goto(f"{server}/areas")
    page.wait_for_selector(".js-plotly-plot .bars path", timeout=30_000)
    app_ready(page)
    page.locator(".js-plotly-plot").first.locator(".bars path").first.click(force=True)
    page.wait_for_selector("mark", timeout=20_000)
    assert page.locator("mark").first.inner_text().strip()
    assert page.get_by_text("Open in reader").first.is_visible()
    page.screenshot(path=str(shots / "areas-drilldown.png"), full_page=True)
    assert "sel=" in page.url, "the selection is in the shareable URL"
    page.get_by_text("Open in reader").first.click()
    page.wait_for_url("**/source**", timeout=20_000)
    page.wait_for_selector("mark", timeout=20_000)
    assert page.get_by_text("Opened paragraph").is_visible()


def test_browser_shared_link_applies_filters(server, page, shots):
    page.goto(f"{server}/areas?party=Russia&area=trade")
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    parties = page.locator(".st-key-f_parties [data-testid='stMultiSelectTagsContainer']")
    areas = page.locator(".st-key-f_areas [data-testid='stMultiSelectTagsContainer']")
    parties.get_by_text("Russia").wait_for(timeout=30_000)
    app_ready(page)
    assert "trade" in areas.inner_text().lower()  # shown by its label, "Trade (1)"
    assert "party=Russia" in page.url and "area=trade" in page.url
    page.screenshot(path=str(shots / "areas-shared-link.png"), full_page=True)
    page.get_by_role("link", name="Positions").click()
    page.wait_for_url("**/positions?*party=Russia*", timeout=20_000)
    parties.get_by_text("Russia").wait_for(timeout=20_000)
