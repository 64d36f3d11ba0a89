"""Imported people sign in for the first time: an emailed single-use link through the tasks
queue, or a printed one-time code; the state on the users page; refusals in Indonesian."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tulta.accounts import services
from tulta.accounts.invitations import InvitationTokenGenerator, LinkState, invitation_tokens
from tulta.accounts.models import InvitationState, SignInCode, User
from tulta.core.models import AuditEvent

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
NEW_PASSWORD = "Budaya-Kerja-2026!"
LINK = re.compile(r"https?://\S+/akun/undangan/\S+/")


def _imported(world, email="siti@contoh.go.id", name="Siti Aminah") -> User:
    user, _temp = services.user_create(
        actor=world.admin,
        government_id=world.government.pk,
        invite=True,
        email=email,
        full_name=name,
        unit=world.unit,
    )
    return user


def _invite_and_deliver(world, users, django_capture_on_commit_callbacks) -> None:
    with override_settings(TASKS=IMMEDIATE), django_capture_on_commit_callbacks(execute=True):
        services.user_invite(actor=world.admin, users=users, base_url="http://tulta.test/")


def _link_path(mail) -> str:
    return LINK.search(mail.body).group(0).removeprefix("http://tulta.test")


def test_an_invitation_is_emailed_through_the_queue_and_marks_the_user(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    person = _imported(world)
    assert person.invitation_state == InvitationState.NOT_INVITED
    _invite_and_deliver(world, [person], django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [person.email]
    assert "Undangan masuk TULTA" in mailoutbox[0].subject
    assert "berlaku 7 hari" in mailoutbox[0].body
    assert LINK.search(mailoutbox[0].body)
    person.refresh_from_db()
    assert person.invitation_state == InvitationState.SENT
    verbs = list(
        AuditEvent.objects.filter(object_id=str(person.pk), verb__startswith="invitation")
        .order_by("pk")
        .values_list("verb", "actor_id")
    )
    assert verbs == [("invitation_email", world.admin.pk), ("invitation_sent", None)]


def test_a_queued_invitation_waits_in_the_queue_until_the_worker_sends_it(world, mailoutbox):
    person = _imported(world)
    services.user_invite(actor=world.admin, users=[person])  # on_commit never fires here
    person.refresh_from_db()
    assert person.invitation_state == InvitationState.QUEUED
    assert mailoutbox == []


def test_the_link_sets_the_password_signs_in_and_is_then_spent(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    person = _imported(world)
    _invite_and_deliver(world, [person], django_capture_on_commit_callbacks)
    path = _link_path(mailoutbox[0])
    page = client.get(path)
    assert page.status_code == 200
    assert "Buat kata sandi Anda" in page.content.decode()
    response = client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == person.pk
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert person.invitation_state == InvitationState.SIGNED_IN
    assert AuditEvent.objects.filter(object_id=str(person.pk), verb="invitation_accepted").exists()

    client.logout()
    again = client.get(path).content.decode()
    assert "Tautan undangan ini sudah dipakai" in again
    assert 'name="new_password1"' not in again


def test_an_expired_link_says_so(client, world):
    person = _imported(world)
    services.user_invite(actor=world.admin, users=[person])
    person.refresh_from_db()

    class EightDaysAgo(InvitationTokenGenerator):
        def _now(self) -> dt.datetime:
            return dt.datetime.now() - dt.timedelta(days=8)  # noqa: DTZ005 naive, as Django's

    token = EightDaysAgo().make_token(person)
    assert invitation_tokens.link_state(person, token) is LinkState.EXPIRED
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    text = client.get(reverse("accounts:invitation_accept", args=[uid, token])).content.decode()
    assert "Tautan undangan ini sudah kedaluwarsa (berlaku 7 hari)" in text
    assert 'name="new_password1"' not in text

    class SixDaysAgo(InvitationTokenGenerator):
        def _now(self) -> dt.datetime:
            return dt.datetime.now() - dt.timedelta(days=6)  # noqa: DTZ005

    assert invitation_tokens.check_token(person, SixDaysAgo().make_token(person))  # still valid


def test_inviting_again_replaces_the_old_link(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    person = _imported(world)
    _invite_and_deliver(world, [person], django_capture_on_commit_callbacks)
    old = _link_path(mailoutbox[0])
    _invite_and_deliver(world, [person], django_capture_on_commit_callbacks)
    new = _link_path(mailoutbox[1])
    assert old != new
    assert "sudah diganti dengan undangan yang lebih baru" in client.get(old).content.decode()
    assert 'name="new_password1"' in client.get(new).content.decode()


def test_a_forged_link_is_unknown(client, world):
    person = _imported(world)
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    text = client.get(reverse("accounts:invitation_accept", args=[uid, "abc-123"])).content
    assert "Tautan undangan ini tidak dikenal" in text.decode()


def test_people_who_have_signed_in_are_not_invited(world, client_for):
    client_for(world.member)  # signs in: last_login set
    world.member.refresh_from_db()
    with pytest.raises(ValidationError, match="semuanya sudah masuk"):
        services.user_invite(actor=world.admin, users=[world.member])
    assert not AuditEvent.objects.filter(verb="invitation_email").exists()


def test_a_newer_invitation_makes_the_older_queued_email_a_no_op(world, mailoutbox):
    person = _imported(world)
    services.user_invite(actor=world.admin, users=[person])
    first = User.objects.get(pk=person.pk).invited_at.isoformat()
    services.user_invite(actor=world.admin, users=[person])
    assert not services.user_invitation_deliver(user_id=person.pk, invited_at=first)
    assert mailoutbox == []
    current = User.objects.get(pk=person.pk).invited_at.isoformat()
    assert services.user_invitation_deliver(user_id=person.pk, invited_at=current)
    assert len(mailoutbox) == 1


# --- printed codes ---------------------------------------------------------------------------


def _redeem(client, identifier, code, password=NEW_PASSWORD):
    return client.post(
        reverse("accounts:code_sign_in"),
        {
            "identifier": identifier,
            "code": code,
            "new_password1": password,
            "new_password2": password,
        },
    )


def test_a_printed_code_is_stored_hashed_and_signs_in_once(client, world):
    person = _imported(world)
    [(user, code, expires)] = services.user_issue_sign_in_codes(actor=world.admin, users=[person])
    stored = SignInCode.objects.get(user=person)
    assert code not in stored.code_hash and code.replace("-", "") not in stored.code_hash
    assert expires == stored.expires_at
    user.refresh_from_db()
    assert user.invitation_state == InvitationState.CODE_PRINTED

    response = _redeem(client, person.email.upper(), code.upper().replace("-", " "))
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == person.pk
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    stored.refresh_from_db()
    assert stored.used_at is not None

    client.logout()
    text = _redeem(client, person.email, code).content.decode()
    assert "Kode masuk ini sudah dipakai" in text
    assert "_auth_user_id" not in client.session


def test_a_wrong_code_and_an_expired_code_say_so(client, world):
    person = _imported(world)
    [(_user, code, _)] = services.user_issue_sign_in_codes(actor=world.admin, users=[person])
    wrong = _redeem(client, person.email, "aaaa-bbbb-cccc").content.decode()
    assert "Email/NIP atau kode masuk salah" in wrong
    SignInCode.objects.filter(user=person).update(expires_at=timezone.now() - dt.timedelta(hours=1))
    expired = _redeem(client, person.email, code).content.decode()
    assert "Kode masuk ini sudah kedaluwarsa" in expired
    person.refresh_from_db()
    assert not person.has_usable_password()
    assert "_auth_user_id" not in client.session


def test_a_new_code_or_email_replaces_the_old_code(client, world):
    person = _imported(world)
    [(_u, old, _)] = services.user_issue_sign_in_codes(actor=world.admin, users=[person])
    services.user_invite(actor=world.admin, users=[person])
    assert "Email/NIP atau kode masuk salah" in _redeem(client, person.email, old).content.decode()


def test_a_weak_password_is_refused_with_the_code_kept_unspent(client, world):
    person = _imported(world)
    [(_u, code, _)] = services.user_issue_sign_in_codes(actor=world.admin, users=[person])
    response = _redeem(client, person.email, code, password="12345")
    assert response.status_code == 200
    assert SignInCode.objects.get(user=person).used_at is None


# --- the admin's pages -------------------------------------------------------------------------


def test_the_users_page_shows_each_state_with_invite_again(world, client_for):
    waiting = _imported(world, "a@contoh.go.id", "Ani")
    services.user_invite(actor=world.admin, users=[waiting])
    printed = _imported(world, "b@contoh.go.id", "Badu")
    services.user_issue_sign_in_codes(actor=world.admin, users=[printed])
    fresh = _imported(world, "c@contoh.go.id", "Cici")
    client = client_for(world.admin)
    text = client.get(reverse("organizations:user_list")).content.decode()
    assert "undangan dalam antrean" in text
    assert "kode masuk dicetak" in text
    assert "belum diundang" in text
    assert "sudah masuk" in text  # the admin, signed in
    assert reverse("organizations:user_invite", args=[waiting.pk]) in text
    assert "Undang ulang" in text
    only = client.get(reverse("organizations:user_list") + "?undangan=not_invited")
    names = [u.full_name for u in only.context["page"]]
    assert "Cici" in names and "Ani" not in names and "Badu" not in names
    assert fresh.full_name in names


def test_invite_again_from_the_users_page(
    world, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    person = _imported(world)
    client = client_for(world.admin)
    with override_settings(TASKS=IMMEDIATE), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organizations:user_invite", args=[person.pk]),
            {"kembali": reverse("organizations:user_list") + "?undangan=sent"},
        )
    assert response.status_code == 302
    assert response.url.endswith("?undangan=sent")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].body.count("http://testserver/akun/undangan/") == 1
    person.refresh_from_db()
    assert person.invitation_state == InvitationState.SENT
    page = client.get(response.url).content.decode()
    assert "undangan terkirim" in page and person.full_name in page


def test_printing_codes_for_everyone_not_yet_invited_shows_them_once(world, client_for):
    people = [_imported(world, f"p{i}@contoh.go.id", f"Pegawai {i}") for i in range(3)]
    services.user_invite(actor=world.admin, users=[people[0]])  # already invited: left out
    client = client_for(world.admin)
    expected = User.objects.filter(
        government=world.government, last_login=None, invited_at=None
    ).count()
    response = client.post(
        reverse("organizations:user_invite_many"), {"sasaran": "belum_diundang", "cara": "kode"}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    codes = re.findall(r'<code class="sign-in-code">([a-z2-9-]+)</code>', text)
    assert len(codes) == expected == SignInCode.objects.count()
    assert len(set(codes)) == len(codes)
    assert "Pegawai 1" in text and "Pegawai 2" in text and "Pegawai 0" not in text
    assert "http://testserver/akun/masuk-dengan-kode/" in text
    for code in codes:
        assert code not in client.get(reverse("organizations:user_list")).content.decode()


def test_bulk_email_invites_only_the_chosen_colleagues(world, client_for, mailoutbox):
    mine = _imported(world)
    foreign, _t = services.user_create(
        actor=world.other_admin,
        government_id=world.other_admin.government_id,
        invite=True,
        email="luar@contoh.go.id",
        full_name="Orang Luar",
    )
    client = client_for(world.admin)
    response = client.post(
        reverse("organizations:user_invite_many"),
        {"sasaran": "dipilih", "cara": "email", "pengguna": [mine.pk, foreign.pk]},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    foreign.refresh_from_db()
    assert mine.invited_at is not None
    assert foreign.invited_at is None


def test_the_import_success_page_links_to_inviting_the_new_people(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    csv = (
        "nama,email,nip,jabatan,telepon,unit,peran,kepala_unit\n"
        "Dewi Lestari,dewi@contoh.go.id,,,,,,\n"
    )
    client = client_for(world.admin)
    response = client.post(
        reverse("organizations:import"),
        {"jenis": "pengguna", "berkas": SimpleUploadedFile("p.csv", csv.encode())},
    )
    text = response.content.decode()
    assert "Impor berhasil" in text, text
    assert reverse("organizations:user_list") + "?undangan=not_invited" in text
    assert (
        User.objects.get(email="dewi@contoh.go.id").invitation_state == InvitationState.NOT_INVITED
    )


@pytest.mark.django_db(transaction=True)
def test_the_invitation_waits_in_the_database_queue_until_db_worker_sends_it(own_world, mailoutbox):
    # Transactional: the invitation is queued when the service's transaction really commits,
    # and the worker, as in production, closes its database connection when it is done (inside
    # a test transaction that would break every later test of this worker on PostgreSQL).
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    world = own_world
    person = _imported(world)
    services.user_invite(actor=world.admin, users=[person], base_url="http://tulta.test/")
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "tulta.accounts.tasks.send_invitation"
    assert mailoutbox == []
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [person.email]
    person.refresh_from_db()
    assert person.invitation_state == InvitationState.SENT


def test_the_users_page_reads_the_invitation_state_without_a_query_per_person(
    world, client_for, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(world.admin)
    url = reverse("organizations:user_list")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(12):
        person = _imported(world, f"q{i}@contoh.go.id", f"Orang {i}")
        if i % 2:
            services.user_invite(actor=world.admin, users=[person])
    with django_assert_max_num_queries(len(few.captured_queries)):
        text = client.get(url).content.decode()
    assert text.count("Undang ulang") >= 6
