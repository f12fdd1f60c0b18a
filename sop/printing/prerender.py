"""PDFs rendered in the background when an SOP is saved, submitted or approved, so a download is a cache hit.

The task renders the SOP in every paper size into the PDF cache (render.cached_sop_pdf, which also makes a
download that arrives during the render wait for it instead of rendering again). On by default in production and
the demo (SOP_PRERENDER); the tests turn it on where they test it, so the suite does not render on every save.
"""

from django.conf import settings
from django.dispatch import receiver
from django_tasks import task

from sop import signals
from sop.models import Langkah, Sop, SopItem
from sop.printing.layout import PAPERS
from sop.printing.render import cached_sop_pdf, signed_pdf


@task()
def prerender_sop_pdfs(sop_id: int) -> list[str]:
    """Render the SOP's PDFs (A4 and F4) into the cache; a version already cached costs nothing."""
    from django.db.models import Prefetch

    sop = (
        Sop.objects.select_related("opd__pemda", "pengesah")
        .prefetch_related(
            "pelaksana",
            Prefetch("langkah", queryset=Langkah.objects.select_related("pelaksana")),
            Prefetch("items", queryset=SopItem.objects.select_related("sop_terkait")),
        )
        .filter(pk=sop_id)
        .first()
    )
    if sop is None:  # deleted before the worker came to it
        return []
    return [str(cached_sop_pdf(sop, paper)[0].name) for paper in PAPERS]


def _queue(sop: Sop) -> None:
    if settings.SOP_PRERENDER:
        prerender_sop_pdfs.enqueue(sop.pk)


@receiver(signals.sop_saved)
@receiver(signals.sop_submitted)
def _rendered_in_the_background(sender, sop: Sop, **kwargs) -> None:
    """The signals are sent after the transaction committed: the worker reads what was saved."""
    _queue(sop)


@receiver(signals.sop_approved)
def _approved_rendered_unless_signed(sender, sop: Sop, **kwargs) -> None:
    """A signed SOP is downloaded as the file that was signed: nothing to render then."""
    signed = signed_pdf(sop)
    if signed is None:
        _queue(sop)
    else:
        signed.close()
