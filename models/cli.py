"""The command line: `python -m models analyze|evaluate|remove|list|voice|corrections ...`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from models.errors import ReadoutError

USAGE_EMBEDDER = "all-MiniLM-L6-v2 (default) or 'fake' for quick trials and tests"


def make_embedder(name: str | None = None):
    """The embedder named by --embedder or $READOUT_EMBEDDER."""
    from models.embed import FakeEmbedder, SentenceTransformerEmbedder

    name = name or os.environ.get("READOUT_EMBEDDER") or "minilm"
    if name == "fake":
        return FakeEmbedder()
    if name in ("minilm", "all-MiniLM-L6-v2"):
        return SentenceTransformerEmbedder()
    raise ReadoutError(f"unknown embedder '{name}' (use {USAGE_EMBEDDER})")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m models", description="Readout analysis")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_store(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--store", help="database file (default: $READOUT_STORE or readout.db)")
        return p

    analyze = with_store(sub.add_parser("analyze", help="ingest files and analyze them"))
    analyze.add_argument("paths", nargs="+", metavar="PATH", help=".txt .md .html .jsonl(.gz)")
    analyze.add_argument(
        "--json", metavar="OUT", help="write the analysis as JSON ('-' for stdout)"
    )
    analyze.add_argument("--all", action="store_true", help="with --json: the whole store")
    analyze.add_argument(
        "--replace",
        action="store_true",
        help="replace stored documents that have the same id but other text",
    )
    analyze.add_argument(
        "--skip-bad", action="store_true", help="skip bad records, ingest the rest"
    )
    analyze.add_argument(
        "--refit-topics",
        action="store_true",
        help="fit the topics again on the whole corpus (new paragraphs otherwise join the "
        "stored topics, unless they are new in kind or more than half the corpus)",
    )
    analyze.add_argument("--embedder", help=USAGE_EMBEDDER)
    analyze.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run cleaning, embedding, parsing and extraction on a Dask cluster: a scheduler "
        "address (tcp://HOST:8786) or local:N for N worker processes on this machine",
    )

    remove = with_store(sub.add_parser("remove", help="remove documents by id"))
    remove.add_argument("ids", nargs="+", metavar="ID")
    remove.add_argument("--embedder", help=USAGE_EMBEDDER)

    voice = with_store(sub.add_parser("voice", help="show or set a document's speaking party"))
    voice.add_argument("id", metavar="DOC_ID")
    voice.add_argument(
        "--party", help="ISO3 code or party name (RUS, Russia, African Union); replaces the speaker"
    )
    voice.add_argument("--speaker", help="the speaker's name (keeps the party)")
    voice.add_argument("--clear", action="store_true", help="remove the voice: a report")

    compare = with_store(sub.add_parser("compare", help="compare two stored documents"))
    compare.add_argument("--left", required=True, metavar="DOC_ID")
    compare.add_argument("--right", required=True, metavar="DOC_ID")
    compare.add_argument("--json", action="store_true", help="print the comparison as JSON")
    compare.add_argument("--threshold", type=float, help="similarity that aligns paragraphs")
    compare.add_argument("--embedder", help=USAGE_EMBEDDER)

    listing = with_store(sub.add_parser("list", help="list stored documents"))
    listing.set_defaults()

    fixes = sub.add_parser("corrections", help="list or undo analysts' corrections (the audit)")
    verbs = fixes.add_subparsers(dest="verb", required=True)
    fixes_list = with_store(verbs.add_parser("list", help="every correction, oldest first"))
    fixes_list.add_argument("--json", action="store_true", help="as JSON on stdout")
    fixes_undo = with_store(verbs.add_parser("undo", help="undo a correction (kept, marked)"))
    fixes_undo.add_argument("id", type=int, metavar="ID")
    fixes_undo.add_argument("--author", help="who undoes it (default: $USER)")
    fixes_undo.add_argument("--json", action="store_true", help="print it as JSON")

    evaluate = sub.add_parser("evaluate", help="score extraction against the gold files")
    evaluate.add_argument("--verbose", "-v", action="store_true", help="list misses and extras")
    evaluate.add_argument(
        "--gold", default=str(Path(__file__).resolve().parent.parent / "tests" / "gold")
    )
    return parser


def _write_json(payload: dict, out: str) -> None:
    text = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    if out == "-":
        sys.stdout.write(text)
    else:
        Path(out).write_text(text, encoding="utf-8")


class TqdmProgress:
    """The pipeline's progress(stage, done, total) as one tqdm bar per stage, on stderr when
    it is a terminal (tqdm's disable=None)."""

    def __init__(self) -> None:
        self._stage: str | None = None
        self._bar = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        from tqdm import tqdm

        if stage != self._stage:
            self.close()
            self._stage = stage
            self._bar = tqdm(total=total, desc=stage, unit="", disable=None, file=sys.stderr)
        if self._bar is not None:
            self._bar.total = total
            self._bar.update(done - self._bar.n)

    def close(self) -> None:
        """End the current bar."""
        if self._bar is not None:
            self._bar.close()
        self._bar = self._stage = None


def run(argv: Sequence[str] | None = None) -> int:
    """Run a command; return the exit status."""
    args = _parser().parse_args(argv)
    if args.command == "evaluate":
        from models.evaluate import main_evaluate

        return main_evaluate(["--gold", args.gold] + ["--verbose"] * args.verbose)

    from models import queries
    from models.pipeline import analyze, load_inputs
    from models.store import Store

    if args.command == "analyze":
        options = dict(skip_bad=args.skip_bad, replace=args.replace, refit_topics=args.refit_topics)
        if args.scheduler:
            from models.distributed import analyze_on_cluster, client_for, close_client

            client = client_for(args.scheduler)
            options["client"] = client
            run = analyze_on_cluster
        else:
            client = None  # read and clean first: a bad input fails before the store opens
            options["loaded"] = load_inputs(args.paths, skip_bad=args.skip_bad)
            run = analyze
        progress = TqdmProgress()
        with Store(args.store) as store:
            try:
                report = run(
                    args.paths,
                    store=store,
                    embedder=make_embedder(args.embedder),
                    progress=progress,
                    **options,
                )
            finally:
                if client is not None:
                    close_client(client)
            progress.close()
            for problem in report.skipped:
                print(f"skipped {problem}", file=sys.stderr)
            print(
                f"{len(report.added)} added, {len(report.replaced)} replaced, "
                f"{len(report.unchanged)} unchanged, {len(report.skipped)} skipped; "
                f"{report.embedded} paragraphs embedded; topics "
                + (
                    "fitted"
                    if report.topics_refit
                    else f"kept ({report.topics_assigned} paragraphs joined them)"
                )
                + f"; store: {store.path}",
                file=sys.stderr,
            )
            if args.json:
                scope = None if args.all else {*report.added, *report.replaced, *report.unchanged}
                _write_json(queries.analysis_json(store, scope), args.json)
        return 0
    with Store(args.store, create=False) as store:
        if args.command == "remove":
            analyze([], store=store, embedder=make_embedder(args.embedder), remove=args.ids)
            print(f"removed {len(args.ids)} document(s)", file=sys.stderr)
        elif args.command == "voice":
            _voice(store, args)
        elif args.command == "compare":
            _compare(store, args)
        elif args.command == "corrections":
            _corrections(store, args)
        elif args.command == "list":
            for row in queries.documents(store).itertuples():
                date = row.date if isinstance(row.date, str) else ""  # undated: empty, not nan
                print(f"{row.id}\t{date}\t{row.n_paragraphs}\t{row.title}")
    return 0


def _voice(store, args: argparse.Namespace) -> None:
    """Show a document's voice, or set it: --party sets party and speaker together, --speaker
    alone keeps the party, --clear removes the voice. Prints the voice in one line."""
    from models.pipeline import set_voice
    from models.voice import voice_of

    if args.clear and (args.party or args.speaker):
        raise ReadoutError("--clear takes no --party or --speaker")
    stored = store.load_documents(args.id)
    if not stored:
        raise ReadoutError(f"no such document: {args.id}")
    found = None
    if args.clear or args.party or args.speaker:
        voice = voice_of(stored[0].meta)
        party = None if args.clear else args.party or voice.code or voice.party
        found = set_voice(store, args.id, country_iso3=party, speaker=args.speaker)
        stored = store.load_documents(args.id)
    print(voice_line(args.id, stored[0].meta, found))


def _compare(store, args: argparse.Namespace) -> None:
    """Compare two stored documents: a summary, or the whole comparison as JSON."""
    from models import compare, queries

    known = set(queries.documents(store)["id"])
    for doc_id in (args.left, args.right):
        if doc_id not in known:
            raise ReadoutError(f"no such document: {doc_id}")
    threshold = compare.ALIGN_THRESHOLD if args.threshold is None else args.threshold
    if not 0.0 <= threshold <= 1.0:
        raise ReadoutError(f"--threshold {threshold} is not between 0 and 1")
    embedder = make_embedder(args.embedder)
    result = compare.compare_documents(store, args.left, args.right, embedder, threshold)
    if args.json:
        _write_json(result.to_dict(), "-")
        return
    for line in compare.summary(result):
        print(line)


def _corrections(store, args: argparse.Namespace) -> None:
    """`corrections list`: one line a correction (or JSON); `corrections undo ID`: mark it
    undone, by --author or $USER."""
    from models import corrections

    if args.verb == "undo":
        author = args.author or os.environ.get("USER") or ""
        undone = corrections.undo(store, args.id, author)
        if args.json:
            _write_json(undone.to_dict(), "-")
        else:
            print(f"undone: {correction_line(undone, set())}")
        return
    found = corrections.list(store)
    orphans = corrections.orphaned(store, found)
    if args.json:
        _write_json(
            {"corrections": [{**c.to_dict(), "orphaned": c.id in orphans} for c in found]}, "-"
        )
        return
    for c in found:
        print(correction_line(c, orphans))
    if not found:
        print("no corrections", file=sys.stderr)


def correction_line(c, orphans: set[int]) -> str:
    """One tab-separated line of the audit: id, when, who, what, and its state."""
    state = (
        f"undone {c.undone_at} by {c.undone_by}"
        if not c.active
        else "orphaned: its paragraph or topic is gone"
        if c.id in orphans
        else "active"
    )
    fields = [str(c.id), c.created_at, c.author, c.describe(), state] + [c.note] * bool(c.note)
    return "\t".join(" ".join(f.split()) for f in fields)  # one line, whatever was typed


def voice_line(doc_id: str, meta: dict, found=None) -> str:
    """One line: the document's voice, where it comes from (and what re-extraction found)."""
    from models.voice import describe, voice_of

    voice = voice_of(meta)
    origin = "set by hand" if voice.set_by == "user" else "from the file"
    text = f"{doc_id}: speaking party {describe(voice)} ({origin})"
    if found is not None:
        text += (
            f"; re-extracted {len(found.areas)} areas, {len(found.positions)} positions, "
            f"{len(found.signings)} signings"
        )
    return text


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: one-line errors and exit status 2 for bad input, never a traceback."""
    try:
        return run(argv)
    except ReadoutError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: the store is as it was", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
