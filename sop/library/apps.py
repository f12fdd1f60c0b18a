from django.apps import AppConfig


class SopLibraryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sop.library"
    label = "sop_library"
    verbose_name = "Templat SOP"
