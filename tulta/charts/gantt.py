"""Gantt chart of planned vs actual weeks per step (jadwal rencana dan realisasi).

Each step is a row: the plan is an outlined, hatched bar in the upper half, the actual weeks a
solid blue bar in the lower half (so they differ in black and white too); runs of consecutive
weeks are drawn as one bar. Week numbers head the columns (or given labels, turned upright
when they do not fit).
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tulta.charts.base import (
    BLUE,
    GREY,
    INK,
    LIGHT,
    PAD,
    PALE,
    SMALL_SIZE,
    WHITE,
    WIDTH,
    Canvas,
    ChartInputError,
    legend,
)
from tulta.charts.format import join, quoted
from tulta.charts.output import Chart, make_chart
from tulta.charts.text import fit, text_height, text_width
from tulta.charts.validate import text

__all__ = ["gantt"]

MAX_WEEKS = 104
PLAN: dict[str, object] = {"fill": WHITE, "hatch": "////", "edge": INK}
ACTUAL: dict[str, object] = {"fill": BLUE, "edge": INK}


LEADING_NUMBER = re.compile(r"^\s*\d+\s*[.)]\s*")


@dataclass(frozen=True)
class _Step:
    name: str
    planned: tuple[int, ...]
    actual: tuple[int, ...]


def _weeks(raw: object, where: str, index: int) -> tuple[int, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str | bytes) or not isinstance(raw, Sequence):
        raise ChartInputError(
            "invalid_input", f"Minggu {where} harus berupa daftar nomor minggu.", index=index
        )
    out = set()
    for w in raw:
        if (
            isinstance(w, bool)
            or not isinstance(w, numbers.Integral)
            or not 1 <= int(w) <= MAX_WEEKS
        ):
            raise ChartInputError(
                "invalid_week",
                f"Minggu {where} harus bilangan bulat 1 sampai {MAX_WEEKS}: {w!r}.",
                index=index,
            )
        out.add(int(w))
    return tuple(sorted(out))


def _steps(steps: Sequence[Mapping[str, object]]) -> list[_Step]:
    if isinstance(steps, str | bytes) or not isinstance(steps, Sequence) or not steps:
        raise ChartInputError("empty_data", "Jadwal kegiatan masih kosong.")
    out = []
    for i, row in enumerate(steps):
        if not isinstance(row, Mapping):
            raise ChartInputError("invalid_input", f"Baris ke-{i + 1} jadwal tidak valid.", index=i)
        name = text(row.get("step"), where=f"nama langkah ke-{i + 1}", index=i)
        name = LEADING_NUMBER.sub("", name) or name  # "1. Survei" is numbered by the chart
        out.append(
            _Step(
                name,
                _weeks(row.get("planned"), f"rencana langkah ke-{i + 1}", i),
                _weeks(row.get("actual"), f"realisasi langkah ke-{i + 1}", i),
            )
        )
    if not any(s.planned or s.actual for s in out):
        raise ChartInputError("empty_data", "Belum ada minggu rencana atau realisasi pada jadwal.")
    return out


def _runs(weeks: tuple[int, ...]) -> list[tuple[int, int]]:
    """Consecutive weeks merged: (1, 2, 3, 5) -> [(1, 3), (5, 5)]."""
    runs: list[tuple[int, int]] = []
    for w in weeks:
        if runs and w == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], w)
        else:
            runs.append((w, w))
    return runs


def numbered_name(number: int, name: str) -> str:
    """ "1. Survei loket": the row's number before its name (typed numbers are taken off the
    names when the steps are read, so the number shows once, never "1. 1.")."""
    return f"{number}. {name}"


def gantt(
    steps: Sequence[Mapping[str, object]],
    *,
    title: str | None = None,
    week_labels: Sequence[str] | None = None,
) -> Chart:
    """Draw planned vs actual weeks per step.

    Args:
        steps: rows ``{"step": name, "planned": [week numbers], "actual": [week numbers]}``
            (weeks counted from 1; either list may be empty or missing).
        week_labels: a label per week column (e.g. "Mar 1"), default the week numbers.

    Raises:
        ChartInputError: no steps, an empty step name, a week that is not a whole number from
            1 to 104, no week at all.
    """
    rows = _steps(steps)
    n_weeks = max(max(s.planned + s.actual, default=0) for s in rows)
    if week_labels is not None:
        n_weeks = max(n_weeks, len(week_labels))
    labels = [str(v) for v in week_labels] if week_labels is not None else []
    labels += [str(k) for k in range(len(labels) + 1, n_weeks + 1)]
    title = title or "Jadwal kegiatan: rencana dan realisasi"
    size = SMALL_SIZE
    numbered = [numbered_name(i + 1, s.name) for i, s in enumerate(rows)]
    label_w = min(WIDTH * 0.34, max(text_width(n, size) for n in numbered) + 4)
    names = [fit(n, label_w, size, max_lines=3)[0] for n in numbered]
    heights = [max(text_height(len(n), size) + 8, 24.0) for n in names]
    x0 = PAD + label_w + 6
    x1 = WIDTH - PAD
    col = (x1 - x0) / n_weeks
    upright = max(text_width(s, size - 1) for s in labels) + 3 > col
    head_h = (max(text_width(s, size - 1) for s in labels) + 8) if upright else size * 1.8
    items: list[tuple[str, dict[str, object], str]] = [
        ("patch", PLAN, "Rencana"),
        ("patch", ACTUAL, "Realisasi"),
    ]

    def build() -> Canvas:
        probe = Canvas(WIDTH, 10)
        above = 10 - legend(probe, items, x=PAD, top=probe.title(title), width=WIDTH - 2 * PAD)
        c = Canvas(WIDTH, above + head_h + sum(heights) + SMALL_SIZE * 1.8 + PAD + 4)
        top = legend(c, items, x=PAD, top=c.title(title), width=WIDTH - 2 * PAD) - 2
        c.text(
            x0 + (x1 - x0) / 2,
            top - head_h - sum(heights) - 4,
            "Minggu ke-" if week_labels is None else "Minggu",
            size=size,
            ha="center",
            va="top",
            color=GREY,
            role="axis_title",
        )
        for k, label in enumerate(labels):
            cx = x0 + (k + 0.5) * col
            if upright:
                c.text(
                    cx,
                    top - head_h + 4,
                    label,
                    size=size - 1,
                    rotation=90,
                    ha="left",
                    va="center",
                    role="week",
                )
            else:
                c.text(
                    cx,
                    top - head_h / 2,
                    label,
                    size=size - 1,
                    ha="center",
                    va="center_baseline",
                    role="week",
                )
        y = top - head_h
        c.line([PAD, x1], [y, y], color=INK, lw=0.9, zorder=4)
        for i, (step, lines, h) in enumerate(zip(rows, names, heights, strict=True)):
            if i % 2:
                c.rect(PAD, y - h, x1 - PAD, h, fill=PALE, edge=None, zorder=0.2)
            c.text(PAD, y - h / 2, "\n".join(lines), size=size, va="center_baseline", role="step")
            bar = min((h - 8) / 2, 9.0)
            mid = y - h / 2
            for a, b in _runs(step.planned):
                c.rect(
                    x0 + (a - 1) * col + 1,
                    mid + 0.5,
                    (b - a + 1) * col - 2,
                    bar,
                    fill=WHITE,
                    hatch="////",
                    edge=INK,
                    lw=0.7,
                    zorder=2,
                )
            for a, b in _runs(step.actual):
                c.rect(
                    x0 + (a - 1) * col + 1,
                    mid - 0.5 - bar,
                    (b - a + 1) * col - 2,
                    bar,
                    fill=BLUE,
                    edge=INK,
                    lw=0.7,
                    zorder=2,
                )
            y -= h
        c.line([PAD, x1], [y, y], color=INK, lw=0.9, zorder=4)
        for k in range(n_weeks + 1):
            x = x0 + k * col
            c.line([x, x], [y, top - head_h], color=LIGHT, lw=0.5, zorder=0.5)
        return c

    reading = _reading(rows)
    alt = f"{title}. " + " ".join(
        f"Langkah {i + 1} {s.name}: rencana minggu {_week_text(s.planned)}, "
        f"realisasi minggu {_week_text(s.actual)}."
        for i, s in enumerate(rows)
    )
    return make_chart("gantt", title=title, reading=reading, alt=alt, builder=build)


def _week_text(weeks: tuple[int, ...]) -> str:
    if not weeks:
        return "–"
    return ", ".join(f"{a}" if a == b else f"{a}–{b}" for a, b in _runs(weeks))


def _reading(rows: list[_Step]) -> str:
    on_time, late, early, pending = [], [], [], []
    for i, s in enumerate(rows, start=1):
        if not s.actual:
            pending.append(str(i))
        elif not s.planned or max(s.actual) > max(s.planned):
            late.append((i, s, max(s.actual) - max(s.planned) if s.planned else None))
        elif max(s.actual) < max(s.planned):
            early.append(str(i))
        else:
            on_time.append(str(i))
    done = len(rows) - len(pending)
    text_ = (
        f"{len(on_time) + len(early)} dari {len(rows)} langkah selesai sesuai jadwal atau "
        "lebih cepat."
    )
    if late:
        parts = [
            f"langkah {i} {quoted(s.name)}"
            + (f" ({d} minggu)" if d is not None else " (tidak direncanakan)")
            for i, s, d in late
        ]
        text_ += " Terlambat: " + join(parts) + "."
    if pending:
        text_ += f" Belum dilaksanakan: langkah {join(pending)}."
    if done == 0:
        text_ = "Belum ada langkah yang dilaksanakan."
    return text_
