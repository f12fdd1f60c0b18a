"""Signed documents, numbers and tries are records: read-only for everyone. Patterns and NIKs are settings."""

from django import forms
from django.contrib import admin

from sakip.admin import AuditAdmin
from workflow.signing import numbering
from workflow.signing.models import (
    DokumenTertandatangan,
    Nomor,
    OtoritasSertifikat,
    PercobaanTandaTangan,
    PolaNomor,
    ProfilTte,
    RegisterNomor,
    Sertifikat,
)


@admin.register(DokumenTertandatangan)
class DokumenTertandatanganAdmin(AuditAdmin):
    list_display = ["nomor", "judul", "jenis", "opd", "penandatangan_nama", "tingkat", "ditandatangani_pada"]
    list_filter = ["jenis", "tingkat", "opd__pemda"]
    search_fields = ["nomor", "judul", "sha256"]
    exclude = ["berkas"]


@admin.register(PercobaanTandaTangan)
class PercobaanTandaTanganAdmin(AuditAdmin):
    list_display = ["waktu", "user", "objek", "berhasil", "jenis_gagal", "alamat_ip"]
    list_filter = ["berhasil", "jenis_gagal"]


@admin.register(Nomor)
class NomorAdmin(AuditAdmin):
    list_display = ["teks", "opd", "tahun", "jenis", "urut", "untuk", "diberikan_pada"]
    list_filter = ["jenis", "tahun"]


@admin.register(RegisterNomor)
class RegisterNomorAdmin(AuditAdmin):
    list_display = ["opd", "tahun", "jenis", "terakhir"]


@admin.register(OtoritasSertifikat)
class OtoritasSertifikatAdmin(AuditAdmin):
    list_display = ["pemda", "dibuat_pada"]
    exclude = ["kunci_terenkripsi"]


@admin.register(Sertifikat)
class SertifikatAdmin(AuditAdmin):
    list_display = ["subjek", "user", "berlaku_sampai", "aktif"]
    exclude = ["pkcs12"]


class PolaNomorForm(forms.ModelForm):
    class Meta:
        model = PolaNomor
        fields = ["opd", "jenis", "pola"]
        help_texts = {"pola": "Kolom: {nomor} {nomor_urut} {tahun} {bulan} {bulan_romawi} {kode}"}

    def clean_pola(self):
        pattern = self.cleaned_data["pola"]
        if problem := numbering.pattern_problem(pattern):
            raise forms.ValidationError(problem)
        return pattern


@admin.register(PolaNomor)
class PolaNomorAdmin(admin.ModelAdmin):
    form = PolaNomorForm
    list_display = ["opd", "jenis", "pola"]


@admin.register(ProfilTte)
class ProfilTteAdmin(admin.ModelAdmin):
    list_display = ["user", "nik"]
    search_fields = ["user__username", "nik"]
