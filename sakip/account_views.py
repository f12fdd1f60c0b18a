"""Password pages: the user's own change, and an OPD admin's reset of a member's password."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, ListView

from sakip import accounts, permissions
from sakip.forms import MemberPasswordForm, OwnPasswordForm
from sakip.models import User


class OwnPasswordView(auth_views.PasswordChangeView):
    form_class = OwnPasswordForm
    template_name = "sakip/password_change_form.html"  # not registration/…: the admin's own page uses that name
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        accounts.password_change(user=self.request.user, password=form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, self.request.user)  # this session stays; the others end
        messages.success(self.request, _("Kata sandi Anda sudah diganti. Pakai kata sandi baru saat masuk berikutnya."))
        return redirect(self.success_url)


class AdminOnlyMixin(LoginRequiredMixin):
    """Pages for those who administer an OPD; anyone else gets a 404, as for another OPD's rows."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not (user.is_superuser or permissions.administered_opds(user)):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class MemberListView(AdminOnlyMixin, ListView):
    template_name = "sakip/member_list.html"
    context_object_name = "members"
    paginate_by = 50

    def get_queryset(self):
        return accounts.members_for_admin(actor=self.request.user, search=self.request.GET.get("q", "")[:100])

    def get_context_data(self, **kwargs):
        q = self.request.GET.get("q", "")[:100]
        return super().get_context_data(q=q, querystring=f"q={q}" if q else "", **kwargs)


@method_decorator(sensitive_post_parameters(), name="dispatch")
class MemberPasswordView(AdminOnlyMixin, FormView):
    template_name = "sakip/member_password_form.html"
    form_class = MemberPasswordForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.member = None

    def get_member(self) -> User:
        if self.member is None:
            member = get_object_or_404(User.objects.select_related("pegawai"), pk=self.kwargs["pk"])
            if not permissions.may_reset_password(self.request.user, member):
                raise Http404
            self.member = member
        return self.member

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.get_member()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(member=self.get_member(), **kwargs)

    def form_valid(self, form):
        member = self.get_member()
        accounts.password_reset(actor=self.request.user, user=member, password=form.cleaned_data["new_password1"])
        messages.success(
            self.request,
            _(
                "Kata sandi %(who)s sudah diatur ulang; sesi masuknya yang lama berakhir. Sampaikan kata sandi itu "
                "kepadanya secara langsung (bukan lewat grup obrolan) dan minta ia menggantinya lewat menu "
                "Ganti kata sandi."
            )
            % {"who": member},
        )
        return redirect(reverse("member-list"))
