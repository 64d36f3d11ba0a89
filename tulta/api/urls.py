from __future__ import annotations

from typing import Any

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"


class Router(SimpleRouter):
    """Ids in paths are at most 18 digits (they fit the database's 64-bit integers): anything
    else is a 404 from the resolver, not a 500 later."""

    def get_lookup_regex(self, viewset: Any, lookup_prefix: str = "") -> str:
        viewset.lookup_value_regex = "[0-9]{1,18}"
        return super().get_lookup_regex(viewset, lookup_prefix)


router = Router()
router.register("governments", views.GovernmentViewSet, basename="government")
router.register("users", views.UserViewSet, basename="user")
router.register("units", views.UnitViewSet, basename="unit")
router.register("teams", views.TeamViewSet, basename="team")
router.register("programmes", views.ProgrammeViewSet, basename="programme")
router.register("risalah", views.RisalahViewSet, basename="risalah")
router.register(r"risalah/(?P<risalah_pk>[0-9]{1,18})/steps", views.StepViewSet, basename="step")
router.register(
    r"risalah/(?P<risalah_pk>[0-9]{1,18})/artefacts", views.ArtefactViewSet, basename="artefact"
)
router.register(
    r"risalah/(?P<risalah_pk>[0-9]{1,18})/indicators", views.IndicatorViewSet, basename="indicator"
)
router.register("competitions", views.CompetitionViewSet, basename="competition")
router.register(
    r"competitions/(?P<competition_pk>[0-9]{1,18})/entries", views.EntryViewSet, basename="entry"
)
router.register(
    r"competitions/(?P<competition_pk>[0-9]{1,18})/awards", views.AwardViewSet, basename="award"
)
router.register("rounds", views.RoundViewSet, basename="round")
router.register(
    r"rounds/(?P<round_pk>[0-9]{1,18})/assignments",
    views.AssignmentViewSet,
    basename="assignment",
)
router.register("scores", views.ScoreViewSet, basename="score")
router.register("rubrics", views.RubricViewSet, basename="rubric")
router.register("tools", views.ToolViewSet, basename="tool")
router.register("mentor-assignments", views.MentorAssignmentViewSet, basename="mentor-assignment")
router.register("mentoring-sessions", views.MentoringSessionViewSet, basename="mentoring-session")

urlpatterns = [
    path("v1/auth/token/", views.TokenView.as_view(), name="token"),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
