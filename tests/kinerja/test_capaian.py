"""Capaian, roll-ups and predikat, parametrised from the rule tables themselves."""

from decimal import Decimal as D

import pytest

from sakip.kinerja import capaian as rules
from sakip.kinerja.capaian import Pengaturan, Triwulan, Ukur

# (target, realisasi, polaritas, cap, expected capaian, expected rule)
CASES = [
    (D(100), D(80), "positif", None, D("80.00"), "positif"),
    (D(100), D(150), "positif", None, D("150.00"), "positif"),
    (D(3), D(1), "positif", None, D("33.33"), "positif"),
    (D(2), D(1), "positif", None, D("50.00"), "positif"),
    (D(100), D(150), "positif", 120, D("120.00"), "positif"),
    (D(100), D(150), "positif", 100, D("100.00"), "positif"),
    (D(100), D(250), "positif", 200, D("200.00"), "positif"),
    (D(100), D(140), "positif", 150, D("140.00"), "positif"),
    (D(10), D(8), "negatif", None, D("120.00"), "negatif"),
    (D(10), D(12), "negatif", None, D("80.00"), "negatif"),
    (D(10), D(25), "negatif", None, D("0.00"), "negatif"),  # floored at 0, never negative
    (D(10), D(0), "negatif", None, D("200.00"), "negatif"),
    (D(10), D(0), "negatif", 100, D("100.00"), "negatif"),
    (D("12.5"), D("11.25"), "negatif", None, D("110.00"), "negatif"),
]


@pytest.mark.parametrize(("target", "realisasi", "polaritas", "cap", "expected", "rule"), CASES)
def test_capaian_by_polarity_and_cap(target, realisasi, polaritas, cap, expected, rule):
    result = rules.capaian(Ukur(target, realisasi, polaritas), Pengaturan(batas_atas=cap))
    assert (result.nilai, result.aturan) == (expected, rule)
    assert result.dibatasi == (cap is not None and expected == cap and rule in ("positif", "negatif"))


def test_every_computing_rule_has_a_case_and_every_cap_is_tried():
    computing = {r.kode for r in rules.RULES if r.hitung is not None}
    assert computing == {case[5] for case in CASES}
    assert set(rules.CAPS) == {case[3] for case in CASES}


NO_NUMBER = [
    (Ukur(D(100), None), "tanpa_realisasi", "Realisasi belum diisi"),
    (Ukur(D(0), D(5)), "target_nol", "Target 0"),
    (Ukur(D(0), D(5), "negatif"), "target_nol", "pembagian dengan nol"),
    (Ukur(None, D(5)), "tanpa_target", "Target belum ditetapkan"),
    (Ukur(D(-1), D(5)), "target_negatif", "negatif"),
    (Ukur(None, D(4), target_teks="WTP", satuan="Opini"), "target_teks_tanpa_skala", "“WTP” berupa teks"),
    (Ukur(D(4), None, realisasi_teks="WDP", satuan="Opini"), "realisasi_teks_tanpa_skala", "satuan “Opini”"),
]


@pytest.mark.parametrize(("measured", "rule", "words"), NO_NUMBER)
def test_no_number_says_why(measured, rule, words):
    result = rules.capaian(measured)
    assert result.nilai is None
    assert result.aturan == rule
    assert words in result.alasan


def test_every_rule_without_a_number_has_a_case():
    assert {r.kode for r in rules.RULES if r.hitung is None} == {case[1] for case in NO_NUMBER}


def test_unknown_polarity_is_an_error():
    with pytest.raises(ValueError):
        rules.capaian(Ukur(D(1), D(1), "entah"))


PREDIKAT = [
    (D("90.01"), "Sangat Tinggi"),
    (D("90.00"), "Tinggi"),
    (D("75.01"), "Tinggi"),
    (D("75.00"), "Sedang"),
    (D("65.00"), "Rendah"),
    (D("50.01"), "Rendah"),
    (D("50.00"), "Sangat Rendah"),
    (D("0.00"), "Sangat Rendah"),
    (D("180.00"), "Sangat Tinggi"),
]


@pytest.mark.parametrize(("nilai", "nama"), PREDIKAT)
def test_predikat_permendagri_86(nilai, nama):
    assert rules.predikat(nilai).nama == nama


def test_predikat_follows_the_pemda_thresholds():
    strict = Pengaturan(
        predikat=(
            rules.Predikat("Sangat Tinggi", D(95), "#0a0"),
            rules.Predikat("Tinggi", D(85), "#0b0"),
            rules.Predikat("Sedang", D(70), "#ff0"),
            rules.Predikat("Rendah", D(55), "#f80"),
            rules.Predikat("Sangat Rendah", None, "#f00"),
        )
    )
    assert rules.predikat(D(91), strict).nama == "Tinggi"
    assert rules.predikat(D(91)).nama == "Sangat Tinggi"
    assert rules.predikat(None) is None
    assert "> 95 Sangat Tinggi" in strict.uraian()


def rows(*pairs):
    return [Triwulan(n, t, r) for n, (t, r) in enumerate(pairs, start=1)]


# (cara, triwulan rows, annual target, full year, expected target, expected realisasi)
ROLLUP_CASES = [
    ("kumulatif", rows((D(25), D(20)), (D(25), D(30)), (D(25), D(25)), (D(25), D(30))), D(100), True, D(100), D(105)),
    ("kumulatif", rows((D(25), D(20)), (D(25), D(30))), D(100), False, D(50), D(50)),
    ("kumulatif", rows((D(25), D(20)), (D(25), None)), D(100), False, D(50), D(20)),
    ("nilai_akhir", rows((D(70), D(68)), (D(72), D(71)), (D(74), None), (D(75), None)), D(75), True, D(72), D(71)),
    ("nilai_akhir", rows((D(70), D(68)), (D(72), D(71)), (D(74), D(73)), (D(75), D(76))), D(80), True, D(80), D(76)),
    (
        "nilai_akhir",
        rows(
            (None, D(5)),
        ),
        D(8),
        False,
        D(8),
        D(5),
    ),
    ("rata_rata", rows((D(80), D(70)), (D(90), D(100))), D(85), False, D(85), D(85)),
    ("rata_rata", rows((None, D(60)), (None, D(80))), D(100), False, D(100), D(70)),
]


@pytest.mark.parametrize(("cara", "period", "annual", "full", "target", "realisasi"), ROLLUP_CASES)
def test_rollup(cara, period, annual, full, target, realisasi):
    result = rules.gabung(cara, period, annual, full_year=full)
    assert (result.target, result.realisasi) == (target, realisasi)
    assert result.teks


def test_every_rollup_has_a_case():
    assert set(rules.ROLLUPS) == {case[0] for case in ROLLUP_CASES}


def test_rollup_names_the_triwulan_not_reported_and_none_without_any():
    partial = rules.gabung("kumulatif", rows((D(25), D(20)), (D(25), None)), D(100), full_year=False)
    assert partial.catatan == ["TW II belum dilaporkan"]
    for cara in rules.ROLLUPS:
        empty = rules.gabung(cara, rows((D(25), None), (D(25), None)), D(100), full_year=False)
        assert empty.realisasi is None
        assert rules.capaian(Ukur(empty.target, empty.realisasi)).aturan == "tanpa_realisasi"


def test_periods_semester_up_to_tw_ii_and_year_up_to_tw_iv():
    assert rules.PERIODS["s1"] == (1, 2) and rules.PERIODS["tahunan"] == (1, 2, 3, 4)
    assert rules.PERIODS["tw3"] == (3,)


@pytest.mark.parametrize(
    ("pagu", "spent", "capaian_value", "serapan", "efisiensi"),
    [
        (D(1000000), D(750000), D("90.00"), D("75.00"), D("15.00")),
        (D(1000000), None, D("90.00"), None, None),
        (None, D(5), D("90.00"), None, None),
        (D(0), D(5), D("90.00"), None, None),
        (D(3), D(1), None, D("33.33"), None),
    ],
)
def test_serapan_and_efisiensi(pagu, spent, capaian_value, serapan, efisiensi):
    assert rules.serapan(pagu, spent) == serapan
    assert rules.efisiensi(capaian_value, rules.serapan(pagu, spent)) == efisiensi
