"""Forms of the SOP editor: the identity form and one formset per kind of row.

The forms only collect input; `SopEditor` turns them into a SopContent for the services and puts
each cross-row message (sop.structure) on the row it concerns.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from sakip.fields import DesimalField, TanggalField, angka_teks
from sakip.forms import reason_field
from sakip.models import Opd
from sakip.pengesah import pengesah_queryset
from sop.content import (
    EDITABLE_IDENTITY,
    MAX_ITEMS,
    MAX_LANGKAH,
    MAX_PELAKSANA,
    NULLABLE_IDENTITY,
    TOO_MANY_PELAKSANA,
    ItemInput,
    LangkahInput,
    PelaksanaInput,
    SopContent,
)
from sop.editor_errors import EditorError, add_row_errors, editor_errors
from sop.models import Langkah, Sop, SopItem
from sop.services import duplicate_nomor, nomor_taken_message
from sop.structure import check_structure


class SopForm(forms.ModelForm):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Sop
        fields = list(EDITABLE_IDENTITY)
        field_classes = dict.fromkeys(("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif"), TanggalField)
        error_messages = {"judul": {"required": _("Judul SOP belum diisi.")}}

    def __init__(self, *args, opd: Opd, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_pengesah(opd)
        self.fields["nomor"].help_text = _("Boleh dikosongkan selama draf; wajib sebelum diajukan.")
        if self.instance.pk:
            self.fields["lock_version"].initial = self.instance.lock_version

    def _limit_pengesah(self, opd: Opd) -> None:
        """Only the Kepala and the Plt./Plh. Kepala in force today may be chosen (sakip.pengesah)."""
        field = self.fields["pengesah"]
        field.queryset = pengesah_queryset(opd).order_by("nama")
        field.label_from_instance = lambda p: f"{p.nama} — {p.jabatan_pengesah}" if p.jabatan_pengesah else p.nama
        field.help_text = _("Kepala OPD, atau Plt./Plh. Kepala yang sedang berlaku. Nama, pangkat dan NIP dicatat "
                            "saat SOP disahkan.")  # fmt: skip
        field.error_messages["invalid_choice"] = _(
            "Pejabat pengesah harus Kepala OPD ini atau Plt./Plh. Kepala yang sedang berlaku. Pilih dari daftar."
        )


class RowForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # Bookkeeping fields the editor's script fills in; a row with nothing else typed is an empty row.
    BOOKKEEPING = frozenset({"id", "ORDER", "kunci", "DELETE"})

    def has_changed(self) -> bool:
        return any(name not in self.BOOKKEEPING for name in self.changed_data)


class PelaksanaForm(RowForm):
    kunci = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)
    nama = forms.CharField(
        label=_("Pelaksana"),
        max_length=150,
        error_messages={"required": _("Nama pelaksana belum diisi.")},
        widget=forms.TextInput(attrs={"placeholder": _("mis. Kepala Bidang")}),
    )


TARGET_MESSAGES = {
    "invalid": _("Isi nomor langkah tujuan dengan angka, mis. 4."),
    "min_value": _("Nomor langkah tujuan paling kecil 1."),
    "max_value": _("Nomor langkah tujuan paling besar 999."),
}


class LangkahForm(RowForm):
    uraian = forms.CharField(
        label=_("Uraian kegiatan"),
        # Required in the browser too, so the page's script can say so while typing (formsets leave it out).
        widget=forms.Textarea(attrs={"rows": 2, "required": True}),
        error_messages={"required": _("Uraian kegiatan belum diisi.")},
    )
    pelaksana = forms.CharField(label=_("Pelaksana"), required=False, widget=forms.Select)
    simbol = forms.ChoiceField(label=_("Simbol"), choices=Langkah.Simbol.choices, initial=Langkah.Simbol.PROSES)
    ya_ke = forms.IntegerField(
        label=_("Ya → langkah"), required=False, min_value=1, max_value=999, error_messages=TARGET_MESSAGES
    )
    tidak_ke = forms.IntegerField(
        label=_("Tidak → langkah"), required=False, min_value=1, max_value=999, error_messages=TARGET_MESSAGES
    )
    kelengkapan = forms.CharField(label=_("Kelengkapan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    waktu_nilai = DesimalField(
        label=_("Waktu"),
        required=False,
        max_digits=8,
        decimal_places=2,
        lebih_dari=0,
        error_messages={
            "invalid": _("Waktu harus berupa angka, mis. 15 atau 1,5."),
            "max_digits": _("Waktu terlalu besar: paling banyak 6 angka sebelum koma."),
            "max_decimal_places": _("Waktu paling banyak 2 angka di belakang koma, mis. 1,25."),
            "max_whole_digits": _("Waktu terlalu besar: paling banyak 6 angka sebelum koma."),
        },
    )
    waktu_satuan = forms.ChoiceField(label=_("Satuan"), choices=Langkah.Satuan.choices, initial=Langkah.Satuan.MENIT)
    waktu_teks = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    output = forms.CharField(label=_("Output"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    keterangan = forms.CharField(label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 1}))
    aksi = forms.ChoiceField(
        label=_("Aksi dalam pelaksanaan"),
        choices=Langkah.Aksi.choices,
        initial=Langkah.Aksi.BIASA,
        required=False,
        help_text=_("Apa yang dikerjakan langkah ini saat SOP dijalankan."),
    )

    def __init__(self, *args, pelaksana_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pelaksana"].widget.choices = [("", "—"), *pelaksana_choices]


class ItemForm(RowForm):
    teks = forms.CharField(label=_("Isi"), required=False, widget=forms.Textarea(attrs={"rows": 1}))
    sop_terkait = forms.ModelChoiceField(label=_("atau tautkan SOP"), queryset=Sop.objects.none(), required=False)

    def __init__(self, *args, sop_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sop_choices is None:
            del self.fields["sop_terkait"]
        else:
            self.fields["sop_terkait"].queryset = sop_choices


# The editor's text limits are the models' (the services check them again for the importer).
for _form, _model, _names in (
    (LangkahForm, Langkah, ("uraian", "kelengkapan", "output", "keterangan")),
    (ItemForm, SopItem, ("teks",)),
):
    for _name in _names:
        _form.base_fields[_name].validators.extend(_model._meta.get_field(_name).validators)


class BoundedFormSet(forms.BaseFormSet):
    """A formset that refuses a count over its maximum before building a single form.

    Django caps the forms it builds at `absolute_max`, but still builds that many; a POST claiming a billion rows
    then costs seconds of CPU per formset. A count over the maximum is refused at once with this formset's message.
    """

    def total_form_count(self) -> int:
        if self.is_bound and self._sent_count() > self.absolute_max:
            return 0  # full_clean reports too_many_forms
        return super().total_form_count()

    def _sent_count(self) -> int:
        raw = str(self.data.get(self.add_prefix("TOTAL_FORMS"), ""))
        if not raw.isdigit():
            return 0  # the management form reports it
        return int(raw) if len(raw) < 10 else self.absolute_max + 1


def _formset(form, max_num: int, too_many):
    formset = formset_factory(
        form, formset=BoundedFormSet, extra=0, can_delete=True, can_order=True,
        max_num=max_num, absolute_max=max_num, validate_max=True,
    )  # fmt: skip
    formset.default_error_messages = {**forms.BaseFormSet.default_error_messages, "too_many_forms": too_many}
    return formset


PelaksanaFormSet = _formset(PelaksanaForm, MAX_PELAKSANA, TOO_MANY_PELAKSANA)
LangkahFormSet = _formset(LangkahForm, MAX_LANGKAH, _("Satu SOP paling banyak %(num)d langkah."))
ItemFormSet = _formset(ItemForm, MAX_ITEMS, _("Satu daftar paling banyak %(num)d butir."))


def _ordered(formset) -> list:
    """Rows in the order the user left them, deleted and untouched empty rows left out."""
    initial = set(formset.initial_forms)
    return [
        form
        for form in rows_in_order(formset)
        if (form in initial or form.has_changed()) and not formset._should_delete_form(form)
    ]


def rows_in_order(formset) -> list:
    """Forms in the order the user left them, so a page shown again after an error keeps that order."""
    if not formset.is_bound:
        return list(formset.forms)

    def position(indexed):
        index, form = indexed
        raw = form.data.get(form.add_prefix("ORDER"), "")
        try:
            return (0, int(raw), index)
        except (TypeError, ValueError):
            return (1, 0, index)

    return [form for _index, form in sorted(enumerate(formset.forms), key=position)]


class SopEditor:
    """The identity form, the pelaksana and langkah formsets and one formset per list, as one unit."""

    def __init__(self, *, opd: Opd, sop: Sop | None = None, data=None, initial_content: SopContent | None = None):
        self.opd = opd
        self.sop = sop
        self.form = SopForm(data, instance=sop if sop is not None else Sop(opd=opd), opd=opd, prefix="sop")
        content = initial_content
        self.pelaksana = PelaksanaFormSet(
            data,
            prefix="pelaksana",
            initial=[{"id": p.id, "kunci": p.kunci, "nama": p.nama} for p in content.pelaksana] if content else None,
        )
        self.langkah = LangkahFormSet(
            data,
            prefix="langkah",
            initial=[_langkah_initial(s) for s in content.langkah] if content else None,
            form_kwargs={"pelaksana_choices": self._pelaksana_choices(data, content)},
        )
        linkable = Sop.objects.filter(opd=opd).exclude(status=Sop.Status.DIGANTI)
        if sop is not None:
            linkable = linkable.exclude(seri=sop.seri)
        self.items = {}
        for jenis, label in SopItem.Jenis.choices:
            self.items[jenis] = ItemFormSet(
                data,
                prefix=f"item-{jenis}",
                initial=[
                    {"id": i.id, "teks": i.teks, "sop_terkait": i.sop_terkait_id} for i in content.items.get(jenis, [])
                ]
                if content
                else None,
                form_kwargs={"sop_choices": linkable.order_by("judul") if jenis == SopItem.Jenis.KETERKAITAN else None},
            )
            self.items[jenis].label = label

    @staticmethod
    def _pelaksana_choices(data, content: SopContent | None) -> list[tuple[str, str]]:
        """Options of each step's pelaksana select: the columns as they stand in this edit."""
        if data is None:
            return [(p.kunci, p.nama) for p in content.pelaksana] if content else []
        choices = []
        raw_total = data.get("pelaksana-TOTAL_FORMS", "")
        total = int(raw_total) if str(raw_total).isdigit() and len(raw_total) < 10 else 0  # the formset reports it
        for index in range(min(total, MAX_PELAKSANA)):
            kunci = data.get(f"pelaksana-{index}-kunci", "")
            if kunci and not data.get(f"pelaksana-{index}-DELETE"):
                choices.append((kunci, data.get(f"pelaksana-{index}-nama", "") or kunci))
        return choices

    @property
    def pelaksana_rows(self) -> list:
        return rows_in_order(self.pelaksana)

    @property
    def langkah_rows(self) -> list:
        return rows_in_order(self.langkah)

    @property
    def item_sections(self) -> list[tuple[str, object, list]]:
        return [(jenis, formset, rows_in_order(formset)) for jenis, formset in self.items.items()]

    @property
    def formsets(self):
        return [self.pelaksana, self.langkah, *self.items.values()]

    def is_valid(self) -> bool:
        """Every check in one pass, so one save lists every mistake: fields, rows, rules across rows, nomor."""
        valid = self.form.is_valid()
        for formset in self.formsets:
            valid = formset.is_valid() and valid
        self._check_nomor()
        pelaksana_forms = _ordered(self.pelaksana)
        langkah_forms = _ordered(self.langkah)
        errors = check_structure(
            [self._pelaksana_input(f) for f in pelaksana_forms], [self._langkah_input(f) for f in langkah_forms]
        )
        add_row_errors(pelaksana_forms, errors.pelaksana)
        add_row_errors(langkah_forms, errors.langkah)
        return valid and not errors and not self.form.errors

    def _check_nomor(self) -> None:
        nomor = self.form.cleaned_data.get("nomor") if hasattr(self.form, "cleaned_data") else None
        if nomor and not self.form.errors.get("nomor"):
            other = duplicate_nomor(opd=self.opd, nomor=nomor, sop=self.sop)
            if other is not None:
                self.form.add_error("nomor", nomor_taken_message(other))

    @property
    def errors(self) -> list[EditorError]:
        """Every message on the page, in page order, each with the id of its field (for the list at the top)."""
        return editor_errors(self, _ordered)

    @staticmethod
    def _pelaksana_input(form) -> PelaksanaInput:
        data = form.cleaned_data
        return PelaksanaInput(kunci=data.get("kunci") or "", nama=data.get("nama", ""), id=data.get("id"))

    @staticmethod
    def _langkah_input(form) -> LangkahInput:
        data = form.cleaned_data
        return LangkahInput(
            id=data.get("id"),
            uraian=data.get("uraian", ""),
            pelaksana_kunci=data.get("pelaksana") or "",
            simbol=data.get("simbol") or Langkah.Simbol.PROSES,
            ya_ke=data.get("ya_ke"),
            tidak_ke=data.get("tidak_ke"),
            kelengkapan=data.get("kelengkapan", ""),
            waktu_nilai=data.get("waktu_nilai"),
            waktu_satuan=data.get("waktu_satuan") or Langkah.Satuan.MENIT,
            waktu_teks=data.get("waktu_teks", ""),
            output=data.get("output", ""),
            keterangan=data.get("keterangan", ""),
            aksi=data.get("aksi") or Langkah.Aksi.BIASA,
        )

    def content(self) -> SopContent:
        identity = {name: self.form.cleaned_data.get(name) for name in EDITABLE_IDENTITY}
        identity = {k: ("" if v is None and k not in NULLABLE_IDENTITY else v) for k, v in identity.items()}
        return SopContent(
            identity=identity,
            pelaksana=[self._pelaksana_input(f) for f in _ordered(self.pelaksana)],
            langkah=[self._langkah_input(f) for f in _ordered(self.langkah)],
            items={
                jenis: [
                    ItemInput(
                        id=f.cleaned_data.get("id"),
                        teks=f.cleaned_data.get("teks", ""),
                        sop_terkait_id=f.cleaned_data["sop_terkait"].pk if f.cleaned_data.get("sop_terkait") else None,
                    )
                    for f in _ordered(formset)
                ]
                for jenis, formset in self.items.items()
            },
        )

    @property
    def expected_version(self) -> int:
        return self.form.cleaned_data.get("lock_version") or 0

    def add_service_errors(self, error: ValidationError) -> None:
        """Put a service's ValidationError on the identity form (field errors where it names a field)."""
        for field, messages in error.message_dict.items():
            target = field if field in self.form.fields else None
            for message in messages:
                self.form.add_error(target, message)


def _langkah_initial(step: LangkahInput) -> dict:
    return {
        "id": step.id,
        "uraian": step.uraian,
        "pelaksana": step.pelaksana_kunci,
        "simbol": step.simbol,
        "ya_ke": step.ya_ke,
        "tidak_ke": step.tidak_ke,
        "kelengkapan": step.kelengkapan,
        "waktu_nilai": angka_teks(step.waktu_nilai),
        "waktu_satuan": step.waktu_satuan,
        "waktu_teks": step.waktu_teks,
        "output": step.output,
        "keterangan": step.keterangan,
        "aksi": step.aksi,
    }


class ReturnForm(forms.Form):
    alasan = reason_field(
        label=_("Alasan pengembalian"),
        required_message=_("Tuliskan alasan pengembalian agar penyusun tahu apa yang harus diperbaiki."),
    )
