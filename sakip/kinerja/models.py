"""Performance data of an OPD per year: sasaran → indikator → Perjanjian Kinerja targets → realisasi per triwulan.

A changed PK is a new version (PK Perubahan) in force from a triwulan onwards; the earlier triwulan keep the
targets of the version they were measured against, because the target of a triwulan is read from the latest
version in force at that triwulan, never from the newest one.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sakip.kinerja import capaian as rules
from sakip.models import Opd, Pemda, UnitKerja

TRIWULAN = [(1, _("Triwulan I")), (2, _("Triwulan II")), (3, _("Triwulan III")), (4, _("Triwulan IV"))]
NUMBER = {"max_digits": 18, "decimal_places": 4, "null": True, "blank": True}
MONEY = {"max_digits": 18, "decimal_places": 2, "null": True, "blank": True}
PERCENT = {"max_digits": 7, "decimal_places": 2}


def triwulan_field(label=None, **kwargs):
    return models.PositiveSmallIntegerField(
        label or _("triwulan"), choices=TRIWULAN, validators=[MinValueValidator(1), MaxValueValidator(4)], **kwargs
    )


class PengaturanKinerja(models.Model):
    """How a Pemda scores: the cap and the predikat thresholds and colours (Permendagri 86/2017 by default)."""

    class BatasAtas(models.IntegerChoices):
        C100 = 100, "100%"
        C120 = 120, "120%"
        C150 = 150, "150%"
        C200 = 200, "200%"

    pemda = models.OneToOneField(Pemda, on_delete=models.CASCADE, related_name="pengaturan_kinerja")
    batas_atas = models.PositiveSmallIntegerField(
        _("batas atas capaian"), choices=BatasAtas.choices, null=True, blank=True, help_text=_("Kosong: tanpa batas.")
    )
    batas_sangat_tinggi = models.DecimalField(_("Sangat Tinggi di atas (%)"), default=Decimal(90), **PERCENT)
    batas_tinggi = models.DecimalField(_("Tinggi di atas (%)"), default=Decimal(75), **PERCENT)
    batas_sedang = models.DecimalField(_("Sedang di atas (%)"), default=Decimal(65), **PERCENT)
    batas_rendah = models.DecimalField(_("Rendah di atas (%)"), default=Decimal(50), **PERCENT)
    warna_sangat_tinggi = models.CharField(_("warna Sangat Tinggi"), max_length=7, default="#198754")
    warna_tinggi = models.CharField(_("warna Tinggi"), max_length=7, default="#20c997")
    warna_sedang = models.CharField(_("warna Sedang"), max_length=7, default="#ffc107")
    warna_rendah = models.CharField(_("warna Rendah"), max_length=7, default="#fd7e14")
    warna_sangat_rendah = models.CharField(_("warna Sangat Rendah"), max_length=7, default="#dc3545")
    nama_kepala_daerah = models.CharField(
        _("nama kepala daerah"), max_length=200, blank=True,
        help_text=_("Pihak kedua Perjanjian Kinerja OPD (Bupati/Wali Kota/Gubernur), mis. Dr. H. Amirudin, S.Sos."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("pengaturan kinerja")
        verbose_name_plural = _("pengaturan kinerja")

    def __str__(self) -> str:
        return f"{self.pemda}"

    def clean(self) -> None:
        bounds = [self.batas_sangat_tinggi, self.batas_tinggi, self.batas_sedang, self.batas_rendah]
        if any(b is None for b in bounds) or bounds != sorted(bounds, reverse=True) or len(set(bounds)) < 4:
            raise ValidationError(_("Batas predikat harus menurun: Sangat Tinggi > Tinggi > Sedang > Rendah."))

    def as_rules(self) -> rules.Pengaturan:
        names = ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah")
        bounds = (self.batas_sangat_tinggi, self.batas_tinggi, self.batas_sedang, self.batas_rendah, None)
        colours = (self.warna_sangat_tinggi, self.warna_tinggi, self.warna_sedang, self.warna_rendah)
        colours += (self.warna_sangat_rendah,)
        bands = tuple(rules.Predikat(n, b, c) for n, b, c in zip(names, bounds, colours, strict=True))
        return rules.Pengaturan(batas_atas=self.batas_atas, predikat=bands)


class SkalaNilai(models.Model):
    """A text target or realisasi of one satuan read as a number ("WTP" → 4 for satuan "Opini BPK")."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="skala_nilai")
    satuan = models.CharField(_("satuan"), max_length=60)
    teks = models.CharField(_("teks"), max_length=60)
    nilai = models.DecimalField(_("nilai"), max_digits=18, decimal_places=4)

    class Meta:
        verbose_name = _("skala nilai teks")
        verbose_name_plural = _("skala nilai teks")
        ordering = ["pemda", "satuan", "-nilai"]
        constraints = [
            models.UniqueConstraint("pemda", Lower("satuan"), Lower("teks"), name="skala_teks_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.satuan}: {self.teks} = {self.nilai}"


class SasaranStrategis(models.Model):
    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="sasaran_strategis", verbose_name=_("OPD"))
    tahun = models.PositiveSmallIntegerField(_("tahun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    urutan = models.PositiveSmallIntegerField(_("nomor"), default=1)
    nama = models.CharField(_("sasaran strategis"), max_length=500)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sasaran strategis")
        verbose_name_plural = _("sasaran strategis")
        ordering = ["opd", "tahun", "urutan", "pk"]
        constraints = [models.UniqueConstraint(fields=["opd", "tahun", "nama"], name="sasaran_nama_unik")]

    def __str__(self) -> str:
        return self.nama


class Indikator(models.Model):
    class Polaritas(models.TextChoices):
        POSITIF = rules.POSITIF, _("Positif (makin tinggi makin baik)")
        NEGATIF = rules.NEGATIF, _("Negatif (makin rendah makin baik)")

    class CaraPerhitungan(models.TextChoices):
        KUMULATIF = rules.KUMULATIF, _("Kumulatif")
        NILAI_AKHIR = rules.NILAI_AKHIR, _("Nilai akhir")
        RATA_RATA = rules.RATA_RATA, _("Rata-rata")

    sasaran = models.ForeignKey(
        SasaranStrategis, on_delete=models.CASCADE, related_name="indikator", verbose_name=_("sasaran strategis")
    )
    urutan = models.PositiveSmallIntegerField(_("nomor"), default=1)
    nama = models.CharField(_("indikator kinerja"), max_length=500)
    satuan = models.CharField(_("satuan"), max_length=60)
    polaritas = models.CharField(_("polaritas"), max_length=8, choices=Polaritas.choices, default=Polaritas.POSITIF)
    cara_perhitungan = models.CharField(
        _("cara perhitungan"), max_length=12, choices=CaraPerhitungan.choices, default=CaraPerhitungan.KUMULATIF
    )
    cara_pengukuran = models.TextField(_("cara pengukuran / formula"), max_length=2000, blank=True)
    unit = models.ForeignKey(
        UnitKerja, on_delete=models.PROTECT, related_name="indikator_kinerja", verbose_name=_("unit penanggung jawab")
    )
    pagu_anggaran = models.DecimalField(_("pagu anggaran (Rp)"), **MONEY)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indikator kinerja")
        verbose_name_plural = _("indikator kinerja")
        ordering = ["sasaran__urutan", "sasaran_id", "urutan", "pk"]
        constraints = [models.UniqueConstraint(fields=["sasaran", "nama"], name="indikator_nama_unik")]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        if self.unit_id and self.sasaran_id and self.unit.opd_id != self.sasaran.opd_id:
            raise ValidationError({"unit": _("Unit penanggung jawab harus unit OPD ini.")})


class PerjanjianKinerja(models.Model):
    """One version of an OPD's PK for a year: versi 1 the PK murni, later ones PK Perubahan."""

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="perjanjian_kinerja", verbose_name=_("OPD"))
    tahun = models.PositiveSmallIntegerField(_("tahun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    versi = models.PositiveSmallIntegerField(_("versi"), default=1)
    berlaku_mulai = triwulan_field(_("berlaku mulai"), default=1)
    tanggal = models.DateField(_("tanggal penandatanganan"), null=True, blank=True)
    keterangan = models.CharField(_("keterangan"), max_length=500, blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    dokumen = models.ForeignKey(
        "signing.DokumenTertandatangan", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("dokumen bertanda tangan"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("perjanjian kinerja")
        verbose_name_plural = _("perjanjian kinerja")
        ordering = ["opd", "tahun", "versi"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "versi"], name="pk_versi_unik"),
            models.UniqueConstraint(fields=["opd", "tahun", "berlaku_mulai"], name="pk_mulai_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.nama} {self.tahun}"

    @property
    def nama(self) -> str:
        return "Perjanjian Kinerja" if self.versi == 1 else f"PK Perubahan {self.versi - 1}"

    @property
    def dokumen_berlaku(self):
        """The signed document in force (not revoked), or None: a signed version's targets change only by a PK
        Perubahan."""
        document = self.dokumen
        return document if document is not None and document.dicabut_pada is None else None


class Target(models.Model):
    """An indikator's annual target in one PK version, and the quarterly targets of its Rencana Aksi."""

    pk_versi = models.ForeignKey(PerjanjianKinerja, on_delete=models.CASCADE, related_name="target")
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="target")
    tahunan = models.DecimalField(_("target tahunan"), **NUMBER)
    teks = models.CharField(_("target (teks)"), max_length=60, blank=True, help_text=_("Mis. WTP"))
    tw1 = models.DecimalField(_("target TW I"), **NUMBER)
    tw2 = models.DecimalField(_("target TW II"), **NUMBER)
    tw3 = models.DecimalField(_("target TW III"), **NUMBER)
    tw4 = models.DecimalField(_("target TW IV"), **NUMBER)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target kinerja")
        verbose_name_plural = _("target kinerja")
        constraints = [models.UniqueConstraint(fields=["pk_versi", "indikator"], name="target_satu_per_versi")]

    def __str__(self) -> str:
        return f"{self.indikator}: {self.tahunan if self.tahunan is not None else self.teks}"

    def triwulan(self, nomor: int) -> Decimal | None:
        return getattr(self, f"tw{nomor}")


def bukti_upload_to(bukti: "Bukti", filename: str) -> str:
    return f"kinerja/{bukti.realisasi.indikator_id}/{uuid.uuid4().hex}/{filename}"


class Realisasi(models.Model):
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="realisasi")
    triwulan = triwulan_field()
    nilai = models.DecimalField(_("realisasi"), **NUMBER)
    teks = models.CharField(_("realisasi (teks)"), max_length=60, blank=True)
    catatan = models.TextField(_("catatan/permasalahan"), max_length=2000, blank=True)
    tindak_lanjut = models.TextField(_("tindak lanjut"), max_length=2000, blank=True)
    realisasi_anggaran = models.DecimalField(_("realisasi anggaran (Rp)"), **MONEY)
    diubah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("realisasi kinerja")
        verbose_name_plural = _("realisasi kinerja")
        constraints = [models.UniqueConstraint(fields=["indikator", "triwulan"], name="realisasi_satu_per_tw")]

    def __str__(self) -> str:
        return f"{self.indikator} TW {rules.ROMAWI.get(self.triwulan, '?')}"


class Bukti(models.Model):
    """An evidence file of a realisasi, checked like the workflow uploads, served only through a checked view."""

    realisasi = models.ForeignKey(Realisasi, on_delete=models.CASCADE, related_name="bukti")
    berkas = models.FileField(_("berkas"), upload_to=bukti_upload_to, max_length=300)
    nama = models.CharField(_("nama berkas"), max_length=200)
    diunggah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    diunggah_pada = models.DateTimeField(_("diunggah pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["diunggah_pada", "pk"]

    def __str__(self) -> str:
        return self.nama


class FormPengukuran(models.Model):
    """The Form Pengukuran Kinerja of one unit for one triwulan: filled by its staff, validated by its Kabid."""

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan")
        DIVALIDASI = "divalidasi", _("Divalidasi")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="form_pengukuran", verbose_name=_("OPD"))
    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="form_pengukuran")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    triwulan = triwulan_field()
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAF, editable=False)
    alasan = models.TextField(_("alasan terakhir"), blank=True, editable=False)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("form pengukuran kinerja")
        verbose_name_plural = _("form pengukuran kinerja")
        ordering = ["opd", "tahun", "triwulan", "unit__nama"]
        constraints = [models.UniqueConstraint(fields=["unit", "tahun", "triwulan"], name="form_satu_per_unit_tw")]

    def __str__(self) -> str:
        return f"{self.unit} TW {rules.ROMAWI.get(self.triwulan, '?')} {self.tahun}"

    @property
    def is_locked(self) -> bool:
        return self.status in (self.Status.DIAJUKAN, self.Status.DIVALIDASI)


class FormLog(models.Model):
    """One row per move of a form: who, when, from what to what, and why."""

    form = models.ForeignKey(FormPengukuran, on_delete=models.CASCADE, related_name="log")
    move = models.CharField(_("langkah"), max_length=20)
    dari = models.CharField(_("dari"), max_length=12)
    ke = models.CharField(_("ke"), max_length=12)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pada = models.DateTimeField(_("pada"), auto_now_add=True)
    alasan = models.TextField(_("alasan"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("riwayat form pengukuran")
        verbose_name_plural = _("riwayat form pengukuran")
        ordering = ["pada", "pk"]

    def __str__(self) -> str:
        return f"{self.form}: {self.dari} → {self.ke}"
