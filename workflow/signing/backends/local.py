"""The local backend: PAdES with pyHanko, the signer's key from a PKCS#12 made by `manage.py signing_ca`.

PAdES B-B always; B-T when SIGNING_TSA_URL names an RFC 3161 timestamp authority; B-LT when, on top of that,
the revocation data of the signer's certificate is at hand (the local CA issues its own CRL, embedded in the
document's DSS together with the chain). The visible signature is a QR stamp in the "Disahkan oleh" box.
"""

from io import BytesIO
from pathlib import Path

from asn1crypto import crl as asn1_crl
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.font import SimpleFontEngineFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.stamp import QRStampStyle
from pyhanko_certvalidator import ValidationContext

from workflow.signing import ca as local_ca
from workflow.signing.backends import BaseBackend, SigningError, SigningRequest, SigningResult
from workflow.signing.ca import asn1_certificate
from workflow.signing.models import Sertifikat
from workflow.signing.tsa import TimestampRequestError, UrllibTimeStamper


def _certificate_of(user_id: int) -> Sertifikat:
    certificate = Sertifikat.objects.select_related("otoritas").filter(user_id=user_id, aktif=True).first()
    if certificate is None:
        raise SigningError(
            _(
                "Anda belum memiliki sertifikat elektronik. Minta admin TTE membuatnya "
                "(perintah signing_ca terbitkan), lalu tanda tangani lagi."
            ),
            "not_registered",
        )
    if certificate.berlaku_sampai <= timezone.now():
        raise SigningError(
            _("Sertifikat elektronik Anda sudah habis masa berlakunya; minta sertifikat baru."), "not_registered"
        )
    return certificate


def _signer(certificate: Sertifikat, passphrase: str) -> signers.SimpleSigner:
    authority = asn1_certificate(certificate.otoritas.sertifikat_pem)
    try:
        return signers.SimpleSigner.load_pkcs12_data(
            bytes(certificate.pkcs12), other_certs=[authority], passphrase=passphrase.encode()
        )
    except ValueError:
        raise SigningError(_("Passphrase TTE salah. Periksa lalu coba lagi."), "passphrase") from None


def stamp_style(lines: tuple[str, ...]) -> QRStampStyle:
    text = "\n".join(line.replace("%", "%%") for line in lines)
    return QRStampStyle(
        stamp_text=text,
        text_box_style=TextBoxStyle(font=SimpleFontEngineFactory.default_factory(), font_size=9, leading=11),
        border_width=1,
        background=None,
        innsep=2,
    )


def _validation_context(certificate: Sertifikat) -> ValidationContext | None:
    """What B-LT embeds: the chain and a fresh CRL of the local CA, and the TSA's root to check the timestamp."""
    if not settings.SIGNING_TSA_ROOT_FILE:
        return None
    authority = asn1_certificate(certificate.otoritas.sertifikat_pem)
    tsa_root = asn1_certificate(Path(settings.SIGNING_TSA_ROOT_FILE).read_text())
    crl = local_ca.revocation_list(certificate.otoritas).public_bytes(serialization.Encoding.DER)
    return ValidationContext(
        trust_roots=[authority, tsa_root], crls=[asn1_crl.CertificateList.load(crl)], allow_fetching=False
    )


class LocalBackend(BaseBackend):
    name = "lokal"

    def has_certificate(self, *, user_id: int, nik: str = "") -> bool:
        return Sertifikat.objects.filter(user_id=user_id, aktif=True, berlaku_sampai__gt=timezone.now()).exists()

    def sign(self, request: SigningRequest) -> SigningResult:
        certificate = _certificate_of(request.user_id)
        signer = _signer(certificate, request.passphrase)
        timestamper = UrllibTimeStamper(settings.SIGNING_TSA_URL) if settings.SIGNING_TSA_URL else None
        context = _validation_context(certificate) if timestamper else None
        level = "B-B" if timestamper is None else ("B-LT" if context is not None else "B-T")
        meta = signers.PdfSignatureMetadata(
            field_name=request.field_name,
            reason=request.reason,
            location=request.location,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            embed_validation_info=context is not None,
            validation_context=context,
        )
        writer = IncrementalPdfFileWriter(BytesIO(request.pdf))
        box = request.box
        fields.append_signature_field(
            writer,
            fields.SigFieldSpec(
                sig_field_name=request.field_name, on_page=box.page, box=(box.x1, box.y1, box.x2, box.y2)
            ),
        )
        output = BytesIO()
        pdf_signer = signers.PdfSigner(
            meta, signer=signer, timestamper=timestamper, stamp_style=stamp_style(request.lines)
        )
        try:
            pdf_signer.sign_pdf(writer, output=output, appearance_text_params={"url": request.verify_url})
        except Exception as error:  # a TSA that does not answer, a chain that does not validate
            if timestamper is not None and isinstance(error, TimestampRequestError):
                raise SigningError(
                    _("Layanan cap waktu (TSA) tidak menjawab; dokumen belum ditandatangani. Coba lagi nanti."),
                    "unavailable",
                ) from error
            raise
        signed = output.getvalue()
        return SigningResult(
            pdf=signed,
            level=level,
            signer_subject=certificate.subjek,
            issuer=local_ca.readable_name(local_ca.ca_certificate(certificate.otoritas).subject),
            serial=certificate.serial,
            signed_at=timezone.now(),
            backend=self.name,
        )
