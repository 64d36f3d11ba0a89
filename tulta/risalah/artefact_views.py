"""Pages for the tools inside a step: the data grid, the chart that follows it, import and
export. htmx posts the grid as the user edits and swaps in the new chart; without JavaScript the
same form posts and the page comes back with the bad cells marked."""

from __future__ import annotations

import base64
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tulta.accounts.types import AuthenticatedHttpRequest
from tulta.core.formatting import angka
from tulta.tools import chooser, rendering, spreadsheets
from tulta.tools.grids import MAX_ROWS
from tulta.tools.registry import TOOLS, get_tool, tool_label

from . import artefacts, permissions, rules
from .models import RisalahStep, ToolArtefact

UPLOAD_SESSION_KEY = "tulta_tool_upload"
MAX_UPLOAD = 2 * 1024 * 1024
# Blank rows the page adds below the data (see _context); a plain post may carry them.
EXTRA_BLANK_ROWS = 3


def _artefact(
    request: AuthenticatedHttpRequest, pk: int, number: int, artefact_pk: int
) -> tuple[RisalahStep, ToolArtefact]:
    step = permissions.get_step_for_user(request.user, pk, number)
    artefact = get_object_or_404(ToolArtefact, pk=artefact_pk, step=step)
    artefact.step = step
    return step, artefact


def _editable(request: AuthenticatedHttpRequest, step: RisalahStep) -> bool:
    if not permissions.can_write_risalah(request.user, step.risalah):
        return False
    try:
        rules.check_step_editable(step)
    except ValidationError:
        return False
    return True


def _require_editable(request: AuthenticatedHttpRequest, step: RisalahStep) -> None:
    if not permissions.can_write_risalah(request.user, step.risalah):
        raise PermissionDenied


class GridPostError(ValueError):
    """A grid post that cannot be read; ``message`` says why, in Indonesian. ``rows`` holds what
    could be read (the pasted data, kept on the page)."""

    def __init__(self, message: str, rows: list[list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.rows = rows or []


def _too_many_rows(count: int, rows: list[list[str]] | None = None) -> GridPostError:
    return GridPostError(
        _(
            "Terlalu banyak baris: %(count)s baris dikirim, maksimal %(max)s baris per alat. "
            "Data belum disimpan; kurangi barisnya atau bagi menjadi beberapa alat."
        )
        % {"count": angka(count), "max": angka(MAX_ROWS)},
        rows,
    )


def _without_trailing_blanks(rows: list[list[str]]) -> list[list[str]]:
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    return rows


def _rows_from_post(request: AuthenticatedHttpRequest, width: int) -> list[list[str]]:
    """The grid's rows from a post: the ``grid`` field (JSON, a list of rows of text, sent by
    grid.js so that thousands of rows stay one form field), else the plain form's ``row_count``
    and ``c-<row>-<column>`` fields. Trailing blank rows are dropped. Raises GridPostError for a
    malformed value or more than MAX_ROWS rows."""
    raw = request.POST.get("grid")
    if raw is not None:
        try:
            data = json.loads(raw)
        except ValueError:
            message = _("Data tabel tidak terbaca: kolom grid bukan JSON yang sah.")
            raise GridPostError(message) from None
        if not isinstance(data, list) or not all(
            isinstance(row, list) and all(isinstance(cell, str) for cell in row) for row in data
        ):
            raise GridPostError(
                _("Data tabel tidak terbaca: kolom grid harus berupa daftar baris berisi teks.")
            )
        rows = _without_trailing_blanks(
            [[*row[:width], *[""] * (width - len(row))] for row in data]
        )
        if len(rows) > MAX_ROWS:
            raise _too_many_rows(len(rows), rows)
        return rows
    raw_count = (request.POST.get("row_count") or "0").strip()
    if not raw_count.isascii() or not raw_count.isdigit():
        raise GridPostError(
            _("Jumlah baris (row_count) harus bilangan bulat, bukan “%(value)s”.")
            % {"value": raw_count[:20]}
        )
    count = int(raw_count)
    # The plain form sends its rendered rows plus a few blank ones; more than that is refused
    # before any list is built for it.
    if count > MAX_ROWS + EXTRA_BLANK_ROWS:
        raise _too_many_rows(count)
    rows = _without_trailing_blanks(
        [[request.POST.get(f"c-{r}-{c}", "") for c in range(width)] for r in range(count)]
    )
    if len(rows) > MAX_ROWS:
        raise _too_many_rows(len(rows), rows)
    return rows


def _context(
    request: AuthenticatedHttpRequest, step: RisalahStep, artefact: ToolArtefact, **extra: Any
) -> dict[str, Any]:
    spec = get_tool(artefact.tool)
    rows = extra.pop("rows", None) or artefact.rows
    rendered = extra.pop("rendered", None) or artefact_render_for(artefact, rows)
    bad = {(e["row"], e["column"]): e["message"] for e in rendered.errors}
    grid = []
    for r, row in enumerate(rows + [[""] * len(spec.columns)] * EXTRA_BLANK_ROWS, start=1):
        grid.append(
            [
                {"value": row[i] if i < len(row) else "", "error": bad.get((r, col.key), "")}
                for i, col in enumerate(spec.columns)
            ]
        )
    return {
        "risalah": step.risalah,
        "step": step,
        "artefact": artefact,
        "spec": spec,
        "grid": grid,
        "rendered": rendered,
        "editable": _editable(request, step),
        "options": [
            {"option": o, "value": artefact.options.get(o.key, o.default)} for o in spec.options
        ],
        **extra,
    }


def artefact_render_for(artefact: ToolArtefact, rows: list[list[str]]) -> rendering.Rendered:
    """The artefact drawn from ``rows``: its stored rows, or rows just posted and not saved."""
    if rows is artefact.rows:
        return rendering.render(artefact)
    preview = rendering.ToolInput(
        tool=artefact.tool, title=artefact.title, rows=rows, options=artefact.options
    )
    return rendering.render(preview)


@login_required
@require_POST
def artefact_create(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    step = permissions.get_step_for_user(request.user, pk, number)
    _require_editable(request, step)
    try:
        artefact = artefacts.artefact_create(
            actor=request.user,
            step=step,
            tool=request.POST.get("tool", ""),
            title=request.POST.get("title", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("risalah:step", pk=pk, number=number)
    return redirect("risalah:artefact", pk=pk, number=number, artefact_pk=artefact.pk)


@login_required
def artefact_detail(
    request: AuthenticatedHttpRequest, pk: int, number: int, artefact_pk: int
) -> HttpResponse:
    step, artefact = _artefact(request, pk, number, artefact_pk)
    if request.method != "POST":
        return render(request, "risalah/artefact_detail.html", _context(request, step, artefact))
    _require_editable(request, step)
    spec = get_tool(artefact.tool)
    is_htmx = request.headers.get("HX-Request") == "true"
    template = "risalah/_artefact_result.html" if is_htmx else "risalah/artefact_detail.html"
    try:
        rows = _rows_from_post(request, len(spec.columns))
    except GridPostError as exc:
        context = _context(request, step, artefact, rows=exc.rows or None)
        context["grid_error"] = exc.message
        return render(request, template, context, status=400)
    options = {o.key: request.POST.get(f"opt-{o.key}", "") for o in spec.options}
    try:
        base = int(request.POST.get("version", "-1"))
    except ValueError:
        base = -1
    status = 200
    conflict = None
    try:
        artefact = artefacts.artefact_save(
            actor=request.user,
            artefact=artefact,
            rows=rows,
            options=options,
            title=request.POST.get("title", ""),
            base_version=base,
        )
        artefact.step = step
    except artefacts.ArtefactConflict as exc:
        conflict = exc.current
        status = 409
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        status = 400
    if not is_htmx and status == 200:
        return redirect("risalah:artefact", pk=pk, number=number, artefact_pk=artefact.pk)
    context = _context(request, step, artefact, rows=rows if status != 200 else None)
    context["conflict"] = conflict
    return render(request, template, context, status=status)


@login_required
@require_POST
def artefact_delete(
    request: AuthenticatedHttpRequest, pk: int, number: int, artefact_pk: int
) -> HttpResponse:
    step, artefact = _artefact(request, pk, number, artefact_pk)
    _require_editable(request, step)
    try:
        artefacts.artefact_delete(actor=request.user, artefact=artefact)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Alat dihapus."))
    return redirect("risalah:step", pk=pk, number=number)


@login_required
def artefact_export(
    request: AuthenticatedHttpRequest, pk: int, number: int, artefact_pk: int
) -> HttpResponse:
    _step, artefact = _artefact(request, pk, number, artefact_pk)
    response = HttpResponse(
        spreadsheets.export_xlsx(artefact.tool, artefact.rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = slugify(artefact.title) or artefact.tool
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
def artefact_import(
    request: AuthenticatedHttpRequest, pk: int, number: int, artefact_pk: int
) -> HttpResponse:
    """Upload XLSX/CSV, then choose the sheet and which file column fills each grid column."""
    step, artefact = _artefact(request, pk, number, artefact_pk)
    _require_editable(request, step)
    spec = get_tool(artefact.tool)
    upload = request.FILES.get("berkas")
    stored = request.session.get(UPLOAD_SESSION_KEY)
    if upload is not None:
        if upload.size and upload.size > MAX_UPLOAD:
            messages.error(request, _("Berkas lebih dari 2 MB; bagi menjadi beberapa berkas."))
            return redirect("risalah:artefact", pk=pk, number=number, artefact_pk=artefact.pk)
        content = upload.read()
        stored = {
            "artefact": artefact.pk,
            "name": upload.name or "",
            "content": base64.b64encode(content).decode(),
        }
        request.session[UPLOAD_SESSION_KEY] = stored
    if not stored or stored.get("artefact") != artefact.pk:
        messages.error(request, _("Pilih berkas XLSX atau CSV lebih dulu."))
        return redirect("risalah:artefact", pk=pk, number=number, artefact_pk=artefact.pk)
    content = base64.b64decode(stored["content"])
    sheet = request.POST.get("sheet") or None
    try:
        table = spreadsheets.read_upload(content, stored["name"], sheet)
    except (ValidationError, ValueError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("risalah:artefact", pk=pk, number=number, artefact_pk=artefact.pk)
    mapping = spreadsheets.guess_mapping(artefact.tool, table.headers)
    if request.POST.get("apply") == "1":
        for column in spec.columns:
            raw = request.POST.get(f"map-{column.key}", "")
            mapping[column.key] = (
                int(raw) if raw.isdigit() and int(raw) < len(table.headers) else None
            )
        rows = spreadsheets.apply_mapping(artefact.tool, table, mapping)
        try:
            artefacts.artefact_save(
                actor=request.user,
                artefact=artefact,
                rows=rows,
                options=artefact.options,
                title=artefact.title,
                base_version=artefact.version,
            )
        except (ValidationError, artefacts.ArtefactConflict):
            messages.error(request, _("Data tidak dapat disimpan; muat ulang halaman."))
        else:
            request.session.pop(UPLOAD_SESSION_KEY, None)
            messages.success(
                request, _("%(n)d baris diimpor. Periksa sel yang ditandai.") % {"n": len(rows)}
            )
        return redirect("risalah:artefact", pk=pk, number=number, artefact_pk=artefact.pk)
    return render(
        request,
        "risalah/artefact_import.html",
        {
            "risalah": step.risalah,
            "step": step,
            "artefact": artefact,
            "spec": spec,
            "table": table,
            "sheet": sheet or (table.sheets[0] if table.sheets else ""),
            "mapping": [{"column": c, "selected": mapping.get(c.key)} for c in spec.columns],
            "preview": table.rows[:5],
        },
    )


#: The most a group may paste into the chooser (characters): a 5,000-row grid's worth.
CHOOSER_MAX_CHARS = 400_000


@login_required
def tool_chooser(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    """ "Grafik apa yang cocok?": paste data, get the tool and chart TULTA proposes with its
    reason and notes, and start that tool with the data -- a suggestion, never a switch."""
    step = permissions.get_step_for_user(request.user, pk, number)
    _require_editable(request, step)
    data = request.POST.get("data", "") if request.method == "POST" else ""
    error = ""
    if len(data) > CHOOSER_MAX_CHARS:
        error = _("Data terlalu panjang untuk dipilihkan grafiknya; tempel sebagian saja.")
        data = data[:CHOOSER_MAX_CHARS]
    found = chooser.suggest(data) if data.strip() and not error else None
    if request.method == "POST" and request.POST.get("then") == "create" and found and found.tool:
        try:
            artefact = artefacts.artefact_create(
                actor=request.user,
                step=step,
                tool=found.tool,
                rows=found.rows,
                options=found.options,
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("%(tool)s dibuat dari data yang Anda tempel; periksa lalu simpan.")
                % {"tool": found.label},
            )
            return redirect("risalah:artefact", pk=pk, number=number, artefact_pk=artefact.pk)
    return render(
        request,
        "risalah/tool_chooser.html",
        {
            "risalah": step.risalah,
            "step": step,
            "data": data,
            "found": found,
            "error": error,
            "editable": _editable(request, step),
        },
    )


def tool_choices(step: RisalahStep) -> list[tuple[str, str]]:
    """(code, label) of every registered tool: the method step's suggestions first, then the
    rest in registry order. A suggested code no longer registered is left out."""
    suggested = list(step.method_step.suggested_tools)
    others = [code for code in TOOLS if code not in suggested]
    return [(code, tool_label(code)) for code in suggested + others if code in TOOLS]
