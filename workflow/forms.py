"""Forms only collect input; the transitions and services do the work."""

import hashlib

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from sakip.forms import reason_field
from sakip.models import User
from workflow.models import NOTE_MAX, Run, role_key
from workflow.uploads import check_upload, limit_text

ACCEPT = ".pdf,.docx,.xlsx,.png,.jpg,.jpeg"
REASSIGN_NOTE_MAX = 1000


class UploadField(forms.FileField):
    widget = forms.ClearableFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", lazy(limit_text, str)())
        super().__init__(**kwargs)
        self.widget = forms.FileInput(attrs={"accept": ACCEPT, "class": "form-control"})

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            check_upload(upload)
        return upload


class RunStartForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), error_messages={"invalid": _("Tulis tahun dengan angka, mis. 2026.")})
    periode = forms.ChoiceField(label=_("Periode"), choices=Run.Periode.choices)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.years = years
        self.fields["tahun"].initial = timezone.localdate().year
        self.fields["tahun"].help_text = _("Tahun %(years)s.") % {"years": ", ".join(str(y) for y in years)}
        self.fields["tahun"].widget.attrs.update({"class": "form-control", "min": min(years), "max": max(years)})
        self.fields["periode"].widget.attrs.update({"class": "form-select"})

    def clean_tahun(self) -> int:
        tahun = self.cleaned_data["tahun"]
        if tahun not in self.years:
            raise forms.ValidationError(
                _("Tahun %(tahun)s tidak bisa dipilih: pelaksanaan untuk tahun %(years)s.")
                % {"tahun": tahun, "years": ", ".join(str(y) for y in self.years)}
            )
        return tahun


class TaskCompleteForm(forms.Form):
    catatan = reason_field(
        label=_("Catatan"),
        limit=NOTE_MAX,
        subject=_("Catatan"),
        required_message=_("Tuliskan catatan: apa yang sudah dikerjakan pada langkah ini."),
    )
    berkas = UploadField(label=_("Berkas hasil"))

    def __init__(self, *args, needs_document: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_document = needs_document
        if needs_document:
            self.fields["berkas"].widget.attrs["required"] = True

    def clean(self):
        data = super().clean()
        if self.needs_document and not data.get("berkas") and "berkas" not in self.errors:
            self.add_error("berkas", _("Langkah ini menghasilkan dokumen: unggah berkasnya."))
        return data


class TaskSendBackForm(forms.Form):
    ke_langkah = forms.TypedChoiceField(label=_("Kembalikan ke langkah"), coerce=int, choices=())
    alasan = reason_field(
        label=_("Alasan pengembalian (wajib)"),
        limit=NOTE_MAX,
        required_message=_("Tuliskan alasan pengembalian agar petugas tahu apa yang harus diperbaiki."),
    )
    berkas = UploadField(label=_("Berkas koreksi (bila ada)"))

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ke_langkah"].choices = [(s.urutan, f"{s.urutan}. {s.uraian[:80]}") for s in targets]
        if targets:
            self.fields["ke_langkah"].initial = targets[-1].urutan
        self.fields["ke_langkah"].widget.attrs["class"] = "form-select"


class TaskReassignForm(forms.Form):
    petugas = forms.ModelChoiceField(label=_("Alihkan kepada"), queryset=User.objects.none())
    catatan = reason_field(
        label=_("Catatan"), limit=REASSIGN_NOTE_MAX, subject=_("Catatan"), required=False, required_message="", rows=1
    )

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["petugas"].queryset = members
        self.fields["petugas"].widget.attrs["class"] = "form-select"


class RunCancelForm(forms.Form):
    alasan = reason_field(label=_("Alasan pembatalan"), rows=2, required_message=_("Tuliskan alasan pembatalan."))


class RoleHoldersForm(forms.Form):
    """One select per pelaksana role, named after the role itself, with a fingerprint of the list it was built from.

    The list of roles is rebuilt from the OPD's SOPs on every request, so a row's position is no identity: a role
    added in between would shift every later row onto another role. Each field is named after the role's key, and
    `list_changed()` tells the view the page was built from another list (or other holders) than the current one.
    """

    def __init__(self, *args, rows=(), members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        self.fingerprint = roles_fingerprint(self.rows)
        for row in self.rows:
            field = forms.ModelChoiceField(
                label=row.pelaksana,
                queryset=members,
                required=False,
                empty_label=_("— belum ada pemegang —"),
                initial=row.holder.pk if row.holder else None,
            )
            field.widget.attrs["class"] = "form-select"
            self.fields[role_field_name(row.pelaksana)] = field

    def list_changed(self) -> bool:
        return self.is_bound and self.data.get("daftar", "") != self.fingerprint

    def holders(self) -> dict:
        return {row.pelaksana: self.cleaned_data.get(role_field_name(row.pelaksana)) for row in self.rows}

    def bound_rows(self):
        return [(row, self[role_field_name(row.pelaksana)]) for row in self.rows]


def role_field_name(pelaksana: str) -> str:
    """A field name that stays with its role however the list is ordered ('peran-' and a digest of the role key)."""
    return "peran-" + hashlib.sha256(role_key(pelaksana).encode()).hexdigest()[:16]


def roles_fingerprint(rows) -> str:
    """A digest of the roles and their holders as the page shows them: any change elsewhere changes it."""
    text = "\n".join(f"{role_key(row.pelaksana)}={row.holder.pk if row.holder else ''}" for row in rows)
    return hashlib.sha256(text.encode()).hexdigest()
