"""Tables drawn as images: the USG/CARL/MEER scoring matrix and the 5W1H/5W2H action plan."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from tulta.charts.base import PAD, PALE, WIDTH, Canvas, ChartInputError
from tulta.charts.format import capitalized, integer, join, quoted, value
from tulta.charts.output import Chart, make_chart
from tulta.charts.table import Column, Table
from tulta.stats import METHODS, Scoring

__all__ = ["PLAN_FIELDS", "action_plan", "scoring_matrix"]

#: Light orange for the first-ranked rows (with bold text, so it reads in black and white).
FIRST = "#FBE3B0"
_METHOD_NAMES = {"usg": "USG", "carl": "CARL", "meer": "MEER"}


def _table_chart(kind: str, title: str, table: Table, reading: str, alt: str) -> Chart:
    for size in (table.size, 7.5, 7.0, 6.5):
        table.size = size
        if table.minimum_width() <= WIDTH - 2 * PAD:
            break
    table.layout(WIDTH - 2 * PAD)

    def build() -> Canvas:
        probe = Canvas(WIDTH, 10)
        above = 10 - probe.title(title)
        c = Canvas(WIDTH, above + table.height() + PAD + 2)
        table.draw(c, PAD, c.title(title) - 2)
        return c

    return make_chart(kind, title=title, reading=reading, alt=alt, builder=build)


def scoring_matrix(
    result: Scoring,
    *,
    members: Mapping[str, Scoring] | None = None,
    title: str | None = None,
    item: str = "masalah",
) -> Chart:
    """Draw a ranked scoring table from :func:`tulta.stats.score`.

    Without ``members``: one column per criterion (the full Indonesian label), the total and
    the rank. With ``members`` (each member's own Scoring of the same items): one column per
    member with that member's total, then the group total and rank from ``result``. Rows are in
    rank order; the first rank is bold on light orange.

    Raises:
        ChartInputError: not a Scoring, or a member's Scoring that lacks an item of ``result``.
    """
    if not isinstance(result, Scoring):
        raise ChartInputError("invalid_input", "Data penilaian harus hasil tulta.stats.score.")
    method = METHODS[result.method]
    name = _METHOD_NAMES[result.method]
    title = title or f"Matriks {name}: prioritas {item}"
    combine = "jumlah" if result.aggregate == "sum" else "hasil kali"
    columns = [Column("Peringkat", "center"), Column(capitalized(item), grow=True)]
    rows: list[list[str]] = []
    if members:
        for who, scoring in members.items():
            if not isinstance(scoring, Scoring):
                raise ChartInputError(
                    "invalid_input", f"Penilaian {quoted(str(who))} harus hasil tulta.stats.score."
                )
            columns.append(Column(str(who), "center"))
        totals = {
            who: {it.label: it.total for it in scoring.items} for who, scoring in members.items()
        }
        for who, per_item in totals.items():
            missing = [it.label for it in result.items if it.label not in per_item]
            if missing:
                raise ChartInputError(
                    "missing_item",
                    f"Penilaian {quoted(str(who))} belum berisi {item} {quoted(missing[0])}.",
                    member=who,
                )
        for it in result.items:
            rows.append(
                [
                    str(it.rank),
                    it.label,
                    *(value(totals[w][it.label]) for w in totals),
                    value(it.total),
                ]
            )
    else:
        # the English name only ("Urgency"); the Indonesian gloss would make columns too wide
        columns += [Column(label.split(" (")[0], "center") for label in method.labels]
        for it in result.items:
            rows.append([str(it.rank), it.label, *(value(s) for s in it.scores), value(it.total)])
    columns.append(Column(f"Total ({combine})", "center"))
    fills = {(r, -1): FIRST for r, it in enumerate(result.items) if it.rank == 1}
    bold = {r for r, it in enumerate(result.items) if it.rank == 1}
    table = Table(columns, rows, size=8.5, fills=fills, bold=bold)
    reading = _scoring_reading(result, item, name)
    alt = (
        f"{title}. "
        + "; ".join(
            f"peringkat {it.rank}: {it.label}, total {value(it.total)}" for it in result.items
        )
        + "."
    )
    return _table_chart("scoring_matrix", title, table, reading, alt)


def _scoring_reading(result: Scoring, item: str, name: str) -> str:
    top = result.top
    rest = [it for it in result.items if it.rank != 1][:2]
    if len(top) == 1:
        first = top[0]
        text = (
            f"Prioritas pertama menurut {name}: {quoted(first.label)} (total {value(first.total)})."
        )
    else:
        names = join([quoted(it.label) for it in top])
        text = (
            f"{len(top)} {item} sama-sama di peringkat pertama (total {value(top[0].total)}): "
            f"{names}."
        )
    if rest:
        text += (
            " Berikutnya " + join([f"{quoted(it.label)} ({value(it.total)})" for it in rest]) + "."
        )
    return text


#: The fields of a 5W1H/5W2H row: (key, header, accepted keys).
PLAN_FIELDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("what", "Apa (What)", ("what", "apa")),
    ("why", "Mengapa (Why)", ("why", "mengapa")),
    ("where", "Di mana (Where)", ("where", "di mana", "dimana")),
    ("when", "Kapan (When)", ("when", "kapan")),
    ("who", "Siapa (Who)", ("who", "siapa")),
    ("how", "Bagaimana (How)", ("how", "bagaimana")),
    ("how_much", "Berapa biaya (How much)", ("how_much", "how much", "berapa", "biaya")),
)


def _plan_value(raw: object) -> str:
    if raw is None:
        return ""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if not math.isfinite(float(raw)) or raw < 0:
            raise ChartInputError("not_a_number", f"Biaya harus angka tidak negatif: {raw!r}.")
        return f"Rp {integer(raw)}"
    return str(raw).strip()


def action_plan(rows: Sequence[Mapping[str, object]], *, title: str | None = None) -> Chart:
    """Draw a 5W1H action plan table (5W2H when any row has "how much").

    Args:
        rows: one mapping per action with the keys what, why, where, when, who, how and
            optionally how_much (Indonesian keys apa, mengapa, di mana, kapan, siapa, bagaimana,
            biaya are accepted too; case-insensitive). A number as how_much is written as
            rupiah ("Rp 1.250.000").

    Raises:
        ChartInputError: no rows, a row that is not a mapping, a row without "what", an
            unknown key.
    """
    if not rows:
        raise ChartInputError("empty_data", "Rencana perbaikan (5W1H) masih kosong.")
    known = {alias: key for key, _, aliases in PLAN_FIELDS for alias in aliases}
    parsed: list[dict[str, str]] = []
    for i, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise ChartInputError(
                "invalid_input", f"Baris ke-{i + 1} rencana perbaikan tidak valid.", index=i
            )
        out: dict[str, str] = {}
        for raw_key, raw in row.items():
            key = known.get(str(raw_key).strip().lower())
            if key is None:
                raise ChartInputError(
                    "unknown_field",
                    f"Kolom {quoted(str(raw_key))} pada baris ke-{i + 1} tidak dikenal.",
                    index=i,
                )
            out[key] = _plan_value(raw)
        if not out.get("what"):
            raise ChartInputError(
                "empty_text", f"Kolom “Apa” pada baris ke-{i + 1} masih kosong.", index=i
            )
        parsed.append(out)
    with_cost = any(r.get("how_much") for r in parsed)
    fields = [f for f in PLAN_FIELDS if f[0] != "how_much" or with_cost]
    title = title or ("Rencana perbaikan 5W2H" if with_cost else "Rencana perbaikan 5W1H")
    columns = [Column("No", "right")] + [Column(header, grow=True) for _, header, _ in fields]
    body = [
        [str(i + 1)] + [r.get(key, "") or "–" for key, _, _ in fields] for i, r in enumerate(parsed)
    ]
    table = Table(columns, body, size=8.0, fills={(r, -1): PALE for r in range(1, len(body), 2)})
    who = sorted({r["who"] for r in parsed if r.get("who")})
    reading = f"Rencana perbaikan berisi {len(parsed)} tindakan"
    reading += f" dengan {len(who)} penanggung jawab ({join(who)})." if who else "."
    missing = [i + 1 for i, r in enumerate(parsed) if not r.get("who") or not r.get("when")]
    if missing:
        reading += (
            f" Tindakan nomor {join([str(i) for i in missing])} belum lengkap: isi kapan dan siapa."
        )
    alt = f"{title}. " + " ".join(
        f"{i + 1}. {r['what']}"
        + (f" ({r['who']}, {r['when']})" if r.get("who") and r.get("when") else "")
        + "."
        for i, r in enumerate(parsed)
    )
    return _table_chart("action_plan", title, table, reading, alt)
