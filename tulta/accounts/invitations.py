"""Invitations to a first sign-in: an emailed link or a printed one-time code.

The link carries a token from Django's password-reset token generator, salted for invitations
and tied to what makes it single-use and replaceable: the password (setting one spends the
link), the last sign-in (signing in at all spends it) and ``User.invited_at`` (a new invitation
replaces the old link). It lives :data:`INVITATION_DAYS` days, not the one day of a reset link.
A printed code is random text (about 59 bits) of which only a keyed hash is stored: an HMAC
with the site's secret, quick enough to print codes for a whole city at once (a slow password
hash is for guessable passwords; these codes are not guessable).
"""

from __future__ import annotations

import datetime as dt
import enum
import secrets

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode

from .models import User

INVITATION_DAYS = 7
CODE_DAYS = 14

# Letters and digits that cannot be confused when read from paper (no 0/O, 1/l/I).
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_SALT = "tulta.accounts.invitations.sign_in_code"


class LinkState(enum.Enum):
    VALID = "valid"
    USED = "used"
    EXPIRED = "expired"
    REPLACED = "replaced"
    UNKNOWN = "unknown"


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "tulta.accounts.invitations.InvitationTokenGenerator"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        login = "" if user.last_login is None else user.last_login.replace(microsecond=0)
        invited = "" if user.invited_at is None else user.invited_at.isoformat()
        return f"{user.pk}{user.password}{login}{invited}{timestamp}"

    def link_state(self, user: User | None, token: str) -> LinkState:
        """Why a link works or not: the same checks as ``check_token`` (every secret, constant
        time), with the invitation's own lifetime and a reason for a refusal."""
        if user is None or not token or "-" not in token:
            return LinkState.UNKNOWN
        try:
            timestamp = base36_to_int(token.split("-", 1)[0])
        except ValueError:
            return LinkState.UNKNOWN
        genuine = any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )
        if not genuine:
            # Accepting a link sets a password and signs the person in, which changes the hash;
            # a new invitation changes ``invited_at``.
            if user.last_login is not None:
                return LinkState.USED
            if user.invited_at is not None:
                return LinkState.REPLACED
            return LinkState.UNKNOWN
        age = self._num_seconds(self._now()) - timestamp
        if age > INVITATION_DAYS * 24 * 3600:
            return LinkState.EXPIRED
        return LinkState.VALID

    def check_token(self, user: User | None, token: str | None) -> bool:
        return self.link_state(user, token or "") is LinkState.VALID


invitation_tokens = InvitationTokenGenerator()


def invitation_path(user: User) -> str:
    """The path of the user's current invitation link (site-relative)."""
    from django.urls import reverse

    return reverse(
        "accounts:invitation_accept",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_tokens.make_token(user),
        },
    )


def new_code() -> str:
    """A one-time sign-in code to print: 12 characters in three groups ("abcd-efgh-jkmn")."""
    groups = ["".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(3)]
    return "-".join(groups)


def normalise_code(text: str) -> str:
    """What the person typed, as the code was made: lower case, groups joined by dashes."""
    letters = "".join(ch for ch in (text or "").lower() if ch.isalnum())
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


def code_hash(user: User, code: str) -> str:
    """The stored form of ``user``'s printed code."""
    return salted_hmac(
        CODE_SALT, f"{user.pk}:{normalise_code(code)}", algorithm="sha256"
    ).hexdigest()


def code_matches(user: User, code: str, stored: str) -> bool:
    return constant_time_compare(code_hash(user, code), stored)


def code_expiry(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) + dt.timedelta(days=CODE_DAYS)


def site_url(fallback: str = "") -> str:
    """The site's address for links in emails: ``SITE_URL`` when set, else the request's."""
    return (settings.SITE_URL or fallback).rstrip("/")
