from django.apps import AppConfig


class SopConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sop"
    verbose_name = "SOP"

    def ready(self) -> None:
        import datetime

        from sakip import media
        from sop import beranda
        from sop.importing import storage
        from sop.printing import prerender  # noqa: F401 (connects its receivers)

        beranda.register()
        # Uploads waiting for the import's confirmation are purged at the next upload; clean_media takes them
        # when none comes.
        media.register_temporary(storage.upload_root, datetime.timedelta(seconds=storage.LIFETIME_SECONDS))
