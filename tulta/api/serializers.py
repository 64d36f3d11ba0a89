"""What the API reads and writes. Writes are validated here for shape and type only; the rules
live in the services the views call, so the API and the pages cannot disagree."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from tulta.accounts.models import GRANTABLE_ROLES, User
from tulta.accounts.nip import normalize_nip
from tulta.competitions.models import (
    Assignment,
    Award,
    Category,
    Competition,
    Criterion,
    Entry,
    Round,
    Rubric,
    Score,
)
from tulta.competitions.rules import conflict_reason
from tulta.core.numbers import parse_number
from tulta.impact.models import Indicator
from tulta.impact.selectors import verdict_for
from tulta.mentoring.models import MentorAssignment, MentoringSession
from tulta.organizations.models import Government, Membership, Team, Unit
from tulta.risalah.models import Programme, Risalah, RisalahStep, ToolArtefact
from tulta.tools.grids import MAX_ROWS, parse_grid
from tulta.tools.registry import TOOLS, get_tool

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


# --- tools and their data -------------------------------------------------------------------


class ToolColumnSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    type = serializers.CharField(help_text="number | integer | date | category | text")
    required = serializers.BooleanField()
    minimum = serializers.FloatField(allow_null=True)
    maximum = serializers.FloatField(allow_null=True)
    unit = serializers.CharField()


class ToolOptionSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    kind = serializers.CharField(help_text="text | number | choice")
    choices = serializers.ListField(child=serializers.CharField())
    default = serializers.CharField()


class ToolSerializer(serializers.Serializer):
    """A tool of the registry (tulta.tools.catalogue): what its grid's columns and options are."""

    code = serializers.CharField()
    label = serializers.CharField()
    min_rows = serializers.IntegerField()
    columns = ToolColumnSerializer(many=True)
    options = ToolOptionSerializer(many=True)
    example = serializers.ListField(child=serializers.ListField(child=serializers.CharField()))


class CellErrorSerializer(serializers.Serializer):
    """A bad cell, named as the grid names it: row (from 1, as on screen) and column."""

    row = serializers.IntegerField()
    column = serializers.CharField()
    message = serializers.CharField()
    text = serializers.CharField()


class ArtefactSerializer(serializers.ModelSerializer):
    step = serializers.IntegerField(source="step.number", read_only=True)
    errors = serializers.SerializerMethodField()

    class Meta:
        model = ToolArtefact
        fields = [
            "id",
            "step",
            "tool",
            "title",
            "rows",
            "options",
            "errors",
            "version",
            "updated_at",
        ]

    @extend_schema_field(CellErrorSerializer(many=True))
    def get_errors(self, artefact: ToolArtefact) -> list[dict[str, Any]]:
        """The bad cells of the stored grid (a grid saved on the page may hold some)."""
        return cell_errors(artefact.tool, artefact.rows)


def cell_errors(tool: str, rows: list[list[str]]) -> list[dict[str, Any]]:
    parsed = parse_grid(get_tool(tool).columns, rows)
    return [
        {"row": e.row, "column": e.column, "message": e.message, "text": e.text()}
        for e in parsed.errors
    ]


class GridRowsField(serializers.ListField):
    """The grid: rows of cell text in the tool's column order, at most ``MAX_ROWS`` rows."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "child",
            serializers.ListField(child=StrictCharField(allow_blank=True, max_length=500)),
        )
        kwargs.setdefault("max_length", MAX_ROWS)
        super().__init__(**kwargs)


class ArtefactWriteSerializer(StrictSerializer):
    """The grid and options of a tool, checked as the grid checks them: every bad cell is named
    by its row (from 1, as on screen) and column key, ``{"rows": {"2": {"jumlah": ["Baris 2,
    kolom “Jumlah”: “banyak” bukan angka"]}}}``, and nothing is saved while one is bad."""

    rows = GridRowsField(required=False)
    options = serializers.DictField(
        child=StrictCharField(allow_blank=True, max_length=300), required=False
    )
    title = StrictCharField(required=False, allow_blank=True, max_length=200)

    def check_against(self, tool: str, attrs: dict[str, Any]) -> None:
        """Refuse cells and options the tool's registry entry refuses (a 400 naming them)."""
        spec = get_tool(tool)
        errors: dict[str, Any] = {}
        rows = attrs.get("rows")
        if rows is not None:
            width = len(spec.columns)
            wide = [n for n, row in enumerate(rows, start=1) if len(row) > width]
            if wide:
                errors["rows"] = [
                    _(
                        "Baris %(row)d berisi %(cells)d sel; alat ini hanya %(width)d kolom: "
                        "%(cols)s."
                    )
                    % {
                        "row": n,
                        "cells": len(rows[n - 1]),
                        "width": width,
                        "cols": ", ".join(c.key for c in spec.columns),
                    }
                    for n in wide[:5]
                ]
            else:
                bad = parse_grid(spec.columns, rows).errors
                if bad:
                    # As the grid marks them: row (from 1, as on screen) → column → message.
                    cells: dict[str, dict[str, list[str]]] = {}
                    for e in bad:
                        cells.setdefault(str(e.row), {}).setdefault(e.column, []).append(e.text())
                    errors["rows"] = cells
        options = attrs.get("options")
        if options is not None:
            known = {o.key: o for o in spec.options}
            option_errors: dict[str, list[str]] = {}
            for key, value in options.items():
                option = known.get(key)
                if option is None:
                    option_errors[key] = [
                        _("Pengaturan ini tidak ada di alat ini; yang ada: %(known)s.")
                        % {"known": ", ".join(known) or "—"}
                    ]
                elif option.kind == "choice" and value not in {c for c, _l in option.choices}:
                    option_errors[key] = [
                        _("Pilih salah satu: %(choices)s.")
                        % {"choices": ", ".join(c for c, _l in option.choices)}
                    ]
                elif option.kind == "number" and value.strip():
                    try:
                        parse_number(value)
                    except ValueError:
                        option_errors[key] = [_("“%(v)s” bukan angka.") % {"v": value[:40]}]
            if option_errors:
                errors["options"] = option_errors
        if errors:
            raise serializers.ValidationError(errors)


class ArtefactCreateSerializer(ArtefactWriteSerializer):
    step = serializers.IntegerField(min_value=1, max_value=99, help_text=_("Nomor langkah."))
    # Text, not an enum: the tools are the registry's (GET tools/), and adding one must not
    # change the API's schema.
    tool = StrictCharField(max_length=40, help_text=_("Kode alat (lihat daftar alat)."))

    def validate_tool(self, value: str) -> str:
        if value not in TOOLS:
            raise serializers.ValidationError(
                _("Alat “%(t)s” tidak dikenal; yang ada: %(codes)s.")
                % {"t": value[:40], "codes": ", ".join(TOOLS)}
            )
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        self.check_against(attrs["tool"], attrs)
        return attrs


class ArtefactUpdateSerializer(ArtefactWriteSerializer):
    base_version = serializers.IntegerField(
        min_value=0, help_text=_("Versi alat yang menjadi dasar suntingan ini.")
    )


# --- rubrics --------------------------------------------------------------------------------


class CriterionSerializer(serializers.ModelSerializer):
    weight = serializers.DecimalField(max_digits=6, decimal_places=2, coerce_to_string=False)

    class Meta:
        model = Criterion
        fields = ["id", "code", "name", "weight", "min_score", "max_score", "levels", "position"]


class RubricSerializer(serializers.ModelSerializer):
    criteria = CriterionSerializer(many=True, read_only=True)
    is_template = serializers.SerializerMethodField()

    class Meta:
        model = Rubric
        fields = ["id", "code", "name", "description", "is_template", "criteria"]

    def get_is_template(self, rubric: Rubric) -> bool:
        return rubric.government_id is None


# --- users ----------------------------------------------------------------------------------


class UserDetailSerializer(serializers.ModelSerializer):
    """An employee. ``email`` and ``nip`` are present only for a reader who may see them (the
    programme admin of the government, as on the users page, and the user themself); for
    anyone else the two keys are absent."""

    # Not read-only (the serializer only answers): a read-only field is "required" in the
    # schema, and these two are absent for most readers.
    email = serializers.EmailField(required=False)
    nip = serializers.CharField(required=False, allow_null=True)
    roles = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "full_name", "position", "unit", "email", "nip", "roles", "is_active"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_roles(self, user: User) -> list[str]:
        return sorted(grant.role for grant in user.role_grants.all())

    def to_representation(self, user: User) -> dict[str, Any]:
        data = super().to_representation(user)
        may_see = self.context.get("may_see_personal")
        if may_see is None or not may_see(user):
            data.pop("email", None)
            data.pop("nip", None)
        return data


class UserCreateSerializer(StrictSerializer):
    full_name = StrictCharField(max_length=150)
    email = serializers.EmailField(max_length=254)
    nip = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=30,
        help_text=_("18 digit, boleh dengan spasi: 19850315 201001 1 001"),
    )
    position = StrictCharField(required=False, allow_blank=True, max_length=150)
    phone = StrictCharField(required=False, allow_blank=True, max_length=20)
    unit = GovernmentScoped(Unit, "government_id", allow_null=True, required=False)
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=[(r.value, r.label) for r in GRANTABLE_ROLES]),
        required=False,
        default=list,
        max_length=len(GRANTABLE_ROLES),
    )

    def validate_email(self, value: str) -> str:
        return value.strip().lower()

    def validate_nip(self, value: str) -> str | None:
        return normalize_nip(value or "") or None


class UserCreatedSerializer(UserDetailSerializer):
    temporary_password = serializers.CharField(
        read_only=True,
        help_text=_("Kata sandi sementara, hanya ditampilkan sekali; wajib diganti saat masuk."),
    )

    class Meta(UserDetailSerializer.Meta):
        fields = [*UserDetailSerializer.Meta.fields, "temporary_password"]


# --- mentoring ------------------------------------------------------------------------------


class MentorAssignmentSerializer(serializers.ModelSerializer):
    team_name = serializers.CharField(source="team.name", read_only=True)
    mentor_name = serializers.CharField(source="mentor.full_name", read_only=True)

    class Meta:
        model = MentorAssignment
        fields = [
            "id",
            "programme",
            "team",
            "team_name",
            "mentor",
            "mentor_name",
            "active",
            "assigned_at",
            "ended_at",
        ]


class MentorAssignmentCreateSerializer(StrictSerializer):
    programme = GovernmentScoped(Programme, "government_id")
    team = GovernmentScoped(Team, "unit__government_id")
    mentor = GovernmentScoped(User, "government_id")


class AgreedActionSerializer(StrictSerializer):
    id = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("Id tindakan yang diubah; tanpa id: tindakan baru."),
    )
    description = StrictCharField(max_length=300)
    owner = GovernmentScoped(User, "government_id")
    due_on = CalendarDateField()
    done = serializers.BooleanField(required=False, default=False)


class MentoringSessionSerializer(StrictModelSerializer):
    programme = GovernmentScoped(Programme, "government_id")
    team = GovernmentScoped(Team, "unit__government_id")
    attendees = GovernmentScoped(User, "government_id", many=True, required=False)
    actions = AgreedActionSerializer(many=True, required=False)

    class Meta:
        model = MentoringSession
        fields = [
            "id",
            "programme",
            "team",
            "mentor",
            "held_on",
            "mode",
            "place",
            "topic",
            "notes",
            "follow_up",
            "attendees",
            "actions",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["mentor", "created_at", "updated_at"]

    def to_representation(self, session: MentoringSession) -> dict[str, Any]:
        data = super().to_representation(session)
        data["actions"] = [
            {
                "id": a.pk,
                "description": a.description,
                "owner": a.owner_id,
                "due_on": a.due_on.isoformat(),
                "done": a.done,
            }
            # Sorted here: the list prefetches the actions, and order_by would query again.
            for a in sorted(session.actions.all(), key=lambda a: (a.due_on, a.pk))
        ]
        return data


class MentoringSessionUpdateSerializer(MentoringSessionSerializer):
    class Meta(MentoringSessionSerializer.Meta):
        read_only_fields = ["programme", "team", "mentor", "created_at", "updated_at"]


# --- competitions: what the organiser writes ------------------------------------------------


class UnitKindField(StrictCharField):
    """A unit kind (``Unit.Kind``), written as text: the schema lists the kinds in the unit's
    own ``kind``, and one list of choices keeps one name there."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", " | ".join(Unit.Kind.values))
        kwargs.setdefault("max_length", 16)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        if value not in Unit.Kind.values:
            raise serializers.ValidationError(
                _("“%(v)s” bukan jenis unit; pilih: %(kinds)s.")
                % {"v": value[:20], "kinds": ", ".join(Unit.Kind.values)}
            )
        return value


class CompetitionCreateSerializer(StrictSerializer):
    programme = GovernmentScoped(Programme, "government_id")
    name = StrictCharField(max_length=200)
    category = serializers.ChoiceField(choices=Category.choices)
    eligible_unit_kinds = serializers.ListField(
        child=UnitKindField(),
        required=False,
        default=list,
        max_length=len(Unit.Kind.choices),
        help_text=_("Kosong berarti semua jenis unit."),
    )
    decides_by = serializers.ChoiceField(
        choices=Competition.Decides.choices, required=False, default=Competition.Decides.RAW
    )


class CompetitionUpdateSerializer(StrictSerializer):
    decides_by = serializers.ChoiceField(choices=Competition.Decides.choices, required=False)
    voting_open = serializers.BooleanField(required=False)
    results_public = serializers.BooleanField(required=False)


class EntryCheckSerializer(StrictSerializer):
    accept = serializers.BooleanField(help_text=_("true: diterima; false: ditolak (beri alasan)."))
    reason = StrictCharField(required=False, allow_blank=True, max_length=2000)


# Named "Round" in the schema (its request body is RoundRequest): its ``kind`` is the round's.
@extend_schema_serializer(component_name="Round")
class RoundCreateSerializer(StrictSerializer):
    competition = GovernmentScoped(Competition, "programme__government_id")
    name = StrictCharField(max_length=150)
    kind = serializers.ChoiceField(choices=Round.Kind.choices)
    rubric = serializers.PrimaryKeyRelatedField(queryset=Rubric.objects.none())
    starts_at = serializers.DateTimeField(required=False, allow_null=True)
    yel_minutes = serializers.IntegerField(required=False, min_value=0, max_value=600)
    presentation_minutes = serializers.IntegerField(required=False, min_value=0, max_value=600)
    questions_minutes = serializers.IntegerField(required=False, min_value=0, max_value=600)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The rubrics the round form offers: the templates and the government's own.
        self.fields["rubric"].queryset = Rubric.objects.filter(
            models.Q(government=None) | models.Q(government_id=_government_id(self))
        )


class RoundCloseSerializer(StrictSerializer):
    exclude = serializers.DictField(
        child=StrictCharField(max_length=2000),
        required=False,
        default=dict,
        help_text=_(
            "Penugasan yang nilainya belum lengkap dan jurinya dikeluarkan: id penugasan → "
            "alasan. Celah lain membuat babak belum dapat ditutup."
        ),
    )

    def validate_exclude(self, value: dict[str, str]) -> dict[int, str]:
        result = {}
        for key, reason in value.items():
            if not key.isascii() or not key.isdigit() or len(key) > 18:
                raise serializers.ValidationError(
                    _("Kunci “%(key)s” harus id penugasan.") % {"key": key[:20]}
                )
            result[int(key)] = reason
        return result


class AssignmentSerializer(serializers.ModelSerializer):
    judge_name = serializers.CharField(source="judge.full_name", read_only=True)
    team_name = serializers.CharField(source="entry.team.name", read_only=True)
    conflict = serializers.SerializerMethodField()
    counts = serializers.BooleanField(read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "round",
            "entry",
            "team_name",
            "judge",
            "judge_name",
            "conflict",
            "counts",
            "excluded_reason",
        ]

    @extend_schema_field(
        serializers.CharField(
            help_text=_("Mengapa juri tidak boleh menilai peserta ini (kosong bila boleh).")
        )
    )
    def get_conflict(self, assignment: Assignment) -> str:
        # The judges' teams, read once for the whole list (a judge in no team has none).
        by_judge = self.context.get("judge_team_ids")
        team_ids = None if by_judge is None else by_judge.get(assignment.judge_id, set())
        return conflict_reason(assignment.judge, assignment.entry, assignment, team_ids=team_ids)


class AssignmentCreateSerializer(StrictSerializer):
    entry = GovernmentScoped(Entry, "competition__programme__government_id")
    judge = GovernmentScoped(User, "government_id")


class ExcludeSerializer(StrictSerializer):
    reason = StrictCharField(max_length=2000, help_text=_("Alasan juri dikeluarkan."))


class AwardSerializer(serializers.ModelSerializer):
    team_name = serializers.CharField(source="entry.team.name", read_only=True)

    class Meta:
        model = Award
        fields = [
            "id",
            "competition",
            "entry",
            "team_name",
            "kind",
            "rank",
            "code",
            "awarded_on",
            "signatory_name",
            "signatory_title",
        ]


class AwardsDecideSerializer(StrictSerializer):
    round = GovernmentScoped(Round, "competition__programme__government_id")
    harapan = serializers.IntegerField(required=False, default=3, min_value=0, max_value=20)
    awarded_on = CalendarDateField(required=False, allow_null=True, default=None)
    signatory_name = StrictCharField(required=False, allow_blank=True, max_length=150)
    signatory_title = StrictCharField(required=False, allow_blank=True, max_length=150)
