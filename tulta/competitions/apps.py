from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class CompetitionsConfig(AppConfig):
    name = "tulta.competitions"
    label = "competitions"
    verbose_name = _("Lomba")

    def ready(self) -> None:
        from tulta.accounts.models import User
        from tulta.organizations.models import Membership, Team

        from . import receivers

        post_save.connect(receivers.user_saved, sender=User, dispatch_uid="competitions.user")
        post_save.connect(
            receivers.membership_saved, sender=Membership, dispatch_uid="competitions.membership"
        )
        post_save.connect(receivers.team_saved, sender=Team, dispatch_uid="competitions.team")
