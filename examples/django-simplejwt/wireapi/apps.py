from django.apps import AppConfig


class WireapiConfig(AppConfig):
    name = "wireapi"
