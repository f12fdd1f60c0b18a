"""Pages of SOP runs: start, the run's timeline, Tugas saya, role holders, monitoring; POST-only transitions."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from sakip.forms import first_error
from sakip.pagination import page_of
from sakip.selectors import opds_of
from sakip.views import TransitionView
from sop import approval
from sop.beranda import awaiting_approval
from sop.models import Sop
from sop.selectors import sop_visible_to
from workflow import actions, permissions, rules, selectors, services, transitions
from workflow.charts import step_ratio_chart
from workflow.forms import (
    RoleHoldersForm,
    RunCancelForm,
    RunStartForm,
    TaskCompleteForm,
    TaskReassignForm,
    TaskSendBackForm,
)
from workflow.models import Run, Task
from workflow.pdf import monitoring_pdf
from workflow.uploads import extension_of

# ---------------------------------------------------------------------------------------------------- runs


STARTABLE_MENU = 30  # SOPs the "Mulai pelaksanaan" menu lists; past that it points to the list of SOPs in force


class RunListView(LoginRequiredMixin, TemplateView):
    template_name = "workflow/run_list.html"

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", "")
        if status not in Run.Status.values:
            status = ""
        tahun = self.request.GET.get("tahun", "")
        tahun = int(tahun) if tahun.isdigit() and len(tahun) == 4 else None
        runs = selectors.run_list(user=self.request.user, status=status, tahun=tahun)
        page = page_of(self.request, runs)
        startable = list(
            sop_visible_to(self.request.user)
            .filter(status=Sop.Status.DISAHKAN)
            .select_related("opd")
            .order_by("opd__nama", "nomor")[: STARTABLE_MENU + 1]
        )
        return super().get_context_data(
            page=page,
            status=status,
            tahun=tahun or "",
            querystring=urlencode({"status": status, "tahun": tahun or ""}),
            statuses=Run.Status.choices,
            startable=startable[:STARTABLE_MENU],
            startable_more=len(startable) > STARTABLE_MENU,
            **kwargs,
        )


class RunDetailView(LoginRequiredMixin, View):
    template_name = "workflow/run_detail.html"

    def get(self, request, pk):
        return self.render_page(selectors.run_get(user=request.user, pk=pk))

    def render_page(self, run: Run, *, bound: dict | None = None, status: int = 200):
        user = self.request.user
        timeline = selectors.run_timeline(run=run)
        current = timeline.current
        can = {move: current is not None and transitions.can(user, move, current) for move in TASK_MOVES}
        can["cancel"] = transitions.can(user, "cancel", run)
        forms = {"cancel": RunCancelForm()}
        if current is not None:
            needs_document = rules.needs_document(current.langkah)
            forms["complete"] = TaskCompleteForm(needs_document=needs_document)
            forms["send_back"] = TaskSendBackForm(
                targets=rules.return_targets(current.langkah, [s.step for s in timeline.steps])
            )
            if can["reassign"]:
                forms["reassign"] = TaskReassignForm(members=selectors.opd_members(opd_id=run.opd_id))
            forms["needs_document"] = needs_document
        forms.update(bound or {})
        panels = actions.panels_for(current, user) if current is not None else []
        context = {"run": run, "timeline": timeline, "current": current, "can": can, "forms": forms, "panels": panels}
        return render(self.request, self.template_name, context, status=status)


class RunStartView(LoginRequiredMixin, View):
    template_name = "workflow/run_start.html"

    def get_sop(self, pk) -> Sop:
        return get_object_or_404(sop_visible_to(self.request.user).select_related("opd__pemda"), pk=pk)

    @staticmethod
    def years(sop: Sop) -> list[int]:
        return actions.period_years(sop.opd, timezone.localdate())

    def render_page(self, sop: Sop, form: RunStartForm, status: int = 200):
        rows = selectors.step_holders(sop=sop)
        first_holder = rows[0][1] if rows else None
        context = {
            "sop": sop,
            "form": form,
            "rows": rows,
            "first_holder": first_holder,
            "missing": selectors.roles_without_holder(sop=sop),
            "can_start": transitions.can_start_run(self.request.user, sop, first_holder),
            "can_manage_holders": permissions.can_manage_holders(self.request.user, sop.opd_id),
            "runs": selectors.run_visible_to(self.request.user).filter(seri=sop.seri).select_related("sop")[:20],
            "needs_document": {step.pk for step, _holder in rows if rules.needs_document(step)},
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, sop_pk):
        sop = self.get_sop(sop_pk)
        return self.render_page(sop, RunStartForm(years=self.years(sop)))

    def post(self, request, sop_pk):
        sop = self.get_sop(sop_pk)
        form = RunStartForm(request.POST, years=self.years(sop))
        if not form.is_valid():
            messages.error(request, first_error(form))
            return self.render_page(sop, form, status=422)
        try:
            run = transitions.run_start(
                sop=sop, tahun=form.cleaned_data["tahun"], periode=form.cleaned_data["periode"], actor=request.user
            )
        except transitions.TransitionError as error:
            messages.error(request, str(error))
            return self.render_page(sop, form, status=409)
        messages.success(
            request,
            _("Pelaksanaan %(periode)s dimulai. Langkah 1 ada di Tugas saya.") % {"periode": run.periode_tampil},
        )
        return redirect(run)


TASK_MOVES = ("complete", "send_back", "reassign")


class TaskTransitionView(TransitionView):
    """POST-only: one move of a run's current task; an invalid form shows the run again with the input kept."""

    move = ""

    def get_object(self) -> Task:
        return selectors.task_get(user=self.request.user, pk=self.kwargs["pk"])

    def check(self, task: Task) -> None:
        transitions.check(self.request.user, self.move, task)

    def get_success_url(self, task, result) -> str:
        return task.run.get_absolute_url()

    def get_failure_url(self, task) -> str:
        return task.run.get_absolute_url()

    def form_invalid(self, task, form):
        """Show the run again with the form as typed (the task is untouched) and why it was refused."""
        messages.error(self.request, first_error(form))
        page = RunDetailView()
        page.setup(self.request)
        run = selectors.run_get(user=self.request.user, pk=task.run_id)
        return page.render_page(run, bound={self.move: form, "open": self.move}, status=422)


class TaskCompleteView(TaskTransitionView):
    move = "complete"
    form_class = TaskCompleteForm

    def get_form_kwargs(self, task):
        return {"needs_document": rules.needs_document(task.langkah)}

    def perform(self, task, data):
        return transitions.task_complete(
            task=task, actor=self.request.user, note=data["catatan"], upload=data["berkas"]
        )

    def get_success_message(self, task, result, data):
        return _("Langkah %(n)s selesai.") % {"n": task.urutan}


class TaskSendBackView(TaskTransitionView):
    move = "send_back"
    form_class = TaskSendBackForm

    def get_form_kwargs(self, task):
        return {"targets": rules.return_targets(task.langkah, list(task.run.sop.langkah.all()))}

    def perform(self, task, data):
        return transitions.task_send_back(
            task=task, actor=self.request.user, to_step=data["ke_langkah"], reason=data["alasan"], upload=data["berkas"]
        )

    def get_success_message(self, task, result, data):
        return _("Pelaksanaan dikembalikan ke langkah %(to)s.") % {"to": data["ke_langkah"]}


class TaskReassignView(TaskTransitionView):
    move = "reassign"
    form_class = TaskReassignForm

    def get_form_kwargs(self, task):
        return {"members": selectors.opd_members(opd_id=task.run.opd_id)}

    def perform(self, task, data):
        return transitions.task_reassign(
            task=task, actor=self.request.user, to_user=data["petugas"], note=data["catatan"]
        )

    def get_success_message(self, task, result, data):
        return _("Tugas langkah %(n)s dialihkan kepada %(who)s.") % {"n": task.urutan, "who": data["petugas"]}


class RunCancelView(TransitionView):
    form_class = RunCancelForm
    success_message = gettext_lazy("Pelaksanaan dibatalkan; periode ini bisa dimulai lagi.")

    def get_object(self) -> Run:
        return get_object_or_404(selectors.run_visible_to(self.request.user), pk=self.kwargs["pk"])

    def check(self, run: Run) -> None:
        transitions.check(self.request.user, "cancel", run)

    def perform(self, run, data):
        return transitions.run_cancel(run=run, actor=self.request.user, reason=data["alasan"])


class TaskFileView(LoginRequiredMixin, View):
    """A task's uploaded file, only for members of the run's OPD (uploads are not public media)."""

    def get(self, request, pk):
        task = selectors.task_get(user=request.user, pk=pk)
        if not task.berkas:
            raise Http404
        try:
            handle = task.berkas.open("rb")
        except (FileNotFoundError, OSError):
            raise Http404 from None
        inline = extension_of(task.berkas.name) in ("pdf", "png", "jpg", "jpeg")
        response = FileResponse(handle, as_attachment=not inline, filename=task.berkas_nama)
        response["Content-Security-Policy"] = "sandbox"  # an uploaded file never runs script on this site
        return response


# ---------------------------------------------------------------------------------------------------- tasks


class TaskInboxView(LoginRequiredMixin, TemplateView):
    template_name = "workflow/task_inbox.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        # SOPs waiting for this person's pengesahan are tasks too (with signing: the review-and-sign page).
        sops = [(sop, approval.review_url(sop) or sop.get_absolute_url()) for sop in awaiting_approval(user)[:50]]
        return super().get_context_data(tasks=selectors.task_inbox(user=user), sops_to_approve=sops, **kwargs)


# ---------------------------------------------------------------------------------------------------- role holders


STALE_ROLES_MESSAGE = gettext_lazy(
    "Daftar peran atau pemegangnya berubah sejak halaman ini dibuka, jadi tidak ada yang disimpan. "
    "Periksa lagi pilihan di bawah (isian Anda tetap ada) lalu simpan ulang."
)


class RoleHoldersView(LoginRequiredMixin, View):
    template_name = "workflow/role_holders.html"

    def get_opd(self):
        opds = list(opds_of(self.request.user))
        wanted = self.request.GET.get("opd") or self.request.POST.get("opd")
        if wanted:
            opd = next((o for o in opds if str(o.pk) == wanted), None)
            if opd is None:
                raise Http404
            return opd, opds
        if not opds:
            raise Http404
        editable = [o for o in opds if permissions.can_manage_holders(self.request.user, o.pk)]
        return (editable or opds)[0], opds

    def build_form(self, opd, data=None):
        return RoleHoldersForm(
            data,
            rows=selectors.role_holder_rows(opd=opd),
            members=selectors.opd_members(opd_id=opd.pk),
        )

    def render_page(self, opd, opds, form, status=200):
        context = {
            "opd": opd,
            "opds": opds,
            "form": form,
            "can_edit": permissions.can_manage_holders(self.request.user, opd.pk),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        opd, opds = self.get_opd()
        return self.render_page(opd, opds, self.build_form(opd))

    def post(self, request):
        opd, opds = self.get_opd()
        if not permissions.can_manage_holders(request.user, opd.pk):
            raise PermissionDenied(_("Hanya Admin OPD, Sekretaris atau Kepala yang dapat mengatur pemegang peran."))
        form = self.build_form(opd, request.POST)
        if form.list_changed():
            messages.error(request, STALE_ROLES_MESSAGE)
            return self.render_page(opd, opds, form, status=409)
        if not form.is_valid():
            messages.error(request, first_error(form))
            return self.render_page(opd, opds, form, status=422)
        try:
            changed = services.role_holders_set(opd=opd, holders=form.holders(), actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.render_page(opd, opds, form, status=422)
        messages.success(request, _("Pemegang peran tersimpan (%(n)s perubahan).") % {"n": changed})
        return redirect(f"{request.path}?opd={opd.pk}")


# ---------------------------------------------------------------------------------------------------- monitoring


class MonitoringListView(LoginRequiredMixin, TemplateView):
    template_name = "workflow/monitoring_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(series=selectors.monitoring_series(user=self.request.user), **kwargs)


class MonitoringDetailView(LoginRequiredMixin, TemplateView):
    template_name = "workflow/monitoring_detail.html"

    def get_context_data(self, **kwargs):
        monitoring = selectors.monitoring_get(user=self.request.user, seri=kwargs["seri"])
        chart = step_ratio_chart(monitoring.steps)
        return super().get_context_data(monitoring=monitoring, chart=chart, **kwargs)


class MonitoringPdfView(LoginRequiredMixin, View):
    def get(self, request, seri):
        monitoring = selectors.monitoring_get(user=request.user, seri=seri)
        pdf = monitoring_pdf(monitoring, user=request.user)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="monitoring-sop-{monitoring.sop.pk}.pdf"'
        return response
