from django.apps import AppConfig


class SigningConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "workflow.signing"
    label = "signing"
    verbose_name = "Tanda tangan elektronik"
