"""How the BsreBackend talks to BSrE: one POST, never retried, and BSrE's refusals as messages for the signer.

What is known of BSrE's answers, and what is assumed, is written in workflow.signing.backends.bsre.
"""

import base64
import http.client
import json
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from workflow.signing.backends import SigningError

WRONG_PASSPHRASE, NOT_REGISTERED, NO_CERTIFICATE = 2031, 2011, 2021


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    headers: dict

    def json(self):
        try:
            return json.loads(self.body)
        except (ValueError, UnicodeDecodeError):
            return None


class Unsent(Exception):
    """The request did not reach BSrE (refused, no route, TLS failure, timeout while connecting or sending)."""


class NoAnswer(Exception):
    """The request was sent, but no complete answer came back (read timeout, connection closed)."""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # A redirected POST would be re-sent as a GET or refused half-way; a moved API is a configuration error.
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def post(path: str, payload: dict, timeout: float) -> Answer:
    """One POST, never retried: a signing request must reach BSrE at most once."""
    credentials = f"{settings.SIGNING_BSRE_USER}:{settings.SIGNING_BSRE_PASSWORD}".encode()
    request = urllib.request.Request(
        settings.SIGNING_BSRE_URL.rstrip("/") + path,
        data=json.dumps(payload).encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "Accept": "application/json",
            # Sent with the first request: waiting for a 401 challenge would send the document twice.
            "Authorization": "Basic " + base64.b64encode(credentials).decode(),
        },
    )
    try:
        with _opener.open(request, timeout=timeout) as response:
            return Answer(response.status, response.read(), dict(response.headers))
    except urllib.error.HTTPError as error:
        try:
            return Answer(error.code, error.read(), dict(error.headers or {}))
        except OSError as lost:  # the error answer itself broke off
            raise NoAnswer(str(lost)) from None
    except urllib.error.URLError as error:
        # urllib raises URLError only for what fails while connecting and sending the request.
        raise Unsent(str(error.reason)) from None
    except ValueError as error:  # http.client.InvalidURL, refused before anything is sent
        raise Unsent(str(error)) from None
    except (OSError, http.client.HTTPException) as error:
        # Raised while waiting for or reading the answer: TimeoutError, a reset, RemoteDisconnected, IncompleteRead.
        raise NoAnswer(type(error).__name__) from None


def configured() -> None:
    if not settings.SIGNING_BSRE_URL:
        raise SigningError(
            _("Layanan TTE BSrE belum diatur (SIGNING_BSRE_URL kosong). Hubungi admin aplikasi."), "unavailable"
        )


def error_text(body) -> str:
    if isinstance(body, dict):
        for key in ("error", "message", "status"):
            if isinstance(body.get(key), str) and body[key]:
                return body[key][:300]
    return ""


def error_code(body) -> int | None:
    if isinstance(body, dict):
        try:
            return int(body.get("status_code"))
        except (TypeError, ValueError):
            return None
    return None


def passphrase_error() -> SigningError:
    return SigningError(
        _(
            "Passphrase TTE salah. Periksa lalu coba lagi; setelah %(tries)d kali salah penandatanganan "
            "dikunci %(minutes)d menit."
        )
        % {"tries": settings.SIGNING_MAX_TRIES, "minutes": settings.SIGNING_LOCK_MINUTES},
        "passphrase",
    )


def not_registered_error() -> SigningError:
    return SigningError(
        _("NIK ini belum terdaftar sebagai pemilik sertifikat elektronik di BSrE. Hubungi admin TTE Pemda."),
        "not_registered",
    )


def no_certificate_error(detail: str = "") -> SigningError:
    message = _(
        "Sertifikat elektronik untuk NIK ini di BSrE tidak aktif (belum terbit, kedaluwarsa, dibekukan atau "
        "dicabut). Hubungi admin TTE Pemda untuk memperbarui sertifikat, lalu tanda tangani lagi."
    )
    return SigningError(f"{message} ({detail})" if detail else message, "not_registered")


def business_kind(code: int | None, text: str) -> str | None:
    """BSrE's own refusal, by its code or, failing that, by the words of its message."""
    lowered = text.lower()
    if code == WRONG_PASSPHRASE or "passphrase" in lowered:
        return "passphrase"
    if code == NOT_REGISTERED or "terdaftar" in lowered or "registered" in lowered:
        return "NOT_REGISTERED"
    if code == NO_CERTIFICATE or any(
        word in lowered for word in ("sertifikat", "certificate", "expired", "kadaluarsa", "kedaluwarsa", "revoke")
    ):
        return "NO_CERTIFICATE"
    return None


def business_error(code: int | None, text: str) -> SigningError | None:
    kind = business_kind(code, text)
    if kind == "passphrase":
        return passphrase_error()
    if kind == "NOT_REGISTERED":
        return not_registered_error()
    if kind == "NO_CERTIFICATE":
        return no_certificate_error(text)
    return None


def refusal(answer: Answer, *, sent_document: bool) -> SigningError:
    """A non-success answer as the signer should read it."""
    body = answer.json()
    text, code = error_text(body), error_code(body)
    if answer.status in (401, 403):
        return SigningError(
            _(
                "Layanan BSrE menolak akun aplikasi ini (HTTP %(status)d): nama pengguna atau kata sandi klien API "
                "salah, atau alamat server belum didaftarkan. Dokumen belum ditandatangani. Hubungi admin aplikasi "
                "untuk memeriksa SIGNING_BSRE_USER dan SIGNING_BSRE_PASSWORD."
            )
            % {"status": answer.status},
            "unavailable",
        )
    business = business_error(code, text)
    if business is not None:
        return business
    if sent_document and answer.status in (502, 504):
        # A gateway gave up waiting: BSrE behind it may still have signed.
        return unknown_outcome()
    if answer.status == 404:
        return SigningError(
            _(
                "Alamat layanan BSrE tidak ditemukan (HTTP 404). Hubungi admin aplikasi untuk memeriksa "
                "SIGNING_BSRE_URL."
            ),
            "unavailable",
        )
    if 400 <= answer.status < 500 or answer.status == 200:
        detail = f" ({text})" if text else ""
        return SigningError(
            _(
                "BSrE menolak permintaan atau dokumen ini%(detail)s. Dokumen belum ditandatangani; hubungi admin "
                "aplikasi bila terulang."
            )
            % {"detail": detail},
            "invalid",
        )
    return SigningError(
        _(
            "Layanan BSrE sedang bermasalah (HTTP %(status)d); dokumen belum ditandatangani. Coba lagi beberapa "
            "saat lagi."
        )
        % {"status": answer.status},
        "unavailable",
    )


def unknown_outcome() -> SigningError:
    return SigningError(
        _(
            "BSrE tidak menjawab sampai batas waktu, sehingga belum diketahui apakah dokumen sudah ditandatangani. "
            "Jangan langsung mengulang: periksa dulu riwayat penandatanganan di BSrE (atau tanyakan admin TTE "
            "Pemda), baru tanda tangani lagi bila memang belum."
        ),
        "unknown",
    )


def unreachable() -> SigningError:
    return SigningError(
        _(
            "Layanan BSrE tidak dapat dihubungi; dokumen belum ditandatangani. Periksa koneksi internet kantor, "
            "lalu coba lagi beberapa saat lagi."
        ),
        "unavailable",
    )
