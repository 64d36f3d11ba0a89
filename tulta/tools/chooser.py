"""Which chart fits these data? A suggestion for a novice group, never a silent switch.

A group pastes a block of cells (from Excel or a table in a letter) into the step's "Grafik apa
yang cocok?" box. :func:`suggest` looks at the block's *shape* -- how many columns, which hold
numbers (Indonesian "7,5" and "1.250" too), whole counts or measurements, dates or periods,
repeated or unique categories, a before/after column, a sample size beside a count -- and
proposes one tool of the registry (and the control chart's type) with the reason in one
Indonesian sentence ("data berupa jumlah berkas salah per hari dengan jumlah berkas
berbeda-beda → peta p"), notes where an assumption matters (capability on clearly non-normal
data, too few points for limits, a Pareto of amounts), and the block rearranged into the tool's
own columns so the group can start from it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from tulta import stats
from tulta.core.numbers import parse_number

from .catalogue import AFTER_WORDS
from .grids import split_paste
from .registry import tool_label

__all__ = ["Suggestion", "suggest"]

BEFORE_WORDS = frozenset({"sebelum", "before", "1", "i", "fase 1"})
#: Headers or labels that say a column is time: dates, days, weeks, months, periods.
TIME_WORDS = re.compile(
    r"tanggal|tgl|hari|minggu|pekan|bulan|triwulan|tahun|periode|waktu ke|jam ke|"
    r"\b(jan|feb|mar|apr|mei|jun|jul|agu|agt|sep|okt|nov|des)[a-z]*\b|"
    r"senin|selasa|rabu|kamis|jumat|sabtu|ahad|"
    r"^\d{1,2}[/.-]\d{1,2}([/.-]\d{2,4})?$|^\d{4}-\d{2}-\d{2}$|^(ke-?)?\d+$",
    re.IGNORECASE,
)
SIZE_WORDS = re.compile(r"ukuran|sampel|diperiksa|diproses|total|jumlah berkas|\bn\b", re.I)
MONEY_WORDS = re.compile(r"\brp\b|rupiah|biaya|harga|tarif", re.I)
MINUTE_WORDS = re.compile(r"menit|jam\b|detik|waktu|durasi|lama", re.I)
#: First cells that name a column of text ("Jenis keluhan", "Hari").
HEADER_WORDS = re.compile(r"(kategori|jenis|masalah|penyebab|hari|keluhan|tempat|lokasi)\b", re.I)
#: The fewest points for control limits that mean something (AIAG, Montgomery: 20-25).
MIN_POINTS_FOR_LIMITS = 20


@dataclass(frozen=True)
class Suggestion:
    """A proposed tool for pasted data.

    Attributes:
        tool: the registry code ("control_chart", "pareto", ...), or "" when nothing fits.
        options: the tool's options to start with ({"chart": "p"}, {"unit": "Rp"}).
        reason: one Indonesian sentence: what the data look like → which chart.
        notes: assumptions that matter for these data.
        rows: the data in the tool's own columns, ready for its grid.
    """

    tool: str
    options: dict[str, str]
    reason: str
    notes: tuple[str, ...] = ()
    rows: list[list[str]] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The tool's name, with the control chart's type ("Grafik dan peta kendali: p")."""
        name = tool_label(self.tool) if self.tool else ""
        chart = self.options.get("chart")
        return f"{name}: {chart}" if chart else name


@dataclass
class _Column:
    header: str
    cells: list[str]
    numbers: list[float | None]

    @property
    def numeric(self) -> bool:
        return bool(self.cells) and all(v is not None for v in self.numbers)

    @property
    def values(self) -> list[float]:
        return [v for v in self.numbers if v is not None]

    @property
    def whole(self) -> bool:
        return self.numeric and all(float(v).is_integer() and v >= 0 for v in self.values)

    @property
    def phase(self) -> bool:
        words = {c.strip().lower() for c in self.cells}
        return (
            len(words) == 2 and words <= (AFTER_WORDS | BEFORE_WORDS) and bool(words & AFTER_WORDS)
        )

    @property
    def time(self) -> bool:
        if TIME_WORDS.search(self.header or ""):
            return True
        return sum(bool(TIME_WORDS.search(c.strip())) for c in self.cells) >= 0.8 * len(self.cells)

    @property
    def unique(self) -> bool:
        return len(set(self.cells)) == len(self.cells)


def _number(text: str) -> float | None:
    try:
        return parse_number(text)
    except ValueError:
        return None


def _columns(text: str) -> list[_Column]:
    rows = [r for r in split_paste(text) if any(c.strip() for c in r)]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    rows = [[c.strip() for c in r] + [""] * (width - len(r)) for r in rows]
    # Drop columns blank everywhere (a trailing tab).
    keep = [j for j in range(width) if any(r[j] for r in rows)]
    rows = [[r[j] for j in keep] for r in rows]
    header = [""] * len(keep)
    body = rows
    # A first row with text where the rest of its column is numbers is a header row; so is a
    # first row that names the columns of an all-text block ("Kategori", "Hari").
    first, rest = rows[0], rows[1:]
    if rest:
        numeric_below = [
            all(_number(r[j]) is not None for r in rest if r[j]) for j in range(len(keep))
        ]
        if any(
            _number(first[j]) is None and numeric_below[j] and any(r[j] for r in rest)
            for j in range(len(keep))
        ) or (
            not any(numeric_below)
            and all(first[j] and first[j] not in {r[j] for r in rest} for j in range(len(keep)))
            and len(rest) >= 2
            and any(HEADER_WORDS.match(c) for c in first)
        ):
            header, body = first, rest
    columns = []
    for j, name in enumerate(header):
        cells = [r[j] for r in body if r[j]]
        columns.append(_Column(name, cells, [_number(c) for c in cells]))
    return columns


def _few_points(n: int) -> str:
    return _(
        "Baru %(n)d titik: batas kendali sebaiknya dihitung dari sedikitnya %(min)d titik; "
        "anggap batas ini sementara dan hitung ulang bila data bertambah."
    ) % {"n": n, "min": MIN_POINTS_FOR_LIMITS}


def _normality_note(values: list[float]) -> str | None:
    """A note when measurements are clearly not normal (Shapiro-Wilk p < 0,01)."""
    if len(values) < 8 or len(set(values)) < 3:
        return None
    try:
        result = stats.histogram(values)
    except stats.StatsInputError:
        return None
    p = result.shapiro_p
    if p is None or p >= 0.01:
        return None
    return _(
        "Data tampak jelas tidak normal (uji Shapiro-Wilk p = %(p)s): indeks kapabilitas "
        "Cp/Cpk dan batas berbasis sebaran normal dapat menyesatkan; lihat bentuknya di "
        "histogram dulu."
    ) % {"p": f"{p:.3f}".replace(".", ",")}


def _measure_of(header: str, whole: bool) -> str:
    """What a Pareto adds up, from its column's header: "Rp", "menit" or "kejadian"."""
    if MONEY_WORDS.search(header):
        return "Rp"
    if MINUTE_WORDS.search(header):
        return "menit"
    return "kejadian" if whole else ""


def suggest(text: str) -> Suggestion:
    """Propose a tool and chart for a pasted block of cells (see the module docstring)."""
    columns = _columns(text)
    if not columns or not any(c.cells for c in columns):
        return Suggestion(
            "", {}, _("Tempelkan data dulu: salin sel dari Excel, lalu tempel di sini.")
        )
    phase = next((c for c in columns if c.phase), None)
    rest = [c for c in columns if c is not phase]
    numbers = [c for c in rest if c.numeric]
    texts = [c for c in rest if not c.numeric]
    n = max(len(c.cells) for c in columns)

    def column_rows(*cols: _Column | None) -> list[list[str]]:
        return [
            [c.cells[i] if c is not None and i < len(c.cells) else "" for c in cols]
            for i in range(n)
        ]

    # --- no numbers at all: records to count --------------------------------------------
    if not numbers:
        if phase is not None and not texts:
            return Suggestion(
                "",
                {},
                _("Hanya ada kolom sebelum/sesudah; tambahkan kolom nilai atau kategorinya."),
            )
        kind = texts[0]
        where = texts[1] if len(texts) > 1 else None
        counted = Counter(
            zip(kind.cells, where.cells if where else [""] * len(kind.cells), strict=False)
        )
        rows = [[k, w or _("Semua"), str(v)] for (k, w), v in counted.items()]
        return Suggestion(
            "check_sheet",
            {},
            _(
                "data berupa catatan kejadian satu per baris, tanpa angka → lembar periksa "
                "untuk menghitung berapa kali tiap jenis terjadi"
            ),
            rows=rows,
        )

    # --- only numbers ----------------------------------------------------------------------
    if not texts:
        if len(numbers) == 1:
            values = numbers[0]
            if phase is not None:
                return _control_with_phase(values, phase, None, column_rows)
            notes = [m for m in (_normality_note(values.values),) if m]
            if values.whole and len(set(values.values)) <= 12:
                notes.append(
                    _(
                        "Nilainya bilangan bulat dengan sedikit variasi: histogram memakai "
                        "kelas selebar satu; bila nilai berurutan menurut waktu, peta c atau "
                        "peta individu menunjukkan kestabilannya."
                    )
                )
            else:
                notes.append(
                    _(
                        "Bila nilai berurutan menurut waktu, peta kendali individu (I-MR) "
                        "menunjukkan apakah prosesnya stabil."
                    )
                )
            if n < 20:
                notes.append(
                    _("Baru %(n)d nilai: bentuk sebaran baru terbaca dari sedikitnya 20–30 nilai.")
                    % {"n": n}
                )
            return Suggestion(
                "histogram",
                {},
                _("data berupa satu kolom hasil pengukuran → histogram untuk melihat sebarannya"),
                tuple(notes),
                column_rows(values),
            )
        first, second = numbers[0], numbers[1]
        if _sizes_beside(first, second):
            return _attribute(None, first, second, phase, column_rows)
        return Suggestion(
            "scatter",
            {},
            _(
                "data berupa dua kolom angka berpasangan → diagram tebar untuk melihat "
                "hubungan %(x)s dengan %(y)s"
            )
            % {"x": first.header or "X", "y": second.header or "Y"},
            (_("Hubungan pada diagram tebar belum tentu sebab-akibat."),),
            column_rows(first, second),
        )

    # --- labels and numbers ----------------------------------------------------------------
    label, values = texts[0], numbers[0]
    size = numbers[1] if len(numbers) > 1 and _sizes_beside(values, numbers[1]) else None
    if label.time or (phase is not None and label.unique):
        if size is not None:
            return _attribute(label, values, size, phase, column_rows)
        if not label.unique and not phase:
            per = Counter(label.cells)
            width = max(per.values())
            chart = "xbar" if width <= 10 else "S"
            reason = _(
                "data berupa beberapa pengukuran pada setiap %(what)s (subgrup %(k)d nilai) → "
                "peta X-bar dan R"
                if chart == "xbar"
                else "data berupa banyak pengukuran pada setiap %(what)s (subgrup %(k)d nilai) → "
                "peta X-bar dan S"
            ) % {"what": (label.header or _("periode")).lower(), "k": width}
            notes = [_few_points(len(per))] if len(per) < MIN_POINTS_FOR_LIMITS else []
            rows = [
                [lab, v, lab, "", ""] for lab, v in zip(label.cells, values.cells, strict=False)
            ]
            return Suggestion("control_chart", {"chart": chart}, reason, tuple(notes), rows)
        if phase is not None:
            return _control_with_phase(values, phase, label, column_rows)
        if (
            values.whole
            and not MINUTE_WORDS.search(values.header)
            and not MONEY_WORDS.search(values.header)
        ):
            notes = [_few_points(n)] if n < MIN_POINTS_FOR_LIMITS else []
            return Suggestion(
                "control_chart",
                {"chart": "c"},
                _("data berupa jumlah kejadian per %(what)s tanpa ukuran sampel → peta c")
                % {"what": (label.header or _("periode")).lower()},
                tuple(notes),
                [[lab, v, "", "", ""] for lab, v in zip(label.cells, values.cells, strict=False)],
            )
        notes = [m for m in (_normality_note(values.values),) if m]
        if n < MIN_POINTS_FOR_LIMITS:
            notes.append(_few_points(n))
        return Suggestion(
            "control_chart",
            {"chart": "individuals"},
            _("data berupa satu hasil pengukuran per %(what)s, berurutan → peta individu (I-MR)")
            % {"what": (label.header or _("pengamatan")).lower()},
            tuple(notes),
            [[lab, v, "", "", ""] for lab, v in zip(label.cells, values.cells, strict=False)],
        )
    if label.unique or phase is not None:
        measure = _measure_of(values.header, values.whole)
        options = {"unit": measure} if measure and measure != "kejadian" else {}
        notes = []
        if measure in ("Rp", "menit"):
            notes.append(
                _(
                    "Pareto ini menjumlahkan %(what)s, bukan banyaknya kejadian: urutannya "
                    "menunjukkan ke mana %(what)s terbanyak pergi, bukan yang paling sering."
                )
                % {"what": _("rupiah") if measure == "Rp" else _("waktu")}
            )
        rows = column_rows(label, values, phase)
        if phase is not None:
            return Suggestion(
                "pareto",
                options,
                _(
                    "data berupa jumlah per kategori sebelum dan sesudah perbaikan → dua "
                    "diagram Pareto berdampingan"
                ),
                tuple(notes),
                rows,
            )
        return Suggestion(
            "pareto",
            options,
            _("data berupa jumlah per kategori → diagram Pareto untuk menemukan yang paling besar"),
            tuple(notes),
            rows,
        )
    groups = Counter(label.cells)
    notes = []
    if min(groups.values()) < 5:
        notes.append(
            _("Beberapa kelompok baru punya kurang dari 5 nilai: perbandingannya belum kuat.")
        )
    return Suggestion(
        "stratification",
        {},
        _(
            "data berupa hasil pengukuran yang berulang untuk setiap %(what)s → stratifikasi "
            "untuk membandingkan kelompok"
        )
        % {"what": (label.header or _("kelompok")).lower()},
        tuple(notes),
        [[v, lab] for lab, v in zip(label.cells, values.cells, strict=False)],
    )


def _sizes_beside(counts: _Column, sizes: _Column) -> bool:
    """Whether ``sizes`` reads as the sample size of each count beside it."""
    if not (counts.whole and sizes.whole) or len(counts.values) != len(sizes.values):
        return False
    at_most = all(c <= s for c, s in zip(counts.values, sizes.values, strict=True))
    return at_most and (bool(SIZE_WORDS.search(sizes.header)) or not sizes.header)


def _attribute(
    label: _Column | None,
    counts: _Column,
    sizes: _Column,
    phase: _Column | None,
    column_rows: Any,
) -> Suggestion:
    equal = len(set(sizes.values)) == 1
    chart = "np" if equal else "p"
    what = (label.header if label is not None and label.header else _("periode")).lower()
    reason = (
        _(
            "data berupa jumlah berkas salah per %(what)s dengan jumlah berkas yang sama "
            "setiap kali → peta np"
        )
        if equal
        else _(
            "data berupa jumlah berkas salah per %(what)s dengan jumlah berkas berbeda-beda "
            "→ peta p"
        )
    ) % {"what": what}
    n = len(counts.cells)
    notes = [_few_points(n)] if n < MIN_POINTS_FOR_LIMITS else []
    rows = [
        [
            label.cells[i] if label is not None else "",
            counts.cells[i],
            "",
            sizes.cells[i],
            phase.cells[i] if phase is not None else "",
        ]
        for i in range(n)
    ]
    return Suggestion("control_chart", {"chart": chart}, reason, tuple(notes), rows)


def _control_with_phase(
    values: _Column, phase: _Column, label: _Column | None, column_rows: Sequence[Any] | Any
) -> Suggestion:
    before = sum(c.strip().lower() not in AFTER_WORDS for c in phase.cells)
    notes = [_few_points(before)] if before < MIN_POINTS_FOR_LIMITS else []
    chart = "c" if values.whole and not MINUTE_WORDS.search(values.header) else "individuals"
    rows = [
        [label.cells[i] if label is not None else "", values.cells[i], "", "", phase.cells[i]]
        for i in range(len(values.cells))
    ]
    return Suggestion(
        "control_chart",
        {"chart": chart},
        _(
            "data berupa hasil pengukuran sebelum dan sesudah perbaikan → peta kendali dengan "
            "fase: batas dari data sebelum, data sesudah dinilai terhadapnya"
        ),
        tuple(notes),
        rows,
    )
