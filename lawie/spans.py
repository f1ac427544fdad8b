"""A set of non-overlapping character spans with logarithmic overlap checks.

Rules add spans in several passes, each refusing what overlaps an earlier span; a plain list
made that quadratic in the length of the report. Kept sorted by start, a span overlaps the set
exactly when it overlaps its nearest neighbour to the left or the right.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Generic, Iterator, TypeVar

__all__ = ["SpanSet", "covering"]

T = TypeVar("T")


def covering(regions: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The region of sorted, disjoint ``regions`` that holds [start, end), or None."""
    index = bisect_right(regions, (start, float("inf"))) - 1
    if index >= 0 and regions[index][0] <= start and end <= regions[index][1]:
        return regions[index]
    return None


class SpanSet(Generic[T]):
    """Non-overlapping spans (start, end, payload), sorted by start."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._items: list[tuple[int, int, T]] = []

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_left(self._starts, end)
        return index > 0 and self._items[index - 1][1] > start

    def add(self, start: int, end: int, payload: T) -> bool:
        """Adds the span unless it overlaps one already in the set; True when added."""
        if self.overlaps(start, end):
            return False
        index = bisect_left(self._starts, start)
        self._starts.insert(index, start)
        self._items.insert(index, (start, end, payload))
        return True

    def __iter__(self) -> Iterator[tuple[int, int, T]]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)
