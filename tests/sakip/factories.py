"""factory_boy factories of the organisation: Pemda, OPD, users with their roles, pegawai."""

import factory
from factory.django import DjangoModelFactory

from sakip.models import Keanggotaan, Opd, Pegawai, Pemda, User


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


class KepalaPegawaiFactory(PegawaiFactory):
    """A pegawai whose account holds the Kepala role of their OPD: one who may sign its SOPs (sakip.pengesah)."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def akun_kepala(self, create, extracted, **kwargs):
        if create and self.user_id is None:
            self.user = UserFactory(roles=[(self.opd, Keanggotaan.Peran.KEPALA)])
            self.save(update_fields=["user"])
