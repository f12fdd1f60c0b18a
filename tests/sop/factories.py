"""factory_boy factories of SOP documents, and `build_sop` for an SOP with rows."""

import datetime

import factory
from factory.django import DjangoModelFactory

from sop.models import Langkah, Pelaksana, Sop, SopItem
from tests.sakip.factories import KepalaPegawaiFactory, OpdFactory


class SopFactory(DjangoModelFactory):
    class Meta:
        model = Sop

    opd = factory.SubFactory(OpdFactory)
    nomor = factory.Sequence(lambda n: f"100/{n:03d}/SOP")
    judul = factory.Sequence(lambda n: f"SOP Contoh {n}")
    tanggal_pembuatan = datetime.date(2026, 1, 5)
    # Complete enough to be submitted and approved: a pengesah (sop.submission), the OPD's Kepala (sakip.pengesah).
    pengesah = factory.SubFactory(KepalaPegawaiFactory, opd=factory.SelfAttribute("..opd"))


class PelaksanaFactory(DjangoModelFactory):
    class Meta:
        model = Pelaksana

    sop = factory.SubFactory(SopFactory)
    urutan = factory.Sequence(lambda n: n + 1)
    nama = factory.Sequence(lambda n: f"Pelaksana {n}")


class LangkahFactory(DjangoModelFactory):
    class Meta:
        model = Langkah

    sop = factory.SubFactory(SopFactory)
    urutan = factory.Sequence(lambda n: n + 1)
    uraian = factory.Sequence(lambda n: f"Uraian kegiatan {n}")
    kelengkapan = "Lembar disposisi"
    waktu_nilai = 15
    output = "Disposisi"


class SopItemFactory(DjangoModelFactory):
    class Meta:
        model = SopItem

    sop = factory.SubFactory(SopFactory)
    jenis = SopItem.Jenis.DASAR_HUKUM
    urutan = factory.Sequence(lambda n: n + 1)
    teks = factory.Sequence(lambda n: f"Peraturan Nomor {n}")


def build_sop(*, opd=None, steps=5, columns=2, status=Sop.Status.DRAFT, **kwargs) -> Sop:
    """An SOP with `columns` pelaksana and `steps` langkah spread over them, plus one item of each list."""
    sop = SopFactory(opd=opd or OpdFactory(), status=status, **kwargs)
    pelaksana = [PelaksanaFactory(sop=sop, urutan=i + 1, nama=f"Kolom {i + 1}") for i in range(columns)]
    for i in range(steps):
        LangkahFactory(sop=sop, urutan=i + 1, pelaksana=pelaksana[i % columns] if pelaksana else None)
    for i, jenis in enumerate(SopItem.Jenis.values):
        SopItemFactory(sop=sop, jenis=jenis, urutan=1, teks=f"Butir {i + 1}")
    return sop
