"""BSrE (BSSN) esign API v2: the signer's certificate and key stay at BSrE; this backend sends the PDF and the
passphrase, and stores what comes back.

Where each detail comes from. There is no public specification; BSrE gives its "Petunjuk Teknis Penggunaan API
Esign Client Service" (v2.2.1 is the latest cited) to registered offices. What is used here is what public client
libraries built from that document send and expect:

- `POST {SIGNING_BSRE_URL}/api/v2/sign/pdf`, JSON {nik (or email), passphrase (or totp), signatureProperties:
  [{tampilan "VISIBLE"|"INVISIBLE", imageBase64, page, originX, originY, width, height, location, reason}],
  file: [base64 PDF, …]}, HTTP basic auth with the client account; the answer {time, file: [base64 signed PDF]}.
  Sources: the TypeScript client kiiskominfokepri/esign-ts (src/v2/EsignClient.ts, src/dto/SignatureProperties.ts,
  tests/v2/Esign.test.ts: "based on Petunjuk Teknis … v2.2.1"); PHP and Python integrations of Pemda and DPR apps
  that post the same JSON with basic auth and read `file[0]`.
- `POST /api/v2/user/check/status` with JSON {nik} (esign-ts `checkUserStatus`), answering {status}: "ISSUE"
  (certificate issued and usable), "EXPIRED", "RENEW", "WAITING_FOR_VERIFICATION", "NEW", "NO_CERTIFICATE",
  "NOT_REGISTERED", "SUSPEND", "REVOKE" (esign-ts src/v2/UserStatusResponse.ts; a Laravel integration refuses to
  sign unless the status is "ISSUE").
- `POST /api/v2/verify/pdf` with JSON {file: base64 PDF} (esign-ts `signVerification`), answering {conclusion,
  description, signatureInformations: [{signerName, …}]}.
- Errors: a JSON body {"error": "<text>", "status_code": <BSrE code>}, e.g. HTTP 400 {"error": "Passphrase anda
  salah", "status_code": 2031}; 2011 "User tidak terdaftar" (integrations that switch on the code). An answer with
  HTTP 200 that carries "error" is an error too (esign-ts BaseResponse).

Assumptions, not confirmed by any source seen (check them on the first real connection, docs/signing-bsre.md):

- 2021 means the NIK has no usable certificate (not issued, expired, suspended or revoked); the texts of other
  errors are matched by keywords (passphrase, terdaftar/registered, sertifikat/expired/kadaluarsa).
- The status endpoint is a POST with a JSON body, as esign-ts sends it (some describe it as a GET with the NIK).
- Coordinates are PDF points from the bottom-left corner of the page, as SignatureBox gives them; `page` is
  1-based (integrations send page 1 for the first page). One integration notes that v2 may count originY from
  the top; if the stamp lands mirrored vertically, this is where to change it. Another reports that BSrE draws
  the image at its own pixel size in some positions; the image is made for the box at 300 dpi.
- The answer's document id: v2 answers seen carry only {time, file}. The id is read from the JSON ("id",
  "id_dokumen") or from the `id_dokumen` header (as v1 sends it); without one the reference stays empty.
- HTTP 502 and 504 after a signing request are taken as "outcome unknown" (a gateway gave up while BSrE may
  still have signed); that is a precaution of this backend, not something BSrE documents.
- Verify sends `file` as one base64 string, as esign-ts does (one Laravel integration sends a one-item list).
- The signature level is read from the signed PDF itself: a signature timestamp makes it B-T (BSrE reports
  PAdES-BASELINE-T), a DSS on top of that B-LT, otherwise B-B.
"""

import base64
import binascii
import logging
import re
from dataclasses import dataclass, field
from io import BytesIO

from cryptography import x509
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.reader import PdfFileReader

from workflow.signing.backends import BaseBackend, SigningError, SigningRequest, SigningResult
from workflow.signing.backends import bsre_client as client
from workflow.signing.stamp_image import stamp_png

logger = logging.getLogger(__name__)

SIGN_PATH = "/api/v2/sign/pdf"
STATUS_PATH = "/api/v2/user/check/status"
VERIFY_PATH = "/api/v2/verify/pdf"
STATUS_TIMEOUT = 10.0  # the review page waits for the status answer; it must not hang for the signing timeout
CAN_SIGN = "ISSUE"
NIK = re.compile(r"\d{16}")


def _signed_pdf(answer: client.Answer) -> bytes:
    """The first signed file of a success answer; anything unreadable leaves the outcome unknown."""
    body = answer.json()
    files = body.get("file") if isinstance(body, dict) else None
    try:
        pdf = base64.b64decode(files[0], validate=True)
    except (TypeError, IndexError, KeyError, ValueError, binascii.Error):
        pdf = b""
    if not pdf.startswith(b"%PDF-"):
        logger.error("BSrE answered %s without a readable signed file", answer.status)
        raise SigningError(
            _(
                "BSrE menjawab, tetapi dokumen bertanda tangan di dalam jawabannya tidak dapat dibaca, sehingga "
                "belum diketahui apakah dokumen sudah ditandatangani. Jangan langsung mengulang: periksa dulu "
                "riwayat penandatanganan di BSrE (atau tanyakan admin TTE Pemda)."
            ),
            "unknown",
        )
    return pdf


def _reference(answer: client.Answer) -> str:
    body = answer.json()
    if isinstance(body, dict):
        for key in ("id", "id_dokumen", "idDokumen"):
            if body.get(key) not in (None, ""):
                return str(body[key])[:200]
    headers = {name.lower(): value for name, value in answer.headers.items()}
    return str(headers.get("id_dokumen", ""))[:200]


def _level(reader: PdfFileReader, signature) -> str:
    unsigned = signature.signer_info["unsigned_attrs"]
    types = {attribute["type"].native for attribute in unsigned} if unsigned.native else set()
    if "signature_time_stamp_token" not in types:
        return "B-B"
    return "B-LT" if "/DSS" in reader.root else "B-T"


def _result(pdf: bytes, reference: str, elapsed: object) -> SigningResult:
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        signature = reader.embedded_signatures[-1]
        certificate = x509.load_der_x509_certificate(signature.signer_cert.dump())
    except Exception as error:  # a PDF without a signature BSrE claims to have made
        logger.error("BSrE returned a PDF whose signature cannot be read: %s", type(error).__name__)
        raise SigningError(
            _(
                "BSrE mengembalikan dokumen tanpa tanda tangan yang dapat dibaca, sehingga belum diketahui apakah "
                "penandatanganan berhasil. Periksa riwayat penandatanganan di BSrE sebelum mencoba lagi."
            ),
            "unknown",
        ) from None
    return SigningResult(
        pdf=pdf,
        level=_level(reader, signature),
        signer_subject=certificate.subject.rfc4514_string(),
        issuer=certificate.issuer.rfc4514_string(),
        serial=format(certificate.serial_number, "x"),
        signed_at=signature.self_reported_timestamp or timezone.now(),
        backend=BsreBackend.name,
        reference=reference,
        details={"time": elapsed} if elapsed is not None else {},
    )


@dataclass(frozen=True)
class BsreStatus:
    """What BSrE says about a NIK: its status word, and whether it can sign now."""

    status: str
    registered: bool
    active: bool


@dataclass(frozen=True)
class BsreVerification:
    conclusion: str
    description: str
    signers: list[str] = field(default_factory=list)
    raw: dict = field(default_factory=dict)


def _checked_nik(nik: str) -> str:
    nik = (nik or "").strip()
    if not NIK.fullmatch(nik):
        raise SigningError(
            _(
                "NIK penanda tangan belum diisi atau tidak 16 angka. Lengkapi NIK di data pegawai "
                "(admin kepegawaian), lalu tanda tangani lagi."
            ),
            "not_registered",
        )
    return nik


def _call(path: str, payload: dict, timeout: float) -> client.Answer:
    """A POST that is not a signing: any failure to get an answer means the service is unavailable."""
    client.configured()
    try:
        return client.post(path, payload, timeout)
    except (client.Unsent, client.NoAnswer) as error:
        logger.warning("BSrE %s: no answer (%s)", path, error)
        raise client.unreachable() from None


class BsreBackend(BaseBackend):
    name = "bsre"

    def sign(self, request: SigningRequest) -> SigningResult:
        client.configured()
        nik = _checked_nik(request.nik)
        if not request.passphrase:
            raise SigningError(_("Passphrase TTE belum diisi."), "invalid")
        box = request.box
        image = stamp_png(request.lines, request.verify_url, box.width, box.height)
        payload = {
            "nik": nik,
            "passphrase": request.passphrase,
            "signatureProperties": [
                {
                    "tampilan": "VISIBLE",
                    "imageBase64": base64.b64encode(image).decode(),
                    "page": box.page + 1,
                    "originX": round(box.x1, 2),
                    "originY": round(box.y1, 2),
                    "width": round(box.width, 2),
                    "height": round(box.height, 2),
                    "location": request.location,
                    "reason": request.reason,
                }
            ],
            "file": [base64.b64encode(request.pdf).decode()],
        }
        try:
            answer = client.post(SIGN_PATH, payload, settings.SIGNING_BSRE_TIMEOUT)
        except client.Unsent as error:
            logger.warning("BSrE signing not sent for NIK …%s: %s", nik[-4:], error)
            raise client.unreachable() from None
        except client.NoAnswer as error:
            logger.error("BSrE signing for NIK …%s sent, no answer (%s): outcome unknown", nik[-4:], error)
            raise client.unknown_outcome() from None
        body = answer.json()
        if answer.status != 200 or (isinstance(body, dict) and body.get("error")):
            logger.warning(
                "BSrE refused signing for NIK …%s: HTTP %s %s", nik[-4:], answer.status, client.error_code(body)
            )
            raise client.refusal(answer, sent_document=True)
        pdf = _signed_pdf(answer)
        result = _result(pdf, _reference(answer), body.get("time"))
        logger.info("BSrE signed for NIK …%s (reference %r)", nik[-4:], result.reference)
        return result

    def status(self, nik: str) -> BsreStatus:
        """BSrE's word on a NIK; SigningError when the service cannot say."""
        nik = _checked_nik(nik)
        answer = _call(STATUS_PATH, {"nik": nik}, min(STATUS_TIMEOUT, settings.SIGNING_BSRE_TIMEOUT))
        body = answer.json()
        word = _status_word(body) if answer.status == 200 else None
        if word is None:
            # An unknown NIK may come back as an error answer (2011) rather than as a status word.
            word = client.business_kind(client.error_code(body), client.error_text(body))
            if word not in ("NOT_REGISTERED", "NO_CERTIFICATE"):
                raise client.refusal(answer, sent_document=False)
        word = word.upper()
        return BsreStatus(status=word, registered=word != "NOT_REGISTERED", active=word == CAN_SIGN)

    def has_certificate(self, *, user_id: int, nik: str) -> bool:
        """False only when BSrE says so; if BSrE cannot be asked, signing itself will say why it fails."""
        try:
            return self.status(nik).active
        except SigningError as error:
            if error.kind == "not_registered":
                return False
            logger.warning("BSrE status unknown for a NIK: %s", error.kind)
            return True

    def verify(self, pdf: bytes) -> BsreVerification:
        """BSrE's verdict on a signed PDF (its own verification service, as the public checker uses)."""
        answer = _call(VERIFY_PATH, {"file": base64.b64encode(pdf).decode()}, settings.SIGNING_BSRE_TIMEOUT)
        body = answer.json()
        if answer.status != 200 or not isinstance(body, dict) or body.get("error"):
            raise client.refusal(answer, sent_document=False)
        details = body.get("signatureInformations") or []
        signers = [str(d.get("signerName", "")) for d in details if isinstance(d, dict)]
        return BsreVerification(
            conclusion=str(body.get("conclusion", "")),
            description=str(body.get("description", "")),
            signers=signers,
            raw=body,
        )


def _status_word(body) -> str | None:
    if not isinstance(body, dict):
        return None
    nested = body.get("data") if isinstance(body.get("data"), dict) else {}
    for candidate in (body.get("status"), body.get("userStatus"), nested.get("status")):
        if isinstance(candidate, str) and candidate:
            return candidate
    return None
