from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Nama pengguna atau NIP"), widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"})
    )
    error_messages = {
        "invalid_login": _(
            "Nama pengguna/NIP atau kata sandi salah. Periksa kembali: kata sandi membedakan huruf besar dan kecil "
            "(nama pengguna tidak)."
        ),
        "inactive": _("Akun ini dinonaktifkan. Hubungi admin OPD."),
    }


def first_error(form: forms.Form) -> str:
    """The first message of an invalid form, for a page that shows one message at the top."""
    for errors in form.errors.values():
        for error in errors:
            return str(error)
    return str(_("Isian belum benar."))
