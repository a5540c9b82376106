"""Opt-in timing of script runs: with $READOUT_RUN_LOG set, each run appends a line there
(what a load benchmark reads as the server's own time per interaction)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def timed_run() -> Iterator[None]:
    """Time the block; append `end time, seconds, outcome` to $READOUT_RUN_LOG if it is set."""
    path = os.environ.get("READOUT_RUN_LOG")
    if not path:
        yield
        return
    start, outcome = time.perf_counter(), "done"
    try:
        yield
    except BaseException as err:  # a rerun or stop interrupting the run ends it too: say so
        outcome = type(err).__name__
        raise
    finally:
        line = f"{time.time():.3f}\t{time.perf_counter() - start:.4f}\t{outcome}\n"
        with open(path, "a", encoding="utf-8") as log:  # one short append: lines stay whole
            log.write(line)


def read(path: str) -> list[tuple[float, float, str]]:
    """The (end time, seconds, outcome) lines of a run log."""
    rows = []
    with open(path, encoding="utf-8") as log:
        for line in log:
            end, seconds, outcome = line.rstrip("\n").split("\t")
            rows.append((float(end), float(seconds), outcome))
    return rows
