"""Identity labels as offices type them: abbreviated, in any case, with or without a ":" cell, other words for
the same field, and misspelled (a letter swapped or dropped)."""

import datetime

from tests.sop.importing.docs import read


def test_abbreviated_labels_in_lower_case_with_the_colon_in_the_value():
    document = read(
        "PEMERINTAH KABUPATEN SIGI\tNo. SOP\t: 01/SOP/2021",
        "\tTgl. Pembuatan\t: 5 Jan 2021",
        "\tTgl Revisi\t: -",
        "\tTgl. Berlaku\t: 12-01-2021",
        "DINAS SOSIAL\tdisahkan oleh\t: Kepala Dinas Sosial",
        "\tjudul sop\t: Penyaluran Bantuan Sosial",
    )
    identity = document.identity
    assert identity["nomor"] == "01/SOP/2021"
    assert identity["tanggal_pembuatan"] == datetime.date(2021, 1, 5)
    assert identity["tanggal_revisi"] is None
    assert identity["tanggal_efektif"] == datetime.date(2021, 1, 12)
    assert identity["disahkan_jabatan"] == "Kepala Dinas Sosial"
    assert identity["judul"] == "Penyaluran Bantuan Sosial"


def test_upper_case_labels_with_a_colon_cell():
    document = read(
        "NOMOR SOP\t:\t045/DPMPTSP/2020",
        "TANGGAL PEMBUATAN\t:\t02 Maret 2020",
        "TANGGAL EFEKTIF\t:\t02 Maret 2020",
        "NAMA SOP\t:\tPENERBITAN IZIN USAHA",
    )
    assert (document.identity["nomor"], document.identity["judul"]) == ("045/DPMPTSP/2020", "PENERBITAN IZIN USAHA")
    assert document.identity["tanggal_efektif"] == datetime.date(2020, 3, 2)


def test_misspelled_labels_a_letter_swapped_or_dropped():
    document = read(
        "NOMER SOP\t:\t12/BKD",
        "TANGAL PEMBUATAN\t:\t2 Mei 2022",
        "Tanggal Efketif\t:\t9 Mei 2022",
        "Disahakn Oleh\t:",
        "Kepala Badan Kepegawaian Daerah",
        "",
        "Ir. Made Sudarsana, M.T.",
        "Pembina Utama Muda",
        "NIP 19700505 199603 1 003",
        "Nmaa SOP\t:\tMutasi Pegawai",
        "Kwalifikasi Pelaksana :",
        "1. Memahami aturan kepegawaian",
        "Dasr Hukum :",
        "1. Undang-Undang Nomor 5 Tahun 2014 tentang ASN",
    )
    identity = document.identity
    assert identity["nomor"] == "12/BKD"
    assert identity["tanggal_pembuatan"] == datetime.date(2022, 5, 2)
    assert identity["tanggal_efektif"] == datetime.date(2022, 5, 9)
    assert identity["disahkan_nama"] == "Ir. Made Sudarsana, M.T."
    assert identity["disahkan_nip"] == "197005051996031003"
    assert identity["judul"] == "Mutasi Pegawai"
    assert [item.teks for item in document.items["kualifikasi"]] == ["Memahami aturan kepegawaian"]
    assert [item.teks for item in document.items["dasar_hukum"]] == ["Undang-Undang Nomor 5 Tahun 2014 tentang ASN"]


def test_a_label_two_letters_away_is_another_label_not_a_typo():
    # "Nama SKPD" is not "Nama SOP", "Nomor SK" not "Nomor SOP": one slip of the hand is forgiven, not two.
    document = read("Nama SKPD\t:\tDinas Sosial", "Nomor SK\t:\t99", "Judul SOP\t:\tContoh")
    assert (document.identity["nomor"], document.identity["judul"]) == ("", "Contoh")


def test_tanggal_pengesahan_and_ditetapkan_oleh_with_the_signature_on_the_rows_below():
    document = read(
        "Nomor SOP\t021/DISHUB",
        "Tanggal Pengesahan\t14 Agustus 2023",
        "Ditetapkan oleh\tKepala Dinas Perhubungan",
        "\tH. Rahman Lamusa, S.H.",
        "\tPembina Tk. I",
        "\tNIP. 19720817 199803 1 005",
        "Judul SOP\tPengujian Kendaraan Bermotor",
    )
    identity = document.identity
    assert identity["tanggal_efektif"] == datetime.date(2023, 8, 14)
    assert (identity["disahkan_jabatan"], identity["disahkan_nama"], identity["disahkan_pangkat"]) == (
        "Kepala Dinas Perhubungan",
        "H. Rahman Lamusa, S.H.",
        "Pembina Tk. I",
    )
    assert identity["disahkan_nip"] == "197208171998031005"
    assert identity["judul"] == "Pengujian Kendaraan Bermotor"


def test_tanggal_ditetapkan_and_the_signature_under_a_colon_cell():
    document = read(
        "Nomor SOP\t:\t7/SETDA",
        "Tanggal Ditetapkan\t:\t01 Oktober 2021",
        "Disahkan oleh\t:\tSekretaris Daerah",
        "\t\t",
        "\t\tDr. Yusuf Pasau, M.Si",
        "\t\tPembina Utama Madya (IV/d)",
        "\t\tNIP. 19661010 199203 1 012",
        "Judul SOP\t:\tPenyusunan Produk Hukum",
    )
    identity = document.identity
    assert identity["tanggal_efektif"] == datetime.date(2021, 10, 1)
    assert (identity["disahkan_jabatan"], identity["disahkan_nama"]) == ("Sekretaris Daerah", "Dr. Yusuf Pasau, M.Si")
    assert identity["disahkan_pangkat"] == "Pembina Utama Madya (IV/d)"
    assert identity["disahkan_nip"] == "196610101992031012"
