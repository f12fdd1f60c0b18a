from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class SakipConfig(AppConfig):
    default = True  # this module also holds the task queue's config, which is named in INSTALLED_APPS
    default_auto_field = "django.db.models.BigAutoField"
    name = "sakip"
    verbose_name = "Organisasi & SAKIP"

    def ready(self) -> None:
        from django.core.signals import request_finished

        from sakip import media

        # A request whose transaction rolled back outside a service's own block leaves its files to this sweep.
        request_finished.connect(media.sweep_on_request_finished, dispatch_uid="sakip-media-sweep")


class TasksDbConfig(TasksAppConfig):
    """The task queue of the background work (Buku SOP), under an Indonesian name in the admin."""

    default = False
    verbose_name = _("Antrean tugas latar belakang")
