"""Write an SOP as a Word document in the layout offices use, with python-docx."""

import io

from docx import Document
from docx.oxml import parse_xml

from sakip.dates import tanggal_indonesia
from sakip.nip import format_nip
from sop.models import Sop

BOXES = [("dasar_hukum", "kualifikasi"), ("keterkaitan", "peralatan"), ("peringatan", "pencatatan")]
HEADINGS = {
    "dasar_hukum": "Dasar Hukum:",
    "kualifikasi": "Kualifikasi Pelaksana:",
    "keterkaitan": "Keterkaitan:",
    "peralatan": "Peralatan/Perlengkapan:",
    "peringatan": "Peringatan:",
    "pencatatan": "Pencatatan dan Pendataan:",
}
DRAWING = (
    '<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphic><a:graphicData>'
    '<a:prstGeom prst="{prst}"/></a:graphicData></a:graphic></w:drawing>'
)


def _lines(cell, lines: list[str]) -> None:
    """Put each line in its own paragraph of the cell."""
    cell.text = lines[0] if lines else ""
    for line in lines[1:]:
        cell.add_paragraph(line)


def _identity(document, sop: Sop) -> None:
    identity = document.add_table(rows=6, cols=3)
    kop = identity.cell(0, 0).merge(identity.cell(5, 0))
    _lines(kop, [sop.opd.pemda.sebutan, sop.opd.nama.upper()])
    signer = [sop.disahkan_jabatan, "", sop.disahkan_nama, sop.disahkan_pangkat]
    signer += [f"NIP. {format_nip(sop.disahkan_nip)}"] if sop.disahkan_nip else []
    rows = [
        ("Nomor SOP", [sop.nomor]),
        ("Tanggal Pembuatan", [tanggal_indonesia(sop.tanggal_pembuatan)]),
        ("Tanggal Revisi", [tanggal_indonesia(sop.tanggal_revisi)]),
        ("Tanggal Efektif", [tanggal_indonesia(sop.tanggal_efektif)]),
        ("Disahkan Oleh", signer),
        ("Judul SOP", [sop.judul]),
    ]
    for index, (label, lines) in enumerate(rows):
        identity.cell(index, 1).text = label
        _lines(identity.cell(index, 2), lines)


def _boxes(document, sop: Sop) -> None:
    boxes = document.add_table(rows=6, cols=2)
    for pair_index, pair in enumerate(BOXES):
        for column, jenis in enumerate(pair):
            boxes.cell(pair_index * 2, column).text = HEADINGS[jenis]
            items = [item.teks for item in sop.items.filter(jenis=jenis).order_by("urutan")]
            numbered = jenis in ("dasar_hukum", "peralatan") and len(items) > 1
            _lines(
                boxes.cell(pair_index * 2 + 1, column), [f"{n}. {t}" if numbered else t for n, t in enumerate(items, 1)]
            )


def _steps(document, sop: Sop, marks: dict[int, str], shapes: dict[int, str]) -> None:
    columns = list(sop.pelaksana.order_by("urutan"))
    width = 2 + len(columns) + 3 + 1
    steps = list(sop.langkah.select_related("pelaksana").order_by("urutan"))
    table = document.add_table(rows=2 + len(steps), cols=width)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "No"
    table.cell(0, 1).merge(table.cell(1, 1)).text = "Uraian Kegiatan"
    table.cell(0, 2).merge(table.cell(0, 1 + len(columns))).text = "Pelaksana"
    table.cell(0, 2 + len(columns)).merge(table.cell(0, 4 + len(columns))).text = "Mutu Baku"
    table.cell(0, width - 1).merge(table.cell(1, width - 1)).text = "Keterangan"
    for index, column in enumerate(columns):
        table.cell(1, 2 + index).text = column.nama
    for offset, label in enumerate(("Kelengkapan", "Waktu", "Output")):
        table.cell(1, 2 + len(columns) + offset).text = label
    for row_index, step in enumerate(steps, start=2):
        row = table.rows[row_index].cells
        row[0].text = f"{step.urutan}."
        row[1].text = step.uraian
        if step.pelaksana_id:
            cell = row[2 + [c.pk for c in columns].index(step.pelaksana_id)]
            if step.urutan in shapes:
                run = cell.paragraphs[0].add_run()
                run._r.append(parse_xml(DRAWING.format(prst=shapes[step.urutan])))
            else:
                cell.text = marks.get(step.urutan, "√")
        row[2 + len(columns)].text = step.kelengkapan
        row[3 + len(columns)].text = step.waktu_tampil
        row[4 + len(columns)].text = step.output
        row[5 + len(columns)].text = step.keterangan


def _lembar(document, sop: Sop) -> None:
    document.add_paragraph("LEMBAR KERJA IDENTIFIKASI KEGIATAN")
    document.add_paragraph("A. Data Kegiatan")
    lembar = document.add_table(rows=6, cols=2)
    for index, (label, value) in enumerate(
        [
            ("1. Judul SOP", sop.judul),
            ("2. Jenis Kegiatan", sop.jenis_kegiatan),
            ("3. Penanggung Jawab", ""),
            ("a. Produk", sop.pj_produk),
            ("b. Kegiatan", sop.pj_kegiatan),
            ("4. Scope (Ruang Lingkup)", sop.ruang_lingkup),
        ]
    ):
        lembar.cell(index, 0).text = label
        lembar.cell(index, 1).text = value


def sop_docx(sop: Sop, *, marks: dict[int, str] | None = None, shapes: dict[int, str] | None = None) -> bytes:
    """The SOP as .docx; `marks` (step number → text) and `shapes` (step number → DrawingML preset) go in the
    column of the step's pelaksana (default "√" for every step that has one)."""
    document = Document()
    document.add_paragraph("STANDAR OPERASIONAL PROSEDUR")
    _identity(document, sop)
    _boxes(document, sop)
    _steps(document, sop, marks or {}, shapes or {})
    _lembar(document, sop)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def text_to_docx(text: str) -> bytes:
    """A text export back in Word: runs of tab-separated lines become a table, other lines paragraphs."""
    document = Document()
    block: list[list[str]] = []

    def flush():
        if not block:
            return
        width = max(len(cells) for cells in block)
        table = document.add_table(rows=len(block), cols=width)
        for row, cells in zip(table.rows, block, strict=True):
            for cell, value in zip(row.cells, cells, strict=False):
                cell.text = value
        block.clear()

    for line in text.split("\n"):
        if "\t" in line:
            block.append(line.split("\t"))
            continue
        flush()
        document.add_paragraph(line)
    flush()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
