"""Small numbers in equality tables: hidden, and not recoverable from the total."""

from linkdesk.reports.suppression import FEWER_THAN, SUPPRESSED, suppress


def shown(counts):
    rows, total = suppress(counts)
    return [row.shown for row in rows], total.shown


def test_counts_of_five_or_more_and_zero_are_shown():
    assert shown([("A", 5), ("B", 12), ("C", 0)]) == (["5", "12", "0"], "17")


def test_a_single_small_count_takes_the_next_smallest_with_it():
    # With only "2" hidden, 32 - 10 - 20 would give it away; so 10 is hidden too.
    assert shown([("A", 2), ("B", 10), ("C", 20)]) == ([FEWER_THAN, SUPPRESSED, "20"], "32")


def test_two_small_counts_that_could_only_be_ones_are_protected():
    # 1 + 1 = 2 is the only way two hidden cells of 1 to 4 make 2.
    assert shown([("A", 1), ("B", 1), ("C", 10), ("D", 30)]) == ([FEWER_THAN, FEWER_THAN, SUPPRESSED, "30"], "42")


def test_two_small_counts_with_an_ambiguous_sum_need_nothing_more():
    assert shown([("A", 2), ("B", 3), ("C", 10)]) == ([FEWER_THAN, FEWER_THAN, "10"], "15")


def test_the_total_is_hidden_when_no_other_cell_can_be():
    assert shown([("A", 4), ("B", 4)]) == ([FEWER_THAN, FEWER_THAN], SUPPRESSED)
    assert shown([("A", 3), ("B", 0)]) == ([FEWER_THAN, "0"], FEWER_THAN)


def test_every_hidden_value_has_more_than_one_possible_answer():
    """Brute force: for each table, the hidden cells' values must not follow from what is shown."""
    import itertools

    checked = 0
    for values in itertools.product(range(0, 9), repeat=3):
        rows, total = suppress([(str(i), value) for i, value in enumerate(values)])
        if total.value is None:
            continue
        hidden = [i for i, row in enumerate(rows) if row.value is None]
        if not hidden:
            continue
        remaining = total.value - sum(row.value for row in rows if row.value is not None)
        ranges = [range(1, 5) if rows[i].shown == FEWER_THAN else range(5, remaining + 1) for i in hidden]
        answers = [combo for combo in itertools.product(*ranges) if sum(combo) == remaining]
        checked += 1
        assert len(answers) != 1, (values, [row.shown for row in rows], total.shown)
    assert checked > 100  # the loop really looked at tables with hidden cells
