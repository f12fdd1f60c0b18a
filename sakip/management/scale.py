"""A province-sized dataset built with bulk inserts, for benchmarks and load runs (`generate_scale_data`).

Every row is what the application itself would have written (SOP versions in series, runs with their tasks and log),
only without the history rows and signals: the data is for measuring, not for auditing.
"""

import datetime
import random
import uuid
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from sakip.management.scale_kinerja import KinerjaData
from sakip.management.scale_signed import PASSPHRASE as SIGNING_PASSPHRASE
from sakip.management.scale_signed import approval_time, build_signed
from sakip.models import Keanggotaan, Opd, Pegawai, Pemda, UnitKerja, User
from sop.models import Langkah, Pelaksana, Sop, SopItem
from workflow.models import RoleHolder, Run, RunLog, Task

BATCH = 2000
PASSWORD = "skala12345"
ROLES = ["Kepala", "Sekretaris", "Kepala Bidang", "Kasubbag Umum", "Analis Kinerja", "Staf Pelaksana"]
OPD_KINDS = [
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda"),
    ("Dinas Pendidikan dan Kebudayaan", "Disdikbud"),
    ("Dinas Kesehatan", "Dinkes"),
    ("Dinas Sosial", "Dinsos"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR"),
    ("Badan Keuangan dan Aset Daerah", "BKAD"),
    ("Inspektorat Daerah", "Inspektorat"),
    ("Sekretariat Daerah", "Setda"),
    ("Dinas Komunikasi dan Informatika", "Diskominfo"),
    ("Kecamatan Kota", "Kec. Kota"),
]
VERBS = ["Penyusunan", "Verifikasi", "Pengumpulan", "Evaluasi", "Pelaporan", "Penatausahaan", "Monitoring"]
OBJECTS = ["Perjanjian Kinerja", "Rencana Aksi", "Data Kinerja", "LKjIP", "Surat Masuk", "Anggaran", "Aset"]
PERIODS = list(Run.Periode.values)
UNITS = [
    ("Sekretariat", UnitKerja.Jenis.SEKRETARIAT),
    ("Bidang Perencanaan", UnitKerja.Jenis.BIDANG),
    ("Bidang Program dan Evaluasi", UnitKerja.Jenis.BIDANG),
    ("Bidang Pelayanan", UnitKerja.Jenis.BIDANG),
]
UNIT_OF_USER = [None, 0, 1, 1]  # kepala (no unit), sekretaris (sekretariat), Kabid and staff (the first bidang)


@dataclass
class Office:
    opd: Opd
    users: list[User] = field(default_factory=list)  # kepala, sekretaris, validator, penyusun
    units: list[UnitKerja] = field(default_factory=list)  # UNITS
    sops: list[Sop] = field(default_factory=list)


def _nip(k: int) -> str:
    """A well-formed, unique NIP: born 1970 + k // 999 days, appointed 2000-01, man, number k % 999 + 1."""
    born = datetime.date(1970, 1, 1) + datetime.timedelta(days=k // 999)
    return f"{born:%Y%m%d}200001" + f"1{k % 999 + 1:03d}"


def _angka(n: int) -> str:
    return f"{n:,}".replace(",", ".")


STEP_COLUMNS = [
    "sop_id", "urutan", "uraian", "pelaksana_id", "simbol", "ya_ke", "tidak_ke", "kelengkapan", "waktu_nilai",
    "waktu_satuan", "waktu_teks", "output", "keterangan", "aksi",
]  # fmt: skip
TASK_COLUMNS = [
    "run_id", "langkah_id", "urutan", "putaran", "status", "assignee_id", "dibuka_pada", "jatuh_tempo",
    "waktu_menit", "selesai_pada", "selesai_oleh_id", "catatan", "berkas",
]  # fmt: skip


def _copy(model, columns: list[str], rows: list[tuple]) -> None:
    """Insert plain rows without building model objects: COPY on PostgreSQL, one executemany elsewhere."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _bulk(model, rows: list) -> list:
    return model.objects.bulk_create(rows, batch_size=BATCH)


class ScaleData:
    """Builds `opds` OPDs, `sops` SOPs spread over them and `runs` runs, reproducibly from `seed`."""

    def __init__(self, *, opds: int, sops: int, runs: int, seed: int = 1, prefix: str = "skala", say=print):
        self.opd_count, self.sop_count, self.run_count = opds, sops, runs
        self.random = random.Random(seed)
        self.prefix = prefix
        self.say = say
        self.password = make_password(PASSWORD)  # hashed once: thousands of users share it
        self.now = timezone.now()
        self.offices: list[Office] = []

    def build(self) -> dict[str, str]:
        with transaction.atomic():
            self._organisation()
        self._sops()
        with transaction.atomic():
            self._runs()
        with transaction.atomic():
            counts = KinerjaData(tahun=self.now.year, rng=self.random).build(self.offices)
        self.say(
            f"  kinerja {self.now.year}: {_angka(counts['sasaran'])} sasaran, {_angka(counts['indikator'])} indikator, "
            f"{_angka(counts['pk'])} PK, {_angka(counts['realisasi'])} realisasi, {_angka(counts['form'])} form"
        )
        self.say(f"  {_angka(build_signed(self.offices))} dokumen bertanda tangan")
        return self._logins()

    # ------------------------------------------------------------------ organisation
    def _organisation(self) -> None:
        pemda_count = max(1, self.opd_count // 40)
        pemdas = _bulk(
            Pemda,
            [
                Pemda(nama=f"Kabupaten {self.prefix.title()} {i + 1:02d}", jenis=Pemda.Jenis.KABUPATEN)
                for i in range(pemda_count)
            ],
        )
        opds = _bulk(
            Opd,
            [
                Opd(
                    pemda=pemdas[i % pemda_count],
                    nama=f"{OPD_KINDS[i % len(OPD_KINDS)][0]} {i + 1:03d}",
                    singkatan=f"{OPD_KINDS[i % len(OPD_KINDS)][1]} {i + 1:03d}",
                )
                for i in range(self.opd_count)
            ],
        )
        self.offices = [Office(opd) for opd in opds]
        units = _bulk(UnitKerja, [UnitKerja(opd=o.opd, nama=n, jenis=j) for o in self.offices for n, j in UNITS])
        for i, office in enumerate(self.offices):
            office.units = units[i * len(UNITS) : (i + 1) * len(UNITS)]
        self._people()
        self.say(f"  {len(pemdas)} pemda, {len(opds)} OPD, {len(opds) * 4} pengguna")

    def _people(self) -> None:
        peran = [Keanggotaan.Peran.KEPALA, Keanggotaan.Peran.SEKRETARIS, Keanggotaan.Peran.VALIDATOR]
        peran.append(Keanggotaan.Peran.PENYUSUN)
        users = _bulk(
            User,
            [
                User(username=f"{self.prefix}.{o.opd.pk}.{n}", password=self.password, first_name=f"Pegawai {n}")
                for o in self.offices
                for n in range(len(peran))
            ],
        )
        for i, office in enumerate(self.offices):
            office.users = users[i * len(peran) : (i + 1) * len(peran)]
        _bulk(
            Keanggotaan,
            [
                Keanggotaan(user=u, opd=o.opd, peran=p)
                for o in self.offices
                for u, p in zip(o.users, peran, strict=True)
            ],
        )
        _bulk(
            Pegawai,
            [
                Pegawai(
                    opd=o.opd,
                    unit=o.units[UNIT_OF_USER[n]] if UNIT_OF_USER[n] is not None else None,
                    user=u,
                    nip=_nip(u.pk),
                    nama=f"{ROLES[n]} {o.opd.singkatan}",
                    jabatan=f"{ROLES[n]} {o.opd.nama}",
                )
                for o in self.offices
                for n, u in enumerate(o.users)
            ],
        )
        _bulk(
            RoleHolder,
            [
                RoleHolder(opd=o.opd, pelaksana=ROLES[n], user=o.users[n % len(o.users)])
                for o in self.offices
                for n in range(len(ROLES))
            ],
        )

    # ------------------------------------------------------------------ SOPs
    def _sops(self) -> None:
        made = 0
        while made < self.sop_count:
            chunk = min(1000, self.sop_count - made)
            with transaction.atomic():
                self._sop_chunk(made, chunk)
            made += chunk
            self.say(f"  SOP {_angka(made)}/{_angka(self.sop_count)}")

    def _sop_chunk(self, start: int, count: int) -> None:
        rows = []
        for n in range(start, start + count):
            office = self.offices[n % len(self.offices)]
            rows.extend(self._sop_versions(office, n))
        sops = _bulk(Sop, rows)
        pelaksana, items = [], []
        for sop in sops:
            pelaksana.extend((sop.pk, i + 1, ROLES[i]) for i in range(self.random.randint(3, 6)))
            for j, jenis in enumerate(SopItem.Jenis.values):
                items.extend((sop.pk, jenis, k + 1, f"{jenis} {j}.{k}") for k in range(2))
        _copy(Pelaksana, ["sop_id", "urutan", "nama"], pelaksana)
        _copy(SopItem, ["sop_id", "jenis", "urutan", "teks"], items)
        columns: dict[int, list[int]] = {}
        for sop_id, pk in Pelaksana.objects.filter(sop__in=sops).order_by("sop_id", "urutan").values_list("sop", "pk"):
            columns.setdefault(sop_id, []).append(pk)
        _copy(Langkah, STEP_COLUMNS, [step for sop in sops for step in self._steps(sop.pk, columns[sop.pk])])
        office_of = {office.opd.pk: office for office in self.offices}
        for sop in sops:
            if sop.status == Sop.Status.DISAHKAN:
                office_of[sop.opd_id].sops.append(sop)

    def _sop_versions(self, office: Office, n: int) -> list[Sop]:
        """One SOP; one in ten has an older version it replaced."""
        kepala = office.users[0]
        judul = f"SOP {self.random.choice(VERBS)} {self.random.choice(OBJECTS)} {n + 1}"
        roll = self.random.random()
        status = Sop.Status.DISAHKAN if roll < 0.7 else Sop.Status.DRAFT if roll < 0.85 else Sop.Status.DIAJUKAN
        seri = uuid.uuid4()
        common = {
            "opd": office.opd,
            "seri": seri,
            "judul": judul,
            "nomor": f"800/{n + 1:06d}/{office.opd.pk}",
            "tanggal_pembuatan": datetime.date(2026, 1, 1) + datetime.timedelta(days=n % 300),
            "dibuat_oleh": office.users[3],
        }
        signed = {
            "disahkan_jabatan": f"{ROLES[0]} {office.opd.nama}",
            "disahkan_nama": f"{ROLES[0]} {office.opd.singkatan}",  # as the Kepala's Pegawai row names them
            "disahkan_nip": _nip(kepala.pk),
            "disahkan_pada": approval_time(common["tanggal_pembuatan"], self.now),
        }
        versions = []
        if self.random.random() < 0.1:
            versions.append(Sop(versi=1, status=Sop.Status.DIGANTI, **signed, **common))
        extra = signed if status == Sop.Status.DISAHKAN else {}
        versions.append(Sop(versi=len(versions) + 1, status=status, **extra, **common))
        return versions

    def _steps(self, sop_id: int, columns: list[int]) -> list[tuple]:
        """5–60 steps over the columns; every eighth a keputusan going on (Ya) or two steps back (Tidak)."""
        count = self.random.randint(5, 60)
        steps = []
        for i in range(count):
            number = i + 1
            decision = 2 < number < count - 1 and number % 8 == 0
            uraian = f"Langkah {number}: {self.random.choice(VERBS).lower()} {self.random.choice(OBJECTS)}"
            steps.append(
                (
                    sop_id, number, uraian, columns[i % len(columns)],
                    Langkah.Simbol.KEPUTUSAN if decision else Langkah.Simbol.PROSES,
                    number + 1 if decision else None, number - 2 if decision else None,
                    "Dokumen pendukung", self.random.choice([15, 30, 60, 120]), Langkah.Satuan.MENIT, "",
                    "Dokumen", "", Langkah.Aksi.BIASA,
                )
            )  # fmt: skip
        return steps

    # ------------------------------------------------------------------ runs
    def _runs(self) -> None:
        candidates = [(o, s) for o in self.offices for s in o.sops]
        self.random.shuffle(candidates)
        slots = [(o, s, year, p) for o, s in candidates for year in (2025, 2026) for p in PERIODS[:4]]
        chosen = slots[: self.run_count]
        runs = _bulk(Run, [self._run(office, sop, year, period) for office, sop, year, period in chosen])
        steps = self._steps_of([sop.pk for _o, sop, _y, _p in chosen])
        tasks, logs = [], []
        for run, (office, sop, _y, _p) in zip(runs, chosen, strict=True):
            tasks.extend(self._tasks(run, office, steps[sop.pk]))
            logs.append(RunLog(run=run, actor=office.users[3], aksi=RunLog.Aksi.MULAI, ke="1"))
        Run.objects.bulk_update([r for r in runs if r.langkah_aktif_id], ["langkah_aktif"], batch_size=BATCH)
        _copy(Task, TASK_COLUMNS, tasks)
        _bulk(RunLog, logs)
        self.say(f"  {_angka(len(runs))} pelaksanaan, {_angka(len(tasks))} tugas")

    def _run(self, office: Office, sop: Sop, year: int, period: str) -> Run:
        roll = self.random.random()
        status = Run.Status.BERJALAN if roll < 0.4 else Run.Status.ARSIP if roll < 0.9 else Run.Status.DIBATALKAN
        started = self.now - datetime.timedelta(days=self.random.randint(1, 300))
        finished = started + datetime.timedelta(days=10) if status != Run.Status.BERJALAN else None
        return Run(
            sop=sop, opd=office.opd, seri=sop.seri, tahun=year, periode=period, status=status,
            dimulai_oleh=office.users[3], dimulai_pada=started, selesai_pada=finished,
        )  # fmt: skip

    def _steps_of(self, sop_ids: list[int]) -> dict[int, list[Langkah]]:
        found: dict[int, list[Langkah]] = {}
        for start in range(0, len(sop_ids), BATCH):
            rows = Langkah.objects.filter(sop_id__in=sop_ids[start : start + BATCH]).order_by("sop_id", "urutan")
            for step in rows.only("pk", "sop_id", "urutan", "waktu_nilai"):
                found.setdefault(step.sop_id, []).append(step)
        return found

    def _tasks(self, run: Run, office: Office, steps: list[Langkah]) -> list[tuple]:
        """Done tasks up to the step the run stands at; an open one there while the run goes on."""
        reached = len(steps) if run.status == Run.Status.ARSIP else self.random.randint(1, len(steps))
        person = office.users[3].pk
        tasks = []
        for step in steps[:reached]:
            is_last = step.urutan == reached
            open_here = is_last and run.status == Run.Status.BERJALAN
            status = Task.Status.TERBUKA if open_here else Task.Status.SELESAI
            if is_last and run.status == Run.Status.DIBATALKAN:
                status = Task.Status.DIBATALKAN
            if open_here:
                run.langkah_aktif_id = step.pk
            opened = run.dimulai_pada + datetime.timedelta(hours=step.urutan)
            done = None if open_here else opened + datetime.timedelta(hours=1)
            tasks.append(
                (
                    run.pk, step.pk, step.urutan, 1, status, person, opened, opened + datetime.timedelta(hours=4),
                    step.waktu_nilai or 0, done, None if open_here else person, "", "",
                )
            )  # fmt: skip
        return tasks

    # ------------------------------------------------------------------ logins
    def _logins(self) -> dict[str, str]:
        """A province-wide reader (a member of every OPD, as an Inspektorat would be) and a one-OPD penyusun."""
        wide, _created = User.objects.get_or_create(
            username=f"{self.prefix}.provinsi", defaults={"password": self.password, "first_name": "Inspektorat"}
        )
        _bulk(
            Keanggotaan,
            [Keanggotaan(user=wide, opd=o.opd, peran=Keanggotaan.Peran.VALIDATOR) for o in self.offices],
        )
        return {
            "provinsi": wide.username,
            "satu_opd": self.offices[0].users[3].username,
            "password": PASSWORD,
            "passphrase": SIGNING_PASSPHRASE,
        }
