"""Layouts offices use besides the four seeds: one header row, cells over two lines, a header repeated per page."""

from decimal import Decimal

from sop.importing import read_document


def read(*lines: str):
    return read_document(data="\n".join(lines).encode("utf-8"), filename="tata-letak.txt")


def test_a_single_header_row_with_the_unit_in_the_waktu_header():
    document = read(
        "Judul SOP : Pelayanan Data",
        "",
        "No\tUraian Kegiatan\tKepala Bidang\tStaf\tKelengkapan\tWaktu (jam)\tOutput\tKeterangan",
        "1\tMenerima permintaan\t\tX\tSurat\t2\tDisposisi\t",
        "2\tMenyetujui\tX\t\tDraf\t30 menit\tSurat\tSelesai",
    )
    assert [column.nama for column in document.pelaksana] == ["Kepala Bidang", "Staf"]
    assert [(document.column_of(s), s.waktu_nilai, s.waktu_satuan) for s in document.langkah] == [
        (1, Decimal("2.00"), "jam"),
        (0, Decimal("30.00"), "menit"),
    ]
    assert document.langkah[1].keterangan == "Selesai"


def test_a_cell_over_two_lines_and_a_header_repeated_after_a_page_break():
    header = "No.\tUraian Kegiatan\tPelaksana\t\tMutu Baku\t\t\tKeterangan"
    sub = "\t\tKepala\tStaf\tKelengkapan\tWaktu\tOutput\t"
    document = read(
        "\tJudul SOP\tContoh",
        header,
        sub,
        "1.\tMenerima surat permohonan\t\t√\tSurat\t15\tAgenda\t",
        "\tdari pemohon dan mencatatnya\t\t\tpermohonan\t\t\t",
        "",
        header,
        sub,
        "2.\tMenandatangani\t√\t\tDraf\t10\tSurat\t",
    )
    assert [step.uraian for step in document.langkah] == [
        "Menerima surat permohonan dari pemohon dan mencatatnya",
        "Menandatangani",
    ]
    assert document.langkah[0].kelengkapan == "Surat permohonan"
    assert [document.column_of(step) for step in document.langkah] == [1, 0]


def test_identity_with_colon_cells_and_a_signature_over_several_rows():
    document = read(
        "PEMERINTAH KOTA PALU",
        "DINAS KOMUNIKASI DAN INFORMATIKA",
        "",
        "Nomor SOP\t:\t045/12/DISKOMINFO",
        "Tanggal Pembuatan\t:\t12 Nopember 2019",
        "Tanggal Efektif\t:\t01/12/2019",
        "Disahkan Oleh\t:",
        "Kepala Dinas Komunikasi dan Informatika",
        "",
        "Dr. Rini Lestari, M.Si",
        "Pembina Utama Muda (IV/c)",
        "NIP. 19700101 199503 2 001",
        "Nama SOP\t:\tPengelolaan Website",
    )
    assert (document.kop.pemda, document.kop.opd) == ("PEMERINTAH KOTA PALU", "DINAS KOMUNIKASI DAN INFORMATIKA")
    identity = document.identity
    assert identity["nomor"] == "045/12/DISKOMINFO"
    assert str(identity["tanggal_pembuatan"]) == "2019-11-12" and str(identity["tanggal_efektif"]) == "2019-12-01"
    assert (identity["disahkan_jabatan"], identity["disahkan_nama"]) == (
        "Kepala Dinas Komunikasi dan Informatika",
        "Dr. Rini Lestari, M.Si",
    )
    assert identity["disahkan_pangkat"] == "Pembina Utama Muda (IV/c)"
    assert identity["disahkan_nip"] == "197001011995032001"
    assert identity["judul"] == "Pengelolaan Website"


def test_a_header_shifted_against_its_second_row_reads_no_steps_instead_of_crashing():
    """Found by the fuzz test: two extra tabs before seed 004's header line."""
    from tests.sop.importing.conftest import seed_bytes

    data = seed_bytes(4).replace(b"\nNo\tKegiatan\tPelaksana", b"\n\t\tNo\tKegiatan\tPelaksana")
    document = read_document(data=data, filename="geser.txt")
    assert document.langkah == []
    assert any("tidak punya baris langkah" in note.message for note in document.warnings)
