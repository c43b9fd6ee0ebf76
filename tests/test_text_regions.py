"""text.Regions says whether a span lies inside one of the ranges, for any ranges (overlapping, nested, unsorted)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from crosscheck.text import Regions

_range = st.tuples(st.integers(0, 200), st.integers(0, 60)).map(lambda t: (t[0], t[0] + t[1]))


@given(st.lists(_range, max_size=12), st.lists(_range, min_size=1, max_size=20))
def test_regions_hold_exactly_the_spans_inside_one_range(ranges, spans):
    index = Regions(ranges)
    for start, end in spans:
        inside_one = any(a <= start and end <= b for a, b in ranges)  # every range read: the plain definition
        assert index.holds(start, end) == inside_one, (ranges, start, end)


def test_a_span_across_two_adjacent_quotations_is_in_neither():
    index = Regions([(10, 20), (0, 5), (20, 30)])
    assert index.holds(12, 18) and index.holds(20, 30) and index.holds(0, 5)
    assert not index.holds(15, 25) and not index.holds(5, 10) and not index.holds(-1, 3)
