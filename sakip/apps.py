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
        from django.db.backends.signals import connection_created

        from sakip import media, page_cache

        # A request whose transaction rolled back outside a service's own block leaves its files to this sweep.
        request_finished.connect(media.sweep_on_request_finished, dispatch_uid="sakip-media-sweep")
        # Every write to the database ends the life of the cached pages (sakip/page_cache.py).
        connection_created.connect(page_cache.watch_writes, dispatch_uid="sakip-page-cache-writes")


class TasksDbConfig(TasksAppConfig):
    """The task queue of the background work (Buku SOP), under an Indonesian name in the admin."""

    default = False
    verbose_name = _("Antrean tugas latar belakang")
