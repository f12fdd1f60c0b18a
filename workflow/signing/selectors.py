"""Reading signed documents."""

from workflow.signing.models import DokumenTertandatangan


def signed_sop_document(sop) -> DokumenTertandatangan | None:
    return DokumenTertandatangan.objects.filter(sop=sop).order_by("-pk").first()


def signed_sop_file(sop):
    """The signed PDF of an SOP, opened, for downloads; None for an SOP that was never signed."""
    if sop.status not in (sop.Status.DISAHKAN, sop.Status.DIGANTI):
        return None
    document = signed_sop_document(sop)
    return document.berkas.open("rb") if document is not None else None
