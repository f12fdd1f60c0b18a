"""Pages of the SOP documents: list, sheet, editor, history and the lifecycle buttons."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from sakip.models import Opd
from sakip.page_cache import CachedPageMixin
from sakip.pagination import page_of
from sakip.selectors import opds_of
from sakip.views import TransitionView
from sop import approval, history, permissions, selectors, transitions
from sop.buku import buku_request, buku_retry_request
from sop.buku_transitions import buku_fail_if_stale
from sop.compare import compare_partner, sop_compare
from sop.forms import ReturnForm, SopEditor
from sop.library.selectors import template_use_of
from sop.list_forms import SopFilterForm
from sop.models import BukuSop, Sop
from sop.printing import cached_sop_pdf, render_sop_html
from sop.printing.layout import PAPERS, build_layout
from sop.printing.render import SignedFileError, content_key, signed_pdf
from sop.services import EditConflict, content_of, sop_create, sop_update
from sop.submission import editor_link, submission_gaps


class SopListView(LoginRequiredMixin, TemplateView):
    template_name = "sop/sop_list.html"
    create_menu_max = 12  # more OPDs than this to write in: a list to choose from instead of a menu

    def get_template_names(self):
        if self.request.htmx and self.request.htmx.target == "sop-results":
            return ["sop/_sop_results.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        opds = opds_of(self.request.user)
        form = SopFilterForm(self.request.GET or None, opds=opds)
        filters = form.cleaned_data if form.is_valid() else {}
        opd = filters.get("opd")
        qs = selectors.sop_list(
            user=self.request.user,
            q=filters.get("q", ""),
            opd_id=opd.pk if opd else None,
            status=filters.get("status", ""),
        )
        page = page_of(self.request, qs)
        page.object_list = selectors.with_step_counts(page.object_list)
        query = self.request.GET.copy()
        query.pop("page", None)
        creatable = [o for o in opds if permissions.can_create_in(self.request.user, o.pk)]
        return super().get_context_data(
            filter_form=form,
            page=page,
            querystring=query.urlencode(),
            creatable_opds=creatable,
            create_from_list=len(creatable) > self.create_menu_max,
            **kwargs,
        )


class SopDetailView(CachedPageMixin, LoginRequiredMixin, TemplateView):
    template_name = "sop/sop_detail.html"

    def get_context_data(self, **kwargs):
        sop = selectors.sop_get(user=self.request.user, pk=kwargs["pk"])
        user = self.request.user
        steps = sop.steps
        versions = list(selectors.sop_versions(sop=sop))
        may_submit = transitions.SOP_STATES.allows("submit", sop.status)
        return super().get_context_data(
            sop=sop,
            steps=steps,
            columns=list(sop.pelaksana.all()),
            # The drawing and the sheet are cached by content (templates/sop/sop_detail.html): laid out only on a miss.
            flow_layout=SimpleLazyObject(lambda: build_layout(sop, sop.opd.kertas, paged=False)) if steps else None,
            sheet_key=content_key(sop, "layar"),
            versions=versions,
            compare_with=compare_partner(sop, versions),
            gaps=[(gap, editor_link(sop, gap)) for gap in submission_gaps(sop)] if may_submit else [],
            status_log=list(selectors.sop_status_log(sop=sop)),
            can=transitions.allowed_moves(user, sop),
            return_form=ReturnForm(),
            template_use=template_use_of(sop=sop),
            **kwargs,
        )


class SopCompareView(LoginRequiredMixin, TemplateView):
    """A version side by side with the one it replaces (or with ?dengan=<id>, another version of the same SOP)."""

    template_name = "sop/sop_compare.html"

    def get_context_data(self, **kwargs):
        sop = selectors.sop_get(user=self.request.user, pk=kwargs["pk"])
        versions = list(selectors.sop_versions(sop=sop))
        wanted = self.request.GET.get("dengan", "")
        partner = next((v for v in versions if str(v.pk) == wanted), None) if wanted else compare_partner(sop, versions)
        if partner is None or partner.pk == sop.pk:
            raise Http404
        partner = selectors.sop_get(user=self.request.user, pk=partner.pk)
        old, new = sorted((sop, partner), key=lambda v: v.versi)
        return super().get_context_data(sop=sop, comparison=sop_compare(old=old, new=new), versions=versions, **kwargs)


class SopEditorMixin(LoginRequiredMixin):
    template_name = "sop/sop_form.html"

    def render_editor(self, editor: SopEditor, *, conflict=None, status=200):
        context = {"editor": editor, "sop": editor.sop, "opd": editor.opd, "conflict": conflict}
        return render(self.request, self.template_name, context, status=status)


def opd_for_create(request) -> Opd:
    """The OPD a new SOP goes into: ?opd= (or the POSTed opd), else the user's only one; 404 outside the user's OPDs."""
    opds = list(opds_of(request.user))
    wanted = request.GET.get("opd") or request.POST.get("opd")
    if wanted:
        opd = next((o for o in opds if str(o.pk) == wanted), None)
        if opd is None:
            raise Http404
    elif len(opds) == 1:
        opd = opds[0]
    else:
        creatable = [o for o in opds if permissions.can_create_in(request.user, o.pk)]
        if len(creatable) != 1:
            raise Http404
        opd = creatable[0]
    if not permissions.can_create_in(request.user, opd.pk):
        raise PermissionDenied(_("Anda tidak berhak menyusun SOP di OPD ini."))
    return opd


class SopCreateView(SopEditorMixin, View):
    def get_opd(self) -> Opd:
        return opd_for_create(self.request)

    def get(self, request):
        return self.render_editor(SopEditor(opd=self.get_opd()))

    def post(self, request):
        opd = self.get_opd()
        editor = SopEditor(opd=opd, data=request.POST)
        if editor.is_valid():
            try:
                sop = sop_create(opd=opd, content=editor.content(), created_by=request.user)
            except ValidationError as error:
                editor.add_service_errors(error)
            else:
                messages.success(request, _("SOP “%(judul)s” tersimpan sebagai draf.") % {"judul": sop.judul})
                return redirect(sop)
        messages.error(request, _("SOP belum tersimpan. Perbaiki isian yang ditandai merah, lalu simpan lagi."))
        return self.render_editor(editor, status=422)


class SopUpdateView(SopEditorMixin, View):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.sop = selectors.sop_get(user=request.user, pk=kwargs["pk"])
            if not transitions.SOP_STATES.allows("edit", self.sop.status):
                messages.warning(request, _("Hanya draf yang bisa diubah. Buat revisi untuk mengubah SOP ini."))
                return redirect(self.sop)
            if not transitions.can(request.user, "edit", self.sop):
                raise PermissionDenied(_("Anda tidak berhak mengubah SOP ini."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        sop = self.sop
        return self.render_editor(SopEditor(opd=sop.opd, sop=sop, initial_content=content_of(sop)))

    def post(self, request, pk):
        sop = self.sop
        editor = SopEditor(opd=sop.opd, sop=sop, data=request.POST)
        if editor.is_valid():
            try:
                sop = sop_update(
                    sop=sop, content=editor.content(), expected_version=editor.expected_version, updated_by=request.user
                )
            except EditConflict as conflict:
                changes = history.sop_changes_since(sop=conflict.sop, version=conflict.since_version)
                # The next save is a deliberate overwrite: it starts from the version just shown.
                data = request.POST.copy()
                data["sop-lock_version"] = conflict.sop.lock_version
                editor = SopEditor(opd=sop.opd, sop=sop, data=data)
                editor.is_valid()
                messages.warning(
                    request,
                    _(
                        "Belum tersimpan: SOP ini diubah orang lain setelah Anda membukanya. "
                        "Isian Anda masih di bawah; periksa perubahan mereka, "
                        "lalu simpan lagi bila isian Anda yang benar."
                    ),
                )
                return self.render_editor(editor, conflict=changes, status=409)
            except ValidationError as error:
                editor.add_service_errors(error)
            except transitions.TransitionError as error:
                messages.error(request, str(error))
                return redirect(sop)
            else:
                messages.success(request, _("Perubahan SOP tersimpan."))
                return redirect(sop)
        messages.error(request, _("SOP belum tersimpan. Perbaiki isian yang ditandai merah, lalu simpan lagi."))
        return self.render_editor(editor, status=422)


class SopHistoryView(LoginRequiredMixin, TemplateView):
    template_name = "sop/sop_history.html"

    def get_context_data(self, **kwargs):
        sop = selectors.sop_get(user=self.request.user, pk=kwargs["pk"])
        return super().get_context_data(sop=sop, entries=history.sop_history(sop=sop), **kwargs)


class SopTransitionView(TransitionView):
    """POST-only: one lifecycle move of an SOP, named by `move` (a move of transitions.SOP_STATES)."""

    move = ""

    def get_object(self) -> Sop:
        return get_object_or_404(selectors.sop_visible_to(self.request.user), pk=self.kwargs["pk"])

    def check(self, sop: Sop) -> None:
        transitions.check(self.request.user, self.move, sop)


class SopSubmitView(SopTransitionView):
    move = "submit"
    success_message = gettext_lazy("SOP diajukan kepada Kepala untuk disahkan.")

    def perform(self, sop, data):
        return transitions.sop_submit(sop=sop, actor=self.request.user)


class SopApproveView(SopTransitionView):
    """ "Sahkan": the registered review page (review, approve and sign), or the approve move itself without one."""

    move = "approve"
    success_message = gettext_lazy("SOP disahkan.")

    def perform(self, sop, data):
        return transitions.sop_approve(sop=sop, actor=self.request.user)

    def post(self, request, *args, **kwargs):
        sop = self.get_object()
        if (url := approval.review_url(sop)) is not None and transitions.can(request.user, "approve", sop):
            return redirect(url)
        return super().post(request, *args, **kwargs)


class SopReturnView(SopTransitionView):
    move = "return"
    form_class = ReturnForm
    success_message = gettext_lazy("SOP dikembalikan ke penyusun sebagai draf.")

    def perform(self, sop, data):
        return transitions.sop_return(sop=sop, actor=self.request.user, reason=data["alasan"])


class SopReviseView(SopTransitionView):
    move = "revise"
    success_message = gettext_lazy(
        "Revisi dibuat sebagai draf versi baru. SOP yang berlaku tetap dipakai sampai revisi disahkan."
    )

    def perform(self, sop, data):
        return transitions.sop_revise(sop=sop, actor=self.request.user)


def _paper(request, sop: Sop) -> str:
    wanted = (request.GET.get("kertas") or "").upper()
    return wanted if wanted in PAPERS else sop.opd.kertas


class SopPrintPreviewView(LoginRequiredMixin, View):
    """The printed SOP as HTML, the same template as the PDF, with a paper choice and a download link."""

    def get(self, request, pk):
        sop = selectors.sop_get(user=request.user, pk=pk)
        return HttpResponse(render_sop_html(sop, _paper(request, sop), preview=True, request=request))


class SopPdfView(LoginRequiredMixin, View):
    def get(self, request, pk):
        sop = selectors.sop_get(user=request.user, pk=pk)
        paper = _paper(request, sop)
        name = slugify(f"SOP {sop.nomor} {sop.judul}")[:80] or f"sop-{sop.pk}"
        try:
            signed = signed_pdf(sop)
        except SignedFileError:
            messages.error(
                request, _("Berkas SOP yang ditandatangani rusak atau berubah; tidak diunduhkan. Hubungi admin.")
            )
            return redirect(sop.get_absolute_url())
        if signed is not None:  # a signed SOP is downloaded as it was signed, never re-rendered
            return FileResponse(signed, content_type="application/pdf", as_attachment=True, filename=f"{name}-ttd.pdf")
        path, _hit = cached_sop_pdf(sop, paper)
        return FileResponse(
            path.open("rb"), content_type="application/pdf", as_attachment=True, filename=f"{name}-{paper}.pdf"
        )


class BukuSopView(LoginRequiredMixin, View):
    """Request a Buku SOP for one of the user's OPDs and follow its progress."""

    template_name = "sop/buku_list.html"

    def get(self, request):
        opds = list(opds_of(request.user))
        books = [buku_fail_if_stale(buku=buku) for buku in selectors.buku_list(user=request.user)[:20]]
        return render(request, self.template_name, {"opds": opds, "books": books, "papers": list(PAPERS)})

    def post(self, request):
        opd = next((o for o in opds_of(request.user) if str(o.pk) == request.POST.get("opd")), None)
        if opd is None:
            raise Http404
        paper = request.POST.get("kertas") if request.POST.get("kertas") in PAPERS else opd.kertas
        buku = buku_request(opd=opd, paper=paper, user=request.user)
        messages.info(request, _("Buku SOP %(opd)s sedang disusun; kemajuannya tampil di bawah.") % {"opd": opd})
        return redirect(f"{reverse('sop:buku')}#buku-{buku.pk}")


class BukuSopProgressView(LoginRequiredMixin, View):
    """The progress card of one book, polled by htmx while the book is being built."""

    def get(self, request, pk):
        buku = get_object_or_404(selectors.buku_list(user=request.user), pk=pk)
        return render(request, "sop/_buku_card.html", {"buku": buku_fail_if_stale(buku=buku)})


class BukuSopRetryView(LoginRequiredMixin, View):
    """Queue a failed book again."""

    def post(self, request, pk):
        buku = get_object_or_404(selectors.buku_list(user=request.user), pk=pk)
        try:
            buku_retry_request(buku=buku, user=request.user)
        except transitions.TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.info(request, _("Buku SOP %(opd)s disusun ulang.") % {"opd": buku.opd})
        return redirect(f"{reverse('sop:buku')}#buku-{buku.pk}")


class BukuSopDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        buku = get_object_or_404(selectors.buku_list(user=request.user), pk=pk, status=BukuSop.Status.SELESAI)
        name = slugify(f"Buku SOP {buku.opd}") or "buku-sop"
        return FileResponse(buku.berkas.open("rb"), as_attachment=True, filename=f"{name}-{buku.kertas}.pdf")
