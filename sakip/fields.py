"""Form fields that read dates and numbers the way Indonesian offices type them, whatever the browser's language.

A browser's own date and number inputs follow the browser's language (mm/dd/yyyy, a decimal point); these are
text inputs with a pattern the page's script explains in Indonesian (static/js/form_hints.js).
"""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
# Written for the browser's `v`-flag patterns too: "/" and "-" escaped inside a class (and only there).
DATE_PATTERN = r"\s*\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{4}\s*|\s*\d{4}-\d{1,2}-\d{1,2}\s*"


class TanggalInput(forms.DateInput):
    """dd/mm/yyyy in a text input, with the pattern and the hint the page's script reads."""

    def __init__(self, attrs=None):
        defaults = {
            "placeholder": "hh/bb/tttt",
            "pattern": DATE_PATTERN,
            "inputmode": "numeric",
            "autocomplete": "off",
            "data-pesan-pola": _("Tulis tanggal sebagai hari/bulan/tahun, mis. 05/01/2026."),
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")


class TanggalField(forms.DateField):
    widget = TanggalInput
    input_formats = DATE_INPUT_FORMATS
    default_error_messages = {"invalid": _("Tanggal tidak dikenali: tulis hari/bulan/tahun, mis. 05/01/2026.")}


def angka_teks(value: Decimal | None) -> str:
    """A decimal as an Indonesian writes it: 60 (not 60.00), 1,5."""
    if value is None:
        return ""
    return f"{value.normalize():f}".replace(".", ",")


class DesimalField(forms.DecimalField):
    """A decimal typed with a comma (1,5) or a point (1.5); shown with a comma and no trailing zeros."""

    def __init__(self, *, lebih_dari: int | None = None, **kwargs):
        attrs = {
            "inputmode": "decimal",
            "pattern": r"\s*\d+([.,]\d+)?\s*",
            "autocomplete": "off",
            "data-pesan-pola": _("Isi dengan angka, mis. 15 atau 1,5."),
        }
        if lebih_dari is not None:
            attrs["data-lebih-dari"] = str(lebih_dari)
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and value.count(",") == 1 and "." not in value:
            value = value.replace(",", ".")
        return super().to_python(value)

    def prepare_value(self, value):
        return angka_teks(value) if isinstance(value, Decimal) else value

    def widget_attrs(self, widget):
        # Leave out DecimalField's step/min/max: they belong to a number input, not to this text input.
        return forms.Field.widget_attrs(self, widget)
