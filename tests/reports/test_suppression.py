"""Small numbers in equality tables: hidden, never recoverable from the (public) total, the counts shown or the rule."""

import itertools

from linkdesk.reports.suppression import (
    FEWER_THAN, NOT_SHOWN, SUPPRESSED, WITHHELD, feasible_range, primaries_determined, suppress,
)

NOT_SHOWN_AT_ALL = [WITHHELD]  # the single line a withheld breakdown has instead of its categories


def shown(counts):
    rows, total = suppress([(str(index), value) for index, value in enumerate(counts)])
    if [row.label for row in rows] == NOT_SHOWN_AT_ALL:
        assert rows[0].shown == NOT_SHOWN and rows[0].value is None
        return NOT_SHOWN_AT_ALL, total.shown
    return [row.shown for row in rows], total.shown


def test_counts_of_five_or_more_and_zero_are_shown():
    assert shown([5, 12, 0]) == (["5", "12", "0"], "17")


def test_the_range_a_hidden_cell_can_take():
    assert feasible_range(1, 3) == (3, 3)  # one hidden cell: the total gives it away
    assert feasible_range(3, 3) == (1, 1)  # S == k: every cell is 1
    assert feasible_range(3, 12) == (4, 4)  # S == 4k: every cell is 4
    assert feasible_range(3, 4) == (1, 2)
    assert feasible_range(2, 5) == (1, 4)
    assert [primaries_determined(k, s) for k, s in ((1, 2), (3, 3), (3, 12), (3, 4), (3, 11), (2, 5))] == [
        True, True, True, False, False, False]


def test_the_total_is_always_shown():
    # It is the number of people referred, which the report gives anyway: hiding it here protected nothing.
    for counts in ([1, 1], [3, 0], [2, 2], [4, 4], [1, 30]):
        assert shown(counts)[1] == str(sum(counts))


# k = 1: one hidden cell is the total minus the counts shown.

def test_one_small_count_takes_the_smallest_shown_count_with_it():
    # 2 alone would be 32 - 10 - 20. With 10 hidden too, the pair makes 12: 2 + 10, 3 + 9, 4 + 8 or 1 + 11.
    assert shown([2, 10, 20]) == ([FEWER_THAN, SUPPRESSED, "20"], "32")


def test_one_small_count_with_nothing_else_to_hide_withholds_the_breakdown():
    assert shown([3, 0, 0]) == (NOT_SHOWN_AT_ALL, "3")


def test_a_suppressed_five_is_known_to_be_five():
    # "suppressed" means at least 5, and no more than the 5 still shown: so it is 5, and the small one is 1.
    assert shown([1, 5, 5]) == (NOT_SHOWN_AT_ALL, "11")
    # With a larger count shown: the hidden pair makes 6, which is 1 + 5 only (the suppressed cell is at least 5).
    assert shown([1, 5, 30]) == (NOT_SHOWN_AT_ALL, "36")


# S = k: several hidden cells that can only all be 1.

def test_small_counts_that_can_only_be_ones_with_nothing_else_shown_are_withheld():
    # Demo link worker 2 in November: five people in five ethnic categories, each "fewer than 5", total 5.
    assert shown([1, 1, 1, 1, 1, 0, 0]) == (NOT_SHOWN_AT_ALL, "5")
    # Three people in three age bands.
    assert shown([0, 1, 0, 1, 1]) == (NOT_SHOWN_AT_ALL, "3")


def test_ones_protected_by_a_large_enough_suppressed_count():
    # Hiding 20 as well: a reader who knows the rule knows both small cells are 1 or both are 4,
    # so the hidden sum of 22 is 1 + 1 + 20 or 4 + 4 + 14, and 14 is possible (at least 5, at most 30).
    assert shown([1, 1, 20, 30]) == ([FEWER_THAN, FEWER_THAN, SUPPRESSED, "30"], "52")


def test_ones_beside_a_suppressed_count_too_small_to_hide_them_are_withheld():
    # The old rule showed "fewer than 5, fewer than 5, suppressed, 30" with total 42. Secondary suppression
    # happens only when the small cells are all 1 or all 4; 4 + 4 would leave 4 for a cell of at least 5,
    # so a reader could tell both were 1.
    assert shown([1, 1, 10, 30]) == (NOT_SHOWN_AT_ALL, "42")


# S = 4k: several hidden cells that can only all be 4.

def test_fours_with_nothing_else_to_hide_are_withheld():
    assert shown([4, 4]) == (NOT_SHOWN_AT_ALL, "8")
    assert shown([4, 4, 4, 0]) == (NOT_SHOWN_AT_ALL, "12")


def test_fours_beside_a_suppressed_count():
    # 4 + 4 + 20 or 1 + 1 + 26: both possible when a cell of 40 is still shown.
    assert shown([4, 4, 20, 40]) == ([FEWER_THAN, FEWER_THAN, SUPPRESSED, "40"], "68")
    # With 24 the largest count shown, 1 + 1 + 26 would make the suppressed cell bigger than it: withheld.
    assert shown([4, 4, 20, 24]) == (NOT_SHOWN_AT_ALL, "52")


def test_small_counts_with_an_ambiguous_sum_need_nothing_more():
    assert shown([2, 3, 10]) == ([FEWER_THAN, FEWER_THAN, "10"], "15")
    assert shown([1, 1, 2, 40]) == ([FEWER_THAN, FEWER_THAN, FEWER_THAN, "40"], "44")
    assert shown([2, 2]) == ([FEWER_THAN, FEWER_THAN], "4")  # 1 + 3, 2 + 2 or 3 + 1


def test_equal_counts_the_first_listed_is_suppressed():
    assert shown([3, 9, 9, 9]) == ([FEWER_THAN, SUPPRESSED, "9", "9"], "30")


def _what_a_reader_can_work_out(rows, total):
    """Every table that the rule would have shown exactly so: brute force, knowing the rule and the labels."""
    hidden = [index for index, row in enumerate(rows) if row.value is None]
    visible = sum(row.value for row in rows if row.value is not None)
    remaining = total.value - visible
    choices = [range(1, 5) if rows[index].shown == FEWER_THAN else range(5, remaining + 1) for index in hidden]
    tables = []
    for values in itertools.product(*choices):
        if sum(values) != remaining:
            continue
        table = [row.value for row in rows]
        for index, value in zip(hidden, values):
            table[index] = value
        again, again_total = suppress([(row.label, value) for row, value in zip(rows, table)])
        if [row.shown for row in again] == [row.shown for row in rows]:
            tables.append(table)
    return hidden, tables


def test_no_hidden_count_can_be_worked_out_even_knowing_the_rule():
    """Every table of up to four cells of 0 to 9: each hidden cell must have more than one possible value."""
    checked = withheld = 0
    for size in (2, 3, 4):
        for counts in itertools.product(range(10), repeat=size):
            rows, total = suppress([(str(index), value) for index, value in enumerate(counts)])
            assert total.value == sum(counts)
            if rows[0].label == WITHHELD:
                withheld += 1
                continue
            hidden, tables = _what_a_reader_can_work_out(rows, total)
            if not hidden:
                continue
            assert list(counts) in tables  # the reader's reasoning really reproduces the rule
            for index in hidden:
                assert len({table[index] for table in tables}) > 1, (counts, [row.shown for row in rows])
            checked += 1
    assert checked > 3000 and withheld > 100  # the loop looked at tables shown with hidden cells, and withheld
