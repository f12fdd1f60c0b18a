"""SOP documents in the Permenpan RB 35/2012 format: identity, lists, pelaksana and langkah."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sakip.models import Opd, Pegawai
from sakip.nip import format_nip
from sakip.pengesah import jabatan_tampil
from sakip.validators import REASON_MAX, MaxChars

# The longest text a cell may hold. A real step's uraian is a sentence or two; 2,000 characters fill most of a page of
# the flowchart column, and the print layout (one pass over the text) stays well inside a request at that size.
URAIAN_MAX = 2000
CELL_MAX = 500  # kelengkapan, output, keterangan: narrow columns
ITEM_MAX = 1000  # one butir of a list box (a dasar hukum with its full title)

# Working time: 37.5 hours a week over five days (DOMAIN.md), so one hari kerja is 7.5 hours.
MENIT_PER_SATUAN = {
    "menit": Decimal(1),
    "jam": Decimal(60),
    "hari": Decimal(450),
    "minggu": Decimal(2250),
    "bulan": Decimal(9900),  # 22 hari kerja
}


class Sop(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan")
        DISAHKAN = "disahkan", _("Disahkan")
        DIGANTI = "diganti", _("Diganti versi baru")

    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="sop_set", verbose_name=_("OPD"))
    seri = models.UUIDField(_("seri"), default=uuid.uuid4, editable=False, help_text=_("Sama untuk semua versi"))
    versi = models.PositiveSmallIntegerField(_("versi"), default=1, editable=False)
    revisi_dari = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="revisi",
        verbose_name=_("revisi dari"),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False)

    nomor = models.CharField(_("nomor SOP"), max_length=100, blank=True)
    judul = models.CharField(_("judul SOP"), max_length=300)
    tanggal_pembuatan = models.DateField(_("tanggal pembuatan"), null=True, blank=True)
    tanggal_revisi = models.DateField(_("tanggal revisi"), null=True, blank=True)
    tanggal_efektif = models.DateField(_("tanggal efektif"), null=True, blank=True)

    pengesah = models.ForeignKey(
        Pegawai, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("disahkan oleh (pegawai)"),
    )  # fmt: skip
    # What the signature block said when the SOP was signed; not updated when the pegawai changes later.
    disahkan_jabatan = models.CharField(_("jabatan pengesah"), max_length=250, blank=True)
    disahkan_nama = models.CharField(_("nama pengesah"), max_length=200, blank=True)
    disahkan_pangkat = models.CharField(_("pangkat pengesah"), max_length=120, blank=True)
    disahkan_nip = models.CharField(_("NIP pengesah"), max_length=30, blank=True)
    disahkan_pada = models.DateTimeField(_("disahkan pada"), null=True, blank=True, editable=False)

    jenis_kegiatan = models.CharField(_("jenis kegiatan"), max_length=100, blank=True)
    pj_produk = models.CharField(_("penanggung jawab produk"), max_length=250, blank=True)
    pj_kegiatan = models.CharField(_("penanggung jawab kegiatan"), max_length=250, blank=True)
    ruang_lingkup = models.CharField(_("scope (ruang lingkup)"), max_length=300, blank=True)

    # Optimistic lock: a save names the edit it started from; a later save by someone else is refused.
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["diubah_pada", "dibuat_pada"])

    class Meta:
        verbose_name = _("SOP")
        verbose_name_plural = _("SOP")
        ordering = ["opd", "nomor", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["seri", "versi"], name="sop_seri_versi_unik"),
            models.UniqueConstraint(
                fields=["opd", "nomor", "versi"], condition=~models.Q(nomor=""), name="sop_nomor_versi_unik_per_opd"
            ),
        ]
        indexes = [models.Index(fields=["opd", "status"])]

    def __str__(self) -> str:
        return f"{self.nomor} {self.judul}".strip() if self.nomor else self.judul

    def get_absolute_url(self) -> str:
        return reverse("sop:sop-detail", kwargs={"pk": self.pk})

    @property
    def pengesah_tampil(self) -> dict[str, str]:
        """The signature block: the snapshot once signed, the chosen pegawai's current data before."""
        if self.disahkan_nama or self.status in (self.Status.DISAHKAN, self.Status.DIGANTI):
            return {
                "jabatan": self.disahkan_jabatan,
                "nama": self.disahkan_nama,
                "pangkat": self.disahkan_pangkat,
                "nip": format_nip(self.disahkan_nip),
            }
        if self.pengesah is not None:
            return {
                "jabatan": self._pengesah_jabatan(),
                "nama": self.pengesah.nama,
                "pangkat": self.pengesah.pangkat,
                "nip": self.pengesah.nip_tampil,
            }
        return {"jabatan": "", "nama": "", "pangkat": "", "nip": ""}

    def _pengesah_jabatan(self) -> str:
        """The chosen pegawai's jabatan, "Plt. …"/"Plh. …" while designated; read once per SOP object."""
        cached = self.__dict__.get("_pengesah_jabatan_cache")
        if cached is None or cached[0] != self.pengesah_id:
            cached = (self.pengesah_id, jabatan_tampil(self.opd, self.pengesah))
            self.__dict__["_pengesah_jabatan_cache"] = cached
        return cached[1]

    def items_of(self, jenis: str) -> list["SopItem"]:
        return [item for item in self.items.all() if item.jenis == jenis]

    @property
    def daftar(self) -> dict[str, list["SopItem"]]:
        """The six list boxes by jenis, for templates: {{ sop.daftar.dasar_hukum }}."""
        return {jenis: self.items_of(jenis) for jenis in SopItem.Jenis.values}

    @property
    def steps(self) -> list["Langkah"]:
        return list(self.langkah.all())

    @property
    def total_waktu_menit(self) -> Decimal:
        return sum((step.waktu_menit for step in self.langkah.all()), Decimal(0))


class SopItem(models.Model):
    """One numbered line of a list box on the identity page (Dasar Hukum, Keterkaitan, …)."""

    class Jenis(models.TextChoices):
        DASAR_HUKUM = "dasar_hukum", _("Dasar Hukum")
        KUALIFIKASI = "kualifikasi", _("Kualifikasi Pelaksana")
        KETERKAITAN = "keterkaitan", _("Keterkaitan")
        PERALATAN = "peralatan", _("Peralatan/Perlengkapan")
        PERINGATAN = "peringatan", _("Peringatan")
        PENCATATAN = "pencatatan", _("Pencatatan dan Pendataan")

    sop = models.ForeignKey(Sop, on_delete=models.CASCADE, related_name="items")
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    teks = models.TextField(_("isi"), blank=True, max_length=ITEM_MAX, validators=[MaxChars(ITEM_MAX, _("Isi butir"))])
    sop_terkait = models.ForeignKey(
        Sop, on_delete=models.SET_NULL, null=True, blank=True, related_name="dirujuk_oleh",
        verbose_name=_("SOP terkait"),
    )  # fmt: skip

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("butir daftar SOP")
        verbose_name_plural = _("butir daftar SOP")
        ordering = ["sop", "jenis", "urutan"]
        constraints = [models.UniqueConstraint(fields=["sop", "jenis", "urutan"], name="sopitem_urutan_unik")]

    def __str__(self) -> str:
        return self.tampil

    @property
    def tampil(self) -> str:
        if self.sop_terkait_id and not self.teks:
            return f"SOP {self.sop_terkait.judul}"
        return self.teks


class Pelaksana(models.Model):
    """A column of the flowchart table: the role that carries out steps."""

    sop = models.ForeignKey(Sop, on_delete=models.CASCADE, related_name="pelaksana")
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    nama = models.CharField(_("pelaksana"), max_length=150)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pelaksana")
        verbose_name_plural = _("pelaksana")
        ordering = ["sop", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["sop", "urutan"], name="pelaksana_urutan_unik"),
            models.UniqueConstraint(fields=["sop", "nama"], name="pelaksana_nama_unik"),
        ]

    def __str__(self) -> str:
        return self.nama


class Langkah(models.Model):
    """One row of the flowchart: a step with its Mutu Baku."""

    class Simbol(models.TextChoices):
        TERMINATOR = "terminator", _("Terminator (mulai/selesai)")
        PROSES = "proses", _("Proses")
        KEPUTUSAN = "keputusan", _("Keputusan")

    class Aksi(models.TextChoices):
        """What the step does in a run of the SOP; the run reads this, never the step's words."""

        BIASA = "biasa", _("Biasa")
        ISI_DATA = "isi_data", _("Isi data kinerja")
        VALIDASI = "validasi", _("Validasi data kinerja")
        KOREKSI = "koreksi", _("Koreksi")
        TANDA_TANGAN = "tanda_tangan", _("Tanda tangan")
        PENOMORAN = "penomoran", _("Penomoran")
        ARSIP = "arsip", _("Arsip")

    class Satuan(models.TextChoices):
        MENIT = "menit", _("menit")
        JAM = "jam", _("jam")
        HARI = "hari", _("hari")
        MINGGU = "minggu", _("minggu")
        BULAN = "bulan", _("bulan")

    sop = models.ForeignKey(Sop, on_delete=models.CASCADE, related_name="langkah")
    urutan = models.PositiveSmallIntegerField(_("nomor"))
    uraian = models.TextField(
        _("uraian kegiatan"), max_length=URAIAN_MAX, validators=[MaxChars(URAIAN_MAX, _("Uraian kegiatan"))]
    )
    pelaksana = models.ForeignKey(
        Pelaksana, on_delete=models.SET_NULL, null=True, blank=True, related_name="langkah",
        verbose_name=_("pelaksana"),
    )  # fmt: skip
    simbol = models.CharField(_("simbol"), max_length=12, choices=Simbol.choices, default=Simbol.PROSES)
    # Keputusan exits, as step numbers within the same SOP.
    ya_ke = models.PositiveSmallIntegerField(_("jika Ya, ke langkah"), null=True, blank=True)
    tidak_ke = models.PositiveSmallIntegerField(_("jika Tidak, ke langkah"), null=True, blank=True)
    kelengkapan = models.TextField(
        _("kelengkapan"), blank=True, max_length=CELL_MAX, validators=[MaxChars(CELL_MAX, _("Kelengkapan"))]
    )
    waktu_nilai = models.DecimalField(_("waktu"), max_digits=8, decimal_places=2, null=True, blank=True)
    waktu_satuan = models.CharField(_("satuan waktu"), max_length=6, choices=Satuan.choices, default=Satuan.MENIT)
    # Waktu as an imported document wrote it when it could not be read as a number and a unit.
    waktu_teks = models.CharField(_("waktu (tertulis)"), max_length=100, blank=True)
    output = models.TextField(
        _("output"), blank=True, max_length=CELL_MAX, validators=[MaxChars(CELL_MAX, _("Output"))]
    )
    keterangan = models.TextField(
        _("keterangan"), blank=True, max_length=CELL_MAX, validators=[MaxChars(CELL_MAX, _("Keterangan"))]
    )
    aksi = models.CharField(_("aksi dalam pelaksanaan"), max_length=12, choices=Aksi.choices, default=Aksi.BIASA)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("langkah")
        verbose_name_plural = _("langkah")
        ordering = ["sop", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["sop", "urutan"], name="langkah_urutan_unik"),
            models.CheckConstraint(
                condition=models.Q(waktu_nilai__isnull=True) | models.Q(waktu_nilai__gt=0), name="langkah_waktu_positif"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.urutan}. {self.uraian[:60]}"

    @property
    def waktu_menit(self) -> Decimal:
        if self.waktu_nilai is None:
            return Decimal(0)
        return self.waktu_nilai * MENIT_PER_SATUAN[self.waktu_satuan]

    @property
    def waktu_tampil(self) -> str:
        if self.waktu_nilai is None:
            return self.waktu_teks
        value = self.waktu_nilai.normalize()
        number = f"{value:f}".replace(".", ",")
        return f"{number} {self.get_waktu_satuan_display()}"


class SyaratPengajuan(models.Model):
    """What a Pemda's Bagian Organisasi asks before an SOP may be submitted; without a row, everything is asked."""

    pemda = models.OneToOneField(
        "sakip.Pemda", on_delete=models.CASCADE, related_name="syarat_pengajuan_sop", verbose_name=_("pemda")
    )
    wajib_nomor = models.BooleanField(_("nomor SOP wajib"), default=True)
    wajib_pengesah = models.BooleanField(_("pejabat pengesah wajib dipilih"), default=True)
    wajib_tanggal_pembuatan = models.BooleanField(_("tanggal pembuatan wajib"), default=True)
    wajib_dasar_hukum = models.BooleanField(_("paling sedikit satu dasar hukum"), default=True)
    wajib_pelaksana_langkah = models.BooleanField(_("setiap langkah punya pelaksana"), default=True)
    wajib_waktu_langkah = models.BooleanField(_("setiap langkah punya Mutu Baku waktu"), default=True)

    class Meta:
        verbose_name = _("syarat pengajuan SOP")
        verbose_name_plural = _("syarat pengajuan SOP")

    def __str__(self) -> str:
        return f"Syarat pengajuan SOP {self.pemda}"


class SopStatusLog(models.Model):
    """One row per lifecycle transition of an SOP: who moved it, from where to where, and why."""

    sop = models.ForeignKey(Sop, on_delete=models.CASCADE, related_name="status_log")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dari = models.CharField(max_length=10, choices=Sop.Status.choices, blank=True)
    ke = models.CharField(max_length=10, choices=Sop.Status.choices)
    catatan = models.TextField(blank=True, max_length=REASON_MAX, validators=[MaxChars(REASON_MAX, _("Alasan"))])
    waktu = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat status SOP")
        verbose_name_plural = _("riwayat status SOP")
        ordering = ["waktu", "pk"]

    def __str__(self) -> str:
        return f"{self.sop_id}: {self.dari} → {self.ke}"


class BukuSop(models.Model):
    """All disahkan SOPs of an OPD printed as one book, built in the background."""

    class Status(models.TextChoices):
        ANTRI = "antri", _("Menunggu giliran")
        BERJALAN = "berjalan", _("Sedang disusun")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="buku_sop", verbose_name=_("OPD"))
    kertas = models.CharField(_("kertas"), max_length=2, choices=Opd.Kertas.choices, default=Opd.Kertas.A4)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ANTRI)
    jumlah_sop = models.PositiveIntegerField(_("jumlah SOP"), default=0)
    sop_selesai = models.PositiveIntegerField(_("SOP selesai dicetak"), default=0)
    jumlah_halaman = models.PositiveIntegerField(_("jumlah halaman"), default=0)
    berkas = models.FileField(_("berkas"), upload_to="buku-sop/", blank=True)
    pesan = models.TextField(_("pesan"), blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)
    # The worker's last sign of life; a book whose worker died is recognised by its age (BUKU_SOP_STALE_SECONDS).
    denyut_pada = models.DateTimeField(_("denyut terakhir pekerja"), null=True, blank=True)

    class Meta:
        verbose_name = _("buku SOP")
        verbose_name_plural = _("buku SOP")
        ordering = ["-dibuat_pada", "-pk"]

    def __str__(self) -> str:
        return f"Buku SOP {self.opd} ({self.dibuat_pada:%Y-%m-%d})"

    @property
    def persen(self) -> int:
        if self.status == self.Status.SELESAI:
            return 100
        if not self.jumlah_sop:
            return 0
        # Merging and the daftar isi take the last stretch; the SOPs fill the first 95 %.
        return min(95, round(95 * self.sop_selesai / self.jumlah_sop))

    @property
    def sedang_berjalan(self) -> bool:
        return self.status in (self.Status.ANTRI, self.Status.BERJALAN)


class BukuSopLog(models.Model):
    """One row per change of state of a Buku SOP (sop.buku_transitions): from where to where, by whom, why."""

    buku = models.ForeignKey(BukuSop, on_delete=models.CASCADE, related_name="log")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    langkah = models.CharField(_("langkah"), max_length=10)
    dari = models.CharField(max_length=10, choices=BukuSop.Status.choices)
    ke = models.CharField(max_length=10, choices=BukuSop.Status.choices)
    catatan = models.TextField(blank=True)
    waktu = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat buku SOP")
        verbose_name_plural = _("riwayat buku SOP")
        ordering = ["waktu", "pk"]

    def __str__(self) -> str:
        return f"{self.buku_id}: {self.dari} → {self.ke}"
