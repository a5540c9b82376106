"""Load: many browser sessions at once on one server, one of them uploading meanwhile.

Prints figures (p50/p95 interaction time, errors, server memory and CPU); asserts nothing.

    .venv/bin/python benchmarks/bench_load.py [--sessions 20] [--docs 1000] [--rounds 4]
        [--think SECONDS] [--no-nice] [--json]

Starts `streamlit run app.py` (loopback only, fake embedder) on a store of the first --docs
White House records (built once under var/), opens --sessions tabs of Debian's chromium, each
its own Streamlit session, and has every tab do --rounds rounds of: switch page (sidebar
link), filter by date, search, clear the search (--think seconds between clicks, default
none). Session 0 also uploads a text. Two times per interaction:

- in the browser: from the click to the server's "run finished" message reaching the tab
  (read off its websocket, so a busy renderer does not stretch it);
- on the server: each script run's own time, which the app logs when $READOUT_RUN_LOG is set.

The browsers run at the lowest CPU priority (--no-nice: not): in a deployment they are on the
readers' machines, not the server's. A page exception or a timeout counts as an error.
Everything is bounded: sessions <= 30, each wait <= 60 s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus_sample import sample  # noqa: E402

from components import runlog  # noqa: E402
from tests.e2e.test_browser import ARGS, CHROMIUM, serving  # noqa: E402

VAR = ROOT / "var"
PAGES = ["Topics", "Cooperation areas", "Positions", "Signings", "Overview"]
WORDS = ["trade", "climate", "security", "energy", "health", "ukraine"]
MAX_SESSIONS = 30
WAIT_MS = 60_000
DONE = (0, 3)  # a run finished (not cut short for a newer one): whole app, or a fragment


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


def machine_cpu_s() -> float:
    """CPU seconds all processes on this machine have used (busy time from /proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> tuple[float, float]:
    """Resident and peak resident memory of a process, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def watch_runs(tab) -> dict:
    """Count the runs of the app that end for a tab: the server's script-finished messages on
    its websocket, read as they arrive off the network (a busy renderer does not delay them)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    runs = {"finished": 0}

    def on_frame(payload) -> None:
        if isinstance(payload, bytes) and len(payload) < 256:  # deltas are larger: skip them
            msg = ForwardMsg.FromString(payload)
            if msg.WhichOneof("type") == "script_finished" and msg.script_finished in DONE:
                runs["finished"] += 1

    tab.on("websocket", lambda ws: ws.on("framereceived", on_frame))
    return runs


async def run_ended(runs: dict, before: int) -> None:
    """Wait until a run that began after ``before`` runs has ended (at most WAIT_MS)."""
    deadline = time.perf_counter() + WAIT_MS / 1000
    while runs["finished"] <= before:
        if time.perf_counter() > deadline:
            raise TimeoutError(f"no run ended within {WAIT_MS / 1000:.0f} s")
        await asyncio.sleep(0.01)


async def timed(tab, runs: dict, action, out: dict, label: str) -> None:
    """Run one interaction and wait for the app's run to end; record its time or the error."""
    start, before = time.perf_counter(), runs["finished"]
    try:
        await action()
        await run_ended(runs, before)
        seconds = time.perf_counter() - start
        if await tab.locator("[data-testid='stException']").count():
            out["errors"].append(f"{label}: page exception")
        else:
            out["times"].append(seconds)
            out["kinds"].setdefault(label.split(" ")[1], []).append(seconds)
    except Exception as err:  # noqa: BLE001 (a timeout or a lost page is an error to count)
        out["errors"].append(f"{label}: {type(err).__name__}: {str(err).splitlines()[0][:120]}")
    if out["think_s"]:  # a reader looks at the result before the next click (0.5-1.5x think)
        await asyncio.sleep(out["think_s"] * (0.5 + out["jitter"].random()))


async def session(browser, url: str, n: int, rounds: int, upload: Path | None, out: dict):
    """One visitor: open the app, then rounds of page switch, date filter, search, clear."""
    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    tab = await context.new_page()
    runs = watch_runs(tab)
    tab.set_default_timeout(WAIT_MS)  # under load a field may take long to appear: wait, count
    try:
        await timed(tab, runs, lambda: tab.goto(url), out, f"s{n} open")
        await tab.wait_for_selector("h1", timeout=WAIT_MS)
        for r in range(rounds):
            page = PAGES[(n + r) % len(PAGES)]
            link = tab.get_by_role("link", name=page, exact=True)
            await timed(tab, runs, link.click, out, f"s{n} page {page}")
            date = tab.get_by_role("textbox", name="From", exact=True)
            await date.fill("2022" if r % 2 == 0 else "")

            await timed(tab, runs, lambda d=date: d.press("Enter"), out, f"s{n} filter")
            search = tab.get_by_role("textbox", name="Search paragraphs")
            await search.fill(WORDS[(n + r) % len(WORDS)])
            await timed(tab, runs, lambda s=search: s.press("Enter"), out, f"s{n} search")
            await search.fill("")
            await timed(tab, runs, lambda s=search: s.press("Enter"), out, f"s{n} clear")
            if upload is not None and r == 0:
                await upload_text(tab, runs, upload, out, n)
    except Exception as err:  # noqa: BLE001 (a session that cannot go on is an error)
        out["errors"].append(f"s{n}: {type(err).__name__}: {str(err).splitlines()[0][:120]}")
    finally:
        await context.close()


async def upload_text(tab, runs: dict, path: Path, out: dict, n: int) -> None:
    """Upload a text on the Corpus page and wait for its analysis."""
    corpus = tab.get_by_role("link", name="Corpus", exact=True)
    await timed(tab, runs, corpus.click, out, f"s{n} corpus")
    await tab.locator("input[type='file']").first.set_input_files(str(path))
    button = tab.get_by_role("button", name="Analyze uploads")
    await button.wait_for(timeout=WAIT_MS)
    start = time.perf_counter()
    await button.click()
    try:
        await tab.get_by_text("1 added").wait_for(timeout=WAIT_MS)
        out["times"].append(time.perf_counter() - start)
        out["kinds"]["upload"] = [out["times"][-1]]
    except Exception as err:  # noqa: BLE001
        out["errors"].append(f"s{n} upload: {type(err).__name__}")


def niced_chromium(folder: Path) -> Path:
    """A launcher running chromium at the lowest CPU priority: on a real deployment the
    browsers are on the readers' machines, so here they only get what the server leaves."""
    launcher = folder / "chromium-niced"
    launcher.write_text(f'#!/bin/sh\nexec nice -n 19 {CHROMIUM} "$@"\n')
    launcher.chmod(0o755)
    return launcher


async def drive(
    url: str, sessions: int, rounds: int, upload: Path, think: float, browser: Path
) -> dict:
    """All sessions at once in one chromium; their timings and errors."""
    from playwright.async_api import async_playwright

    out: dict = {"times": [], "errors": [], "kinds": {}, "think_s": think}
    out["jitter"] = random.Random(0)
    async with async_playwright() as p:
        chromium = await p.chromium.launch(executable_path=str(browser), args=ARGS)
        try:
            await asyncio.gather(
                *(
                    session(chromium, url, n, rounds, upload if n == 0 else None, out)
                    for n in range(sessions)
                )
            )
        finally:
            await chromium.close()
    return out


def quantiles(values: list[float]) -> dict:
    """p50, p95 and max of some seconds, rounded (None when there are none)."""
    values = sorted(values)
    if not values:
        return {"p50_s": None, "p95_s": None, "max_s": None}
    p95 = statistics.quantiles(values, n=20)[18] if len(values) >= 2 else values[0]
    return {
        "p50_s": round(statistics.median(values), 3),
        "p95_s": round(p95, 3),
        "max_s": round(values[-1], 3),
    }


def run(sessions: int, docs: int, rounds: int, think: float, nice: bool = True) -> dict:
    """Serve a store, drive the sessions, and return the figures."""
    sessions = max(1, min(sessions, MAX_SESSIONS))
    store = build_store(docs)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / store.name
        work.write_bytes(store.read_bytes())  # the upload must not change the cached store
        upload = Path(tmp) / "load-test-upload.txt"
        upload.write_text("Leaders met in Hanoi.\n\nThey agreed to expand maritime trade.\n")
        log = Path(tmp) / "runs.tsv"
        with serving(work, {"READOUT_RUN_LOG": str(log)}) as (url, proc):
            started, cpu, machine = time.perf_counter(), cpu_s(proc.pid), machine_cpu_s()
            begun = time.time()
            browser = niced_chromium(Path(tmp)) if nice else CHROMIUM
            out = asyncio.run(drive(url, sessions, rounds, upload, think, browser))
            wall = time.perf_counter() - started
            server_cpu = cpu_s(proc.pid) - cpu
            machine_cpu = machine_cpu_s() - machine
            rss, peak = rss_mb(proc.pid)
        runs = [r for r in runlog.read(str(log)) if r[0] >= begun] if log.exists() else []
    done = [seconds for _, seconds, outcome in runs if outcome == "done"]
    return {
        "sessions": sessions,
        "documents": docs,
        "think_s": think,
        "browsers_niced": nice,
        "interactions": len(out["times"]),
        "errors": len(out["errors"]),
        "error_samples": out["errors"][:5],
        **quantiles(out["times"]),
        "by_kind": {
            kind: quantiles(times) | {"n": len(times)} for kind, times in out["kinds"].items()
        },
        "server_runs": len(done),
        "server_runs_cut": dict(Counter(o for _, _, o in runs if o != "done")),
        "server_run": quantiles(done),
        "wall_s": round(wall, 1),
        "server_cpu_s": round(server_cpu, 1),  # against wall × cores: is the server the limit?
        "machine_cpu_s": round(machine_cpu, 1),  # the rest is mostly the browsers
        "server_rss_mb": round(rss),
        "server_peak_mb": round(peak),
    }


def main() -> None:
    """Print the load figures (or JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--think", type=float, default=0.0, help="seconds between clicks")
    parser.add_argument(
        "--no-nice", action="store_true", help="browsers at the server's CPU priority"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    f = run(args.sessions, args.docs, args.rounds, args.think, nice=not args.no_nice)
    if args.json:
        print(json.dumps(f))
        return
    server = f["server_run"]
    print(
        f"{f['sessions']} sessions on {f['documents']} documents, {f['think_s']} s between "
        f"clicks, browsers {'niced' if f['browsers_niced'] else 'not niced'}: "
        f"{f['interactions']} interactions, {f['errors']} errors\n"
        f"  in the browser (click to end of run): p50 {f['p50_s']} s, p95 {f['p95_s']} s, "
        f"max {f['max_s']} s\n"
        f"  on the server (script run): p50 {server['p50_s']} s, p95 {server['p95_s']} s, "
        f"max {server['max_s']} s over {f['server_runs']} runs "
        f"(and {sum(f['server_runs_cut'].values())} cut short: {f['server_runs_cut']})\n"
        f"  server memory {f['server_rss_mb']} MB (peak {f['server_peak_mb']} MB); "
        f"{f['wall_s']} s in all on {os.cpu_count()} cores; CPU used {f['machine_cpu_s']} s, "
        f"of which the server {f['server_cpu_s']} s and the browsers most of the rest"
    )
    for kind, q in sorted(f["by_kind"].items()):
        print(
            f"  {kind:8s} n={q['n']:3d}  p50 {q['p50_s']} s  p95 {q['p95_s']} s  max {q['max_s']} s"
        )
    for sample_error in f["error_samples"]:
        print(f"  error: {sample_error}")


if __name__ == "__main__":
    main()
