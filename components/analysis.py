"""Running the analysis from the Corpus page: a progress bar that goes when the run ends
(whether it worked or not), a batch of uploads that stores its good files and lists its bad
ones with what was wrong, and the file-by-file report shown after it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

import streamlit as st

from components import cache, state
from components.text import md_plain
from models.errors import ReadoutError

Progress = Callable[[str, int, int], None]
_REPORT = "upload_report"


@contextlib.contextmanager
def progress_bar() -> Iterator[Progress]:
    """A progress bar for a run, removed when the run ends (success or error)."""
    slot = st.empty()
    bar = slot.progress(0.0, text="Reading…")

    def progress(stage: str, done: int, total: int) -> None:
        bar.progress(min(done / total, 1.0) if total else 1.0, text=f"{stage}: {done}/{total}")

    try:
        yield progress
    finally:
        slot.empty()


def _without(folder: str, message: object) -> str:
    """A message with the staging folder left out of the file names it gives."""
    return str(message).replace(folder.rstrip("/") + "/", "") if folder else str(message)


def _summary(report, removed: int = 0) -> str:
    topics = (
        "topics fitted again"
        if report.topics_refit
        else f"{report.topics_assigned} paragraphs joined the topics"
    )
    return (
        f"{len(report.added)} added, {len(report.replaced)} replaced, "
        f"{len(report.unchanged)} unchanged, {removed} removed; {topics}."
    )


def run_analysis(
    paths: list[str],
    remove: list[str] | None = None,
    folder: str = "",
    replace: bool = False,
    refit_topics: bool = False,
) -> bool:
    """Analyze files (or removals, or a refit) into the store with a progress bar; say why
    when it fails (nothing is changed then). Files staged in a temporary ``folder`` are named
    in messages as the user named them."""
    try:
        with progress_bar() as progress:
            report = cache.analyze(
                paths,
                remove=remove,
                progress=progress,
                replace=replace,
                refit_topics=refit_topics,
            )
    except ReadoutError as err:
        st.error(f"Nothing was changed: {md_plain(_without(folder, err))}")
        return False
    state.set_notice(_summary(report, len(remove or [])))
    return True


def run_batch(
    names: dict[str, str], folder: str = "", replace: bool = False, stop_at_first: bool = False
) -> set[str] | None:
    """Analyze a batch of staged files (path -> the name the user gave it): the good ones in
    one transaction, the bad ones skipped, each with its one-line error; with
    ``stop_at_first`` a bad file stops the batch and nothing is changed. Leaves the report
    for the next run (:func:`show_report`) and returns the paths of which something is
    stored, or None when the batch stopped with an error (shown here)."""
    from models.batch import by_file
    from models.pipeline import load_inputs

    paths = list(names)
    report = None
    try:
        with progress_bar() as progress:
            loaded, skipped = load_inputs(paths, skip_bad=not stop_at_first)
            if loaded:
                report = cache.analyze(
                    paths, progress=progress, replace=replace, loaded=(loaded, skipped)
                )
    except ReadoutError as err:
        first = " (stopped at the first bad file)" if stop_at_first else ""
        st.error(f"Nothing was changed{first}: {md_plain(_without(folder, err))}")
        return None
    outcomes = by_file(paths, loaded, skipped, report)
    rows = [(names[o.path], o.summary(), o.landed) for o in outcomes]
    state.set_session_value(_REPORT, rows)
    if report is not None:
        state.set_notice(_summary(report))
    return {o.path for o in outcomes if o.landed}


def show_report() -> None:
    """The last upload's report, file by file: what each added, or why it was skipped."""
    rows = state.pop_session_value(_REPORT)
    if not rows:
        return
    bad = [name for name, _, landed in rows if not landed]
    if len(bad) == len(rows):
        st.error(f"Nothing was changed: no file could be read ({len(bad)} skipped, see below).")
    elif bad:
        st.warning(f"{len(bad)} of {len(rows)} files skipped (see below); the others were stored.")
    with st.container(border=True):
        st.caption("Upload report, file by file")
        for name, summary, _ in rows:
            st.text(f"{name}: {summary}")
