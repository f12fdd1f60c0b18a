"""Which OPD a document belongs to, from its kop: a registered OPD, a new one (superuser or command), or a
question for a person (`OpdNeeded`) when the kop leaves it open. Never a silent guess."""

import re

from django.utils.translation import gettext as _

from sakip.models import Opd, Pemda, User
from sop.importing import values
from sop.importing.kop import pemda_of
from sop.importing.permissions import can_create_opd_from_kop
from sop.importing.read import read_document
from sop.importing.result import OpdNeeded, ParsedDocument, SopImportError

_PEMDA_SUFFIX = re.compile(r"\s+(?:KABUPATEN|KAB|KOTA|PROVINSI|PROV)\s+[A-Z ]+$")


def _opd_key(name: str) -> str:
    """An OPD name compared without case, punctuation and a trailing 'KAB. BANGGAI'."""
    return _PEMDA_SUFFIX.sub("", values.normal(name))


def matches(opd: Opd, kop_opd: str) -> bool:
    key = _opd_key(kop_opd)
    return bool(key) and key in {_opd_key(opd.nama), _opd_key(opd.singkatan)}


def _registered(names: list[str], pemda: Pemda | None, *, any_pemda: bool) -> list[Opd]:
    if pemda is None and not any_pemda:
        return []
    opds = Opd.objects.select_related("pemda")
    opds = opds.filter(pemda=pemda) if pemda is not None else opds
    return [opd for opd in opds if any(matches(opd, name) for name in names)]


def _needed(document: ParsedDocument, message: str) -> OpdNeeded:
    return OpdNeeded(message, filename=document.filename, where=document.kop.where)


def opd_of_kop(*, document: ParsedDocument) -> Opd | None:
    """The registered OPD the kop names; None when it names one clearly that is not registered yet.

    Raises OpdNeeded when the kop names no OPD, or several that could each be it.
    """
    kop = document.kop
    names = [name for name in (kop.opd, *kop.others) if name]
    if not names:
        raise _needed(document, _("kop dokumen tidak menyebut nama OPD (baris Dinas/Badan/Kecamatan …)."))
    pemda_name = pemda_of(kop.pemda) if kop.pemda else None
    pemda = Pemda.objects.filter(nama__iexact=pemda_name[0]).first() if pemda_name else None
    found = _registered(names, pemda, any_pemda=pemda_name is None)
    if len(found) == 1:
        return found[0]
    listed = ", ".join(f"“{name}”" for name in names)
    if len(found) > 1:
        raise _needed(
            document,
            _("kop dokumen menyebut %(opd)s; itu cocok dengan %(n)s OPD terdaftar (%(daftar)s).")
            % {"opd": listed, "n": len(found), "daftar": "; ".join(f"{o.nama} — {o.pemda.nama}" for o in found)},
        )
    if pemda_name is None:
        raise _needed(document, _("kop dokumen menyebut %(opd)s tanpa nama Pemda.") % {"opd": listed})
    if kop.others:
        raise _needed(
            document,
            _("kop dokumen menyebut %(opd)s; tidak jelas mana OPD-nya, dan belum ada yang terdaftar di %(pemda)s.")
            % {"opd": listed, "pemda": pemda_name[0]},
        )
    return None


def opd_from_kop(*, document: ParsedDocument, user: User | None) -> Opd:
    """The OPD the document's kop names; created (with its Pemda) when missing, with a warning saying so."""
    opd = opd_of_kop(document=document)
    if opd is not None:
        return opd
    kop = document.kop
    name, jenis = pemda_of(kop.pemda)
    if not can_create_opd_from_kop(user):
        raise SopImportError(
            _("OPD “%(opd)s” (%(pemda)s) dari kop dokumen belum terdaftar; hanya superadmin yang bisa menambahkannya.")
            % {"opd": kop.opd, "pemda": name},
            where=kop.where,
        )
    pemda = Pemda.objects.filter(nama__iexact=name).first()
    if pemda is None:
        pemda = Pemda(nama=name, jenis=jenis)
        pemda.full_clean()
        pemda.save()
        document.warn(
            _(
                "Pemda “%(pemda)s” belum terdaftar dan dibuat dari kop dokumen "
                "(zona waktu WIB — periksa di Administrasi)."
            )
            % {"pemda": name}
        )
    opd = Opd(pemda=pemda, nama=kop.opd)
    opd.full_clean()
    opd.save()
    document.warn(
        _("OPD “%(opd)s” belum terdaftar di %(pemda)s dan dibuat dari kop dokumen.")
        % {"opd": kop.opd, "pemda": pemda.nama}
    )
    return opd


def opd_questions(*, files: list[tuple[str, bytes]]) -> list[str]:
    """For each file whose kop does not tell its OPD, why (the upload page asks for the OPD before the preview)."""
    questions = []
    for filename, data in files:
        try:
            opd_of_kop(document=read_document(data=data, filename=filename))
        except OpdNeeded as needed:
            questions.append(str(needed))
        except SopImportError:
            continue  # a file that cannot be read says so in the preview
    return questions
