"""Signatures (PAdES) on SOPs and run documents, numbering, and the public verification (its own app)."""

from django.apps import AppConfig


class SigningConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "workflow.signing"
    label = "signing"
    verbose_name = "Tanda tangan elektronik"

    def ready(self) -> None:
        from django.urls import reverse

        from sop.approval import register_numbering_at_approval, register_review_page
        from sop.printing.render import register_signed_pdf
        from workflow import actions
        from workflow.signing import beranda, runs
        from workflow.signing.selectors import signed_sop_file

        register_review_page(lambda sop: reverse("signing:sop-review", args=[sop.pk]))
        register_numbering_at_approval()
        register_signed_pdf(signed_sop_file)
        beranda.register()
        actions.register_guard("tanda_tangan", runs.signing_guard)
        actions.register_panel("tanda_tangan", "signing/_run_sign_panel.html", runs.signing_panel)
        actions.register_guard("penomoran", runs.numbering_guard)
        actions.register_panel("penomoran", "signing/_run_number_panel.html", runs.numbering_panel)
