"""Serializer fields shared by the API's serializers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from tulta.core.dates import parse_calendar_date


class CalendarDateField(serializers.DateField):
    """A date read like the pages read it (``tulta.core.dates.parse_calendar_date``): an
    impossible date such as "2026-02-30" is refused as a date that does not exist, not as a
    wrong format. The model field's range validators apply as for any model field."""

    def to_internal_value(self, value: Any) -> dt.date:
        if isinstance(value, str):
            try:
                return parse_calendar_date(value)
            except DjangoValidationError as exc:
                raise serializers.ValidationError(exc.messages) from None
        return super().to_internal_value(value)
