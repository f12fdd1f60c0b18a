"""Numbers printed in signed documents: nomor SOP and nomor surat, from a register per OPD, year and kind.

A number is taken under a row lock on the register, in the transaction of the signing that prints it: two
documents numbered at the same moment get consecutive numbers, and a signing that fails (rolled back) uses none,
so a register has no gaps. The pattern is per OPD and kind (signing.PolaNomor), e.g. "050/{nomor}/Bappeda/{tahun}".
"""

import re
import string
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.models import Opd
from workflow.signing.models import JenisNomor, Nomor, PolaNomor, RegisterNomor

DEFAULT_PATTERNS = {
    JenisNomor.SOP: "{nomor}/SOP/{kode}/{tahun}",
    JenisNomor.SURAT: "050/{nomor}/{kode}/{bulan_romawi}/{tahun}",
}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
FIELDS = {"nomor", "nomor_urut", "tahun", "bulan", "bulan_romawi", "kode"}


def pattern_problem(pattern: str) -> str | None:
    """What is wrong with a pattern, in words, or None."""
    try:
        names = {name for _text, name, _spec, _conv in string.Formatter().parse(pattern) if name is not None}
    except ValueError:
        return _("Pola nomor tidak bisa dibaca: periksa tanda kurung kurawal { }.")
    if "nomor" not in names and "nomor_urut" not in names:
        return _("Pola nomor harus memuat {nomor}.")
    unknown = names - FIELDS
    if unknown:
        return _("Pola nomor memuat kolom yang tidak dikenal: %(names)s. Yang tersedia: %(fields)s.") % {
            "names": ", ".join(sorted(f"{{{n}}}" for n in unknown)),
            "fields": ", ".join(f"{{{n}}}" for n in sorted(FIELDS)),
        }
    return None


def opd_code(opd: Opd) -> str:
    return re.sub(r"\s+", "", opd.singkatan) or f"OPD{opd.pk}"


def pattern_for(opd: Opd, jenis: str) -> str:
    chosen = PolaNomor.objects.filter(opd=opd, jenis=jenis).values_list("pola", flat=True).first()
    return chosen or DEFAULT_PATTERNS[jenis]


def format_number(pattern: str, *, urut: int, opd: Opd, when: date) -> str:
    return pattern.format(
        nomor=f"{urut:03d}",
        nomor_urut=urut,
        tahun=when.year,
        bulan=f"{when.month:02d}",
        bulan_romawi=ROMAN[when.month - 1],
        kode=opd_code(opd),
    )


def _locked_register(opd: Opd, tahun: int, jenis: str) -> RegisterNomor:
    for _attempt in range(3):
        register = RegisterNomor.objects.select_for_update().filter(opd=opd, tahun=tahun, jenis=jenis).first()
        if register is not None:
            return register
        try:
            with transaction.atomic():  # two first numbers of a year at once: one creates, the other locks it
                RegisterNomor.objects.create(opd=opd, tahun=tahun, jenis=jenis)
        except IntegrityError:
            pass
    raise RuntimeError("register could not be locked")


def next_number(opd: Opd, jenis: str, *, when: date | None = None) -> str:
    """The number the next document would get (for a preview); nothing is taken."""
    when = when or timezone.localdate()
    last = RegisterNomor.objects.filter(opd=opd, tahun=when.year, jenis=jenis).values_list("terakhir", flat=True)
    return format_number(pattern_for(opd, jenis), urut=(last.first() or 0) + 1, opd=opd, when=when)


def take_number(opd: Opd, jenis: str, *, untuk: str, run=None, taken=frozenset(), when: date | None = None) -> Nomor:
    """Take the next number of the register. Call inside the transaction of what prints it.

    `taken`: texts already used by hand (an SOP nomor typed earlier); those are skipped, and counted.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_number must run inside the transaction of the document it numbers")
    when = when or timezone.localdate()
    register = _locked_register(opd, when.year, jenis)
    pattern = pattern_for(opd, jenis)
    while True:
        register.terakhir += 1
        text = format_number(pattern, urut=register.terakhir, opd=opd, when=when)
        if text not in taken:
            break
    register.save(update_fields=["terakhir"])
    return Nomor.objects.create(
        opd=opd, tahun=when.year, jenis=jenis, urut=register.terakhir, teks=text, untuk=untuk[:300], run=run
    )
