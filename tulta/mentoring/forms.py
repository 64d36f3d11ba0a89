from __future__ import annotations

from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from tulta.accounts.models import User
from tulta.organizations.forms import DateInput
from tulta.organizations.models import Team

from .models import MentoringSession
from .services import ActionSpec


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} — {obj.unit.name}"


class AssignForm(forms.Form):
    team = TeamChoiceField(
        label=_("Kelompok"),
        queryset=Team.objects.none(),
        error_messages={"invalid_choice": _("Pilih kelompok dari daftar program ini.")},
    )
    mentor = forms.ModelChoiceField(
        label=_("Pendamping"),
        queryset=User.objects.none(),
        error_messages={"invalid_choice": _("Pilih pendamping dari daftar.")},
    )

    def __init__(self, *args: Any, teams: Any, mentors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team = self.fields["team"]
        mentor = self.fields["mentor"]
        assert isinstance(team, forms.ModelChoiceField)
        assert isinstance(mentor, forms.ModelChoiceField)
        team.queryset = teams
        mentor.queryset = mentors


class BulkAssignForm(forms.Form):
    mentors = forms.ModelMultipleChoiceField(
        label=_("Pendamping yang dibagi tugas"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih sedikitnya satu pendamping.")},
    )

    def __init__(self, *args: Any, mentors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["mentors"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = mentors


class SessionForm(forms.ModelForm):
    class Meta:
        model = MentoringSession
        fields = ["held_on", "mode", "place", "topic", "notes", "attendees", "follow_up"]
        widgets = {
            "held_on": DateInput(),
            "mode": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 5}),
            "attendees": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "held_on": {
                "required": _("Isi tanggal pendampingan."),
                "invalid": _("Tulis tanggal pendampingan yang benar."),
            },
            "topic": {"required": _("Isi topik pendampingan.")},
        }

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        attendees = self.fields["attendees"]
        assert isinstance(attendees, forms.ModelMultipleChoiceField)
        attendees.queryset = people
        attendees.label = _("Anggota yang hadir")


class ActionForm(forms.Form):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    description = forms.CharField(label=_("Tindakan"), max_length=300, required=False)
    owner = forms.ModelChoiceField(
        label=_("Penanggung jawab"), queryset=User.objects.none(), required=False
    )
    due_on = forms.DateField(label=_("Batas waktu"), required=False, widget=DateInput())
    done = forms.BooleanField(label=_("Selesai"), required=False)

    def __init__(self, *args: Any, owners: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = owners if owners is not None else User.objects.none()

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("description") and not data.get("owner") and not data.get("due_on")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("description") or data.get("owner") or data.get("due_on"):
            if not data.get("description"):
                self.add_error("description", _("Tulis apa yang disepakati."))
            if not data.get("owner"):
                self.add_error("owner", _("Pilih penanggung jawab."))
            if not data.get("due_on"):
                self.add_error("due_on", _("Isi batas waktunya."))
        return data


ActionFormSet = formset_factory(ActionForm, extra=0, max_num=30, absolute_max=40)


def action_formset(data: Any, *, owners: Any, initial: list[dict[str, Any]]) -> Any:
    formset = ActionFormSet(
        data, initial=initial, prefix="tindakan", form_kwargs={"owners": owners}
    )
    if data is None:
        formset.extra = 3
    return formset


def action_specs(formset: Any) -> list[ActionSpec]:
    """The filled rows of a valid action formset; empty rows are ignored."""
    return [
        ActionSpec(
            description=form.cleaned_data["description"],
            owner=form.cleaned_data["owner"],
            due_on=form.cleaned_data["due_on"],
            done=form.cleaned_data.get("done", False),
            pk=form.cleaned_data.get("pk"),
        )
        for form in formset.forms
        if not form.is_blank
    ]
