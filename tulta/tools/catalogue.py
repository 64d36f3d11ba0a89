"""The fourteen quality tools of this house, one entry each.

Each entry says, in one place, what the tool's grid holds (columns, options, the least number of
rows, an example row), how its numbers are computed with ``tulta.stats`` and how they are drawn
with ``tulta.charts``. Adding a tool is adding one entry here; nothing else dispatches on a
tool's code. The entries are registered in :data:`tulta.tools.registry.TOOLS` when this module
is imported (the app's ``ready()`` does it), in the order the step page offers them.

A computation raises :class:`~tulta.tools.registry.ToolDataError` (or
``tulta.stats.StatsInputError``) with an Indonesian message saying what is missing.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tulta import charts, stats

from .grids import CATEGORY, INTEGER, NUMBER, TEXT, Column, ParsedGrid
from .registry import Option, Tool, ToolDataError, register

Options = dict[str, Any]

# --- shared by several tools -----------------------------------------------------------------

AFTER_WORDS = frozenset({"sesudah", "setelah", "after", "2", "ii", "fase 2"})


def split_phases(
    rows: list[dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Split parsed rows by their ``fase`` value into (before, after), keeping their order.

    A row is "after" when its ``fase`` reads sesudah/setelah/after/2/ii/fase 2 (any case), else
    "before". Raises ToolDataError when an "after" row comes before the last "before" row.
    """
    before = [r for r in rows if str(r.get("fase") or "").strip().lower() not in AFTER_WORDS]
    after = [r for r in rows if str(r.get("fase") or "").strip().lower() in AFTER_WORDS]
    if after and before and rows.index(after[0]) < rows.index(before[-1]):
        raise ToolDataError(_("Baris “sesudah” harus berada setelah semua baris “sebelum”."))
    return before, after


def _unit(tool: Tool, options: Options) -> str:
    """The tool's ``unit`` option, or "" when it has none."""
    return (tool.option(options, "unit") or "") if tool.has_option("unit") else ""


# --- brainstorming -----------------------------------------------------------------------------


def _compute_brainstorming(tool: Tool, parsed: ParsedGrid, options: Options) -> Any:
    return [
        {"text": r["ide"], "category": r.get("kategori"), "author": r.get("pengusul")}
        for r in parsed.rows
    ]


register(
    Tool(
        code="brainstorming",
        label=gettext_lazy("Curah pendapat"),
        columns=(
            Column("ide", gettext_lazy("Ide / masalah"), TEXT),
            Column("kategori", gettext_lazy("Kelompok"), CATEGORY, required=False),
            Column("pengusul", gettext_lazy("Pengusul"), TEXT, required=False),
        ),
        example=(("Antrean panjang pagi hari", "Pelayanan", "Siti"),),
        compute_with=_compute_brainstorming,
        draw_with=lambda tool, result, options, title: charts.brainstorm(result, title=title),
    )
)

# --- scoring matrices: USG, CARL, MEER ---------------------------------------------------------


def _scores(parsed: ParsedGrid, tool: Tool) -> dict[str, dict[str, float]]:
    criteria = [c.key for c in tool.columns[2:]]
    items: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()
    for row in parsed.rows:
        items.setdefault(row["item"], []).append(row)
    # Several members may score one item: their scores are averaged per criterion.
    return {
        item: {k: sum(r[k] for r in rows) / len(rows) for k in criteria}
        for item, rows in items.items()
    }


def _compute_scores(tool: Tool, parsed: ParsedGrid, options: Options) -> Any:
    return stats.score(
        _scores(parsed, tool), tool.code, aggregate=tool.option(options, "aggregate")
    )


def _scoring_tool(
    code: str,
    label: Any,
    item: Any,
    chart_item: str,
    criteria: tuple[tuple[str, str], ...],
    aggregate: tuple[str, str],
    example: tuple[tuple[str, ...], ...] = (),
) -> Tool:
    """A scoring matrix: one row per item and member, a 1-5 score per criterion; ``aggregate``
    is the (default, other) way of combining the criteria."""
    words = {"sum": gettext_lazy("dijumlah"), "product": gettext_lazy("dikalikan")}
    return Tool(
        code=code,
        label=label,
        columns=(
            Column("item", item, CATEGORY),
            Column("anggota", gettext_lazy("Anggota penilai"), TEXT, required=False),
            *(Column(key, name, INTEGER, minimum=1, maximum=5) for key, name in criteria),
        ),
        options=(
            Option(
                "aggregate",
                gettext_lazy("Cara menjumlah"),
                "choice",
                tuple((a, words[a]) for a in aggregate),
                aggregate[0],
            ),
        ),
        example=example,
        compute_with=_compute_scores,
        draw_with=lambda tool, result, options, title: charts.scoring_matrix(
            result, title=title, item=chart_item
        ),
    )


register(
    _scoring_tool(
        "usg",
        gettext_lazy("Matriks USG"),
        gettext_lazy("Masalah"),
        "masalah",
        (("urgency", "Urgency"), ("seriousness", "Seriousness"), ("growth", "Growth")),
        ("sum", "product"),
        example=(("Antrean KTP-el", "Siti", "5", "4", "4"),),
    )
)
register(
    _scoring_tool(
        "carl",
        gettext_lazy("Matriks CARL"),
        gettext_lazy("Penyebab"),
        "penyebab",
        (
            ("capability", "Capability"),
            ("accessibility", "Accessibility"),
            ("readiness", "Readiness"),
            ("leverage", "Leverage"),
        ),
        ("product", "sum"),
    )
)
register(
    _scoring_tool(
        "meer",
        gettext_lazy("Matriks MEER"),
        gettext_lazy("Penanggulangan"),
        "penanggulangan",
        (
            ("mudah", "Mudah"),
            ("efektif", "Efektif"),
            ("efisien", "Efisien"),
            ("rasional", "Rasional"),
        ),
        ("sum", "product"),
    )
)

# --- check sheet -------------------------------------------------------------------------------


def _compute_check_sheet(tool: Tool, parsed: ParsedGrid, options: Options) -> Any:
    return stats.tally(
        [
            {"kategori": r["kategori"], "kelompok": r["kelompok"], "n": r["jumlah"]}
            for r in parsed.rows
        ],
        by=["kategori", "kelompok"],
        weight="n",
    )


register(
    Tool(
        code="check_sheet",
        label=gettext_lazy("Lembar periksa"),
        columns=(
            Column("kategori", gettext_lazy("Kategori"), CATEGORY),
            Column("kelompok", gettext_lazy("Hari / tempat"), CATEGORY),
            Column("jumlah", gettext_lazy("Jumlah"), INTEGER, minimum=0),
        ),
        example=(("Berkas kurang", "Senin", "12"),),
        compute_with=_compute_check_sheet,
        draw_with=lambda tool, result, options, title: charts.check_sheet(
            result, title=title, col_title="hari/tempat"
        ),
    )
)

# --- stratification ----------------------------------------------------------------------------


def _compute_stratification(tool: Tool, parsed: ParsedGrid, options: Options) -> Any:
    return stats.stratify([r["nilai"] for r in parsed.rows], [r["faktor"] for r in parsed.rows])


register(
    Tool(
        code="stratification",
        label=gettext_lazy("Stratifikasi"),
        columns=(
            Column("nilai", gettext_lazy("Nilai"), NUMBER),
            Column("faktor", gettext_lazy("Faktor (strata)"), CATEGORY),
        ),
        min_rows=4,
        options=(Option("unit", gettext_lazy("Satuan nilai"), "text", (), ""),),
        example=(("42", "Loket 1"),),
        compute_with=_compute_stratification,
        draw_with=lambda tool, result, options, title: charts.stratification(
            result, title=title, unit=_unit(tool, options)
        ),
    )
)

# --- Pareto ------------------------------------------------------------------------------------


def _compute_pareto(tool: Tool, parsed: ParsedGrid, options: Options) -> Any:
    other_below = tool.option(options, "other_below")
    before, after = split_phases([{**r, "fase": r.get("periode")} for r in parsed.rows])

    def one(rows: list[dict[str, Any]]) -> Any:
        totals: OrderedDict[str, float] = OrderedDict()
        for r in rows:
            totals[r["kategori"]] = totals.get(r["kategori"], 0.0) + r["jumlah"]
        return stats.pareto(list(totals), list(totals.values()), other_below=other_below)

    if after:
        return {"before": one(before), "after": one(after)}
    return one(parsed.rows)


def _draw_pareto(tool: Tool, result: Any, options: Options, title: str) -> charts.Chart:
    unit = _unit(tool, options) or "kejadian"
    if isinstance(result, dict):
        return charts.pareto_before_after(result["before"], result["after"], title=title, unit=unit)
    return charts.pareto(result, title=title, unit=unit)


register(
    Tool(
        code="pareto",
        label=gettext_lazy("Diagram Pareto"),
        columns=(
            Column("kategori", gettext_lazy("Kategori"), CATEGORY),
            Column("jumlah", gettext_lazy("Jumlah"), NUMBER, minimum=0),
            Column("periode", gettext_lazy("Periode (sebelum/sesudah)"), CATEGORY, required=False),
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
            Option(
                "unit",
                gettext_lazy("Yang dijumlahkan (kejadian, keluhan, Rp, menit)"),
                "text",
                (),
                "kejadian",
            ),
        ),
        example=(("Berkas kurang", "120", ""),),
        compute_with=_compute_pareto,
        draw_with=_draw_pareto,
    )
)

# --- fishbone ----------------------------------------------------------------------------------


def _compute_fishbone(tool: Tool, parsed: ParsedGrid, options: Options) -> dict[str, Any]:
    categories: OrderedDict[str, OrderedDict[str, list[str]]] = OrderedDict()
    for r in parsed.rows:
        causes = categories.setdefault(r["kategori"], OrderedDict())
        subs = causes.setdefault(r["penyebab"], [])
        if r.get("sub"):
            subs.append(r["sub"])
    return {
        "effect": tool.option(options, "effect") or _("Masalah"),
        "categories": [
            {"name": name, "causes": [{"text": t, "sub": s} for t, s in causes.items()]}
            for name, causes in categories.items()
        ],
    }


def _draw_fishbone(tool: Tool, result: Any, options: Options, title: str) -> charts.Chart:
    causes = [(c["name"], c["causes"]) for c in result["categories"]]
    return charts.fishbone(result["effect"], causes, title=title)


register(
    Tool(
        code="fishbone",
        label=gettext_lazy("Diagram sebab-akibat (tulang ikan)"),
        columns=(
            Column("kategori", gettext_lazy("Kategori (6M)"), CATEGORY),
            Column("penyebab", gettext_lazy("Penyebab"), TEXT),
            Column("sub", gettext_lazy("Sub-penyebab"), TEXT, required=False),
        ),
        options=(Option("effect", gettext_lazy("Akibat (masalah)"), "text", (), ""),),
        example=(("Manusia", "Petugas belum terlatih", ""),),
        compute_with=_compute_fishbone,
        draw_with=_draw_fishbone,
    )
)

# --- histogram ---------------------------------------------------------------------------------


def _draw_histogram(tool: Tool, result: Any, options: Options, title: str) -> charts.Chart:
    return charts.histogram(
        result,
        title=title,
        lsl=tool.option(options, "lsl"),
        usl=tool.option(options, "usl"),
        unit=_unit(tool, options),
    )


register(
    Tool(
        code="histogram",
        label=gettext_lazy("Histogram"),
        columns=(Column("nilai", gettext_lazy("Nilai"), NUMBER),),
        min_rows=5,
        options=(
            Option("unit", gettext_lazy("Satuan"), "text", (), ""),
            Option("lsl", gettext_lazy("Batas spesifikasi bawah"), "number", (), ""),
            Option("usl", gettext_lazy("Batas spesifikasi atas"), "number", (), ""),
        ),
        compute_with=lambda tool, parsed, options: stats.histogram(
            [r["nilai"] for r in parsed.rows]
        ),
        draw_with=_draw_histogram,
    )
)

# --- scatter -----------------------------------------------------------------------------------


def _compute_scatter(tool: Tool, parsed: ParsedGrid, options: Options) -> dict[str, Any]:
    rows = parsed.rows
    return {
        "x": [r["x"] for r in rows],
        "y": [r["y"] for r in rows],
        "result": stats.scatter([r["x"] for r in rows], [r["y"] for r in rows]),
    }


def _draw_scatter(tool: Tool, result: Any, options: Options, title: str) -> charts.Chart:
    return charts.scatter(
        result["x"],
        result["y"],
        result=result["result"],
        title=title,
        x_label=tool.option(options, "x_label") or "X",
        y_label=tool.option(options, "y_label") or "Y",
    )


register(
    Tool(
        code="scatter",
        label=gettext_lazy("Diagram tebar"),
        columns=(
            Column("x", gettext_lazy("X (faktor)"), NUMBER),
            Column("y", gettext_lazy("Y (akibat)"), NUMBER),
        ),
        min_rows=3,
        options=(
            Option("x_label", gettext_lazy("Nama X"), "text", (), ""),
            Option("y_label", gettext_lazy("Nama Y"), "text", (), ""),
        ),
        compute_with=_compute_scatter,
        draw_with=_draw_scatter,
    )
)

# --- control chart -----------------------------------------------------------------------------

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


LIMIT_MODES = (
    ("tetap", gettext_lazy("Tetap: batas dari data sebelum perbaikan")),
    ("per_tahap", gettext_lazy("Per tahap: setiap tahap dengan batasnya sendiri")),
)


@dataclass(frozen=True)
class ControlResult:
    """What the control-chart tool computes: the chart, the name of each of its stages, and
    the process-change finder's proposals not yet taken (for the reading)."""

    chart: stats.ControlChart
    stage_labels: tuple[str, ...]
    proposals: tuple[stats.ProcessChange, ...]


def _split_points(text: str, n: int) -> list[int]:
    """The 0-based starts typed in "Pisah tahap mulai titik ke-" ("13, 40"), checked."""
    starts = []
    for part in re.split(r"[,;\s]+", str(text or "").strip()):
        if not part:
            continue
        if not part.isdigit() or not 2 <= int(part) <= n:
            raise ToolDataError(
                _(
                    "Pilihan “Pisah tahap mulai titik ke-”: “%(value)s” bukan nomor titik "
                    "antara 2 dan %(n)d."
                )
                % {"value": part, "n": n}
            )
        starts.append(int(part) - 1)
    return starts


def _compute_control(tool: Tool, parsed: ParsedGrid, options: Options) -> ControlResult:
    chart = tool.option(options, "chart") or "individuals"
    staged = tool.option(options, "limits") == "per_tahap"
    before, after = split_phases(parsed.rows)
    sizes: list[Any] | None = None
    new_sizes: list[Any] | None = None
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
        points: list[Any] = data + (new or [])
    else:
        data = [r["nilai"] for r in before]
        new = [r["nilai"] for r in after] or None
        points = data + (new or [])
        if chart in ("p", "np", "u"):
            missing = [r["_row"] for r in parsed.rows if not r.get("ukuran")]
            if missing:
                raise ToolDataError(
                    _("Baris %(rows)s: isi kolom Ukuran sampel untuk peta %(chart)s.")
                    % {"rows": ", ".join(str(n) for n in missing[:10]), "chart": chart}
                )
            sizes = [r["ukuran"] for r in before]
            new_sizes = [r["ukuran"] for r in after] or None
    all_sizes = None if sizes is None else sizes + (new_sizes or [])
    phase = [len(data)] if new else []
    if staged:
        starts = sorted({0, *phase, *_split_points(tool.option(options, "split_at"), len(points))})
        result = stats.staged_control_chart(points, chart, starts=starts, sizes=all_sizes)
        if starts == [0, *phase] and phase:
            names: tuple[str, ...] = (_("Sebelum"), _("Sesudah"))
        else:
            names = tuple(_("Tahap %(n)d") % {"n": k} for k in range(1, len(starts) + 1))
    else:
        starts = [0, *phase]
        result = stats.control_chart(data, chart, sizes=sizes, newdata=new, newsizes=new_sizes)
        names = ()
    try:
        found = stats.find_process_changes(points, chart, sizes=all_sizes)
    except stats.StatsInputError:
        found = ()  # the chart itself was computed; a segment the finder cannot chart is no shift
    return ControlResult(
        chart=result,
        stage_labels=names,
        proposals=tuple(c for c in found if c.index not in starts),
    )


def _proposal_note(change: stats.ProcessChange, staged: bool) -> str:
    how = (
        _("tambahkan %(n)d pada pilihan “Pisah tahap mulai titik ke-”.")
        if staged
        else _(
            "pilih “Batas kendali: Per tahap” dan isi “Pisah tahap mulai titik ke-” dengan %(n)d."
        )
    ) % {"n": change.index + 1}
    return _("Usulan TULTA: %(proposal)s Untuk menerimanya, %(how)s") % {
        "proposal": change.message,
        "how": how,
    }


def _draw_control(tool: Tool, result: ControlResult, options: Options, title: str) -> charts.Chart:
    staged = len(result.chart.stage_starts) > 1
    return charts.control_chart(
        result.chart,
        title=title,
        change_label=tool.option(options, "change_label") or None,
        unit=_unit(tool, options),
        stage_labels=result.stage_labels or None,
        notes=[_proposal_note(c, staged) for c in result.proposals],
    )


register(
    Tool(
        code="control_chart",
        label=gettext_lazy("Grafik dan peta kendali"),
        columns=(
            Column("label", gettext_lazy("Tanggal / label"), TEXT, required=False),
            Column("nilai", gettext_lazy("Nilai / jumlah cacat"), NUMBER),
            Column("subgrup", gettext_lazy("Subgrup"), CATEGORY, required=False),
            Column("ukuran", gettext_lazy("Ukuran sampel"), NUMBER, required=False, minimum=0),
            Column("fase", gettext_lazy("Fase (sebelum/sesudah)"), CATEGORY, required=False),
        ),
        min_rows=2,
        options=(
            Option("chart", gettext_lazy("Jenis peta"), "choice", CONTROL_CHARTS, "individuals"),
            Option("change_label", gettext_lazy("Keterangan perubahan"), "text", (), ""),
            Option("unit", gettext_lazy("Satuan"), "text", (), ""),
            Option("limits", gettext_lazy("Batas kendali"), "choice", LIMIT_MODES, "tetap"),
            Option("split_at", gettext_lazy("Pisah tahap mulai titik ke-"), "text", (), ""),
        ),
        compute_with=_compute_control,
        draw_with=_draw_control,
    )
)

# --- 5W1H action plan --------------------------------------------------------------------------


register(
    Tool(
        code="action_plan",
        label=gettext_lazy("Rencana perbaikan 5W1H"),
        columns=(
            Column("what", gettext_lazy("What (apa)"), TEXT),
            Column("why", gettext_lazy("Why (mengapa)"), TEXT, required=False),
            Column("where", gettext_lazy("Where (di mana)"), TEXT, required=False),
            Column("when", gettext_lazy("When (kapan)"), TEXT, required=False),
            Column("who", gettext_lazy("Who (siapa)"), TEXT, required=False),
            Column("how", gettext_lazy("How (bagaimana)"), TEXT, required=False),
            Column("how_much", gettext_lazy("How much (biaya)"), TEXT, required=False),
        ),
        compute_with=lambda tool, parsed, options: [
            {c.key: r.get(c.key) or "" for c in tool.columns} for r in parsed.rows
        ],
        draw_with=lambda tool, result, options, title: charts.action_plan(result, title=title),
    )
)

# --- Gantt -------------------------------------------------------------------------------------


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


def _compute_gantt(tool: Tool, parsed: ParsedGrid, options: Options) -> list[dict[str, Any]]:
    planned, actual = str(tool.columns[1].label), str(tool.columns[2].label)
    return [
        {
            "step": r["langkah"],
            "planned": _weeks(r["rencana"], r["_row"], planned),
            "actual": _weeks(r.get("realisasi") or "", r["_row"], actual),
        }
        for r in parsed.rows
    ]


register(
    Tool(
        code="gantt",
        label=gettext_lazy("Jadwal rencana dan realisasi (Gantt)"),
        columns=(
            Column("langkah", gettext_lazy("Langkah / kegiatan"), TEXT),
            Column("rencana", gettext_lazy("Minggu rencana (mis. 1-3)"), TEXT),
            Column("realisasi", gettext_lazy("Minggu realisasi"), TEXT, required=False),
        ),
        compute_with=_compute_gantt,
        draw_with=lambda tool, result, options, title: charts.gantt(result, title=title),
    )
)

# --- flowchart ---------------------------------------------------------------------------------

KINDS = {"mulai": "start", "start": "start", "langkah": "step", "proses": "step",
         "step": "step", "keputusan": "decision", "decision": "decision", "selesai": "end",
         "end": "end"}  # fmt: skip


def _compute_flowchart(tool: Tool, parsed: ParsedGrid, options: Options) -> dict[str, Any]:
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


register(
    Tool(
        code="flowchart",
        label=gettext_lazy("Diagram alir"),
        columns=(
            Column("id", gettext_lazy("Kode"), CATEGORY),
            Column("teks", gettext_lazy("Teks"), TEXT),
            Column("jenis", gettext_lazy("Jenis (mulai/langkah/keputusan/selesai)"), CATEGORY),
            Column("ke", gettext_lazy("Lanjut ke (kode, pisah koma)"), TEXT, required=False),
            Column("label", gettext_lazy("Label panah"), TEXT, required=False),
        ),
        min_rows=2,
        compute_with=_compute_flowchart,
        draw_with=lambda tool, result, options, title: charts.flowchart(
            result["nodes"], result["edges"], title=title
        ),
    )
)
