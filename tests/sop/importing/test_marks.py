"""What stands in the pelaksana column: X, ✓, a symbol character, Ya/Tidak, MULAI/SELESAI — and decision
words, read as a keputusan whose exits the warning names."""

import pytest

from sop.importing.services import sop_import
from tests.sop.importing.docs import HEADER, SUB, notes, pelaksana_of_steps, with_table


def row(number: int, uraian: str, column: int, mark: str, keterangan: str = "") -> str:
    marks = ["", "", ""]
    marks[column] = mark
    return "\t".join([f"{number}.", uraian, *marks, "Berkas", "10", "Catatan", keterangan])


def test_ticks_crosses_and_symbol_characters_are_marks_and_a_box_or_diamond_is_the_symbol():
    document = with_table(
        HEADER,
        SUB,
        row(1, "Menerima berkas", 2, "✓"),
        row(2, "Memeriksa berkas", 1, "X"),
        row(3, "Mencatat", 2, "●"),
        row(4, "Meneruskan", 1, "Ya"),
        row(5, "Meneliti", 2, "Tidak"),
        row(6, "Mengolah data", 1, "□"),
        row(7, "Menyetujui?", 0, "◆"),
        row(8, "Mengarsipkan", 2, "SELESAI"),
    )
    assert pelaksana_of_steps(document) == [
        "Staf", "Kepala Bidang", "Staf", "Kepala Bidang", "Staf", "Kepala Bidang", "Kepala Dinas", "Staf",
    ]  # fmt: skip
    assert [step.simbol for step in document.langkah] == [
        "terminator", "proses", "proses", "proses", "proses", "proses", "keputusan", "terminator",
    ]  # fmt: skip
    decision = document.langkah[6]
    assert (decision.ya_ke, decision.tidak_ke) == (8, 6)
    assert (
        "baris 16: Langkah 7 dibaca sebagai keputusan (simbol “◆” di kolom Kepala Dinas); tujuan diandaikan: "
        "Ya → langkah 8, Tidak → langkah 6. Periksa di editor."
    ) in notes(document)


def test_the_flowcharts_own_words_mulai_and_selesai_give_the_terminators():
    rows = row(1, "Menerima", 2, "MULAI"), row(2, "Memeriksa", 1, "x"), row(3, "Simpan", 2, "v")
    document = with_table(HEADER, SUB, *rows)
    assert [step.simbol for step in document.langkah] == ["terminator", "proses", "terminator"]
    assert pelaksana_of_steps(document) == ["Staf", "Kepala Bidang", "Staf"]


@pytest.mark.django_db
def test_decision_words_in_one_cell_read_as_a_keputusan_with_the_exits_assumed(opd):
    document = with_table(
        HEADER,
        SUB,
        row(1, "Menerima berkas", 2, "√"),
        row(2, "Memeriksa berkas", 1, "√"),
        row(3, "Apakah berkas lengkap?", 1, "tidak ya"),
        row(4, "Menyetujui", 0, "√"),
    )
    step = document.langkah[2]
    assert (step.simbol, step.ya_ke, step.tidak_ke) == ("keputusan", 4, 2)
    assert (
        "baris 12: Langkah 3 dibaca sebagai keputusan (kata “tidak ya” di kolom Kepala Bidang); tujuan diandaikan: "
        "Ya → langkah 4, Tidak → langkah 2. Periksa di editor."
    ) in notes(document)
    saved = sop_import(document=document, opd=opd, user=None).langkah.get(urutan=3)
    assert (saved.simbol, saved.ya_ke, saved.tidak_ke) == ("keputusan", 4, 2)


def test_exits_written_in_the_keterangan_are_taken_as_written():
    document = with_table(
        HEADER,
        SUB,
        row(1, "Menerima", 2, "√"),
        row(2, "Memeriksa", 1, "√"),
        row(3, "Mengoreksi", 0, "√"),
        row(4, "Apakah disetujui?", 0, "Ya / Tidak", "Ya: ke langkah 5; Tidak: kembali ke langkah 2"),
        row(5, "Selesai", 2, "√"),
    )
    assert (document.langkah[3].ya_ke, document.langkah[3].tidak_ke) == (5, 2)
    assert any("tujuan tertulis: Ya → langkah 5, Tidak → langkah 2" in note for note in notes(document))


def test_decision_words_on_the_last_step_cannot_have_exits_and_stay_a_proses_with_a_warning():
    document = with_table(HEADER, SUB, row(1, "Menerima", 2, "√"), row(2, "Apakah lengkap?", 1, "Ya Tidak"))
    assert (document.langkah[1].simbol, document.langkah[1].ya_ke) == ("proses", None)
    assert (
        "baris 11: Langkah 2 ditandai sebagai keputusan (kata “Ya Tidak” di kolom Kepala Bidang), tetapi tujuan "
        "Ya/Tidak tidak terbaca dari dokumen; disimpan sebagai proses — jadikan keputusan di editor dan isi tujuannya."
    ) in notes(document)


def test_ya_and_tidak_in_two_cells_of_a_row_are_two_marks_the_first_one_wins():
    """As in seed 004, row 7: "Ya" under one pelaksana and "tidak" under another is not a decision cell."""
    marks = "\t".join(["7.", "Menyusun laporan", "", "Ya", "tidak", "Data", "2 hari", "Laporan", ""])
    document = with_table(HEADER, SUB, row(1, "Mulai", 2, "√"), marks, row(3, "Selesai", 2, "√"))
    assert document.langkah[1].simbol == "proses"
    assert document.pelaksana_of(document.langkah[1]) == "Kepala Bidang"
    assert any("ada tanda di 2 kolom pelaksana (Kepala Bidang, Staf)" in note for note in notes(document))
