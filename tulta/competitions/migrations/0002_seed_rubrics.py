from django.db import migrations


def seed(apps, schema_editor):
    from tulta.competitions.rubric_templates import ensure_template_rubrics

    ensure_template_rubrics(
        apps.get_model("competitions", "Rubric"), apps.get_model("competitions", "Criterion")
    )


def unseed(apps, schema_editor):
    apps.get_model("competitions", "Rubric").objects.filter(government=None).delete()


class Migration(migrations.Migration):
    dependencies = [("competitions", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
