"""Forms that only collect input: a realisasi row per indikator, a reason, a file, target rows, an indikator."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sakip.kinerja.models import Indikator, SasaranStrategis
from sakip.kinerja.pk import MURNI
from sakip.numbers import format_number, to_decimal
from workflow.uploads import check_upload

MAX_DIGITS_BEFORE_POINT = 14


class AngkaField(forms.CharField):
    """A number typed the Indonesian way (1.234,56) or with a dot; kept as Decimal, shown as typed on errors."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 30)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def prepare_value(self, value):
        return format_number(value) if value is not None and not isinstance(value, str) else value

    def clean(self, value):
        text = super().clean(value)
        try:
            number = to_decimal(text)
        except ValueError:
            raise forms.ValidationError(
                _("“%(value)s” bukan angka. Tulis seperti 1.234,56 atau 1234.56."), params={"value": text}
            ) from None
        if number is not None and abs(number) >= 10**MAX_DIGITS_BEFORE_POINT:
            raise forms.ValidationError(_("Angka “%(value)s” terlalu besar."), params={"value": text})
        if number is not None and number.as_tuple().exponent < -4:
            raise forms.ValidationError(
                _("Paling banyak 4 angka di belakang koma: “%(value)s”."), params={"value": text}
            )
        return number


class RealisasiRowForm(forms.Form):
    nilai = AngkaField(label=_("Realisasi"))
    teks = forms.CharField(label=_("Realisasi (teks)"), max_length=60, required=False)
    catatan = forms.CharField(label=_("Catatan/permasalahan"), max_length=2000, required=False, widget=forms.Textarea)
    tindak_lanjut = forms.CharField(label=_("Tindak lanjut"), max_length=2000, required=False, widget=forms.Textarea)
    realisasi_anggaran = AngkaField(label=_("Realisasi anggaran (Rp)"))

    def clean_realisasi_anggaran(self):
        value = self.cleaned_data["realisasi_anggaran"]
        if value is not None and value < 0:
            raise forms.ValidationError(_("Realisasi anggaran tidak boleh negatif."))
        return value


class AlasanForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class BuktiForm(forms.Form):
    berkas = forms.FileField(label=_("Berkas bukti"))


class TargetRowForm(forms.Form):
    tahunan = AngkaField(label=_("Target tahunan"))
    teks = forms.CharField(label=_("Target (teks)"), max_length=60, required=False)
    tw1 = AngkaField(label=_("TW I"))
    tw2 = AngkaField(label=_("TW II"))
    tw3 = AngkaField(label=_("TW III"))
    tw4 = AngkaField(label=_("TW IV"))


class ImportForm(forms.Form):
    berkas = forms.FileField(label=_("Berkas XLSX"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Unit kerja bawaan"), queryset=None, required=False,
        help_text=_("Untuk baris yang kolom Unit Kerja-nya kosong."),
    )  # fmt: skip

    def __init__(self, *args, opd, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = opd.unit_set.order_by("nama")

    def clean_berkas(self):
        upload = self.cleaned_data.get("berkas")
        if upload is None:
            if "confirm" in self.data:
                return None
            raise forms.ValidationError(_("Pilih berkas XLSX templat kinerja."))
        if not (upload.name or "").lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Unggah berkas .xlsx (templat kinerja dari halaman ini)."))
        check_upload(upload)
        return upload


class PkSimpanForm(forms.Form):
    """The head of the Perjanjian Kinerja form: what the save does, and why (required)."""

    berlaku = forms.ChoiceField(label=_("Perubahan"))
    alasan = forms.CharField(
        label=_("Alasan perubahan"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["berlaku"].choices = choices
        self.fields["berlaku"].error_messages["invalid_choice"] = _(
            "Pilihan itu tidak tersedia: triwulannya sudah dilaporkan atau sudah ada versi yang berlaku."
        )

    def clean(self):
        data = super().clean()
        if data.get("berlaku") not in (None, MURNI) and not data.get("alasan", "").strip():
            self.add_error("alasan", _("Tulis alasan perubahan target."))
        return data


class IndikatorForm(forms.Form):
    """An indikator kinerja typed in the browser: under a sasaran of the year, or a new sasaran named here."""

    sasaran = forms.ModelChoiceField(label=_("Sasaran strategis"), queryset=None, required=False)
    sasaran_baru = forms.CharField(
        label=_("atau sasaran strategis baru"), max_length=500, required=False,
        help_text=_("Isi bila sasarannya belum ada di daftar."),
    )  # fmt: skip
    nama = forms.CharField(label=_("Indikator kinerja"), max_length=500)
    satuan = forms.CharField(label=_("Satuan"), max_length=60, help_text=_("Mis. %, dokumen, indeks, Opini BPK"))
    polaritas = forms.ChoiceField(label=_("Polaritas"), choices=Indikator.Polaritas.choices)
    cara_perhitungan = forms.ChoiceField(label=_("Cara perhitungan"), choices=Indikator.CaraPerhitungan.choices)
    cara_pengukuran = forms.CharField(
        label=_("Cara pengukuran / formula"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    unit = forms.ModelChoiceField(label=_("Unit penanggung jawab"), queryset=None)
    pagu_anggaran = AngkaField(label=_("Pagu anggaran (Rp)"))

    def __init__(self, *args, opd, tahun, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sasaran"].queryset = SasaranStrategis.objects.filter(opd=opd, tahun=tahun).order_by("urutan")
        self.fields["unit"].queryset = opd.unit_set.order_by("nama")
        if editing:
            del self.fields["sasaran"], self.fields["sasaran_baru"]

    def clean_pagu_anggaran(self):
        value = self.cleaned_data["pagu_anggaran"]
        if value is not None and value < 0:
            raise forms.ValidationError(_("Pagu anggaran tidak boleh negatif."))
        return value

    def clean(self):
        data = super().clean()
        if "sasaran" in self.fields:
            baru = " ".join(data.get("sasaran_baru", "").split())
            if data.get("sasaran") is None and not baru:
                self.add_error("sasaran", _("Pilih sasaran strategisnya, atau tulis sasaran baru."))
            elif data.get("sasaran") is not None and baru:
                self.add_error("sasaran_baru", _("Pilih sasaran dari daftar atau tulis yang baru, bukan keduanya."))
            data["sasaran_baru"] = baru
        return data
