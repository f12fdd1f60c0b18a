from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Nama pengguna atau NIP"), widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"})
    )
    error_messages = {
        "invalid_login": _("Nama pengguna/NIP atau kata sandi salah. Periksa kembali, huruf besar/kecil berpengaruh."),
        "inactive": _("Akun ini dinonaktifkan. Hubungi admin OPD."),
    }
