from django.apps import AppConfig


class SopConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sop"
    verbose_name = "SOP"

    def ready(self) -> None:
        from sop import beranda
        from sop.printing import prerender  # noqa: F401 (connects its receivers)

        beranda.register()
