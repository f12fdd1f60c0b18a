"""The indikator kinerja of an OPD's year, typed in the browser: the list, a new one, a change, a deletion.

Everyone of the OPD sees the list; the PK editors (Admin OPD, Sekretaris, Kepala) change it. A form refused keeps
what was typed (422).
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from sakip.kinerja import permissions, selectors, struktur
from sakip.kinerja.forms import IndikatorForm
from sakip.kinerja.models import Indikator, Realisasi
from sakip.kinerja.views.common import checked_year
from sakip.states import TransitionError


def _values(form: IndikatorForm) -> dict:
    return {name: form.cleaned_data[name] for name in struktur.FIELDS}


class IndikatorPage(LoginRequiredMixin, View):
    template_name = "kinerja/indikator.html"

    def setup_page(self, opd: int, tahun: int) -> None:
        self.opd = selectors.opd_get(user=self.request.user, pk=opd)
        self.tahun = checked_year(tahun)
        self.may_edit = permissions.may_edit_pk(self.request.user, self.opd.pk)

    def url(self) -> str:
        return reverse("kinerja:indikator", args=(self.opd.pk, self.tahun))

    def refuse(self):
        messages.error(self.request, _("Hanya Admin OPD, Sekretaris atau Kepala yang dapat menyusun indikator."))
        return redirect(self.url())


class IndikatorListView(IndikatorPage):
    def get(self, request, **kwargs):
        self.setup_page(**kwargs)
        return self.render_page(IndikatorForm(opd=self.opd, tahun=self.tahun))

    def render_page(self, form, status=200):
        measured = Realisasi.objects.filter(indikator=OuterRef("pk"))
        indikator = (
            Indikator.objects.filter(sasaran__opd=self.opd, sasaran__tahun=self.tahun)
            .select_related("sasaran", "unit")
            .annotate(measured=Exists(measured))
            .order_by("sasaran__urutan", "sasaran_id", "urutan", "pk")
        )
        context = {"opd": self.opd, "tahun": self.tahun, "indikator": indikator, "form": form}
        context["may_edit"] = self.may_edit
        return render(self.request, self.template_name, context, status=status)

    def post(self, request, **kwargs):
        self.setup_page(**kwargs)
        if not self.may_edit:
            return self.refuse()
        form = IndikatorForm(request.POST, opd=self.opd, tahun=self.tahun)
        if form.is_valid():
            try:
                indikator = struktur.indikator_add(
                    opd=self.opd, tahun=self.tahun, values=_values(form), user=request.user,
                    sasaran=form.cleaned_data["sasaran"], sasaran_baru=form.cleaned_data["sasaran_baru"],
                )  # fmt: skip
            except TransitionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Indikator “%(nama)s” ditambahkan.") % {"nama": indikator.nama})
                return redirect(self.url())
        return self.render_page(form, status=422)


class IndikatorEditView(IndikatorPage):
    template_name = "kinerja/indikator_ubah.html"

    def setup_page(self, opd: int, tahun: int, pk: int) -> None:
        super().setup_page(opd, tahun)
        rows = Indikator.objects.select_related("sasaran", "unit")
        self.indikator = get_object_or_404(rows, pk=pk, sasaran__opd=self.opd, sasaran__tahun=self.tahun)

    def render_page(self, form, status=200):
        context = {
            "opd": self.opd, "tahun": self.tahun, "indikator": self.indikator, "form": form,
            "may_edit": self.may_edit, "measured": struktur.measured(self.indikator),
        }  # fmt: skip
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, **kwargs):
        self.setup_page(**kwargs)
        initial = {name: getattr(self.indikator, name) for name in struktur.FIELDS}
        return self.render_page(IndikatorForm(opd=self.opd, tahun=self.tahun, editing=True, initial=initial))

    def post(self, request, **kwargs):
        self.setup_page(**kwargs)
        if not self.may_edit:
            return self.refuse()
        if "hapus" in request.POST:
            return self.delete()
        form = IndikatorForm(request.POST, opd=self.opd, tahun=self.tahun, editing=True)
        if form.is_valid():
            try:
                struktur.indikator_update(indikator=self.indikator, values=_values(form), user=request.user)
            except TransitionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Indikator “%(nama)s” tersimpan.") % {"nama": form.cleaned_data["nama"]})
                return redirect(self.url())
        return self.render_page(form, status=422)

    def delete(self):
        try:
            struktur.indikator_delete(indikator=self.indikator, user=self.request.user)
        except TransitionError as error:
            messages.error(self.request, str(error))
            return redirect(reverse("kinerja:indikator-ubah", args=(self.opd.pk, self.tahun, self.indikator.pk)))
        messages.success(self.request, _("Indikator “%(nama)s” dihapus.") % {"nama": self.indikator.nama})
        return redirect(self.url())
