"""What the kinerja pages share: the OPD/year/period a page is for, read from the URL and scoped to the user."""

from django.http import Http404
from django.utils import timezone

from sakip.kinerja import selectors
from sakip.kinerja.capaian import PERIODS
from sakip.models import Opd


def checked_year(tahun: int) -> int:
    if not 2000 <= tahun <= 2100:
        raise Http404
    return tahun


def checked_triwulan(triwulan: int) -> int:
    if triwulan not in (1, 2, 3, 4):
        raise Http404
    return triwulan


def checked_period(periode: str | None, default: str = "tw1") -> str:
    return periode if periode in PERIODS and periode != "semester" else default


def default_year(opd: Opd) -> int:
    years = selectors.years_of(opd=opd)
    today = timezone.localdate().year
    return today if today in years or not years else years[-1]
