"""In Debian's chromium: a correction made in the drill-down holds after the document is analyzed
again with an edited knowledge file ($READOUT_DATA pointing at an edited copy of data/)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml

from tests.e2e.test_browser import CHROMIUM, ROOT, SEED, app_ready, seed_store, serving

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent"),
]

# The seed's last paragraph: "…signed bilateral cooperation documents in such areas as
# agriculture, forestry, basic scientific and technological research, market regulation, and
# the media." Forestry is extracted from it alone; the analyst deletes it there.
PARAGRAPH = "seed-xi-putin-moscow-talks-2023-03:19"
DELETED = "area: Forestry (China/Russia)"
SYNONYM = ("trade", "market regulation")  # the knowledge edit: this paragraph gains trade


@pytest.fixture(scope="module")
def editable(tmp_path_factory):
    """A server on a store of its own (this test writes to it): (url, store, folder)."""
    folder = tmp_path_factory.mktemp("correct")
    store = seed_store(folder / "seed.db")
    with serving(store) as (url, _):
        yield url, store, folder


def edited_data(folder):
    """A copy of data/ whose taxonomy gives an area one more synonym."""
    data = folder / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "taxonomy.yaml"
    taxonomy = yaml.safe_load(path.read_text(encoding="utf-8"))
    area = next(a for a in taxonomy["areas"] if a["id"] == SYNONYM[0])
    assert SYNONYM[1] not in area["synonyms"]
    area["synonyms"].append(SYNONYM[1])
    path.write_text(yaml.safe_dump(taxonomy, allow_unicode=True), encoding="utf-8")
    return data


def reanalyze(store, data) -> dict:
    """`python -m models analyze SEED --store STORE` with $READOUT_DATA=data: the analysis."""
    cmd = [sys.executable, "-m", "models", "analyze", str(SEED), "--store", str(store)]
    env = {**os.environ, "READOUT_DATA": str(data)}
    done = subprocess.run(
        [*cmd, "--embedder", "fake", "--json", "-"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def card_tags(tab) -> str:
    """The tags line of the drill-down's paragraph card (topic · areas · …)."""
    caption = tab.locator("[data-testid='stCaptionContainer']").filter(has_text="topic: ")
    return caption.first.inner_text()


def test_correction_survives_reanalysis_with_an_edited_taxonomy(editable, page):
    url, store, folder = editable
    # 1. In the browser: the forestry bar's drill-down, the correction controls, a name.
    page.goto(f"{url}/areas?area=forestry")
    bars = page.locator(".js-plotly-plot").first.locator(".bars path")
    bars.first.wait_for(timeout=30_000)
    app_ready(page)
    bars.first.click(force=True)
    page.wait_for_selector("mark", timeout=20_000)
    assert "area: Forestry" in card_tags(page)  # the tags name areas by their labels
    page.get_by_text("Correct the extraction").click()
    name = page.get_by_label("Your name, recorded with your corrections")
    name.fill("Ana Analyst")
    name.press("Enter")
    page.get_by_text("Correcting as Ana Analyst.").wait_for(timeout=20_000)
    # 2. Delete the forestry record through its Correct popover.
    row = page.locator("[data-testid='stHorizontalBlock']").filter(has_text=DELETED).last
    row.get_by_role("button", name="Correct").click()
    page.get_by_role("button", name="Delete it").click()
    page.get_by_text("Saved: ").first.wait_for(timeout=20_000)
    app_ready(page)
    assert not page.get_by_text(DELETED, exact=True).count()
    assert "area: Forestry" not in card_tags(page)

    # 3. Outside the browser: an edited copy of data/, and the seed analyzed again with it.
    analysis = reanalyze(store, edited_data(folder))
    areas = {a["area"] for a in analysis["areas"] if a["paragraph_id"] == PARAGRAPH}
    assert SYNONYM[0] in areas, "the edited taxonomy changed the extraction"
    assert "forestry" not in areas, "the deletion holds in the CLI's analysis"

    # 4. Reload the drill-down: the new extraction shows, the deleted record stays deleted.
    page.goto(f"{url}/areas?sel={PARAGRAPH}&chart=areas_by_party")
    page.wait_for_selector("mark", timeout=30_000)
    app_ready(page)
    tags = card_tags(page)
    assert "area: Trade" in tags and "area: Forestry" not in tags, tags
    assert not page.locator("[data-testid='stException']").count()

    # 5. The Corpus page's audit lists the correction, still applied.
    page.goto(f"{url}/corpus")
    audit = page.locator("[data-testid='stText']").filter(has_text="Ana Analyst")
    audit.first.wait_for(timeout=30_000)
    line = audit.first.inner_text()
    assert "delete" in line and "forestry" in line and line.endswith("applied"), line
