#!/usr/bin/env python3
"""Validate the hand-made gold annotations in tests/gold/ (and tests/gold/heldout/).

Checks, for every *.json file (here and one folder down):
  * required keys and types;
  * kind is one of the allowed kinds;
  * every area id (in "areas" and in "signings[].areas") is in the fixed list;
  * every stance is one of the six stances;
  * every "quote" is an exact substring of ONE paragraph of the source text,
    after normalising both sides (strip Markdown ** markers, collapse runs of
    whitespace to one space).

The source is either a repo-relative path ("source.path") or a record of a
corpus ("source.corpus" + "source.id") found in ../shared/corpora relative to
the repo root (i.e. /work/shared/corpora).

Usage:  python tests/gold/check_gold.py [file.json ...]
Prints "OK" (exit 0) or the list of problems (exit 1).
"""

import glob
import gzip
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
CORPORA = os.path.abspath(os.path.join(REPO, "..", "shared", "corpora"))

AREAS = {
    "trade",
    "investment",
    "finance",
    "energy",
    "resources",
    "industry",
    "technology",
    "ict",
    "digital_economy",
    "space",
    "transport",
    "infrastructure",
    "agriculture",
    "forestry",
    "environment",
    "health",
    "education",
    "culture",
    "tourism",
    "sports",
    "media",
    "subnational",
    "mobility",
    "regulation",
    "defense",
    "security",
    "arms_control",
    "multilateral",
    "development",
    "migration",
}
STANCES = {"support", "oppose", "commit", "call_for", "welcome", "concern"}
KINDS = {
    "readout",
    "news report",
    "transcript",
    "joint statement",
    "communique",
    "signings",
    "un speech",
}

_corpus_cache = {}


def load_record(corpus, rid):
    if corpus not in _corpus_cache:
        recs = {}
        with gzip.open(os.path.join(CORPORA, corpus), "rt", encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                recs[r["id"]] = r
        _corpus_cache[corpus] = recs
    return _corpus_cache[corpus].get(rid)


def norm(s):
    s = s.replace("**", "")
    return re.sub(r"\s+", " ", s).strip()


def paragraphs(text, corpus, path=None):
    if corpus and corpus.startswith("un-general-debate") or path and "/texts/" in path:
        parts = text.split("\n")  # UN and saved pages: one paragraph a line
    else:
        parts = re.split(r"\n\s*\n", text)  # WH markdown / seed: blank lines
    return [norm(p) for p in parts if p.strip()]


def check_file(path):
    probs = []

    def bad(msg):
        probs.append(f"{os.path.relpath(path, REPO)}: {msg}")

    try:
        with open(path, encoding="utf-8") as f:
            g = json.load(f)
    except Exception as e:  # noqa
        bad(f"cannot load JSON: {e}")
        return probs
    for k in ("name", "kind", "source", "parties", "areas", "positions", "signings", "notes"):
        if k not in g:
            bad(f"missing key {k!r}")
    if probs:
        return probs
    if g["kind"] not in KINDS:
        bad(f"bad kind {g['kind']!r}")
    src = g["source"]
    corpus = src.get("corpus")
    if "path" in src:
        p = os.path.join(REPO, src["path"])
        if not os.path.exists(p):
            bad(f"source path not found: {src['path']}")
            return probs
        with open(p, encoding="utf-8") as f:
            text = f.read()
    elif corpus and "id" in src:
        rec = load_record(corpus, src["id"])
        if rec is None:
            bad(f"record {src['id']!r} not in {corpus}")
            return probs
        text = rec["text"]
    else:
        bad("source needs 'path' or 'corpus'+'id'")
        return probs
    paras = paragraphs(text, corpus, src.get("path"))
    for i, f in enumerate(g.get("furniture", [])):
        if not isinstance(f, str) or not f.strip() or norm(f) not in norm(text):
            bad(f"furniture[{i}]: not in source: {str(f)[:70]!r}")
    meta = g.get("meta", {})
    if not isinstance(meta, dict) or set(meta) - {"source", "date", "place", "title"}:
        bad("meta: a dict of source, date, place, title")
    if "as_file" in src and not re.fullmatch(r"[A-Z]{3}_\d{2}_\d{4}\.txt", src["as_file"]):
        bad(f"as_file: not a UNGDC file name: {src['as_file']!r}")
    parties = set(g["parties"])

    def check_quote(where, q):
        if not isinstance(q, str) or not q.strip():
            bad(f"{where}: empty quote")
            return
        nq = norm(q)
        if not any(nq in p for p in paras):
            if nq in norm(text):
                bad(f"{where}: quote spans paragraphs: {q[:70]!r}")
            else:
                bad(f"{where}: quote not in source: {q[:70]!r}")

    seen = set()
    for i, a in enumerate(g["areas"]):
        w = f"areas[{i}]"
        if a.get("area") not in AREAS:
            bad(f"{w}: bad area id {a.get('area')!r}")
        if not a.get("holder"):
            bad(f"{w}: missing holder")
        elif a["holder"] not in parties:
            bad(f"{w}: holder {a['holder']!r} not in parties")
        key = (a.get("holder"), a.get("area"))
        if key in seen:
            bad(f"{w}: duplicate pair {key}")
        seen.add(key)
        check_quote(w, a.get("quote"))
    for i, p in enumerate(g["positions"]):
        w = f"positions[{i}]"
        if p.get("stance") not in STANCES:
            bad(f"{w}: bad stance {p.get('stance')!r}")
        hs = p.get("holders")
        if not hs or not isinstance(hs, list):
            bad(f"{w}: holders must be a non-empty list")
        else:
            for h in hs:
                if h not in parties:
                    bad(f"{w}: holder {h!r} not in parties")
        if "speaker" not in p:
            bad(f"{w}: missing speaker (use null)")
        if not p.get("target"):
            bad(f"{w}: missing target")
        check_quote(w, p.get("quote"))
    for i, s in enumerate(g["signings"]):
        w = f"signings[{i}]"
        for k in ("document", "parties", "signatories", "areas", "quote"):
            if k not in s:
                bad(f"{w}: missing {k}")
        for ar in s.get("areas", []):
            if ar not in AREAS:
                bad(f"{w}: bad area id {ar!r}")
        if not isinstance(s.get("parties", []), list) or not isinstance(
            s.get("signatories", []), list
        ):
            bad(f"{w}: parties and signatories must be lists")
        # signing parties may include third parties (e.g. an organization that
        # signs with one of the text's parties), so they are not checked
        # against the top-level "parties".
        check_quote(w, s.get("quote"))
    return probs


def main(argv):
    files = argv[1:] or sorted(
        glob.glob(os.path.join(HERE, "*.json")) + glob.glob(os.path.join(HERE, "*", "*.json"))
    )
    if not files:
        print("no gold files found")
        return 1
    probs = []
    for f in files:
        probs += check_file(f)
    if probs:
        print("\n".join(probs))
        print(f"{len(probs)} problem(s) in {len(files)} file(s)")
        return 1
    print(f"OK ({len(files)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
