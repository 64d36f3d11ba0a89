from __future__ import annotations

from django.contrib import admin

from .models import AgreedAction, MentorAssignment, MentoringSession


@admin.register(MentorAssignment)
class MentorAssignmentAdmin(admin.ModelAdmin):
    list_display = ["team", "mentor", "programme", "active", "assigned_at"]
    list_filter = ["active", "programme"]
    raw_id_fields = ["programme", "team", "mentor", "assigned_by"]


class AgreedActionInline(admin.TabularInline):
    model = AgreedAction
    raw_id_fields = ["owner"]
    extra = 0


@admin.register(MentoringSession)
class MentoringSessionAdmin(admin.ModelAdmin):
    list_display = ["held_on", "team", "mentor", "topic", "follow_up"]
    list_filter = ["follow_up", "mode", "programme"]
    raw_id_fields = ["programme", "team", "mentor", "attendees", "created_by"]
    inlines = [AgreedActionInline]
