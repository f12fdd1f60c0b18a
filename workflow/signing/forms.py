from django import forms
from django.utils.translation import gettext_lazy as _

VERIFY_MAX_BYTES = 20 * 1024 * 1024


class SignForm(forms.Form):
    """Step-up: the passphrase is typed again at every signing, whatever session the signer is in."""

    passphrase = forms.CharField(
        label=_("Passphrase TTE"),
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "class": "form-control"}),
        error_messages={"required": _("Ketik passphrase TTE Anda untuk menandatangani.")},
        help_text=_("Passphrase sertifikat elektronik Anda (bukan kata sandi masuk). Tidak pernah disimpan."),
    )


class VerifyUploadForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas PDF yang ingin diperiksa"),
        error_messages={"required": _("Pilih berkas PDF yang ingin dicocokkan.")},
    )

    def clean_berkas(self):
        upload = self.cleaned_data["berkas"]
        if upload.size > VERIFY_MAX_BYTES:
            raise forms.ValidationError(_("Berkas lebih dari 20 MB; dokumen yang ditandatangani tidak sebesar itu."))
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(_("Berkas ini bukan PDF. Unggah berkas PDF dokumen yang ingin diperiksa."))
        return upload


class IssueCertificateForm(forms.Form):
    """A signer makes their own certificate of the local CA, choosing its passphrase (typed twice)."""

    password = forms.CharField(
        label=_("Kata sandi masuk Anda"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "class": "form-control"}),
        error_messages={"required": _("Ketik kata sandi masuk Anda untuk memastikan ini memang Anda.")},
    )
    passphrase = forms.CharField(
        label=_("Passphrase TTE baru"),
        strip=False,
        min_length=8,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "class": "form-control"}),
        error_messages={
            "required": _("Pilih passphrase TTE."),
            "min_length": _("Passphrase TTE paling sedikit 8 karakter."),
        },
        help_text=_("Paling sedikit 8 karakter, berbeda dari kata sandi masuk. Diketik setiap kali menandatangani."),
    )
    ulangi = forms.CharField(
        label=_("Ulangi passphrase TTE"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "class": "form-control"}),
        error_messages={"required": _("Ketik passphrase TTE sekali lagi.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Kata sandi masuk salah."))
        return password

    def clean(self):
        data = super().clean()
        if data.get("passphrase") and data.get("ulangi") and data["passphrase"] != data["ulangi"]:
            self.add_error("ulangi", _("Kedua passphrase tidak sama; ketik ulang."))
        if data.get("passphrase") and data.get("password") and data["passphrase"] == data["password"]:
            self.add_error("passphrase", _("Passphrase TTE harus berbeda dari kata sandi masuk."))
        return data
