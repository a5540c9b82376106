"""Dashboard speed: time to first chart on the seed, and rerun times on the White House corpus.

Prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_app.py [--skip-browser] [--skip-corpus] [--repeat N]

(a) starts `streamlit run app.py` on the seed, opens it in /usr/bin/chromium and times page
    load -> first .js-plotly-plot; reports whether the server process loaded torch /
    sentence-transformers (read from /proc/<pid>/maps) and, via AppTest, whether any page
    imports sentence_transformers.
(b) with var/bench-wh.db (the whole whitehouse-statements corpus, built once with the fake
    embedder), the median AppTest server time of a filter-change rerun and of a page switch.

With --big-store PATH, (a) and (b) run on that store instead, e.g. both shared corpora
(about 20 minutes to build, once):

    .venv/bin/python -m models analyze ../shared/corpora/*.jsonl.gz --store var/bench-all.db \
        --embedder fake --skip-bad
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_load import rss_mb  # noqa: E402
from corpus_sample import WHITEHOUSE  # noqa: E402

from models.display import load_names  # noqa: E402
from tests.e2e.test_browser import (  # noqa: E402
    ARGS,
    CHROMIUM,
    free_port,
    start_server,
    stop_server,
    wait_healthy,
)

SEED = ROOT / "data" / "seed-xi-putin-moscow-talks-2023-03.txt"
VAR = ROOT / "var"
PAGES = [
    "pages/overview.py",
    "pages/topics.py",
    "pages/areas.py",
    "pages/positions.py",
    "pages/signings.py",
    "pages/source.py",
    "pages/corpus.py",
]


def build(source: Path, store: Path) -> Path:
    """Analyze a source into a cached store under var/ (fake embedder) unless it exists."""
    if not store.exists():
        print(f"building {store.name} from {source.name} (once)…", flush=True)
        cmd = [sys.executable, "-m", "models", "analyze", str(source), "--store", str(store)]
        subprocess.run([*cmd, "--embedder", "fake", "--skip-bad"], cwd=ROOT, check=True)
    return store


def loaded_heavy(pid: int) -> bool:
    """Whether a process mapped torch (what importing sentence_transformers loads)."""
    try:
        maps = Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False
    return "torch" in maps or "sentence_transformers" in maps


BARE_APP = """import plotly.graph_objects as go
import streamlit as st

st.plotly_chart(go.Figure(go.Bar(x=[1, 2, 3], y=[3, 1, 2])))
"""


SIDEBAR = '[data-testid="stSidebar"] [data-testid="stMultiSelect"]'


def _to_first_chart(store: Path, runs: int, script: str = "app.py") -> dict:
    """Page load -> first .js-plotly-plot (and -> the sidebar's filters, for app.py) in
    chromium, each run a fresh browser context."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    proc = start_server(store, port, script=script)
    url = f"http://127.0.0.1:{port}"
    times: list[float] = []
    loaded: list[float] = []
    sidebar: list[float] = []
    try:
        wait_healthy(url, proc)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                tab = context.new_page()
                start = time.perf_counter()
                tab.goto(url)  # returns at the load event
                loaded.append(time.perf_counter() - start)
                tab.wait_for_selector(".js-plotly-plot", timeout=60_000)
                times.append(time.perf_counter() - start)
                if script == "app.py":
                    tab.wait_for_selector(SIDEBAR, timeout=60_000)
                    sidebar.append(time.perf_counter() - start)
                context.close()
            browser.close()
        heavy, rss = loaded_heavy(proc.pid), rss_mb(proc.pid)
    finally:
        stop_server(proc)
    after_load = [t - lo for t, lo in zip(times, loaded, strict=True)]
    return {
        "times": times,
        "after_load": after_load,
        "sidebar": sidebar,
        "heavy": heavy,
        "rss": rss,
    }


def first_chart(store: Path, runs: int) -> None:
    """(a) Page load -> first chart in chromium, cold server then warm; beside it, the same
    for a bare Streamlit app showing one plotly bar chart (the framework's own floor)."""
    if not CHROMIUM.exists():
        print("(a) skipped: /usr/bin/chromium is absent")
        return
    ours = _to_first_chart(store, runs)
    with tempfile.TemporaryDirectory() as folder:
        bare_app = Path(folder) / "bare.py"
        bare_app.write_text(BARE_APP)
        bare = _to_first_chart(store, runs, script=str(bare_app))
    times = ours["times"]
    print(f"(a) time to first chart on {store.name}: first (cold server) {times[0]:.2f} s", end="")
    if len(times) > 1:
        print(f", median of the next {len(times) - 1}: {statistics.median(times[1:]):.2f} s")
    else:
        print()
    print(
        f"    of which after the load event: median {statistics.median(ours['after_load']):.2f} s"
    )
    print(
        f"    the sidebar's filters (drawn after the page on a session's first run): median "
        f"{statistics.median(ours['sidebar'][1:] or ours['sidebar']):.2f} s"
    )
    warm_ours = statistics.median(times[1:] or times)
    warm_bare = statistics.median(bare["times"][1:] or bare["times"])
    print(
        f"    a bare Streamlit app with one plotly bar chart, same browser: median "
        f"{warm_bare:.2f} s ({statistics.median(bare['after_load']):.2f} s after the load "
        f"event); Readout / bare = {warm_ours / warm_bare:.2f}x"
    )
    print(f"    server process loaded torch/sentence-transformers: {ours['heavy']}")
    rss = ours["rss"]
    print(f"    server memory after {runs} sessions: {rss[0]:.0f} MB (peak {rss[1]:.0f} MB)")


def apptest(store: Path):
    """An AppTest of app.py on a store (legacy pages/ mode off, as on a real server)."""
    import streamlit.runtime.scriptrunner.script_runner as script_runner
    from streamlit.testing.v1 import AppTest

    class PagesV2:
        uses_pages_directory = False

    script_runner.PagesManager = PagesV2
    os.environ["READOUT_STORE"] = str(store)
    os.environ["READOUT_EMBEDDER"] = "fake"
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)


def peak_mb() -> float:
    """Peak resident memory of this process, in MB."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(at) -> float:
    start = time.perf_counter()
    at.run()
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    return time.perf_counter() - start


def imports_check(store: Path) -> None:
    """Run every page in AppTest and report whether sentence_transformers got imported."""
    at = apptest(store)
    at.run()
    for page in PAGES:
        at.switch_page(page)
        timed(at)
    print(
        f"    AppTest of every page imported sentence_transformers: "
        f"{'sentence_transformers' in sys.modules}"
    )


def _raw(option: str) -> str:
    """An option's value from its label: the sidebar shows "China (1,234)" (facet counts)."""
    return re.sub(r" \([\d,]+\)$", "", option)


def corpus_reruns(store: Path, repeat: int) -> None:
    """(b) Median server time of filter-change reruns and page switches on a big store."""
    at = apptest(store)
    start = time.perf_counter()
    at.run()
    print(f"(b) {store.name}: first run (loads frames once) {time.perf_counter() - start:.2f} s")
    for page in PAGES:  # first visit of each page builds its charts once
        at.switch_page(page)
        timed(at)
    at.switch_page("pages/areas.py")
    timed(at)
    parties = [_raw(o) for o in at.multiselect(key="f_parties").options[:repeat]]
    area_ids = {label: i for i, label in load_names().areas.items()}
    areas = [area_ids.get(_raw(o), _raw(o)) for o in at.multiselect(key="f_areas").options]
    areas = areas[:repeat]
    filter_times = []
    for i in range(repeat):
        at.multiselect(key="f_parties").set_value([parties[i % len(parties)]])
        filter_times.append(timed(at))
        if at.multiselect(key="f_parties").value != [parties[i % len(parties)]]:
            raise RuntimeError(f"the party filter did not apply: {parties[i % len(parties)]}")
        at.multiselect(key="f_areas").set_value([areas[i % len(areas)]])
        filter_times.append(timed(at))
        at.multiselect(key="f_parties").set_value([])
        at.multiselect(key="f_areas").set_value([])
        filter_times.append(timed(at))
    switch_times = []
    for _ in range(max(1, repeat // 2)):
        for page in PAGES:
            at.switch_page(page)
            switch_times.append(timed(at))
    print(
        f"    filter-change rerun: median {statistics.median(filter_times) * 1000:.0f} ms, "
        f"max {max(filter_times) * 1000:.0f} ms over {len(filter_times)} reruns"
    )
    print(
        f"    page switch: median {statistics.median(switch_times) * 1000:.0f} ms, "
        f"max {max(switch_times) * 1000:.0f} ms over {len(switch_times)} switches"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-corpus", action="store_true")
    parser.add_argument("--repeat", type=int, default=6)
    parser.add_argument("--wh-store", default=str(VAR / "bench-wh.db"))
    parser.add_argument(
        "--big-store", help="a store (e.g. both shared corpora) for (a) and (b) instead"
    )
    args = parser.parse_args()
    VAR.mkdir(exist_ok=True)
    seed = build(SEED, VAR / "bench-seed.db")
    if args.big_store:
        big = Path(args.big_store)
        if not args.skip_browser:
            first_chart(big, runs=4)
        corpus_reruns(big, args.repeat)
        print(f"    this process's peak memory: {peak_mb():.0f} MB")
        return
    if not args.skip_browser:
        first_chart(seed, runs=4)
    imports_check(seed)
    if not args.skip_corpus:
        if not WHITEHOUSE.exists() and not Path(args.wh_store).exists():
            print(f"(b) skipped: {WHITEHOUSE} not found")
            return
        corpus_reruns(build(WHITEHOUSE, Path(args.wh_store)), args.repeat)


if __name__ == "__main__":
    main()
