"""Pages of the template library: choose a template, see it in the OPD's words, map the roles, get a draft."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from sakip.selectors import opds_of
from sop import permissions
from sop.library import selectors
from sop.library.compare import template_changes
from sop.library.create import filled_content, kepala_of, placeholder_values, sop_from_template, template_roles
from sop.library.forms import TemplateUseForm
from sop.library.preview import preview_rows
from sop.library.roles import known_roles, suggest
from sop.views import opd_for_create


class TemplateListView(LoginRequiredMixin, TemplateView):
    """The current templates, for a user who may draft SOPs in one of their OPDs."""

    template_name = "sop/library/template_list.html"

    def get_context_data(self, **kwargs):
        creatable = [o for o in opds_of(self.request.user) if permissions.can_create_in(self.request.user, o.pk)]
        if not creatable:
            raise PermissionDenied(_("Anda tidak berhak menyusun SOP di OPD mana pun."))
        wanted = self.request.GET.get("opd", "")
        opd = next((o for o in creatable if str(o.pk) == wanted), creatable[0] if len(creatable) == 1 else None)
        return super().get_context_data(
            templates=list(selectors.current_templates()), opds=creatable, opd=opd, **kwargs
        )


class TemplateUseView(LoginRequiredMixin, View):
    """GET: the template filled in with the OPD's names; POST: preview again, or create the draft."""

    template_name = "sop/library/template_use.html"

    def setup_page(self, request, slug):
        self.template = selectors.template_get(slug=slug)
        self.opd = opd_for_create(request)
        self.kepala = kepala_of(self.opd)
        self.known = known_roles(self.opd)

    def render_page(self, form, *, values, roles, status=200):
        content = filled_content(template=self.template, values=values, roles=roles)
        context = {
            "template": self.template,
            "opd": self.opd,
            "form": form,
            "known": self.known,
            "preview": preview_rows(content),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, slug):
        self.setup_page(request, slug)
        values = placeholder_values(self.opd, self.kepala)
        roles = [suggest(role, self.known) for role in template_roles(self.template, values)]
        initial = {f"nilai_{name}": value for name, value in values.items()}
        initial.update({f"peran_{index}": role for index, role in enumerate(roles)})
        form = TemplateUseForm(initial=initial, roles=template_roles(self.template, values))
        return self.render_page(form, values=values, roles=roles)

    def post(self, request, slug):
        self.setup_page(request, slug)
        defaults = placeholder_values(self.opd, self.kepala)
        form = TemplateUseForm(request.POST, roles=template_roles(self.template, defaults))
        if not form.is_valid():
            messages.error(request, _("Draf belum dibuat. Perbaiki isian yang ditandai merah."))
            return self.render_page(form, values=defaults, roles=None, status=422)
        values, roles = form.values(), form.role_names()
        if "buat" not in request.POST:
            return self.render_page(form, values=values, roles=roles)
        try:
            sop = sop_from_template(
                template=self.template, opd=self.opd, created_by=request.user, values=values, roles=roles
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            messages.error(request, _("Draf belum dibuat. Perbaiki isian yang ditandai merah."))
            return self.render_page(form, values=values, roles=roles, status=422)
        messages.success(
            request,
            _(
                "Draf “%(judul)s” dibuat dari templat %(slug)s versi %(v)s. "
                "Lengkapi nomor, tanggal dan isinya, lalu simpan."
            )
            % {"judul": sop.judul, "slug": self.template.slug, "v": self.template.versi},
        )
        return redirect(reverse("sop:sop-update", args=[sop.pk]))


class TemplateChangesView(LoginRequiredMixin, TemplateView):
    """What changed in a template since the version ?dari=N, against its current version."""

    template_name = "sop/library/template_changes.html"

    def get_context_data(self, **kwargs):
        new = selectors.template_get(slug=kwargs["slug"])
        wanted = self.request.GET.get("dari", "")
        if not wanted.isdigit() or int(wanted) >= new.versi:
            raise Http404
        old = selectors.template_get(slug=kwargs["slug"], versi=int(wanted))
        return super().get_context_data(changes=template_changes(old=old, new=new), **kwargs)
