"""Organisation: Pemda → OPD → unit kerja, pegawai, users and their roles per OPD."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sakip.golongan import Golongan, pangkat_golongan
from sakip.nip import format_nip, normalize_nip, validate_nip


class NipField(models.CharField):
    """18 digits stored bare; accepts the grouped form people type ("19690815 199803 1 008")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 18)
        kwargs.setdefault("validators", [validate_nip])
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_nip(value) if value else value

    def formfield(self, **kwargs):
        field = super().formfield(**kwargs)
        field.max_length = 24
        field.validators = [v for v in field.validators if not hasattr(v, "limit_value")]
        field.widget.attrs["maxlength"] = 24
        field.widget.attrs.setdefault("placeholder", "19690815 199803 1 008")
        return field


class Pemda(models.Model):
    class Jenis(models.TextChoices):
        PROVINSI = "provinsi", _("Provinsi")
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")

    class ZonaWaktu(models.TextChoices):
        WIB = "Asia/Jakarta", _("WIB (UTC+7)")
        WITA = "Asia/Makassar", _("WITA (UTC+8)")
        WIT = "Asia/Jayapura", _("WIT (UTC+9)")

    nama = models.CharField(_("nama"), max_length=200, help_text=_("Mis. Kabupaten Banggai"))
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    logo = models.ImageField(_("logo"), upload_to="logo/", blank=True)
    zona_waktu = models.CharField(_("zona waktu"), max_length=40, choices=ZonaWaktu.choices, default=ZonaWaktu.WIB)

    class Meta:
        verbose_name = _("pemerintah daerah")
        verbose_name_plural = _("pemerintah daerah")
        ordering = ["nama"]
        constraints = [models.UniqueConstraint(fields=["nama"], name="pemda_nama_unik")]

    def __str__(self) -> str:
        return self.nama

    @property
    def sebutan(self) -> str:
        """'PEMERINTAH KABUPATEN BANGGAI', as the kop of a document reads."""
        return f"Pemerintah {self.nama}".upper()

    @property
    def zona_singkat(self) -> str:
        return self.get_zona_waktu_display().split(" ")[0]


class Opd(models.Model):
    class Kertas(models.TextChoices):
        A4 = "A4", "A4"
        F4 = "F4", _("F4 / Folio (215 × 330 mm)")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="opd_set", verbose_name=_("pemda"))
    nama = models.CharField(_("nama"), max_length=250)
    singkatan = models.CharField(_("singkatan"), max_length=60, blank=True)
    kertas = models.CharField(_("ukuran kertas bawaan"), max_length=2, choices=Kertas.choices, default=Kertas.A4)

    class Meta:
        verbose_name = _("perangkat daerah (OPD)")
        verbose_name_plural = _("perangkat daerah (OPD)")
        ordering = ["pemda__nama", "nama"]
        constraints = [models.UniqueConstraint(fields=["pemda", "nama"], name="opd_nama_unik_per_pemda")]
        # Lists sorted by OPD name first (the SOP list) walk the OPDs in this order and stop after one page,
        # instead of sorting every visible row (bench/README.md, "The province-wide SOP list").
        indexes = [models.Index(fields=["nama"], name="opd_nama")]

    def __str__(self) -> str:
        return self.singkatan or self.nama


class UnitKerja(models.Model):
    class Jenis(models.TextChoices):
        PIMPINAN = "pimpinan", _("Pimpinan")
        SEKRETARIAT = "sekretariat", _("Sekretariat")
        BIDANG = "bidang", _("Bidang / Bagian")
        SUBBAGIAN = "subbagian", _("Subbagian")
        SEKSI = "seksi", _("Seksi / Subbidang")

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="unit_set", verbose_name=_("OPD"))
    induk = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="sub_unit", verbose_name=_("induk")
    )
    nama = models.CharField(_("nama"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["opd", "nama"]

    def __str__(self) -> str:
        return self.nama


class Pegawai(models.Model):
    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="pegawai_set", verbose_name=_("OPD"))
    unit = models.ForeignKey(
        UnitKerja, on_delete=models.SET_NULL, null=True, blank=True, related_name="pegawai_set", verbose_name=_("unit")
    )
    nama = models.CharField(_("nama dengan gelar"), max_length=200)
    nip = NipField(_("NIP"), unique=True)
    golongan = models.CharField(_("pangkat/golongan"), max_length=6, choices=Golongan.choices, blank=True)
    jabatan = models.CharField(_("jabatan"), max_length=250, blank=True)
    user = models.OneToOneField(
        "sakip.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="pegawai", verbose_name=_("akun")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama

    @property
    def nip_tampil(self) -> str:
        return format_nip(self.nip)

    @property
    def pangkat(self) -> str:
        return pangkat_golongan(self.golongan)


class User(AbstractUser):
    """A login. Superusers administer the whole installation; everyone else works inside their OPDs."""

    class Meta(AbstractUser.Meta):
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        swappable = "AUTH_USER_MODEL"

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Keanggotaan(models.Model):
    """A user's role in one OPD; a user may hold several roles and belong to several OPDs."""

    class Peran(models.TextChoices):
        ADMIN_OPD = "admin_opd", _("Admin OPD")
        PENYUSUN = "penyusun", _("Penyusun / Staf")
        VALIDATOR = "validator", _("Kepala Bidang / Kasubbag (validator)")
        SEKRETARIS = "sekretaris", _("Sekretaris")
        KEPALA = "kepala", _("Kepala OPD")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="keanggotaan", verbose_name=_("pengguna"))
    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="keanggotaan", verbose_name=_("OPD"))
    peran = models.CharField(_("peran"), max_length=20, choices=Peran.choices)

    class Meta:
        verbose_name = _("peran pengguna")
        verbose_name_plural = _("peran pengguna")
        constraints = [models.UniqueConstraint(fields=["user", "opd", "peran"], name="keanggotaan_unik")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_peran_display()} {self.opd}"


class AkunLog(models.Model):
    """One row per password change of an account: whose, by whom (the person themselves or an admin), when."""

    class Aksi(models.TextChoices):
        GANTI_SENDIRI = "ganti_sendiri", _("Mengganti kata sandinya sendiri")
        ATUR_ULANG = "atur_ulang", _("Kata sandi diatur ulang oleh admin")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="akun_log", verbose_name=_("pengguna"))
    oleh = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("dilakukan oleh")
    )
    opd = models.ForeignKey(
        Opd, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("sebagai admin OPD")
    )
    aksi = models.CharField(_("aksi"), max_length=20, choices=Aksi.choices)
    waktu = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat akun")
        verbose_name_plural = _("riwayat akun")
        ordering = ["-waktu", "-pk"]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_aksi_display()}"


class PenjabatKepala(models.Model):
    """A pegawai designated to act as an OPD's Kepala for a period, who signs with the prefix Plt. or Plh.

    Plt. (pelaksana tugas) stands in while the post is vacant or its holder is away for long; Plh. (pelaksana
    harian) for days. The pegawai may belong to another OPD of the same Pemda (a Sekretaris or another Kepala).
    """

    class Jenis(models.TextChoices):
        PLT = "plt", _("Plt. (pelaksana tugas)")
        PLH = "plh", _("Plh. (pelaksana harian)")

    PREFIX = {Jenis.PLT: "Plt.", Jenis.PLH: "Plh."}

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="penjabat_kepala", verbose_name=_("OPD"))
    pegawai = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="penunjukan_kepala", verbose_name=_("pegawai")
    )
    jenis = models.CharField(_("jenis"), max_length=3, choices=Jenis.choices)
    jabatan = models.CharField(
        _("jabatan yang dijalankan"), max_length=250,
        help_text=_("Mis. Kepala Bappeda dan Litbang Kabupaten Banggai; tercetak dengan awalan Plt./Plh."),
    )  # fmt: skip
    mulai = models.DateField(_("berlaku mulai"))
    selesai = models.DateField(_("berlaku sampai"), null=True, blank=True, help_text=_("Kosongkan: sampai dicabut."))
    dasar = models.CharField(
        _("dasar penunjukan"), max_length=250, blank=True, help_text=_("Mis. nomor surat perintah.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Plt./Plh. Kepala OPD")
        verbose_name_plural = _("Plt./Plh. Kepala OPD")
        ordering = ["opd", "-mulai", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(selesai__isnull=True) | models.Q(selesai__gte=models.F("mulai")),
                name="penjabat_kepala_selesai_setelah_mulai",
            )
        ]

    def __str__(self) -> str:
        return f"{self.pegawai} — {self.jabatan_tampil}"

    def clean(self) -> None:
        errors = {}
        if self.mulai and self.selesai and self.selesai < self.mulai:
            errors["selesai"] = _("Tanggal akhir tidak boleh sebelum tanggal mulai.")
        if self.opd_id and self.pegawai_id and self.pegawai.opd.pemda_id != self.opd.pemda_id:
            errors["pegawai"] = _("Plt./Plh. harus pegawai Pemda yang sama dengan OPD ini.")
        if errors:
            raise ValidationError(errors)

    @property
    def jabatan_tampil(self) -> str:
        """ "Plt. Kepala Bappeda dan Litbang Kabupaten Banggai", as the signature block prints it."""
        return f"{self.PREFIX[self.jenis]} {self.jabatan}"

    def berlaku_pada(self, day) -> bool:
        return self.mulai <= day and (self.selesai is None or day <= self.selesai)
