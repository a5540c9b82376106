"""A small load run in CI: 5 browser sessions at once (one uploading) see no error.

Timing figures are the benchmark's to print (benchmarks/bench_load.py); this test counts
errors only, so a slow machine does not fail it.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import WHITEHOUSE
from tests.e2e.test_browser import CHROMIUM, ROOT

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent"),
    pytest.mark.skipif(not WHITEHOUSE.exists(), reason="the shared corpora are absent"),
]


def test_load_five_sessions_at_once_see_no_error():
    cmd = [sys.executable, "benchmarks/bench_load.py", "--sessions", "5", "--docs", "40"]
    run = subprocess.run(
        [*cmd, "--rounds", "2", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    print(figures)
    assert figures["errors"] == 0, figures["error_samples"]
    assert figures["interactions"] >= 5 * (1 + 2 * 4)  # every session did every step
