"""What the public verification page says about a signed document, and about a file someone holds.

The stored file is checked with pyHanko: the signature covers the document unchanged (intact), the signature
is mathematically valid, and — for the local backend — the certificate chains to the Pemda's CA (trusted). A file
uploaded by a reader is compared byte for byte (SHA-256) with the signed one.
"""

import hashlib
from dataclasses import dataclass
from io import BytesIO

from django.core.cache import cache
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from workflow.signing.ca import asn1_certificate
from workflow.signing.models import DokumenTertandatangan, OtoritasSertifikat


@dataclass(frozen=True)
class Verdict:
    intact: bool
    valid: bool
    trusted: bool | None  # None: no trust anchor known here (a provider's CA)
    timestamped: bool
    signatures: int
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted is not False


def _roots(document: DokumenTertandatangan) -> list:
    """The trust anchor this application knows: the Pemda's local CA, for what the local backend signed. A provider's
    signature (BSrE) chains to the provider's root, which a PDF reader holds; here it is checked as intact and valid."""
    if document.backend != "lokal":
        return []
    authority = OtoritasSertifikat.objects.filter(pemda_id=document.opd.pemda_id).first()
    return [asn1_certificate(authority.sertifikat_pem)] if authority else []


def check_pdf(pdf: bytes, roots: list) -> Verdict:
    try:
        signatures = list(PdfFileReader(BytesIO(pdf), strict=False).embedded_signatures)
    except Exception:  # anything a broken file can raise: it is not a readable PDF
        return Verdict(False, False, False, False, 0, _("Berkas ini tidak bisa dibaca sebagai PDF."))
    if not signatures:
        return Verdict(False, False, False, False, 0, _("Berkas ini tidak memuat tanda tangan elektronik."))
    context = ValidationContext(trust_roots=roots, allow_fetching=False) if roots else ValidationContext()
    status = validate_pdf_signature(signatures[-1], context)
    trusted = bool(status.trusted) if roots else None
    problem = "" if status.intact else _("Isi dokumen telah berubah setelah ditandatangani.")
    timestamped = status.timestamp_validity is not None
    return Verdict(bool(status.intact), bool(status.valid), trusted, timestamped, len(signatures), problem)


def document_verdict(document: DokumenTertandatangan) -> Verdict:
    """The stored file's verdict, kept a day in the cache (the file never changes)."""
    key = f"signing:verdict:{document.token}:{document.sha256}"
    verdict = cache.get(key)
    if verdict is None:
        try:
            with document.berkas.open("rb") as handle:
                data = handle.read()
        except OSError:  # gone from the storage: the page says so (not cached: it may be restored from a backup)
            return Verdict(False, False, False, False, 0, _("Berkas yang ditandatangani tidak ditemukan di server."))
        if hashlib.sha256(data).hexdigest() != document.sha256:
            problem = _("Berkas tersimpan tidak sama dengan yang ditandatangani.")
            verdict = Verdict(False, False, False, False, 0, problem)
        else:
            verdict = check_pdf(data, _roots(document))
        cache.set(key, verdict, 24 * 3600)
    return verdict


def matches(document: DokumenTertandatangan, data: bytes) -> bool:
    return hashlib.sha256(data).hexdigest() == document.sha256


def upload_verdict(document: DokumenTertandatangan, data: bytes) -> tuple[bool, Verdict]:
    """(same file as the signed one, the upload's own signature verdict)."""
    return matches(document, data), check_pdf(data, _roots(document))


@dataclass(frozen=True)
class State:
    key: str  # "sah", "diganti", "dicabut", "tidak_sah"
    words: str


def state_of(document: DokumenTertandatangan, verdict: Verdict) -> State:
    """What the page says first: revoked, replaced by a newer version, valid, or not valid."""
    if document.dicabut_pada is not None:
        return State("dicabut", _("Dicabut: %(reason)s") % {"reason": document.alasan_dicabut or _("tanpa keterangan")})
    if not verdict.ok:
        return State("tidak_sah", verdict.problem or _("Tanda tangan tidak dapat dipastikan."))
    sop = document.sop
    if sop is not None and sop.status == sop.Status.DIGANTI:
        newer = sop.revisi.order_by("-versi").values_list("versi", flat=True).first()
        return State(
            "diganti", _("Sah, tetapi sudah diganti versi %(v)s; yang berlaku adalah versi terbaru.") % {"v": newer}
        )
    if document.diganti_oleh is not None:
        return State("diganti", _("Sah, tetapi sudah diganti: %(judul)s.") % {"judul": document.diganti_oleh.judul})
    return State("sah", _("Sah"))
