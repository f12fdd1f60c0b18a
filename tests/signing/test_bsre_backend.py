"""The BSrE backend against the stand-in server of tests/signing/bsre_server.py (BSrE itself is not reachable from
the test machine): what it sends, how it reads a signed answer, and how each refusal reaches the signer."""

import base64
import json
import logging
import socket
import subprocess
import tempfile
import time
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfWriter

from tests.signing.bsre_server import REDACTED
from tests.signing.conftest import BSRE_NIK, BSRE_NIK_EXPIRED, BSRE_NIK_UNKNOWN, BSRE_PASSPHRASE
from workflow.signing.backends import SignatureBox, SigningError, SigningRequest, get_backend
from workflow.signing.backends.bsre import BsreBackend

VERIFY_URL = "https://sakip.example.go.id/v/Kx7pQ2mZ9aB4"
BOX = SignatureBox(page=1, x1=330.0, y1=96.5, x2=550.0, y2=166.5)  # page index 1: the second page


def two_pages() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_blank_page(595, 842)
    output = BytesIO()
    writer.write(output)
    return output.getvalue()


def signing_request(nik: str = BSRE_NIK, passphrase: str = BSRE_PASSPHRASE, pdf: bytes | None = None):
    return SigningRequest(
        pdf=pdf or two_pages(),
        nik=nik,
        nip="196908151998031008",
        user_id=1,
        pemda_id=1,
        passphrase=passphrase,
        box=BOX,
        lines=("Kepala Badan", "Dr. Kepala Badan, M.Si", "Pembina Utama Muda (IV/c)", "NIP 19690815 199803 1 008"),
        verify_url=VERIFY_URL,
        reason="Pengesahan SOP 000.8/12/Bappeda/2026",
        location="Luwuk",
    )


def refusal(request: SigningRequest) -> SigningError:
    with pytest.raises(SigningError) as caught:
        BsreBackend().sign(request)
    return caught.value


def zbar(png: bytes) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stamp.png"
        path.write_bytes(png)
        done = subprocess.run(["zbarimg", "-q", "--raw", str(path)], capture_output=True, text=True, timeout=60)
    return [line for line in done.stdout.splitlines() if line]


def pdfsig(pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "signed.pdf"
        path.write_bytes(pdf)
        done = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    return done.stdout + done.stderr


def test_bsre_signature_is_valid_and_where_the_box_says(bsre_settings, bsre_server, bsre_identity):
    result = get_backend().sign(signing_request())

    signature = PdfFileReader(BytesIO(result.pdf)).embedded_signatures[0]
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=[bsre_identity.ca_cert]))
    assert status.bottom_line and status.intact and status.trusted
    assert [float(v) for v in signature.sig_field["/Rect"]] == [BOX.x1, BOX.y1, BOX.x2, BOX.y2]
    pages = PdfFileReader(BytesIO(result.pdf)).root["/Pages"]["/Kids"]
    assert signature.sig_field["/P"].get_object() == pages[1].get_object()
    listed = pdfsig(result.pdf)
    assert "Signature #1" in listed and "Signature is Valid." in listed
    assert "Dr. Kepala Badan, M.Si" in listed
    assert result.backend == "bsre" and result.level == "B-B"
    assert result.signer_subject.startswith("CN=Dr. Kepala Badan\\, M.Si")
    assert "CN=BSrE Uji Root CA" in result.issuer
    assert result.serial == format(bsre_identity.cert.serial_number, "x")
    assert len(result.reference) == 32


def test_bsre_stamp_on_the_page_opens_the_verification_page(bsre_settings, bsre_server):
    signed = get_backend().sign(signing_request()).pdf

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "signed.pdf").write_bytes(signed)
        command = ["pdftoppm", "-r", "300", "-f", "2", "-l", "2", "-png", f"{folder}/signed.pdf", f"{folder}/page"]
        subprocess.run(command, check=True, timeout=120)
        assert zbar(next(Path(folder).glob("page*.png")).read_bytes()) == [VERIFY_URL]


def test_bsre_request_carries_the_box_one_based_page_and_the_stamp(bsre_settings, bsre_server):
    request = signing_request()
    get_backend().sign(request)

    [received] = bsre_server.state.requests
    assert (received.method, received.path, received.authorized) == ("POST", "/api/v2/sign/pdf", True)
    assert received.content_type == "application/json"
    sent = received.payload
    assert sent["nik"] == BSRE_NIK and sent["passphrase"] == REDACTED
    assert base64.b64decode(sent["file"][0]) == request.pdf
    [prop] = sent["signatureProperties"]
    assert prop["tampilan"] == "VISIBLE" and prop["page"] == 2
    assert (prop["originX"], prop["originY"], prop["width"], prop["height"]) == (330.0, 96.5, 220.0, 70.0)
    assert (prop["reason"], prop["location"]) == (request.reason, "Luwuk")
    assert zbar(base64.b64decode(prop["imageBase64"])) == [VERIFY_URL]


def test_bsre_level_follows_the_signed_document(bsre_settings, bsre_server):
    bsre_server.state.timestamp = True

    assert get_backend().sign(signing_request()).level == "B-T"


def test_bsre_passphrase_is_never_logged(bsre_settings, bsre_server, caplog):
    caplog.set_level(logging.DEBUG)
    get_backend().sign(signing_request())
    refusal(signing_request(passphrase="salah-" + BSRE_PASSPHRASE))

    assert len(bsre_server.state.requests) == 2
    assert BSRE_PASSPHRASE not in caplog.text
    assert BSRE_PASSPHRASE not in "\n".join(bsre_server.state.log)
    assert BSRE_PASSPHRASE not in json.dumps([r.payload for r in bsre_server.state.requests])
    assert caplog.records, "the backend logs its outcomes"


def test_bsre_wrong_passphrase_counts_as_a_wrong_try(bsre_settings, bsre_server):
    error = refusal(signing_request(passphrase="bukan-ini"))

    assert error.kind == "passphrase"
    assert str(error) == (
        "Passphrase TTE salah. Periksa lalu coba lagi; setelah 5 kali salah penandatanganan dikunci 15 menit."
    )


def test_bsre_unknown_nik_is_not_registered(bsre_settings, bsre_server):
    error = refusal(signing_request(nik=BSRE_NIK_UNKNOWN))

    assert error.kind == "not_registered"
    assert "belum terdaftar sebagai pemilik sertifikat elektronik di BSrE" in str(error)
    assert "admin TTE Pemda" in str(error)


def test_bsre_expired_certificate_cannot_sign(bsre_settings, bsre_server):
    error = refusal(signing_request(nik=BSRE_NIK_EXPIRED, passphrase="Passphrase#Lama-2020"))

    assert error.kind == "not_registered"
    assert "tidak aktif" in str(error) and "memperbarui sertifikat" in str(error)


def test_bsre_refused_document_is_invalid_and_says_why(bsre_settings, bsre_server):
    request = signing_request()
    beyond = replace(request, box=SignatureBox(page=4, x1=10, y1=10, x2=110, y2=50))
    error = refusal(beyond)

    assert error.kind == "invalid"
    assert "Halaman 5 tidak ada" in str(error) and "belum ditandatangani" in str(error)


def test_bsre_error_in_a_200_answer_is_still_an_error(bsre_settings, bsre_server):
    answer = {"error": "Passphrase anda salah", "status_code": 2031}
    bsre_server.state.canned["/api/v2/sign/pdf"] = (200, json.dumps(answer).encode())

    assert refusal(signing_request()).kind == "passphrase"


def test_bsre_malformed_nik_is_refused_before_sending(bsre_settings, bsre_server):
    error = refusal(signing_request(nik="19690815"))

    assert error.kind == "not_registered" and "16 angka" in str(error)
    assert bsre_server.state.requests == []


def test_bsre_wrong_client_credentials(bsre_settings, bsre_server):
    bsre_settings.SIGNING_BSRE_PASSWORD = "bukan-sandi-klien"
    error = refusal(signing_request())

    assert error.kind == "unavailable"
    assert "HTTP 401" in str(error) and "SIGNING_BSRE_PASSWORD" in str(error)
    assert bsre_server.state.requests[0].authorized is False


def test_bsre_server_error_is_unavailable_and_not_retried(bsre_settings, bsre_server):
    bsre_server.state.canned["/api/v2/sign/pdf"] = (500, b"<html><body>Internal Server Error</body></html>")
    error = refusal(signing_request())

    assert error.kind == "unavailable" and "HTTP 500" in str(error) and "belum ditandatangani" in str(error)
    assert len(bsre_server.state.requests) == 1


@pytest.mark.parametrize("status", [502, 504])
def test_bsre_gateway_giving_up_leaves_the_outcome_unknown(bsre_settings, bsre_server, status):
    bsre_server.state.canned["/api/v2/sign/pdf"] = (status, b"Gateway Timeout")

    assert refusal(signing_request()).kind == "unknown"


@pytest.mark.parametrize(
    "body", [b'{"time": 812, "file": ["JVBERi0xLjcK', b'{"time": 812}', b'{"time": 812, "file": ["bm90IGEgcGRm"]}']
)
def test_bsre_unreadable_success_answer_leaves_the_outcome_unknown(bsre_settings, bsre_server, body):
    bsre_server.state.canned["/api/v2/sign/pdf"] = (200, body)
    error = refusal(signing_request())

    assert error.kind == "unknown" and "belum diketahui" in str(error)
    assert len(bsre_server.state.requests) == 1


def test_bsre_read_timeout_is_unknown_and_sent_once(bsre_settings, bsre_server):
    bsre_settings.SIGNING_BSRE_TIMEOUT = 0.5
    bsre_server.state.delay = 5.0
    started = time.monotonic()
    error = refusal(signing_request())

    assert time.monotonic() - started < 3
    assert error.kind == "unknown"
    assert "belum diketahui apakah dokumen sudah ditandatangani" in str(error) and "periksa dulu" in str(error)
    assert len(bsre_server.state.requests) == 1


def test_bsre_connection_closed_after_sending_is_unknown(bsre_settings, bsre_server):
    bsre_server.state.hang_up = True

    assert refusal(signing_request()).kind == "unknown"
    assert len(bsre_server.state.requests) == 1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_bsre_connection_refused_is_unavailable(bsre_settings):
    bsre_settings.SIGNING_BSRE_URL = f"http://127.0.0.1:{free_port()}"
    error = refusal(signing_request())

    assert error.kind == "unavailable"
    assert "tidak dapat dihubungi" in str(error) and "belum ditandatangani" in str(error)


def test_bsre_status_of_signers(bsre_settings, bsre_server):
    backend = BsreBackend()

    able, expired, unknown = (backend.status(n) for n in (BSRE_NIK, BSRE_NIK_EXPIRED, BSRE_NIK_UNKNOWN))

    assert (able.status, able.registered, able.active) == ("ISSUE", True, True)
    assert (expired.status, expired.registered, expired.active) == ("EXPIRED", True, False)
    assert (unknown.status, unknown.registered, unknown.active) == ("NOT_REGISTERED", False, False)
    assert [(r.path, r.payload, r.authorized) for r in bsre_server.state.requests[:1]] == [
        ("/api/v2/user/check/status", {"nik": BSRE_NIK}, True)
    ]


def test_bsre_status_error_answer_for_an_unknown_nik(bsre_settings, bsre_server):
    answer = {"error": "User tidak terdaftar", "status_code": 2011}
    bsre_server.state.canned["/api/v2/user/check/status"] = (400, json.dumps(answer).encode())

    assert BsreBackend().status(BSRE_NIK_UNKNOWN).registered is False
    assert BsreBackend().has_certificate(user_id=1, nik=BSRE_NIK_UNKNOWN) is False


def test_bsre_has_certificate(bsre_settings, bsre_server):
    backend = get_backend()

    assert backend.has_certificate(user_id=1, nik=BSRE_NIK) is True
    assert backend.has_certificate(user_id=1, nik=BSRE_NIK_EXPIRED) is False
    assert backend.has_certificate(user_id=1, nik=BSRE_NIK_UNKNOWN) is False
    assert backend.has_certificate(user_id=1, nik="") is False


def test_bsre_has_certificate_when_bsre_cannot_be_asked(bsre_settings):
    """Not a false "no certificate": signing itself then says that BSrE is unreachable."""
    bsre_settings.SIGNING_BSRE_URL = f"http://127.0.0.1:{free_port()}"

    assert BsreBackend().has_certificate(user_id=1, nik=BSRE_NIK) is True


def test_bsre_verify(bsre_settings, bsre_server):
    backend = BsreBackend()
    signed = backend.sign(signing_request()).pdf

    verdict = backend.verify(signed)
    unsigned = backend.verify(two_pages())

    assert (verdict.conclusion, verdict.signers) == ("VALID", ["Dr. Kepala Badan, M.Si"])
    assert (unsigned.conclusion, unsigned.signers) == ("NO_SIGNATURE", [])
    sent = bsre_server.state.requests[1]
    assert sent.path == "/api/v2/verify/pdf" and base64.b64decode(sent.payload["file"]) == signed


def test_bsre_verify_when_bsre_is_down(bsre_settings, bsre_server):
    bsre_server.state.canned["/api/v2/verify/pdf"] = (503, b"")

    with pytest.raises(SigningError) as caught:
        BsreBackend().verify(two_pages())
    assert caught.value.kind == "unavailable"


def test_bsre_not_configured(settings):
    settings.SIGNING_BSRE_URL = ""

    error = refusal(signing_request())
    assert error.kind == "unavailable" and "SIGNING_BSRE_URL" in str(error)
