"""Working time: due dates and durations counted in the working hours of a Pemda, in its own time zone.

Mutu Baku waktu is working time (1 hari = 450 menit, see sop.models.MENIT_PER_SATUAN), so a 2-hour step given at
14:00 on a Friday in Banggai is due at 08:30 (WITA) on Monday — or on Tuesday when Monday is a holiday.
Datetimes go in and come out aware; they are stored in UTC.
"""

import datetime
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sakip.models import Pemda
from workflow.models import HariLibur, KalenderKerja

# Far beyond any Mutu Baku ("120 hari" in seed 004 is about half a year): stops a misconfigured calendar looping.
MAX_DAYS = 366 * 20
DUE_SOON_SHARE = Decimal("0.25")


@dataclass(frozen=True)
class WorkingHours:
    start: datetime.time
    end: datetime.time
    weekdays: frozenset[int]
    zone: zoneinfo.ZoneInfo


class WorkCalendar:
    """Working hours of one Pemda plus its holidays (national and its own), loaded a year at a time."""

    def __init__(self, hours: WorkingHours, holidays_of_year: Callable[[int], set[datetime.date]]):
        self.hours = hours
        self._holidays_of_year = holidays_of_year
        self._years: dict[int, set[datetime.date]] = {}

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return self.hours.zone

    def is_working_day(self, day: datetime.date) -> bool:
        return day.weekday() in self.hours.weekdays and day not in self._holidays(day.year)

    def _holidays(self, year: int) -> set[datetime.date]:
        if year not in self._years:
            self._years[year] = self._holidays_of_year(year)
        return self._years[year]

    def _window(self, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
        start = datetime.datetime.combine(day, self.hours.start, tzinfo=self.zone)
        end = datetime.datetime.combine(day, self.hours.end, tzinfo=self.zone)
        return start, end

    def add(self, start: datetime.datetime, minutes: Decimal | int) -> datetime.datetime:
        """The moment `minutes` of working time after `start` are used up."""
        remaining = datetime.timedelta(minutes=float(minutes))
        cursor = start.astimezone(self.zone)
        if remaining <= datetime.timedelta(0):
            return cursor.astimezone(datetime.UTC)
        for _day in range(MAX_DAYS):
            day = cursor.date()
            if self.is_working_day(day):
                opens, closes = self._window(day)
                cursor = max(cursor, opens)
                if cursor < closes:
                    available = closes - cursor
                    if remaining <= available:
                        return (cursor + remaining).astimezone(datetime.UTC)
                    remaining -= available
            cursor = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(0), tzinfo=self.zone)
        raise ValueError("Kalender kerja tidak punya hari kerja dalam 20 tahun.")

    def minutes_between(self, start: datetime.datetime, end: datetime.datetime) -> int:
        """Whole working minutes from `start` to `end` (0 when end is not after start)."""
        if end <= start:
            return 0
        start, end = start.astimezone(self.zone), end.astimezone(self.zone)
        first, last = start.date(), end.date()
        total = self._overlap(first, start, end)
        if last != first:
            total += self._overlap(last, start, end)
            # The days in between are whole: a task open for months is counted by arithmetic, not day by day.
            opens, closes = self._window(first)
            total += max(closes - opens, datetime.timedelta(0)) * self.working_days_between(first, last)
        return round(total.total_seconds() / 60)

    def working_days_between(self, first: datetime.date, last: datetime.date) -> int:
        """Working days strictly after `first` and before `last`: whole weeks, the days left over, less holidays."""
        days = (last - first).days - 1
        if days <= 0:
            return 0
        weeks, left_over = divmod(days, 7)
        tail = first + datetime.timedelta(days=1 + 7 * weeks)
        count = weeks * len(self.hours.weekdays)
        weekdays = self.hours.weekdays
        count += sum(1 for n in range(left_over) if (tail + datetime.timedelta(days=n)).weekday() in weekdays)
        for year in range(first.year, last.year + 1):
            count -= sum(1 for h in self._holidays(year) if first < h < last and h.weekday() in weekdays)
        return count

    def _overlap(self, day: datetime.date, start: datetime.datetime, end: datetime.datetime) -> datetime.timedelta:
        """The working time of `day` that lies between `start` and `end`."""
        if not self.is_working_day(day):
            return datetime.timedelta(0)
        opens, closes = self._window(day)
        return max(min(end, closes) - max(start, opens), datetime.timedelta(0))


def _hours_of(pemda: Pemda) -> WorkingHours:
    try:
        kalender = pemda.kalender_kerja
    except KalenderKerja.DoesNotExist:
        kalender = KalenderKerja(pemda=pemda)
    return WorkingHours(
        start=kalender.jam_mulai,
        end=kalender.jam_selesai,
        weekdays=kalender.weekdays,
        zone=zoneinfo.ZoneInfo(pemda.zona_waktu),
    )


def calendar_for(pemda: Pemda) -> WorkCalendar:
    """The working calendar of a Pemda; holidays come from the HariLibur table (national ones and its own)."""

    def holidays_of_year(year: int) -> set[datetime.date]:
        rows = HariLibur.objects.filter(
            Q(pemda__isnull=True) | Q(pemda=pemda),
            tanggal__range=(datetime.date(year, 1, 1), datetime.date(year, 12, 31)),
        )
        return set(rows.values_list("tanggal", flat=True))

    return WorkCalendar(_hours_of(pemda), holidays_of_year)


class CalendarCache:
    """One calendar per Pemda for the length of a request or a command run."""

    def __init__(self):
        self._calendars: dict[int, WorkCalendar] = {}

    def get(self, pemda: Pemda) -> WorkCalendar:
        if pemda.pk not in self._calendars:
            self._calendars[pemda.pk] = calendar_for(pemda)
        return self._calendars[pemda.pk]


class Timeliness:
    """How a task stands against its Mutu Baku: on time, due soon (< 25 % of its time left) or overdue."""

    TEPAT = "tepat"
    SEGERA = "segera"
    TERLAMBAT = "terlambat"
    TANPA = ""  # no Mutu Baku waktu: no due date

    LABELS = {
        TEPAT: _("Tepat waktu"),
        SEGERA: _("Segera jatuh tempo"),
        TERLAMBAT: _("Terlambat"),
        TANPA: _("Tanpa batas waktu"),
    }


def open_task_timeliness(
    *, due: datetime.datetime | None, standard_minutes: Decimal, calendar: WorkCalendar, now=None
) -> str:
    if due is None or standard_minutes <= 0:
        return Timeliness.TANPA
    now = now or timezone.now()
    if now > due:
        return Timeliness.TERLAMBAT
    left = calendar.minutes_between(now, due)
    if Decimal(left) < standard_minutes * DUE_SOON_SHARE:
        return Timeliness.SEGERA
    return Timeliness.TEPAT


def done_task_timeliness(*, worked_minutes: int | None, standard_minutes: Decimal) -> str:
    if worked_minutes is None or standard_minutes <= 0:
        return Timeliness.TANPA
    return Timeliness.TEPAT if worked_minutes <= standard_minutes else Timeliness.TERLAMBAT
