"""The /kinerja/ page of an OPD's year: capaian per indikator, the forms of each unit, the charts."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from sakip.kinerja import charts, permissions, selectors
from sakip.kinerja.capaian import PERIODS
from sakip.kinerja.report import PERIOD_LABELS, laporan
from sakip.kinerja.views.common import checked_period, default_year
from sakip.page_cache import CachedPageMixin
from sakip.selectors import opds_of

PERIOD_CHOICES = [(code, PERIOD_LABELS[code]) for code in PERIODS if code != "semester"]


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class DashboardView(CachedPageMixin, LoginRequiredMixin, TemplateView):
    """Read far more often than its figures change: kept per reader until the next write (sakip.page_cache)."""

    template_name = "kinerja/dashboard.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        opds = list(opds_of(user))
        context = super().get_context_data(opds=opds, periods=PERIOD_CHOICES, **kwargs)
        if not opds:
            return context
        wanted = _int(self.request.GET.get("opd"))
        opd = next((o for o in opds if o.pk == wanted), None) or opds[0]
        tahun = _int(self.request.GET.get("tahun")) or default_year(opd)
        tahun = tahun if 2000 <= tahun <= 2100 else default_year(opd)
        periode = checked_period(self.request.GET.get("periode"))
        report = laporan(opd, tahun, periode)
        triwulan = PERIODS[periode][-1]
        forms = selectors.forms_of(opd=opd, tahun=tahun, triwulan=triwulan)
        context.update(
            opd=opd,
            tahun=tahun,
            periode=periode,
            report=report,
            triwulan=triwulan,
            forms=forms,
            years=selectors.years_of(opd=opd) or [tahun],
            may_edit_pk=permissions.may_edit_pk(user, opd.pk),
            per_indikator=charts.per_indikator(report),
            trend=charts.trend(report),
        )
        return context
