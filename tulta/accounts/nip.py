"""Validation of the NIP (Nomor Induk Pegawai), the 18-digit civil-servant number.

Layout: birth date YYYYMMDD (8), appointment (TMT CPNS) year and month YYYYMM (6), sex 1 = man,
2 = woman (1), sequence number (3). Example: 198503152010011001.
Pure Python except for today's date, which is the local date in settings.TIME_ZONE;
messages are Indonesian because users read them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone

NIP_LENGTH = 18


class NipError(ValueError):
    """The NIP is malformed; ``message`` says which part, in Indonesian."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Nip:
    value: str
    birth_date: dt.date
    appointment_year: int
    appointment_month: int
    sex: str  # "L" (laki-laki) or "P" (perempuan)
    sequence: int


def normalize_nip(raw: str) -> str:
    """Drop the spaces, dots and dashes people type or paste between the NIP's groups."""
    return re.sub(r"[\s.\-]", "", raw or "")


def parse_nip(raw: str, *, today: dt.date | None = None) -> Nip:
    """Parse and validate a NIP; raise :class:`NipError` naming the wrong part."""
    value = normalize_nip(raw)
    if not value.isdigit() or not value.isascii():
        raise NipError("not_digits", "NIP hanya boleh berisi angka.")
    if len(value) != NIP_LENGTH:
        raise NipError("length", f"NIP harus 18 digit; yang diisi {len(value)} digit.")
    try:
        birth = dt.date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise NipError(
            "birth_date",
            f"Digit 1–8 NIP ({value[0:8]}) bukan tanggal lahir yang sah (format TTTTBBHH).",
        ) from None
    today = today or timezone.localdate()
    if birth.year < 1930 or birth > today:
        raise NipError("birth_date", f"Tanggal lahir pada NIP ({value[0:8]}) tidak masuk akal.")
    year, month = int(value[8:12]), int(value[12:14])
    if not 1 <= month <= 12:
        raise NipError(
            "appointment",
            f"Digit 9–14 NIP ({value[8:14]}) harus tahun dan bulan pengangkatan; "
            f"bulan {month:02d} tidak ada.",
        )
    if (year, month) <= (birth.year, birth.month):
        raise NipError(
            "appointment",
            f"Tahun dan bulan pengangkatan pada NIP ({value[8:14]}) harus sesudah tanggal lahir.",
        )
    if (year, month) > (today.year, today.month):
        raise NipError(
            "appointment",
            f"Tahun dan bulan pengangkatan pada NIP ({value[8:14]}) belum terjadi.",
        )
    sex_digit = value[14]
    if sex_digit not in "12":
        raise NipError(
            "sex", f"Digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan), bukan {sex_digit}."
        )
    sequence = int(value[15:18])
    if sequence == 0:
        raise NipError("sequence", "Tiga digit terakhir NIP (nomor urut) tidak boleh 000.")
    return Nip(
        value=value,
        birth_date=birth,
        appointment_year=year,
        appointment_month=month,
        sex="L" if sex_digit == "1" else "P",
        sequence=sequence,
    )


def make_nip(
    birth_date: dt.date, appointment_year: int, appointment_month: int, sex: str, sequence: int
) -> str:
    """Compose a NIP from its parts (used by demo data and tests); the result is validated."""
    value = (
        f"{birth_date:%Y%m%d}{appointment_year:04d}{appointment_month:02d}"
        f"{'1' if sex == 'L' else '2'}{sequence:03d}"
    )
    parse_nip(value)
    return value
