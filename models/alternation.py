"""A big alternation of phrases, matched exactly like one regex but without scanning it everywhere.

A regex ``before(?:alt1|alt2|...)after`` with hundreds of literal-headed alternatives tries every
alternative at every character of a text. :class:`Alternation` finds the same matches: a cheap
character-class regex proposes the positions where some alternative's first character occurs
after ``before``; there, the first ``KEY_LEN`` characters of the text select the alternatives
whose literal head agrees, and a regex of only those (in the original order, so leftmost-first
choice and backtracking into later alternatives are unchanged) is matched. Texts whose window is
not ASCII fall back to every alternative (case-insensitive Unicode folding is wider than lower()).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

KEY_LEN = 4


class Alternation:
    """``before(?:alt...)after`` as a prefiltered matcher; ``finditer`` yields (match, index)."""

    def __init__(
        self,
        alternatives: Sequence[tuple[str, str]],
        *,
        ignorecase: bool,
        before: str = "",
        after: str = "",
    ) -> None:
        """``alternatives``: (regex, literal text every match of it starts with), in order."""
        self.regexes = [regex for regex, _ in alternatives]
        self._flags = "(?i)" if ignorecase else ""
        self._before, self._after = before, after
        self._ignorecase = ignorecase
        self._by_key: dict[int, dict[str, list[int]]] = {}
        self._always: list[int] = []
        firsts: set[str] = set()
        for i, (_, head) in enumerate(alternatives):
            key = self._norm(head[:KEY_LEN])
            if not key or ignorecase and not head.isascii():
                self._always.append(i)
                continue
            self._by_key.setdefault(len(key), {}).setdefault(key, []).append(i)
            firsts.add(head[0])
        cls = "".join(re.escape(c) for c in sorted(firsts))
        start = f"[{cls}]" if cls and not self._always else r"[\s\S]"
        self._candidate = re.compile(f"{self._flags}{before}{start}")
        self._lengths = sorted(self._by_key)
        self._cache: dict[tuple[int, ...], tuple[re.Pattern, tuple[int, ...]]] = {}

    def _norm(self, text: str) -> str:
        return text.lower() if self._ignorecase else text

    def _sub(self, indices: tuple[int, ...]) -> tuple[re.Pattern, tuple[int, ...]]:
        found = self._cache.get(indices)
        if found is None:
            body = "|".join(f"({self.regexes[i]})" for i in indices)
            pattern = re.compile(f"{self._flags}{self._before}(?:{body}){self._after}")
            found = self._cache[indices] = (pattern, indices)
        return found

    def _alternatives_at(self, text: str, pos: int) -> tuple[int, ...]:
        window = text[pos : pos + KEY_LEN]
        if self._ignorecase and not window.isascii():
            return tuple(range(len(self.regexes)))
        window = self._norm(window)
        picked: list[int] = list(self._always)
        for n in self._lengths:
            picked += self._by_key[n].get(window[:n], ())
        return tuple(sorted(picked))

    def finditer(self, text: str) -> Iterator[tuple[re.Match, int]]:
        """The matches of the whole alternation, left to right, with the alternative's index."""
        pos = 0
        search = self._candidate.search
        while True:
            hit = search(text, pos)
            if hit is None:
                return
            start = hit.start()
            indices = self._alternatives_at(text, start)
            m = None
            if indices:
                pattern, order = self._sub(indices)
                m = pattern.match(text, start)
            if m is None:
                pos = start + 1
                continue
            yield m, order[m.lastindex - 1]
            pos = m.end() if m.end() > start else start + 1

    def reference(self, groups: bool = True) -> re.Pattern:
        """The plain alternation this matcher is equivalent to (for tests and benchmarks); with
        ``groups``, alternative i is group i + 1."""
        body = "|".join(f"({r})" if groups else r for r in self.regexes)
        return re.compile(f"{self._flags}{self._before}(?:{body}){self._after}")
