from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from tulta.accounts import services
from tulta.core.models import AuditEvent
from tulta.testing.world import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, username, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_sign_in_with_email(client, world):
    response = _login(client, world.chair.email.upper())
    assert response.status_code == 302
    assert response.url == reverse("home:home")


def test_sign_in_with_nip_typed_with_spaces(client, world):
    nip = world.chair.nip
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    response = _login(client, spaced)
    assert response.status_code == 302


def test_wrong_password_says_so_in_indonesian_and_keeps_the_identifier(client, world):
    response = _login(client, world.chair.email, "salah-sekali")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Email/NIP atau kata sandi salah" in text
    assert f'value="{world.chair.email}"' in text


def test_inactive_user_cannot_sign_in(client, world):
    world.chair.is_active = False
    world.chair.save()
    response = _login(client, world.chair.email)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_many_wrong_passwords_lock_the_account_with_an_indonesian_message(client, world):
    for _ in range(5):
        _login(client, world.chair.email, "salah-sekali")
    response = _login(client, world.chair.email)  # even the right password is refused now
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_admin_created_account_must_change_password_first(client, world):
    user, temp = services.user_create(
        actor=world.admin,
        government_id=world.government.pk,
        email="baru@uji.go.id",
        full_name="Pegawai Baru",
    )
    assert temp and user.must_change_password
    assert _login(client, "baru@uji.go.id", temp).status_code == 302
    response = client.get(reverse("organizations:team_list"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_change")
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": temp,
            "new_password1": "Budaya-Kerja-2026!",
            "new_password2": "Budaya-Kerja-2026!",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password
    assert client.get(reverse("organizations:team_list")).status_code == 200
    assert AuditEvent.objects.filter(object_id=str(user.pk), verb="password_changed").exists()


def test_password_reset_by_email_sets_a_new_password(client, world):
    response = client.post(reverse("accounts:password_reset"), {"email": world.member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.member.email]
    assert "kata sandi baru" in message.body
    link = re.search(r"https?://[^/]+(/akun/reset/\S+)", message.body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Lebih-Tepat-2026!", "new_password2": "Lebih-Tepat-2026!"}
    )
    assert response.status_code == 302
    world.member.refresh_from_db()
    assert world.member.check_password("Lebih-Tepat-2026!")


def test_imported_account_without_password_can_use_password_reset(client, world):
    user, _ = services.user_create(
        actor=world.admin,
        government_id=world.government.pk,
        email="impor@uji.go.id",
        full_name="Pegawai Impor",
        invite=True,
    )
    assert not user.has_usable_password()
    client.post(reverse("accounts:password_reset"), {"email": "impor@uji.go.id"})
    assert len(mail.outbox) == 1


def test_sign_out_needs_post(client_for, world):
    client = client_for(world.chair)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
