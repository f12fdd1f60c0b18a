"""Signed documents, the local CA and its certificates, number registers, and every signing try."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sakip.models import Opd, Pemda


def new_token() -> str:
    """The unguessable part of a verification address (/v/<token>/): 128 bits in hex, so it never starts with "-"
    (which `manage.py cabut_ttd TOKEN` would read as an option) and reads back without ambiguity."""
    return secrets.token_hex(16)


def signed_upload_to(document: "DokumenTertandatangan", filename: str) -> str:
    return f"ttd/{document.opd_id}/{uuid.uuid4().hex}.pdf"


class OtoritasSertifikat(models.Model):
    """A Pemda's own certificate authority for the local backend (development, demos, an office's own CA)."""

    pemda = models.OneToOneField(Pemda, on_delete=models.CASCADE, related_name="otoritas_sertifikat")
    sertifikat_pem = models.TextField(_("sertifikat CA (PEM)"))
    # PKCS#8, encrypted with SIGNING_CA_PASSPHRASE (or a key derived from SECRET_KEY); never stored in plain form.
    kunci_terenkripsi = models.BinaryField(_("kunci privat terenkripsi"))
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("otoritas sertifikat lokal")
        verbose_name_plural = _("otoritas sertifikat lokal")

    def __str__(self) -> str:
        return f"CA {self.pemda}"


class Sertifikat(models.Model):
    """A signer's certificate from the local CA, with its key in a PKCS#12 encrypted by the signer's passphrase."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sertifikat_tte")
    otoritas = models.ForeignKey(OtoritasSertifikat, on_delete=models.PROTECT, related_name="sertifikat")
    sertifikat_pem = models.TextField(_("sertifikat (PEM)"))
    pkcs12 = models.BinaryField(_("PKCS#12 terenkripsi"))
    serial = models.CharField(_("nomor seri"), max_length=64)
    subjek = models.CharField(_("subjek"), max_length=500)
    berlaku_mulai = models.DateTimeField(_("berlaku mulai"))
    berlaku_sampai = models.DateTimeField(_("berlaku sampai"))
    aktif = models.BooleanField(_("aktif"), default=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sertifikat elektronik")
        verbose_name_plural = _("sertifikat elektronik")
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=models.Q(aktif=True), name="satu_sertifikat_aktif")
        ]

    def __str__(self) -> str:
        return self.subjek


class ProfilTte(models.Model):
    """What a TTE provider knows the signer by (BSrE: the NIK)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profil_tte")
    nik = models.CharField(_("NIK"), max_length=16, blank=True)

    class Meta:
        verbose_name = _("profil TTE")
        verbose_name_plural = _("profil TTE")

    def __str__(self) -> str:
        return f"{self.user} ({self.nik})"


class PercobaanTandaTangan(models.Model):
    """Every signing try, good or bad: five bad ones in a row lock signing for that user for a while."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    waktu = models.DateTimeField(auto_now_add=True, db_index=True)
    berhasil = models.BooleanField(_("berhasil"))
    jenis_gagal = models.CharField(_("jenis kegagalan"), max_length=20, blank=True)
    objek = models.CharField(_("dokumen"), max_length=300)
    pesan = models.CharField(_("pesan"), max_length=500, blank=True)
    alamat_ip = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("percobaan tanda tangan")
        verbose_name_plural = _("percobaan tanda tangan")
        ordering = ["-waktu", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} {self.waktu:%Y-%m-%d %H:%M} {'berhasil' if self.berhasil else self.jenis_gagal}"


class JenisNomor(models.TextChoices):
    SOP = "sop", _("Nomor SOP")
    SURAT = "surat", _("Nomor surat")


class PolaNomor(models.Model):
    """How an OPD writes a kind of number: "050/{nomor}/Bappeda/{tahun}"; see signing.numbering for the fields."""

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="pola_nomor")
    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisNomor.choices)
    pola = models.CharField(_("pola"), max_length=120)

    class Meta:
        verbose_name = _("pola nomor")
        verbose_name_plural = _("pola nomor")
        constraints = [models.UniqueConstraint(fields=["opd", "jenis"], name="pola_nomor_unik")]

    def __str__(self) -> str:
        return f"{self.opd} {self.jenis}: {self.pola}"


class RegisterNomor(models.Model):
    """The last number given per OPD, year and kind; taken under a row lock in the signing's transaction."""

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisNomor.choices)
    terakhir = models.PositiveIntegerField(_("nomor terakhir"), default=0)

    class Meta:
        verbose_name = _("register nomor")
        verbose_name_plural = _("register nomor")
        constraints = [models.UniqueConstraint(fields=["opd", "tahun", "jenis"], name="register_nomor_unik")]

    def __str__(self) -> str:
        return f"{self.opd} {self.tahun} {self.jenis}: {self.terakhir}"


class Nomor(models.Model):
    """One number given: the register's row, what it was given to, and the text printed."""

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisNomor.choices)
    urut = models.PositiveIntegerField(_("nomor urut"))
    teks = models.CharField(_("nomor"), max_length=150)
    untuk = models.CharField(_("diberikan untuk"), max_length=300)
    run = models.ForeignKey("workflow.Run", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    diberikan_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nomor")
        verbose_name_plural = _("nomor")
        constraints = [models.UniqueConstraint(fields=["opd", "tahun", "jenis", "urut"], name="nomor_urut_unik")]
        ordering = ["opd", "tahun", "jenis", "urut"]

    def __str__(self) -> str:
        return self.teks


class DokumenTertandatangan(models.Model):
    """A signed PDF: what it is, who signed it with which certificate, and the address its QR code opens."""

    class Jenis(models.TextChoices):
        SOP = "sop", _("SOP")
        KINERJA = "kinerja", _("Dokumen Pengukuran Kinerja")
        PK = "pk", _("Perjanjian Kinerja")

    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices)
    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="+", verbose_name=_("OPD"))
    sop = models.ForeignKey("sop.Sop", on_delete=models.PROTECT, null=True, blank=True, related_name="tanda_tangan")
    run = models.ForeignKey("workflow.Run", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    judul = models.CharField(_("judul"), max_length=400)
    nomor = models.CharField(_("nomor"), max_length=150, blank=True)
    kertas = models.CharField(_("kertas"), max_length=2, blank=True)
    berkas = models.FileField(_("berkas"), upload_to=signed_upload_to, max_length=300)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    ukuran = models.PositiveIntegerField(_("ukuran (bita)"))
    penandatangan = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    penandatangan_nama = models.CharField(_("nama penanda tangan"), max_length=200)
    penandatangan_nip = models.CharField(_("NIP penanda tangan"), max_length=30, blank=True)
    penandatangan_jabatan = models.CharField(_("jabatan penanda tangan"), max_length=250, blank=True)
    tingkat = models.CharField(_("tingkat PAdES"), max_length=8)
    subjek = models.CharField(_("subjek sertifikat"), max_length=500)
    penerbit = models.CharField(_("penerbit sertifikat"), max_length=500)
    serial = models.CharField(_("nomor seri sertifikat"), max_length=64)
    backend = models.CharField(_("layanan"), max_length=20)
    referensi = models.CharField(_("referensi layanan"), max_length=100, blank=True)
    ditandatangani_pada = models.DateTimeField(_("ditandatangani pada"))
    dicabut_pada = models.DateTimeField(_("dicabut pada"), null=True, blank=True)
    alasan_dicabut = models.CharField(_("alasan pencabutan"), max_length=500, blank=True)
    diganti_oleh = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("diganti oleh"),
        help_text=_("Dokumen bertanda tangan yang menggantikannya (mis. PK Perubahan)."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("dokumen tertandatangan")
        verbose_name_plural = _("dokumen tertandatangan")
        ordering = ["-ditandatangani_pada", "-pk"]
        indexes = [
            models.Index(fields=["opd", "-ditandatangani_pada"]),
            # the arsip of a province-wide reader, newest first, and its first and last years
            models.Index(fields=["-ditandatangani_pada", "-id"], name="ttd_terbaru"),
        ]

    def __str__(self) -> str:
        return f"{self.nomor} {self.judul}".strip()

    def get_absolute_url(self) -> str:
        return reverse("signing:verify", kwargs={"token": self.token})
