"""Pages of the import: upload → preview (nothing saved) → confirm → result per file."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django_htmx.http import HttpResponseClientRedirect

from sakip.models import Opd
from sakip.permissions import is_member
from sop.importing.forms import SopImportForm, SopImportOpdForm, read_choices
from sop.importing.opd import opd_questions
from sop.importing.permissions import can_import, can_import_anywhere, importable_opds
from sop.importing.services import CREATED, DRAFT_REPLACED, REVISED, sop_import_files
from sop.importing.storage import Upload, upload_delete, upload_load, upload_save, upload_set_opd
from sop.models import Langkah, Sop

RESULT_KEY = "sop_import_results"
ACTIONS = {
    CREATED: gettext_lazy("SOP baru (draf)"),
    REVISED: gettext_lazy("versi baru dari SOP bernomor sama (draf revisi)"),
    DRAFT_REPLACED: gettext_lazy("mengganti isi draf bernomor sama"),
}


class ImportAccessMixin(LoginRequiredMixin):
    """Only admins of an OPD (and superusers) reach the import pages; anyone else gets 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not can_import_anywhere(request.user):
            raise PermissionDenied(_("Hanya admin OPD yang bisa mengimpor SOP."))
        return super().dispatch(request, *args, **kwargs)

    def target_opd(self, opd_id) -> Opd | None:
        """The OPD asked for: 404 for one the user cannot see, 403 for one they may see but not import into."""
        if opd_id in (None, ""):
            return None  # superusers: read from the kop; anyone else: the form says an OPD must be chosen
        opd = Opd.objects.select_related("pemda").filter(pk=opd_id).first() if str(opd_id).isdigit() else None
        if opd is None:
            raise Http404
        if not can_import(self.request.user, opd.pk):
            if is_member(self.request.user, opd.pk):
                raise PermissionDenied(_("Anda tidak berhak mengimpor SOP ke OPD ini."))
            raise Http404
        return opd


class SopImportUploadView(ImportAccessMixin, View):
    template_name = "sop/import_upload.html"

    def form(self, data=None, files=None) -> SopImportForm:
        opds = importable_opds(self.request.user)
        initial = {"opd": opds[0].pk} if not self.request.user.is_superuser and len(opds) == 1 else None
        return SopImportForm(data, files, opds=opds, allow_kop=self.request.user.is_superuser, initial=initial)

    def get(self, request):
        return render(request, self.template_name, {"form": self.form()})

    def post(self, request):
        opd = self.target_opd(request.POST.get("opd"))
        form = self.form(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=422)
        files = [(form.display_name(upload), upload.read()) for upload in form.cleaned_data["berkas"]]
        token = upload_save(user=request.user, opd_id=opd.pk if opd else None, files=files)
        # The kop does not tell the OPD: ask now, with the files kept, rather than guess.
        name = "sop:sop-import-opd" if opd is None and opd_questions(files=files) else "sop:sop-import-preview"
        if request.htmx:
            # Sent by the page's upload script (static/js/upload_progress.js): it shows the next step and goes
            # there itself, so the preview is built once, while the page says what is happening.
            return HttpResponseClientRedirect(reverse(name, kwargs={"token": token}))
        return redirect(name, token=token)


class UploadMixin(ImportAccessMixin):
    def upload(self, token: str) -> tuple[Upload, Opd | None]:
        upload = upload_load(token=token, user=self.request.user)
        if upload is None:
            raise Http404
        opd = self.target_opd(upload.opd_id)
        if opd is None and not self.request.user.is_superuser:
            raise Http404
        return upload, opd


class SopImportOpdView(UploadMixin, View):
    """The upload page again, asking which OPD the files go into when their kop does not say."""

    template_name = "sop/import_upload.html"

    def render_question(self, upload: Upload, form: SopImportOpdForm, status: int = 200):
        context = {"ask": form, "questions": opd_questions(files=upload.files), "upload": upload}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, token):
        upload, _opd = self.upload(token)
        return self.render_question(upload, SopImportOpdForm(opds=importable_opds(request.user)))

    def post(self, request, token):
        upload, _opd = self.upload(token)
        form = SopImportOpdForm(request.POST, opds=importable_opds(request.user))
        if not form.is_valid():
            return self.render_question(upload, form, status=422)
        opd = self.target_opd(form.cleaned_data["opd"].pk)
        upload_set_opd(upload=upload, opd_id=opd.pk)
        return redirect("sop:sop-import-preview", token=token)


class SopImportPreviewView(UploadMixin, View):
    """GET shows what would be saved (every write rolled back) and what the penyusun may choose; POST saves."""

    template_name = "sop/import_preview.html"

    def sheet(self, sop: Sop) -> str:
        context = {"sop": sop, "steps": sop.steps, "columns": list(sop.pelaksana.all())}
        return render_to_string("sop/_sheet.html", context, request=self.request)

    def get(self, request, token):
        upload, opd = self.upload(token)
        outcomes = sop_import_files(files=upload.files, opd=opd, user=request.user, dry_run=True, inspect=self.sheet)
        if opd is None and any(outcome.needs_opd for outcome in outcomes):
            return redirect("sop:sop-import-opd", token=token)
        for outcome in outcomes:
            outcome.action_label = ACTIONS.get(outcome.action, "")
        context = {
            "token": token,
            "opd": opd,
            "outcomes": outcomes,
            "importable": sum(1 for outcome in outcomes if not outcome.errors),
            "aksi_choices": Langkah.Aksi.choices,
        }
        return render(request, self.template_name, context)

    def post(self, request, token):
        upload, opd = self.upload(token)
        if "batal" in request.POST:
            upload_delete(token=token)
            messages.info(request, _("Impor dibatalkan; tidak ada yang disimpan."))
            return redirect("sop:sop-import")
        choices = read_choices(request.POST, files=len(upload.files))
        outcomes = sop_import_files(files=upload.files, opd=opd, user=request.user, choices=choices)
        upload_delete(token=token)
        request.session[RESULT_KEY] = [outcome.as_dict() for outcome in outcomes]
        saved = sum(1 for outcome in outcomes if not outcome.errors)
        failed = len(outcomes) - saved
        if saved:
            messages.success(
                request,
                ngettext("%(n)s SOP diimpor sebagai draf.", "%(n)s SOP diimpor sebagai draf.", saved) % {"n": saved},
            )
        if failed:
            messages.error(
                request,
                ngettext("%(n)s berkas gagal diimpor.", "%(n)s berkas gagal diimpor.", failed) % {"n": failed},
            )
        return redirect("sop:sop-import-result")


class SopImportResultView(ImportAccessMixin, View):
    template_name = "sop/import_result.html"

    def get(self, request):
        results = request.session.get(RESULT_KEY)
        if not results:
            return redirect("sop:sop-import")
        for result in results:
            result["action_label"] = ACTIONS.get(result.get("action", ""), "")
        return render(request, self.template_name, {"results": results})
