from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tulta.core.fields import AngkaBulatField, AngkaField, indonesian_formfield, show_number
from tulta.core.numbers import parse_number
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


def parse_bands(text: str) -> list[dict[str, Any]]:
    """ "Emas=85; Perak=75; Perunggu=67,5" → ``[{"name": "Emas", "min": 85.0}, ...]``, highest
    first. Raises ValidationError naming the part that is not ``name=number`` and for a name
    or a minimum given twice."""
    bands: list[dict[str, Any]] = []
    for part in [p.strip() for p in text.replace("\n", ";").split(";") if p.strip()]:
        name, sep, number = part.partition("=")
        if not sep:
            name, sep, number = part.partition("≥")
        try:
            low = parse_number(number)
        except ValueError:
            low = None
        if not sep or not name.strip() or low is None:
            raise forms.ValidationError(
                _("“%(part)s” bukan predikat=nilai minimum (mis. Emas=85).") % {"part": part}
            )
        if any(b["name"] == name.strip() or b["min"] == low for b in bands):
            raise forms.ValidationError(_("Predikat “%(part)s” ganda.") % {"part": part})
        bands.append({"name": name.strip(), "min": low})
    return sorted(bands, key=lambda b: -b["min"])


def show_bands(bands: list[dict[str, Any]]) -> str:
    return "; ".join(f"{b['name']}={show_number(b['min'])}" for b in bands)


class CompetitionSettingsForm(forms.ModelForm):
    bands_text = forms.CharField(
        label=_("Predikat"),
        required=False,
        help_text=_(
            "Predikat mutlak menurut nilai penentu, dipisah titik koma: Emas=85; Perak=75; "
            "Perunggu=65. Setiap kelompok yang mencapai nilai minimum mendapat predikatnya."
        ),
    )

    class Meta:
        model = Competition
        fields = ["decides_by", "voting_open", "results_public"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["bands_text"] = show_bands(self.instance.bands or [])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            data["bands"] = parse_bands(data.pop("bands_text", "") or "")
        except forms.ValidationError as exc:
            self.add_error("bands_text", exc)
        return data


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
