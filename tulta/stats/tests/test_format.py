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


# --- values with their unit (#21: "14.244,8 menjadi 2.031,6 Rp", "7,0% %") --------------------


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (14244.8, "Rp", "Rp 14.245"),
        (15000, "Rp", "Rp 15.000"),
        (2031.6, "rp.", "Rp 2.032"),
        (1250000, "Rupiah", "Rp 1.250.000"),
        (-2000, "Rp", "\u2212Rp 2.000"),
        (10.71, "%", "10,7%"),
        (45, "menit", "45,0 menit"),
        (45, " menit ", "45,0 menit"),
        (3.25, "", "3,2"),
    ],
)
def test_quantity_writes_rupiah_first_and_whole_and_percent_attached(value, unit, expected):
    assert formatting.quantity(value, unit) == expected


def test_quantity_takes_the_callers_number_format_except_for_rupiah():
    assert formatting.quantity(7.0, "%", fmt=lambda v: f"{v:.0f}") == "7%"
    assert formatting.quantity(14244.8, "Rp", fmt=lambda v: "never") == "Rp 14.245"
