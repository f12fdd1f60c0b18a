from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from sakip import accounts
from sakip.models import AkunLog, Keanggotaan, Opd, Pegawai, Pemda, PenjabatKepala, UnitKerja, User


class HistoryReadOnlyAdmin(SimpleHistoryAdmin):
    """The history page shows past versions; nothing is reverted from it.

    A revert through django-simple-history writes the old values back with no audit row and past every state
    table (a disahkan SOP could become a draft again). Changes go through the application's own pages.
    """

    def revert_disabled(self, request, obj=None) -> bool:
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class AuditAdmin(admin.ModelAdmin):
    """Audit rows are written by the transitions only: everyone, the superadmin included, may only read them."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Pemda)
class PemdaAdmin(admin.ModelAdmin):
    list_display = ["nama", "jenis", "zona_waktu"]


@admin.register(Opd)
class OpdAdmin(admin.ModelAdmin):
    list_display = ["nama", "singkatan", "pemda", "kertas"]
    list_filter = ["pemda"]
    search_fields = ["nama", "singkatan"]


@admin.register(UnitKerja)
class UnitKerjaAdmin(admin.ModelAdmin):
    list_display = ["nama", "jenis", "opd", "induk"]
    list_filter = ["opd", "jenis"]


@admin.register(Pegawai)
class PegawaiAdmin(HistoryReadOnlyAdmin):
    list_display = ["nama", "nip_tampil", "golongan", "jabatan", "opd"]
    list_filter = ["opd"]
    search_fields = ["nama", "nip", "jabatan"]


class KeanggotaanInline(admin.TabularInline):
    model = Keanggotaan
    extra = 1


@admin.register(User)
class SakipUserAdmin(UserAdmin):
    inlines = [KeanggotaanInline]

    def user_change_password(self, request, id, form_url=""):
        """Django's page, with the change recorded in the account history (AkunLog) like the app's own resets."""
        pk = unquote(id)
        before = User.objects.filter(pk=pk).values_list("password", flat=True).first() if pk.isdigit() else None
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and before is not None:
            accounts.password_set_in_admin(actor=request.user, user_id=int(pk), before=before)
        return response


@admin.register(AkunLog)
class AkunLogAdmin(AuditAdmin):
    list_display = ["waktu", "user", "aksi", "oleh", "opd"]
    list_filter = ["aksi", "opd"]
    search_fields = ["user__username", "oleh__username"]
    list_select_related = ["user", "oleh", "opd"]


@admin.register(PenjabatKepala)
class PenjabatKepalaAdmin(HistoryReadOnlyAdmin):
    list_display = ["pegawai", "jenis", "opd", "jabatan", "mulai", "selesai"]
    list_filter = ["jenis", "opd"]
    search_fields = ["pegawai__nama", "pegawai__nip", "jabatan"]
    autocomplete_fields = ["pegawai"]
    list_select_related = ["pegawai", "opd"]
