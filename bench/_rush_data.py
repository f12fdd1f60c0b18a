"""The data of the end-of-triwulan rush (bench/load_rush.py), written through the application's own services.

On top of the demo (setup_demo: its Pemda, local CA and seed SOPs) it adds `opds` OPDs of one Pemda, each with a
Kepala holding a signing certificate, a Kepala Bidang per bidang and `staff` staff per bidang. Every OPD gets:
- one relay SOP per staff member (two pelaksana roles, the member's and the next one's; a penomoran step) and a run
  of it for every period of three years, all at step 1: the tasks the staff complete;
- indikator with PK targets for each bidang: the Form Pengukuran Kinerja the staff fill and submit and the Kabid
  validates (and unlocks again, so the cycle goes on);
- `waiting` SOPs without a nomor submitted to the Kepala: signing takes their numbers from the OPD's register.
Returns the plan the virtual users follow: who logs in as what, and where their work is.
"""

import datetime
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from sakip.kinerja.models import Indikator, PerjanjianKinerja, SasaranStrategis, Target
from sakip.models import Keanggotaan, Opd, Pegawai, Pemda, UnitKerja, User
from sop import transitions as sop_transitions
from sop.content import ItemInput, LangkahInput, PelaksanaInput, SopContent
from sop.models import SopItem
from sop.services import sop_create
from workflow import actions
from workflow import transitions as run_transitions
from workflow.models import RoleHolder, Run
from workflow.signing import ca

PASSWORD = "rush12345"
PASSPHRASE = "ttd-demo-2026"  # setup_demo's passphrase of the Kepala certificates
INDIKATOR = 3  # per bidang: the rows of its form
STEPS = 12  # per relay SOP; step 3 is the penomoran (nomor surat) step
YEAR = 2026
TRIWULAN = [Run.Periode.TW1, Run.Periode.TW2, Run.Periode.TW3, Run.Periode.TW4]
Peran = Keanggotaan.Peran


def _nip(k: int) -> str:
    """A well-formed NIP no demo pegawai has: born 1980 + k days, appointed 2005-01, woman, number k."""
    born = datetime.date(1980, 1, 1) + datetime.timedelta(days=k)
    return f"{born:%Y%m%d}200501" + f"2{k % 999 + 1:03d}"


class Builder:
    def __init__(self, *, opds: int, bidang: int, staff: int, waiting: int):
        self.opd_count, self.bidang_count, self.staff_count, self.waiting = opds, bidang, staff, waiting
        self.password = make_password(PASSWORD)
        self.pemda = Pemda.objects.order_by("pk").first()
        self.people = 0
        self.plan: dict = {"password": PASSWORD, "passphrase": PASSPHRASE, "tahun": YEAR, "users": []}

    def person(self, opd: Opd, peran: str, nama: str, jabatan: str, unit_kerja: UnitKerja | None, **plan) -> User:
        self.people += 1
        user = User.objects.create(username=f"rush.{opd.pk}.{self.people}", password=self.password, first_name=nama)
        Keanggotaan.objects.create(user=user, opd=opd, peran=peran)
        pegawai = Pegawai(opd=opd, unit=unit_kerja, nama=nama, jabatan=jabatan, nip=_nip(self.people), user=user)
        pegawai.full_clean()
        pegawai.save()
        self.plan["users"].append({"username": user.username, "peran": peran, "opd": opd.pk, **plan})
        return user

    def build(self) -> dict:
        for n in range(1, self.opd_count + 1):
            self.office(n)
        return self.plan

    def office(self, n: int) -> None:
        opd = Opd(pemda=self.pemda, nama=f"Dinas Uji Beban {n}", singkatan=f"DUB{n}")
        opd.full_clean()
        opd.save()
        top = UnitKerja.objects.create(opd=opd, nama="Sekretariat", jenis=UnitKerja.Jenis.SEKRETARIAT)
        kepala = self.person(opd, Peran.KEPALA, f"Kepala Uji {n}", f"Kepala Dinas Uji Beban {n}", None)
        ca.issue_certificate(kepala, self.pemda, PASSPHRASE)
        staff: list[User] = []
        units = []
        for b in range(1, self.bidang_count + 1):
            unit = UnitKerja.objects.create(opd=opd, induk=top, nama=f"Bidang {b}", jenis=UnitKerja.Jenis.BIDANG)
            units.append(unit)
            self.person(opd, Peran.VALIDATOR, f"Kabid {n}.{b}", f"Kepala Bidang {b}", unit, unit=unit.pk)
            for s in range(1, self.staff_count + 1):
                staff.append(self.person(opd, Peran.PENYUSUN, f"Staf {n}.{b}.{s}", "Analis", unit, unit=unit.pk))
        self.kinerja(opd, units, kepala)
        roles = [f"Petugas {k + 1}" for k in range(len(staff))]
        for role, user in zip(roles, staff, strict=True):
            RoleHolder.objects.create(opd=opd, pelaksana=role, user=user)
        kepala_pegawai = kepala.pegawai
        for k, user in enumerate(staff):
            pair = [roles[k], roles[(k + 1) % len(roles)]]
            sop = sop_create(opd=opd, content=self.relay_content(opd, k, pair, kepala_pegawai), created_by=user)
            sop_transitions.sop_submit(sop=sop, actor=user)
            sop = sop_transitions.sop_approve(sop=sop, actor=kepala)
            for year in actions.period_years(opd, timezone.localdate())[-2:]:  # this year and the next
                for periode in TRIWULAN:
                    run_transitions.run_start(sop=sop, tahun=year, periode=periode, actor=user)
        for w in range(self.waiting):
            author = staff[w % len(staff)]
            content = self.relay_content(opd, 100 + w, roles[:2], kepala_pegawai, nomor="")
            sop = sop_create(opd=opd, content=content, created_by=author)
            sop_transitions.sop_submit(sop=sop, actor=author)

    def relay_content(self, opd: Opd, k: int, pair: list[str], pengesah: Pegawai, nomor: str | None = None):
        """A short SOP whose steps alternate between two roles; step 3 gives the surat pengantar its number."""
        steps = [
            LangkahInput(
                uraian=f"Menghimpun isian triwulan bagian {i}" if i != 3 else "Penomoran surat pengantar",
                pelaksana_kunci=f"c{(i - 1) % 2}",
                simbol="terminator" if i in (1, STEPS) else "proses",
                kelengkapan="Form isian",
                waktu_nilai=Decimal(15),
                output="Isian lengkap",
                aksi="penomoran" if i == 3 else "biasa",
            )
            for i in range(1, STEPS + 1)
        ]
        identity = {
            "nomor": f"RUSH/{opd.pk}/{k + 1:03d}" if nomor is None else nomor,
            "judul": f"Pengumpulan Isian Triwulan {k + 1} {opd.singkatan}",
            "tanggal_pembuatan": datetime.date(YEAR, 1, 5),
            "tanggal_revisi": None,
            "tanggal_efektif": None,
            "pengesah": pengesah,
            "jenis_kegiatan": "",
            "pj_produk": "",
            "pj_kegiatan": "",
            "ruang_lingkup": "",
        }
        return SopContent(
            identity=identity,
            pelaksana=[PelaksanaInput(kunci=f"c{j}", nama=name) for j, name in enumerate(pair)],
            langkah=steps,
            items={SopItem.Jenis.DASAR_HUKUM: [ItemInput(teks="Peraturan Presiden Nomor 29 Tahun 2014 tentang SAKIP")]},
        )

    def kinerja(self, opd: Opd, units: list[UnitKerja], kepala: User) -> None:
        pk = PerjanjianKinerja.objects.create(opd=opd, tahun=YEAR, versi=1, berlaku_mulai=1, dibuat_oleh=kepala)
        sasaran = SasaranStrategis.objects.create(opd=opd, tahun=YEAR, urutan=1, nama="Meningkatnya kinerja layanan")
        number = 0
        for unit in units:
            for i in range(1, INDIKATOR + 1):
                number += 1
                indikator = Indikator(sasaran=sasaran, urutan=number, nama=f"Persentase layanan {unit} {i}",
                                      satuan="%", unit=unit)  # fmt: skip
                indikator.full_clean()
                indikator.save()
                Target.objects.create(pk_versi=pk, indikator=indikator, tahunan=Decimal(100),
                                      tw1=Decimal(25), tw2=Decimal(50), tw3=Decimal(75), tw4=Decimal(100))  # fmt: skip
