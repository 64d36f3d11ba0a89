"""Form fields for numbers as Indonesians type them: "7,5", "1.250", "1.250.000,5" (and the
English "7.5"), whatever the page's language, shown back with a decimal comma.

Django's own number fields render ``<input type="number">``, where Chromium turns "7,5" into 75
or nothing, and read the active locale's separators only. These read the text themselves with
:func:`tulta.core.numbers.parse_number` and render a text input with ``inputmode`` so phones
still show the number keyboard.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .formatting import angka
from .numbers import parse_number


def show_number(value: Any) -> str:
    """A number as the field shows it: "7,5", "1.250", "12" (no trailing zeros)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value  # what the user typed, kept as typed
    number = float(value)
    text = angka(number, 6)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


class NumberInput(forms.TextInput):
    """A text input for numbers: decimal comma shown, the number keyboard on phones."""

    def __init__(self, attrs: dict[str, Any] | None = None, *, decimal: bool = True) -> None:
        base = {"inputmode": "decimal" if decimal else "numeric", "autocomplete": "off"}
        super().__init__({**base, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        return show_number(value) or None


NUMBER_MESSAGE = _("Isi angka, misalnya 7,5 atau 1.250.")
WHOLE_MESSAGE = _("Isi bilangan bulat, misalnya 1.250.")


def read_number(value: Any, message: Any) -> float | None:
    """What the three fields share: "7,5" and "1.250" read, None for empty, ``message`` when
    the text is not a number."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int | float | Decimal):
        return float(value)
    try:
        return parse_number(str(value))
    except ValueError:
        raise forms.ValidationError(message, code="invalid") from None


class AngkaField(forms.FloatField):
    """A float typed the Indonesian way."""

    widget = NumberInput
    default_error_messages = {"invalid": NUMBER_MESSAGE}

    def to_python(self, value: Any) -> float | None:  # type: ignore[override]
        return read_number(value, self.error_messages["invalid"])

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {}  # no min/max/step attributes: they belong to type="number"


class AngkaDesimalField(forms.DecimalField):
    """A Decimal typed the Indonesian way (scores, weights)."""

    widget = NumberInput
    default_error_messages = {"invalid": NUMBER_MESSAGE}

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        number = read_number(value, self.error_messages["invalid"])
        if number is None:
            return None
        try:
            return Decimal(repr(number))
        except InvalidOperation:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {}


class AngkaBulatField(forms.IntegerField):
    """A whole number typed the Indonesian way ("1.250" is one thousand two hundred fifty)."""

    widget = NumberInput
    default_error_messages = {"invalid": WHOLE_MESSAGE}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", NumberInput(decimal=False))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        number = read_number(value, self.error_messages["invalid"])
        if number is None:
            return None
        if not float(number).is_integer():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(number)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {}


def indonesian_formfield(db_field: Any, **kwargs: Any) -> forms.Field | None:
    """``Meta.formfield_callback`` for model forms: the model's number fields as the fields
    above, everything else as Django makes it."""
    from django.db import models

    if isinstance(db_field, models.DecimalField):
        return db_field.formfield(form_class=AngkaDesimalField, **kwargs)
    if isinstance(db_field, models.FloatField):
        return db_field.formfield(form_class=AngkaField, **kwargs)
    if isinstance(db_field, models.IntegerField) and not db_field.choices:
        return db_field.formfield(form_class=AngkaBulatField, **kwargs)
    return db_field.formfield(**kwargs)
