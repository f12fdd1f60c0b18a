"""Writes of a year's structure: its sasaran strategis and indikator kinerja, typed in the browser.

An indikator is measured against its satuan, polaritas and cara perhitungan; once a realisasi of it exists these
stay as they were (a changed polarity would silently rescore triwulan already reported). An indikator with a
realisasi, or with a target in a signed Perjanjian Kinerja, is not deleted: the reports and the signed document
name it. Every write records its author in the history.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sakip.kinerja import permissions
from sakip.kinerja.models import Indikator, Realisasi, SasaranStrategis, Target
from sakip.models import Opd, User
from sakip.states import TransitionError

MEASURED_FIELDS = ("satuan", "polaritas", "cara_perhitungan")
FIELDS = ("nama", "satuan", "polaritas", "cara_perhitungan", "cara_pengukuran", "unit", "pagu_anggaran")


def _check_editor(opd: Opd, user: User) -> None:
    if not permissions.may_edit_pk(user, opd.pk):
        raise TransitionError(_("Hanya Admin OPD, Sekretaris atau Kepala yang dapat menyusun indikator kinerja."))


def _saved(instance, user: User, reason: str):
    instance._history_user = user
    instance._change_reason = reason
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        raise TransitionError(_("Nama itu sudah dipakai pada tahun/sasaran yang sama; pakai nama lain.")) from None
    return instance


@transaction.atomic
def sasaran_get_or_create(*, opd: Opd, tahun: int, nama: str, user: User) -> SasaranStrategis:
    """The year's sasaran of that name (case ignored), made at the end of the list when new."""
    _check_editor(opd, user)
    nama = " ".join(nama.split())
    found = SasaranStrategis.objects.filter(opd=opd, tahun=tahun, nama__iexact=nama).first()
    if found is not None:
        return found
    last = SasaranStrategis.objects.filter(opd=opd, tahun=tahun).order_by("-urutan").first()
    sasaran = SasaranStrategis(opd=opd, tahun=tahun, nama=nama, urutan=(last.urutan + 1) if last else 1)
    return _saved(sasaran, user, _("Sasaran strategis baru"))


@transaction.atomic
def indikator_create(*, sasaran: SasaranStrategis, values: dict, user: User) -> Indikator:
    _check_editor(sasaran.opd, user)
    _check_unit(sasaran.opd, values["unit"])
    last = sasaran.indikator.order_by("-urutan").first()
    indikator = Indikator(sasaran=sasaran, urutan=(last.urutan + 1) if last else 1)
    for name in FIELDS:
        setattr(indikator, name, values[name])
    return _saved(indikator, user, _("Indikator baru"))


@transaction.atomic
def indikator_add(*, opd: Opd, tahun: int, values: dict, user: User, sasaran=None, sasaran_baru: str = "") -> Indikator:
    """A new indikator under a sasaran of the year, or under a new sasaran made with it (both, or neither)."""
    if sasaran is None:
        sasaran = sasaran_get_or_create(opd=opd, tahun=tahun, nama=sasaran_baru, user=user)
    elif (sasaran.opd_id, sasaran.tahun) != (opd.pk, tahun):
        raise TransitionError(_("Sasaran strategis itu bukan milik OPD dan tahun ini."))
    return indikator_create(sasaran=sasaran, values=values, user=user)


def measured(indikator: Indikator) -> bool:
    """Whether a realisasi of the indikator exists: its satuan, polaritas and cara perhitungan are then fixed."""
    return Realisasi.objects.filter(indikator=indikator).exists()


def in_signed_pk(indikator: Indikator) -> bool:
    """Whether the indikator has a target in a Perjanjian Kinerja signed (and not revoked)."""
    signed = Target.objects.filter(
        indikator=indikator, pk_versi__dokumen__isnull=False, pk_versi__dokumen__dicabut_pada__isnull=True
    )
    return signed.exists()


@transaction.atomic
def indikator_update(*, indikator: Indikator, values: dict, user: User) -> Indikator:
    indikator = Indikator.objects.select_for_update().select_related("sasaran__opd").get(pk=indikator.pk)
    _check_editor(indikator.sasaran.opd, user)
    _check_unit(indikator.sasaran.opd, values["unit"])
    changed = [name for name in MEASURED_FIELDS if getattr(indikator, name) != values[name]]
    if changed and measured(indikator):
        raise TransitionError(
            _("Indikator ini sudah punya realisasi: satuan, polaritas dan cara perhitungannya tidak dapat diubah.")
        )
    for name in FIELDS:
        setattr(indikator, name, values[name])
    return _saved(indikator, user, _("Indikator diubah"))


@transaction.atomic
def indikator_delete(*, indikator: Indikator, user: User) -> None:
    indikator = Indikator.objects.select_for_update().select_related("sasaran__opd").get(pk=indikator.pk)
    _check_editor(indikator.sasaran.opd, user)
    if measured(indikator):
        raise TransitionError(_("Indikator ini sudah punya realisasi; tidak dapat dihapus."))
    if in_signed_pk(indikator):
        raise TransitionError(
            _("Indikator ini tercantum di Perjanjian Kinerja yang sudah ditandatangani; tidak dapat dihapus.")
        )
    sasaran = indikator.sasaran
    indikator._history_user = user
    indikator.delete()
    if not sasaran.indikator.exists():
        sasaran._history_user = user
        sasaran.delete()


def _check_unit(opd: Opd, unit) -> None:
    if unit.opd_id != opd.pk:
        raise TransitionError(_("Unit penanggung jawab harus unit OPD ini."))
