"""The Form Pengukuran Kinerja of a unit for a triwulan: staff fill it, the Kabid validates it."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from sakip.forms import first_error
from sakip.kinerja import permissions, selectors, services, transitions
from sakip.kinerja.forms import AlasanForm, BuktiForm, RealisasiRowForm
from sakip.kinerja.models import FormPengukuran, Indikator, Realisasi
from sakip.kinerja.report import baris_of, indikator_rows, laporan, pengaturan_of, scale_of
from sakip.kinerja.views.common import checked_triwulan, checked_year
from sakip.states import TransitionError
from workflow.uploads import limit_text


class FormMixin(LoginRequiredMixin):
    def setup_form(self, opd: int, tahun: int, triwulan: int, unit: int) -> FormPengukuran:
        self.opd = selectors.opd_get(user=self.request.user, pk=opd)
        self.unit = selectors.unit_get(opd=self.opd, pk=unit)
        self.tahun, self.triwulan = checked_year(tahun), checked_triwulan(triwulan)
        return selectors.form_find(opd=self.opd, unit=self.unit, tahun=self.tahun, triwulan=self.triwulan)

    def form_url(self) -> str:
        args = (self.opd.pk, self.tahun, self.triwulan, self.unit.pk)
        return reverse("kinerja:form", args=args)


def row_initial(cell) -> dict:
    row = cell.realisasi_row
    if row is None:
        return {}
    return {f: getattr(row, f) for f in ("nilai", "teks", "catatan", "tindak_lanjut", "realisasi_anggaran")}


class FormPengukuranView(FormMixin, View):
    template_name = "kinerja/form_pengukuran.html"

    def get(self, request, **kwargs):
        return self.render_page(self.setup_form(**kwargs))

    def rows(self, form):
        report = laporan(self.opd, self.tahun, f"tw{self.triwulan}", unit_id=self.unit.pk)
        return report, [(row, row.sel[self.triwulan]) for row in report.baris]

    def render_page(self, form, bound: dict | None = None, status: int = 200):
        user = self.request.user
        report, rows = self.rows(form)
        editable = permissions.may_fill(user, form) and not form.is_locked
        entries = [
            (row, cell, (bound or {}).get(row.indikator.pk)
             or RealisasiRowForm(prefix=f"r{row.indikator.pk}", initial=row_initial(cell)))
            for row, cell in rows
        ]  # fmt: skip
        context = {
            "form_obj": form,
            "opd": self.opd,
            "unit": self.unit,
            "tahun": self.tahun,
            "triwulan": self.triwulan,
            "entries": entries,
            "report": report,
            "editable": editable,
            "buttons": [m for m in transitions.FORM_STATES if transitions.can(user, m.name, form)],
            "alasan_form": AlasanForm(),
            "bukti_form": BuktiForm(),
            "upload_limit": limit_text(),
            "log": selectors.form_log(form=form),
            "form_url": self.form_url(),
        }
        return render(self.request, self.template_name, context, status=status)

    def post(self, request, **kwargs):
        form = self.setup_form(**kwargs)
        ids = list(Indikator.objects.filter(unit=self.unit, sasaran__tahun=self.tahun).values_list("pk", flat=True))
        bound = {pk: RealisasiRowForm(request.POST, prefix=f"r{pk}") for pk in ids}
        invalid = [f for f in bound.values() if not f.is_valid()]
        if invalid:
            messages.error(request, _("Periksa isian yang ditandai: %(error)s") % {"error": first_error(invalid[0])})
            return self.render_page(form, bound=bound, status=400)
        rows = [services.RealisasiInput(indikator_id=pk, **f.cleaned_data) for pk, f in bound.items()]
        try:
            saved_form = form if form.pk else services.form_get(
                opd=self.opd, unit=self.unit, tahun=self.tahun, triwulan=self.triwulan
            )  # fmt: skip
            saved = services.realisasi_save(form=saved_form, rows=rows, user=request.user)
        except (TransitionError, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return self.render_page(form, bound=bound, status=400)
        messages.success(request, _("Tersimpan: %(n)d indikator diperbarui.") % {"n": len(saved)})
        return redirect(self.form_url())


class FormMoveView(FormMixin, View):
    """POST-only: ajukan, validasi, kembalikan (with a reason), buka kunci (with a reason)."""

    http_method_names = ["post"]

    def post(self, request, move: str, **kwargs):
        if move not in transitions.FORM_STATES.moves:
            raise Http404
        form = self.setup_form(**kwargs)
        reason = AlasanForm(request.POST)
        reason.is_valid()
        try:
            if form.pk is None:
                if not transitions.can(request.user, move, form):
                    raise TransitionError(str(transitions.REFUSALS[move]))
                form = services.form_get(opd=self.opd, unit=self.unit, tahun=self.tahun, triwulan=self.triwulan)
            form = transitions.form_move(
                form=form, actor=request.user, move=move, alasan=reason.cleaned_data.get("alasan", "")
            )
        except TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Form %(form)s kini %(status)s.") % {
                "form": form, "status": form.get_status_display().lower()
            })  # fmt: skip
        return redirect(self.form_url())


class HitungView(FormMixin, View):
    """htmx: the capaian of one row as its realisasi is typed, by the same rules as the saved figures."""

    http_method_names = ["post"]
    template_name = "kinerja/_capaian_cell.html"

    def post(self, request, indikator: int, **kwargs):
        form = self.setup_form(**kwargs)
        found = list(indikator_rows(self.opd, self.tahun, self.unit.pk).filter(pk=indikator))
        if not found:
            raise Http404
        typed = RealisasiRowForm(request.POST, prefix=f"r{indikator}")
        context = {"form_obj": form, "error": ""}
        if not typed.is_valid():
            context["error"] = first_error(typed)
        else:
            row = _with_typed(found[0], self.triwulan, typed.cleaned_data)
            scale = scale_of(self.opd)
            context["cell"] = baris_of(1, row, (self.triwulan,), scale, pengaturan_of(self.opd)).sel[self.triwulan]
        return render(request, self.template_name, context)


def _with_typed(indikator, triwulan: int, data: dict):
    """The indikator with the typed realisasi in place of the stored one (nothing saved)."""
    rows = [r for r in indikator.realisasi.all() if r.triwulan != triwulan]
    rows.append(Realisasi(indikator=indikator, triwulan=triwulan, nilai=data["nilai"], teks=data["teks"]))
    indikator._prefetched_objects_cache["realisasi"] = rows
    return indikator


class BuktiAddView(FormMixin, View):
    http_method_names = ["post"]

    def post(self, request, indikator: int, **kwargs):
        form = self.setup_form(**kwargs)
        found = indikator_rows(self.opd, self.tahun, self.unit.pk).filter(pk=indikator).first()
        if found is None:
            raise Http404
        upload = BuktiForm(request.POST, request.FILES)
        if not upload.is_valid():
            messages.error(request, first_error(upload))
            return redirect(self.form_url())
        try:
            form = form if form.pk else services.form_get(
                opd=self.opd, unit=self.unit, tahun=self.tahun, triwulan=self.triwulan
            )  # fmt: skip
            berkas = upload.cleaned_data["berkas"]
            bukti = services.bukti_add(form=form, indikator=found, upload=berkas, user=request.user)
        except (TransitionError, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Bukti “%(nama)s” terlampir.") % {"nama": bukti.nama})
        return redirect(self.form_url())


class BuktiFileView(LoginRequiredMixin, View):
    def get(self, request, pk: int):
        bukti = selectors.bukti_get(user=request.user, pk=pk)
        try:
            handle = bukti.berkas.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, as_attachment=True, filename=bukti.nama)
        response["Content-Security-Policy"] = "sandbox"
        return response
