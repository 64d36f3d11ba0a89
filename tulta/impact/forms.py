from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tulta.core.fields import AngkaBulatField, AngkaField
from tulta.organizations.models import Team, Unit
from tulta.risalah.models import Programme

from .measurements import split_lines
from .models import Indicator

DATA_HELP = _(
    "Satu pengukuran per baris; boleh ditempel dari satu kolom Excel. Untuk tingkat kesalahan "
    "tulis kejadian/jumlah per periode, misalnya 3/120."
)


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Nama indikator"), max_length=200)
    kind = forms.ChoiceField(label=_("Jenis"), choices=Indicator.Kind.choices)
    unit = forms.ChoiceField(label=_("Satuan"), choices=Indicator.Unit.choices)
    direction = forms.ChoiceField(label=_("Arah perbaikan"), choices=Indicator.Direction.choices)
    data_form = forms.ChoiceField(label=_("Bentuk data"), choices=Indicator.DataForm.choices)
    statistic = forms.ChoiceField(label=_("Ukuran pembanding"), choices=Indicator.Statistic.choices)
    annual_volume = AngkaBulatField(
        label=_("Volume layanan per tahun"),
        help_text=_("Berapa kali layanan ini diberikan dalam setahun."),
    )
    target = AngkaField(label=_("Sasaran"), required=False)
    baseline = forms.CharField(
        label=_("Data sebelum perbaikan"), widget=forms.Textarea(attrs={"rows": 8}),
        required=False, help_text=DATA_HELP,
    )  # fmt: skip
    after = forms.CharField(
        label=_("Data sesudah perbaikan"), widget=forms.Textarea(attrs={"rows": 8}),
        required=False, help_text=DATA_HELP,
    )  # fmt: skip
    after_unit = forms.ChoiceField(
        label=_("Satuan data sesudah"),
        choices=Indicator.Unit.choices,
        help_text=_("Harus sama dengan satuan indikator."),
    )

    def clean_annual_volume(self) -> int:
        value: int = self.cleaned_data["annual_volume"]
        if value < 0:
            raise forms.ValidationError(_("Volume layanan per tahun tidak boleh negatif."))
        return value

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["baseline"] = split_lines(data["baseline"])
        data["after"] = split_lines(data["after"])
        return data

    @staticmethod
    def initial_for(indicator: Indicator) -> dict[str, Any]:
        return {
            **{
                f: getattr(indicator, f)
                for f in ("name", "kind", "unit", "direction", "data_form", "statistic",
                          "annual_volume", "target")
            },
            "baseline": "\n".join(indicator.baseline),
            "after": "\n".join(indicator.after),
            "after_unit": indicator.unit,
        }  # fmt: skip


class PublishForm(forms.Form):
    summary = forms.CharField(
        label=_("Ringkasan untuk katalog"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class ShowcaseFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Kata kunci"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    unit_kind = forms.ChoiceField(
        label=_("Jenis unit"), required=False, choices=[("", _("Semua")), *Unit.Kind.choices]
    )
    indicator_kind = forms.ChoiceField(
        label=_("Jenis indikator"),
        required=False,
        choices=[("", _("Semua")), *Indicator.Kind.choices],
    )
    year = forms.TypedChoiceField(
        label=_("Tahun"), required=False, coerce=int, empty_value=None, choices=()
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = self.fields["year"]
        assert isinstance(year, forms.TypedChoiceField)
        year.choices = [("", _("Semua")), *((y, str(y)) for y in years)]


class ReplicateForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Kelompok"), queryset=Team.objects.none())
    programme = forms.ModelChoiceField(label=_("Program"), queryset=Programme.objects.none())

    def __init__(self, *args: Any, teams: Any, programmes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]
