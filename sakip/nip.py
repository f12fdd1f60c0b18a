"""NIP (Nomor Induk Pegawai) of an ASN: 18 digits, birth date, TMT CPNS, sex, sequence."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_NON_DIGIT = re.compile(r"[\s.\-]")


@dataclass(frozen=True)
class Nip:
    digits: str

    @property
    def tanggal_lahir(self) -> datetime.date:
        return datetime.date(int(self.digits[0:4]), int(self.digits[4:6]), int(self.digits[6:8]))

    @property
    def tmt(self) -> tuple[int, int]:
        return int(self.digits[8:12]), int(self.digits[12:14])

    @property
    def jenis_kelamin(self) -> str:
        return "L" if self.digits[14] == "1" else "P"

    def grouped(self) -> str:
        d = self.digits
        return f"{d[0:8]} {d[8:14]} {d[14]} {d[15:18]}"

    def __str__(self) -> str:
        return self.grouped()


def normalize_nip(value: str) -> str:
    """Drop the spaces, dots and dashes people type inside a NIP."""
    return _NON_DIGIT.sub("", value or "").removeprefix("NIP").strip()


def parse_nip(value: str, *, today: datetime.date | None = None) -> Nip:
    """Return the NIP or raise ValidationError saying which part is wrong."""
    today = today or datetime.date.today()
    digits = normalize_nip(value)
    if not digits.isdigit() or len(digits) != 18:
        raise ValidationError(
            _("NIP harus 18 angka (contoh: 19690815 199803 1 008); yang diisi %(n)s karakter."),
            code="nip_length",
            params={"n": len(digits)},
        )
    try:
        born = datetime.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise ValidationError(
            _("8 angka pertama NIP harus tanggal lahir yang sah (TTTTBBHH): %(part)s bukan tanggal."),
            code="nip_birth",
            params={"part": digits[0:8]},
        ) from None
    if born.year < 1940 or born > today:
        raise ValidationError(
            _("Tahun lahir pada NIP (%(year)s) tidak masuk akal."), code="nip_birth", params={"year": born.year}
        )
    tmt_year, tmt_month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= tmt_month <= 12:
        raise ValidationError(
            _("Angka 9–14 NIP adalah TMT CPNS (TTTTBB); bulan %(m)s tidak ada."),
            code="nip_tmt",
            params={"m": digits[12:14]},
        )
    if tmt_year - born.year < 15 or (tmt_year, tmt_month) > (today.year, today.month):
        raise ValidationError(
            _("TMT CPNS pada NIP (%(tmt)s) tidak cocok dengan tanggal lahir %(born)s."),
            code="nip_tmt",
            params={"tmt": digits[8:14], "born": digits[0:8]},
        )
    if digits[14] not in "12":
        raise ValidationError(
            _("Angka ke-15 NIP adalah jenis kelamin: 1 (laki-laki) atau 2 (perempuan), bukan %(d)s."),
            code="nip_sex",
            params={"d": digits[14]},
        )
    if digits[15:18] == "000":
        raise ValidationError(_("Nomor urut pada NIP (3 angka terakhir) tidak boleh 000."), code="nip_seq")
    return Nip(digits)


def validate_nip(value: str) -> None:
    parse_nip(value)


def format_nip(value: str) -> str:
    """The NIP grouped as it is written on documents; unknown shapes are returned as they are."""
    digits = normalize_nip(value)
    if len(digits) == 18 and digits.isdigit():
        return Nip(digits).grouped()
    return value or ""
