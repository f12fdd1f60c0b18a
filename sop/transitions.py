"""The SOP lifecycle: draft → diajukan → disahkan, and revisions as new versions.

Nothing else assigns Sop.status. Each transition locks the row, checks state and permission,
and writes exactly one SopStatusLog row.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.models import User
from sop import permissions
from sop.content import signer_snapshot
from sop.models import Pelaksana, Sop, SopStatusLog


class TransitionError(Exception):
    """The SOP is not in a state that allows this, or the user may not do it."""


def _lock(sop: Sop) -> Sop:
    return Sop.objects.select_for_update(of=("self",)).select_related("opd", "pengesah").get(pk=sop.pk)


def _move(sop: Sop, *, actor: User, to: str, note: str = "", extra_fields: tuple[str, ...] = ()) -> Sop:
    log = SopStatusLog(sop=sop, actor=actor, dari=sop.status, ke=to, catatan=note)
    sop.status = to
    sop.lock_version += 1
    sop._change_reason = log.get_ke_display()
    sop.save(update_fields=["status", "lock_version", "diubah_pada", *extra_fields])
    log.save()
    return sop


@transaction.atomic
def sop_submit(*, sop: Sop, actor: User) -> Sop:
    """Ajukan a draft to the Kepala for approval."""
    sop = _lock(sop)
    if not permissions.can_submit(actor, sop):
        raise TransitionError(_("SOP ini tidak bisa diajukan: hanya draf yang bisa diajukan, oleh penyusun OPD ini."))
    missing = []
    if not sop.nomor.strip():
        missing.append(_("nomor SOP"))
    if not sop.langkah.exists():
        missing.append(_("langkah"))
    if not sop.pelaksana.exists():
        missing.append(_("pelaksana"))
    if sop.langkah.filter(pelaksana__isnull=True).exists():
        missing.append(_("pelaksana pada setiap langkah"))
    if missing:
        raise TransitionError(_("Lengkapi dulu sebelum diajukan: %(what)s.") % {"what": ", ".join(missing)})
    return _move(sop, actor=actor, to=Sop.Status.DIAJUKAN)


@transaction.atomic
def sop_return(*, sop: Sop, actor: User, reason: str) -> Sop:
    """Send a submitted SOP back to draft, with the reason the penyusun must address."""
    sop = _lock(sop)
    if not permissions.can_return(actor, sop):
        raise TransitionError(_("Hanya SOP yang sedang diajukan yang bisa dikembalikan, oleh Kepala atau Sekretaris."))
    if not reason.strip():
        raise TransitionError(_("Tuliskan alasan pengembalian agar penyusun tahu apa yang harus diperbaiki."))
    return _move(sop, actor=actor, to=Sop.Status.DRAFT, note=reason.strip())


@transaction.atomic
def sop_approve(*, sop: Sop, actor: User) -> Sop:
    """Sahkan: record the signer as they are today; the previous version becomes superseded."""
    sop = _lock(sop)
    if not permissions.can_approve(actor, sop):
        raise TransitionError(_("Hanya Kepala OPD yang dapat mengesahkan SOP yang sedang diajukan."))
    signer = sop.pengesah or getattr(actor, "pegawai", None)
    if signer is None:
        raise TransitionError(_("Pilih pejabat pengesah (Disahkan oleh) pada SOP ini sebelum mengesahkan."))
    for name, value in signer_snapshot(signer).items():
        setattr(sop, name, value)
    sop.disahkan_pada = timezone.now()
    if sop.tanggal_efektif is None:
        sop.tanggal_efektif = timezone.localdate()
    previous = sop.revisi_dari
    _move(
        sop,
        actor=actor,
        to=Sop.Status.DISAHKAN,
        extra_fields=(
            "disahkan_jabatan",
            "disahkan_nama",
            "disahkan_pangkat",
            "disahkan_nip",
            "disahkan_pada",
            "tanggal_efektif",
        ),
    )
    if previous is not None:
        previous = _lock(previous)
        if previous.status == Sop.Status.DISAHKAN:
            _move(previous, actor=actor, to=Sop.Status.DIGANTI, note=_("Diganti versi %(v)s") % {"v": sop.versi})
    return sop


@transaction.atomic
def sop_revise(*, sop: Sop, actor: User) -> Sop:
    """Start a new draft version of a disahkan SOP; the signed one stays as it is until the new one is signed."""
    sop = _lock(sop)
    if not permissions.can_revise(actor, sop):
        raise TransitionError(_("Hanya SOP yang sudah disahkan yang bisa direvisi, oleh penyusun OPD ini."))
    pending = Sop.objects.filter(seri=sop.seri, versi__gt=sop.versi).first()
    if pending is not None:
        raise TransitionError(_("Revisi SOP ini sudah ada (versi %(v)s); lanjutkan revisi itu.") % {"v": pending.versi})
    new = Sop.objects.get(pk=sop.pk)
    new.pk = None
    new.versi = sop.versi + 1
    new.revisi_dari = sop
    new.status = Sop.Status.DRAFT
    new.lock_version = 0
    new.dibuat_oleh = actor
    new.tanggal_revisi = timezone.localdate()
    new.disahkan_pada = None
    for name in ("disahkan_jabatan", "disahkan_nama", "disahkan_pangkat", "disahkan_nip"):
        setattr(new, name, "")
    new._change_reason = _("Revisi dari versi %(v)s") % {"v": sop.versi}
    new.save()
    columns = {}
    for column in sop.pelaksana.all():
        columns[column.pk] = Pelaksana.objects.create(sop=new, urutan=column.urutan, nama=column.nama)
    for step in sop.langkah.all():
        step.pk = None
        step.sop = new
        step.pelaksana = columns.get(step.pelaksana_id)
        step.save()
    for item in sop.items.all():
        item.pk = None
        item.sop = new
        item.save()
    SopStatusLog.objects.create(sop=new, actor=actor, dari="", ke=Sop.Status.DRAFT, catatan=new._change_reason)
    return new


__all__ = ["TransitionError", "sop_approve", "sop_return", "sop_revise", "sop_submit"]
