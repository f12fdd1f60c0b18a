"""Malformed input gives an error naming the file, where, and what is wrong; blank fields give warnings."""

import io
import zipfile
from decimal import Decimal

import pytest

from sop.importing import MAX_BYTES, SopImportError, read_document
from sop.importing.services import sop_import
from sop.models import Sop
from tests.sop.importing.conftest import SEED_FILES, seed_bytes

HEADER = "No\tUraian Kegiatan\tPelaksana\t\tMutu Baku\t\t\tKeterangan"
SUB = "\t\tKepala\tStaf\tKelengkapan\tWaktu\tOutput\t"


def text(*lines: str) -> bytes:
    return "\n".join(lines).encode("utf-8")


def minimal(*table: str, identity: tuple[str, ...] | None = None) -> bytes:
    identity = identity or (
        "PEMERINTAH KOTA CONTOH\tNomor SOP\t001/SOP",
        "\tTanggal Pembuatan\t05 Februari 2020",
        "\tTanggal Efektif\t05 Februari 2020",
        "DINAS CONTOH\tDisahkan Oleh\tBudi, S.E. Pembina IV/a NIP. 19800101 200501 1 001",
        "\tJudul SOP\tContoh",
    )
    return text(*identity, "", *table)


def error_of(data: bytes, filename: str = "contoh.txt") -> SopImportError:
    with pytest.raises(SopImportError) as caught:
        read_document(data=data, filename=filename)
    assert caught.value.filename == filename
    assert filename in str(caught.value)
    return caught.value


def test_empty_file():
    assert "berkas kosong (0 byte)" in str(error_of(b""))
    assert "berkas kosong" in str(error_of(b" \n\t\n"))


def test_binary_file_names_the_line():
    error = error_of(b"Judul SOP\tContoh\n\x00\x01\x02\x03binary\x00")
    assert "bukan teks" in error.message and "baris 2" in error.message


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"%PDF-1.7 ...", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 ...", ".doc"),
        (b"{\\rtf1\\ansi ...", "RTF"),
        (b"\x89PNG\r\n\x1a\n...", "gambar"),
    ],
)
def test_formats_that_are_not_sop_documents(data, says):
    assert says in error_of(data).message


@pytest.mark.django_db
def test_a_zip_that_is_not_word_and_a_damaged_docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("data.csv", "a,b")
    assert "bukan dokumen Word" in error_of(buffer.getvalue(), "data.docx").message
    from tests.sop.factories import build_sop
    from tests.sop.importing.docx_builder import sop_docx

    whole = sop_docx(build_sop())
    assert "rusak" in error_of(whole[: len(whole) // 2], "rusak.docx").message


@pytest.mark.django_db
def test_a_file_over_the_size_limit():
    error = error_of(b"x" * (MAX_BYTES + 1))
    assert "terlalu besar" in error.message and "5,0 MB" in error.message


def test_text_that_is_not_an_sop():
    assert "tidak tampak seperti dokumen SOP" in error_of(text("Daftar belanja", "1. Beras", "2. Telur")).message


def test_an_sop_without_judul():
    assert (
        "Judul SOP tidak ditemukan" in error_of(text("Nomor SOP\t001", "Tanggal Pembuatan\t05 Februari 2020")).message
    )


@pytest.mark.parametrize(
    ("header", "says"),
    [
        ("No\tUraian Kegiatan\tPelaksana\t\tMutu Baku\t\t", "Kelengkapan, Waktu belum ada"),
        ("No\tKegiatan\tKepala\tStaf\tKelengkapan\tOutput", "Waktu"),
        ("No\tKegiatan\tKelengkapan\tWaktu\tOutput", "tidak punya kolom pelaksana"),
    ],
)
def test_a_step_table_with_missing_columns_names_the_line(header, says):
    error = error_of(minimal(header, "1\tMemulai\tv\t\tA\t5\tB"))
    assert says in error.message
    assert error.where == "baris 7"


def test_an_unnamed_pelaksana_column_gets_a_placeholder_name_and_a_warning():
    document = read_document(
        data=minimal(HEADER, "\t\tKepala\t\tKelengkapan\tWaktu\tOutput\t", "1.\tMulai\t\t√\tA\t5\tB\t"),
        filename="tanpa-nama.txt",
    )
    assert [column.nama for column in document.pelaksana] == ["Kepala", "Pelaksana 2"]
    assert document.pelaksana_of(document.langkah[0]) == "Pelaksana 2"
    assert (
        "baris 7: kolom pelaksana ke-2 tidak bernama (tertulis kosong); disimpan sebagai “Pelaksana 2” — ganti "
        "dengan nama jabatannya di editor."
    ) in [str(note) for note in document.warnings]


@pytest.mark.django_db
def test_the_editor_checks_run_on_import_and_name_the_row(opd):
    document = read_document(
        data=minimal(
            HEADER, "\t\tStaf\tstaf\tKelengkapan\tWaktu\tOutput\t", "1.\tMulai\t√\t\tA\t5\tB\t", "2.\t\t\t√\tA\t5\tB\t"
        ),
        filename="ganda.txt",
    )
    with pytest.raises(SopImportError) as caught:
        sop_import(document=document, opd=opd, user=None)
    lines = caught.value.lines
    assert lines[0].startswith("ganda.txt: tabel langkah tidak bisa disimpan")
    assert any("“staf” sudah ada di kolom 1" in line for line in lines)
    assert "baris 10: Langkah 2: uraian kegiatan belum diisi." in lines
    assert not Sop.objects.exists()


@pytest.mark.django_db
def test_blank_fields_import_as_a_draft_with_warnings(opd):
    document = read_document(
        data=text(
            "\tNomor SOP\t",
            "\tTanggal Pembuatan\t",
            "\tTanggal Efektif\t31 Februari 2020",
            "\tJudul SOP\tSOP Kosong",
            "",
            "Dasar Hukum\tKualifikasi Pelaksana",
            "\t",
            "",
            HEADER,
            SUB,
        ),
        filename="kosong.txt",
    )
    sop = sop_import(document=document, opd=opd, user=None)
    assert (sop.status, sop.nomor, sop.tanggal_pembuatan, sop.tanggal_efektif) == ("draft", "", None, None)
    assert not sop.langkah.exists()
    warnings = [str(note) for note in document.warnings]
    assert "baris 1: Nomor SOP kosong; isi nomornya sebelum SOP diajukan." in warnings
    assert "Tanggal Pembuatan kosong." in warnings
    assert any(w.startswith("baris 3: Tanggal Efektif “31 Februari 2020” tidak terbaca") for w in warnings)
    assert "baris 6: Daftar “Dasar Hukum” kosong." in warnings
    assert "Daftar “Peringatan” kosong." in warnings
    assert "baris 9: tabel langkah tidak punya baris langkah; SOP diimpor tanpa langkah." in warnings


@pytest.mark.django_db
def test_waktu_that_is_not_understood_is_kept_as_written_with_a_warning(opd):
    document = read_document(
        data=minimal(HEADER, SUB, "1.\tMulai\t√\t\tA\t1-2 hari\tB\t", "2.\tSelesai\t\t√\tA\t15\tB\t"), filename="w.txt"
    )
    sop = sop_import(document=document, opd=opd, user=None)
    first, second = sop.langkah.all()
    assert (first.waktu_nilai, first.waktu_teks, first.waktu_tampil) == (None, "1-2 hari", "1-2 hari")
    assert (second.waktu_nilai, second.waktu_satuan) == (Decimal("15.00"), "menit")
    assert any("Langkah 1: waktu “1-2 hari” tidak terbaca" in str(note) for note in document.warnings)


def test_a_value_longer_than_its_field_is_an_error_naming_the_line():
    error = error_of(minimal(identity=("\tNomor SOP\t" + "9" * 120, "\tJudul SOP\tContoh")))
    assert "Nomor SOP terlalu panjang (120 karakter; paling banyak 100)" in error.message
    assert error.where == "baris 1"


@pytest.mark.django_db
def test_word_unicode_text_and_windows_1252_exports_read_the_same():
    original = read_document(data=seed_bytes(3), filename=SEED_FILES[3])
    utf16 = read_document(data=seed_bytes(3).decode("utf-8").encode("utf-16"), filename="003.txt")
    assert utf16.identity == original.identity and utf16.items == original.items
    cp1252 = read_document(data=seed_bytes(4).decode("utf-8").encode("cp1252"), filename="004.txt")
    assert cp1252.identity["nomor"] == "SOP – 01/BAPPEDALITBANG"
    latin = read_document(
        data=text("\tJudul SOP\tPengukuran Kinerja Dinas Pariwisata dan Kebudayaan é"), filename="l.txt"
    )
    assert latin.identity["judul"].endswith("é")


def test_a_text_with_more_lines_than_any_sop_is_refused_quickly():
    error = error_of(b"\tJudul SOP\tX\n" * 25_000)
    assert error.message == "berkas ini punya 25.001 baris; satu dokumen SOP paling banyak 20.000 baris."


def test_a_list_with_more_items_than_any_sop_is_refused():
    line = " ".join(f"{n}. Peraturan {n}" for n in range(1, 251))
    error = error_of(text("\tJudul SOP\tX", f"Dasar Hukum : {line}"))
    assert error.message == "daftar “Dasar Hukum” punya 250 butir; paling banyak 200."
    assert error.where == "baris 2"


def test_a_header_row_shorter_than_its_second_row_is_read_or_refused_in_words_never_crashes():
    """Found by the fuzz test: the first header row ends after "Uraian Kegiatan"; the second names the rest."""
    from sop.importing import SopImportError
    from tests.sop.importing.docs import IDENTITY, STEPS, read

    try:
        document = read(
            *IDENTITY,
            "",
            "No\tUraian Kegiatan",
            "\t\tKepala Dinas\tKepala Bidang\tStaf\tKelengkapan\tWaktu\tOutput\t",
            *STEPS,
        )
    except SopImportError as error:
        assert str(error)
    else:  # not taken as the step table: it says so instead of dropping the steps silently
        said = " ".join(str(warning) for warning in document.warnings)
        assert len(document.content.langkah) == 3 or "Tabel langkah tidak ditemukan" in said
