"""Each pemda keeps its own time zone (WIB, WITA, WIT): its pages and documents show its time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tulta.core.middleware import SESSION_TIME_ZONE
from tulta.documents.builder import build_risalah_document
from tulta.organizations.models import Government
from tulta.testing.world import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_admin_sets_the_pemdas_zone_and_it_is_audited(world, client_for):
    client = client_for(world.admin)
    response = client.post(
        reverse("organizations:government"), {"letterhead": "", "time_zone": "Asia/Makassar"}
    )
    assert response.status_code == 302
    world.government.refresh_from_db()
    assert world.government.time_zone == Government.TimeZone.WITA
    assert client.session[SESSION_TIME_ZONE] == "Asia/Makassar"


def test_an_unknown_zone_is_refused_with_the_form_kept(world, client_for):
    response = client_for(world.admin).post(
        reverse("organizations:government"), {"letterhead": "KOP", "time_zone": "Mars/Olympus"}
    )
    assert response.status_code == 200
    assert "Mars/Olympus" in response.content.decode() or "KOP" in response.content.decode()
    world.government.refresh_from_db()
    assert world.government.time_zone == Government.TimeZone.WIB


def test_signing_in_activates_the_pemdas_zone_for_its_pages(world):
    Government.objects.filter(pk=world.government.pk).update(time_zone="Asia/Jayapura")
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": world.member.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session[SESSION_TIME_ZONE] == "Asia/Jayapura"


def test_the_middleware_activates_the_zone_in_the_session(world, client_for, settings):
    from tulta.core.middleware import TimeZoneMiddleware

    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        from django.http import HttpResponse

        return HttpResponse("ok")

    class Request:
        session = {SESSION_TIME_ZONE: "Asia/Makassar"}

    TimeZoneMiddleware(view)(Request())
    assert seen["zone"] == "Asia/Makassar"
    Request.session = {SESSION_TIME_ZONE: "Bukan/Zona"}
    TimeZoneMiddleware(view)(Request())
    assert seen["zone"] == settings.TIME_ZONE


def test_documents_carry_the_pemdas_own_time_and_zone(world, risalah):
    Government.objects.filter(pk=world.government.pk).update(time_zone="Asia/Makassar")
    risalah.refresh_from_db()
    doc = build_risalah_document(risalah)
    when = doc.generated_at.astimezone(dt.timezone(dt.timedelta(hours=8)))
    assert doc.generated_text.endswith(f"{when.hour:02d}.{when.minute:02d} WITA")
