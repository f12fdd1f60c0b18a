"""The SOP lifecycle: draft → diajukan → disahkan (→ diganti), and revisions as new versions.

`SOP_STATES` is the one table of allowed moves; nothing else assigns Sop.status. Each transition locks the row,
checks the move against the table and the actor's roles (`can`), writes exactly one SopStatusLog row and, once
the transaction commits, sends its signal (sop.signals).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.models import User
from sakip.pengesah import Pengesah, pengesah_for
from sakip.states import Move, StateTable, TransitionError, send_after_commit
from sakip.validators import too_long
from sop import permissions, signals
from sop.content import SIGNER_FIELDS, signer_snapshot
from sop.models import Pelaksana, Sop, SopStatusLog
from sop.submission import submission_gaps

S = Sop.Status
SOP_STATES = StateTable(
    Move("edit", (S.DRAFT,), S.DRAFT, gettext_lazy("Ubah")),
    Move("submit", (S.DRAFT,), S.DIAJUKAN, gettext_lazy("Ajukan untuk disahkan")),
    Move("return", (S.DIAJUKAN,), S.DRAFT, gettext_lazy("Kembalikan")),
    Move("approve", (S.DIAJUKAN,), S.DISAHKAN, gettext_lazy("Sahkan")),
    # A revision is a new draft row; the signed one keeps its state until the revision is approved.
    Move("revise", (S.DISAHKAN,), S.DISAHKAN, gettext_lazy("Buat revisi")),
    Move("supersede", (S.DISAHKAN,), S.DIGANTI, gettext_lazy("Diganti versi baru")),
)


def can(user: User, move: str, sop: Sop) -> bool:
    """The one answer to "may this user make this move now": the state table, then the user's roles."""
    return SOP_STATES.allows(move, sop.status) and permissions.may(user, move, sop)


def allowed_moves(user: User, sop: Sop) -> dict[str, bool]:
    """{move: allowed} for every move a person can make, for the page's buttons."""
    return {name: can(user, name, sop) for name in permissions.ROLES_FOR_MOVE}


def _lock(sop: Sop) -> Sop:
    return Sop.objects.select_for_update(of=("self",)).select_related("opd__pemda", "pengesah").get(pk=sop.pk)


def _move(sop: Sop, *, actor: User, move: str, note: str = "", extra_fields: tuple[str, ...] = ()) -> Sop:
    to = SOP_STATES.target(move)
    log = SopStatusLog(sop=sop, actor=actor, dari=sop.status, ke=to, catatan=note)
    sop.status = to
    sop.lock_version += 1
    sop._change_reason = log.get_ke_display()
    sop._history_user = actor
    sop.save(update_fields=["status", "lock_version", "diubah_pada", *extra_fields])
    log.save()
    return sop


REFUSALS = {
    "edit": gettext_lazy("Hanya draf yang bisa diubah, oleh penyusun OPD ini. Buat revisi untuk mengubah SOP ini."),
    "submit": gettext_lazy("SOP ini tidak bisa diajukan: hanya draf yang bisa diajukan, oleh penyusun OPD ini."),
    "return": gettext_lazy("Hanya SOP yang sedang diajukan yang bisa dikembalikan, oleh Kepala atau Sekretaris."),
    "approve": gettext_lazy("Hanya Kepala OPD yang dapat mengesahkan SOP yang sedang diajukan."),
    "revise": gettext_lazy("Hanya SOP yang sudah disahkan yang bisa direvisi, oleh penyusun OPD ini."),
}


def check(actor: User, move: str, sop: Sop) -> None:
    """Raise TransitionError, saying who may do what, unless the actor may make `move` now."""
    if not can(actor, move, sop):
        raise TransitionError(str(REFUSALS[move]))


@transaction.atomic
def sop_submit(*, sop: Sop, actor: User) -> Sop:
    """Ajukan a draft to the Kepala for approval."""
    sop = _lock(sop)
    check(actor, "submit", sop)
    gaps = submission_gaps(sop)
    if gaps:
        raise TransitionError(
            _("Lengkapi dulu sebelum diajukan: %(what)s.") % {"what": ", ".join(gap.label for gap in gaps)}
        )
    _move(sop, actor=actor, move="submit")
    send_after_commit(signals.sop_submitted, Sop, sop=sop, actor=actor)
    return sop


@transaction.atomic
def sop_return(*, sop: Sop, actor: User, reason: str) -> Sop:
    """Send a submitted SOP back to draft, with the reason the penyusun must address."""
    sop = _lock(sop)
    check(actor, "return", sop)
    if not reason.strip():
        raise TransitionError(_("Tuliskan alasan pengembalian agar penyusun tahu apa yang harus diperbaiki."))
    if message := too_long(reason.strip()):
        raise TransitionError(message)
    _move(sop, actor=actor, move="return", note=reason.strip())
    send_after_commit(signals.sop_returned, Sop, sop=sop, actor=actor, reason=reason.strip())
    return sop


def _signer(sop: Sop, actor: User) -> Pengesah:
    """The pengesah chosen on the SOP (else the approver's own pegawai), who must be the OPD's Kepala or a
    Plt./Plh. Kepala in force today."""
    pegawai = sop.pengesah or getattr(actor, "pegawai", None)
    if pegawai is None:
        raise TransitionError(_("Pilih pejabat pengesah (Disahkan oleh) pada SOP ini sebelum mengesahkan."))
    signer = pengesah_for(sop.opd, pegawai)
    if signer is None:
        raise TransitionError(
            _(
                "%(nama)s bukan Kepala %(opd)s dan tidak sedang ditunjuk sebagai Plt./Plh. Kepala, jadi tidak bisa "
                "tercatat sebagai pengesah. Kembalikan SOP ini agar penyusun memilih Kepala atau Plt./Plh. yang "
                "berlaku pada “Disahkan oleh”, atau minta Admin OPD mencatat penunjukan Plt./Plh.-nya."
            )
            % {"nama": pegawai.nama, "opd": sop.opd}
        )
    return signer


@transaction.atomic
def sop_approve(*, sop: Sop, actor: User) -> Sop:
    """Sahkan: record the signer as they are today; the previous version becomes superseded."""
    sop = _lock(sop)
    check(actor, "approve", sop)
    signer = _signer(sop, actor)
    for name, value in signer_snapshot(signer.pegawai, jabatan=signer.jabatan).items():
        setattr(sop, name, value)
    sop.disahkan_pada = timezone.now()
    if sop.tanggal_efektif is None:
        sop.tanggal_efektif = timezone.localdate()
    previous = sop.revisi_dari
    _move(sop, actor=actor, move="approve", extra_fields=(*SIGNER_FIELDS, "disahkan_pada", "tanggal_efektif"))
    send_after_commit(signals.sop_approved, Sop, sop=sop, actor=actor)
    if previous is not None:
        previous = _lock(previous)
        if SOP_STATES.allows("supersede", previous.status):
            _move(previous, actor=actor, move="supersede", note=_("Diganti versi %(v)s") % {"v": sop.versi})
            send_after_commit(signals.sop_superseded, Sop, sop=previous, actor=actor, by=sop)
    return sop


def _copy_rows(source: Sop, target: Sop, actor: User) -> None:
    columns = {}
    for column in source.pelaksana.all():
        copy = Pelaksana(sop=target, urutan=column.urutan, nama=column.nama)
        copy._history_user = actor
        copy.save()
        columns[column.pk] = copy
    for step in source.langkah.all():
        step.pk, step.sop, step.pelaksana = None, target, columns.get(step.pelaksana_id)
        step._history_user = actor
        step.save()
    for item in source.items.all():
        item.pk, item.sop = None, target
        item._history_user = actor
        item.save()


@transaction.atomic
def sop_revise(*, sop: Sop, actor: User) -> Sop:
    """Start a new draft version of a disahkan SOP; the signed one stays as it is until the new one is signed."""
    sop = _lock(sop)
    check(actor, "revise", sop)
    pending = Sop.objects.filter(seri=sop.seri, versi__gt=sop.versi).first()
    if pending is not None:
        raise TransitionError(_("Revisi SOP ini sudah ada (versi %(v)s); lanjutkan revisi itu.") % {"v": pending.versi})
    new = Sop.objects.get(pk=sop.pk)
    new.pk = None
    new.versi = sop.versi + 1
    new.revisi_dari = sop
    new.status = S.DRAFT
    new.lock_version = 0
    new.dibuat_oleh = actor
    new.tanggal_revisi = timezone.localdate()
    new.disahkan_pada = None
    for name in SIGNER_FIELDS:
        setattr(new, name, "")
    new._change_reason = _("Revisi dari versi %(v)s") % {"v": sop.versi}
    new._history_user = actor
    new.save()
    _copy_rows(sop, new, actor)
    SopStatusLog.objects.create(sop=new, actor=actor, dari="", ke=S.DRAFT, catatan=new._change_reason)
    send_after_commit(signals.sop_revised, Sop, sop=new, previous=sop, actor=actor)
    return new


__all__ = [
    "SOP_STATES",
    "TransitionError",
    "allowed_moves",
    "can",
    "check",
    "sop_approve",
    "sop_return",
    "sop_revise",
    "sop_submit",
]
