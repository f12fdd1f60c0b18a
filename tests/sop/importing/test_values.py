"""Values as offices write them: dates, waktu, lists, the signature block, marks."""

import datetime
from decimal import Decimal

import pytest

from sop.importing import values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05 Februari 2020", datetime.date(2020, 2, 5)),
        ("17 Juli 2023", datetime.date(2023, 7, 17)),
        ("2 Juli 2023", datetime.date(2023, 7, 2)),
        ("05-02-2020", datetime.date(2020, 2, 5)),
        ("05/02/2020", datetime.date(2020, 2, 5)),
        ("5.2.2020", datetime.date(2020, 2, 5)),
        ("05 Pebruari 2020", datetime.date(2020, 2, 5)),
        ("12 Nopember 2019", datetime.date(2019, 11, 12)),
        ("17 Agt 2021", datetime.date(2021, 8, 17)),
        ("17 Agustus 2021", datetime.date(2021, 8, 17)),
        ("1 Sept. 2022", datetime.date(2022, 9, 1)),
        ("Senin, 05 Februari 2024", datetime.date(2024, 2, 5)),
        ("2020-02-05", datetime.date(2020, 2, 5)),
        ("05/02/20", datetime.date(2020, 2, 5)),
        ("  05   FEBRUARI 2020 ", datetime.date(2020, 2, 5)),
        ("", None),
        ("-", None),
    ],
)
def test_indonesian_dates_in_the_common_forms(text, expected):
    assert values.parse_tanggal(text) == expected


@pytest.mark.parametrize("text", ["31 Februari 2020", "Februari 2020", "besok", "05 Fbr 2020", "13/13/2020", "2020"])
def test_unreadable_dates_are_refused_with_the_text(text):
    with pytest.raises(values.UnreadableDate) as caught:
        values.parse_tanggal(text)
    assert str(caught.value) == " ".join(text.split())


@pytest.mark.parametrize(
    ("text", "default", "nilai", "satuan"),
    [
        ("15", "menit", "15", "menit"),
        ("15", "jam", "15", "jam"),
        ("20 Menit", "menit", "20", "menit"),
        ("2 Menit", "menit", "2", "menit"),
        ("1 jam", "menit", "1", "jam"),
        ("2 hari", "menit", "2", "hari"),
        ("120 hari", "menit", "120", "hari"),
        ("1 minggu", "menit", "1", "minggu"),
        ("1,5 jam", "menit", "1.5", "jam"),
        ("3 bulan", "menit", "3", "bulan"),
        ("2 hari kerja", "menit", "2", "hari"),
        ("15 mnt", "menit", "15", "menit"),
    ],
)
def test_waktu_becomes_a_number_and_a_unit(text, default, nilai, satuan):
    waktu = values.parse_waktu(text, default)
    assert (waktu.nilai, waktu.satuan, waktu.teks) == (Decimal(nilai), satuan, "")


@pytest.mark.parametrize("text", ["1-2 hari", "sesuai jadwal", "0", "2 x 24 jam", "15 detik", "1.000.000 menit"])
def test_waktu_not_understood_is_kept_as_written(text):
    waktu = values.parse_waktu(text, "menit")
    assert waktu.nilai is None
    assert waktu.teks == text
    assert not waktu.understood


def test_the_unit_of_the_waktu_header():
    assert values.satuan_of_header("Waktu (menit)") == "menit"
    assert values.satuan_of_header("Waktu (Jam)") == "jam"
    assert values.satuan_of_header("Waktu") == "menit"


def test_inline_numbered_lists_split_at_their_numbers_only():
    line = "1. PP No. 79 Tahun 2005 tentang A 2. Perda No. 37 Tahun 2016 tentang B 3. Perbup No. 31 Tahun 2017"
    assert values.split_items([line]) == [
        "PP No. 79 Tahun 2005 tentang A",
        "Perda No. 37 Tahun 2016 tentang B",
        "Perbup No. 31 Tahun 2017",
    ]


def test_one_item_per_line_and_unnumbered_sentences():
    assert values.split_items(["1. ATK;", "2. Komputer;", "", "3. Printer;"]) == ["ATK;", "Komputer;", "Printer;"]
    assert values.split_items(["Apabila data terlambat maka laporan terhambat."]) == [
        "Apabila data terlambat maka laporan terhambat."
    ]
    assert values.split_items(["- Komputer", "• Printer"]) == ["Komputer", "Printer"]


def test_the_closing_sentence_glued_to_the_last_item_is_its_own_item():
    line = "1. Kepala OPD : paraf 2. Kasubag : Lembar disposisi,paraf Setiap tahap terdokumentasi dengan baik"
    assert values.split_items([line]) == [
        "Kepala OPD : paraf",
        "Kasubag : Lembar disposisi,paraf",
        "Setiap tahap terdokumentasi dengan baik",
    ]


def test_markup_of_the_export_is_removed():
    assert values.clean('<ol style="x"> <li>1. A &amp; B</li> <li>2. C</li> </ol>') == "1. A & B\n2. C"
    assert values.clean("<b>PEMERINTAH KABUPATEN X</b> <b>DINAS Y</b>") == "PEMERINTAH KABUPATEN X\nDINAS Y"
    assert values.clean("**PEMERINTAH**") == "PEMERINTAH"
    assert values.clean("## LEMBAR KERJA") == "LEMBAR KERJA"
    assert values.clean("a < b > c") == "a < b > c"


@pytest.mark.parametrize(
    ("lines", "jabatan", "nama", "pangkat", "nip"),
    [
        (
            ["MOH. RAMLI TONGKO, S.Sos, ST., M.Si PEMBINA UTAMA MUDA, IV/c NIP. 19690815 199803 1 008"],
            "",
            "MOH. RAMLI TONGKO, S.Sos, ST., M.Si",
            "PEMBINA UTAMA MUDA, IV/c",
            "196908151998031008",
        ),
        (
            ["Ir. WIDARSO, M.M Pembina Utama Muda 19620728 198901 1 001"],
            "",
            "Ir. WIDARSO, M.M",
            "Pembina Utama Muda",
            "196207281989011001",
        ),
        (
            ["Sekretaris DPRD", "Kabupaten Balangan,", "H. Hamrin, S.Ag. SE. M. AP", "Pembina Tk. I",
             "NIP. 19731224 199403 1 007"],
            "Sekretaris DPRD Kabupaten Balangan,",
            "H. Hamrin, S.Ag. SE. M. AP",
            "Pembina Tk. I",
            "197312241994031007",
        ),
        (["Kepala BAPPEDALITBANG Kabupaten balangan"], "Kepala BAPPEDALITBANG Kabupaten balangan", "", "", ""),
        (["Budi Santoso, S.E."], "", "Budi Santoso, S.E.", "", ""),
        (["Kepala Dinas", "Budi", "Penata Tingkat I (III/d)", "NIP: 19800101-200501-1-001"], "Kepala Dinas", "Budi",
         "Penata Tingkat I (III/d)", "198001012005011001"),
    ],
)  # fmt: skip
def test_the_signature_block_however_it_is_split(lines, jabatan, nama, pangkat, nip):
    signer = values.parse_signer(lines)
    assert (signer.jabatan, signer.nama, signer.pangkat, signer.nip) == (jabatan, nama, pangkat, nip)


@pytest.mark.parametrize(("cell", "mark"), [("", ""), (" ", ""), ("-", ""), ("√", "√"), ("v", "v"), ("X", "X"),
                                            ("Ya", "Ya"), ("tidak", "tidak"), ("✓", "✓")])  # fmt: skip
def test_what_counts_as_a_mark_in_a_pelaksana_column(cell, mark):
    assert values.mark_of(cell) == mark
