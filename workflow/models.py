"""Runs of an SOP (pengukuran kinerja) from disposisi to arsip, and the calendar their due dates follow.

A run pins one version of an SOP (a `sop.Sop` row). Each step it reaches becomes a task for the person who holds
that step's pelaksana role in the OPD; a step sent back opens again as a new task, so the run's history is the
list of its tasks plus one audit row (`RunLog`) per transition.
"""

import datetime
import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sakip.models import Opd, Pemda
from sakip.validators import MaxChars
from sop.models import Langkah, Sop

NOTE_MAX = 4000  # a task's catatan and a send-back's alasan

WEEKDAY_FIELDS = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")


def role_key(name: str) -> str:
    """How a pelaksana name is matched: 'Sek.  Tim SAKIP ' and 'sek. tim sakip' are the same role."""
    return re.sub(r"\s+", " ", name or "").strip().casefold()


def task_upload_to(task: "Task", filename: str) -> str:
    """An unguessable folder per file: uploads are internal documents, served only through a checked view."""
    return f"alur/{task.run_id}/{uuid.uuid4().hex}/{filename}"


def jam_mulai_bawaan() -> datetime.time:
    """07.30, the usual start of an office day. A callable: Django's check (fields.W161) takes a fixed time default
    for a mistaken "now" during the 20 seconds around it each day, which failed `check --deploy` at 07.30 UTC."""
    return datetime.time(7, 30)


def jam_selesai_bawaan() -> datetime.time:
    return datetime.time(15, 0)


class KalenderKerja(models.Model):
    """Working hours and days of one Pemda; without a row the national default applies (07:30–15:00, Mon–Fri)."""

    pemda = models.OneToOneField(
        Pemda, on_delete=models.CASCADE, related_name="kalender_kerja", verbose_name=_("pemda")
    )
    jam_mulai = models.TimeField(_("jam mulai kerja"), default=jam_mulai_bawaan)
    jam_selesai = models.TimeField(_("jam selesai kerja"), default=jam_selesai_bawaan)
    senin = models.BooleanField(_("Senin"), default=True)
    selasa = models.BooleanField(_("Selasa"), default=True)
    rabu = models.BooleanField(_("Rabu"), default=True)
    kamis = models.BooleanField(_("Kamis"), default=True)
    jumat = models.BooleanField(_("Jumat"), default=True)
    sabtu = models.BooleanField(_("Sabtu"), default=False)
    minggu = models.BooleanField(_("Minggu"), default=False)

    class Meta:
        verbose_name = _("kalender kerja")
        verbose_name_plural = _("kalender kerja")
        constraints = [
            models.CheckConstraint(condition=models.Q(jam_selesai__gt=models.F("jam_mulai")), name="kalender_jam_urut"),
        ]

    def __str__(self) -> str:
        return f"{self.pemda}: {self.jam_mulai:%H:%M}–{self.jam_selesai:%H:%M}"

    def clean(self) -> None:
        if self.jam_mulai and self.jam_selesai and self.jam_selesai <= self.jam_mulai:
            raise ValidationError({"jam_selesai": _("Jam selesai harus sesudah jam mulai.")})
        if not self.weekdays:
            raise ValidationError(_("Pilih paling sedikit satu hari kerja."))

    @property
    def weekdays(self) -> frozenset[int]:
        """Working weekdays as Python numbers (Monday 0 … Sunday 6)."""
        return frozenset(i for i, name in enumerate(WEEKDAY_FIELDS) if getattr(self, name))

    @property
    def menit_per_hari(self) -> int:
        start = self.jam_mulai.hour * 60 + self.jam_mulai.minute
        end = self.jam_selesai.hour * 60 + self.jam_selesai.minute
        return max(end - start, 0)

    @property
    def jam_per_minggu(self) -> float:
        return self.menit_per_hari * len(self.weekdays) / 60


class HariLibur(models.Model):
    """A day off: national when pemda is empty, otherwise only for that Pemda (cuti bersama, local holidays)."""

    tanggal = models.DateField(_("tanggal"))
    nama = models.CharField(_("keterangan"), max_length=200)
    pemda = models.ForeignKey(
        Pemda, on_delete=models.CASCADE, null=True, blank=True, related_name="hari_libur",
        verbose_name=_("pemda"), help_text=_("Kosongkan untuk libur nasional."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["tanggal"]
        constraints = [
            models.UniqueConstraint(
                fields=["tanggal"], condition=models.Q(pemda__isnull=True), name="harilibur_nasional_unik"
            ),
            models.UniqueConstraint(fields=["tanggal", "pemda"], name="harilibur_pemda_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.tanggal:%d-%m-%Y} {self.nama}"


class RoleHolder(models.Model):
    """Who carries out a pelaksana role (a column of the SOP, e.g. "Sek. Tim Sakip") in one OPD."""

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="role_holders", verbose_name=_("OPD"))
    pelaksana = models.CharField(_("pelaksana"), max_length=150)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="held_roles", verbose_name=_("pemegang")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pemegang peran pelaksana")
        verbose_name_plural = _("pemegang peran pelaksana")
        ordering = ["opd", "pelaksana"]
        constraints = [models.UniqueConstraint("opd", Lower("pelaksana"), name="roleholder_pelaksana_unik")]

    def __str__(self) -> str:
        return f"{self.pelaksana}: {self.user}"


class Run(models.Model):
    """One carrying-out of an SOP for one period; its state is the step it stands at, until arsip."""

    class Periode(models.TextChoices):
        TW1 = "tw1", _("Triwulan I")
        TW2 = "tw2", _("Triwulan II")
        TW3 = "tw3", _("Triwulan III")
        TW4 = "tw4", _("Triwulan IV")
        SEMESTER1 = "s1", _("Semester I")
        SEMESTER2 = "s2", _("Semester II")
        TAHUNAN = "tahunan", _("Tahunan")

    class Status(models.TextChoices):
        BERJALAN = "berjalan", _("Berjalan")
        ARSIP = "arsip", _("Selesai (arsip)")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    sop = models.ForeignKey(Sop, on_delete=models.PROTECT, related_name="runs", verbose_name=_("SOP (versi)"))
    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="runs", verbose_name=_("OPD"))
    seri = models.UUIDField(_("seri SOP"), editable=False, help_text=_("Sama untuk semua versi SOP"))
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    periode = models.CharField(_("periode"), max_length=10, choices=Periode.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.BERJALAN, editable=False
    )
    langkah_aktif = models.ForeignKey(
        Langkah, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False,
        verbose_name=_("langkah berjalan"),
    )  # fmt: skip
    dimulai_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("dimulai oleh")
    )
    dimulai_pada = models.DateTimeField(_("dimulai pada"))
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("pelaksanaan SOP")
        verbose_name_plural = _("pelaksanaan SOP")
        ordering = ["-dimulai_pada", "-pk"]
        constraints = [
            # A cancelled run frees its period for a new start.
            models.UniqueConstraint(
                fields=["seri", "tahun", "periode"],
                condition=~models.Q(status="dibatalkan"),
                name="run_satu_per_periode",
            ),
            models.CheckConstraint(condition=models.Q(tahun__gte=2000, tahun__lte=2100), name="run_tahun_wajar"),
        ]
        indexes = [
            models.Index(fields=["opd", "status"]),
            # The run lists, newest first: a province-wide user's page is read in this order, not sorted from all.
            models.Index(fields=["-dimulai_pada", "-id"], name="run_terbaru"),
        ]

    def __str__(self) -> str:
        return f"{self.sop.judul} — {self.periode_tampil}"

    def get_absolute_url(self) -> str:
        return reverse("workflow:run-detail", kwargs={"pk": self.pk})

    @property
    def periode_tampil(self) -> str:
        return f"{self.get_periode_display()} {self.tahun}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.BERJALAN


class Task(models.Model):
    """One step of a run, assigned to one person; a step sent back is opened again as a new task."""

    class Status(models.TextChoices):
        TERBUKA = "terbuka", _("Terbuka")
        SELESAI = "selesai", _("Selesai")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan ke langkah sebelumnya")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("pelaksanaan"))
    langkah = models.ForeignKey(Langkah, on_delete=models.PROTECT, related_name="+", verbose_name=_("langkah"))
    urutan = models.PositiveSmallIntegerField(_("nomor langkah"))
    putaran = models.PositiveSmallIntegerField(_("putaran"), default=1, help_text=_("Ke berapa langkah ini dikerjakan"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.TERBUKA)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="workflow_tasks", verbose_name=_("petugas")
    )
    dialihkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("dialihkan oleh"),
    )  # fmt: skip
    dibuka_pada = models.DateTimeField(_("mulai"))
    jatuh_tempo = models.DateTimeField(_("batas waktu"), null=True, blank=True)
    waktu_menit = models.DecimalField(_("Mutu Baku waktu (menit kerja)"), max_digits=10, decimal_places=2, default=0)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    selesai_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("diselesaikan oleh"),
    )  # fmt: skip
    menit_kerja = models.PositiveIntegerField(_("waktu nyata (menit kerja)"), null=True, blank=True)
    catatan = models.TextField(
        _("catatan"), blank=True, max_length=NOTE_MAX, validators=[MaxChars(NOTE_MAX, _("Catatan"))]
    )
    berkas = models.FileField(_("berkas"), upload_to=task_upload_to, blank=True, max_length=300)
    kembali_ke = models.PositiveSmallIntegerField(_("dikembalikan ke langkah"), null=True, blank=True)
    diingatkan_pada = models.DateField(_("terakhir diingatkan"), null=True, blank=True)

    class Meta:
        verbose_name = _("tugas")
        verbose_name_plural = _("tugas")
        ordering = ["run", "dibuka_pada", "pk"]
        constraints = [
            # A run stands at one step at a time; also the last guard against a double click.
            models.UniqueConstraint(
                fields=["run"], condition=models.Q(status="terbuka"), name="task_satu_terbuka_per_run"
            ),
        ]
        indexes = [models.Index(fields=["assignee", "status"]), models.Index(fields=["status", "jatuh_tempo"])]

    def __str__(self) -> str:
        return f"{self.run_id}/{self.urutan}: {self.langkah.uraian[:50]}"

    def get_absolute_url(self) -> str:
        return reverse("workflow:run-detail", kwargs={"pk": self.run_id}) + f"#tugas-{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.TERBUKA

    @property
    def berkas_nama(self) -> str:
        return self.berkas.name.rsplit("/", 1)[-1] if self.berkas else ""


class RunLog(models.Model):
    """One audit row per transition of a run: who moved it, from which step to which, when, and why."""

    class Aksi(models.TextChoices):
        MULAI = "mulai", _("Memulai pelaksanaan")
        SELESAI = "selesai", _("Menyelesaikan langkah")
        KEMBALI = "kembali", _("Mengembalikan ke langkah sebelumnya")
        ALIH = "alih", _("Mengalihkan tugas")
        BATAL = "batal", _("Membatalkan pelaksanaan")

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="log")
    task = models.ForeignKey(Task, on_delete=models.SET_NULL, null=True, blank=True, related_name="log")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aksi = models.CharField(max_length=10, choices=Aksi.choices)
    # A step number ("3"), "arsip", "dibatalkan", or empty before the run existed.
    dari = models.CharField(max_length=12, blank=True)
    ke = models.CharField(max_length=12)
    catatan = models.TextField(blank=True, max_length=NOTE_MAX, validators=[MaxChars(NOTE_MAX, _("Catatan"))])
    waktu = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat pelaksanaan")
        verbose_name_plural = _("riwayat pelaksanaan")
        ordering = ["waktu", "pk"]

    def __str__(self) -> str:
        return f"{self.run_id}: {self.dari or '—'} → {self.ke}"

    @staticmethod
    def state_label(value: str) -> str:
        if value.isdigit():
            return _("Langkah %(n)s") % {"n": value}
        return {"arsip": _("Arsip"), "dibatalkan": _("Dibatalkan"), "": "—"}.get(value, value)

    @property
    def dari_tampil(self) -> str:
        return self.state_label(self.dari)

    @property
    def ke_tampil(self) -> str:
        return self.state_label(self.ke)
