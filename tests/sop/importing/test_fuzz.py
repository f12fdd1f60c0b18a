"""No input crashes the importer: it returns a document or raises its own SopImportError with a message.

Property-based (hypothesis): the four seed texts mutated line by line and byte by byte, documents generated
from the labels and cells offices write, and damaged Word files.
"""

import copy
import functools
import io
import zipfile

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from lxml import etree

from sop.importing import ParsedDocument, SopImportError, read_document
from sop.importing.services import sop_import_dry_run
from tests.sakip.factories import OpdFactory
from tests.sop.importing.conftest import SEED_FILES, seed_bytes
from tests.sop.importing.docx_builder import text_to_docx

FAST = settings(max_examples=300, deadline=None, database=None)
WITH_DB = settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SEEDS = [seed_bytes(pk) for pk in SEED_FILES]

# Pieces of real documents, so generated ones reach deep into the reader (labels, headers, step rows).
FRAGMENTS = [
    "Nomor SOP", "NOMOR SOP :", "TGL.PEMBUATAN :", "Tanggal Pembuatan", "Tanggal Revisi", "Tanggal Efektif",
    "DI SAHKAN OLEH :", "Disahkan oleh", "Nama SOP", "Judul SOP", "Dasar Hukum", "Kualifikasi Pelaksana :",
    "Keterkaitan", "Peralatan/perlengkapan", "Peringatan", "Pencatatan dan pendataan", "LEMBAR KERJA IDENTIFIKASI",
    "A. Data Kegiatan", "2. Jenis Kegiatan", "3. Penanggung Jawab", "a. Produk", "b. Kegiatan", "4. Scope",
    "B. Identifikasi Kegiatan", "No", "No.", "Uraian Kegiatan", "Kegiatan", "Pelaksana", "Mutu Baku",
    "Kelengkapan", "Waktu", "Waktu (menit)", "Output", "Ouput", "Keterangan", "Ket", "Kepala", "Staf", "Sekretaris",
    "1.", "2", "3.", "14.", "√", "v", "X", "Ya", "Tidak", "-", ":", "15", "20 Menit", "1 jam", "2 hari", "0",
    "05 Februari 2020", "31 Februari 2020", "05/02/2020", "NIP. 19690815 199803 1 008", "Pembina Tk. I",
    "PEMERINTAH KABUPATEN BANGGAI", "KAB. BANGGAI", "SATUAN KERJA", "<ol><li>1. A</li><li>2. B</li></ol>",
    "<b>", "</b>", "**", "# ", "1. A 2. B 3. C", "Setiap tahap", "\u00a0", "\ue000keputusan", "",
    # layouts of other offices: kop lines, labels with typos, table headers, marks and decision words
    "STANDAR OPERASIONAL PROSEDUR (SOP)", "PEMERINTAH PROVINSI SULAWESI TENGAH", "DINAS KESEHATAN",
    "UPTD PUSKESMAS LABUAN", "KECAMATAN LUWUK", "BIDANG BINA MARGA", "Jl. Merdeka No. 1", "No. SOP", "Tgl. Berlaku",
    "Tanggal Pengesahan", "Ditetapkan oleh", "NOMER SOP", "Tangal Pembuatan", "Disahakn Oleh", "Nmaa SOP",
    "Kwalifikasi Pelaksana", "PERALATAN DAN PERLENGKAPAN", "1. ATK; 2. Komputer; 4. Printer", "NO", "URAIAN AKTIVITAS",
    "Uraian Kegaitan", "PELAKSNA", "MUTU BAKUU", "Kelengakapan", "PERSYARATAN", "HASIL", "Ouput", "KET.", "Keterngan",
    "Pelaksana 1", ".....", "(1)", "(2)", "(3)", "✓", "●", "◆", "□", "MULAI", "SELESAI", "tidak ya", "Ya / Tidak",
    "Ya: ke langkah 9", "Tidak: kembali ke langkah 0", "Kepala Dinas memerintahkan", "oleh Kadis", "kepada Kabid",
]  # fmt: skip

LINES = [
    "\tJudul SOP\tPengukuran Kinerja",
    "NO\tURAIAN AKTIVITAS\tKADIS\tKABID\tPERSYARATAN\tWAKTU (MENIT)\tHASIL",
    "1\t2\t3\t4\t5\t6\t7",
    "3.\tApakah lengkap?\ttidak ya\t\tDraf\t5\tNota",
    "4.\tKepala Dinas menandatangani\t\t\tDraf\t5\tSurat",
    "No\tUraian Kegiatan\tPelaksana\t\tMutu Baku\t\t\tKeterangan",
    "\t\tKepala\tStaf\tKelengkapan\tWaktu\tOutput\t",
    "1.\tMemulai\t√\t\tLembar disposisi\t15\tDisposisi\t",
    "2.\tMemeriksa\t\tYa\tDraf\t2 hari\tLaporan",
    "Dasar Hukum :\tKualifikasi pelaksana :",
]
printable = st.characters(blacklist_categories=("Cs", "Cc"))
cells = st.one_of(st.sampled_from(FRAGMENTS), st.text(printable, max_size=30))
lines = st.one_of(st.sampled_from(LINES), st.lists(cells, min_size=1, max_size=12).map("\t".join))
generated = st.lists(lines, max_size=80).map(lambda rows: "\n".join(rows).encode("utf-8"))


@st.composite
def mutated_seed(draw) -> bytes:
    """A seed text with lines deleted, duplicated or shuffled, random bytes or tabs inserted, or truncated."""
    rows = draw(st.sampled_from(SEEDS)).split(b"\n")
    for _ in range(draw(st.integers(1, 6))):
        operation = draw(st.sampled_from(["delete", "duplicate", "swap", "bytes", "tabs", "truncate", "shuffle"]))
        index = draw(st.integers(0, max(len(rows) - 1, 0)))
        if not rows:
            rows = [b""]
        if operation == "delete" and len(rows) > 1:
            del rows[index]
        elif operation == "duplicate":
            rows.insert(index, rows[index])
        elif operation == "swap":
            other = draw(st.integers(0, len(rows) - 1))
            rows[index], rows[other] = rows[other], rows[index]
        elif operation == "shuffle":
            rows = draw(st.permutations(rows))
        elif operation in ("bytes", "tabs"):
            row = rows[index]
            at = draw(st.integers(0, len(row)))
            junk = draw(st.binary(min_size=1, max_size=8)) if operation == "bytes" else b"\t" * draw(st.integers(1, 6))
            rows[index] = row[:at] + junk + row[at:]
        else:
            data = b"\n".join(rows)
            rows = data[: draw(st.integers(0, len(data)))].split(b"\n")
    return b"\n".join(rows)


def check(data: bytes, filename: str = "fuzz.txt") -> ParsedDocument | None:
    try:
        document = read_document(data=data, filename=filename)
    except SopImportError as error:
        assert error.message.strip()
        assert filename in str(error)
        event(f"ditolak: {' '.join(error.message.split()[:3])}")
        return None
    event("dibaca")
    assert isinstance(document, ParsedDocument)
    assert document.identity["judul"]
    return document


@FAST
@given(mutated_seed())
def test_mutated_seed_texts_never_crash_the_reader(data):
    check(data)


@FAST
@given(generated)
def test_generated_documents_never_crash_the_reader(data):
    check(data)


@FAST
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash_the_reader(data):
    check(data)


@functools.cache
def _seed_docx() -> bytes:
    return text_to_docx(seed_bytes(3).decode("utf-8"))


@functools.cache
def _word_docx() -> bytes:
    """A Word-made SOP: identity nested beside the kop, merged header cells, shapes in the pelaksana cells."""
    from tests.sop.importing import test_word
    from tests.sop.importing.word_xml import add_run, new_document, saved, shape_run, vml_run

    def shapes(steps, row, first, index):
        kind = ["flowChartTerminator", "flowChartProcess", "flowChartDecision", "flowChartProcess"][min(index, 3)]
        add_run(steps.cell(row, first + test_word.COLUMN[index]), (shape_run if index % 2 else vml_run)(kind))

    document = new_document()
    test_word.identity_beside_kop(document, "PEMERINTAH KABUPATEN BANGGAI", "DINAS KOMUNIKASI DAN INFORMATIKA")
    test_word.merged_step_table(document, shapes)
    return saved(document)


DOCX_SOURCES = {"seed": _seed_docx, "word": _word_docx}


@settings(max_examples=150, deadline=None, database=None)
@given(st.data())
def test_damaged_word_files_never_crash_the_reader(data):
    original = bytearray(_seed_docx())
    for _ in range(data.draw(st.integers(1, 4))):
        if data.draw(st.booleans()):
            at = data.draw(st.integers(0, len(original) - 1))
            original[at] = data.draw(st.integers(0, 255))
        else:
            original = original[: data.draw(st.integers(4, len(original)))]
    check(bytes(original), "rusak.docx")


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


PRESETS = ["flowChartTerminator", "flowChartProcess", "flowChartDecision", "flowChartOffpageConnector", "rect", "x"]


@pytest.mark.parametrize("source", DOCX_SOURCES)
@settings(max_examples=100, deadline=None, database=None)
@given(st.data())
def test_word_files_with_a_shuffled_structure_never_crash_the_reader(source, data):
    """Rows, cells, paragraphs and shapes deleted, duplicated or moved; spans, merges and shape kinds set to odd
    values; tables nested in cells."""
    with zipfile.ZipFile(io.BytesIO(DOCX_SOURCES[source]())) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    for _ in range(data.draw(st.integers(1, 8))):
        elements = list(root.iter(f"{W}tr", f"{W}tc", f"{W}p", f"{W}tbl", f"{W}r", f"{A}prstGeom"))
        if not elements:
            break
        element = data.draw(st.sampled_from(elements))
        parent = element.getparent()
        operation = data.draw(st.sampled_from(["delete", "duplicate", "move", "span", "merge", "shape", "nest"]))
        if operation == "delete" and parent is not None:
            parent.remove(element)
        elif operation == "duplicate" and parent is not None:
            parent.insert(parent.index(element), copy.deepcopy(element))
        elif operation == "move" and parent is not None:
            target = data.draw(st.sampled_from(elements))
            if target is not element and element not in target.iterancestors() and target.getparent() is not None:
                target.getparent().insert(target.getparent().index(target), element)
        elif operation in ("span", "merge") and element.tag == f"{W}tc":
            properties = element.find(f"{W}tcPr")
            if properties is None:
                properties = etree.SubElement(element, f"{W}tcPr")
                element.insert(0, properties)
            tag = f"{W}gridSpan" if operation == "span" else f"{W}vMerge"
            value = data.draw(st.sampled_from(["0", "1", "3", "99999", "abc", "-2", "continue", "restart", ""]))
            etree.SubElement(properties, tag).set(f"{W}val", value)
        elif operation == "shape" and element.tag == f"{A}prstGeom":
            element.set("prst", data.draw(st.sampled_from(PRESETS)))
        elif operation == "nest" and element.tag == f"{W}tc":
            tables = list(root.iter(f"{W}tbl"))
            if tables:
                nested = copy.deepcopy(data.draw(st.sampled_from(tables)))
                if len(list(nested.iter(f"{W}tbl"))) < 4:
                    element.append(nested)
    parts["word/document.xml"] = etree.tostring(root)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    check(buffer.getvalue(), "acak.docx")


@pytest.mark.django_db
@WITH_DB
@given(st.one_of(mutated_seed(), generated))
def test_saving_what_was_read_never_crashes_either(data):
    """What the reader accepts goes through the editor's checks and the database, or is refused with a message."""
    document = check(data)
    assume(document is not None)
    opd = OpdFactory()
    try:
        steps = sop_import_dry_run(document=document, opd=opd, user=None, inspect=lambda sop: sop.langkah.count())
    except SopImportError as error:
        assert error.message.strip() and "fuzz.txt" in str(error)
    else:
        assert steps == len(document.langkah)
