"""Import → print (sop.printing.render_sop_pdf) → read back with pdftotext: every step is on the flowchart pages."""

import shutil
import subprocess

import pytest

from sop.importing import read_document
from sop.importing.services import sop_import
from tests.sakip.factories import OpdFactory
from tests.sop.importing.conftest import SEED_FILES, seed_bytes

printing = pytest.importorskip("sop.printing")
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) tidak terpasang")


def flat(text: str) -> str:
    """Without whitespace: the PDF breaks lines wherever the column ends, also after a slash."""
    return "".join(text.split())


@pytest.mark.parametrize("pk", [1, 4])
@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_every_imported_step_survives_printing(db, pk, paper):
    document = read_document(data=seed_bytes(pk), filename=SEED_FILES[pk])
    sop = sop_import(document=document, opd=OpdFactory(), user=None)
    pdf = printing.render_sop_pdf(sop, paper=paper)
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60).stdout
    text = flat(text.decode("utf-8"))
    flowchart = text.split(flat("LEMBAR KERJA IDENTIFIKASI KEGIATAN"))[0]
    steps = list(sop.langkah.all())
    assert len(steps) == len(document.langkah) > 0
    for step in steps:
        assert flat(step.uraian) in flowchart, f"langkah {step.urutan} hilang dari diagram alir"
        assert flat(step.waktu_tampil) in flowchart
