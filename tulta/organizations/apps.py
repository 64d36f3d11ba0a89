from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "tulta.organizations"
    label = "organizations"
    verbose_name = _("Organisasi")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from tulta.core.middleware import SESSION_TIME_ZONE

        from .models import Government

        def remember_time_zone(sender: object, request: object, user: object, **kw: object) -> None:
            """Keep the pemda's zone in the session: the time-zone middleware reads it there."""
            session = getattr(request, "session", None)
            government_id = getattr(user, "government_id", None)
            if session is None or not government_id:
                return
            zone = (
                Government.objects.filter(pk=government_id)
                .values_list("time_zone", flat=True)
                .first()
            )
            if zone:
                session[SESSION_TIME_ZONE] = zone

        user_logged_in.connect(remember_time_zone, weak=False, dispatch_uid="tulta-time-zone")
