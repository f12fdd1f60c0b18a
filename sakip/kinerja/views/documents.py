"""The Dokumen Pengukuran Kinerja (page, PDF, XLSX), the XLSX template, and the import with its preview."""

import base64

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from sakip.kinerja import charts, permissions, selectors
from sakip.kinerja.capaian import PERIODS
from sakip.kinerja.document import document_pdf, filename_of
from sakip.kinerja.forms import ImportForm
from sakip.kinerja.report import laporan
from sakip.kinerja.views.common import checked_year
from sakip.kinerja.xlsx.importer import import_sheet
from sakip.kinerja.xlsx.reader import read
from sakip.kinerja.xlsx.writer import document_bytes, template_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "kinerja_import"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class DokumenView(LoginRequiredMixin, View):
    template_name = "kinerja/dokumen.html"

    def get(self, request, opd: int, tahun: int, periode: str):
        if periode not in PERIODS:
            raise Http404
        report = laporan(selectors.opd_get(user=request.user, pk=opd), checked_year(tahun), periode)
        kind = request.GET.get("format")
        if kind == "pdf":
            return _download(document_pdf(report), "application/pdf", filename_of(report, "pdf"))
        if kind == "xlsx":
            return _download(document_bytes(report), XLSX, filename_of(report, "xlsx"))
        context = {
            "report": report,
            "opd": report.opd,
            "per_indikator": charts.per_indikator(report),
            "trend": charts.trend(report),
        }
        return render(request, self.template_name, context)


class TemplatView(LoginRequiredMixin, View):
    def get(self, request, opd: int, tahun: int):
        report = laporan(selectors.opd_get(user=request.user, pk=opd), checked_year(tahun), "tahunan")
        return _download(template_bytes(report), XLSX, filename_of(report, "xlsx").replace("pengukuran", "templat"))


class ImportView(LoginRequiredMixin, View):
    """Upload → preview (rows and every error, nothing saved) → import (all rows or none)."""

    template_name = "kinerja/import.html"

    def setup_opd(self, opd: int, tahun: int):
        self.opd = selectors.opd_get(user=self.request.user, pk=opd)
        self.tahun = checked_year(tahun)
        if not permissions.may_edit_pk(self.request.user, self.opd.pk):
            raise Http404

    def page(self, form, **extra):
        context = {"opd": self.opd, "tahun": self.tahun, "form": form, **extra}
        return render(self.request, self.template_name, context, status=400 if extra.get("errors") else 200)

    def get(self, request, opd: int, tahun: int):
        self.setup_opd(opd, tahun)
        return self.page(ImportForm(opd=self.opd))

    def post(self, request, opd: int, tahun: int):
        self.setup_opd(opd, tahun)
        form = ImportForm(request.POST, request.FILES, opd=self.opd)
        if not form.is_valid():
            return self.page(form, errors=[e for errs in form.errors.values() for e in errs])
        if "confirm" in request.POST:
            return self.confirm(form)
        content = form.cleaned_data["berkas"].read()
        hasil = read(content)
        unit = form.cleaned_data["unit"]
        preview = import_sheet(opd=self.opd, tahun=self.tahun, hasil=hasil, user=request.user, default_unit=unit,
                               dry_run=True)  # fmt: skip
        if preview.ok:
            request.session[SESSION_KEY] = {
                "opd": self.opd.pk, "tahun": self.tahun, "content": base64.b64encode(content).decode("ascii")
            }  # fmt: skip
        return self.page(form, hasil=hasil, preview=preview, errors=preview.errors)

    def confirm(self, form):
        stored = self.request.session.get(SESSION_KEY) or {}
        if stored.get("opd") != self.opd.pk or stored.get("tahun") != self.tahun:
            messages.error(self.request, _("Pratinjau sudah kedaluwarsa; unggah berkasnya lagi."))
            return redirect(self.request.path)
        hasil = read(base64.b64decode(stored["content"]))
        summary = import_sheet(opd=self.opd, tahun=self.tahun, hasil=hasil, user=self.request.user,
                               default_unit=form.cleaned_data["unit"])  # fmt: skip
        if not summary.ok:
            return self.page(form, hasil=hasil, preview=summary, errors=summary.errors)
        del self.request.session[SESSION_KEY]
        messages.success(self.request, _("Diimpor: %(summary)s.") % {"summary": summary})
        return redirect(reverse("kinerja:dashboard") + f"?opd={self.opd.pk}&tahun={self.tahun}&periode=tw1")
