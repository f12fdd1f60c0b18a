""".docx made in Word: merged cells in the header and the table, the identity block as a table nested beside
the kop, the flowchart drawn as shapes in the pelaksana cells (DrawingML with its VML fallback, or VML alone),
shapes drawn as one group, ticks from a symbol font, the kop in the page header."""

import pytest

from sop.importing import read_document
from sop.importing.services import sop_import
from tests.sop.importing.docs import notes, pelaksana_of_steps
from tests.sop.importing.word_xml import (
    add_run,
    fill,
    group_run,
    new_document,
    saved,
    shape_run,
    sym_run,
    table,
    vml_run,
)

NAMES = ["Kepala Dinas", "Sekretaris", "Pengelola Data"]
STEPS = [
    ("Memberi disposisi", "Surat masuk", "15 menit", "Disposisi"),
    ("Menyiapkan bahan", "Disposisi", "1 jam", "Bahan"),
    ("Apakah bahan lengkap?", "Bahan", "30 menit", "Nota"),
    ("Mengolah data", "Bahan", "2 jam", "Data"),
    ("Menandatangani laporan", "Konsep laporan", "15 menit", "Laporan"),
]


def identity_beside_kop(document, *kop_lines: str) -> None:
    """The kop in the left cell; the identity block as a table nested in the right cell."""
    outer = document.add_table(rows=1, cols=2)
    fill(outer.cell(0, 0), *kop_lines)
    table(
        outer.cell(0, 1),
        [
            ["Nomor SOP", ":", "555/12/DISKOMINFO/2022"],
            ["Tanggal Pembuatan", ":", "04 April 2022"],
            ["Tanggal Revisi", ":", "-"],
            ["Tanggal Efektif", ":", "11 April 2022"],
            ["Disahkan Oleh", ":", "Kepala Dinas\nAndi Mappanyukki, S.Kom\nPembina (IV/a)\nNIP. 19780210 200312 1 004"],
            ["Nama SOP", ":", "Pengelolaan Data Statistik Sektoral"],
        ],
    )


def merged_step_table(document, marks):
    """No | Uraian (two grid columns) | Pelaksana ×3 | Mutu Baku ×3 | Keterangan, header over two rows.

    `marks(table, row, first_pelaksana_column, step_index)` draws what stands in the pelaksana cells.
    """
    rows = 2 + len(STEPS)
    steps = document.add_table(rows=rows, cols=10)
    steps.cell(0, 0).merge(steps.cell(1, 0)).text = "No"
    steps.cell(0, 1).merge(steps.cell(1, 2)).text = "Uraian Kegiatan"  # gridSpan 2 and vMerge over both rows
    steps.cell(0, 3).merge(steps.cell(0, 5)).text = "Pelaksana"
    steps.cell(0, 6).merge(steps.cell(0, 8)).text = "Mutu Baku"
    steps.cell(0, 9).merge(steps.cell(1, 9)).text = "Keterangan"
    for offset, name in enumerate([*NAMES, "Kelengkapan", "Waktu", "Output"]):
        steps.cell(1, 3 + offset).text = name
    for index, (uraian, kelengkapan, waktu, output) in enumerate(STEPS):
        row = 2 + index
        steps.cell(row, 0).text = f"{index + 1}."
        steps.cell(row, 1).merge(steps.cell(row, 2)).text = uraian
        steps.cell(row, 6).text, steps.cell(row, 7).text, steps.cell(row, 8).text = kelengkapan, waktu, output
        marks(steps, row, 3, index)
    steps.cell(3, 9).merge(steps.cell(4, 9)).text = "Lihat SOP Rapat"  # one Keterangan for steps 2 and 3
    return steps


COLUMN = [0, 1, 1, 2, 0]  # the pelaksana of each step


def test_word_file_with_nested_identity_merged_cells_and_drawn_flowchart(db):
    def shapes(steps, row, first, index):
        kind = ["flowChartTerminator", "flowChartProcess", "flowChartDecision", "flowChartProcess"][min(index, 3)]
        kind = "flowChartTerminator" if index == 4 else kind
        add_run(steps.cell(row, first + COLUMN[index]), shape_run(kind, "Mulai" if index == 0 else ""))
        if index == 1:
            add_run(steps.cell(row, first), shape_run("bentConnector3"))  # the arrow from step 1, not a step
        if index == 3:
            add_run(steps.cell(row, first), shape_run("flowChartOffpageConnector", "A"))  # a page break connector

    document = new_document()
    kop = ("PEMERINTAH KABUPATEN BANGGAI", "DINAS KOMUNIKASI, INFORMATIKA,", "PERSANDIAN DAN STATISTIK")
    identity_beside_kop(document, *kop)
    merged_step_table(document, shapes)
    parsed = read_document(data=saved(document), filename="word.docx")

    assert (parsed.kop.pemda, parsed.kop.opd) == (
        "PEMERINTAH KABUPATEN BANGGAI",
        "DINAS KOMUNIKASI, INFORMATIKA, PERSANDIAN DAN STATISTIK",
    )
    identity = parsed.identity
    assert (identity["nomor"], identity["judul"]) == ("555/12/DISKOMINFO/2022", "Pengelolaan Data Statistik Sektoral")
    assert (identity["disahkan_nama"], identity["disahkan_nip"]) == ("Andi Mappanyukki, S.Kom", "197802102003121004")
    assert [column.nama for column in parsed.pelaksana] == NAMES
    assert [step.uraian for step in parsed.langkah] == [step[0] for step in STEPS]
    assert pelaksana_of_steps(parsed) == [NAMES[column] for column in COLUMN]
    assert [step.simbol for step in parsed.langkah] == ["terminator", "proses", "keputusan", "proses", "terminator"]
    assert (parsed.langkah[2].ya_ke, parsed.langkah[2].tidak_ke) == (4, 2)
    assert [step.keterangan for step in parsed.langkah] == ["", "Lihat SOP Rapat", "", "", ""]
    assert [step.waktu_satuan for step in parsed.langkah] == ["menit", "jam", "menit", "jam", "menit"]
    assert any(
        "Langkah 3 dibaca sebagai keputusan (bentuk keputusan (belah ketupat) di kolom Sekretaris)" in note
        for note in notes(parsed)
    )
    assert not any("tidak ada tanda" in note for note in notes(parsed))
    sop = sop_import(document=parsed, opd=None, user=None)
    assert sop.opd.nama == "DINAS KOMUNIKASI, INFORMATIKA, PERSANDIAN DAN STATISTIK"
    assert [step.pelaksana.nama for step in sop.langkah.select_related("pelaksana")] == [NAMES[c] for c in COLUMN]


def test_shapes_written_in_vml_only_give_pelaksana_and_symbol():
    def shapes(steps, row, first, index):
        kind = "flowChartTerminator" if index in (0, 4) else "flowChartDecision" if index == 2 else "flowChartProcess"
        add_run(steps.cell(row, first + COLUMN[index]), vml_run(kind))

    document = new_document()
    identity_beside_kop(document, "PEMERINTAH KABUPATEN BANGGAI", "DINAS KOMUNIKASI DAN INFORMATIKA")
    merged_step_table(document, shapes)
    parsed = read_document(data=saved(document), filename="lama.docx")
    assert pelaksana_of_steps(parsed) == [NAMES[column] for column in COLUMN]
    assert [step.simbol for step in parsed.langkah] == ["terminator", "proses", "keputusan", "proses", "terminator"]


def test_a_flowchart_drawn_as_one_group_is_not_read_as_marks_and_says_so():
    def shapes(steps, row, first, index):
        if index == 0:
            add_run(steps.cell(row, first), group_run("flowChartTerminator", "flowChartProcess", "flowChartDecision"))

    document = new_document()
    identity_beside_kop(document, "PEMERINTAH KABUPATEN BANGGAI", "DINAS KOMUNIKASI DAN INFORMATIKA")
    merged_step_table(document, shapes)
    parsed = read_document(data=saved(document), filename="grup.docx")
    assert pelaksana_of_steps(parsed) == [None] * 5
    assert notes(parsed)[0] == (
        "tabel 3, baris 3: diagram alir digambar sebagai satu kelompok bentuk; letak tiap simbol tidak bisa dibaca, "
        "jadi simbol di dalamnya tidak menentukan pelaksana — pilih pelaksananya di pratinjau atau editor."
    )


@pytest.mark.parametrize("char", ["F0FC", "F0FB", "F06E"])
def test_ticks_and_boxes_from_a_symbol_font_are_marks(char):
    def ticks(steps, row, first, index):
        add_run(steps.cell(row, first + COLUMN[index]), sym_run(char))

    document = new_document()
    identity_beside_kop(document, "PEMERINTAH KABUPATEN BANGGAI", "DINAS KOMUNIKASI DAN INFORMATIKA")
    merged_step_table(document, ticks)
    parsed = read_document(data=saved(document), filename="centang.docx")
    assert pelaksana_of_steps(parsed) == [NAMES[column] for column in COLUMN]


def test_the_kop_in_the_page_header():
    document = new_document()
    header = document.sections[0].header
    header.paragraphs[0].text = "PEMERINTAH KOTA PALU"
    header.add_paragraph("BADAN PENDAPATAN DAERAH")
    rows = [["Nomor SOP", "973/01/BAPENDA"], ["Tanggal Efektif", "02 Januari 2024"], ["Judul SOP", "Pendataan Objek"]]
    table(document, rows)
    parsed = read_document(data=saved(document), filename="kop-di-header.docx")
    assert (parsed.kop.pemda, parsed.kop.opd, parsed.kop.where) == (
        "PEMERINTAH KOTA PALU",
        "BADAN PENDAPATAN DAERAH",
        "kepala halaman",
    )
    assert parsed.identity["judul"] == "Pendataan Objek"
