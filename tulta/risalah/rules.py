"""The workflow's read-only rules: which step is open, what it still lacks, whether it may change.

Nothing here writes. Services call the ``check_*`` functions before a change (they raise
``ValidationError`` with the Indonesian reason); selectors and views call the predicates to show
what the user may do. Keeping them apart from ``services.py`` lets readers depend on the rules
without depending on the code that writes.
"""

from __future__ import annotations

import functools

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext as _

from tulta.core import sql
from tulta.core.richtext import is_blank

from .models import Risalah, RisalahStep

S = RisalahStep.State

#: The states in which a step's content (sections, tools) may still change.
EDITABLE_STEP_STATES = (S.DRAFT, S.RETURNED)


def check_risalah_editable(risalah: Risalah) -> None:
    """Raise ValidationError when the risalah is final or its programme is closed."""
    if risalah.is_final:
        raise ValidationError(_("Risalah sudah final; isinya tidak dapat diubah lagi."))
    if not risalah.programme.is_open:
        raise ValidationError(_("Program sudah ditutup; risalah tidak dapat diubah."))


def step_is_open(step: RisalahStep, steps: list[RisalahStep] | None = None) -> bool:
    """Whether the team may work on this step now (sequential programmes open one by one).

    With ``steps`` (all steps of the risalah, already loaded) it asks no query; without, one.
    """
    if not step.risalah.programme.sequential:
        return True
    if steps is None:
        return not sql.fetch(
            _unapproved_earlier_step_sql(connection.vendor),
            [step.risalah_id, step.number, S.APPROVED.value],
        )
    return all(s.state == S.APPROVED for s in steps if s.number < step.number)


@functools.cache
def _unapproved_earlier_step_sql(vendor: str) -> str:
    """Any earlier step of the risalah not approved yet (see ``tulta.core.sql``): every save of a
    step in a sequential programme asks."""
    col = sql.column
    return (
        f"SELECT 1 FROM {sql.table(RisalahStep)} "  # noqa: S608
        f"WHERE {col(RisalahStep, 'risalah')} = %s AND {col(RisalahStep, 'number')} < %s "
        f"AND {col(RisalahStep, 'state')} <> %s LIMIT 1"
    )


def step_missing(step: RisalahStep) -> list[str]:
    """The labels of required sections that are still empty."""
    sections = step.sections
    return [
        req["label"]
        for req in step.method_step.requirements
        if is_blank(sections.get(req["code"], ""))
    ]


def check_step_editable(step: RisalahStep) -> None:
    """Raise ValidationError (with the reason) unless the step's content may change now: the
    risalah is not final, its programme is open, the step is draft or returned, and (in a
    sequential programme) every earlier step is approved."""
    check_risalah_editable(step.risalah)
    if step.state not in EDITABLE_STEP_STATES:
        raise ValidationError(
            _("Langkah %(n)d sedang %(state)s; isinya tidak dapat diubah.")
            % {"n": step.number, "state": step.get_state_display()}
        )
    if not step_is_open(step):
        raise ValidationError(
            _("Langkah %(n)d belum terbuka: langkah sebelumnya harus disetujui dulu.")
            % {"n": step.number}
        )
