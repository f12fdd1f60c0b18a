from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sop.models import Langkah, Pelaksana, Sop, SopItem, SopStatusLog, SyaratPengajuan


class PelaksanaInline(admin.TabularInline):
    model = Pelaksana
    extra = 0


class LangkahInline(admin.StackedInline):
    model = Langkah
    extra = 0


class SopItemInline(admin.TabularInline):
    model = SopItem
    extra = 0
    fk_name = "sop"


@admin.register(Sop)
class SopAdmin(SimpleHistoryAdmin):
    list_display = ["nomor", "judul", "opd", "versi", "status"]
    list_filter = ["opd", "status"]
    search_fields = ["nomor", "judul"]
    readonly_fields = ["status", "versi", "seri", "revisi_dari", "disahkan_pada"]
    inlines = [PelaksanaInline, LangkahInline, SopItemInline]


@admin.register(SopStatusLog)
class SopStatusLogAdmin(admin.ModelAdmin):
    list_display = ["sop", "dari", "ke", "actor", "waktu"]
    readonly_fields = ["sop", "dari", "ke", "actor", "catatan", "waktu"]


@admin.register(SyaratPengajuan)
class SyaratPengajuanAdmin(admin.ModelAdmin):
    list_display = ["pemda", "wajib_nomor", "wajib_pengesah", "wajib_tanggal_pembuatan", "wajib_dasar_hukum"]
