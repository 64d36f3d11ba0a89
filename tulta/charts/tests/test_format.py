"""Indonesian number formatting."""

from __future__ import annotations

import pytest

from tulta.charts import format as fmt


def test_percent_uses_a_decimal_comma() -> None:
    assert fmt.percent(37 / 125 * 100) == "29,6%"


def test_integer_uses_a_thousands_dot() -> None:
    assert fmt.integer(1250) == "1.250"
    assert fmt.integer(1_250_000) == "1.250.000"


def test_negative_numbers_use_the_true_minus_sign() -> None:
    assert fmt.number(-3.5, 1) == "\u22123,5"


def test_decimal_drops_trailing_zeros() -> None:
    assert fmt.decimal(12.50) == "12,5"
    assert fmt.decimal(3.0) == "3"


@pytest.mark.parametrize(
    ("value", "text"),
    [(1250, "1.250"), (45.25, "45,25"), (123.456, "123,5"), (0.1234, "0,12"), (0.01234, "0,012")],
)
def test_value_shows_about_two_significant_decimals(value: float, text: str) -> None:
    assert fmt.value(value) == text


def test_tick_labels_share_the_fewest_exact_decimals() -> None:
    assert fmt.tick_labels([0, 0.25, 0.5]) == ["0,00", "0,25", "0,50"]
    assert fmt.tick_labels([0, 500, 1000]) == ["0", "500", "1.000"]


def test_join_uses_dan_before_the_last_item() -> None:
    assert fmt.join(["a", "b", "c"]) == "a, b dan c"
    assert fmt.join(["a"]) == "a"


def test_capitalized_keeps_the_rest_of_the_text() -> None:
    assert fmt.capitalized("2 titik di bawah BKB") == "2 titik di bawah BKB"
    assert fmt.capitalized("titik di bawah BKB") == "Titik di bawah BKB"
