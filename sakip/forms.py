from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from sakip.validators import REASON_MAX, MaxChars, max_chars_text


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


def reason_field(*, label, required_message, limit: int = REASON_MAX, subject=None, required=True, rows=3):
    """A reason or note with its maximum stated under it, and a refusal that says how long it is now."""
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows, "class": "form-control"}),
        validators=[MaxChars(limit, subject or _("Alasan"))],
        help_text=lazy(max_chars_text, str)(limit),
        error_messages={"required": required_message},
    )
