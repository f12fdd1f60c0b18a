"""The Kepala's review-and-sign page for an SOP, the public verification page, the arsip and certificates."""

from io import BytesIO
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Min, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.generic import TemplateView

from sakip.client_ip import client_ip
from sakip.pagination import page_of
from sakip.selectors import visible_to
from sakip.states import TransitionError
from sop import selectors as sop_selectors
from sop import transitions as sop_transitions
from sop.compare import sop_compare
from sop.forms import ReturnForm
from sop.models import Sop
from sop.printing import cached_sop_pdf
from sop.printing.render import SignedFileError
from sop.submission import editor_link, submission_gaps
from workflow.selectors import task_get
from workflow.signing import ca, numbering, runs, stepup, verification
from workflow.signing.backends import SigningError, get_backend
from workflow.signing.backends.local import LocalBackend
from workflow.signing.forms import IssueCertificateForm, SignForm, VerifyUploadForm
from workflow.signing.models import DokumenTertandatangan, JenisNomor, OtoritasSertifikat, Sertifikat
from workflow.signing.selectors import checked_bytes, signed_sop_document
from workflow.signing.services import nik_of, sign_sop


def too_many_uploads(ip: str | None) -> bool:
    """The verification page is public: each client may check VERIFY_UPLOADS files per VERIFY_WINDOW seconds."""
    key = f"signing:verify-uploads:{ip or '-'}"
    cache.add(key, 0, settings.SIGNING_VERIFY_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, settings.SIGNING_VERIFY_WINDOW)
        count = 1
    return count > settings.SIGNING_VERIFY_UPLOADS


class SopReviewView(LoginRequiredMixin, View):
    """The document as it will be signed, what changed since the signed version, the checks; sign or return."""

    template_name = "signing/sop_review.html"

    def get_sop(self) -> Sop:
        return sop_selectors.sop_get(user=self.request.user, pk=self.kwargs["pk"])

    def context(self, sop: Sop, form: SignForm, error: str = "") -> dict:
        user = self.request.user
        previous = sop.revisi_dari
        comparison = None
        if previous is not None:
            comparison = sop_compare(old=sop_selectors.sop_get(user=user, pk=previous.pk), new=sop)
        gaps = submission_gaps(sop)
        return {
            "sop": sop,
            "form": form,
            "error": error,
            "return_form": ReturnForm(),
            "comparison": comparison,
            "gaps": [(gap, editor_link(sop, gap)) for gap in gaps],
            "next_nomor": "" if sop.nomor else numbering.next_number(sop.opd, JenisNomor.SOP),
            "has_certificate": get_backend().has_certificate(user_id=user.pk, nik=nik_of(user)),
            "locked_until": stepup.locked_until(user),
            "tries_left": stepup.tries_left(user),
        }

    def refused(self, sop: Sop):
        if (document := signed_sop_document(sop)) is not None:
            messages.info(self.request, _("SOP ini sudah disahkan dan ditandatangani."))
            return redirect(document.get_absolute_url())
        messages.error(self.request, str(sop_transitions.REFUSALS["approve"]))
        return redirect(sop.get_absolute_url())

    def get(self, request, pk):
        sop = self.get_sop()
        if not sop_transitions.can(request.user, "approve", sop):
            return self.refused(sop)
        return render(request, self.template_name, self.context(sop, SignForm()))

    def post(self, request, pk):
        sop = self.get_sop()
        if not sop_transitions.can(request.user, "approve", sop):
            if sop.status == Sop.Status.DIAJUKAN:  # someone of the OPD who may not sign: refused, with the reason
                raise PermissionDenied(sop_transitions.REFUSALS["approve"])
            return self.refused(sop)
        form = SignForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, self.context(sop, form), status=422)
        try:
            document = sign_sop(
                sop=sop,
                actor=request.user,
                passphrase=form.cleaned_data["passphrase"],
                base_url=request.build_absolute_uri("/"),
                ip=client_ip(request),
            )
        except SigningError as error:
            return render(request, self.template_name, self.context(sop, SignForm(), str(error)), status=422)
        except TransitionError as error:
            messages.error(request, str(error))
            return redirect(sop.get_absolute_url())
        messages.success(
            request,
            _("SOP %(nomor)s disahkan dan ditandatangani secara elektronik (PAdES %(level)s).")
            % {"nomor": document.nomor, "level": document.tingkat},
        )
        return redirect(sop.get_absolute_url())


@method_decorator(xframe_options_sameorigin, name="dispatch")  # shown in the review page's <iframe>
class SopReviewPdfView(LoginRequiredMixin, View):
    """The PDF the Kepala is about to sign: the same render, the nomor it will get, still marked as draf."""

    def get(self, request, pk):
        sop = sop_selectors.sop_get(user=request.user, pk=pk)
        if not sop_transitions.can(request.user, "approve", sop):
            raise Http404
        if not sop.nomor:
            sop.nomor = numbering.next_number(sop.opd, JenisNomor.SOP)  # shown only; taken at signing
        path, _hit = cached_sop_pdf(sop, sop.opd.kertas)  # the frame and "open in a new tab" render it once
        response = HttpResponse(path.read_bytes(), content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="pratinjau.pdf"'
        response["Cache-Control"] = "no-store"
        return response


class VerifyView(View):
    """Public: what was signed, by whom, when, and whether the signature holds; a held file can be compared."""

    template_name = "signing/verify.html"

    def get_document(self, token: str) -> DokumenTertandatangan:
        return get_object_or_404(DokumenTertandatangan.objects.select_related("opd__pemda"), token=token)

    def get(self, request, token):
        document = self.get_document(token)
        return render(request, self.template_name, self.context(document, VerifyUploadForm()))

    def post(self, request, token):
        document = self.get_document(token)
        if too_many_uploads(client_ip(request)):
            context = self.context(document, VerifyUploadForm())
            context["rate_limited"] = True
            return render(request, self.template_name, context, status=429)
        form = VerifyUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, self.context(document, form), status=422)
        data = form.cleaned_data["berkas"].read()
        same, verdict = verification.upload_verdict(document, data)
        context = self.context(document, VerifyUploadForm())
        context.update(uploaded=True, same=same, upload_verdict=verdict, upload_name=form.cleaned_data["berkas"].name)
        return render(request, self.template_name, context)

    def context(self, document: DokumenTertandatangan, form) -> dict:
        verdict = verification.document_verdict(document)
        return {
            "document": document,
            "verdict": verdict,
            "form": form,
            "state": verification.state_of(document, verdict),
        }


class SignedDownloadView(LoginRequiredMixin, View):
    """The signed file itself: for members of the document's OPD only (the verification page is public)."""

    def get(self, request, token):
        documents = visible_to(request.user, DokumenTertandatangan.objects.all())
        document = get_object_or_404(documents, token=token)
        name = slugify(f"{document.nomor} {document.judul}")[:80] or f"dokumen-{document.pk}"
        try:
            data = checked_bytes(document)
        except SignedFileError:
            messages.error(
                request, _("Berkas yang ditandatangani rusak atau berubah; tidak diunduhkan. Hubungi admin.")
            )
            return redirect(document.get_absolute_url())
        return FileResponse(
            BytesIO(data), content_type="application/pdf", as_attachment=True, filename=f"{name}-ttd.pdf"
        )


def signed_years(documents) -> list[int]:
    """The years to choose from, newest first: from the first signing to the last (two index reads, not a DISTINCT
    over every visible document)."""
    span = documents.aggregate(first=Min("ditandatangani_pada"), last=Max("ditandatangani_pada"))
    if span["first"] is None:
        return []
    first, last = (timezone.localtime(span[key]).year for key in ("first", "last"))
    return list(range(last, first - 1, -1))


class ArsipView(LoginRequiredMixin, TemplateView):
    """Every signed document of the user's OPDs, newest first."""

    template_name = "signing/arsip.html"

    def get_context_data(self, **kwargs):
        visible = visible_to(self.request.user, DokumenTertandatangan.objects.select_related("opd"))
        documents = visible
        jenis = self.request.GET.get("jenis", "")
        if jenis in DokumenTertandatangan.Jenis.values:
            documents = documents.filter(jenis=jenis)
        tahun = self.request.GET.get("tahun", "")
        if tahun.isdigit() and len(tahun) == 4:
            documents = documents.filter(ditandatangani_pada__year=int(tahun))
        else:
            tahun = ""
        query = self.request.GET.get("q", "").strip()[:100]
        if query:
            documents = documents.filter(Q(judul__icontains=query) | Q(nomor__icontains=query))
        page = page_of(self.request, documents.order_by("-ditandatangani_pada", "-pk"))
        chosen = (("q", query), ("jenis", jenis), ("tahun", tahun))
        return super().get_context_data(
            page=page,
            jenis=jenis,
            tahun=tahun,
            years=signed_years(visible),
            q=query,
            kinds=DokumenTertandatangan.Jenis.choices,
            querystring=urlencode({k: v for k, v in chosen if v}),
            **kwargs,
        )


class RunSignView(LoginRequiredMixin, View):
    """POST: sign the run's document at the tanda_tangan step (passphrase typed again)."""

    def post(self, request, pk):
        task = task_get(user=request.user, pk=pk)
        form = SignForm(request.POST)
        if not form.is_valid():
            messages.error(request, form.errors["passphrase"][0])
            return redirect(task.get_absolute_url())
        try:
            document = runs.sign_run_document(
                task=task,
                actor=request.user,
                passphrase=form.cleaned_data["passphrase"],
                base_url=request.build_absolute_uri("/"),
                ip=client_ip(request),
            )
        except (SigningError, TransitionError) as error:
            messages.error(request, str(error))
            return redirect(task.get_absolute_url())
        messages.success(
            request,
            _("%(judul)s ditandatangani (PAdES %(level)s). Selesaikan langkah ini untuk melanjutkan.")
            % {"judul": document.judul, "level": document.tingkat},
        )
        return redirect(task.get_absolute_url())


class RunNumberView(LoginRequiredMixin, View):
    """POST: give the run's surat pengantar its number at the penomoran step."""

    def post(self, request, pk):
        task = task_get(user=request.user, pk=pk)
        try:
            nomor = runs.number_surat(task=task, actor=request.user)
        except TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Nomor surat pengantar: %(nomor)s.") % {"nomor": nomor.teks})
        return redirect(task.get_absolute_url())


class CertificateView(LoginRequiredMixin, View):
    """A signer's own certificate of the local CA: see it, or make a new one with a passphrase of their choice."""

    template_name = "signing/certificate.html"

    def context(self, form) -> dict:
        user = self.request.user
        membership = user.keanggotaan.select_related("opd__pemda").first()
        pemda = membership.opd.pemda if membership else None
        return {
            "form": form,
            "certificate": Sertifikat.objects.filter(user=user, aktif=True).first(),
            "local": isinstance(get_backend(), LocalBackend),
            "pemda": pemda,
            "has_ca": pemda is not None and OtoritasSertifikat.objects.filter(pemda=pemda).exists(),
            "has_pegawai": getattr(user, "pegawai", None) is not None,
        }

    def get(self, request):
        return render(request, self.template_name, self.context(IssueCertificateForm(user=request.user)))

    def post(self, request):
        form = IssueCertificateForm(request.POST, user=request.user)
        context = self.context(form)
        if not (context["local"] and context["has_ca"] and context["has_pegawai"]):
            messages.error(request, _("Sertifikat tidak bisa dibuat di sini; hubungi admin TTE Pemda."))
            return redirect("signing:certificate")
        if not form.is_valid():
            return render(request, self.template_name, context, status=422)
        try:
            certificate = ca.issue_certificate(request.user, context["pemda"], form.cleaned_data["passphrase"])
        except ca.CaError as error:
            form.add_error(None, str(error))
            return render(request, self.template_name, context, status=422)
        messages.success(
            request,
            _("Sertifikat elektronik dibuat, berlaku sampai %(until)s. Ingat passphrase-nya: tidak bisa dipulihkan.")
            % {"until": formats.date_format(certificate.berlaku_sampai, "j F Y")},
        )
        return redirect("signing:certificate")
