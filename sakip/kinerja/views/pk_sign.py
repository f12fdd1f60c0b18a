"""The Perjanjian Kinerja as a PDF (the draft, or the signed file once signed) and its signing by the Kepala."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from sakip.client_ip import client_ip
from sakip.kinerja import pk_document, pk_signing, selectors
from sakip.kinerja.models import PerjanjianKinerja
from sakip.kinerja.views.common import checked_year
from sakip.states import TransitionError
from sop.printing.render import SignedFileError
from workflow.signing.backends import SigningError
from workflow.signing.forms import SignForm
from workflow.signing.selectors import checked_bytes


def version_get(request, opd: int, tahun: int, versi: int) -> PerjanjianKinerja:
    """The PK version, only for a user who sees its OPD (404 otherwise)."""
    opd_ = selectors.opd_get(user=request.user, pk=opd)
    rows = PerjanjianKinerja.objects.select_related("opd__pemda", "dokumen")
    return get_object_or_404(rows, opd=opd_, tahun=checked_year(tahun), versi=versi)


class PkPdfView(LoginRequiredMixin, View):
    def get(self, request, **kwargs):
        version = version_get(request, **kwargs)
        document = version.dokumen_berlaku
        if document is not None:
            try:
                data = checked_bytes(document)
            except SignedFileError:
                messages.error(request, _("Berkas bertanda tangan tidak cocok dengan sidik jarinya; hubungi admin."))
                return redirect(reverse("kinerja:pk", args=(version.opd_id, version.tahun)))
        else:
            data, _box = pk_document.pk_pdf(version)
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{pk_document.filename_of(version)}"'
        return response


class PkSignView(LoginRequiredMixin, View):
    def post(self, request, **kwargs):
        version = version_get(request, **kwargs)
        back = reverse("kinerja:pk", args=(version.opd_id, version.tahun)) + "#tanda-tangan"
        form = SignForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors["passphrase"]))
            return redirect(back)
        try:
            pk_signing.sign_pk(
                version=version, actor=request.user, passphrase=form.cleaned_data["passphrase"],
                base_url=request.build_absolute_uri("/"), ip=client_ip(request),
            )  # fmt: skip
        except (SigningError, TransitionError) as error:
            messages.error(request, str(error))
            return redirect(back)
        messages.success(request, _("%(nama)s %(tahun)d ditandatangani secara elektronik.") % {
            "nama": version.nama, "tahun": version.tahun
        })  # fmt: skip
        return redirect(back)
