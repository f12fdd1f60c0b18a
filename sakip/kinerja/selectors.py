"""Reads of the performance data, every one scoped through `sakip.selectors.visible_to` (404 for other OPDs)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from sakip.kinerja.models import Bukti, FormPengukuran, Indikator, PerjanjianKinerja
from sakip.models import Opd, UnitKerja, User
from sakip.selectors import opds_of, visible_to


def opd_get(*, user: User, pk: int) -> Opd:
    return get_object_or_404(opds_of(user), pk=pk)


def unit_get(*, opd: Opd, pk: int) -> UnitKerja:
    return get_object_or_404(UnitKerja.objects.select_related("opd"), opd=opd, pk=pk)


def units_of_year(*, opd: Opd, tahun: int) -> QuerySet[UnitKerja]:
    """The units responsible for at least one indikator of the OPD's year."""
    units = Indikator.objects.filter(sasaran__opd=opd, sasaran__tahun=tahun).values("unit_id")
    return UnitKerja.objects.filter(pk__in=units).order_by("nama")


def years_of(*, opd: Opd) -> list[int]:
    """The years the OPD has a Perjanjian Kinerja for."""
    return sorted(set(PerjanjianKinerja.objects.filter(opd=opd).values_list("tahun", flat=True)))


def form_find(*, opd: Opd, unit: UnitKerja, tahun: int, triwulan: int) -> FormPengukuran:
    """The unit's form for the triwulan; an unsaved draf when nobody has touched it yet."""
    found = FormPengukuran.objects.filter(unit=unit, tahun=tahun, triwulan=triwulan).select_related("unit").first()
    return found or FormPengukuran(opd=opd, unit=unit, tahun=tahun, triwulan=triwulan)


def forms_of(*, opd: Opd, tahun: int, triwulan: int) -> list[FormPengukuran]:
    """One form per responsible unit (unsaved drafs for those not started), in unit order."""
    saved = {
        f.unit_id: f
        for f in FormPengukuran.objects.filter(opd=opd, tahun=tahun, triwulan=triwulan).select_related("unit")
    }
    return [
        saved.get(unit.pk) or FormPengukuran(opd=opd, unit=unit, tahun=tahun, triwulan=triwulan)
        for unit in units_of_year(opd=opd, tahun=tahun)
    ]


def form_log(*, form: FormPengukuran):
    if form.pk is None:
        return []
    return list(form.log.select_related("oleh"))


def bukti_get(*, user: User, pk: int) -> Bukti:
    rows = Bukti.objects.select_related("realisasi__indikator__sasaran")
    return get_object_or_404(visible_to(user, rows, opd_field="realisasi__indikator__sasaran__opd"), pk=pk)


def versions_of(*, opd: Opd, tahun: int) -> list[PerjanjianKinerja]:
    return list(PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun).order_by("versi"))
