"""REST API v1. Every list comes from the same selectors as the pages, every object through the
same fetch-and-check helpers (404 for another government, 403 for an insider who may not change
it) and every write through the same services (audited, atomic)."""

from __future__ import annotations

from typing import Any

from axes.exceptions import AxesBackendPermissionDenied
from django import forms
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from tulta.accounts import services as accounts_services
from tulta.accounts.models import User
from tulta.competitions import permissions as competition_permissions
from tulta.competitions import selectors as competition_selectors
from tulta.competitions import services as competition_services
from tulta.competitions.models import (
    Assignment,
    Award,
    Competition,
    Criterion,
    Entry,
    Round,
    Rubric,
    Score,
)
from tulta.competitions.selectors import competitions_visible_to
from tulta.documents import services as document_services
from tulta.impact import permissions as impact_permissions
from tulta.impact import services as impact_services
from tulta.impact.models import Indicator
from tulta.mentoring import permissions as mentoring_permissions
from tulta.mentoring import services as mentoring_services
from tulta.mentoring.models import MentorAssignment, MentoringSession
from tulta.organizations import permissions as org_permissions
from tulta.organizations import services as org_services
from tulta.organizations.models import Government, Membership, Team, Unit
from tulta.organizations.selectors import (
    teams_visible_to,
    units_visible_to,
    users_for_member_picker,
)
from tulta.risalah import artefacts
from tulta.risalah import permissions as risalah_permissions
from tulta.risalah import services as risalah_services
from tulta.risalah.models import Programme, Risalah, RisalahStep, ToolArtefact
from tulta.risalah.selectors import programmes_visible_to, risalah_visible_to
from tulta.tools.registry import TOOLS

from . import serializers as s

MAX_ID = 10**18 - 1  # ids beyond 64-bit integers would overflow the database driver


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(filters.NumberFilter):
    """An object id: a whole number from 1, or a 400 naming the parameter."""


@extend_schema_field({"type": "integer", "minimum": 2000, "maximum": 2100})
class YearFilter(filters.NumberFilter):
    """A programme year."""


class StrictBooleanField(forms.NullBooleanField):
    """``true`` or ``false`` (or nothing): anything else is refused, not read as "no filter"."""

    widget = forms.TextInput

    def to_python(self, value: Any) -> bool | None:  # type: ignore[override]  # stubs: bool only
        if value in (None, ""):
            return None
        if value in ("true", "false"):
            return value == "true"
        raise DjangoValidationError(_("Harus true atau false."), code="invalid")

    def validate(self, value: Any) -> None:
        """Nothing more to check: ``to_python`` has refused anything but true, false or empty
        (NullBooleanField's own check would refuse the empty "no filter")."""


@extend_schema_field({"type": "boolean"})
class StrictBooleanFilter(filters.BooleanFilter):
    field_class = StrictBooleanField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The raw text reaches the field: DRF's BooleanWidget would read "ya" as no filter.
        kwargs["widget"] = forms.TextInput
        super().__init__(*args, **kwargs)


def id_filter(field_name: str | None = None) -> filters.NumberFilter:
    """Filter by an object id: a number, or a 400 naming the parameter."""
    return IdFilter(field_name=field_name, min_value=1, max_value=MAX_ID)


# --- sign-in -------------------------------------------------------------------------------


class TokenRequestSerializer(s.StrictSerializer):
    username = s.StrictCharField(help_text="Email atau NIP", max_length=254)
    password = s.StrictCharField(max_length=128, style={"input_type": "password"})


class TokenView(APIView):
    """Exchange an email or NIP and a password for an API token (the same throttling as the
    sign-in page: five wrong passwords lock the identifier for a while)."""

    permission_classes = [AllowAny]
    authentication_classes: list[type] = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: inline_serializer("Token", {"token": serializers.CharField()}),
            400: OpenApiResponse(description="Email/NIP atau kata sandi salah"),
            429: OpenApiResponse(description="Terlalu banyak percobaan gagal"),
        },
    )
    def post(self, request: Request) -> Response:
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            user = authenticate(
                request._request,
                username=data.validated_data["username"],
                password=data.validated_data["password"],
            )
        except AxesBackendPermissionDenied:
            user = None
        if getattr(request._request, "axes_locked_out", False):
            return Response(
                {"detail": _("Terlalu banyak percobaan masuk yang gagal; coba lagi nanti.")},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        if user is None or not user.is_active:
            return Response(
                {"non_field_errors": [_("Email/NIP atau kata sandi salah.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


# --- organisation --------------------------------------------------------------------------


class GovernmentViewSet(viewsets.ReadOnlyModelViewSet):
    """The user's own government (a platform super-admin sees every government)."""

    queryset = Government.objects.none()  # for the schema; the real one is get_queryset

    serializer_class = s.GovernmentSerializer
    filterset_fields = ["province", "kind"]

    def get_queryset(self) -> QuerySet[Government]:
        user = self.request.user
        governments = Government.objects.order_by("province", "name")
        if user.is_superuser:
            return governments
        return governments.filter(pk=user.government_id or 0)


class UserFilter(filters.FilterSet):
    unit = id_filter()

    class Meta:
        model = User
        fields = ["unit"]


class UserViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Employees of the user's government (name, position, unit), to pick team members. The
    programme admin sees every account of the government with its email, NIP and roles, as on
    the users page, and creates accounts (a temporary password is answered once); anyone else
    sees the member picker's list, with email and NIP only on their own account."""

    queryset = User.objects.none()  # for the schema; the real one is get_queryset

    filterset_class = UserFilter

    def get_serializer_class(self) -> type[Any]:
        if self.action == "create":
            return s.UserCreateSerializer
        return s.UserDetailSerializer

    def get_serializer_context(self) -> dict[str, Any]:
        user = self.request.user
        admin = org_permissions.can_manage_users(user)

        def may_see_personal(target: User) -> bool:
            return admin or target.pk == user.pk

        return {**super().get_serializer_context(), "may_see_personal": may_see_personal}

    def get_queryset(self) -> QuerySet[Any]:
        user = self.request.user
        if org_permissions.can_manage_users(user):
            users = User.objects.filter(government_id=user.government_id).order_by("full_name")
        else:
            # The member picker's people, and one's own account (also without a NIP).
            picker = users_for_member_picker(user.government_id).values("pk")
            users = User.objects.filter(
                Q(pk__in=picker) | Q(pk=user.pk), government_id=user.government_id
            ).order_by("full_name")
        return users.select_related("unit").prefetch_related("role_grants")

    def get_object(self) -> User:
        target = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if target is None:
            raise Http404
        return target

    @extend_schema(request=s.UserCreateSerializer, responses={201: s.UserCreatedSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not org_permissions.can_manage_users(request.user):
            raise PermissionDenied  # before validation: the refusal reveals no input rule
        data = s.UserCreateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        roles = fields.pop("roles")
        user, temp = accounts_services.user_create(
            actor=request.user, government_id=request.user.government_id, roles=roles, **fields
        )
        fresh = User.objects.prefetch_related("role_grants").get(pk=user.pk)
        fresh.temporary_password = temp  # type: ignore[attr-defined]  # answered once, not stored
        body = s.UserCreatedSerializer(fresh, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)


class UnitFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Unit.Kind.choices)
    parent = id_filter()
    q = filters.CharFilter(method="search", label="Cari nama unit")

    class Meta:
        model = Unit
        fields = ["kind", "parent"]

    def search(self, queryset: QuerySet[Unit], name: str, value: str) -> QuerySet[Unit]:
        return queryset.filter(name__icontains=value)


class UnitViewSet(viewsets.ModelViewSet):
    queryset = Unit.objects.none()  # for the schema; the real one is get_queryset
    serializer_class = s.UnitSerializer
    filterset_class = UnitFilter

    def get_queryset(self) -> QuerySet[Unit]:
        return units_visible_to(self.request.user)

    def get_object(self) -> Unit:
        write = self.request.method not in ("GET", "HEAD", "OPTIONS")
        return org_permissions.get_unit_for_user(self.request.user, self.kwargs["pk"], write=write)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not org_permissions.can_manage_units(request.user):
            raise PermissionDenied  # before validation: the refusal reveals no input rule
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer: s.UnitSerializer) -> None:
        user = self.request.user
        serializer.instance = org_services.unit_create(
            actor=user, government=user.government, **serializer.validated_data
        )

    def perform_update(self, serializer: s.UnitSerializer) -> None:
        serializer.instance = org_services.unit_update(
            actor=self.request.user, unit=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance: Unit) -> None:
        org_services.unit_delete(actor=self.request.user, unit=instance)


class TeamFilter(filters.FilterSet):
    unit = id_filter()
    unit_kind = filters.ChoiceFilter(field_name="unit__kind", choices=Unit.Kind.choices)
    is_active = StrictBooleanFilter()

    class Meta:
        model = Team
        fields = ["unit", "unit_kind", "is_active"]


def _member_specs(rows: list[dict[str, Any]]) -> list[org_services.MemberSpec]:
    return [org_services.MemberSpec(user=row["user"], role=row["role"]) for row in rows]


class TeamViewSet(viewsets.ModelViewSet):
    queryset = Team.objects.none()  # for the schema; the real one is get_queryset
    serializer_class = s.TeamSerializer
    filterset_class = TeamFilter

    def get_queryset(self) -> QuerySet[Team]:
        return teams_visible_to(self.request.user, active=None).prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("user"))
        )

    def get_object(self) -> Team:
        if self.request.method == "DELETE":
            team = org_permissions.get_team_for_user(self.request.user, self.kwargs["pk"])
            if not org_permissions.can_delete_team(self.request.user, team):
                raise PermissionDenied
            return team
        write = self.request.method not in ("GET", "HEAD", "OPTIONS")
        return org_permissions.get_team_for_user(self.request.user, self.kwargs["pk"], write=write)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not org_permissions.can_create_any_team(request.user):
            raise PermissionDenied  # before validation: the refusal reveals no input rule
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer: s.TeamSerializer) -> None:
        data = dict(serializer.validated_data)
        unit = data.pop("unit")
        if not org_permissions.can_create_team_in(self.request.user, unit):
            raise PermissionDenied
        members = _member_specs(data.pop("memberships"))
        result = org_services.team_create(
            actor=self.request.user, unit=unit, members=members, **data
        )
        result.team.api_warnings = result.warnings  # type: ignore[attr-defined]
        serializer.instance = result.team

    def perform_update(self, serializer: s.TeamSerializer) -> None:
        data = dict(serializer.validated_data)
        rows = data.pop("memberships", None)
        if "unit" in data and not org_permissions.can_create_team_in(
            self.request.user, data["unit"]
        ):
            raise PermissionDenied
        result = org_services.team_update(
            actor=self.request.user,
            team=serializer.instance,
            members=None if rows is None else _member_specs(rows),
            **data,
        )
        serializer.instance = Team.objects.prefetch_related("memberships__user").get(
            pk=result.team.pk
        )
        serializer.instance.api_warnings = result.warnings

    def perform_destroy(self, instance: Team) -> None:
        org_services.team_delete(actor=self.request.user, team=instance)


# --- programmes and risalah ----------------------------------------------------------------


class ProgrammeFilter(filters.FilterSet):
    year = YearFilter(min_value=2000, max_value=2100)
    is_open = StrictBooleanFilter()

    class Meta:
        model = Programme
        fields = ["year", "is_open"]


class ProgrammeViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Programme.objects.none()  # for the schema; the real one is get_queryset
    serializer_class = s.ProgrammeSerializer
    filterset_class = ProgrammeFilter

    def get_queryset(self) -> QuerySet[Programme]:
        return (
            programmes_visible_to(self.request.user)
            .prefetch_related("units", "deadlines")
            .order_by("-year", "name")
        )

    def get_object(self) -> Programme:
        return risalah_permissions.get_programme_for_user(self.request.user, self.kwargs["pk"])


class RisalahFilter(filters.FilterSet):
    programme = id_filter()
    team = id_filter()
    state = filters.ChoiceFilter(choices=Risalah.State.choices)

    class Meta:
        model = Risalah
        fields = ["programme", "team", "state"]


def _steps_prefetch() -> Prefetch[Any]:
    return Prefetch(
        "steps", queryset=RisalahStep.objects.select_related("method_step").order_by("number")
    )


def _may_start_or_enter(user: User) -> bool:
    """Whether the user could start a risalah or enter a competition for some team (the admin,
    or a team's ketua, sekretaris or fasilitator); the per-team check follows validation."""
    return (
        org_permissions.is_programme_admin(user)
        or Membership.objects.filter(user=user, role__in=risalah_permissions.STARTER_ROLES).exists()
    )


class RisalahViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Risalah the user may see; start one for a team (its ketua, sekretaris or fasilitator, or
    the admin); change its tema, judul and indicator; its steps, tools and indicators below."""

    queryset = Risalah.objects.none()  # for the schema; the real one is get_queryset

    filterset_class = RisalahFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self) -> type[Any]:
        if self.action == "partial_update":
            return s.RisalahUpdateSerializer
        return s.RisalahSerializer

    def get_queryset(self) -> QuerySet[Risalah]:
        return risalah_visible_to(self.request.user).prefetch_related(_steps_prefetch())

    def get_object(self) -> Risalah:
        write = self.request.method == "PATCH"
        return risalah_permissions.get_risalah_for_user(
            self.request.user, self.kwargs["pk"], write=write
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not _may_start_or_enter(request.user):
            raise PermissionDenied  # before validation: the refusal reveals no input rule
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer: s.RisalahSerializer) -> None:
        data = dict(serializer.validated_data)
        team = data.pop("team")
        if not risalah_permissions.can_start_risalah(self.request.user, team):
            raise PermissionDenied
        serializer.instance = risalah_services.risalah_start(
            actor=self.request.user, team=team, **data
        )

    @extend_schema(responses=s.RisalahSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        risalah = self.get_object()
        data = s.RisalahUpdateSerializer(risalah, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        risalah_services.risalah_update(actor=request.user, risalah=risalah, **data.validated_data)
        fresh = self.get_queryset().get(pk=risalah.pk)
        return Response(s.RisalahSerializer(fresh, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=s.RisalahSerializer)
    @action(detail=True, methods=["post"])
    def final(self, request: Request, pk: int) -> Response:
        """Submit the risalah as final, as the chair's "Ajukan risalah final" does: every step
        approved, then final and frozen with its PDF and DOCX kept for good (the documents
        service). Refused with the reason while a step is not approved."""
        risalah = risalah_permissions.get_risalah_for_user(request.user, pk, write=True)
        document_services.risalah_submit_final(actor=request.user, risalah=risalah)
        fresh = self.get_queryset().get(pk=risalah.pk)
        return Response(s.RisalahSerializer(fresh, context=self.get_serializer_context()).data)


NOTE_SECTION = "catatan"  # the free note every step has besides its method's sections


def _refuse_unknown_sections(step: RisalahStep, sections: dict[str, str]) -> None:
    """A section code the step does not have is a 400 naming it: a typo must not lose the text."""
    known = {req["code"] for req in step.method_step.requirements} | {NOTE_SECTION}
    unknown = sorted(code for code in sections if code not in known)
    if unknown:
        raise serializers.ValidationError(
            {
                "sections": {
                    code: [
                        _("Bagian %(code)s tidak ada di langkah ini; bagian yang ada: %(known)s.")
                        % {"code": code, "known": ", ".join(sorted(known))}
                    ]
                    for code in unknown
                }
            }
        )


def _step(request: Request, risalah_pk: int, number: int, check: Any = None) -> RisalahStep:
    return risalah_permissions.get_step_for_user(request.user, risalah_pk, number, check=check)


class StepViewSet(viewsets.GenericViewSet):
    """The steps of one risalah: read, save (with the version you started from), submit for
    review, and — for its mentor, unit head or the admin — approve or return."""

    queryset = RisalahStep.objects.none()  # for the schema; the real one is get_queryset

    serializer_class = s.StepSerializer
    lookup_field = "number"
    pagination_class = None

    def _risalah(self) -> Risalah:
        return risalah_permissions.get_risalah_for_user(
            self.request.user, self.kwargs["risalah_pk"]
        )

    def list(self, request: Request, risalah_pk: int) -> Response:
        risalah = self._risalah()
        steps = risalah.steps.select_related("method_step", "updated_by").order_by("number")
        return Response(self.get_serializer(steps, many=True).data)

    def retrieve(self, request: Request, risalah_pk: int, number: int) -> Response:
        return Response(self.get_serializer(_step(request, risalah_pk, number)).data)

    @extend_schema(request=s.StepSaveSerializer, responses=s.StepSerializer)
    def partial_update(self, request: Request, risalah_pk: int, number: int) -> Response:
        step = _step(request, risalah_pk, number, risalah_permissions.can_write_risalah)
        data = s.StepSaveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        _refuse_unknown_sections(step, data.validated_data["sections"])
        saved = risalah_services.step_save(actor=request.user, **data.validated_data, step=step)
        return Response(self.get_serializer(saved).data)

    def _transition(self, request: Request, step: RisalahStep, service: Any, **extra: Any) -> Any:
        done = service(actor=request.user, step=step, **extra)
        done.risalah = step.risalah
        return Response(self.get_serializer(done).data)

    @extend_schema(request=None, responses=s.StepSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, risalah_pk: int, number: int) -> Response:
        step = _step(request, risalah_pk, number, risalah_permissions.can_write_risalah)
        return self._transition(request, step, risalah_services.step_submit)

    @extend_schema(request=s.ReviewSerializer, responses=s.StepSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, risalah_pk: int, number: int) -> Response:
        step = _step(request, risalah_pk, number, risalah_permissions.can_review_step)
        data = s.ReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = data.validated_data.get("comment", "")
        return self._transition(request, step, risalah_services.step_approve, comment=comment)

    @extend_schema(request=s.ReviewSerializer, responses=s.StepSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request: Request, risalah_pk: int, number: int) -> Response:
        step = _step(request, risalah_pk, number, risalah_permissions.can_review_step)
        data = s.ReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = data.validated_data.get("comment", "")
        return self._transition(request, step, risalah_services.step_return, comment=comment)


class ToolViewSet(viewsets.GenericViewSet):
    """The tools a step can use (the registry, ``tulta.tools.catalogue``): each grid's columns
    with their type and limits, the options and an example row, to write an artefact's data."""

    serializer_class = s.ToolSerializer
    pagination_class = None
    filter_backends: list[type] = []

    def list(self, request: Request) -> Response:
        tools = [
            {
                "code": tool.code,
                "label": str(tool.label),
                "min_rows": tool.min_rows,
                "columns": [
                    {
                        "key": c.key,
                        "label": str(c.label),
                        "type": c.type,
                        "required": c.required,
                        "minimum": c.minimum,
                        "maximum": c.maximum,
                        "unit": c.unit,
                    }
                    for c in tool.columns
                ],
                "options": [
                    {
                        "key": o.key,
                        "label": str(o.label),
                        "kind": o.kind,
                        "choices": [code for code, _label in o.choices],
                        "default": str(o.default),
                    }
                    for o in tool.options
                ],
                "example": [list(row) for row in tool.example],
            }
            for tool in TOOLS.values()
        ]
        return Response(s.ToolSerializer(tools, many=True).data)


class ArtefactViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """The tools of one risalah: their data grids and options (drawings are on the pages and
    documents). Who may write the risalah adds a tool to an open step, saves its grid (with the
    version it started from) and removes it, through the same services as the grid page. The
    data is checked as the grid checks it: a bad cell is a 400 naming its row and column, and
    nothing is saved."""

    queryset = ToolArtefact.objects.none()  # for the schema; the real one is get_queryset

    serializer_class = s.ArtefactSerializer
    filterset_fields = ["tool"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def _risalah(self, *, write: bool = False) -> Risalah:
        return risalah_permissions.get_risalah_for_user(
            self.request.user, self.kwargs["risalah_pk"], write=write
        )

    def get_queryset(self) -> QuerySet[ToolArtefact]:
        return (
            ToolArtefact.objects.filter(step__risalah=self._risalah())
            .select_related("step")
            .order_by("step__number", "position", "pk")
        )

    def _writable(self) -> ToolArtefact:
        """The artefact, for one who may write its risalah (404 first, then 403)."""
        artefact = (
            ToolArtefact.objects.select_related("step")
            .filter(pk=self.kwargs["pk"], step__risalah_id=self.kwargs["risalah_pk"])
            .first()
        )
        risalah = self._risalah()
        if artefact is None:
            raise Http404
        if not risalah_permissions.can_write_risalah(self.request.user, risalah):
            raise PermissionDenied
        artefact.step.risalah = risalah
        return artefact

    @extend_schema(request=s.ArtefactCreateSerializer, responses={201: s.ArtefactSerializer})
    def create(self, request: Request, risalah_pk: int) -> Response:
        self._risalah(write=True)  # before validation: the refusal reveals no input rule
        data = s.ArtefactCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        step = _step(request, risalah_pk, values["step"], risalah_permissions.can_write_risalah)
        with transaction.atomic():
            artefact = artefacts.artefact_create(
                actor=request.user, step=step, tool=values["tool"], title=values.get("title", "")
            )
            artefact.step = step
            if "rows" in values or "options" in values:
                artefact = artefacts.artefact_save(
                    actor=request.user,
                    artefact=artefact,
                    rows=values.get("rows", artefact.rows),
                    options=values.get("options", artefact.options),
                    title=artefact.title,
                    base_version=artefact.version,
                )
        artefact.step = step
        return Response(s.ArtefactSerializer(artefact).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ArtefactUpdateSerializer, responses=s.ArtefactSerializer)
    def partial_update(self, request: Request, risalah_pk: int, pk: int) -> Response:
        artefact = self._writable()
        data = s.ArtefactUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        data.check_against(artefact.tool, values)
        saved = artefacts.artefact_save(
            actor=request.user,
            artefact=artefact,
            rows=values.get("rows", artefact.rows),
            options={**artefact.options, **values.get("options", {})},
            title=values.get("title", artefact.title),
            base_version=values["base_version"],
        )
        saved.step = artefact.step
        return Response(s.ArtefactSerializer(saved).data)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, risalah_pk: int, pk: int) -> Response:
        artefact = self._writable()
        artefacts.artefact_delete(actor=request.user, artefact=artefact)
        return Response(status=status.HTTP_204_NO_CONTENT)


class IndicatorViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """A risalah's service indicators with their raw before/after data and the verdict."""

    queryset = Indicator.objects.none()  # for the schema; the real one is get_queryset

    serializer_class = s.IndicatorSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def _risalah(self) -> Risalah:
        return risalah_permissions.get_risalah_for_user(
            self.request.user, self.kwargs["risalah_pk"]
        )

    def get_queryset(self) -> QuerySet[Indicator]:
        return Indicator.objects.filter(risalah=self._risalah()).order_by("-is_primary", "pk")

    def get_object(self) -> Indicator:
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            indicator = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
            if indicator is None:
                raise Http404
            return indicator
        return impact_permissions.get_indicator_for_user(
            self.request.user, self.kwargs["risalah_pk"], self.kwargs["pk"]
        )

    def _writable(self) -> Risalah:
        risalah = self._risalah()
        if not impact_permissions.can_edit_indicators(self.request.user, risalah):
            raise PermissionDenied
        return risalah

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self._writable()  # before validation: the refusal reveals no input rule
        return super().create(request, *args, **kwargs)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.get_object()  # 404 first for an indicator that is not there
        self._writable()  # before validation: the refusal reveals no input rule
        return super().update(request, *args, **kwargs)

    def perform_create(self, serializer: s.IndicatorSerializer) -> None:
        risalah = self._writable()
        data = dict(serializer.validated_data)
        with transaction.atomic():
            indicator = impact_services.indicator_save(
                actor=self.request.user, risalah=risalah, **data
            )
        serializer.instance = indicator

    def perform_update(self, serializer: s.IndicatorSerializer) -> None:
        risalah = self._writable()
        data = dict(serializer.validated_data)
        indicator = serializer.instance
        data.setdefault("baseline", indicator.baseline)
        data.setdefault("after", indicator.after)
        with transaction.atomic():
            saved = impact_services.indicator_save(
                actor=self.request.user, risalah=risalah, indicator=indicator, **data
            )
        serializer.instance = saved


# --- competitions --------------------------------------------------------------------------


class CompetitionFilter(filters.FilterSet):
    programme = id_filter()

    class Meta:
        model = Competition
        fields = ["programme", "category"]


class CompetitionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Competitions of the government's programmes, with their rounds. The programme admin
    creates one and changes how it ranks, whether the favorit vote is open and whether the
    results are public."""

    queryset = Competition.objects.none()  # for the schema; the real one is get_queryset
    serializer_class = s.CompetitionSerializer
    filterset_class = CompetitionFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Competition]:
        return (
            competitions_visible_to(self.request.user)
            .prefetch_related(Prefetch("rounds", queryset=Round.objects.order_by("number")))
            .order_by("-programme__year", "name")
        )

    def get_object(self) -> Competition:
        write = self.request.method == "PATCH"
        return competition_permissions.get_competition_for_user(
            self.request.user, self.kwargs["pk"], manage=write
        )

    def _fresh(self, pk: int) -> Response:
        return Response(s.CompetitionSerializer(self.get_queryset().get(pk=pk)).data)

    @extend_schema(request=s.CompetitionCreateSerializer, responses={201: s.CompetitionSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not org_permissions.is_programme_admin(request.user):
            raise PermissionDenied  # before validation: the refusal reveals no input rule
        data = s.CompetitionCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        data.is_valid(raise_exception=True)
        competition = competition_services.competition_create(
            actor=request.user, **data.validated_data
        )
        response = self._fresh(competition.pk)
        response.status_code = status.HTTP_201_CREATED
        return response

    @extend_schema(request=s.CompetitionUpdateSerializer, responses=s.CompetitionSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        competition = self.get_object()
        data = s.CompetitionUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if data.validated_data:
            competition_services.competition_update(
                actor=request.user, competition=competition, **data.validated_data
            )
        return self._fresh(competition.pk)


class EntryFilter(filters.FilterSet):
    team = id_filter()

    class Meta:
        model = Entry
        fields = ["status", "team"]


class EntryViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The entries of one competition; a team's starter (or the admin) enters a final risalah."""

    queryset = Entry.objects.none()  # for the schema; the real one is get_queryset

    filterset_class = EntryFilter

    def get_serializer_class(self) -> type[Any]:
        return s.EntryCreateSerializer if self.action == "create" else s.EntrySerializer

    def _competition(self) -> Competition:
        return competition_permissions.get_competition_for_user(
            self.request.user, self.kwargs["competition_pk"]
        )

    def get_queryset(self) -> QuerySet[Entry]:
        return (
            Entry.objects.filter(competition=self._competition())
            .select_related("team", "team__unit")
            .order_by("team__name")
        )

    @extend_schema(request=s.EntryCreateSerializer, responses={201: s.EntrySerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        competition = self._competition()
        if not _may_start_or_enter(request.user):
            raise PermissionDenied  # before validation: the refusal reveals no input rule
        data = s.EntryCreateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        if not competition_permissions.can_enter(
            request.user, competition, data.validated_data["risalah"].team_id
        ):
            raise PermissionDenied
        entry = competition_services.entry_submit(
            actor=request.user, competition=competition, risalah=data.validated_data["risalah"]
        )
        return Response(s.EntrySerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.EntryCheckSerializer, responses=s.EntrySerializer)
    @action(detail=True, methods=["post"])
    def check(self, request: Request, competition_pk: int, pk: int) -> Response:
        """The administrative check by the organiser: accept (the entry joins the open first
        round), or reject with a reason."""
        competition = competition_permissions.get_competition_for_user(
            request.user, competition_pk, manage=True
        )
        entry = Entry.objects.filter(pk=pk, competition=competition).first()
        if entry is None:
            raise Http404
        data = s.EntryCheckSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        checked = competition_services.entry_check(
            actor=request.user,
            entry=entry,
            accept=data.validated_data["accept"],
            reason=data.validated_data.get("reason", ""),
        )
        fresh = self.get_queryset().get(pk=checked.pk)
        return Response(s.EntrySerializer(fresh).data)


class ScoreFilter(filters.FilterSet):
    round = id_filter()
    entry = id_filter()
    criterion = id_filter()

    class Meta:
        model = Score
        fields = ["round", "entry", "criterion"]


class ScoreViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Scores. A judge reads and writes their own; the admin reads every score of the
    government's competitions; a team reads its entry's scores once the round is closed.
    Writing the same (round, entry, criterion) again replaces the judge's value."""

    queryset = Score.objects.none()  # for the schema; the real one is get_queryset

    serializer_class = s.ScoreSerializer
    filterset_class = ScoreFilter

    def get_queryset(self) -> QuerySet[Score]:
        user = self.request.user
        scores = Score.objects.filter(
            round__competition__programme__government_id=user.government_id
        ).order_by("round_id", "entry_id", "judge_id", "criterion__position")
        if org_permissions.is_programme_admin(user):
            return scores
        team_ids = list(Membership.objects.filter(user=user).values_list("team_id", flat=True))
        return scores.filter(
            Q(judge=user) | Q(entry__team_id__in=team_ids, round__state=Round.State.CLOSED)
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not competition_permissions.is_judge(request.user):
            raise PermissionDenied  # before validation: the refusal reveals no input rule
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer: s.ScoreSerializer) -> None:
        data = serializer.validated_data
        serializer.instance = competition_services.score_save(
            actor=self.request.user,
            round=data["round"],
            entry=data["entry"],
            criterion=data["criterion"],
            value=data["value"],
        )


class RubricViewSet(viewsets.ReadOnlyModelViewSet):
    """The rubrics a round can use (the templates and the government's own), each with its
    criteria: the ids a score names, their weights and the range of a score."""

    queryset = Rubric.objects.none()  # for the schema; the real one is get_queryset
    serializer_class = s.RubricSerializer

    def get_queryset(self) -> QuerySet[Rubric]:
        government_id = self.request.user.government_id
        if government_id is None:
            return Rubric.objects.none()
        return (
            Rubric.objects.filter(Q(government=None) | Q(government_id=government_id))
            .prefetch_related(Prefetch("criteria", queryset=Criterion.objects.order_by("position")))
            .order_by("name", "pk")
        )


class RoundViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A competition's round; the organiser adds one (the first takes every accepted entry),
    assigns every judge without a conflict, and closes it once every gap is decided."""

    queryset = Round.objects.none()  # for the schema; the real one is get_object
    serializer_class = s.RoundSerializer

    def get_object(self) -> Round:
        return competition_permissions.get_round_for_user(self.request.user, self.kwargs["pk"])

    @extend_schema(request=s.RoundCreateSerializer, responses={201: s.RoundSerializer})
    def create(self, request: Request) -> Response:
        if not org_permissions.is_programme_admin(request.user):
            raise PermissionDenied  # before validation: the refusal reveals no input rule
        data = s.RoundCreateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        competition = competition_permissions.get_competition_for_user(
            request.user, fields.pop("competition").pk, manage=True
        )
        rnd = competition_services.round_create(
            actor=request.user, competition=competition, **fields
        )
        return Response(s.RoundSerializer(rnd).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses=inline_serializer(
            "JudgesAssigned",
            {"assigned": serializers.IntegerField(), "skipped": serializers.IntegerField()},
        ),
    )
    @action(detail=True, methods=["post"], url_path="assign-judges", url_name="assign-judges")
    def assign_judges(self, request: Request, pk: int) -> Response:
        """Every judge of the government to every entry of the round, except where a judge has
        a conflict of interest (own unit, member of the team): those are skipped, as on the
        round page."""
        rnd = competition_permissions.get_round_for_user(request.user, pk, manage=True)
        judges = competition_selectors.judges_of(rnd.competition.programme.government_id)
        assigned, skipped = competition_services.judges_assign(
            actor=request.user, round=rnd, judges=judges
        )
        return Response({"assigned": assigned, "skipped": skipped})

    @extend_schema(request=s.RoundCloseSerializer, responses=s.RoundSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: int) -> Response:
        """Close the round (scores locked). A judge's card with criteria not scored must be
        named in ``exclude`` with a reason, or the close is refused with what is missing."""
        rnd = competition_permissions.get_round_for_user(request.user, pk, manage=True)
        data = s.RoundCloseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        closed = competition_services.round_close(
            actor=request.user, round=rnd, exclude=data.validated_data["exclude"]
        )
        return Response(s.RoundSerializer(closed).data)


class AssignmentViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Which judge scores which entry in one round (the organiser's grid). A judge is assigned
    to an entry only without a conflict of interest (``competitions.rules``); each row says
    the conflict found now, if any. A judge who has scored is not removed (exclude instead)."""

    queryset = Assignment.objects.none()  # for the schema; the real one is get_queryset
    serializer_class = s.AssignmentSerializer

    def _round(self) -> Round:
        return competition_permissions.get_round_for_user(
            self.request.user, self.kwargs["round_pk"], manage=True
        )

    def get_queryset(self) -> QuerySet[Assignment]:
        return (
            Assignment.objects.filter(round=self._round())
            .select_related("judge", "entry__team__unit")
            .order_by("entry__team__name", "judge__full_name", "pk")
        )

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if self.action == "list" and "round_pk" in self.kwargs:
            judges = Assignment.objects.filter(round_id=self.kwargs["round_pk"]).values("judge_id")
            memberships = Membership.objects.filter(user_id__in=judges).values_list(
                "user_id", "team_id"
            )
            judge_team_ids: dict[int, set[int]] = {}
            for user_id, team_id in memberships:
                judge_team_ids.setdefault(user_id, set()).add(team_id)
            context["judge_team_ids"] = judge_team_ids
        return context

    @extend_schema(request=s.AssignmentCreateSerializer, responses={201: s.AssignmentSerializer})
    def create(self, request: Request, round_pk: int) -> Response:
        rnd = self._round()
        data = s.AssignmentCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        data.is_valid(raise_exception=True)
        assignment = competition_services.assignment_add(
            actor=request.user,
            round=rnd,
            entry=data.validated_data["entry"],
            judge=data.validated_data["judge"],
        )
        fresh = self.get_queryset().get(pk=assignment.pk)
        return Response(s.AssignmentSerializer(fresh).data, status=status.HTTP_201_CREATED)

    def _assignment(self, pk: int) -> Assignment:
        rnd = self._round()
        assignment = (
            Assignment.objects.filter(pk=pk, round=rnd)
            .select_related("entry__team", "judge")
            .first()
        )
        if assignment is None:
            raise Http404
        assignment.round = rnd
        return assignment

    def destroy(self, request: Request, round_pk: int, pk: int) -> Response:
        """Take the judge off the entry; refused once they have scored or commented (exclude
        them instead)."""
        assignment = self._assignment(pk)
        competition_services.assignment_remove(actor=request.user, assignment=assignment)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=s.ExcludeSerializer, responses=s.AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def exclude(self, request: Request, round_pk: int, pk: int) -> Response:
        """Exclude the judge from the entry, with a reason: their scores stay on record and no
        longer count."""
        assignment = self._assignment(pk)
        data = s.ExcludeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        competition_services.assignment_exclude(
            actor=request.user, assignment=assignment, reason=data.validated_data["reason"]
        )
        fresh = self.get_queryset().get(pk=assignment.pk)
        return Response(s.AssignmentSerializer(fresh).data)


class AwardViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """A competition's awards (juara I–III, harapan, favorit): the organiser sees and decides
    them from a closed round; everyone else of the government sees them once the results are
    published, as on the public results page."""

    queryset = Award.objects.none()  # for the schema; the real one is get_queryset
    serializer_class = s.AwardSerializer
    pagination_class = None

    def get_queryset(self) -> QuerySet[Award]:
        user = self.request.user
        competition = competition_permissions.get_competition_for_user(
            user, self.kwargs["competition_pk"]
        )
        awards = Award.objects.filter(competition=competition).select_related("entry__team")
        if not (
            competition_permissions.can_manage_competition(user, competition)
            or competition.results_public
        ):
            return awards.none()
        return awards.order_by("rank", "kind", "pk")

    @extend_schema(request=s.AwardsDecideSerializer, responses={201: s.AwardSerializer(many=True)})
    def create(self, request: Request, competition_pk: int) -> Response:
        """Decide the awards from a closed round's ranking (and the favorit vote); any earlier
        awards of the competition are replaced."""
        competition = competition_permissions.get_competition_for_user(
            request.user, competition_pk, manage=True
        )
        data = s.AwardsDecideSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        awards = competition_services.awards_decide(
            actor=request.user,
            competition=competition,
            round=fields.pop("round"),
            **{k: v for k, v in fields.items() if v is not None},
        )
        fresh = Award.objects.filter(pk__in=[a.pk for a in awards]).select_related("entry__team")
        return Response(
            s.AwardSerializer(fresh.order_by("rank", "kind", "pk"), many=True).data,
            status=status.HTTP_201_CREATED,
        )


# --- mentoring -----------------------------------------------------------------------------


def _visible_team_mentoring(user: User, rows: QuerySet[Any]) -> list[Any]:
    """The rows (assignments or sessions) whose team's mentoring page ``user`` may see
    (``mentoring.permissions.can_view_team_mentoring``), asked once per team and programme."""
    seen: dict[tuple[int, int], bool] = {}
    visible = []
    for row in rows:
        key = (row.team_id, row.programme_id)
        if key not in seen:
            seen[key] = mentoring_permissions.can_view_team_mentoring(user, row.team, row.programme)
        if seen[key]:
            visible.append(row)
    return visible


class MentorAssignmentFilter(filters.FilterSet):
    programme = id_filter()
    team = id_filter()
    mentor = id_filter()
    active = StrictBooleanFilter()

    class Meta:
        model = MentorAssignment
        fields = ["programme", "team", "mentor", "active"]


class MentorAssignmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Who mentors which team in a programme. Read by whoever may see the team's mentoring page
    (admin, leadership, the unit head, the team's members, its mentor); the programme admin
    assigns a mentor (ending the previous one) and ends an assignment."""

    queryset = MentorAssignment.objects.none()  # for the schema; the real one is get_queryset
    filterset_class = MentorAssignmentFilter

    def get_serializer_class(self) -> type[Any]:
        if self.action == "create":
            return s.MentorAssignmentCreateSerializer
        return s.MentorAssignmentSerializer

    def get_queryset(self) -> QuerySet[MentorAssignment]:
        return (
            MentorAssignment.objects.filter(
                programme__government_id=self.request.user.government_id or 0
            )
            .select_related("programme", "team", "team__unit", "mentor")
            .order_by("-active", "team__name", "-assigned_at", "pk")
        )

    def list(self, request: Request) -> Response:
        rows = _visible_team_mentoring(request.user, self.filter_queryset(self.get_queryset()))
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(s.MentorAssignmentSerializer(page, many=True).data)

    def get_object(self) -> MentorAssignment:
        assignment = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if assignment is None:
            raise Http404
        if not mentoring_permissions.can_view_team_mentoring(
            self.request.user, assignment.team, assignment.programme
        ):
            raise PermissionDenied
        return assignment

    @extend_schema(
        request=s.MentorAssignmentCreateSerializer, responses={201: s.MentorAssignmentSerializer}
    )
    def create(self, request: Request) -> Response:
        if not org_permissions.is_programme_admin(request.user):
            raise PermissionDenied  # before validation: the refusal reveals no input rule
        data = s.MentorAssignmentCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        data.is_valid(raise_exception=True)
        values = data.validated_data
        programme = mentoring_permissions.get_programme_for_mentoring(
            request.user, values["programme"].pk
        )
        if not mentoring_permissions.can_assign_mentors(request.user, programme):
            raise PermissionDenied
        team = Team.objects.select_related("unit").get(pk=values["team"].pk)
        assignment = mentoring_services.mentor_assign(
            actor=request.user, programme=programme, team=team, mentor=values["mentor"]
        )
        fresh = self.get_queryset().get(pk=assignment.pk)
        return Response(s.MentorAssignmentSerializer(fresh).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.MentorAssignmentSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk: int) -> Response:
        """End an active assignment; the team's risalah is left without a mentor."""
        assignment = self.get_queryset().filter(pk=pk).first()
        if assignment is None:
            raise Http404
        if not mentoring_permissions.can_assign_mentors(request.user, assignment.programme):
            raise PermissionDenied
        mentoring_services.mentor_unassign(actor=request.user, assignment=assignment)
        fresh = self.get_queryset().get(pk=assignment.pk)
        return Response(s.MentorAssignmentSerializer(fresh).data)


class MentoringSessionFilter(filters.FilterSet):
    programme = id_filter()
    team = id_filter()

    class Meta:
        model = MentoringSession
        fields = ["programme", "team"]


def _action_specs(rows: list[dict[str, Any]]) -> list[mentoring_services.ActionSpec]:
    return [
        mentoring_services.ActionSpec(
            description=row["description"],
            owner=row["owner"],
            due_on=row["due_on"],
            done=row.get("done", False),
            pk=row.get("id"),
        )
        for row in rows
    ]


class MentoringSessionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Mentoring sessions with their attendance and agreed actions. Read by whoever may see the
    team's mentoring page; recorded and changed by the programme admin or the team's assigned
    mentor, as on the session form. Changing a session without ``actions`` keeps its actions;
    with ``actions``, actions left out are removed."""

    queryset = MentoringSession.objects.none()  # for the schema; the real one is get_queryset
    filterset_class = MentoringSessionFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self) -> type[Any]:
        if self.action == "partial_update":
            return s.MentoringSessionUpdateSerializer
        return s.MentoringSessionSerializer

    def get_queryset(self) -> QuerySet[MentoringSession]:
        return (
            MentoringSession.objects.filter(
                programme__government_id=self.request.user.government_id or 0
            )
            .select_related("programme", "team", "team__unit", "mentor")
            .prefetch_related("attendees", "actions")
            .order_by("-held_on", "-pk")
        )

    def list(self, request: Request) -> Response:
        rows = _visible_team_mentoring(request.user, self.filter_queryset(self.get_queryset()))
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(s.MentoringSessionSerializer(page, many=True).data)

    def get_object(self) -> MentoringSession:
        write = self.request.method not in ("GET", "HEAD", "OPTIONS")
        return mentoring_permissions.get_session_for_user(
            self.request.user, self.kwargs["pk"], write=write
        )

    def create(self, request: Request) -> Response:
        if not (
            org_permissions.is_programme_admin(request.user)
            or mentoring_permissions.can_view_mentor_page(request.user)
        ):
            raise PermissionDenied  # before validation: the refusal reveals no input rule
        data = s.MentoringSessionSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        programme, team = mentoring_permissions.get_team_in_programme(
            request.user, fields.pop("programme").pk, fields.pop("team").pk, write=True
        )
        session = mentoring_services.session_save(
            actor=request.user,
            programme=programme,
            team=team,
            attendees=fields.pop("attendees", []),
            actions=_action_specs(fields.pop("actions", [])),
            **fields,
        )
        fresh = self.get_queryset().get(pk=session.pk)
        return Response(s.MentoringSessionSerializer(fresh).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=s.MentoringSessionUpdateSerializer, responses=s.MentoringSessionSerializer
    )
    def partial_update(self, request: Request, pk: int) -> Response:
        session = self.get_object()
        data = s.MentoringSessionUpdateSerializer(
            data=request.data, partial=True, context=self.get_serializer_context()
        )
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        attendees = fields.pop("attendees", None)
        actions = fields.pop("actions", None)
        if actions is None:
            kept = [
                mentoring_services.ActionSpec(
                    description=a.description, owner=a.owner, due_on=a.due_on, done=a.done, pk=a.pk
                )
                for a in session.actions.select_related("owner")
            ]
        else:
            kept = _action_specs(actions)
        saved = mentoring_services.session_save(
            actor=request.user,
            programme=session.programme,
            team=session.team,
            session=MentoringSession.objects.get(pk=session.pk),
            attendees=list(session.attendees.all()) if attendees is None else attendees,
            actions=kept,
            **fields,
        )
        fresh = self.get_queryset().get(pk=saved.pk)
        return Response(s.MentoringSessionSerializer(fresh).data)
