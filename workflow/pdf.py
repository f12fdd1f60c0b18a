"""The printable monitoring form (Permenpan RB 35/2012 asks OPDs to monitor how SOPs are carried out)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from sakip.models import User
from workflow.charts import step_ratio_chart
from workflow.selectors import Monitoring


def monitoring_pdf(monitoring: Monitoring, *, user: User) -> bytes:
    """Render the monitoring form to PDF with WeasyPrint."""
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    html = render_to_string(
        "workflow/print/monitoring_form.html",
        {
            "monitoring": monitoring,
            "sop": monitoring.sop,
            "chart": step_ratio_chart(monitoring.steps),
            "printed_at": timezone.localtime(),
            "user": user,
            "pegawai": getattr(user, "pegawai", None),
        },
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
