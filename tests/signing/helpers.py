"""What the signing tests share: a Kepala with a certificate of the local CA, a submitted SOP, PDF checks."""

import subprocess
import tempfile
from io import BytesIO
from pathlib import Path

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from sop.models import Sop
from tests.sop.factories import build_sop
from workflow.signing import ca
from workflow.signing.ca import asn1_certificate
from workflow.signing.models import OtoritasSertifikat

PASSPHRASE = "rahasia-ttd-2026"


def give_certificate(user, pemda, passphrase: str = PASSPHRASE):
    if not OtoritasSertifikat.objects.filter(pemda=pemda).exists():
        ca.create_ca(pemda)
    return ca.issue_certificate(user, pemda, passphrase)


def submitted_sop(opd, kepala, **kwargs) -> Sop:
    return build_sop(opd=opd, steps=4, status=Sop.Status.DIAJUKAN, pengesah=kepala.pegawai, **kwargs)


def validate(pdf: bytes, pemda):
    """pyHanko's verdict on the document's only signature, trusting the Pemda's local CA."""
    root = asn1_certificate(pemda.otoritas_sertifikat.sertifikat_pem)
    signature = PdfFileReader(BytesIO(pdf)).embedded_signatures[0]
    return validate_pdf_signature(signature, ValidationContext(trust_roots=[root]))


def pdfsig(pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        done = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    return done.stdout + done.stderr


def qr_codes(pdf: bytes, page: int = 1) -> list[str]:
    """The QR codes zbarimg reads on a page rendered at 300 dpi."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "300", "-f", str(page), "-l", str(page), "-png", str(path), f"{folder}/p"],
            check=True,
            timeout=120,
        )
        image = next(Path(folder).glob("p*.png"))
        done = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True, timeout=60)
    return [line for line in done.stdout.splitlines() if line]
