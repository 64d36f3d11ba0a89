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

from tulta.accounts.models import User
from tulta.competitions import permissions as competition_permissions
from tulta.competitions import services as competition_services
from tulta.competitions.models import Competition, Entry, Round, Score
from tulta.competitions.selectors import competitions_visible_to
from tulta.impact import permissions as impact_permissions
from tulta.impact import services as impact_services
from tulta.impact.models import Indicator
from tulta.organizations import permissions as org_permissions
from tulta.organizations import services as org_services
from tulta.organizations.models import Government, Membership, Team, Unit
from tulta.organizations.selectors import (
    teams_visible_to,
    units_visible_to,
    users_for_member_picker,
)
from tulta.risalah import permissions as risalah_permissions
from tulta.risalah import services as risalah_services
from tulta.risalah.models import Programme, Risalah, RisalahStep, ToolArtefact
from tulta.risalah.selectors import programmes_visible_to, risalah_visible_to

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


class UserViewSet(viewsets.ReadOnlyModelViewSet):
    """Employees of the user's government (name, position, unit), to pick team members."""

    queryset = User.objects.none()  # for the schema; the real one is get_queryset

    serializer_class = s.UserSerializer
    filterset_class = UserFilter

    def get_queryset(self) -> QuerySet[Any]:
        return users_for_member_picker(self.request.user.government_id)


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


class ArtefactViewSet(viewsets.ReadOnlyModelViewSet):
    """The tools of one risalah (data and options; drawings are on the pages and documents)."""

    queryset = ToolArtefact.objects.none()  # for the schema; the real one is get_queryset

    serializer_class = s.ArtefactSerializer
    filterset_fields = ["tool"]

    def get_queryset(self) -> QuerySet[ToolArtefact]:
        risalah = risalah_permissions.get_risalah_for_user(
            self.request.user, self.kwargs["risalah_pk"]
        )
        return (
            ToolArtefact.objects.filter(step__risalah=risalah)
            .select_related("step")
            .order_by("step__number", "position", "pk")
        )


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


class CompetitionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Competition.objects.none()  # for the schema; the real one is get_queryset
    serializer_class = s.CompetitionSerializer
    filterset_class = CompetitionFilter

    def get_queryset(self) -> QuerySet[Competition]:
        return (
            competitions_visible_to(self.request.user)
            .prefetch_related(Prefetch("rounds", queryset=Round.objects.order_by("number")))
            .order_by("-programme__year", "name")
        )

    def get_object(self) -> Competition:
        return competition_permissions.get_competition_for_user(
            self.request.user, self.kwargs["pk"]
        )


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
