from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from sakip.models import Keanggotaan, Opd, Pegawai, Pemda, UnitKerja, User


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
class PegawaiAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "nip_tampil", "golongan", "jabatan", "opd"]
    list_filter = ["opd"]
    search_fields = ["nama", "nip", "jabatan"]


class KeanggotaanInline(admin.TabularInline):
    model = Keanggotaan
    extra = 1


@admin.register(User)
class SakipUserAdmin(UserAdmin):
    inlines = [KeanggotaanInline]
