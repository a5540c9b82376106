"""Fair ranking of stated positions (pure): by weight, each party and each stance represented.

A position's weight is how often it is stated (distinct paragraphs) plus its strength
("firmly supports" weighs more than "supports"), so a chart or a briefing that shows the top
N shows the weightiest, never the first N in paragraph order, and no party or stance vanishes
because another party speaks more.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from components.chart_base import UNATTRIBUTED, explode_list
from components.frames import Frames, cite_each, corrected_flags
from models.schema import STANCES

GROUP_KEYS = ["party", "stance", "target"]


def position_groups(positions: pd.DataFrame, joint: bool = False) -> pd.DataFrame:
    """One row per party, stance and target: n (distinct paragraphs), strength, weight, the
    paragraph ids in text order, the first evidence; heaviest first (ties: the stronger
    stance — support, oppose, commit before calls, welcomes and concerns —, then text order).

    With ``joint``, a position several parties hold together is one row of them all
    ("China and Russia") rather than a row for each."""
    columns = [
        "party", "stance", "target", "n", "strength", "weight", "ids", "evidence", "corrected",
    ]  # fmt: skip
    if positions.empty:
        return pd.DataFrame(columns=columns)
    carried = ["stance", "target", "paragraph_id", "evidence", "corrected"]
    rows = _exploded(positions, carried, joint)
    grouped = rows.groupby(GROUP_KEYS, sort=False)
    out = grouped.agg(
        strength=("strength", "max"),
        order=("order", "min"),
        evidence=("evidence", "first"),
        corrected=("corrected", "any"),
    ).reset_index()
    # Each group's distinct paragraphs in text order, split out of one sorted array (a
    # Python function per group took seconds on a corpus of 100,000 positions).
    distinct = rows.drop_duplicates([*GROUP_KEYS, "paragraph_id"])
    code = distinct.groupby(GROUP_KEYS, sort=False).ngroup().to_numpy()
    counts = np.bincount(code, minlength=len(out))
    pids = distinct["paragraph_id"].to_numpy(object)[np.argsort(code, kind="stable")]
    out["n"] = counts
    out["ids"] = [list(p) for p in np.split(pids, np.cumsum(counts)[:-1])]
    out["weight"] = out["n"] + out["strength"].clip(lower=-0.5)
    out["rank"] = out["stance"].map(_stance_rank)
    out = out.sort_values(["weight", "rank", "order"], ascending=[False, True, True], kind="stable")
    return out[columns].reset_index(drop=True)


def _exploded(positions: pd.DataFrame, carried: list[str], joint: bool) -> pd.DataFrame:
    """One row per holder of each position (or per holder set, ``joint``), with its strength
    (0 if unknown) and text order."""
    base = positions.assign(
        strength=positions["strength"] if "strength" in positions else 0,
        corrected=corrected_flags(positions),
        order=range(len(positions)),
    )
    if joint:
        together = base["holders"].map(lambda h: " and ".join(h) if len(h) else UNATTRIBUTED)
        return base[[*carried, "strength", "order"]].assign(party=together.to_numpy())
    return explode_list(base, "holders", "party", [*carried, "strength", "order"])


def party_order(groups: pd.DataFrame) -> list[str]:
    """Parties by the total weight of their positions, heaviest first."""
    return list(
        groups.groupby("party", sort=False)["weight"]
        .sum()
        .sort_values(ascending=False, kind="stable")
        .index
    )


def fair_targets(groups: pd.DataFrame, limit: int, parties: list[str] | None = None) -> list[str]:
    """Up to ``limit`` distinct targets: first each party's heaviest target in each stance it
    takes, then the parties' next heaviest in turn (round robin), heaviest party first."""
    parties = parties if parties is not None else party_order(groups)
    chosen: dict[str, None] = {}
    by_party = {p: groups[groups["party"] == p] for p in parties}
    for party in parties:  # every party, every stance it takes
        rows = by_party[party]
        for stance in sorted(set(rows["stance"]), key=_stance_rank):
            if len(chosen) >= limit:
                return list(chosen)
            chosen.setdefault(rows.loc[rows["stance"] == stance, "target"].iloc[0])
    queues = {p: list(dict.fromkeys(by_party[p]["target"])) for p in parties}
    while len(chosen) < limit and any(queues.values()):
        for party in parties:
            queue = queues[party]
            while queue and queue[0] in chosen:
                queue.pop(0)
            if queue and len(chosen) < limit:
                chosen[queue.pop(0)] = None
    return list(chosen)


def _stance_rank(stance: str) -> int:
    return STANCES.index(stance) if stance in STANCES else len(STANCES)


def position_table(view: Frames) -> pd.DataFrame:
    """Every position of the view, heaviest first, in words: party, stance, target, how often
    and how strongly stated, citations of every paragraph, the first quote."""
    groups = position_groups(view.positions)
    names = view.names
    return pd.DataFrame(
        {
            "party": groups["party"].replace(UNATTRIBUTED, names.unattributed),
            "stance": groups["stance"].map(names.stance_verb),
            "target": groups["target"],
            "statements": groups["n"],
            "firm": groups["strength"] > 0,
            "cited": cite_each(view, groups["ids"]),
            "quote": groups["evidence"],
        }
    )
