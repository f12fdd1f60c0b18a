"""The step table as offices print it: one header row or two, a title line above, a row of column numbers,
their own column names and typos, pelaksana by role, abbreviation or placeholder, columns left out."""

from decimal import Decimal

import pytest

from sop.importing.services import sop_import
from tests.sop.importing.docs import HEADER, STEPS, SUB, names, notes, pelaksana_of_steps, with_table


def test_one_header_row_with_the_names_offices_print():
    document = with_table(
        "NO\tURAIAN AKTIVITAS\tKADIS\tKABID\tSTAF\tPERSYARATAN\tWAKTU (MENIT)\tHASIL\tKET.",
        "1\tMenerima surat\t\t\t√\tSurat\t10\tAgenda\t",
        "2\tMendisposisi\t√\t\t\tAgenda\t15\tDisposisi\tSegera",
    )
    assert names(document) == ["KADIS", "KABID", "STAF"]
    assert pelaksana_of_steps(document) == ["STAF", "KADIS"]
    first, second = document.langkah
    assert (first.kelengkapan, first.waktu_nilai, first.waktu_satuan, first.output) == (
        "Surat",
        Decimal("10.00"),
        "menit",
        "Agenda",
    )
    assert second.keterangan == "Segera"


def test_two_header_rows_with_typos_in_every_column_name():
    document = with_table(
        "No.\tUraian Kegaitan\tPELAKSNA\t\tMUTU BAKUU\t\t\tKeterngan",
        "\t\tKepala\tStaf\tKelengakapan\tWaktu\tOuput\t",
        "1.\tMemberi arahan\tX\t\tDisposisi\t5\tArahan\t",
        "2.\tMengerjakan\t\tX\tArahan\t2 jam\tLaporan\tdicatat",
    )
    assert names(document) == ["Kepala", "Staf"]
    assert [(s.kelengkapan, s.waktu_nilai, s.waktu_satuan, s.output, s.keterangan) for s in document.langkah] == [
        ("Disposisi", Decimal("5.00"), "menit", "Arahan", ""),
        ("Arahan", Decimal("2.00"), "jam", "Laporan", "dicatat"),
    ]


def test_a_title_line_above_and_a_column_number_row_under_a_one_row_header():
    document = with_table(
        "PROSEDUR PELAYANAN REKOMENDASI TEKNIS",
        "No\tUraian Prosedur\tKepala Dinas\tStaf\tBahan dan Kelengkapan\tWaktu\tOutput\tKeterangan",
        "1\t2\t3\t4\t5\t6\t7\t8",
        "1.\tMenerima berkas\t\tv\tBerkas\t10 menit\tAgenda\t",
        "2.\tMenyetujui\tv\t\tBerkas\t1 hari\tSurat\t",
    )
    assert [step.uraian for step in document.langkah] == ["Menerima berkas", "Menyetujui"]
    assert document.numbers == ["1.", "2."]
    assert pelaksana_of_steps(document) == ["Staf", "Kepala Dinas"]


def test_a_column_number_row_in_brackets_under_a_two_row_header():
    document = with_table(HEADER, SUB, "(1)\t(2)\t(3)\t(4)\t(5)\t(6)\t(7)\t(8)\t(9)", *STEPS)
    assert len(document.langkah) == 3
    assert not any("nomor langkah" in note for note in notes(document))


@pytest.mark.parametrize("uraian", ["Kegiatan", "Aktivitas", "Uraian Aktivitas", "URAIAN PROSEDUR", "Uraian"])
def test_the_uraian_column_under_each_name_offices_give_it(uraian):
    document = with_table(f"No\t{uraian}\tKepala\tStaf\tKelengkapan\tWaktu\tOutput", "1\tMulai\tX\t\tA\t5\tB")
    assert [step.uraian for step in document.langkah] == ["Mulai"]


def test_pelaksana_columns_left_as_placeholders_are_named_with_a_warning():
    document = with_table(
        "No\tKegiatan\tPelaksana\t\t\tKelengkapan\tWaktu\tOutput\tKeterangan",
        "\t\tPelaksana\t.....\tKasubbag Umum\t\t\t\t",
        "1\tMenerima\tX\t\t\tSurat\t5\tAgenda\t",
        "2\tMencatat\t\tX\t\tAgenda\t5\tBuku\t",
        "3\tMenyimpan\t\t\tX\tBuku\t5\tArsip\t",
    )
    assert names(document) == ["Pelaksana 1", "Pelaksana 2", "Kasubbag Umum"]
    assert pelaksana_of_steps(document) == ["Pelaksana 1", "Pelaksana 2", "Kasubbag Umum"]
    assert notes(document)[:2] == [
        "baris 8: kolom pelaksana ke-1 tidak bernama (tertulis “Pelaksana”); disimpan sebagai “Pelaksana 1” — "
        "ganti dengan nama jabatannya di editor.",
        "baris 8: kolom pelaksana ke-2 tidak bernama (tertulis “.....”); disimpan sebagai “Pelaksana 2” — "
        "ganti dengan nama jabatannya di editor.",
    ]


@pytest.mark.django_db
def test_missing_output_and_keterangan_columns_are_warnings_not_a_refusal(opd):
    header = "No\tAktivitas\tKepala\tStaf\tKelengkapan\tWaktu"
    document = with_table(header, "1\tMulai\tX\t\tk\t5", "2\tSelesai\t\tX\tk\t10")
    assert [(step.output, step.keterangan) for step in document.langkah] == [("", ""), ("", "")]
    assert "baris 8: tabel langkah tidak punya kolom Output; Output setiap langkah dibiarkan kosong." in notes(document)
    assert "baris 8: tabel langkah tidak punya kolom Keterangan; Keterangan setiap langkah dibiarkan kosong." in (
        notes(document)
    )
    assert sop_import(document=document, opd=opd, user=None).langkah.count() == 2


@pytest.mark.django_db
def test_a_table_with_no_step_rows_imports_as_a_draft_with_a_warning(opd):
    document = with_table(HEADER, SUB, "1\t2\t3\t4\t5\t6\t7\t8\t9", filename="kosong.txt")
    sop = sop_import(document=document, opd=opd, user=None)
    assert (sop.status, sop.langkah.count(), sop.pelaksana.count()) == ("draft", 0, 3)
    assert "baris 8: tabel langkah tidak punya baris langkah; SOP diimpor tanpa langkah." in notes(document)


def test_step_numbers_written_out_of_order_are_kept_on_the_document_and_warned():
    document = with_table(HEADER, SUB, STEPS[0], STEPS[1].replace("2.", "3.", 1), STEPS[2].replace("3.", "5.", 1))
    assert document.numbers == ["1.", "3.", "5."]
    assert "baris 8: nomor langkah di dokumen tidak urut (1, 3, 5); langkah disimpan berurutan 1–3." in notes(document)
