from django.apps import AppConfig


class SopConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sop"
    verbose_name = "SOP"

    def ready(self) -> None:
        from sop import beranda

        beranda.register()
