import re
from decimal import Decimal

from django import template
from django.utils.safestring import mark_safe

from sakip.beranda import waiting_count as _waiting_count
from sakip.dates import tanggal_indonesia
from sakip.forms import QuickSelect
from sakip.nip import format_nip

register = template.Library()

ZWSP = "\u200b"
BREAK_EVERY = 24  # characters between break opportunities in a run with none


_LONG_RUN = re.compile(rf"\S{{{BREAK_EVERY + 1},}}")


@register.filter
def patah(value) -> str:
    """Let a long unbroken run of characters break: a zero-width space every few characters.

    WeasyPrint breaks an unbroken word by shaping the rest of it again for every line, so its time grows with the
    square of the word's length (1,000 characters in a table cell took seconds); at a break opportunity it is
    linear. Normal words are far shorter than the run this touches, so ordinary text is left as it is.
    """
    text = str(value or "")
    return _LONG_RUN.sub(lambda m: ZWSP.join(_pieces(m.group())), text)


def _pieces(run: str) -> list[str]:
    return [run[i : i + BREAK_EVERY] for i in range(0, len(run), BREAK_EVERY)]


@register.filter
def tanggal(value) -> str:
    """{{ sop.tanggal_pembuatan|tanggal }} → '05 Februari 2020'."""
    if hasattr(value, "date") and callable(value.date):
        from django.utils import timezone

        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return tanggal_indonesia(value)


@register.filter
def nip(value) -> str:
    return format_nip(value or "")


@register.filter
def durasi(menit) -> str:
    """Working minutes as '2 hari 3 jam 20 menit' (1 hari kerja = 7,5 jam)."""
    if menit in (None, ""):
        return ""
    total = Decimal(menit)
    if total <= 0:
        return "0 menit"
    days, rest = divmod(total, Decimal(450))
    hours, minutes = divmod(rest, Decimal(60))
    parts = []
    if days:
        parts.append(f"{int(days)} hari")
    if hours:
        parts.append(f"{int(hours)} jam")
    if minutes:
        number = f"{minutes.normalize():f}".replace(".", ",")
        parts.append(f"{number} menit")
    return " ".join(parts)


@register.filter
def angka(value) -> str:
    """Whole numbers with Indonesian thousands dots: 1360 → '1.360'."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return ""


@register.filter
def css_string(value) -> str:
    """Text safe inside a CSS string literal in a <style> block (for @page margin boxes)."""
    text = str(value or "")
    out = []
    for ch in text:
        if ch.isalnum() or ch in " .,:;/-_()&'":
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):06x} ")  # the space ends the escape and is not printed
    return mark_safe("".join(out))  # only letters, digits, harmless punctuation and CSS escapes remain


@register.filter
def field_label(form, name) -> str:
    """The label of a form's field by name, for listing a row's errors in one place."""
    field = form.fields.get(name)
    return str(field.label) if field is not None and field.label else str(name)


@register.simple_tag
def waiting_count(user) -> int:
    """{% waiting_count user as n %}: what waits for the user on the Beranda (the badge in the navigation bar)."""
    return _waiting_count(user)


@register.simple_tag
def opd_select(opds, chosen=None, *, id: str, label: str = "nama", empty: str = "", **attrs):
    """{% opd_select opds opd id="f_opd" %}: the <select name="opd"> of the user's OPDs, written in Python
    (sakip.forms.QuickSelect): a province-wide user has 500 of them, and the template loop cost 20 ms a page.
    `label` is "nama" (the full name) or "singkatan" (the short one, the full name when there is none); other
    keywords become attributes, with "_" as "-" (data_submit_on_change="" for data-submit-on-change); `empty` is
    the label of a first option without an OPD."""
    names = [("", empty)] if empty else []
    names += [(opd.pk, opd.nama if label == "nama" else str(opd)) for opd in opds]
    widget = QuickSelect(choices=names, attrs={"class": "form-select", "id": id})
    extra = {key.replace("_", "-"): value for key, value in attrs.items()}
    return widget.render("opd", getattr(chosen, "pk", chosen), attrs=extra)
