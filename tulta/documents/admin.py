from __future__ import annotations

from django.contrib import admin

from .models import FrozenDocument, ProgrammeBook


@admin.register(FrozenDocument)
class FrozenDocumentAdmin(admin.ModelAdmin):
    list_display = ("risalah", "format", "size", "sha256", "created_at")
    list_filter = ("format",)
    readonly_fields = ("risalah", "format", "file", "sha256", "size", "created_at")

    def has_add_permission(self, request: object) -> bool:
        return False  # frozen files are written only at final submission

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(ProgrammeBook)
class ProgrammeBookAdmin(admin.ModelAdmin):
    list_display = ("programme", "status", "progress", "created_at", "finished_at")
    list_filter = ("status",)
    readonly_fields = ("sha256", "size", "error", "created_at", "finished_at")
