"""Seed the template methods (TULTA and DELTA); the data lives in method_templates.py."""

from django.db import migrations


def seed(apps, schema_editor):
    from tulta.risalah.method_templates import ensure_template_methods

    ensure_template_methods(apps.get_model("risalah", "Method"), apps.get_model("risalah", "MethodStep"))


def unseed(apps, schema_editor):
    apps.get_model("risalah", "Method").objects.filter(
        government=None, code__in=["tulta", "delta"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("risalah", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
