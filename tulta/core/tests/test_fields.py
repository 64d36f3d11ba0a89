"""Number fields read what Indonesians type ("7,5", "1.250") whatever the page's language."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from tulta.core.fields import AngkaBulatField, AngkaDesimalField, AngkaField, show_number


class Sample(forms.Form):
    score = AngkaDesimalField(min_value=0, max_value=10, decimal_places=2)
    target = AngkaField(required=False)
    volume = AngkaBulatField(min_value=1)


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize(
    ("score", "target", "volume", "expected"),
    [
        ("7,5", "14,2", "1.250", (Decimal("7.5"), 14.2, 1250)),
        ("7.5", "1.250,5", "12000", (Decimal("7.5"), 1250.5, 12000)),
        (" 9 ", "", "1.250.000", (Decimal("9"), None, 1250000)),
    ],
)
def test_indonesian_and_english_forms_are_read(language, score, target, volume, expected):
    with translation.override(language):
        form = Sample(data={"score": score, "target": target, "volume": volume})
        assert form.is_valid(), form.errors
    assert (
        form.cleaned_data["score"],
        form.cleaned_data["target"],
        form.cleaned_data["volume"],
    ) == expected


def test_bad_numbers_say_what_is_expected_and_keep_what_was_typed():
    form = Sample(data={"score": "tujuh", "volume": "12,5"})
    assert not form.is_valid()
    assert form.errors["score"] == ["Isi angka, misalnya 7,5 atau 1.250."]
    assert form.errors["volume"] == ["Isi bilangan bulat, misalnya 1.250."]
    html = str(form["score"])
    assert 'value="tujuh"' in html and 'type="text"' in html and 'inputmode="decimal"' in html


def test_ranges_still_hold():
    form = Sample(data={"score": "10,5", "volume": "0"})
    assert not form.is_valid()
    assert set(form.errors) == {"score", "volume"}


def test_values_are_shown_with_a_decimal_comma():
    assert show_number(Decimal("7.50")) == "7,5"
    assert show_number(1250.0) == "1.250"
    assert show_number(9) == "9"
    assert show_number(None) == ""
    form = Sample(initial={"score": Decimal("7.50"), "target": 14.25, "volume": 1250})
    assert 'value="7,5"' in str(form["score"])
    assert 'value="14,25"' in str(form["target"])
    assert 'value="1.250"' in str(form["volume"])
    assert 'inputmode="numeric"' in str(form["volume"])
