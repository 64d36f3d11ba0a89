"""Tool artefacts inside a step: create, save the grid (never losing what was typed), delete.

Permission is checked by the caller; these services guard the workflow: a tool can only change
while its step can (draft or returned, open, risalah not final), and a stale save never
overwrites a newer one. Parsing, computing, drawing and spreadsheets are ``tulta.tools``'s.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tulta.accounts.models import User
from tulta.core import audit
from tulta.core.formatting import angka
from tulta.tools.grids import MAX_ROWS
from tulta.tools.registry import TOOLS, get_tool

from .models import RisalahStep, ToolArtefact
from .rules import check_step_editable

MAX_COLUMNS_TEXT = 500


class ArtefactConflict(Exception):
    def __init__(self, current: ToolArtefact) -> None:
        super().__init__("artefact changed")
        self.current = current


def _clean_rows(rows: Any, width: int) -> list[list[str]]:
    if not isinstance(rows, list):
        raise ValidationError(_("Data tabel tidak terbaca."))
    result = []
    for row in rows:
        cells = [str(c)[:MAX_COLUMNS_TEXT] if c is not None else "" for c in list(row)[:width]]
        result.append(cells + [""] * (width - len(cells)))
    while result and not any(c.strip() for c in result[-1]):
        result.pop()
    if len(result) > MAX_ROWS:
        # Never cut silently: the rows past the limit would be lost without a word.
        raise ValidationError(
            _("Terlalu banyak baris: %(count)s baris, maksimal %(max)s baris per alat.")
            % {"count": angka(len(result)), "max": angka(MAX_ROWS)}
        )
    return result


def _clean_options(code: str, options: dict[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for option in get_tool(code).options:
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
def artefact_create(
    *,
    actor: User,
    step: RisalahStep,
    tool: str,
    title: str = "",
    rows: list[list[str]] | None = None,
    options: dict[str, Any] | None = None,
) -> ToolArtefact:
    """A new tool on ``step``: its example row and default options, or the ``rows`` and
    ``options`` given (the chart chooser's, from data the group pasted)."""
    if tool not in TOOLS:
        raise ValidationError(_("Alat “%(t)s” tidak dikenal.") % {"t": tool})
    check_step_editable(step)
    spec = get_tool(tool)
    artefact = ToolArtefact.objects.create(
        step=step,
        tool=tool,
        title=(title or str(spec.label)).strip()[:200],
        rows=[list(r) for r in spec.example]
        if rows is None
        else _clean_rows(rows, len(spec.columns)),
        options={o.key: o.default for o in spec.options}
        if options is None
        else _clean_options(tool, options),
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
    new_rows = _clean_rows(rows, len(get_tool(current.tool).columns))
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
