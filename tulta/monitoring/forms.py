"""The form behind 'Kirim pengingat' on the dashboard and the drill-down lists."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import NOTE_MAX


class ReminderForm(forms.Form):
    kelompok = forms.TypedMultipleChoiceField(
        label=_("Kelompok"),
        coerce=int,
        error_messages={
            "required": _("Pilih minimal satu kelompok."),
            "invalid_choice": _("Ada kelompok yang tidak dapat diingatkan dalam program ini."),
        },
    )
    catatan = forms.CharField(
        label=_("Catatan untuk anggota (boleh kosong)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: object, team_choices: Sequence[tuple[int, str]], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["kelompok"].choices = list(team_choices)  # type: ignore[attr-defined]
