from __future__ import annotations

from django.contrib import admin

from .models import EmailedNotification


@admin.register(EmailedNotification)
class EmailedNotificationAdmin(admin.ModelAdmin):
    list_display = ["notification", "emailed_at"]
    raw_id_fields = ["notification"]
