from decimal import Decimal

from sop.content import LangkahInput, PelaksanaInput
from sop.structure import check_structure

COLUMNS = [PelaksanaInput(kunci="a", nama="Kepala"), PelaksanaInput(kunci="b", nama="Staf")]


def step(**kwargs) -> LangkahInput:
    return LangkahInput(**{"uraian": "Kegiatan", "pelaksana_kunci": "a", **kwargs})


def test_valid_structure_has_no_errors():
    errors = check_structure(COLUMNS, [step(), step(simbol="keputusan", ya_ke=3, tidak_ke=1), step()])

    assert not errors
    assert errors.messages() == []


def test_each_message_names_the_field_it_belongs_to():
    errors = check_structure(COLUMNS, [step(waktu_nilai=Decimal("-1"), simbol="keputusan", ya_ke=1)])

    assert [name for name, _message in errors.langkah[0].by_field()] == ["waktu_nilai", "ya_ke", "tidak_ke"]


def test_each_rule_names_the_step_and_what_to_fix():
    errors = check_structure(
        COLUMNS,
        [
            step(uraian="  "),
            step(waktu_nilai=Decimal("0")),
            step(pelaksana_kunci="hilang"),
            step(simbol="keputusan"),
            step(simbol="keputusan", ya_ke=9, tidak_ke=5),
        ],
    )

    assert errors.langkah[0] == ["Langkah 1: uraian kegiatan belum diisi."]
    assert "Langkah 2: waktu harus lebih dari 0" in errors.langkah[1][0]
    assert "Langkah 3: pelaksananya tidak ada dalam daftar pelaksana" in errors.langkah[2][0]
    assert errors.langkah[3] == [
        "Langkah 4 adalah keputusan: isi nomor langkah tujuan jika Ya.",
        "Langkah 4 adalah keputusan: isi nomor langkah tujuan jika Tidak.",
    ]
    assert errors.langkah[4] == [
        "Langkah 5: tujuan jika Ya (langkah 9) tidak ada; SOP ini punya langkah 1–5.",
        "Langkah 5: tujuan jika Tidak tidak boleh langkah itu sendiri.",
    ]


def test_duplicate_and_empty_pelaksana_are_refused():
    errors = check_structure(
        [PelaksanaInput(kunci="a", nama="Kepala"), PelaksanaInput(kunci="b", nama=" kepala "), PelaksanaInput("c", "")],
        [],
    )

    assert "sudah ada di kolom 1" in errors.pelaksana[1][0]
    assert errors.pelaksana[2] == ["Pelaksana kolom 3: nama belum diisi."]


def test_step_without_pelaksana_is_allowed_in_a_draft():
    assert not check_structure(COLUMNS, [step(pelaksana_kunci="")])
