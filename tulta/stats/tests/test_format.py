"""Indonesian number formatting."""

from __future__ import annotations

import pytest

from tulta.stats import formatting


def test_decimal_comma_and_thousands_dot() -> None:
    assert formatting.number(1234567.891, 2) == "1.234.567,89"


def test_true_minus_sign() -> None:
    assert formatting.number(-68.42, 1) == "\u221268,4"


def test_negative_zero_has_no_sign() -> None:
    assert formatting.number(-0.04, 1) == "0,0"


def test_signed_adds_a_plus() -> None:
    assert formatting.signed(4.5) == "+4,5"


def test_percent() -> None:
    assert formatting.percent(-68.42, 1, sign=True) == "\u221268,4%"


def test_small_p_value() -> None:
    assert formatting.p_value(0.0004) == "p < 0,001"


def test_p_value_with_three_decimals() -> None:
    assert formatting.p_value(0.0234) == "p = 0,023"


def test_non_finite_numbers_are_refused() -> None:
    with pytest.raises(ValueError):
        formatting.number(float("nan"))
