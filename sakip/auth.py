"""Log in with a username or an 18-digit NIP."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from sakip.nip import normalize_nip


class UsernameOrNipBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user_model = get_user_model()
        digits = normalize_nip(username)
        user = None
        if len(digits) == 18 and digits.isdigit():
            user = user_model.objects.filter(pegawai__nip=digits).first()
        if user is None:
            user = user_model.objects.filter(username__iexact=username.strip()).first()
        if user is None:
            user_model().set_password(password)  # same work as a real check: no timing hint
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def lockout_username(request, credentials) -> str:
    """The account a login attempt is counted against: the user it resolves to, else the name as typed."""
    typed = str((credentials or {}).get("username") or (request.POST.get("username") if request else "") or "")
    digits = normalize_nip(typed)
    user_model = get_user_model()
    if len(digits) == 18 and digits.isdigit():
        username = user_model.objects.filter(pegawai__nip=digits).values_list("username", flat=True).first()
        if username:
            return username.casefold()
    return typed.strip().casefold()


def lockout_response(request, original_response=None, credentials=None):
    """The login page again, with what was typed and when to try again (HTTP 429)."""
    from django.conf import settings
    from django.shortcuts import render
    from django.utils.translation import gettext as _

    from sakip.forms import LoginForm

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    form = LoginForm(request, initial={"username": (credentials or {}).get("username") or request.POST.get("username")})
    message = _(
        "Terlalu banyak percobaan masuk yang gagal. Demi keamanan, masuk dengan akun ini atau dari perangkat ini "
        "ditahan selama %(menit)s menit; setelah itu bisa dicoba lagi. Lupa kata sandi? Minta admin OPD "
        "mengatur ulang kata sandi Anda."
    ) % {"menit": minutes}
    context = {"form": form, "lockout_message": message, "next": request.POST.get("next", "")}
    return render(request, "registration/login.html", context, status=429)
