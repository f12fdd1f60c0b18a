from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.forms.utils import flatatt
from django.utils.functional import lazy
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from sakip.fields import TanggalField
from sakip.models import Opd, Pegawai, PenjabatKepala
from sakip.nip import normalize_nip
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


NEW_PASSWORD_MESSAGES = {
    "password_mismatch": _(
        "Isian “Ulangi kata sandi baru” tidak sama dengan kata sandi baru. Ketik kata sandi yang sama di keduanya."
    ),
}


def _label_new_password(form: SetPasswordForm) -> None:
    form.fields["new_password1"].label = _("Kata sandi baru")
    form.fields["new_password2"].label = _("Ulangi kata sandi baru")
    form.fields["new_password2"].help_text = _("Ketik sekali lagi kata sandi yang sama, untuk memastikan.")


class OwnPasswordForm(PasswordChangeForm):
    """A user's own new password: the current one first, then the new one twice, checked by the validators."""

    error_messages = {
        **NEW_PASSWORD_MESSAGES,
        "password_incorrect": _(
            "Kata sandi lama salah. Ketik kata sandi yang Anda pakai untuk masuk (huruf besar dan kecil dibedakan)."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Kata sandi lama")
        _label_new_password(self)


class MemberPasswordForm(SetPasswordForm):
    """The new password an OPD's admin sets for a member, checked by the same validators against that member."""

    error_messages = NEW_PASSWORD_MESSAGES

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label_new_password(self)


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


class PenjabatForm(forms.Form):
    """A Plt./Plh. Kepala of the OPD: who (by NIP, from any OPD of the Pemda), which, as what, from when to when."""

    jenis = forms.ChoiceField(label=_("Jenis"), choices=PenjabatKepala.Jenis.choices)
    nip = forms.CharField(
        label=_("NIP pegawai"), max_length=24, widget=forms.TextInput(attrs={"placeholder": "19690815 199803 1 008"})
    )
    jabatan = forms.CharField(
        label=_("Jabatan yang dijalankan"), max_length=250,
        help_text=_("Tercetak dengan awalan Plt./Plh., mis. “Plt. Kepala Bappeda dan Litbang Kabupaten Banggai”."),
    )  # fmt: skip
    mulai = TanggalField(label=_("Berlaku mulai"))
    selesai = TanggalField(label=_("Berlaku sampai"), required=False, help_text=_("Kosongkan: sampai dicabut."))
    dasar = forms.CharField(label=_("Dasar penunjukan"), max_length=250, required=False,
                            help_text=_("Mis. nomor surat perintah."))  # fmt: skip

    def __init__(self, *args, opd: Opd, **kwargs):
        super().__init__(*args, **kwargs)
        self.opd = opd

    def clean_nip(self):
        digits = normalize_nip(self.cleaned_data["nip"])
        pegawai = Pegawai.objects.select_related("opd").filter(nip=digits, opd__pemda_id=self.opd.pemda_id).first()
        if pegawai is None:
            raise forms.ValidationError(
                _("Tidak ada pegawai %(pemda)s dengan NIP %(nip)s. Periksa NIP-nya, atau minta superadmin mendaftarkan "
                  "pegawai itu.") % {"pemda": self.opd.pemda, "nip": self.cleaned_data["nip"]}
            )  # fmt: skip
        return pegawai

    def clean(self):
        data = super().clean()
        if data.get("mulai") and data.get("selesai") and data["selesai"] < data["mulai"]:
            self.add_error("selesai", _("Tanggal akhir tidak boleh sebelum tanggal mulai."))
        return data


class PenjabatEndForm(forms.Form):
    selesai = TanggalField(label=_("Berlaku sampai"))


class QuickSelect(forms.Select):
    """The same <select> as Django's, its options written in Python straight from the choices: through the option
    templates the 500 OPDs of a province-wide user cost about 100 ms on every SOP list page, and through
    `optgroups` (a dict of attributes per option) and `format_html` per option still 35 ms. Flat choices only."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        options = "\n".join(
            f'<option value="{escape(key)}"{" selected" if str(key) in chosen else ""}>{escape(label)}</option>'
            for key, label in self.choices
        )
        attrs = self.build_attrs(self.attrs, attrs)
        return format_html('<select name="{}"{}>\n{}\n</select>', name, flatatt(attrs), mark_safe(options))
