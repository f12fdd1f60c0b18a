"""Who may sign an OPD's documents as "Disahkan oleh": its Kepala, or a Plt./Plh. Kepala designated for the day.

The Kepala is the pegawai whose account holds the Kepala role in the OPD; a Plt./Plh. is a `PenjabatKepala`
row in force on the day, and signs with that prefix before the jabatan they carry out.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, CharField, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Concat
from django.utils import timezone

from sakip import permissions
from sakip.models import Keanggotaan, Opd, Pegawai, PenjabatKepala, User


@dataclass(frozen=True)
class Pengesah:
    pegawai: Pegawai
    jabatan: str  # as printed: the Kepala's own, or "Plt. Kepala …"
    penunjukan: PenjabatKepala | None = None


def today_in(opd: Opd) -> datetime.date:
    """The date in the OPD's own time zone (a designation ending "today" in WIT ends before WIB's)."""
    return timezone.localtime(timezone.now(), ZoneInfo(opd.pemda.zona_waktu)).date()


def kepala_pegawai(opd: Opd) -> QuerySet[Pegawai]:
    """The pegawai of the OPD whose account holds its Kepala role."""
    heads = Keanggotaan.objects.filter(opd=opd, peran=Keanggotaan.Peran.KEPALA).values("user_id")
    return Pegawai.objects.filter(opd=opd, user__in=heads)


def in_force(opd: Opd, day: datetime.date) -> QuerySet[PenjabatKepala]:
    """The Plt./Plh. designations of the OPD in force on `day`."""
    return PenjabatKepala.objects.filter(opd=opd, mulai__lte=day).filter(Q(selesai__isnull=True) | Q(selesai__gte=day))


def pengesah_queryset(opd: Opd | None, day: datetime.date | None = None) -> QuerySet[Pegawai]:
    """Everyone who may sign for the OPD on `day` (today) — the Kepala and the Plt./Plh. in force — in one query,
    each with `jabatan_pengesah`: the jabatan they sign as."""
    if opd is None:  # a template: no OPD, so no one signs it
        return Pegawai.objects.none()
    day = day or today_in(opd)
    acting = in_force(opd, day).filter(pegawai=OuterRef("pk")).order_by("-mulai", "-pk")
    heads = Keanggotaan.objects.filter(opd=opd, peran=Keanggotaan.Peran.KEPALA).values("user_id")
    prefix = Case(*(When(acting_jenis=k, then=Value(f"{v} ")) for k, v in PenjabatKepala.PREFIX.items()))
    return (
        Pegawai.objects.filter(Q(opd=opd, user__in=heads) | Q(pk__in=in_force(opd, day).values("pegawai_id")))
        .annotate(
            acting_jenis=Subquery(acting.values("jenis")[:1]), acting_jabatan=Subquery(acting.values("jabatan")[:1])
        )
        .annotate(
            jabatan_pengesah=Case(
                When(acting_jenis__isnull=True, then=F("jabatan")),
                default=Concat(prefix, F("acting_jabatan"), output_field=CharField()),
            )
        )
    )


def _acting(opd: Opd, pegawai: Pegawai, day: datetime.date) -> PenjabatKepala | None:
    return in_force(opd, day).filter(pegawai=pegawai).order_by("-mulai", "-pk").first()


def pengesah_for(opd: Opd, pegawai: Pegawai, day: datetime.date | None = None) -> Pengesah | None:
    """How `pegawai` signs for the OPD on `day` (today), or None when they may not sign for it.

    A designation in force comes first: a Sekretaris who is Plt. and was given the Kepala role to press Sahkan
    still signs as Plt.
    """
    day = day or today_in(opd)
    row = _acting(opd, pegawai, day)
    if row is not None:
        return Pengesah(pegawai, row.jabatan_tampil, row)
    if kepala_pegawai(opd).filter(pk=pegawai.pk).exists():
        return Pengesah(pegawai, pegawai.jabatan)
    return None


def jabatan_tampil(opd: Opd | None, pegawai: Pegawai, day: datetime.date | None = None) -> str:
    """The jabatan a signature block shows for `pegawai` before signing: with Plt./Plh. where designated."""
    if opd is None:
        return pegawai.jabatan
    row = _acting(opd, pegawai, day or today_in(opd))
    return row.jabatan_tampil if row is not None else pegawai.jabatan


@transaction.atomic
def penjabat_add(*, actor: User, opd: Opd, pegawai: Pegawai, jenis: str, jabatan: str, mulai, selesai=None,
                 dasar: str = "") -> PenjabatKepala:  # fmt: skip
    """Record a Plt./Plh. Kepala of the OPD for a period; the history names the actor."""
    if not permissions.may_manage_pengesah(actor, opd.pk):
        raise PermissionDenied
    row = PenjabatKepala(opd=opd, pegawai=pegawai, jenis=jenis, jabatan=jabatan.strip(), mulai=mulai, selesai=selesai,
                         dasar=dasar.strip())  # fmt: skip
    row.full_clean()
    row._history_user = actor
    row.save()
    return row


@transaction.atomic
def penjabat_end(*, actor: User, penjabat: PenjabatKepala, selesai: datetime.date) -> PenjabatKepala:
    """End a designation on `selesai` (the last day it is in force)."""
    row = PenjabatKepala.objects.select_for_update().select_related("opd", "pegawai__opd").get(pk=penjabat.pk)
    if not permissions.may_manage_pengesah(actor, row.opd_id):
        raise PermissionDenied
    row.selesai = selesai
    row.full_clean()
    row._history_user = actor
    row.save(update_fields=["selesai"])
    return row
