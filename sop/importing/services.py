"""Saving imported documents. Each document is all or nothing; it is saved through the editor's services.

A nomor the OPD already uses is never duplicated:
- latest version disahkan → a new version (sop_revise: same seri, versi + 1, revisi_dari), filled with the document;
- latest version still a draft → that draft's content is replaced by the document (the history keeps the old one);
- latest version diajukan → refused: the Kepala is looking at it; import again once it is signed or returned.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from simple_history.utils import update_change_reason

from sakip.models import Opd, Pegawai, User
from sakip.pengesah import pengesah_for
from sop.content import SopContent
from sop.importing.choices import Choices, StepRow, apply_choices, step_rows
from sop.importing.opd import matches, opd_from_kop
from sop.importing.permissions import can_import
from sop.importing.read import read_document
from sop.importing.result import OpdNeeded, ParsedDocument, SopImportError
from sop.models import Sop
from sop.services import duplicate_nomor, sop_create, sop_update
from sop.structure import check_structure
from sop.transitions import TransitionError, sop_revise

logger = logging.getLogger(__name__)

CREATED, REVISED, DRAFT_REPLACED = "baru", "versi_baru", "draf_diganti"

# ---------------------------------------------------------------- saving


def _structure_errors(document: ParsedDocument, content: SopContent) -> list[str]:
    """The editor's cross-row checks, each message with the place in the document it comes from."""
    errors = check_structure(content.pelaksana, content.langkah)
    messages = [str(message) for index in sorted(errors.pelaksana) for message in errors.pelaksana[index]]
    for index in sorted(errors.langkah):
        where = content.langkah[index].asal if index < len(content.langkah) else ""
        messages.extend(f"{where}: {message}" if where else str(message) for message in errors.langkah[index])
    return messages


def _validation_messages(error: ValidationError) -> list[str]:
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    messages = []
    for name, errors in error.message_dict.items():
        try:
            label = capfirst(str(Sop._meta.get_field(name).verbose_name))
        except Exception:  # "__all__" or a row field
            label = ""
        messages.extend(f"{label}: {message}" if label else message for message in errors)
    return messages


def _content(*, document: ParsedDocument, opd: Opd, choices: Choices | None) -> SopContent:
    """What will be saved: the document's content, its signer's pegawai, the choices of the preview."""
    kop = document.kop
    if kop.opd and not any(matches(opd, name) for name in (kop.opd, *kop.others)):
        document.warn(
            _("kop dokumen menyebut “%(kop)s”; SOP diimpor ke OPD yang dipilih, %(opd)s.")
            % {"kop": kop.opd, "opd": opd.nama}
        )
    pengesah = None
    nip = document.identity["disahkan_nip"]
    if len(nip) == 18:
        pegawai = Pegawai.objects.filter(nip=nip).first()
        if pegawai is not None and pengesah_for(opd, pegawai) is not None:
            pengesah = pegawai
        elif pegawai is not None:
            document.warn(
                _(
                    "penandatangan dokumen, %(nama)s, bukan Kepala OPD ini atau Plt./Plh. Kepala yang berlaku hari "
                    "ini; pilih pengesahnya di editor."
                )
                % {"nama": pegawai.nama}
            )
    content = document.to_save(pengesah=pengesah)
    if choices is not None:
        document.chosen = apply_choices(document=document, content=content, choices=choices)
    problems = _structure_errors(document, content)
    if problems:
        raise SopImportError(_("tabel langkah tidak bisa disimpan:"), details=problems)
    return content


def _save(*, document: ParsedDocument, opd: Opd, user: User | None, choices: Choices | None) -> Sop:
    if user is not None and not can_import(user, opd.pk):
        raise SopImportError(_("Anda tidak berhak mengimpor SOP ke OPD %(opd)s.") % {"opd": opd})
    content = _content(document=document, opd=opd, choices=choices)
    existing = duplicate_nomor(opd=opd, nomor=document.identity["nomor"], sop=None)
    if existing is None:
        document.action = CREATED
        return sop_create(opd=opd, content=content, created_by=user)
    if existing.status == Sop.Status.DRAFT:
        document.action = DRAFT_REPLACED
        document.warn(
            _(
                "Nomor “%(nomor)s” sudah dipakai draf “%(judul)s” (versi %(versi)s); isi draf itu diganti "
                "dengan isi dokumen ini (isi lama tetap ada di riwayat)."
            )
            % {"nomor": existing.nomor, "judul": existing.judul, "versi": existing.versi}
        )
        return sop_update(sop=existing, content=content, expected_version=existing.lock_version, updated_by=user)
    if existing.status == Sop.Status.DISAHKAN:
        if user is None:
            raise SopImportError(
                _(
                    "Nomor “%(nomor)s” sudah dipakai SOP yang disahkan; membuat versi barunya perlu nama pengguna "
                    "yang tercatat sebagai pembuat revisi (--user)."
                )
                % {"nomor": existing.nomor}
            )
        document.action = REVISED
        revision = sop_revise(sop=existing, actor=user)
        if content.identity["tanggal_revisi"] is None:
            content.identity["tanggal_revisi"] = revision.tanggal_revisi
        document.warn(
            _(
                "Nomor “%(nomor)s” sudah dipakai “%(judul)s” yang disahkan (versi %(lama)s); dokumen ini disimpan "
                "sebagai versi %(baru)s (draf revisi). Versi %(lama)s tetap berlaku sampai revisi disahkan."
            )
            % {"nomor": existing.nomor, "judul": existing.judul, "lama": existing.versi, "baru": revision.versi}
        )
        return sop_update(sop=revision, content=content, expected_version=revision.lock_version, updated_by=user)
    raise SopImportError(
        _(
            "Nomor “%(nomor)s” dipakai “%(judul)s” yang berstatus %(status)s; tunggu sampai disahkan atau "
            "dikembalikan, lalu impor lagi."
        )
        % {"nomor": existing.nomor, "judul": existing.judul, "status": existing.get_status_display().lower()}
    )


def _reason(document: ParsedDocument) -> str:
    reason = _("Diimpor dari berkas %(nama)s") % {"nama": document.filename[:80]}
    if document.chosen:
        reason += _("; pelaksana langkah %(daftar)s dipilih saat impor") % {
            "daftar": ", ".join(str(index + 1) for index in document.chosen[:20])
        }
    return reason[:100]


def sop_import(*, document: ParsedDocument, opd: Opd | None, user: User | None, choices: Choices | None = None) -> Sop:
    """Save an imported document as a draft SOP (all or nothing); what happened is added to its warnings."""
    try:
        with transaction.atomic():
            if opd is None:
                opd = opd_from_kop(document=document, user=user)
            sop = _save(document=document, opd=opd, user=user, choices=choices)
            update_change_reason(sop, _reason(document))
            return sop
    except ValidationError as error:
        raise SopImportError(
            _("isi dokumen tidak lolos pemeriksaan:"), filename=document.filename, details=_validation_messages(error)
        ) from error
    except TransitionError as error:
        raise SopImportError(str(error), filename=document.filename) from error
    except IntegrityError as error:
        # Someone saved the same nomor at the same moment; the unique constraint stopped the second one.
        raise SopImportError(
            _("SOP dengan nomor ini baru saja disimpan orang lain; muat ulang dan impor lagi."),
            filename=document.filename,
        ) from error
    except SopImportError as error:
        error.filename = error.filename or document.filename
        raise


class _Rollback(Exception):
    def __init__(self, result):
        self.result = result


def sop_import_dry_run(
    *, document: ParsedDocument, opd: Opd | None, user: User | None, inspect: Callable[[Sop], Any]
) -> Any:
    """Import, hand what would be saved to `inspect`, then undo every write; returns what `inspect` returned."""
    try:
        with transaction.atomic():
            sop = sop_import(document=document, opd=opd, user=user)
            raise _Rollback(inspect(sop))
    except _Rollback as done:
        return done.result


# ---------------------------------------------------------------- a batch of files


@dataclass
class Outcome:
    """What became of one file of a batch."""

    filename: str
    sop_id: int | None = None
    judul: str = ""
    nomor: str = ""
    versi: int | None = None
    opd: str = ""
    action: str = ""
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    preview: Any = None
    needs_opd: bool = False  # the kop does not tell the OPD: choose one (upload page, --opd)
    steps: list[StepRow] = field(default_factory=list)  # for the preview's choices
    pelaksana: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.errors:
            return "gagal"
        return "peringatan" if self.warnings else "ok"

    def as_dict(self) -> dict:
        """JSON-safe, for the session between the confirm and the result page."""
        return {
            "filename": self.filename,
            "sop_id": self.sop_id,
            "judul": self.judul,
            "nomor": self.nomor,
            "versi": self.versi,
            "opd": self.opd,
            "action": self.action,
            "warnings": self.warnings,
            "errors": self.errors,
            "status": self.status,
        }


def _fill(outcome: Outcome, sop: Sop) -> None:
    outcome.sop_id, outcome.judul, outcome.nomor, outcome.versi = sop.pk, sop.judul, sop.nomor, sop.versi
    outcome.opd = str(sop.opd.nama)


def sop_import_files(
    *,
    files: list[tuple[str, bytes]],
    opd: Opd | None,
    user: User | None,
    dry_run: bool = False,
    inspect: Callable[[Sop], Any] | None = None,
    choices: dict[int, Choices] | None = None,
) -> list[Outcome]:
    """Import each file on its own (one failing file leaves the others saved); one Outcome per file.

    `choices` holds, by file position, what a person chose in the preview (pelaksana and aksi per step).
    """
    outcomes = []
    for position, (filename, data) in enumerate(files):
        outcome = Outcome(filename=filename)
        try:
            document = read_document(data=data, filename=filename)
            outcome.steps = step_rows(document)
            outcome.pelaksana = [column.nama for column in document.pelaksana]
            if dry_run:

                def look(sop: Sop, outcome=outcome) -> Any:
                    _fill(outcome, sop)
                    outcome.sop_id = None  # rolled back: there is nothing to link to
                    return inspect(sop) if inspect else None

                outcome.preview = sop_import_dry_run(document=document, opd=opd, user=user, inspect=look)
            else:
                chosen = (choices or {}).get(position)
                _fill(outcome, sop_import(document=document, opd=opd, user=user, choices=chosen))
            outcome.action = document.action
            outcome.warnings = [str(note) for note in document.warnings]
        except SopImportError as error:
            error.filename = error.filename or filename
            outcome.errors = error.lines
            outcome.needs_opd = isinstance(error, OpdNeeded)
        except Exception:  # a bug must not cost the other files of the batch, nor show the office a 500 page
            logger.exception("Impor SOP gagal tak terduga: %s", filename)
            outcome.errors = [
                _("%(nama)s: kesalahan tak terduga saat membaca berkas ini; sudah dicatat untuk diperbaiki.")
                % {"nama": filename}
            ]
        outcomes.append(outcome)
    return outcomes
