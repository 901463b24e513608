"""A filtered view of a sort index without materialising it: the union of disjoint sorted rank arrays.

A set filter (Straddle ``status``, ``types``) keeps, per combination of values, the ranks (places in
the sort index) of the customers having it. The customers matching a filter are the union of a few
such arrays, restricted to a rank window (a date range on the sorted date field). Its length is a
sum of binary searches, and item ``k`` is found by a binary search over rank values, so any page,
however deep, costs O(arrays * log^2 n + page size).
"""

from __future__ import annotations

import bisect
import heapq
from array import array
from collections.abc import Iterator, Sequence
from typing import overload


class Merged(Sequence[int]):
    """Positions ``index[r]`` for every rank ``r`` in any of ``parts`` with ``lo <= r < hi``, in rank order."""

    def __init__(self, index: Sequence[int], parts: Sequence[array[int]], lo: int, hi: int) -> None:
        self._index = index
        self._lo, self._hi = lo, hi
        spans = [(part, bisect.bisect_left(part, lo), bisect.bisect_left(part, hi)) for part in parts]
        self._spans = [(part, start, stop) for part, start, stop in spans if start < stop]
        self._len = sum(stop - start for _, start, stop in self._spans)

    def __len__(self) -> int:
        return self._len

    def _rank_at(self, k: int) -> int:
        """The ``k``-th smallest rank (from 0) over all spans."""
        if len(self._spans) == 1:
            part, start, _ = self._spans[0]
            return part[start + k]
        lo, hi = self._lo, self._hi - 1
        while lo < hi:  # the smallest rank with more than k ranks <= it
            mid = (lo + hi) // 2
            below = sum(bisect.bisect_right(part, mid, start, stop) - start for part, start, stop in self._spans)
            if below > k:
                hi = mid
            else:
                lo = mid + 1
        return lo

    def _ranks(self, a: int, b: int) -> list[int]:
        """Ranks number ``a`` to ``b - 1``, ascending."""
        if a >= b:
            return []
        first = self._rank_at(a)
        count = b - a
        ranks: list[int] = []
        for part, start, stop in self._spans:
            at = bisect.bisect_left(part, first, start, stop)
            ranks += part[at : min(stop, at + count)]
        ranks.sort()
        return ranks[:count]

    @overload
    def __getitem__(self, item: int) -> int: ...
    @overload
    def __getitem__(self, item: slice) -> list[int]: ...
    def __getitem__(self, item: int | slice) -> int | list[int]:
        if isinstance(item, slice):
            a, b, step = item.indices(self._len)
            if step != 1:
                return [self[k] for k in range(a, b, step)]
            return [self._index[r] for r in self._ranks(a, b)]
        k = item + self._len if item < 0 else item
        if not 0 <= k < self._len:
            raise IndexError(item)
        return self._index[self._rank_at(k)]

    def __iter__(self) -> Iterator[int]:
        index = self._index
        for rank in heapq.merge(*(part[start:stop] for part, start, stop in self._spans)):
            yield index[rank]
