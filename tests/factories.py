"""factory_boy factories for the organisation and SOP models."""

import factory
from factory.django import DjangoModelFactory

from sakip.models import Keanggotaan, Opd, Pegawai, Pemda, User
from sop.models import Langkah, Pelaksana, Sop, SopItem


class PemdaFactory(DjangoModelFactory):
    class Meta:
        model = Pemda

    nama = factory.Sequence(lambda n: f"Kabupaten Contoh {n}")
    jenis = Pemda.Jenis.KABUPATEN
    zona_waktu = Pemda.ZonaWaktu.WITA


class OpdFactory(DjangoModelFactory):
    class Meta:
        model = Opd

    pemda = factory.SubFactory(PemdaFactory)
    nama = factory.Sequence(lambda n: f"Badan Perencanaan Contoh {n}")
    singkatan = factory.Sequence(lambda n: f"Bappeda {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    first_name = factory.Sequence(lambda n: f"Pengguna {n}")
    password = factory.PostGenerationMethodCall("set_password", "rahasia123")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """UserFactory(roles=[(opd, "penyusun"), …])."""
        self.save()
        for opd, peran in extracted or []:
            Keanggotaan.objects.create(user=self, opd=opd, peran=peran)


class PegawaiFactory(DjangoModelFactory):
    class Meta:
        model = Pegawai

    opd = factory.SubFactory(OpdFactory)
    nama = factory.Sequence(lambda n: f"Pegawai {n}, S.E.")
    nip = factory.Sequence(lambda n: f"19800101200501{1 + n % 2}{(n % 998) + 1:03d}")
    golongan = "IV/a"
    jabatan = "Kepala Badan"


class SopFactory(DjangoModelFactory):
    class Meta:
        model = Sop

    opd = factory.SubFactory(OpdFactory)
    nomor = factory.Sequence(lambda n: f"100/{n:03d}/SOP")
    judul = factory.Sequence(lambda n: f"SOP Contoh {n}")


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
