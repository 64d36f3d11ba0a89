"""The sign-in lock counts per account, whatever spelling of the identifier is typed, on the page
and on the API token endpoint, and per address as a second limit (issue #15 point 5)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tulta.testing.world import PASSWORD

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"


def _login(client, username, password=PASSWORD, address="10.0.0.1"):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def _token(client, username, password=PASSWORD, address="10.0.0.1"):
    return client.post(
        TOKEN_URL,
        {"username": username, "password": password},
        content_type="application/json",
        REMOTE_ADDR=address,
    )


def _variants(user):
    nip = user.nip
    return [
        user.email.capitalize(),
        f"  {user.email.upper()}  ",
        nip,
        f" {nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]} ",
    ]


def test_five_wrong_passwords_lock_every_spelling_of_the_account(client, world):
    assert world.chair.nip
    for _ in range(4):
        assert _login(client, world.chair.email, "salah").status_code == 200
    assert _login(client, world.chair.email, "salah").status_code == 429  # the fifth locks
    for variant in _variants(world.chair):
        response = _login(client, variant)  # the right password
        assert response.status_code == 429, variant
        assert "_auth_user_id" not in client.session


def test_wrong_passwords_under_different_spellings_share_one_counter(client, world):
    typed = [world.chair.email, *_variants(world.chair)]
    for variant in typed:
        _login(client, variant, "salah")
    assert _login(client, world.chair.email).status_code == 429


def test_a_lock_from_other_addresses_holds_for_the_account(client, world):
    for number in range(5):
        _login(client, world.chair.email.upper(), "salah", address=f"10.0.1.{number}")
    assert _login(client, world.chair.nip, address="10.0.9.9").status_code == 429


def test_the_token_endpoint_counts_on_the_same_account(client, world):
    for _ in range(3):
        assert _token(client, world.chair.email.upper(), "salah").status_code == 400
    for _ in range(2):
        _login(client, world.chair.nip, "salah")
    assert _token(client, f" {world.chair.email} ").status_code == 429
    assert _token(client, world.chair.nip).status_code == 429
    assert _login(client, world.chair.email).status_code == 429


def test_a_successful_sign_in_below_the_limit_clears_only_its_own_account(client, world, settings):
    settings.AXES_IP_FAILURE_LIMIT = 8
    for _ in range(4):
        _login(client, world.member.email, "salah")
    for _ in range(3):
        _login(client, world.chair.email, "salah")
    assert _login(client, world.chair.email.upper()).status_code == 302  # 4 < 5: may sign in
    client.logout()
    # The member's four failures still count: one more locks the member.
    _login(client, world.member.nip or world.member.email, "salah")
    assert _login(client, world.member.email).status_code == 429


def test_an_address_is_locked_after_its_own_limit_over_all_accounts(client, world, settings):
    settings.AXES_IP_FAILURE_LIMIT = 8
    for number in range(8):  # eight different accounts, at most four tries each: none locked
        _login(client, f"siapa{number % 2}@contoh.id", "salah", address="10.0.2.2")
    assert _login(client, world.chair.email, address="10.0.2.2").status_code == 429
    assert _token(client, world.chair.email, address="10.0.2.2").status_code == 429
    # Another address is not affected.
    assert _login(client, world.chair.email, address="10.0.3.3").status_code == 302
