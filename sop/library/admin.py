"""The template library in the admin: the versions, an upload checked with a preview, each version's preview."""

from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from sop.library.format import TemplateError, fill
from sop.library.forms import TemplateConfirmForm, TemplateUploadForm
from sop.library.models import SopTemplate, TemplateUse
from sop.library.preview import preview_rows
from sop.library.services import read_file, templates_load
from sop.library.validate import read_template

# What a preview in the admin fills in: an OPD that does not exist, so every placeholder is visible as such.
SAMPLE_VALUES = {
    "opd": "«nama OPD»",
    "opd_singkatan": "«singkatan OPD»",
    "kepala": "«jabatan Kepala»",
    "pemda": "«nama Pemda»",
}


@admin.register(SopTemplate)
class SopTemplateAdmin(admin.ModelAdmin):
    list_display = ["judul", "slug", "versi", "is_current", "dimuat_pada", "pratinjau"]
    list_filter = ["is_current"]
    search_fields = ["slug", "judul"]
    readonly_fields = ["slug", "versi", "judul", "deskripsi", "content", "is_current", "dimuat_pada", "dimuat_oleh"]
    change_list_template = "admin/sop_library/soptemplate/change_list.html"

    @admin.display(description=_("pratinjau"))
    def pratinjau(self, obj):
        return format_html(
            '<a href="{}">Pratinjau</a>', reverse("admin:sop_library_soptemplate_preview", args=[obj.pk])
        )

    def has_add_permission(self, request):
        return False  # templates come in through the checked upload, never typed into a raw JSON field

    def get_urls(self):
        own = [
            path("unggah/", self.admin_site.admin_view(self.upload_view), name="sop_library_soptemplate_upload"),
            path(
                "<int:pk>/pratinjau/",
                self.admin_site.admin_view(self.preview_view),
                name="sop_library_soptemplate_preview",
            ),
        ]
        return own + super().get_urls()

    def _render(self, request, name, context, status=200):
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, **context}
        return render(request, f"admin/sop_library/soptemplate/{name}.html", context, status=status)

    def preview_view(self, request, pk):
        stored = get_object_or_404(SopTemplate, pk=pk)
        content = fill(read_template(stored.content).content, SAMPLE_VALUES)
        return self._render(
            request, "preview", {"title": str(stored), "stored": stored, "preview": preview_rows(content)}
        )

    def upload_view(self, request):
        if not self.has_change_permission(request):
            return redirect("admin:index")
        if request.method == "POST" and "muat" in request.POST:
            return self._confirm(request)
        form = TemplateUploadForm(request.POST or None, request.FILES or None)
        context = {"title": _("Unggah templat SOP"), "form": form}
        if request.method != "POST" or not form.is_valid():
            return self._render(request, "upload", context, status=422 if request.method == "POST" else 200)
        upload = form.cleaned_data["berkas"]
        data = upload.read()
        try:
            templates = read_file(data, source=upload.name)
            text = data.decode("utf-8")
        except TemplateError as error:
            context["error"] = error
            return self._render(request, "upload", context, status=422)
        previews = [(t, preview_rows(fill(t.content, SAMPLE_VALUES))) for t in templates]
        confirm = TemplateConfirmForm(initial={"nama": upload.name[:200], "isi": text})
        return self._render(request, "upload", {**context, "previews": previews, "confirm": confirm})

    def _confirm(self, request):
        confirm = TemplateConfirmForm(request.POST)
        if not confirm.is_valid():
            messages.error(request, _("Berkas tidak terbawa dari pratinjau; unggah lagi."))
            return redirect("admin:sop_library_soptemplate_upload")
        try:
            loaded = templates_load(
                data=confirm.cleaned_data["isi"], source=confirm.cleaned_data["nama"], user=request.user
            )
        except TemplateError as error:
            messages.error(request, str(error))
            return redirect("admin:sop_library_soptemplate_upload")
        for item in loaded:
            messages.success(
                request,
                _("%(slug)s versi %(v)s: %(what)s.")
                % {"slug": item.template.slug, "v": item.template.versi, "what": _ACTIONS[item.action]},
            )
        return redirect(reverse("admin:sop_library_soptemplate_changelist"))


_ACTIONS = {"baru": "dimuat", "versi_baru": "dimuat sebagai versi berlaku", "sama": "sudah ada, tidak berubah"}


@admin.register(TemplateUse)
class TemplateUseAdmin(admin.ModelAdmin):
    list_display = ["sop", "template", "dibuat_oleh", "dibuat_pada"]
    readonly_fields = ["sop", "template", "dibuat_oleh", "dibuat_pada"]

    def has_add_permission(self, request):
        return False
