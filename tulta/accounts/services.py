"""Changes to user accounts: creation by an admin, roles, passwords, invitations to a first
sign-in (an emailed link or a printed one-time code). Each is audited."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from tulta.core import audit

from . import invitations
from .backends import find_user_by_identifier
from .models import GRANTABLE_ROLES, InvitationChannel, RoleGrant, SignInCode, User

USER_FIELDS = ("email", "nip", "full_name", "position", "phone", "unit", "is_active")

# Letters and digits that cannot be confused when read aloud or from paper (no 0/O, 1/l/I).
_TEMP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def temporary_password() -> str:
    """A one-time password an admin hands over; the user must change it at first sign-in."""
    groups = ["".join(secrets.choice(_TEMP_ALPHABET) for _ in range(4)) for _ in range(3)]
    return "-".join(groups)


def _roles_snapshot(user: User) -> list[str]:
    return sorted(user.role_grants.values_list("role", flat=True))


def _set_roles(user: User, roles: Iterable[str]) -> None:
    wanted = {r for r in roles if r in {g.value for g in GRANTABLE_ROLES}}
    user.role_grants.exclude(role__in=wanted).delete()
    have = set(user.role_grants.values_list("role", flat=True))
    RoleGrant.objects.bulk_create(RoleGrant(user=user, role=r) for r in sorted(wanted - have))


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    government_id: int | None,
    roles: Iterable[str] = (),
    password: str | None = None,
    invite: bool = False,
    **fields: Any,
) -> tuple[User, str | None]:
    """Create a user in ``government_id``. Without ``password`` a temporary one is generated,
    returned once, and must be changed at first sign-in; with ``invite`` the account gets no
    usable password and the person sets one through "Lupa kata sandi" (bulk import).
    Raises ValidationError and writes nothing then."""
    temp = None
    user = User(government_id=government_id, **fields)
    if invite:
        user.set_unusable_password()
    elif password is None:
        temp = temporary_password()
        user.set_password(temp)
        user.must_change_password = True
    else:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    _set_roles(user, roles)
    audit.record(
        actor=actor,
        action="create",
        obj=user,
        government_id=government_id,
        verb="invited" if invite else "",
        changes={
            **audit.created(user, USER_FIELDS),
            "peran": [None, _roles_snapshot(user)],
        },
    )
    return user, temp


@transaction.atomic
def user_update(
    *, actor: User, user: User, roles: Iterable[str] | None = None, **fields: Any
) -> User:
    """Change a user's profile and (when given) their granted roles."""
    before = audit.snapshot(user, USER_FIELDS)
    before_roles = _roles_snapshot(user)
    for name, value in fields.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    user.save()
    if roles is not None:
        _set_roles(user, roles)
    changes = audit.diff(before, audit.snapshot(user, USER_FIELDS))
    after_roles = _roles_snapshot(user)
    if after_roles != before_roles:
        changes["peran"] = [before_roles, after_roles]
    if changes:
        audit.record(
            actor=actor,
            action="update",
            obj=user,
            government_id=user.government_id,
            changes=changes,
        )
    return user


@transaction.atomic
def user_reset_password(*, actor: User, user: User) -> str:
    """Give ``user`` a new temporary password (returned once) and force a change at sign-in."""
    temp = temporary_password()
    user.set_password(temp)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    audit.record(
        actor=actor,
        action="update",
        obj=user,
        government_id=user.government_id,
        verb="password_reset_by_admin",
        changes={"kata_sandi": ["(lama)", "(sementara baru)"]},
    )
    return temp


@transaction.atomic
def user_password_changed(*, user: User) -> None:
    """Record that the user chose their own password; lifts the forced change."""
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
    audit.record(
        actor=user,
        action="update",
        obj=user,
        government_id=user.government_id,
        verb="password_changed",
        changes={"kata_sandi": ["(lama)", "(baru)"]},
    )


# --- Invitations to a first sign-in ---------------------------------------------------------


def _invitable(user: User) -> bool:
    """Only a person who has never signed in, with an active account, is invited."""
    return user.is_active and user.last_login is None


def _mark_invited(*, actor: User, user: User, channel: str, now: dt.datetime) -> None:
    before = str(user.invitation_state.label)
    user.invited_at = now
    user.invitation_channel = channel
    user.save(update_fields=["invited_at", "invitation_channel"])
    # A new invitation replaces every earlier one: the old link no longer matches ``invited_at``
    # and the old printed codes are removed.
    user.sign_in_codes.filter(used_at=None).delete()
    audit.record(
        actor=actor,
        action="update",
        obj=user,
        government_id=user.government_id,
        verb="invitation_email" if channel == InvitationChannel.EMAIL else "invitation_code",
        changes={"undangan": [before, str(user.invitation_state.label)]},
    )


@transaction.atomic
def user_invite(*, actor: User, users: Iterable[User], base_url: str = "") -> list[User]:
    """Send each of ``users`` who has never signed in an invitation email with a sign-in link
    (valid :data:`invitations.INVITATION_DAYS` days, single use) through the tasks queue; an
    earlier link or code stops working. The caller checks ``can_manage_users`` and that every
    user is the actor's colleague. Returns the people invited; raises ValidationError (and
    writes nothing) when none of them can be invited."""
    now = timezone.now()
    invited = [u for u in users if _invitable(u)]
    if not invited:
        raise ValidationError(_("Tidak ada pengguna yang dapat diundang: semuanya sudah masuk."))
    for user in invited:
        _mark_invited(actor=actor, user=user, channel=InvitationChannel.EMAIL, now=now)
    jobs = [(u.pk, now.isoformat()) for u in invited]

    def enqueue() -> None:
        from .tasks import send_invitation  # the task calls back into this module

        for pk, stamp in jobs:
            send_invitation.enqueue(pk, stamp, base_url)

    transaction.on_commit(enqueue)
    return invited


@transaction.atomic
def user_invitation_deliver(*, user_id: int, invited_at: str, base_url: str = "") -> bool:
    """Email the invitation queued at ``invited_at`` (the queue's worker calls this). Skips,
    returning False, when the person has signed in meanwhile or a newer invitation replaced
    this one; otherwise sends, stamps ``invitation_sent_at`` and records it."""
    user = User.objects.select_for_update().filter(pk=user_id).first()
    if (
        user is None
        or not _invitable(user)
        or user.invited_at is None
        or user.invited_at.isoformat() != invited_at
        or user.invitation_channel != InvitationChannel.EMAIL
    ):
        return False
    context = {
        "user": user,
        "link": invitations.site_url(base_url) + invitations.invitation_path(user),
        "days": invitations.INVITATION_DAYS,
        "government": user.government,
    }
    subject = render_to_string("accounts/email/invitation_subject.txt", context)
    EmailMessage(
        subject=" ".join(subject.split()),
        body=render_to_string("accounts/email/invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    ).send(fail_silently=False)
    user.invitation_sent_at = timezone.now()
    user.save(update_fields=["invitation_sent_at"])
    audit.record(
        actor=None,
        action="update",
        obj=user,
        government_id=user.government_id,
        verb="invitation_sent",
        changes={"undangan_terkirim": [None, user.invitation_sent_at.isoformat()]},
    )
    return True


@transaction.atomic
def user_issue_sign_in_codes(
    *, actor: User, users: Iterable[User]
) -> list[tuple[User, str, dt.datetime]]:
    """A one-time sign-in code for each of ``users`` who has never signed in, to print and hand
    over with its expiry; valid :data:`invitations.CODE_DAYS` days. Only the codes' hashes are
    stored, so the list returned is the only time they are seen; earlier links and codes stop
    working. The caller checks ``can_manage_users`` and the users' government. Raises
    ValidationError (and writes nothing) when none of them can be invited."""
    now = timezone.now()
    invited = [u for u in users if _invitable(u)]
    if not invited:
        raise ValidationError(_("Tidak ada pengguna yang dapat diundang: semuanya sudah masuk."))
    issued = []
    expires = invitations.code_expiry(now)
    for user in invited:
        _mark_invited(actor=actor, user=user, channel=InvitationChannel.CODE, now=now)
        code = invitations.new_code()
        SignInCode.objects.create(
            user=user,
            code_hash=invitations.code_hash(user, code),
            created_at=now,
            expires_at=expires,
            created_by=actor,
        )
        issued.append((user, code, expires))
    return issued


def _accept(*, user: User, password: str, via: str) -> None:
    user.set_password(password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    audit.record(
        actor=user,
        action="update",
        obj=user,
        government_id=user.government_id,
        verb="invitation_accepted",
        changes={"kata_sandi": ["(belum ada)", "(baru)"], "undangan": [via, "diterima"]},
    )


@transaction.atomic
def user_accept_invitation(*, user: User, password: str) -> User:
    """The invited person sets their first password through the emailed link. The caller checks
    the link (``invitations.invitation_tokens``) and validates the password; signing the person
    in afterwards spends the link."""
    _accept(user=user, password=password, via="email")
    return user


@transaction.atomic
def sign_in_code_redeem(*, identifier: str, code: str, password: str) -> User:
    """Spend a printed sign-in code: the person named by ``identifier`` (email or NIP) sets
    their first password. The caller validates the password. Raises ValidationError with the
    reason (wrong, used, expired) and changes nothing then."""
    wrong = ValidationError(_("Email/NIP atau kode masuk salah. Periksa lagi kertas kode Anda."))
    user = find_user_by_identifier(identifier)
    typed = invitations.normalise_code(code)
    if user is None or not typed:
        raise wrong
    codes = list(SignInCode.objects.select_for_update().filter(user=user))
    match = next((c for c in codes if invitations.code_matches(user, typed, c.code_hash)), None)
    if match is None:
        raise wrong
    if match.used_at is not None or user.last_login is not None:
        raise ValidationError(
            _("Kode masuk ini sudah dipakai. Masuk dengan email atau NIP dan kata sandi Anda.")
        )
    if match.expires_at < timezone.now() or not user.is_active:
        raise ValidationError(
            _(
                "Kode masuk ini sudah kedaluwarsa. Minta kode atau undangan baru kepada "
                "Bagian Organisasi."
            )
        )
    match.used_at = timezone.now()
    match.save(update_fields=["used_at"])
    _accept(user=user, password=password, via="kode")
    return user
