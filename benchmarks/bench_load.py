"""Load: many browser sessions at once on one server, one of them uploading meanwhile.

Prints figures (p50/p95 interaction time, errors, server memory); asserts nothing.

    .venv/bin/python benchmarks/bench_load.py [--sessions 20] [--docs 1000] [--rounds 4] [--json]

Starts `streamlit run app.py` (loopback only, fake embedder) on a store of the first --docs
White House records (built once under var/), opens --sessions tabs of Debian's chromium, each
its own Streamlit session, and has every tab do --rounds rounds of: switch page (sidebar
link), filter by date, search, clear the search. Session 0 also uploads a text. An interaction
is timed from the action to the end of the app's run (no running indicator); a page exception
or a timeout counts as an error. Everything is bounded: sessions ≤ 30, each wait ≤ 60 s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus_sample import sample  # noqa: E402

from tests.e2e.test_browser import ARGS, CHROMIUM, serving  # noqa: E402

VAR = ROOT / "var"
PAGES = ["Topics", "Cooperation areas", "Positions", "Signings", "Overview"]
WORDS = ["trade", "climate", "security", "energy", "health", "ukraine"]
MAX_SESSIONS = 30
WAIT_MS = 60_000
IDLE = "() => !document.querySelector(\"[data-testid='stStatusWidget']\")"


def build_store(docs: int) -> Path:
    """A store of the first ``docs`` White House records (fake embedder), built once."""
    VAR.mkdir(exist_ok=True)
    store = VAR / f"bench-load-{docs}.db"
    if not store.exists():
        print(f"building {store.name} (once)…", file=sys.stderr, flush=True)
        source = sample(docs, VAR / f"bench-load-{docs}.jsonl.gz")
        cmd = [sys.executable, "-m", "models", "analyze", str(source), "--store", str(store)]
        subprocess.run([*cmd, "--embedder", "fake", "--skip-bad"], cwd=ROOT, check=True)
    return store


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> tuple[float, float]:
    """Resident and peak resident memory of a process, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


async def timed(tab, action, times: list[float], errors: list[str], label: str) -> None:
    """Run one interaction and wait for the app's run to end; record its time or the error."""
    start = time.perf_counter()
    try:
        await action()
        await tab.wait_for_timeout(50)  # let the rerun begin before waiting for its end
        await tab.wait_for_function(IDLE, timeout=WAIT_MS)
        if await tab.locator("[data-testid='stException']").count():
            errors.append(f"{label}: page exception")
            return
        times.append(time.perf_counter() - start)
    except Exception as err:  # noqa: BLE001 (a timeout or a lost page is an error to count)
        errors.append(f"{label}: {type(err).__name__}: {str(err).splitlines()[0][:120]}")


async def session(browser, url: str, n: int, rounds: int, upload: Path | None, out: dict):
    """One visitor: open the app, then rounds of page switch, date filter, search, clear."""
    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    tab = await context.new_page()
    tab.set_default_timeout(WAIT_MS)  # under load a field may take long to appear: wait, count
    times, errors = out["times"], out["errors"]
    try:
        await timed(tab, lambda: tab.goto(url), times, errors, f"s{n} open")
        await tab.wait_for_selector("h1", timeout=WAIT_MS)
        for r in range(rounds):
            page = PAGES[(n + r) % len(PAGES)]
            link = tab.get_by_role("link", name=page, exact=True)
            await timed(tab, link.click, times, errors, f"s{n} page {page}")
            date = tab.get_by_role("textbox", name="From", exact=True)
            await date.fill("2022" if r % 2 == 0 else "")

            await timed(tab, lambda d=date: d.press("Enter"), times, errors, f"s{n} filter")
            search = tab.get_by_role("textbox", name="Search paragraphs")
            await search.fill(WORDS[(n + r) % len(WORDS)])
            await timed(tab, lambda s=search: s.press("Enter"), times, errors, f"s{n} search")
            await search.fill("")
            await timed(tab, lambda s=search: s.press("Enter"), times, errors, f"s{n} clear")
            if upload is not None and r == 0:
                await upload_text(tab, upload, times, errors, n)
    except Exception as err:  # noqa: BLE001 (a session that cannot go on is an error)
        errors.append(f"s{n}: {type(err).__name__}: {str(err).splitlines()[0][:120]}")
    finally:
        await context.close()


async def upload_text(tab, path: Path, times: list, errors: list, n: int) -> None:
    """Upload a text on the Corpus page and wait for its analysis."""
    corpus = tab.get_by_role("link", name="Corpus", exact=True)
    await timed(tab, corpus.click, times, errors, f"s{n} corpus")
    await tab.locator("input[type='file']").first.set_input_files(str(path))
    button = tab.get_by_role("button", name="Analyze uploads")
    await button.wait_for(timeout=WAIT_MS)
    start = time.perf_counter()
    await button.click()
    try:
        await tab.get_by_text("1 added").wait_for(timeout=WAIT_MS)
        times.append(time.perf_counter() - start)
    except Exception as err:  # noqa: BLE001
        errors.append(f"s{n} upload: {type(err).__name__}")


async def drive(url: str, sessions: int, rounds: int, upload: Path) -> dict:
    """All sessions at once in one chromium; their timings and errors."""
    from playwright.async_api import async_playwright

    out: dict = {"times": [], "errors": []}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            await asyncio.gather(
                *(
                    session(browser, url, n, rounds, upload if n == 0 else None, out)
                    for n in range(sessions)
                )
            )
        finally:
            await browser.close()
    return out


def run(sessions: int, docs: int, rounds: int) -> dict:
    """Serve a store, drive the sessions, and return the figures."""
    sessions = max(1, min(sessions, MAX_SESSIONS))
    store = build_store(docs)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / store.name
        work.write_bytes(store.read_bytes())  # the upload must not change the cached store
        upload = Path(tmp) / "load-test-upload.txt"
        upload.write_text("Leaders met in Hanoi.\n\nThey agreed to expand maritime trade.\n")
        with serving(work) as (url, proc):
            started, cpu = time.perf_counter(), cpu_s(proc.pid)
            out = asyncio.run(drive(url, sessions, rounds, upload))
            wall = time.perf_counter() - started
            server_cpu = cpu_s(proc.pid) - cpu
            rss, peak = rss_mb(proc.pid)
    times = sorted(out["times"])
    quantile = statistics.quantiles(times, n=20) if len(times) >= 2 else times * 19 or [0.0] * 19
    return {
        "sessions": sessions,
        "documents": docs,
        "interactions": len(times),
        "errors": len(out["errors"]),
        "error_samples": out["errors"][:5],
        "p50_s": round(statistics.median(times), 3) if times else None,
        "p95_s": round(quantile[18], 3) if times else None,
        "max_s": round(times[-1], 3) if times else None,
        "wall_s": round(wall, 1),
        "server_cpu_s": round(server_cpu, 1),  # against wall × cores: is the server the limit?
        "server_rss_mb": round(rss),
        "server_peak_mb": round(peak),
    }


def main() -> None:
    """Print the load figures (or JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = run(args.sessions, args.docs, args.rounds)
    if args.json:
        print(json.dumps(figures))
        return
    print(
        f"{figures['sessions']} sessions on {figures['documents']} documents: "
        f"{figures['interactions']} interactions, {figures['errors']} errors; "
        f"p50 {figures['p50_s']} s, p95 {figures['p95_s']} s, max {figures['max_s']} s; "
        f"server memory {figures['server_rss_mb']} MB (peak {figures['server_peak_mb']} MB); "
        f"{figures['wall_s']} s in all, of which the server used {figures['server_cpu_s']} s CPU "
        f"({os.cpu_count()} cores)"
    )
    for sample_error in figures["error_samples"]:
        print(f"  error: {sample_error}")


if __name__ == "__main__":
    main()
