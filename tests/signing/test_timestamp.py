"""PAdES B-T / B-LT: with a timestamp authority configured, the signature carries an RFC 3161 timestamp."""

from io import BytesIO

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from sop.models import Sop
from tests.signing.helpers import PASSPHRASE, give_certificate, pdfsig, submitted_sop
from tests.signing.tsa_server import TimestampServer
from workflow.signing.backends import SigningError
from workflow.signing.ca import asn1_certificate
from workflow.signing.services import sign_sop


def _sign_with_tsa(opd, kepala, settings, tmp_path, *, with_root: bool):
    settings.MEDIA_ROOT = tmp_path
    give_certificate(kepala, opd.pemda)
    with TimestampServer() as tsa:
        settings.SIGNING_TSA_URL = tsa.url
        if with_root:
            root_file = tmp_path / "tsa-root.pem"
            root_file.write_text(tsa.root_pem())
            settings.SIGNING_TSA_ROOT_FILE = str(root_file)
        document = sign_sop(sop=submitted_sop(opd, kepala), actor=kepala, passphrase=PASSPHRASE)
        assert tsa.requests >= 1
    pdf = document.berkas.read()
    root = asn1_certificate(opd.pemda.otoritas_sertifikat.sertifikat_pem)
    reader = PdfFileReader(BytesIO(pdf))
    status = validate_pdf_signature(
        reader.embedded_signatures[0],
        ValidationContext(trust_roots=[root]),
        ts_validation_context=ValidationContext(trust_roots=[tsa.root]),
    )
    assert status.bottom_line, status.pretty_print_details()
    assert status.timestamp_validity is not None and status.timestamp_validity.valid
    assert "Signature is Valid" in pdfsig(pdf)
    return document, reader


def test_with_a_tsa_the_signature_is_b_t(opd, kepala, settings, tmp_path):
    document, reader = _sign_with_tsa(opd, kepala, settings, tmp_path, with_root=False)
    assert document.tingkat == "B-T"
    assert "/DSS" not in reader.root


def test_with_the_tsa_root_known_the_validation_data_is_embedded_b_lt(opd, kepala, settings, tmp_path):
    document, reader = _sign_with_tsa(opd, kepala, settings, tmp_path, with_root=True)
    assert document.tingkat == "B-LT"
    dss = reader.root["/DSS"]
    assert dss["/Certs"] and dss["/CRLs"]  # the chain and the local CA's CRL travel with the document


def test_a_tsa_that_does_not_answer_signs_nothing(opd, kepala, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SIGNING_TSA_URL = "http://127.0.0.1:9/tsa"  # discard port: nothing listens
    give_certificate(kepala, opd.pemda)
    sop = submitted_sop(opd, kepala, nomor="")
    with pytest.raises(SigningError) as raised:
        sign_sop(sop=sop, actor=kepala, passphrase=PASSPHRASE)
    assert "cap waktu" in str(raised.value)
    sop.refresh_from_db()
    assert sop.status == Sop.Status.DIAJUKAN and sop.nomor == ""
    assert not list(tmp_path.rglob("*.pdf"))
