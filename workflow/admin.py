from django.contrib import admin

from sakip.admin import HistoryReadOnlyAdmin
from workflow.models import HariLibur, KalenderKerja, RoleHolder, Run, RunLog, Task


@admin.register(KalenderKerja)
class KalenderKerjaAdmin(admin.ModelAdmin):
    list_display = ["pemda", "jam_mulai", "jam_selesai", "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"]


@admin.register(HariLibur)
class HariLiburAdmin(admin.ModelAdmin):
    list_display = ["tanggal", "nama", "pemda"]
    list_filter = ["pemda"]
    date_hierarchy = "tanggal"
    search_fields = ["nama"]


@admin.register(RoleHolder)
class RoleHolderAdmin(HistoryReadOnlyAdmin):
    list_display = ["pelaksana", "user", "opd"]
    list_filter = ["opd"]
    search_fields = ["pelaksana", "user__username", "user__first_name"]
    raw_id_fields = ["user"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Runs change only through workflow.transitions; the admin may look, not edit."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # a run and its log are the record of what was done


class TaskInline(admin.TabularInline):
    model = Task
    extra = 0
    fields = ["urutan", "putaran", "status", "assignee", "dibuka_pada", "jatuh_tempo", "selesai_pada", "menit_kerja"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Run)
class RunAdmin(ReadOnlyAdmin):
    list_display = ["sop", "opd", "tahun", "periode", "status", "langkah_aktif", "dimulai_pada"]
    list_filter = ["status", "periode", "tahun", "opd"]
    inlines = [TaskInline]


@admin.register(RunLog)
class RunLogAdmin(ReadOnlyAdmin):
    list_display = ["waktu", "run", "actor", "aksi", "dari", "ke", "catatan"]
    list_filter = ["aksi"]

    def has_delete_permission(self, request, obj=None):
        return False
