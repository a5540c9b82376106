"""Named figures and summaries of a view, so cache.derived() can compute each once."""

from __future__ import annotations

from collections.abc import Callable

from components import (
    briefing,
    chart_base,
    charts,
    facets,
    position_charts,
    ranking,
    signing_charts,
    topic_charts,
    topic_table,
)
from components.frames import Frames, parties_of, titles_of


def party_colours(corpus: Frames) -> dict[str, str]:
    """The corpus's party colours (chart_base.party_colours), memoized on its Frames."""
    if "party_colours" not in corpus.memo:
        corpus.memo["party_colours"] = chart_base.party_colours(parties_of(corpus))
    return corpus.memo["party_colours"]


DERIVED: dict[str, Callable[[Frames, Frames], object]] = {
    "party_activity": lambda v, c: charts.visualize_party_activity(
        v.areas, v.positions, v.signings, v.names
    ),
    "briefing_lines": lambda v, c: briefing.briefing_lines(v),
    "party_list": lambda v, c: parties_of(v),
    "facets": lambda v, c: facets.facet_counts(v),
    "topic_table": lambda v, c: topic_table.rows(v),
    "themes": lambda v, c: topic_charts.visualize_themes(v.paragraphs),
    "themes_over_time": lambda v, c: topic_charts.visualize_themes_over_time(
        v.paragraphs, v.documents
    ),
    "topic_map": lambda v, c: topic_charts.visualize_topics(v.paragraphs),
    "topic_sizes": lambda v, c: topic_charts.visualize_topic_sizes(v.paragraphs, v.topics),
    "areas_by_party": lambda v, c, top=25: charts.visualize_areas_by_party(
        v.areas, v.names, party_colours(c), top
    ),
    "areas_by_document": lambda v, c, rows=30, columns=30: charts.visualize_area_matrix(
        v.areas, titles_of(c), v.names, rows, columns
    ),
    "areas_over_time": lambda v, c: charts.visualize_areas_over_time(v.areas, v.documents, v.names),
    "positions_grid": lambda v, c, top=40: position_charts.visualize_positions(
        v.positions, v.names, top
    ),
    "position_table": lambda v, c: ranking.position_table(v),
    "signings_layers": lambda v, c: signing_charts.visualize_signings(v.signings),
}
