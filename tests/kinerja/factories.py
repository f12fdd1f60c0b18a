"""factory_boy factories of the performance data: sasaran, indikator, PK versions, targets, realisasi."""

import factory
from factory.django import DjangoModelFactory

from sakip.kinerja.models import Indikator, PerjanjianKinerja, Realisasi, SasaranStrategis, Target
from sakip.models import UnitKerja
from tests.sakip.factories import OpdFactory


class UnitKerjaFactory(DjangoModelFactory):
    class Meta:
        model = UnitKerja

    opd = factory.SubFactory(OpdFactory)
    nama = factory.Sequence(lambda n: f"Bidang Contoh {n}")
    jenis = UnitKerja.Jenis.BIDANG


class SasaranFactory(DjangoModelFactory):
    class Meta:
        model = SasaranStrategis

    opd = factory.SubFactory(OpdFactory)
    tahun = 2026
    urutan = factory.Sequence(lambda n: n + 1)
    nama = factory.Sequence(lambda n: f"Meningkatnya kualitas perencanaan {n}")


class IndikatorFactory(DjangoModelFactory):
    class Meta:
        model = Indikator

    sasaran = factory.SubFactory(SasaranFactory)
    urutan = factory.Sequence(lambda n: n + 1)
    nama = factory.Sequence(lambda n: f"Persentase dokumen perencanaan tepat waktu {n}")
    satuan = "%"
    unit = factory.SubFactory(UnitKerjaFactory, opd=factory.SelfAttribute("..sasaran.opd"))


class PkFactory(DjangoModelFactory):
    class Meta:
        model = PerjanjianKinerja

    opd = factory.SubFactory(OpdFactory)
    tahun = 2026
    versi = 1
    berlaku_mulai = 1


class TargetFactory(DjangoModelFactory):
    class Meta:
        model = Target

    pk_versi = factory.SubFactory(PkFactory)
    indikator = factory.SubFactory(IndikatorFactory)


class RealisasiFactory(DjangoModelFactory):
    class Meta:
        model = Realisasi

    indikator = factory.SubFactory(IndikatorFactory)
    triwulan = 1
