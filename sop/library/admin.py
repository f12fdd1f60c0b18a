from django.contrib import admin

from sop.library.models import SopTemplate, TemplateUse


@admin.register(SopTemplate)
class SopTemplateAdmin(admin.ModelAdmin):
    list_display = ["judul", "slug", "versi", "is_current", "dimuat_pada"]
    list_filter = ["is_current"]
    search_fields = ["slug", "judul"]
    readonly_fields = ["slug", "versi", "judul", "deskripsi", "content", "is_current", "dimuat_pada", "dimuat_oleh"]


@admin.register(TemplateUse)
class TemplateUseAdmin(admin.ModelAdmin):
    list_display = ["sop", "template", "dibuat_oleh", "dibuat_pada"]
    readonly_fields = ["sop", "template", "dibuat_oleh", "dibuat_pada"]
