from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sakip.kinerja.models import (
    FormLog,
    FormPengukuran,
    Indikator,
    PengaturanKinerja,
    PerjanjianKinerja,
    Realisasi,
    SasaranStrategis,
    SkalaNilai,
    Target,
)


@admin.register(PengaturanKinerja)
class PengaturanKinerjaAdmin(admin.ModelAdmin):
    list_display = ["pemda", "batas_atas", "batas_sangat_tinggi", "batas_tinggi", "batas_sedang", "batas_rendah"]


@admin.register(SkalaNilai)
class SkalaNilaiAdmin(admin.ModelAdmin):
    list_display = ["pemda", "satuan", "teks", "nilai"]
    list_filter = ["pemda"]


class IndikatorInline(admin.TabularInline):
    model = Indikator
    extra = 0
    fields = ["urutan", "nama", "satuan", "polaritas", "cara_perhitungan", "unit", "pagu_anggaran"]


@admin.register(SasaranStrategis)
class SasaranAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "opd", "tahun"]
    list_filter = ["tahun", "opd"]
    inlines = [IndikatorInline]


def _signed(pk_versi) -> bool:
    """A signed PK is read-only here too: its targets change only by a PK Perubahan."""
    return pk_versi is not None and pk_versi.dokumen_berlaku is not None


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    raw_id_fields = ["indikator"]

    def has_add_permission(self, request, obj=None):
        return not _signed(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _signed(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _signed(obj) and super().has_delete_permission(request, obj)


@admin.register(PerjanjianKinerja)
class PkAdmin(admin.ModelAdmin):
    list_display = ["__str__", "opd", "berlaku_mulai", "tanggal"]
    list_filter = ["tahun", "opd"]
    readonly_fields = ["tanggal", "dokumen", "dibuat_oleh"]
    inlines = [TargetInline]

    def has_change_permission(self, request, obj=None):
        return not _signed(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _signed(obj) and super().has_delete_permission(request, obj)


@admin.register(Realisasi)
class RealisasiAdmin(SimpleHistoryAdmin):
    list_display = ["indikator", "triwulan", "nilai", "teks", "diubah_oleh"]
    raw_id_fields = ["indikator"]


class FormLogInline(admin.TabularInline):
    model = FormLog
    extra = 0
    readonly_fields = ["move", "dari", "ke", "oleh", "pada", "alasan"]
    can_delete = False


@admin.register(FormPengukuran)
class FormPengukuranAdmin(admin.ModelAdmin):
    list_display = ["unit", "opd", "tahun", "triwulan", "status"]
    list_filter = ["status", "tahun"]
    readonly_fields = ["status", "alasan"]
    inlines = [FormLogInline]
