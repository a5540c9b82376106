"""Filters and their query-string form (pure): what the analyst narrowed the view to."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

# Filters field -> (query-string key, is a list)
_URL_KEYS: dict[str, tuple[str, bool]] = {
    "documents": ("doc", True),
    "parties": ("party", True),
    "themes": ("theme", True),
    "topics": ("topic", True),
    "areas": ("area", True),
    "stances": ("stance", True),
    "date_from": ("from", False),
    "date_to": ("to", False),
    "query": ("q", False),
}


@dataclass(frozen=True)
class Filters:
    """What the analyst narrowed the view to; empty means no restriction."""

    documents: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    themes: tuple[int, ...] = ()
    topics: tuple[int, ...] = ()
    areas: tuple[str, ...] = ()
    stances: tuple[str, ...] = ()
    date_from: str = ""
    date_to: str = ""
    query: str = ""

    def is_empty(self) -> bool:
        """Whether no filter is set."""
        return self == Filters()

    def to_params(self) -> list[tuple[str, str]]:
        """The query-string pairs of these filters (repeated keys for lists)."""
        pairs: list[tuple[str, str]] = []
        for name, (key, is_list) in _URL_KEYS.items():
            value = getattr(self, name)
            if is_list:
                pairs += [(key, str(v)) for v in value]
            elif value:
                pairs.append((key, str(value)))
        return pairs


def filters_from_params(get_all: Callable[[str], list[str]]) -> Filters:
    """Filters from a query-string reader (``get_all(key) -> values``)."""
    values: dict = {}
    for name, (key, is_list) in _URL_KEYS.items():
        found = [v for v in get_all(key) if v != ""]
        if is_list:
            if name in ("themes", "topics"):
                found = [int(v) for v in found if v.lstrip("-").isdigit()]
            values[name] = tuple(dict.fromkeys(found))
        else:
            values[name] = found[-1] if found else ""
    return Filters(**values)


def params_dict(pairs: Iterable[tuple[str, str]]) -> dict[str, str | list[str]]:
    """Pairs as a dict for the URL or st.page_link (lists for repeated keys)."""
    out: dict[str, list[str]] = {}
    for key, value in pairs:
        out.setdefault(key, []).append(value)
    return {k: v[0] if len(v) == 1 else v for k, v in out.items()}
