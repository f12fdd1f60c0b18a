"""One signing interface, chosen by the setting SIGNING_TTE_BACKEND as Django chooses EMAIL_BACKEND.

A backend turns an unsigned PDF into a signed one (PAdES). The service (workflow.signing.services) prepares the
request — the PDF with every number already printed, where the visible signature goes, what it shows — and stores
what comes back. Backends: `local.LocalBackend` (a CA per Pemda made by `manage.py signing_ca`, for development
and demos) and `bsre.BsreBackend` (the BSrE esign API v2).
"""

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class SignatureBox:
    """Where the visible signature goes: a page (0-based) and a rectangle in PDF points, origin bottom-left."""

    page: int
    x1: float
    y1: float
    x2: float
    y2: float

    @property
    def width(self) -> float:
        return self.x2 - self.x1

    @property
    def height(self) -> float:
        return self.y2 - self.y1


@dataclass(frozen=True)
class SigningRequest:
    pdf: bytes
    nik: str  # the signer's NIK (BSrE identifies signers by it); may be empty for the local backend
    nip: str
    user_id: int  # the signer's account (the local backend finds the certificate by it)
    pemda_id: int
    passphrase: str  # what the signer typed at step-up; never stored
    box: SignatureBox
    lines: tuple[str, ...]  # the text of the visible signature: jabatan, nama, pangkat, NIP, place and date
    verify_url: str  # what the QR code in the visible signature opens
    reason: str
    location: str
    field_name: str = "Disahkan"


@dataclass(frozen=True)
class SigningResult:
    pdf: bytes
    level: str  # "B-B", "B-T" or "B-LT"
    signer_subject: str  # the certificate's subject, as printed on the verification page
    issuer: str
    serial: str
    signed_at: datetime
    backend: str
    reference: str = ""  # the provider's id for this signing (BSrE's id_dokumen), empty for the local backend
    details: dict = field(default_factory=dict)


class SigningError(Exception):
    """A signing that did not happen, with a message in Indonesian for the signer.

    `kind` says what went wrong: "passphrase" (a wrong passphrase or code: counts as a failed step-up try),
    "not_registered" (no certificate for this signer), "unavailable" (the service refused or is down: nothing
    was signed), "unknown" (a timeout after the request was sent: the outcome is not known and the signing must
    not be retried blindly), "invalid" (the document or request was refused).
    """

    def __init__(self, message: str, kind: str = "unavailable"):
        super().__init__(message)
        self.kind = kind


class BaseBackend:
    name = "base"

    def sign(self, request: SigningRequest) -> SigningResult:
        raise NotImplementedError

    def has_certificate(self, *, user_id: int, nik: str) -> bool:
        """Whether this signer can sign at all (the review page says so before anyone types a passphrase)."""
        raise NotImplementedError


@cache
def _backend_class(path: str) -> type[BaseBackend]:
    return import_string(path)


def get_backend() -> BaseBackend:
    return _backend_class(settings.SIGNING_TTE_BACKEND)()
