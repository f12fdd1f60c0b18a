"""The figures of a year read from the database: PK Perubahan, text targets, roll-ups, fixed query count."""

from decimal import Decimal as D

import pytest

from sakip.kinerja.models import PengaturanKinerja, SkalaNilai
from sakip.kinerja.report import laporan, ringkasan_laporan
from tests.kinerja.factories import (
    IndikatorFactory,
    PkFactory,
    RealisasiFactory,
    SasaranFactory,
    TargetFactory,
    UnitKerjaFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(opd):
    unit = UnitKerjaFactory(opd=opd)
    sasaran = SasaranFactory(opd=opd)
    pk = PkFactory(opd=opd)
    return unit, sasaran, pk


def test_pk_perubahan_keeps_earlier_triwulan_on_their_targets(opd, setup):
    unit, sasaran, pk = setup
    ind = IndikatorFactory(sasaran=sasaran, unit=unit, cara_perhitungan="kumulatif")
    TargetFactory(pk_versi=pk, indikator=ind, tahunan=D(100), tw1=D(25), tw2=D(25), tw3=D(25), tw4=D(25))
    for n, value in enumerate((D(20), D(25), D(30)), start=1):
        RealisasiFactory(indikator=ind, triwulan=n, nilai=value)
    before = laporan(opd, 2026, "tw1").baris[0]
    changed = PkFactory(opd=opd, versi=2, berlaku_mulai=3)
    TargetFactory(pk_versi=changed, indikator=ind, tahunan=D(120), tw1=D(30), tw2=D(30), tw3=D(30), tw4=D(30))
    after = laporan(opd, 2026, "tahunan")
    row = after.baris[0]
    assert row.sel[1].target == D(25) and row.sel[1].capaian.nilai == before.capaian.nilai == D("80.00")
    assert row.sel[2].versi == "Perjanjian Kinerja"
    assert row.sel[3].target == D(30) and row.sel[3].versi == "PK Perubahan 1"
    assert row.sel[3].capaian.nilai == D("100.00")
    assert row.target == D(120)  # the annual target of the version in force at the end of the period
    assert row.realisasi == D(75)
    assert row.capaian.nilai == D("62.50") and row.predikat.nama == "Rendah"
    assert row.catatan_gabungan == ["TW IV belum dilaporkan"]
    assert any("PK Perubahan 1 sejak TW III" in note for note in after.rumus)


def test_text_target_through_the_satuan_scale(opd, setup):
    unit, sasaran, pk = setup
    ind = IndikatorFactory(sasaran=sasaran, unit=unit, satuan="Opini BPK", cara_perhitungan="nilai_akhir")
    TargetFactory(pk_versi=pk, indikator=ind, teks="WTP")
    RealisasiFactory(indikator=ind, triwulan=4, teks="WDP")
    row = laporan(opd, 2026, "tahunan").baris[0]
    assert row.capaian.nilai is None and "“WDP” berupa teks" in row.capaian.alasan
    assert "belum punya skala nilai" in row.capaian.alasan
    SkalaNilai.objects.create(pemda=opd.pemda, satuan="opini bpk", teks="wtp", nilai=D(4))
    SkalaNilai.objects.create(pemda=opd.pemda, satuan="Opini BPK", teks="WDP", nilai=D(3))
    row = laporan(opd, 2026, "tahunan").baris[0]
    assert (row.target, row.realisasi, row.capaian.nilai) == (D(4), D(3), D("75.00"))
    assert row.sel[4].target_tampil == "WTP" and row.sel[4].realisasi_tampil == "WDP"


def test_pemda_cap_and_thresholds_apply(opd, setup):
    unit, sasaran, pk = setup
    ind = IndikatorFactory(sasaran=sasaran, unit=unit, polaritas="negatif", cara_perhitungan="nilai_akhir")
    TargetFactory(pk_versi=pk, indikator=ind, tahunan=D(10), tw1=D(10))
    RealisasiFactory(indikator=ind, triwulan=1, nilai=D(5))
    assert laporan(opd, 2026, "tw1").baris[0].capaian.nilai == D("150.00")
    PengaturanKinerja.objects.create(pemda=opd.pemda, batas_atas=120)
    report = laporan(opd, 2026, "tw1")
    assert report.baris[0].capaian.nilai == D("120.00") and report.baris[0].capaian.dibatasi
    assert "dibatasi paling tinggi 120%" in report.rumus[-1]


def test_serapan_over_the_period(opd, setup):
    unit, sasaran, pk = setup
    ind = IndikatorFactory(sasaran=sasaran, unit=unit, pagu_anggaran=D(1000000))
    TargetFactory(pk_versi=pk, indikator=ind, tahunan=D(4), tw1=D(1), tw2=D(1))
    RealisasiFactory(indikator=ind, triwulan=1, nilai=D(1), realisasi_anggaran=D(200000))
    RealisasiFactory(indikator=ind, triwulan=2, nilai=D(1), realisasi_anggaran=D(250000))
    row = laporan(opd, 2026, "s1").baris[0]
    assert (row.capaian.nilai, row.serapan, row.efisiensi) == (D("100.00"), D("45.00"), D("55.00"))


def test_report_reads_a_fixed_number_of_queries(opd, setup, django_assert_num_queries):
    unit, sasaran, pk = setup

    def add(n):
        for _ in range(n):
            ind = IndikatorFactory(sasaran=sasaran, unit=unit)
            TargetFactory(pk_versi=pk, indikator=ind, tahunan=D(100), tw1=D(25))
            RealisasiFactory(indikator=ind, triwulan=1, nilai=D(20))

    add(2)
    with django_assert_num_queries(8):
        assert len(laporan(opd, 2026, "tw1").baris) == 2
    add(10)
    with django_assert_num_queries(8):
        assert len(laporan(opd, 2026, "tw1").baris) == 12


def _figures(report) -> list[tuple]:
    return [
        (row.no, row.indikator.pk, row.target, row.realisasi, row.capaian.nilai, row.capaian.aturan,
         row.predikat.nama if row.predikat else None, [(c.target, c.realisasi, c.capaian.nilai, c.versi)
                                                       for c in row.sel.values()])
        for row in report.baris
    ]  # fmt: skip


def test_the_beranda_summaries_of_several_opds_are_the_reports_of_each(opd, other_opd, setup):
    """ringkasan_laporan reads several OPDs at once (the Beranda's card): each must be that OPD's own report, with its
    own Pemda's cap and text scale, its PK Perubahan and its period."""
    unit, sasaran, pk = setup
    kumulatif = IndikatorFactory(sasaran=sasaran, unit=unit, cara_perhitungan="kumulatif")
    opini = IndikatorFactory(sasaran=sasaran, unit=unit, satuan="Opini BPK", cara_perhitungan="nilai_akhir")
    TargetFactory(pk_versi=pk, indikator=kumulatif, tahunan=D(100), tw1=D(25), tw2=D(25), tw3=D(25), tw4=D(25))
    TargetFactory(pk_versi=pk, indikator=opini, tahunan=None, teks="WTP")
    changed = PkFactory(opd=opd, versi=2, berlaku_mulai=2)
    TargetFactory(pk_versi=changed, indikator=kumulatif, tahunan=D(80), tw1=D(20), tw2=D(20), tw3=D(20), tw4=D(20))
    RealisasiFactory(indikator=kumulatif, triwulan=1, nilai=D(40))
    RealisasiFactory(indikator=kumulatif, triwulan=2, nilai=D(10))
    RealisasiFactory(indikator=opini, triwulan=2, nilai=None, teks="WDP")
    SkalaNilai.objects.create(pemda=opd.pemda, satuan="Opini BPK", teks="WTP", nilai=D(4))
    SkalaNilai.objects.create(pemda=opd.pemda, satuan="Opini BPK", teks="WDP", nilai=D(3))
    PengaturanKinerja.objects.create(pemda=opd.pemda, batas_atas=120)
    elsewhere = SasaranFactory(opd=other_opd)  # another Pemda: no cap, no scale
    negatif = IndikatorFactory(sasaran=elsewhere, unit=UnitKerjaFactory(opd=other_opd), polaritas="negatif")
    TargetFactory(pk_versi=PkFactory(opd=other_opd), indikator=negatif, tahunan=D(10), tw1=D(10))
    RealisasiFactory(indikator=negatif, triwulan=1, nilai=D(4))
    assert other_opd.pemda_id != opd.pemda_id

    periods = {opd.pk: "tw2", other_opd.pk: "tw1"}
    together = ringkasan_laporan([opd, other_opd], 2026, periods)

    alone = [laporan(opd, 2026, "tw2"), laporan(other_opd, 2026, "tw1")]
    assert [_figures(r) for r in together] == [_figures(r) for r in alone]
    assert [r.ringkasan() for r in together] == [r.ringkasan() for r in alone]
    assert [r.periode_tampil for r in together] == ["Triwulan II 2026", "Triwulan I 2026"]
    assert _figures(together[0])[0][4] == D("50.00")  # TW II alone: 10 of the Perubahan's 20 (the murni's 25: 40)
