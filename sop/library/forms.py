"""Forms of the template pages: the OPD's names and the role mapping; the admin's upload."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sop.library.format import MAX_BYTES, PLACEHOLDERS

VALUE_LABELS = {
    "opd": _("Nama OPD — {opd}"),
    "opd_singkatan": _("Singkatan OPD — {opd_singkatan}"),
    "kepala": _("Jabatan Kepala — {kepala}"),
    "pemda": _("Nama Pemda — {pemda}"),
}


class TemplateUseForm(forms.Form):
    """The names a template fills in, and the OPD's pelaksana name for each of the template's roles."""

    def __init__(self, *args, roles: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.roles = roles
        for name in PLACEHOLDERS:
            self.fields[f"nilai_{name}"] = forms.CharField(
                label=VALUE_LABELS[name],
                max_length=250,
                error_messages={"required": _("Isi %(label)s.") % {"label": PLACEHOLDERS[name]}},
            )
        for index, role in enumerate(roles):
            self.fields[f"peran_{index}"] = forms.CharField(
                label=role,
                max_length=150,
                error_messages={"required": _("Isi nama pelaksana untuk peran “%(peran)s”.") % {"peran": role}},
                widget=forms.TextInput(attrs={"list": "pelaksana-opd"}),
            )

    @property
    def value_fields(self):
        return [self[f"nilai_{name}"] for name in PLACEHOLDERS]

    @property
    def role_fields(self):
        return [self[f"peran_{index}"] for index in range(len(self.roles))]

    def values(self) -> dict[str, str]:
        return {name: self.cleaned_data[f"nilai_{name}"].strip() for name in PLACEHOLDERS}

    def role_names(self) -> list[str]:
        return [self.cleaned_data[f"peran_{index}"].strip() for index in range(len(self.roles))]


class TemplateUploadForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas templat (.json)"),
        help_text=_("Satu templat atau daftar templat dalam format sakip-sop-templat/1; paling besar 1 MB."),
        error_messages={"required": _("Pilih berkas templat .json.")},
    )

    def clean_berkas(self):
        upload = self.cleaned_data["berkas"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Berkas lebih dari 1 MB; templat sebesar itu tidak wajar."))
        return upload


class TemplateConfirmForm(forms.Form):
    """The checked file carried from the preview to the confirmation; read and checked again on submit."""

    nama = forms.CharField(max_length=200, widget=forms.HiddenInput)
    isi = forms.CharField(max_length=MAX_BYTES, widget=forms.HiddenInput, strip=False)
