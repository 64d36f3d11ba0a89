from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tulta.core.fields import AngkaBulatField, AngkaField, indonesian_formfield
from tulta.organizations.models import Unit
from tulta.risalah.models import Programme

from .models import Competition, Round, Rubric


class CompetitionForm(forms.ModelForm):
    eligible_unit_kinds = forms.MultipleChoiceField(
        label=_("Jenis unit yang boleh ikut"),
        choices=Unit.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kosong berarti semua jenis unit."),
    )

    class Meta:
        model = Competition
        fields = ["programme", "name", "category", "eligible_unit_kinds", "decides_by"]
        labels = {"programme": _("Program")}

    def __init__(self, *args: Any, government_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(  # type: ignore[attr-defined]
            government_id=government_id
        )


class CompetitionSettingsForm(forms.ModelForm):
    class Meta:
        model = Competition
        fields = ["decides_by", "voting_open", "results_public"]


class RoundForm(forms.ModelForm):
    class Meta:
        model = Round
        formfield_callback = indonesian_formfield
        fields = [
            "name",
            "kind",
            "rubric",
            "starts_at",
            "yel_minutes",
            "presentation_minutes",
            "questions_minutes",
        ]
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}
        labels = {"rubric": _("Rubrik")}

    def __init__(self, *args: Any, government_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rubric"].queryset = Rubric.objects.filter(  # type: ignore[attr-defined]
            Q(government=None) | Q(government_id=government_id)
        )


class ShortlistForm(forms.Form):
    to_round = forms.ModelChoiceField(label=_("Ke babak"), queryset=Round.objects.none())
    top = AngkaBulatField(label=_("Peringkat teratas"), min_value=1, required=False)
    threshold = AngkaField(label=_("atau ambang nilai"), min_value=0, required=False)

    def __init__(self, *args: Any, round: Round, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_round"].queryset = round.competition.rounds.filter(  # type: ignore[attr-defined]
            number__gt=round.number
        )
