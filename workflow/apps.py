from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "workflow"
    verbose_name = "Alur kerja"

    def ready(self) -> None:
        from workflow import beranda

        beranda.register()
