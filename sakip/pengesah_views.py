"""The Pejabat pengesah page: an OPD's admin sees its Kepala and records or ends a Plt./Plh. Kepala."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from sakip import pengesah, permissions
from sakip.dates import tanggal_indonesia
from sakip.forms import PenjabatEndForm, PenjabatForm
from sakip.models import Opd, PenjabatKepala
from sakip.selectors import opds_of


def _managed_opds(user):
    if user.is_superuser:
        return opds_of(user)
    return Opd.objects.select_related("pemda").filter(pk__in=permissions.administered_opds(user))


def _page_url(opd: Opd) -> str:
    return f"{reverse('pengesah')}?opd={opd.pk}"


class PengesahView(LoginRequiredMixin, View):
    template_name = "sakip/pengesah.html"

    def _opd(self, request, value) -> tuple[Opd, list[Opd]]:
        opds = list(_managed_opds(request.user).order_by("nama")[:1000])
        if not opds:
            raise Http404
        chosen = next((o for o in opds if str(o.pk) == str(value)), None)
        if value and chosen is None:
            raise Http404
        return chosen or opds[0], opds

    def _render(self, request, opd, opds, form, status=200):
        today = pengesah.today_in(opd)
        rows = list(PenjabatKepala.objects.filter(opd=opd).select_related("pegawai__opd")[:50])
        for row in rows:
            row.aktif = row.berlaku_pada(today)
        context = {
            "opd": opd,
            "opds": opds,
            "today": today,
            "kepala": list(pengesah.kepala_pegawai(opd).order_by("nama")),
            "rows": rows,
            "form": form,
            "end_form": PenjabatEndForm(initial={"selesai": today}),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        opd, opds = self._opd(request, request.GET.get("opd"))
        return self._render(request, opd, opds, PenjabatForm(opd=opd))

    def post(self, request):
        opd, opds = self._opd(request, request.POST.get("opd"))
        form = PenjabatForm(request.POST, opd=opd)
        if not form.is_valid():
            return self._render(request, opd, opds, form, status=400)
        data = form.cleaned_data
        try:
            row = pengesah.penjabat_add(
                actor=request.user, opd=opd, pegawai=data["nip"], jenis=data["jenis"], jabatan=data["jabatan"],
                mulai=data["mulai"], selesai=data["selesai"], dasar=data["dasar"],
            )  # fmt: skip
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self._render(request, opd, opds, form, status=400)
        messages.success(request, _("%(who)s tercatat sebagai %(as)s mulai %(from)s.") % {
            "who": row.pegawai.nama, "as": row.jabatan_tampil, "from": tanggal_indonesia(row.mulai)})  # fmt: skip
        return redirect(_page_url(opd))


class PenjabatEndView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        row = get_object_or_404(PenjabatKepala.objects.select_related("opd", "pegawai"), pk=pk)
        if not permissions.may_manage_pengesah(request.user, row.opd_id):
            raise Http404
        form = PenjabatEndForm(request.POST)
        if not form.is_valid():
            messages.error(request, form.errors["selesai"][0])
            return redirect(_page_url(row.opd))
        try:
            row = pengesah.penjabat_end(actor=request.user, penjabat=row, selesai=form.cleaned_data["selesai"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(_page_url(row.opd))
        messages.success(request, _("Penunjukan %(who)s sebagai %(as)s berakhir %(to)s.") % {
            "who": row.pegawai.nama, "as": row.jabatan_tampil, "to": tanggal_indonesia(row.selesai)})  # fmt: skip
        return redirect(_page_url(row.opd))
