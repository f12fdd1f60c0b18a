"""SAKIP performance data: sasaran strategis, indikator kinerja, targets, realisasi and capaian (its own app)."""

from django.apps import AppConfig


class KinerjaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sakip.kinerja"
    label = "kinerja"
    verbose_name = "Kinerja (SAKIP)"

    def ready(self) -> None:
        from sakip.kinerja import beranda, document, run
        from workflow import actions

        actions.register_guard("isi_data", run.isi_data_guard)
        actions.register_guard("validasi", run.validasi_guard)
        for aksi in ("isi_data", "validasi"):
            actions.register_panel(aksi, "kinerja/_run_forms_panel.html", run.forms_panel)
        for aksi in ("koreksi", "tanda_tangan"):
            actions.register_panel(aksi, "kinerja/_run_document_panel.html", run.document_panel)
        actions.register_run_document(document.run_document)
        actions.register_period_years(run.pk_years)
        beranda.register()
