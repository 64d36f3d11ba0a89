"""Parsing the raw measurements of an indicator: one entry per line, as typed or pasted from a
spreadsheet column. Values use the Indonesian number form (``tulta.tools.grids.parse_number``);
error-rate periods are written ``kejadian/jumlah`` ("3/120": 3 errors in 120 services). Every bad
entry is reported with its side and line; nothing typed is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tulta.tools.grids import parse_number

from .models import Indicator

SIDE_LABELS = {"baseline": "sebelum", "after": "sesudah", "follow_up": "pengukuran ulang"}
NON_NEGATIVE_UNITS = {"menit", "jam", "hari", "Rp", "kali", "%"}


@dataclass
class Parsed:
    values: list[float] = field(default_factory=list)
    pairs: list[tuple[int, int]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def split_lines(text: str) -> list[str]:
    """The non-empty lines of a pasted column (tabs: the first cell of each row), kept as typed."""
    lines = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        cell = line.split("\t")[0].strip()
        if cell:
            lines.append(cell)
    return lines


def _error(side: str, position: int, raw: str, message: str) -> str:
    return _("Data %(side)s, baris %(n)d (“%(raw)s”): %(msg)s") % {
        "side": SIDE_LABELS[side],
        "n": position,
        "raw": raw,
        "msg": message,
    }


def parse_side(raw: Sequence[str], *, side: str, data_form: str, unit: str) -> Parsed:
    result = Parsed()
    for position, entry in enumerate(raw, start=1):
        if data_form == Indicator.DataForm.COUNTS:
            parts = entry.split("/")
            if len(parts) != 2:
                msg = _("tulis sebagai kejadian/jumlah, misalnya 3/120.")
                result.errors.append(_error(side, position, entry, msg))
                continue
            try:
                events, total = (parse_number(p) for p in parts)
            except ValueError:
                result.errors.append(_error(side, position, entry, _("bukan angka.")))
                continue
            if not (events.is_integer() and total.is_integer()):
                result.errors.append(_error(side, position, entry, _("harus bilangan bulat.")))
            elif total <= 0 or events < 0:
                msg = _("jumlah harus lebih dari 0 dan kejadian tidak negatif.")
                result.errors.append(_error(side, position, entry, msg))
            elif events > total:
                msg = _("kejadian melebihi jumlah layanan.")
                result.errors.append(_error(side, position, entry, msg))
            else:
                result.pairs.append((int(events), int(total)))
            continue
        try:
            value = parse_number(entry)
        except ValueError:
            result.errors.append(_error(side, position, entry, _("bukan angka.")))
            continue
        if value < 0 and unit in NON_NEGATIVE_UNITS:
            result.errors.append(_error(side, position, entry, _("tidak boleh negatif.")))
            continue
        result.values.append(value)
    return result
