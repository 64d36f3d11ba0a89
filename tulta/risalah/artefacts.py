"""Tool artefacts inside a step: create, save the grid (never losing what was typed), render
the chart, import from XLSX/CSV and export to XLSX.

Permission is checked by the caller; these services guard the workflow: a tool can only change
while its step can (draft or returned, open, risalah not final), and a stale save never
overwrites a newer one.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from tulta.accounts.models import User
from tulta.core import audit

from . import drawing
from .grids import ParsedGrid, parse_grid
from .models import RisalahStep, ToolArtefact
from .rules import check_step_editable
from .toolkit import TOOL_SPECS, ToolDataError, compute

MAX_COLUMNS_TEXT = 500
RENDER_CACHE_SECONDS = 60 * 60 * 24


class ArtefactConflict(Exception):
    def __init__(self, current: ToolArtefact) -> None:
        super().__init__("artefact changed")
        self.current = current


@dataclass
class Rendered:
    """What a page, the PDF or Word shows for an artefact."""

    svg: str = ""
    reading: str = ""
    alt: str = ""
    message: str = ""  # why there is no chart (bad cells, too little data)
    errors: list[dict[str, Any]] = field(default_factory=list)  # bad cells

    @property
    def ok(self) -> bool:
        return bool(self.svg) and not self.message


def _clean_rows(rows: Any, width: int) -> list[list[str]]:
    if not isinstance(rows, list):
        raise ValidationError(_("Data tabel tidak terbaca."))
    result = []
    for row in rows[:5000]:
        cells = [str(c)[:MAX_COLUMNS_TEXT] if c is not None else "" for c in list(row)[:width]]
        result.append(cells + [""] * (width - len(cells)))
    while result and not any(c.strip() for c in result[-1]):
        result.pop()
    return result


def _clean_options(code: str, options: dict[str, Any]) -> dict[str, Any]:
    spec = TOOL_SPECS[code]
    clean: dict[str, Any] = {}
    for option in spec.options:
        value = str(options.get(option.key, option.default) or "").strip()
        if option.kind == "number" and value:
            try:
                float(value.replace(",", "."))
            except ValueError:
                raise ValidationError(
                    _("%(label)s: “%(v)s” bukan angka.") % {"label": option.label, "v": value}
                ) from None
            value = value.replace(",", ".")
        if option.kind == "choice" and value not in {c for c, _label in option.choices}:
            value = str(option.default)
        clean[option.key] = value[:300]
    return clean


@transaction.atomic
def artefact_create(*, actor: User, step: RisalahStep, tool: str, title: str = "") -> ToolArtefact:
    if tool not in TOOL_SPECS:
        raise ValidationError(_("Alat “%(t)s” tidak dikenal.") % {"t": tool})
    check_step_editable(step)
    spec = TOOL_SPECS[tool]
    artefact = ToolArtefact.objects.create(
        step=step,
        tool=tool,
        title=(title or spec.label).strip()[:200],
        rows=[list(r) for r in spec.example],
        options={o.key: o.default for o in spec.options},
        position=step.artefacts.count(),
        created_by=actor,
        updated_by=actor,
    )
    audit.record(
        actor=actor,
        action="create",
        obj=artefact,
        government_id=step.risalah.programme.government_id,
        changes={"alat": [None, tool], "title": [None, artefact.title]},
    )
    return artefact


@transaction.atomic
def artefact_save(
    *,
    actor: User,
    artefact: ToolArtefact,
    rows: Any,
    options: dict[str, Any],
    title: str,
    base_version: int,
) -> ToolArtefact:
    """Save the grid as typed (bad cells included, so nothing is lost) and the options.
    Raises ArtefactConflict when someone saved since ``base_version``."""
    current = ToolArtefact.objects.select_for_update().get(pk=artefact.pk)
    current.step = artefact.step
    check_step_editable(current.step)
    if current.version != base_version:
        raise ArtefactConflict(current)
    spec = TOOL_SPECS[current.tool]
    new_rows = _clean_rows(rows, len(spec.columns))
    new_options = _clean_options(current.tool, options)
    new_title = (title or current.title).strip()[:200]
    if (new_rows, new_options, new_title) == (current.rows, current.options, current.title):
        return current
    changes: dict[str, list[Any]] = {}
    if len(new_rows) != len(current.rows):
        changes["baris"] = [len(current.rows), len(new_rows)]
    if new_options != current.options:
        changes["pengaturan"] = [current.options, new_options]
    if new_title != current.title:
        changes["title"] = [current.title, new_title]
    current.rows, current.options, current.title = new_rows, new_options, new_title
    current.version += 1
    current.updated_by = actor
    current.save()
    audit.record(
        actor=actor,
        action="update",
        obj=current,
        government_id=current.step.risalah.programme.government_id,
        verb="artefact_saved",
        changes=changes or {"data": ["…", "…"]},
    )
    return current


@transaction.atomic
def artefact_delete(*, actor: User, artefact: ToolArtefact) -> None:
    check_step_editable(artefact.step)
    audit.record(
        actor=actor,
        action="delete",
        obj=artefact,
        government_id=artefact.step.risalah.programme.government_id,
        changes={"alat": [artefact.tool, None], "title": [artefact.title, None]},
    )
    artefact.delete()


def parse(artefact: ToolArtefact) -> ParsedGrid:
    return parse_grid(TOOL_SPECS[artefact.tool].columns, artefact.rows)


def render(artefact: ToolArtefact) -> Rendered:
    """The chart and its reading, or the reason there is none. Cached by content."""
    key = (
        "artefact:"
        + hashlib.sha256(
            json.dumps(
                [
                    drawing.RENDER_VERSION,
                    artefact.tool,
                    artefact.title,
                    artefact.rows,
                    artefact.options,
                ],
                sort_keys=True,
            ).encode()
        ).hexdigest()
    )
    cached = cache.get(key)
    if cached is not None:
        return Rendered(**cached)
    result = _render(artefact)
    cache.set(key, result.__dict__, RENDER_CACHE_SECONDS)
    return result


def _render(artefact: ToolArtefact) -> Rendered:
    parsed = parse(artefact)
    if not parsed.ok:
        errors = [
            {"row": e.row, "column": e.column, "message": e.message, "text": e.text()}
            for e in parsed.errors
        ]
        shown = "; ".join(str(e["text"]) for e in errors[:5])
        more = len(errors) - 5
        message = _("Grafik belum dapat dibuat. Perbaiki sel yang ditandai: %(list)s") % {
            "list": shown
        }
        if more > 0:
            message += " " + _("(dan %(n)d lainnya)") % {"n": more}
        return Rendered(message=message, errors=errors)
    try:
        result = compute(artefact.tool, parsed, artefact.options)
        chart = drawing.draw(artefact.tool, result, artefact.options, artefact.title)
    except (ToolDataError, ValueError) as exc:
        return Rendered(message=str(getattr(exc, "message", None) or exc))
    return Rendered(svg=chart.svg, reading=chart.reading, alt=chart.alt)


def png(artefact: ToolArtefact, dpi: int = 300) -> bytes | None:
    """The chart as PNG for Word, or None when the data cannot be drawn yet."""
    parsed = parse(artefact)
    if not parsed.ok:
        return None
    try:
        result = compute(artefact.tool, parsed, artefact.options)
        return drawing.draw(artefact.tool, result, artefact.options, artefact.title).png(dpi)
    except (ToolDataError, ValueError):
        return None


# --- import and export ---------------------------------------------------------------------


def export_xlsx(artefact: ToolArtefact) -> bytes:
    spec = TOOL_SPECS[artefact.tool]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Data"
    sheet.append([str(c.label) for c in spec.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F0")
    for row in artefact.rows:
        sheet.append([_typed(value) for value in row])
    for index, _column in enumerate(spec.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 22
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _typed(value: str) -> Any:
    """Numbers go back to Excel as numbers, text as text."""
    from .grids import parse_number

    text = (value or "").strip()
    if not text or any(ch.isalpha() for ch in text.replace("Rp", "")):
        return text
    try:
        number = parse_number(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() else number


@dataclass
class UploadedTable:
    sheets: list[str]
    headers: list[str]
    rows: list[list[str]]


def read_upload(content: bytes, filename: str, sheet: str | None = None) -> UploadedTable:
    """Read an XLSX (any sheet) or CSV file into header + rows of text."""
    from tulta.organizations.imports import ImportFileError, _cell_text

    if content[:4] == b"PK\x03\x04":
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # a damaged file raises many kinds
            raise ValidationError(_("Berkas XLSX tidak dapat dibaca: %s") % exc) from exc
        names = workbook.sheetnames
        chosen = workbook[sheet] if sheet in names else workbook.worksheets[0]
        raw = [[_text(_cell_text(v)) for v in row] for row in chosen.iter_rows(values_only=True)]
    else:
        if b"\x00" in content[:2048]:
            raise ValidationError(_("Berkas harus XLSX atau CSV."))
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("cp1252", errors="replace")
        try:
            dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        names = []
        raw = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    raw = [r for r in raw if any(c.strip() for c in r)]
    if not raw:
        raise ImportFileError(_("Berkas kosong."))
    width = max(len(r) for r in raw)
    raw = [r + [""] * (width - len(r)) for r in raw]
    return UploadedTable(sheets=names, headers=raw[0], rows=raw[1:])


def _text(value: Any) -> str:
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def guess_mapping(code: str, headers: list[str]) -> dict[str, int | None]:
    """Which file column fills each tool column, guessed from the header names."""
    spec = TOOL_SPECS[code]
    lowered = [h.strip().lower() for h in headers]
    mapping: dict[str, int | None] = {}
    for index, column in enumerate(spec.columns):
        label = str(column.label).lower()
        names = {column.key.lower(), label, label.split(" (")[0]}
        found = next((i for i, h in enumerate(lowered) if h in names), None)
        if found is None and index < len(headers) and len(headers) == len(spec.columns):
            found = index
        mapping[column.key] = found
    return mapping


def apply_mapping(
    code: str, table: UploadedTable, mapping: dict[str, int | None]
) -> list[list[str]]:
    spec = TOOL_SPECS[code]
    return [
        [row[mapping[c.key]] if mapping.get(c.key) is not None else "" for c in spec.columns]  # type: ignore[index]
        for row in table.rows
    ]
