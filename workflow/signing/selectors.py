"""Reading signed documents: a signed file is served only while it matches the SHA-256 kept at signing."""

import hashlib
from io import BytesIO

from sop.printing.render import SignedFileError
from workflow.signing.models import DokumenTertandatangan


def checked_bytes(document: DokumenTertandatangan) -> bytes:
    """The signed file's bytes, after checking them against the fingerprint kept at signing."""
    try:
        with document.berkas.open("rb") as handle:
            data = handle.read()
    except OSError:  # gone from the storage: refused like a changed file, with the admin's message
        raise SignedFileError(document.token) from None
    if hashlib.sha256(data).hexdigest() != document.sha256:
        raise SignedFileError(document.token)
    return data


def signed_sop_document(sop) -> DokumenTertandatangan | None:
    return DokumenTertandatangan.objects.filter(sop=sop).order_by("-pk").first()


def signed_sop_file(sop):
    """The signed PDF of an SOP, opened, for downloads; None for an SOP that was never signed."""
    if sop.status not in (sop.Status.DISAHKAN, sop.Status.DIGANTI):
        return None
    document = signed_sop_document(sop)
    return BytesIO(checked_bytes(document)) if document is not None else None
