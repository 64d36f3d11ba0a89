from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import RoleGrant, User


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["full_name"]
    list_display = ["full_name", "email", "nip", "government", "unit", "is_active"]
    list_filter = ["government", "is_active", "is_staff"]
    search_fields = ["full_name", "email", "nip"]
    inlines = [RoleGrantInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profil", {"fields": ("full_name", "nip", "position", "phone", "government", "unit")}),
        (
            "Akses",
            {"fields": ("is_active", "must_change_password", "is_staff", "is_superuser")},
        ),
    )
    add_fieldsets = (
        (None, {"fields": ("email", "full_name", "government", "password1", "password2")}),
    )
