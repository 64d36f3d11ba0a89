"""The request guard (tulta.core.middleware.RequestGuardMiddleware): NUL characters in a query
string or a form refused with 400 (issue #22.2), uploads announced larger than the limit refused
with 413 from Content-Length, before the body is read (issue #22.5)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tulta.risalah.models import Attachment
from tulta.testing.samples import png_bytes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ["organizations:team_list", "organizations:unit_list", "organizations:user_list"]
)
def test_a_nul_in_the_search_is_a_400_with_a_message(world, client_for, name):
    response = client_for(world.admin).get(reverse(name), {"q": "KBK\x00"})
    assert response.status_code == 400
    assert "karakter NUL" in response.content.decode()


def test_a_nul_in_any_filter_or_its_name_is_a_400(world, client_for):
    client = client_for(world.admin)
    url = reverse("organizations:team_list")
    assert client.get(url + "?unit=%00").status_code == 400
    assert client.get(url + "?q%00=x").status_code == 400
    assert client.get(url, {"q": "KBK"}).status_code == 200


def test_a_nul_in_a_form_value_is_a_400_and_nothing_is_saved(world, risalah, client_for):
    response = client_for(world.chair).post(
        reverse("risalah:step_comment", args=[risalah.pk, 1]), {"body": "Catatan\x00"}
    )
    assert response.status_code == 400
    assert not risalah.steps.get(number=1).comments.exists()


def test_a_nul_in_an_api_filter_is_a_400_in_json(world):
    client = Client()
    client.force_login(world.admin)
    response = client.get("/api/v1/teams/", {"search": "a\x00"})
    assert response.status_code == 400
    assert "karakter NUL" in response.json()["detail"]


def _upload(client, risalah, size):
    return client.post(
        reverse("risalah:attachment_upload", args=[risalah.pk]),
        {"kind": "photo", "title": "Foto", "file": SimpleUploadedFile("a.png", b"x" * size)},
    )


def test_an_upload_announced_over_the_limit_is_refused_from_content_length(
    world, risalah, client_for, settings
):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    client = client_for(world.chair)
    # The header claims 50 MB; the body is tiny: only the header can have refused it.
    response = client.generic(
        "POST",
        reverse("risalah:attachment_upload", args=[risalah.pk]),
        data=b"--x--\r\n",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )
    assert response.status_code == 413
    text = response.content.decode()
    assert "Unggahan terlalu besar: 50,0 MB, batasnya 1 MB." in text
    assert not Attachment.objects.exists()


def test_an_upload_over_the_limit_is_refused_whole_and_the_form_page_still_works(
    world, risalah, client_for, settings
):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    client = client_for(world.chair)
    assert _upload(client, risalah, 2 * 1024 * 1024).status_code == 413
    assert client.get(reverse("risalah:detail", args=[risalah.pk])).status_code == 200
    ok = client.post(
        reverse("risalah:attachment_upload", args=[risalah.pk]),
        {
            "kind": "photo",
            "title": "Foto",
            "file": SimpleUploadedFile("a.png", png_bytes(), content_type="image/png"),
        },
    )
    assert ok.status_code == 302
    assert Attachment.objects.filter(risalah=risalah).count() == 1


def test_an_api_upload_over_the_limit_is_a_413_in_json(world, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    client = Client()
    client.force_login(world.admin)
    response = client.post(
        "/api/v1/teams/", {"file": io.BytesIO(b"x" * 400 * 1024)}, format="multipart"
    )
    assert response.status_code == 413
    assert "batasnya" in response.json()["detail"]
