"""Calendar dates typed by people: parsing with messages that say what is wrong, and the
sensible ranges (nothing before 1945, nothing after today). One place for forms, the API and
imports: a ModelForm picks the validators up from the model field, a ModelSerializer too, and
``Model.full_clean`` in the services runs them for every other caller.

"2026-02-30" is a date in the right format that does not exist, and says so ("Tanggal 30
Februari 2026 tidak ada."), not "wrong format".
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .formatting import BULAN, tanggal

EARLIEST_YEAR = 1945

# (pattern, order of the groups): ISO first, then the Indonesian day-first spellings.
_PATTERNS = (
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), ("y", "m", "d")),
    (re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"), ("d", "m", "y")),
)


def parse_calendar_date(text: str) -> dt.date:
    """The date written in ``text`` (TTTT-BB-HH, HH/BB/TTTT, HH-BB-TTTT or HH.BB.TTTT).
    Raises ValidationError saying whether the text is no date at all, or a date that does not
    exist (month 13, 30 February)."""
    value = text.strip()
    for pattern, order in _PATTERNS:
        match = pattern.fullmatch(value)
        if match is None:
            continue
        parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
        year, month, day = parts["y"], parts["m"], parts["d"]
        if not 1 <= month <= 12:
            raise ValidationError(
                _("Bulan %(month)d tidak ada pada '%(v)s'; bulan ditulis 1 sampai 12.")
                % {"month": month, "v": value},
                code="invalid_date",
            )
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise ValidationError(
                _("Tanggal %(day)d %(month)s %(year)d tidak ada.")
                % {"day": day, "month": BULAN[month - 1], "year": year},
                code="invalid_date",
            ) from None
    raise ValidationError(
        _("'%(v)s' bukan tanggal; tulis TTTT-BB-HH, misalnya 2026-01-15.") % {"v": value},
        code="invalid",
    )


def validate_past_date(value: dt.date) -> None:
    """A date that has already happened (an SK's date): not after today, not before 1945."""
    today = timezone.localdate()
    if value > today:
        raise ValidationError(
            _("Tanggal %(date)s belum tiba; tanggal ini tidak boleh setelah hari ini (%(today)s).")
            % {"date": tanggal(value, with_day=False), "today": tanggal(today, with_day=False)},
            code="future_date",
        )
    if value.year < EARLIEST_YEAR:
        raise ValidationError(
            _("Tahun %(year)d terlalu awal; tanggal ini tidak boleh sebelum tahun %(first)d.")
            % {"year": value.year, "first": EARLIEST_YEAR},
            code="too_early",
        )


def validate_year_to_now(value: dt.date) -> None:
    """A date whose year lies between 1945 and this year (a team's founding)."""
    this_year = timezone.localdate().year
    if not EARLIEST_YEAR <= value.year <= this_year:
        raise ValidationError(
            _("Tahun %(year)d tidak masuk akal; tahunnya harus antara %(first)d dan %(last)d.")
            % {"year": value.year, "first": EARLIEST_YEAR, "last": this_year},
            code="year_out_of_range",
        )
