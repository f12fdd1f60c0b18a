"""Limits on typed text: every text a user can send has a stated maximum, and the refusal says by how much."""

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

REASON_MAX = 2000  # an alasan is a few sentences; a page of them is already more than anyone reads


def angka(n: int) -> str:
    """A whole number written the Indonesian way: 2.345."""
    return f"{n:,}".replace(",", ".")


def max_chars_text(limit: int) -> str:
    return str(_("Paling panjang %(max)s karakter.") % {"max": angka(limit)})


@deconstructible
class MaxChars:
    """'Uraian kegiatan paling panjang 3.000 karakter; sekarang 3.412.' (Django's own message names no field)."""

    code = "max_length"

    def __init__(self, limit: int, subject: str = ""):
        self.limit = limit
        self.subject = subject

    def __call__(self, value) -> None:
        length = len(value or "")
        if length > self.limit:
            raise ValidationError(
                _("%(subject)s paling panjang %(max)s karakter; sekarang %(n)s. Persingkat teksnya.")
                % {"subject": self.subject or _("Teks"), "max": angka(self.limit), "n": angka(length)},
                code=self.code,
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, MaxChars) and (self.limit, str(self.subject)) == (other.limit, str(other.subject))


def too_long(text: str, limit: int = REASON_MAX, subject: str = "") -> str | None:
    """The refusal for a text over `limit`, or None: for transitions, which take text from callers other than forms."""
    try:
        MaxChars(limit, subject or _("Alasan"))(text)
    except ValidationError as error:
        return error.messages[0]
    return None
