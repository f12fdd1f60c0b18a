"""People and a small year of performance data: a Bidang with a Subbidang, its Kabid, its staff, a colleague."""

from decimal import Decimal as D

import pytest

from sakip.models import Keanggotaan, UnitKerja
from tests.kinerja.factories import IndikatorFactory, PkFactory, SasaranFactory, TargetFactory, UnitKerjaFactory
from tests.sakip.factories import PegawaiFactory, UserFactory

Peran = Keanggotaan.Peran
TAHUN = 2026


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def bidang(opd):
    return UnitKerjaFactory(opd=opd, nama="Bidang Perencanaan Umum")


@pytest.fixture
def subbidang(opd, bidang):
    return UnitKerjaFactory(opd=opd, nama="Subbidang Data", induk=bidang, jenis=UnitKerja.Jenis.SEKSI)


@pytest.fixture
def other_bidang(opd):
    return UnitKerjaFactory(opd=opd, nama="Bidang Ekonomi")


def person(opd, username, peran, unit):
    user = UserFactory(username=username, roles=[(opd, peran)])
    PegawaiFactory(opd=opd, user=user, unit=unit, jabatan=username)
    return user


@pytest.fixture
def kabid(opd, bidang):
    """The Kepala Bidang who validates the Bidang's form."""
    return person(opd, "kabid", Peran.VALIDATOR, bidang)


@pytest.fixture
def staf(opd, subbidang):
    """Staff of the Bidang's Subbidang, who fills the form."""
    return person(opd, "staf", Peran.PENYUSUN, subbidang)


@pytest.fixture
def kabid_lain(opd, other_bidang):
    """A colleague: the validator of another Bidang of the same OPD."""
    return person(opd, "kabid_lain", Peran.VALIDATOR, other_bidang)


@pytest.fixture
def year(opd, bidang):
    """Two sasaran, three indikator of the Bidang, with PK targets."""
    pk = PkFactory(opd=opd, tahun=TAHUN)
    first = SasaranFactory(opd=opd, tahun=TAHUN, nama="Meningkatnya kualitas perencanaan pembangunan")
    second = SasaranFactory(opd=opd, tahun=TAHUN, nama="Menurunnya angka kemiskinan")
    rows = [
        IndikatorFactory(sasaran=first, unit=bidang, nama="Dokumen perencanaan tepat waktu", satuan="dokumen"),
        IndikatorFactory(
            sasaran=first, unit=bidang, nama="Indeks kepuasan layanan", satuan="indeks", cara_perhitungan="nilai_akhir"
        ),
        IndikatorFactory(
            sasaran=second,
            unit=bidang,
            nama="Angka kemiskinan",
            satuan="%",
            polaritas="negatif",
            cara_perhitungan="nilai_akhir",
        ),
    ]
    TargetFactory(pk_versi=pk, indikator=rows[0], tahunan=D(8), tw1=D(2), tw2=D(2), tw3=D(2), tw4=D(2))
    TargetFactory(pk_versi=pk, indikator=rows[1], tahunan=D(80), tw1=D(75), tw2=D(76), tw3=D(78), tw4=D(80))
    TargetFactory(pk_versi=pk, indikator=rows[2], tahunan=D("12.5"), tw1=D("13"), tw2=D("12.8"))
    return pk, rows


def add_indikator(opd, unit, pk, n: int):
    sasaran = SasaranFactory(opd=opd, tahun=TAHUN)
    for _ in range(n):
        ind = IndikatorFactory(sasaran=sasaran, unit=unit)
        TargetFactory(pk_versi=pk, indikator=ind, tahunan=D(100), tw1=D(25), tw2=D(25), tw3=D(25), tw4=D(25))
