from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tulta.accounts.models import GRANTABLE_ROLES, User
from tulta.accounts.nip import NipError, normalize_nip, parse_nip
from tulta.core.dates import parse_calendar_date

from .models import Government, Membership, Team, Unit
from .services import MemberSpec


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class CalendarDateField(forms.DateField):
    """A date field whose text is read by ``tulta.core.dates.parse_calendar_date``: an
    impossible date says so ("Tanggal 30 Februari 2026 tidak ada."), not "wrong format"."""

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, str):
            return parse_calendar_date(value) if value.strip() else None
        return super().to_python(value)


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["unit", "name", "decree_number", "decree_date", "formed_on", "is_active"]
        widgets = {"decree_date": DateInput(), "formed_on": DateInput()}
        field_classes = {"decree_date": CalendarDateField, "formed_on": CalendarDateField}

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = units

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        decree_date, formed_on = data.get("decree_date"), data.get("formed_on")
        if decree_date and formed_on and formed_on < decree_date:
            self.add_error("formed_on", gettext("Tanggal dibentuk tidak boleh sebelum tanggal SK."))
        return data


class UnitForm(forms.ModelForm):
    """A unit, the title its head signs with, and its own letterhead (kop) and logo."""

    class Meta:
        model = Unit
        fields = ["name", "kind", "parent", "head", "head_title", "address", "letterhead", "logo"]
        widgets = {"letterhead": forms.Textarea(attrs={"rows": 3})}

    def clean_logo(self) -> Any:
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "size") and logo.size > 2 * 1024 * 1024:
            raise forms.ValidationError(gettext("Logo lebih dari 2 MB; perkecil gambarnya."))
        return logo

    def __init__(self, *args: Any, government_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        head = self.fields["head"]
        assert isinstance(parent, forms.ModelChoiceField)
        assert isinstance(head, forms.ModelChoiceField)
        units = Unit.objects.filter(government_id=government_id)
        if self.instance.pk:
            units = units.exclude(pk=self.instance.pk)
        parent.queryset = units
        head.queryset = User.objects.filter(government_id=government_id, is_active=True)


class MemberForm(forms.Form):
    nip = forms.CharField(
        label=_("NIP anggota"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"list": "pegawai", "inputmode": "numeric"}),
    )
    role = forms.ChoiceField(
        label=_("Peran"), choices=Membership.Role.choices, initial=Membership.Role.ANGGOTA
    )


class BaseMemberFormSet(BaseFormSet):
    """Member rows; blank rows are ignored. Each problem is reported on its own row."""

    government_id: int

    def clean(self) -> None:
        if any(self.errors):
            return
        self.members: list[MemberSpec] = []
        rows: list[tuple[forms.Form, str, str]] = []
        for form in self.forms:
            raw = (form.cleaned_data or {}).get("nip", "")
            if not raw:
                continue
            rows.append((form, normalize_nip(raw), form.cleaned_data["role"]))
        nips = {nip for _, nip, _ in rows}
        users = {
            u.nip: u for u in User.objects.filter(government_id=self.government_id, nip__in=nips)
        }
        seen: dict[str, int] = {}
        ketua_rows = []
        for index, (form, nip, role) in enumerate(rows, start=1):
            try:
                parse_nip(nip)
            except NipError as exc:
                form.add_error("nip", exc.message)
                continue
            user = users.get(nip)
            if user is None:
                form.add_error(
                    "nip",
                    gettext("NIP %(nip)s tidak terdaftar sebagai pegawai pemda ini.")
                    % {"nip": nip},
                )
                continue
            if nip in seen:
                form.add_error(
                    "nip",
                    gettext("%(name)s sudah tercantum di baris %(row)d.")
                    % {"name": user.full_name, "row": seen[nip]},
                )
                continue
            seen[nip] = index
            if role == Membership.Role.KETUA:
                ketua_rows.append(form)
            self.members.append(MemberSpec(user=user, role=role))
        if any(f.errors for f in self.forms):
            return
        if not ketua_rows:
            raise forms.ValidationError(
                gettext("Tentukan tepat satu ketua: belum ada anggota berperan Ketua."),
                code="no_ketua",
            )
        if len(ketua_rows) > 1:
            for form in ketua_rows[1:]:
                form.add_error("role", gettext("Ketua sudah ada di baris lain; pilih peran lain."))


MemberFormSet = formset_factory(
    MemberForm, formset=BaseMemberFormSet, extra=0, min_num=1, max_num=40, absolute_max=60
)


def member_formset(
    data: Any, *, government_id: int, initial: list[dict[str, str]] | None = None
) -> BaseMemberFormSet:
    initial = initial or []
    # Always offer a few empty rows below the existing members (without JavaScript too).
    formset: BaseMemberFormSet = MemberFormSet(  # type: ignore[assignment]
        data,
        initial=initial,
        prefix="anggota",
        form_kwargs={},
    )
    if data is None:
        formset.extra = max(3, 5 - len(initial))
    formset.government_id = government_id
    return formset


class GovernmentForm(forms.ModelForm):
    """What the programme admin sets for documents and certificates: logo and letterhead, and
    the time zone the pemda's pages and documents keep."""

    class Meta:
        model = Government
        fields = ["logo", "letterhead", "time_zone"]
        widgets = {"letterhead": forms.Textarea(attrs={"rows": 4})}

    def clean_logo(self) -> Any:
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "size") and logo.size > 2 * 1024 * 1024:
            raise forms.ValidationError(gettext("Logo lebih dari 2 MB; perkecil gambarnya."))
        return logo


class UserForm(forms.ModelForm):
    """Create or edit a user of the admin's own government."""

    roles = forms.MultipleChoiceField(
        label=_("Peran"),
        required=False,
        choices=[(r.value, r.label) for r in GRANTABLE_ROLES],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kepala unit dan anggota KBK mengikuti data unit dan kelompok."),
    )

    nip = forms.CharField(
        label=_("NIP"),
        max_length=30,
        required=False,
        help_text=_("18 digit, boleh dengan spasi: 19850315 201001 1 001"),
    )

    class Meta:
        model = User
        fields = ["full_name", "email", "nip", "position", "phone", "unit", "is_active"]

    def __init__(self, *args: Any, government_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.government_id = government_id
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = Unit.objects.filter(government_id=government_id)
        if self.instance.pk:
            self.initial["roles"] = list(self.instance.role_grants.values_list("role", flat=True))

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean_nip(self) -> str | None:
        value = normalize_nip(self.cleaned_data.get("nip") or "")
        return value or None
