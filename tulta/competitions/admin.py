from __future__ import annotations

from django.contrib import admin

from .models import Assignment, Award, Competition, Criterion, Entry, Round, Rubric


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Rubric)
class RubricAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "government"]
    inlines = [CriterionInline]


admin.site.register([Competition, Entry, Round, Assignment, Award])
