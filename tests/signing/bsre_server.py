"""A stand-in for BSrE's esign API v2 on loopback, following its contract as workflow.signing.backends.bsre
documents it: basic auth, the JSON shapes and field types of sign, user status and verify, the error answers
{"error", "status_code"} (2011 not registered, 2021 no active certificate, 2031 wrong passphrase), and a real
PAdES signature made with pyHanko, its visible field at the requested box showing the requested image.

Tests can make it answer slowly, with a canned answer (a 500, malformed JSON) and read what it received. It keeps
no passphrase: what it records and logs has the passphrase replaced by a marker.
"""

import base64
import binascii
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from PIL import Image
from pyhanko.keys.internal import translate_pyca_cryptography_cert_to_asn1, translate_pyca_cryptography_key_to_asn1
from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

REDACTED = "<passphrase>"
NUMBER = (int, float)


@dataclass(frozen=True)
class Identity:
    """A throwaway CA and the signing certificate it issued, as BSrE's would be (asn1crypto objects)."""

    ca_cert: object
    cert: object
    key: object
    ca_pem: bytes


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Balai Sertifikasi Elektronik Uji"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def make_identity(signer_name: str = "Dr. Kepala Badan, M.Si") -> Identity:
    now = datetime.now(UTC)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("BSrE Uji Root CA"))
        .issuer_name(_name("BSrE Uji Root CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )  # keyCertSign, cRLSign
        .sign(ca_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(signer_name))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True
        )  # digitalSignature, nonRepudiation
        .sign(ca_key, hashes.SHA256())
    )
    return Identity(
        ca_cert=translate_pyca_cryptography_cert_to_asn1(ca),
        cert=translate_pyca_cryptography_cert_to_asn1(cert),
        key=translate_pyca_cryptography_key_to_asn1(key),
        ca_pem=ca.public_bytes(serialization.Encoding.PEM),
    )


@dataclass
class Person:
    passphrase: str
    status: str = "ISSUE"  # BSrE's status word: ISSUE can sign; EXPIRED, SUSPEND, REVOKE … cannot


@dataclass
class Received:
    method: str
    path: str
    authorized: bool
    payload: object  # the JSON body with the passphrase replaced by REDACTED; None when it was not JSON
    content_type: str


@dataclass
class State:
    identity: Identity
    user: str
    password: str
    people: dict[str, Person]
    delay: float = 0.0
    hang_up: bool = False  # read the request, then close the connection without an answer
    timestamp: bool = False  # sign PAdES B-T, with the signing certificate standing in for BSrE's TSA
    canned: dict[str, tuple[int, bytes]] = field(default_factory=dict)  # path → (HTTP status, raw body)
    requests: list[Received] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)


class Refused(Exception):
    def __init__(self, status: int, error: str, code: int | None = None):
        super().__init__(error)
        self.status, self.body = status, {"error": error, **({"status_code": code} if code else {})}


def _redacted(payload):
    if isinstance(payload, dict):
        return {k: REDACTED if k in ("passphrase", "totp") else _redacted(v) for k, v in payload.items()}
    if isinstance(payload, list):
        return [_redacted(item) for item in payload]
    return payload


def _b64(value, what: str) -> bytes:
    if not isinstance(value, str) or not value:
        raise Refused(400, f"{what} harus string base64")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise Refused(400, f"{what} bukan base64 yang sah") from None


def _checked_properties(props, files: int) -> list[dict]:
    if not isinstance(props, list) or len(props) not in (1, files):
        raise Refused(400, "signatureProperties harus daftar, satu untuk semua file atau satu per file")
    for prop in props:
        if not isinstance(prop, dict) or prop.get("tampilan") not in ("VISIBLE", "INVISIBLE"):
            raise Refused(400, "tampilan harus VISIBLE atau INVISIBLE")
        for key in ("location", "reason"):
            if prop.get(key) is not None and not isinstance(prop[key], str):
                raise Refused(400, f"{key} harus string")
        if prop["tampilan"] == "VISIBLE":
            if not isinstance(prop.get("page"), int) or isinstance(prop["page"], bool) or prop["page"] < 1:
                raise Refused(400, "page harus bilangan bulat mulai 1")
            for key in ("originX", "originY", "width", "height"):
                if not isinstance(prop.get(key), NUMBER) or isinstance(prop[key], bool):
                    raise Refused(400, f"{key} harus angka")
            image = _b64(prop.get("imageBase64"), "imageBase64")
            if not image.startswith(b"\x89PNG"):
                raise Refused(400, "imageBase64 harus gambar PNG")
    return props


def _sign_one(state: State, pdf: bytes, prop: dict) -> bytes:
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    name = f"BSrE-{uuid.uuid4().hex[:8]}"
    style = None
    if prop["tampilan"] == "VISIBLE":
        pages = int(writer.root["/Pages"]["/Count"])
        if prop["page"] > pages:
            raise Refused(400, f"Halaman {prop['page']} tidak ada (dokumen {pages} halaman)")
        x, y = prop["originX"], prop["originY"]
        box = (x, y, x + prop["width"], y + prop["height"])
        fields.append_signature_field(writer, fields.SigFieldSpec(name, on_page=prop["page"] - 1, box=box))
        picture = Image.open(BytesIO(base64.b64decode(prop["imageBase64"])))
        style = StaticStampStyle(
            background=PdfImage(picture),
            border_width=0,
            background_layout=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MID,
                y_align=layout.AxisAlignment.ALIGN_MID,
                inner_content_scaling=layout.InnerScaling.STRETCH_TO_FIT,
            ),
        )
    signer = signers.SimpleSigner(
        signing_cert=state.identity.cert,
        signing_key=state.identity.key,
        cert_registry=SimpleCertificateStore.from_certs([state.identity.ca_cert]),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=name,
        reason=prop.get("reason") or None,
        location=prop.get("location") or None,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    identity = state.identity
    timestamper = DummyTimeStamper(tsa_cert=identity.cert, tsa_key=identity.key) if state.timestamp else None
    output = BytesIO()
    signers.PdfSigner(meta, signer=signer, stamp_style=style, timestamper=timestamper).sign_pdf(writer, output=output)
    return output.getvalue()


def sign(state: State, payload) -> dict:
    if not isinstance(payload, dict):
        raise Refused(400, "Body harus objek JSON")
    nik, passphrase, files = payload.get("nik"), payload.get("passphrase"), payload.get("file")
    if not isinstance(nik, str) or not nik:
        raise Refused(400, "nik atau email wajib diisi")
    if not isinstance(passphrase, str) or not passphrase:
        raise Refused(400, "passphrase atau totp wajib diisi")
    if not isinstance(files, list) or not files:
        raise Refused(400, "file harus daftar base64 PDF")
    documents = [_b64(item, "file") for item in files]
    if any(not document.startswith(b"%PDF-") for document in documents):
        raise Refused(400, "Dokumen bukan PDF")
    props = _checked_properties(payload.get("signatureProperties"), len(documents))
    person = state.people.get(nik)
    if person is None:
        raise Refused(400, "User tidak terdaftar", 2011)
    if person.status != "ISSUE":
        raise Refused(400, f"Sertifikat user tidak aktif ({person.status})", 2021)
    if passphrase != person.passphrase:
        raise Refused(400, "Passphrase anda salah", 2031)
    started = time.monotonic()
    signed = [_sign_one(state, pdf, props[min(i, len(props) - 1)]) for i, pdf in enumerate(documents)]
    return {
        "time": round((time.monotonic() - started) * 1000),
        "file": [base64.b64encode(pdf).decode() for pdf in signed],
        "id": uuid.uuid4().hex,
    }


def user_status(state: State, payload) -> dict:
    if not isinstance(payload, dict) or not isinstance(payload.get("nik"), str):
        raise Refused(400, "nik atau email wajib diisi")
    person = state.people.get(payload["nik"])
    return {"status": person.status if person else "NOT_REGISTERED"}


def verify(state: State, payload) -> dict:
    if not isinstance(payload, dict):
        raise Refused(400, "Body harus objek JSON")
    document = _b64(payload.get("file"), "file")
    try:
        signatures = PdfFileReader(BytesIO(document), strict=False).embedded_signatures
    except Exception:
        raise Refused(400, "Dokumen bukan PDF yang dapat dibaca") from None
    context = ValidationContext(trust_roots=[state.identity.ca_cert])
    informations = []
    for signature in signatures:
        status = validate_pdf_signature(signature, context)
        informations.append(
            {
                "signerName": signature.signer_cert.subject.native.get("common_name", ""),
                "fieldName": signature.field_name,
                "integrityValid": bool(status.intact and status.valid),
                "certificateTrusted": bool(status.trusted),
                "signatureDate": str(signature.self_reported_timestamp or ""),
            }
        )
    valid = bool(informations) and all(i["integrityValid"] and i["certificateTrusted"] for i in informations)
    conclusion = "VALID" if valid else ("NO_SIGNATURE" if not informations else "INVALID")
    return {
        "conclusion": conclusion,
        "description": {"VALID": "Dokumen valid", "INVALID": "Dokumen tidak valid"}.get(conclusion, "Tanpa TTE"),
        "signatureCount": len(informations),
        "signatureInformations": informations,
    }


ROUTES = {"/api/v2/sign/pdf": sign, "/api/v2/user/check/status": user_status, "/api/v2/verify/pdf": verify}


class Handler(BaseHTTPRequestHandler):
    server_version = "BSrE-uji/2"
    protocol_version = "HTTP/1.1"

    @property
    def state(self) -> State:
        return self.server.state

    def log_message(self, format, *args):  # the request line only; never a body
        self.state.log.append(format % args)

    def _authorized(self) -> bool:
        header = self.headers.get("Authorization", "")
        expected = base64.b64encode(f"{self.state.user}:{self.state.password}".encode()).decode()
        return header == f"Basic {expected}"

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            payload = json.loads(raw)
        except ValueError:
            payload = None
        authorized = self._authorized()
        self.state.requests.append(
            Received("POST", self.path, authorized, _redacted(payload), self.headers.get("Content-Type", ""))
        )
        if self.state.delay:
            self.state.release.wait(self.state.delay)
        if self.state.hang_up:
            self.close_connection = True
            return None
        if self.path in self.state.canned:
            status, body = self.state.canned[self.path]
            return self._send(status, body)
        route = ROUTES.get(self.path)
        try:
            if route is None:
                raise Refused(404, "Not Found")
            if not authorized:
                raise Refused(401, "Unauthorized")
            if payload is None:
                raise Refused(400, "Body bukan JSON")
            answer = route(self.state, payload)
        except Refused as refused:
            return self._send(refused.status, json.dumps(refused.body).encode())
        return self._send(200, json.dumps(answer).encode())


class BsreServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: State):
        super().__init__(("127.0.0.1", 0), Handler)
        self.state = state
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def handle_error(self, request, client_address):  # a client that hung up on a slow answer
        self.state.log.append(f"connection from {client_address[0]} closed early")

    def start(self) -> "BsreServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.state.release.set()
        self.shutdown()
        self.server_close()
