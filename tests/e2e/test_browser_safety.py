"""In Debian's chromium: document text never becomes markup or a request; shared mode holds."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.e2e.test_browser import CHROMIUM, PAGES, analyzed, app_ready, seed_store, serving

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent"),
]

EVIL = "evil.invalid"
PAYLOADS = [
    f'<img src="http://{EVIL}/img.png">',
    f'<a href="http://{EVIL}/a">link</a>',
    f"![pixel](http://{EVIL}/md.png)",
    "<script>window.__pwned = 1</script>",
    f"<b>bold</b> [md link](http://{EVIL}/md)",
]


def payload_corpus(folder: Path) -> Path:
    """Two records whose every field (id, title, date, source, url, text) carries a payload,
    with sentences the extractors read (areas, positions, a signing, parties)."""
    records = []
    for i, payload in enumerate(PAYLOADS[:2]):
        p = " ".join(PAYLOADS)
        records.append(
            {
                "id": f"doc{i}{payload}",
                "title": f"Talks {payload} {PAYLOADS[2]}",
                "date": f"2023-03-2{i} {PAYLOADS[2]}",
                "source": f"Agency {payload}",
                "source_url": f"http://{EVIL}/source",
                "text": (
                    f"China and Russia agreed to deepen cooperation in trade and {p} energy.\n\n"
                    f"Russia supports the plan for {p} peace talks.\n\n"
                    f"The two sides signed an agreement on {p} science and technology.\n\n"
                    f"{p}\n"
                ),
            }
        )
    path = folder / "payloads.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def payload_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("payload")
    with serving(analyzed(payload_corpus(folder), folder / "payload.db")) as (url, _):
        yield url


def _foreign_requests(tab) -> list[str]:
    seen: list[str] = []

    def note(request) -> None:
        host = urlparse(request.url).hostname
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host != "127.0.0.1":
            seen.append(request.url)

    tab.on("request", note)
    return seen


# Attributes that load or link something: a payload in one of these would be live markup.
LOADS = "['src', 'href', 'xlink:href', 'srcset', 'style', 'action', 'formaction', 'poster']"
FOREIGN_DOM = f"""() => {{ const LOADS = {LOADS};
return Array.from(document.querySelectorAll('*')).filter(el =>
    Array.from(el.attributes).some(a => LOADS.includes(a.name) && a.value.includes('{EVIL}'))
    || (el.tagName === 'SCRIPT' && el.textContent.includes('__pwned'))
    || (el.tagName === 'B' && el.textContent === 'bold')
).map(el => el.outerHTML.slice(0, 200)); }}"""


def test_browser_safety_payloads_stay_text_on_every_page(payload_server, browser):
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    tab = context.new_page()
    foreign = _foreign_requests(tab)
    dialogs: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        hostile_query = "?party=" + PAYLOADS[0] + "&q=" + PAYLOADS[1]
        for name in PAGES:
            for query in ("", hostile_query):
                tab.goto(f"{payload_server}/{'' if name == 'overview' else name}{query}")
                tab.wait_for_selector("h1", timeout=30_000)
                if name not in ("source", "corpus") and not query:
                    tab.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
                app_ready(tab)
                assert not tab.locator("[data-testid='stException']").count(), name
                tab.wait_for_timeout(500)  # elements a run sends last are drawn too
                found = tab.evaluate(FOREIGN_DOM)
                assert found == [], (name, query, found)
                assert tab.evaluate("() => window.__pwned") is None
                if name == "source" and not query:  # the title's payloads are there, as text
                    tab.wait_for_function(  # the reader draws the document after the page
                        f"() => document.body.innerText.includes('{EVIL}/img.png')",
                        timeout=30_000,
                    )
                    shown = tab.inner_text("body").replace("\u2060", "")  # word joiners
                    assert f'Talks <img src="http://{EVIL}/img.png">' in shown
                    assert f"![pixel](http://{EVIL}/md.png)" in shown
        assert foreign == [], foreign
        assert dialogs == []
    finally:
        context.close()


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shared")
    store = seed_store(folder / "seed.db")
    env = {
        "READOUT_MODE": "shared",
        "READOUT_EDITOR_KEY": "open sesame",
        "READOUT_PRIVATE_DIR": str(folder / "private"),
    }
    with serving(store, env) as (url, _):
        yield url, store


def _documents_metric(tab, url: str | None = None) -> str:
    """The Overview's document count: a new session at ``url``, or this session's (a page
    load starts a new session, so this one moves by the app's own link)."""
    if url:
        tab.goto(url)
    else:
        tab.get_by_role("link", name="Overview").click()
    tab.wait_for_selector("[data-testid='stMetricValue']", timeout=30_000)
    app_ready(tab)
    return tab.locator("[data-testid='stMetricValue']").first.inner_text().strip()


def test_browser_safety_shared_mode_private_uploads_and_editor_key(
    shared_server, browser, tmp_path
):
    url, _ = shared_server
    text = tmp_path / "hanoi-talks.txt"
    text.write_text("Leaders met in Hanoi.\n\nThey agreed to expand maritime cooperation.\n")
    visitor = browser.new_context(viewport={"width": 1500, "height": 1000})
    other = browser.new_context(viewport={"width": 1500, "height": 1000})
    try:
        tab = visitor.new_page()
        tab.goto(f"{url}/corpus")
        tab.get_by_text("shared and read-only").wait_for(timeout=30_000)
        app_ready(tab)
        assert not tab.get_by_text("Remove documents").count()
        tab.locator("input[type='file']").first.set_input_files(str(text))
        tab.get_by_role("button", name="Analyze uploads").click()
        tab.get_by_text("1 added").wait_for(timeout=60_000)
        assert _documents_metric(tab) == "2"  # the visitor sees their text
        assert _documents_metric(other.new_page(), url) == "1"  # nobody else does
        tab.get_by_role("link", name="Corpus").click()
        tab.get_by_text("Editor access").wait_for(timeout=30_000)
        app_ready(tab)
        tab.get_by_text("Editor access").click()
        tab.get_by_label("Editor key").fill("open sesame")
        tab.get_by_role("button", name="Unlock editing").click()
        tab.get_by_text("Editing the shared corpus").wait_for(timeout=30_000)
        tab.get_by_role("button", name="Promote 1 to the shared corpus").click()
        tab.get_by_text("Promoted: 1 added").wait_for(timeout=60_000)
        assert _documents_metric(other.new_page(), url) == "2"  # now shared
    finally:
        visitor.close()
        other.close()
