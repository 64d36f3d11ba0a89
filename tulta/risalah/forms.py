from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tulta.accounts.models import Role, User
from tulta.organizations.forms import DateInput
from tulta.organizations.models import Membership, Team, Unit

from .models import Attachment, Meeting, Method, MethodStep, Programme, Risalah


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = [
            "name",
            "year",
            "method",
            "starts_on",
            "ends_on",
            "is_open",
            "sequential",
            "units",
            "finance_verifiers",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "units": forms.CheckboxSelectMultiple,
            "finance_verifiers": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, government_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        method = self.fields["method"]
        units = self.fields["units"]
        assert isinstance(method, forms.ModelChoiceField)
        assert isinstance(units, forms.ModelMultipleChoiceField)
        method.queryset = Method.objects.filter(Q(government=None) | Q(government_id=government_id))
        units.queryset = Unit.objects.filter(government_id=government_id).order_by("kind", "name")
        verifiers = self.fields["finance_verifiers"]
        assert isinstance(verifiers, forms.ModelMultipleChoiceField)
        # Only people of this government: a finance verifier of another pemda does not exist.
        verifiers.queryset = User.objects.filter(
            government_id=government_id, is_active=True
        ).order_by("full_name")
        if self.instance.pk and self.instance.risalah_set.exists():
            method.disabled = True


class DeadlinesForm(forms.Form):
    """One optional date per step of the programme's method."""

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = {d.step_number: d.due_on for d in programme.deadlines.all()}
        for step in programme.method.steps.all():
            self.fields[f"step_{step.number}"] = forms.DateField(
                label=f"{step.number}. {step.title}",
                required=False,
                initial=current.get(step.number),
                widget=DateInput(),
            )

    def deadlines(self) -> dict[int, Any]:
        return {int(k.split("_")[1]): v for k, v in self.cleaned_data.items()}


class MethodStepForm(forms.ModelForm):
    requirements_text = forms.CharField(
        label=_("Isi wajib"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Satu bagian per baris: kode | judul bagian, misalnya: tema | Tema terpilih"),
    )

    class Meta:
        model = MethodStep
        fields = ["title", "guidance"]
        widgets = {"guidance": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial["requirements_text"] = "\n".join(
            f"{r['code']} | {r['label']}" for r in self.instance.requirements
        )

    def clean_requirements_text(self) -> list[dict[str, str]]:
        result = []
        seen = set()
        for number, line in enumerate(self.cleaned_data["requirements_text"].splitlines(), 1):
            if not line.strip():
                continue
            code, sep, label = line.partition("|")
            code = code.strip().lower().replace(" ", "_")
            if not sep or not code or not label.strip():
                raise forms.ValidationError(
                    _("Baris %(n)d: tulis kode | judul bagian.") % {"n": number}
                )
            if code in seen:
                raise forms.ValidationError(
                    _("Baris %(n)d: kode %(code)s dipakai dua kali.") % {"n": number, "code": code}
                )
            seen.add(code)
            result.append({"code": code, "label": label.strip(), "help": ""})
        return result


class RisalahStartForm(forms.ModelForm):
    class Meta:
        model = Risalah
        fields = [
            "team", "programme", "tema", "judul", "indicator_name", "indicator_unit",
            "indicator_direction",
        ]  # fmt: skip

    def __init__(self, *args: Any, teams: Any, programmes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team = self.fields["team"]
        programme = self.fields["programme"]
        assert isinstance(team, forms.ModelChoiceField)
        assert isinstance(programme, forms.ModelChoiceField)
        team.queryset = teams
        team.label = _("Kelompok")
        programme.queryset = programmes
        self.fields["judul"].widget = forms.Textarea(attrs={"rows": 2})


class RisalahForm(forms.ModelForm):
    class Meta:
        model = Risalah
        fields = ["tema", "judul", "indicator_name", "indicator_unit", "indicator_direction"]
        widgets = {"judul": forms.Textarea(attrs={"rows": 2})}


class MentorForm(forms.Form):
    mentor = forms.ModelChoiceField(
        label=_("Pendamping"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("— belum ada —"),
    )

    def __init__(self, *args: Any, government_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["mentor"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(
            government_id=government_id, role_grants__role=Role.MENTOR, is_active=True
        ).order_by("full_name")


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["held_on", "duration_minutes", "place", "agenda", "minutes", "attendees"]
        widgets = {
            "held_on": DateInput(),
            "minutes": forms.Textarea(attrs={"rows": 6}),
            "attendees": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, team: Team, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        attendees = self.fields["attendees"]
        assert isinstance(attendees, forms.ModelMultipleChoiceField)
        attendees.queryset = User.objects.filter(
            pk__in=Membership.objects.filter(team=team).values("user_id")
        ).order_by("full_name")
        attendees.label = _("Anggota yang hadir")
        self.fields["duration_minutes"].widget.attrs.update({"min": 1, "max": 1440})


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis lampiran"), choices=Attachment.Kind.choices)
    title = forms.CharField(label=_("Judul"), max_length=200, required=False)
    file = forms.FileField(
        label=_("Berkas (PDF, JPEG, PNG, DOCX, XLSX; maks. 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"}),
    )
