"""Sign-in lockout per account, and per address as a second, higher limit (django-axes).

Axes keyed its counter on the text typed, so ``Kepala@…``, `` KEPALA@… `` and the user's NIP
each had their own five guesses. Here the counter's key is the *account*:
:func:`lockout_username` (``AXES_USERNAME_CALLABLE``) normalises the identifier (stripped,
email lower-cased, NIP without its spaces, dots and dashes), resolves it to the user and
returns ``user:<pk>``; an identifier that names nobody counts under its normalised text. Every
variant therefore shares one counter, on the sign-in page and on the API token endpoint (both
authenticate through axes).

:class:`AccountLockoutHandler` counts two things (``AXES_LOCKOUT_PARAMETERS`` =
``[["username"], ["ip_address"]]``, in that order): the account's failures against
``AXES_FAILURE_LIMIT``, and the address's failures over all accounts against
``AXES_IP_FAILURE_LIMIT`` (higher: an office behind one address shares it). A successful sign-in
clears only that account's own failures, never the address's count of failures on other
accounts; and while an account is locked, axes refuses even the right password, so no variant
clears a lock.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.http import HttpRequest

from .backends import find_user_by_identifier
from .nip import normalize_nip

CACHE_ATTRIBUTE = "_tulta_lockout_keys"


def normalise_identifier(identifier: str | None) -> str:
    """The identifier as the sign-in reads it: stripped; an email lower-cased; otherwise a NIP
    without the separators people type."""
    text = (identifier or "").strip()
    if "@" in text:
        return text.lower()
    return normalize_nip(text).lower()


def lockout_username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str:
    """The key axes counts failures under: ``user:<pk>`` for an identifier that names an
    account, else the normalised identifier. Cached on the request (axes asks several times)."""
    if credentials:
        raw = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    elif request is not None:
        raw = request.POST.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        raw = None
    identifier = normalise_identifier(raw)
    cache: dict[str, str] = {}
    if request is not None:
        cache = getattr(request, CACHE_ATTRIBUTE, None) or {}
        if identifier in cache:
            return cache[identifier]
    user = find_user_by_identifier(identifier) if identifier else None
    key = f"user:{user.pk}" if user is not None else identifier
    if request is not None:
        cache[identifier] = key
        setattr(request, CACHE_ATTRIBUTE, cache)
    return key


def _failures(attempts: QuerySet[Any]) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class AccountLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with two limits: per account and (higher) per address."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        account_attempts, address_attempts = self.get_user_attempts(request, credentials)
        failures = _failures(account_attempts)
        if _failures(address_attempts) >= settings.AXES_IP_FAILURE_LIMIT:
            # The address is locked: report the account limit so axes refuses the request.
            return max(failures, get_failure_limit(request, credentials))
        return failures

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        """After a successful sign-in: forget the account's failures only."""
        account_attempts = self.filter_user_attempts(request, credentials)[0]
        count, _deleted = account_attempts.delete()
        return int(count)
