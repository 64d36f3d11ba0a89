from __future__ import annotations

from django.contrib import admin

from .models import Government, Membership, Team, Unit


@admin.register(Government)
class GovernmentAdmin(admin.ModelAdmin):
    list_display = ["official_name", "province", "slug"]
    search_fields = ["name", "province"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "government", "parent"]
    list_filter = ["government", "kind"]
    search_fields = ["name"]
    raw_id_fields = ["parent", "head"]


class MembershipInline(admin.TabularInline):
    model = Membership
    raw_id_fields = ["user"]
    extra = 0


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "decree_number", "is_active"]
    list_filter = ["is_active", "unit__government"]
    search_fields = ["name", "unit__name"]
    raw_id_fields = ["unit"]
    inlines = [MembershipInline]
