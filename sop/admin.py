from django.contrib import admin

from sakip.admin import AuditAdmin, HistoryReadOnlyAdmin
from sop.models import Langkah, Pelaksana, Sop, SopItem, SopStatusLog, SyaratPengajuan


def _is_draft(obj) -> bool:
    return obj is None or obj.status == Sop.Status.DRAFT


class DraftOnlyInline:
    """Rows of an SOP change in the admin only while it is a draft (as in the editor)."""

    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
        return _is_draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return _is_draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return _is_draft(obj) and super().has_delete_permission(request, obj)


class PelaksanaInline(DraftOnlyInline, admin.TabularInline):
    model = Pelaksana


class LangkahInline(DraftOnlyInline, admin.StackedInline):
    model = Langkah


class SopItemInline(DraftOnlyInline, admin.TabularInline):
    model = SopItem
    fk_name = "sop"


@admin.register(Sop)
class SopAdmin(HistoryReadOnlyAdmin):
    list_display = ["nomor", "judul", "opd", "versi", "status"]
    list_filter = ["opd", "status"]
    search_fields = ["nomor", "judul"]
    readonly_fields = ["status", "versi", "seri", "revisi_dari", "disahkan_pada"]
    inlines = [PelaksanaInline, LangkahInline, SopItemInline]

    def has_change_permission(self, request, obj=None) -> bool:
        """An SOP that was submitted, approved or superseded changes only through a revision."""
        return (obj is None or obj.status == Sop.Status.DRAFT) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return (obj is None or obj.status == Sop.Status.DRAFT) and super().has_delete_permission(request, obj)


@admin.register(SopStatusLog)
class SopStatusLogAdmin(AuditAdmin):
    list_display = ["sop", "dari", "ke", "actor", "waktu"]
    readonly_fields = ["sop", "dari", "ke", "actor", "catatan", "waktu"]


@admin.register(SyaratPengajuan)
class SyaratPengajuanAdmin(admin.ModelAdmin):
    list_display = ["pemda", "wajib_nomor", "wajib_pengesah", "wajib_tanggal_pembuatan", "wajib_dasar_hukum"]
