"""The upload form: which files, into which OPD. Reading them is the service's work."""

import re
from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from sakip.models import Opd
from sop.importing.choices import Choices
from sop.importing.read import MAX_BYTES, megabytes

MAX_FILES = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".docx,.txt,.tsv,text/plain"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            if not data:
                return [single(None, initial)]
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class SopImportForm(forms.Form):
    berkas = MultipleFileField(
        label=_("Berkas SOP"),
        allow_empty_file=True,  # an empty file is reported by the reader, with its name, like any other fault
        error_messages={"required": _("Pilih minimal satu berkas.")},
        help_text=format_lazy(
            _(
                "Dokumen Word (.docx) atau teks hasil ekspor Word (.txt, kolom dipisah tab); boleh beberapa berkas "
                "sekaligus, masing-masing paling besar {max} MB."
            ),
            max=megabytes(MAX_BYTES),
        ),
    )
    opd = forms.ModelChoiceField(label=_("OPD tujuan"), queryset=Opd.objects.none())

    def __init__(self, *args, opds: QuerySet[Opd], allow_kop: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["opd"]
        field.queryset = opds
        field.required = not allow_kop
        field.label_from_instance = lambda opd: f"{opd.nama} — {opd.pemda.nama}"
        if allow_kop:
            field.empty_label = _("— Baca dari kop dokumen (OPD/Pemda baru dibuat bila belum ada) —")
            field.help_text = _("Bila dikosongkan, OPD dibaca dari kop dokumen.")
        else:
            field.empty_label = None

    def clean_berkas(self) -> list:
        files = self.cleaned_data["berkas"]
        if len(files) > MAX_FILES:
            raise ValidationError(
                _("Paling banyak %(max)s berkas sekaligus; yang dipilih %(n)s.") % {"max": MAX_FILES, "n": len(files)}
            )
        errors = []
        for upload in files:
            if upload.size > MAX_BYTES:
                errors.append(
                    _("“%(nama)s”: berkas terlalu besar (%(size)s MB); paling besar %(max)s MB.")
                    % {"nama": self.display_name(upload), "size": megabytes(upload.size), "max": megabytes(MAX_BYTES)}
                )
        if errors:
            raise ValidationError(errors)
        return files

    @staticmethod
    def display_name(upload) -> str:
        return PurePath(str(upload.name or "berkas")).name[:150] or "berkas"


class SopImportOpdForm(forms.Form):
    """The OPD asked for when the kop of an uploaded file does not tell it."""

    opd = forms.ModelChoiceField(
        label=_("OPD tujuan"),
        queryset=Opd.objects.none(),
        empty_label=_("— Pilih OPD —"),
        error_messages={"required": _("Pilih OPD tujuan: kop dokumen tidak menyebutnya dengan jelas.")},
    )

    def __init__(self, *args, opds: QuerySet[Opd], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opds
        self.fields["opd"].label_from_instance = lambda opd: f"{opd.nama} — {opd.pemda.nama}"


_CHOICE_KEY = re.compile(r"^(pelaksana|aksi)-(\d{1,2})-(\d{1,3})$")


def read_choices(data, *, files: int) -> dict[int, Choices]:
    """The preview's per-step choices ("pelaksana-<file>-<step>", "aksi-<file>-<step>") by file position.

    Collected as sent; a value the preview could not have offered is passed on as -1 / as sent, so the
    service refuses that file with a message instead of saving something else.
    """
    choices: dict[int, Choices] = {}
    for key in data:
        match = _CHOICE_KEY.match(key)
        if match is None or int(match[2]) >= files:
            continue
        kind, file_index, step = match[1], int(match[2]), int(match[3])
        value = str(data.get(key, ""))[:20]
        if not value:
            continue  # "— belum dipilih —"
        chosen = choices.setdefault(file_index, Choices())
        if kind == "pelaksana":
            chosen.pelaksana[step] = int(value) if value.isdigit() else -1
        else:
            chosen.aksi[step] = value
    return choices
