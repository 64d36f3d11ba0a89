from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tulta.api"
    label = "api"
    verbose_name = "API"
