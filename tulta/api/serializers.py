"""What the API reads and writes. Writes are validated here for shape and type only; the rules
live in the services the views call, so the API and the pages cannot disagree."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tulta.accounts.models import User
from tulta.competitions.models import Competition, Criterion, Entry, Round, Score
from tulta.impact.models import Indicator
from tulta.impact.selectors import verdict_for
from tulta.organizations.models import Government, Membership, Team, Unit
from tulta.risalah.models import Programme, Risalah, RisalahStep, ToolArtefact

from .fields import CalendarDateField


class StrictCharField(serializers.CharField):
    """Text, and only text: a number or a boolean is refused, not turned into "5" or "True"."""

    default_error_messages = {"invalid": _("Harus berupa teks.")}

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


# Strict serializers refuse keys they cannot write: an unknown key (a typo) or a read-only one
# (``judge`` in a score) is a 400 naming the key, never silently dropped. (A comment, not a
# docstring: drf-spectacular would print a docstring on every subclass's schema.)
class StrictSerializer(serializers.Serializer):
    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            errors: dict[str, list[Any]] = {}
            for key in sorted(str(key) for key in data):
                field = self.fields.get(key)
                if field is None:
                    errors[key] = [_("Kolom tidak dikenal.")]
                elif field.read_only:
                    errors[key] = [_("Kolom ini hanya dapat dibaca dan tidak boleh dikirim.")]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


class StrictModelSerializer(StrictSerializer, serializers.ModelSerializer):
    # Model dates are read as the pages read them ("2026-02-30" does not exist); text must be
    # text (an integer ``tema`` is refused, not turned into "5").
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateField: CalendarDateField,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
        models.SlugField: StrictCharField,
    }


def _government_id(serializer: serializers.Serializer) -> int | None:
    request = serializer.context.get("request")
    return getattr(getattr(request, "user", None), "government_id", None)


class GovernmentScoped(serializers.PrimaryKeyRelatedField):
    """A foreign key that only accepts objects of the requesting user's government: another
    government's id reads as "does not exist", exactly as on the pages."""

    def __init__(self, model: Any, lookup: str, **kwargs: Any) -> None:
        self.model = model
        self.lookup = lookup
        kwargs.setdefault("queryset", model.objects.none())
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        # distinct: a lookup through a many-side (a criterion's rubric is used by many rounds)
        # would otherwise find one object several times.
        return self.model.objects.filter(**{self.lookup: _government_id(self.root)}).distinct()


# --- organisation ---------------------------------------------------------------------------


class GovernmentSerializer(serializers.ModelSerializer):
    official_name = serializers.CharField(read_only=True)

    class Meta:
        model = Government
        fields = ["id", "name", "official_name", "kind", "province", "slug"]


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "full_name", "position", "unit"]


class UnitSerializer(StrictModelSerializer):
    parent = GovernmentScoped(Unit, "government_id", allow_null=True, required=False)
    head = GovernmentScoped(User, "government_id", allow_null=True, required=False)

    class Meta:
        model = Unit
        fields = ["id", "name", "kind", "parent", "head", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]


class MemberSerializer(StrictSerializer):
    user = GovernmentScoped(User, "government_id")
    role = serializers.ChoiceField(choices=Membership.Role.choices)
    full_name = serializers.CharField(source="user.full_name", read_only=True)


class TeamSerializer(StrictModelSerializer):
    unit = GovernmentScoped(Unit, "government_id")
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    members = MemberSerializer(many=True, source="memberships", required=False)
    warnings = serializers.SerializerMethodField()

    class Meta:
        model = Team
        fields = [
            "id",
            "unit",
            "unit_name",
            "name",
            "decree_number",
            "decree_date",
            "formed_on",
            "is_active",
            "members",
            "warnings",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_warnings(self, team: Team) -> list[str]:
        return list(getattr(team, "api_warnings", []))

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is None and "memberships" not in attrs:
            raise serializers.ValidationError(
                {"members": [_("Daftar anggota wajib diisi; kelompok harus memiliki ketua.")]}
            )
        return attrs


# --- programmes and risalah -----------------------------------------------------------------


class DeadlineSerializer(serializers.Serializer):
    step_number = serializers.IntegerField()
    due_on = serializers.DateField()


class ProgrammeSerializer(serializers.ModelSerializer):
    method = serializers.CharField(source="method.name", read_only=True)
    deadlines = DeadlineSerializer(many=True, read_only=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "name",
            "year",
            "method",
            "starts_on",
            "ends_on",
            "is_open",
            "sequential",
            "units",
            "deadlines",
        ]


class StepSummarySerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="method_step.title", read_only=True)

    class Meta:
        model = RisalahStep
        fields = ["number", "title", "state", "version", "updated_at"]


class RisalahSerializer(StrictModelSerializer):
    team = GovernmentScoped(Team, "unit__government_id")
    programme = GovernmentScoped(Programme, "government_id")
    steps = StepSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Risalah
        fields = [
            "id",
            "team",
            "programme",
            "tema",
            "judul",
            "indicator_name",
            "indicator_unit",
            "indicator_direction",
            "mentor",
            "state",
            "finalized_at",
            "steps",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["mentor", "state", "finalized_at", "created_at", "updated_at"]


class RisalahUpdateSerializer(StrictModelSerializer):
    class Meta:
        model = Risalah
        fields = ["tema", "judul", "indicator_name", "indicator_unit", "indicator_direction"]


class StepSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="method_step.title", read_only=True)
    sections = serializers.DictField(child=serializers.CharField(allow_blank=True), read_only=True)
    updated_by = serializers.CharField(source="updated_by.full_name", read_only=True, default="")

    class Meta:
        model = RisalahStep
        fields = [
            "number",
            "title",
            "state",
            "sections",
            "version",
            "updated_by",
            "updated_at",
            "submitted_at",
            "reviewed_at",
        ]


class StepSaveSerializer(StrictSerializer):
    sections = serializers.DictField(
        child=StrictCharField(allow_blank=True, max_length=200_000),
        help_text=_("Isi per bagian (kode bagian → HTML aman); bagian yang tidak dikirim tetap."),
    )
    base_version = serializers.IntegerField(
        min_value=0, help_text=_("Versi langkah yang menjadi dasar suntingan ini.")
    )
    note = StrictCharField(required=False, allow_blank=True, max_length=200)


class ReviewSerializer(StrictSerializer):
    comment = StrictCharField(required=False, allow_blank=True, max_length=5000)


class ArtefactSerializer(serializers.ModelSerializer):
    step = serializers.IntegerField(source="step.number", read_only=True)

    class Meta:
        model = ToolArtefact
        fields = ["id", "step", "tool", "title", "rows", "options", "version", "updated_at"]


# --- impact ---------------------------------------------------------------------------------


class VerdictSerializer(serializers.Serializer):
    """The before/after verdict (tulta.stats.compare) of an indicator's raw data."""

    valid = serializers.BooleanField(help_text=_("Apakah uji dapat dijalankan."))
    errors = serializers.ListField(child=serializers.CharField())
    reason = serializers.CharField(help_text=_("Mengapa uji belum dijalankan."))
    test = serializers.CharField()
    method = serializers.CharField()
    before = serializers.FloatField(allow_null=True)
    after = serializers.FloatField(allow_null=True)
    change = serializers.FloatField(allow_null=True)
    percent_change = serializers.FloatField(allow_null=True)
    p_value = serializers.FloatField(allow_null=True)
    significant = serializers.BooleanField()
    improved = serializers.BooleanField()
    target_reached = serializers.BooleanField(allow_null=True)
    sentence = serializers.CharField(help_text=_("Kesimpulan dalam Bahasa Indonesia."))


class IndicatorSerializer(StrictModelSerializer):
    baseline = serializers.ListField(
        child=StrictCharField(max_length=50, allow_blank=True), max_length=10_000
    )
    after = serializers.ListField(
        child=StrictCharField(max_length=50, allow_blank=True),
        max_length=10_000,
        required=False,
        default=list,
    )
    verdict = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "id",
            "is_primary",
            "name",
            "kind",
            "unit",
            "direction",
            "data_form",
            "statistic",
            "annual_volume",
            "target",
            "baseline",
            "after",
            "verdict",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]

    @extend_schema_field(VerdictSerializer)
    def get_verdict(self, indicator: Indicator) -> dict[str, Any]:
        verdict = verdict_for(indicator)
        c = verdict.comparison
        return VerdictSerializer(
            {
                "valid": verdict.valid,
                "errors": verdict.errors,
                "reason": verdict.reason,
                "test": c.test if c else "",
                "method": verdict.method,
                "before": c.before if c else None,
                "after": c.after if c else None,
                "change": c.change if c else None,
                "percent_change": c.percent_change if c else None,
                "p_value": c.p_value if c else None,
                "significant": bool(c and c.significant),
                "improved": verdict.improved,
                "target_reached": verdict.target_reached,
                "sentence": c.verdict if c else "",
            }
        ).data


# --- competitions ---------------------------------------------------------------------------


class RoundSerializer(serializers.ModelSerializer):
    class Meta:
        model = Round
        fields = ["id", "number", "name", "kind", "state", "rubric", "closed_at"]


class CompetitionSerializer(serializers.ModelSerializer):
    rounds = RoundSerializer(many=True, read_only=True)

    class Meta:
        model = Competition
        fields = [
            "id",
            "programme",
            "name",
            "category",
            "eligible_unit_kinds",
            "decides_by",
            "voting_open",
            "results_public",
            "rounds",
        ]


class EntrySerializer(serializers.ModelSerializer):
    team_name = serializers.CharField(source="team.name", read_only=True)
    unit_name = serializers.CharField(source="team.unit.name", read_only=True)

    class Meta:
        model = Entry
        fields = [
            "id",
            "competition",
            "risalah",
            "team",
            "team_name",
            "unit_name",
            "status",
            "rejection_reason",
        ]


class EntryCreateSerializer(StrictSerializer):
    risalah = GovernmentScoped(Risalah, "team__unit__government_id")


class ScoreSerializer(StrictModelSerializer):
    round = GovernmentScoped(Round, "competition__programme__government_id")
    entry = GovernmentScoped(Entry, "competition__programme__government_id")
    # A criterion counts as existing only in a rubric used by the government's rounds: another
    # government's criterion, or a seeded template's, answers exactly like a missing id.
    criterion = GovernmentScoped(Criterion, "rubric__rounds__competition__programme__government_id")
    value = serializers.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        model = Score
        fields = ["id", "round", "entry", "judge", "criterion", "value", "updated_at"]
        read_only_fields = ["judge", "updated_at"]
