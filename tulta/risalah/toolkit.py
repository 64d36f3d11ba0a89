"""What each tool's grid holds and how its numbers are computed (with ``tulta.stats``).

``TOOL_SPECS[code]`` gives the grid's columns and options; :func:`compute` turns a parsed grid
into the ``tulta.stats`` result the chart is drawn from, or raises :class:`ToolDataError` with an
Indonesian message saying what is missing (too few rows, one category only, ...).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tulta import stats

from .grids import CATEGORY, DATE, INTEGER, NUMBER, TEXT, Column, ParsedGrid
from .tools import TOOL_LABELS


class ToolDataError(ValueError):
    """The data is valid cell by cell but not enough for this tool."""


@dataclass(frozen=True)
class Option:
    key: str
    label: Any
    kind: str = "text"  # text | number | choice
    choices: tuple[tuple[str, Any], ...] = ()
    default: Any = ""


@dataclass(frozen=True)
class ToolSpec:
    code: str
    columns: tuple[Column, ...]
    min_rows: int = 1
    options: tuple[Option, ...] = ()
    example: tuple[tuple[str, ...], ...] = field(default=())

    @property
    def label(self) -> str:
        return str(TOOL_LABELS[self.code])


def _score_columns(item: Any, criteria: tuple[tuple[str, str], ...]) -> tuple[Column, ...]:
    return (
        Column("item", item, CATEGORY),
        Column("anggota", gettext_lazy("Anggota penilai"), TEXT, required=False),
        *(Column(key, label, INTEGER, minimum=1, maximum=5) for key, label in criteria),
    )


CONTROL_CHARTS = (
    ("individuals", gettext_lazy("Individu (I-MR): satu nilai per pengamatan")),
    ("xbar", gettext_lazy("X-bar: rata-rata per subgrup")),
    ("R", gettext_lazy("R: rentang per subgrup")),
    ("S", gettext_lazy("S: simpangan baku per subgrup")),
    ("p", gettext_lazy("p: proporsi cacat")),
    ("np", gettext_lazy("np: jumlah cacat, ukuran tetap")),
    ("c", gettext_lazy("c: jumlah cacat per unit")),
    ("u", gettext_lazy("u: cacat per satuan, ukuran berbeda")),
)

TOOL_SPECS: dict[str, ToolSpec] = {
    spec.code: spec
    for spec in (
        ToolSpec(
            "brainstorming",
            (
                Column("ide", gettext_lazy("Ide / masalah"), TEXT),
                Column("kategori", gettext_lazy("Kelompok"), CATEGORY, required=False),
                Column("pengusul", gettext_lazy("Pengusul"), TEXT, required=False),
            ),
            example=(("Antrean panjang pagi hari", "Pelayanan", "Siti"),),
        ),
        ToolSpec(
            "usg",
            _score_columns(
                gettext_lazy("Masalah"),
                (("urgency", "Urgency"), ("seriousness", "Seriousness"), ("growth", "Growth")),
            ),
            options=(
                Option(
                    "aggregate",
                    gettext_lazy("Cara menjumlah"),
                    "choice",
                    (("sum", gettext_lazy("dijumlah")), ("product", gettext_lazy("dikalikan"))),
                    "sum",
                ),
            ),
            example=(("Antrean KTP-el", "Siti", "5", "4", "4"),),
        ),
        ToolSpec(
            "carl",
            _score_columns(
                gettext_lazy("Penyebab"),
                (
                    ("capability", "Capability"),
                    ("accessibility", "Accessibility"),
                    ("readiness", "Readiness"),
                    ("leverage", "Leverage"),
                ),
            ),
            options=(
                Option(
                    "aggregate",
                    gettext_lazy("Cara menjumlah"),
                    "choice",
                    (("product", gettext_lazy("dikalikan")), ("sum", gettext_lazy("dijumlah"))),
                    "product",
                ),
            ),
        ),
        ToolSpec(
            "meer",
            _score_columns(
                gettext_lazy("Penanggulangan"),
                (
                    ("mudah", "Mudah"),
                    ("efektif", "Efektif"),
                    ("efisien", "Efisien"),
                    ("rasional", "Rasional"),
                ),
            ),
            options=(
                Option(
                    "aggregate",
                    gettext_lazy("Cara menjumlah"),
                    "choice",
                    (("sum", gettext_lazy("dijumlah")), ("product", gettext_lazy("dikalikan"))),
                    "sum",
                ),
            ),
        ),
        ToolSpec(
            "check_sheet",
            (
                Column("kategori", gettext_lazy("Kategori"), CATEGORY),
                Column("kelompok", gettext_lazy("Hari / tempat"), CATEGORY),
                Column("jumlah", gettext_lazy("Jumlah"), INTEGER, minimum=0),
            ),
            example=(("Berkas kurang", "Senin", "12"),),
        ),
        ToolSpec(
            "stratification",
            (
                Column("nilai", gettext_lazy("Nilai"), NUMBER),
                Column("faktor", gettext_lazy("Faktor (strata)"), CATEGORY),
            ),
            min_rows=4,
            options=(Option("unit", gettext_lazy("Satuan nilai"), "text", (), ""),),
            example=(("42", "Loket 1"),),
        ),
        ToolSpec(
            "pareto",
            (
                Column("kategori", gettext_lazy("Kategori"), CATEGORY),
                Column("jumlah", gettext_lazy("Jumlah"), NUMBER, minimum=0),
                Column(
                    "periode",
                    gettext_lazy("Periode (sebelum/sesudah)"),
                    CATEGORY,
                    required=False,
                ),
            ),
            min_rows=2,
            options=(
                Option(
                    "other_below",
                    gettext_lazy("Gabungkan kategori di bawah (%) menjadi “Lainnya”"),
                    "number",
                    (),
                    "",
                ),
            ),
            example=(("Berkas kurang", "120", ""),),
        ),
        ToolSpec(
            "fishbone",
            (
                Column("kategori", gettext_lazy("Kategori (6M)"), CATEGORY),
                Column("penyebab", gettext_lazy("Penyebab"), TEXT),
                Column("sub", gettext_lazy("Sub-penyebab"), TEXT, required=False),
            ),
            options=(Option("effect", gettext_lazy("Akibat (masalah)"), "text", (), ""),),
            example=(("Manusia", "Petugas belum terlatih", ""),),
        ),
        ToolSpec(
            "histogram",
            (Column("nilai", gettext_lazy("Nilai"), NUMBER),),
            min_rows=5,
            options=(
                Option("unit", gettext_lazy("Satuan"), "text", (), ""),
                Option("lsl", gettext_lazy("Batas spesifikasi bawah"), "number", (), ""),
                Option("usl", gettext_lazy("Batas spesifikasi atas"), "number", (), ""),
            ),
        ),
        ToolSpec(
            "scatter",
            (
                Column("x", gettext_lazy("X (faktor)"), NUMBER),
                Column("y", gettext_lazy("Y (akibat)"), NUMBER),
            ),
            min_rows=3,
            options=(
                Option("x_label", gettext_lazy("Nama X"), "text", (), ""),
                Option("y_label", gettext_lazy("Nama Y"), "text", (), ""),
            ),
        ),
        ToolSpec(
            "control_chart",
            (
                Column("label", gettext_lazy("Tanggal / label"), TEXT, required=False),
                Column("nilai", gettext_lazy("Nilai / jumlah cacat"), NUMBER),
                Column("subgrup", gettext_lazy("Subgrup"), CATEGORY, required=False),
                Column(
                    "ukuran",
                    gettext_lazy("Ukuran sampel"),
                    NUMBER,
                    required=False,
                    minimum=0,
                ),
                Column("fase", gettext_lazy("Fase (sebelum/sesudah)"), CATEGORY, required=False),
            ),
            min_rows=2,
            options=(
                Option(
                    "chart", gettext_lazy("Jenis peta"), "choice", CONTROL_CHARTS, "individuals"
                ),
                Option("change_label", gettext_lazy("Keterangan perubahan"), "text", (), ""),
                Option("unit", gettext_lazy("Satuan"), "text", (), ""),
            ),
        ),
        ToolSpec(
            "action_plan",
            (
                Column("what", gettext_lazy("What (apa)"), TEXT),
                Column("why", gettext_lazy("Why (mengapa)"), TEXT, required=False),
                Column("where", gettext_lazy("Where (di mana)"), TEXT, required=False),
                Column("when", gettext_lazy("When (kapan)"), TEXT, required=False),
                Column("who", gettext_lazy("Who (siapa)"), TEXT, required=False),
                Column("how", gettext_lazy("How (bagaimana)"), TEXT, required=False),
                Column("how_much", gettext_lazy("How much (biaya)"), TEXT, required=False),
            ),
        ),
        ToolSpec(
            "gantt",
            (
                Column("langkah", gettext_lazy("Langkah / kegiatan"), TEXT),
                Column("rencana", gettext_lazy("Minggu rencana (mis. 1-3)"), TEXT),
                Column("realisasi", gettext_lazy("Minggu realisasi"), TEXT, required=False),
            ),
        ),
        ToolSpec(
            "flowchart",
            (
                Column("id", gettext_lazy("Kode"), CATEGORY),
                Column("teks", gettext_lazy("Teks"), TEXT),
                Column(
                    "jenis",
                    gettext_lazy("Jenis (mulai/langkah/keputusan/selesai)"),
                    CATEGORY,
                ),
                Column("ke", gettext_lazy("Lanjut ke (kode, pisah koma)"), TEXT, required=False),
                Column("label", gettext_lazy("Label panah"), TEXT, required=False),
            ),
            min_rows=2,
        ),
    )
}
DATE_COLUMNS = {c.key for spec in TOOL_SPECS.values() for c in spec.columns if c.type == DATE}


def option_value(spec: ToolSpec, options: dict[str, Any], key: str) -> Any:
    for option in spec.options:
        if option.key == key:
            value = options.get(key, option.default)
            if option.kind == "number":
                if value in ("", None):
                    return None
                return float(value)
            return value
    raise KeyError(key)


def _weeks(text: str, row: int, label: str) -> list[int]:
    weeks: list[int] = []
    for part in re.split(r"[,;]", text or ""):
        part = part.strip()
        if not part:
            continue
        match = re.fullmatch(r"(\d+)\s*(?:-|–|s/d|sampai)\s*(\d+)", part)
        if match:
            a, b = int(match[1]), int(match[2])
            if b < a:
                raise ToolDataError(
                    _("Baris %(row)d, kolom “%(col)s”: minggu akhir sebelum minggu awal.")
                    % {"row": row, "col": label}
                )
            weeks.extend(range(a, b + 1))
        elif part.isdigit():
            weeks.append(int(part))
        else:
            raise ToolDataError(
                _("Baris %(row)d, kolom “%(col)s”: tulis minggu seperti 1-3 atau 2, 4.")
                % {"row": row, "col": label}
            )
    return weeks


def _scores(parsed: ParsedGrid, spec: ToolSpec) -> dict[str, dict[str, float]]:
    criteria = [c.key for c in spec.columns[2:]]
    items: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()
    for row in parsed.rows:
        items.setdefault(row["item"], []).append(row)
    # Several members may score one item: their scores are averaged per criterion.
    return {
        item: {k: sum(r[k] for r in rows) / len(rows) for k in criteria}
        for item, rows in items.items()
    }


def _split_phases(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    after_words = {"sesudah", "setelah", "after", "2", "ii", "fase 2"}
    before = [r for r in rows if str(r.get("fase") or "").strip().lower() not in after_words]
    after = [r for r in rows if str(r.get("fase") or "").strip().lower() in after_words]
    if after and before and rows.index(after[0]) < rows.index(before[-1]):
        raise ToolDataError(_("Baris “sesudah” harus berada setelah semua baris “sebelum”."))
    return before, after


def _control(parsed: ParsedGrid, options: dict[str, Any], spec: ToolSpec) -> Any:
    chart = option_value(spec, options, "chart") or "individuals"
    before, after = _split_phases(parsed.rows)
    if chart in ("xbar", "R", "S"):

        def groups(rows: list[dict[str, Any]]) -> list[list[float]]:
            ordered: OrderedDict[str, list[float]] = OrderedDict()
            for row in rows:
                if not row.get("subgrup"):
                    raise ToolDataError(
                        _("Baris %(row)d: isi kolom Subgrup untuk peta %(chart)s.")
                        % {"row": row["_row"], "chart": chart}
                    )
                ordered.setdefault(str(row["subgrup"]), []).append(row["nilai"])
            width = max((len(v) for v in ordered.values()), default=0)
            return [v + [float("nan")] * (width - len(v)) for v in ordered.values()]

        data, new = groups(before), groups(after) if after else None
        if new is not None and data:
            width = max(len(data[0]), len(new[0]))
            data = [r + [float("nan")] * (width - len(r)) for r in data]
            new = [r + [float("nan")] * (width - len(r)) for r in new]
        return stats.control_chart(data, chart, newdata=new)
    values = [r["nilai"] for r in before]
    new_values = [r["nilai"] for r in after] or None
    if chart in ("p", "np", "u"):
        missing = [r["_row"] for r in parsed.rows if not r.get("ukuran")]
        if missing:
            raise ToolDataError(
                _("Baris %(rows)s: isi kolom Ukuran sampel untuk peta %(chart)s.")
                % {"rows": ", ".join(str(n) for n in missing[:10]), "chart": chart}
            )
        sizes = [r["ukuran"] for r in before]
        new_sizes = [r["ukuran"] for r in after] or None
        return stats.control_chart(
            values, chart, sizes=sizes, newdata=new_values, newsizes=new_sizes
        )
    return stats.control_chart(values, chart, newdata=new_values)


def compute(code: str, parsed: ParsedGrid, options: dict[str, Any]) -> Any:
    """The ``tulta.stats`` result (or plain data, for drawing-only tools) for a clean grid.

    Raises ToolDataError or tulta.stats.StatsInputError (both ValueError) with Indonesian text.
    """
    spec = TOOL_SPECS[code]
    if len(parsed.rows) < spec.min_rows:
        raise ToolDataError(
            _("%(tool)s memerlukan sedikitnya %(n)d baris data; baru ada %(have)d.")
            % {"tool": spec.label, "n": spec.min_rows, "have": len(parsed.rows)}
        )
    rows = parsed.rows
    builders: dict[str, Callable[[], Any]] = {
        "brainstorming": lambda: [
            {"text": r["ide"], "category": r.get("kategori"), "author": r.get("pengusul")}
            for r in rows
        ],
        "usg": lambda: stats.score(
            _scores(parsed, spec), "usg", aggregate=option_value(spec, options, "aggregate")
        ),
        "carl": lambda: stats.score(
            _scores(parsed, spec), "carl", aggregate=option_value(spec, options, "aggregate")
        ),
        "meer": lambda: stats.score(
            _scores(parsed, spec), "meer", aggregate=option_value(spec, options, "aggregate")
        ),
        "check_sheet": lambda: stats.tally(
            [
                {"kategori": r["kategori"], "kelompok": r["kelompok"], "n": r["jumlah"]}
                for r in rows
            ],
            by=["kategori", "kelompok"],
            weight="n",
        ),
        "stratification": lambda: stats.stratify(
            [r["nilai"] for r in rows], [r["faktor"] for r in rows]
        ),
        "pareto": lambda: _pareto(parsed, spec, options),
        "fishbone": lambda: _fishbone(parsed, spec, options),
        "histogram": lambda: stats.histogram([r["nilai"] for r in rows]),
        "scatter": lambda: {
            "x": [r["x"] for r in rows],
            "y": [r["y"] for r in rows],
            "result": stats.scatter([r["x"] for r in rows], [r["y"] for r in rows]),
        },
        "control_chart": lambda: _control(parsed, options, spec),
        "action_plan": lambda: [{c.key: r.get(c.key) or "" for c in spec.columns} for r in rows],
        "gantt": lambda: [
            {
                "step": r["langkah"],
                "planned": _weeks(r["rencana"], r["_row"], str(spec.columns[1].label)),
                "actual": _weeks(r.get("realisasi") or "", r["_row"], str(spec.columns[2].label)),
            }
            for r in rows
        ],
        "flowchart": lambda: _flowchart(parsed),
    }
    return builders[code]()


def _pareto(parsed: ParsedGrid, spec: ToolSpec, options: dict[str, Any]) -> Any:
    other_below = option_value(spec, options, "other_below")
    before, after = _split_phases([{**r, "fase": r.get("periode")} for r in parsed.rows])

    def one(rows: list[dict[str, Any]]) -> Any:
        totals: OrderedDict[str, float] = OrderedDict()
        for r in rows:
            totals[r["kategori"]] = totals.get(r["kategori"], 0.0) + r["jumlah"]
        return stats.pareto(list(totals), list(totals.values()), other_below=other_below)

    if after:
        return {"before": one(before), "after": one(after)}
    return one(parsed.rows)


def _fishbone(parsed: ParsedGrid, spec: ToolSpec, options: dict[str, Any]) -> dict[str, Any]:
    categories: OrderedDict[str, OrderedDict[str, list[str]]] = OrderedDict()
    for r in parsed.rows:
        causes = categories.setdefault(r["kategori"], OrderedDict())
        subs = causes.setdefault(r["penyebab"], [])
        if r.get("sub"):
            subs.append(r["sub"])
    return {
        "effect": option_value(spec, options, "effect") or _("Masalah"),
        "categories": [
            {"name": name, "causes": [{"text": t, "sub": s} for t, s in causes.items()]}
            for name, causes in categories.items()
        ],
    }


KINDS = {"mulai": "start", "start": "start", "langkah": "step", "proses": "step",
         "step": "step", "keputusan": "decision", "decision": "decision", "selesai": "end",
         "end": "end"}  # fmt: skip


def _flowchart(parsed: ParsedGrid) -> dict[str, Any]:
    ids = [str(r["id"]) for r in parsed.rows]
    nodes, edges = [], []
    for r in parsed.rows:
        kind = KINDS.get(str(r["jenis"]).strip().lower())
        if kind is None:
            raise ToolDataError(
                _("Baris %(row)d, kolom Jenis: “%(v)s” bukan mulai, langkah, keputusan, selesai.")
                % {"row": r["_row"], "v": r["jenis"]}
            )
        nodes.append({"id": str(r["id"]), "text": r["teks"], "kind": kind})
        for target in [t.strip() for t in str(r.get("ke") or "").split(",") if t.strip()]:
            if target not in ids:
                raise ToolDataError(
                    _("Baris %(row)d: kode tujuan “%(t)s” tidak ada di kolom Kode.")
                    % {"row": r["_row"], "t": target}
                )
            edges.append({"from": str(r["id"]), "to": target, "label": r.get("label") or ""})
    return {"nodes": nodes, "edges": edges}
