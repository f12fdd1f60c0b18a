from django.apps import AppConfig


class KinerjaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sakip.kinerja"
    label = "kinerja"
    verbose_name = "Kinerja (SAKIP)"
