"""Due dates and durations in working time: Pemda hours and zone, weekends, holidays, end of the working day."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest

from tests.sakip.factories import PemdaFactory
from workflow.models import HariLibur, KalenderKerja
from workflow.worktime import (
    Timeliness,
    WorkCalendar,
    WorkingHours,
    calendar_for,
    done_task_timeliness,
    open_task_timeliness,
)

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
MON_FRI = frozenset(range(5))


def at(day: str, clock: str, zone=WITA) -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=zone)


def calendar(*holidays: str, zone=WITA, start="07:30", end="15:00", weekdays=MON_FRI) -> WorkCalendar:
    days = {datetime.date.fromisoformat(d) for d in holidays}
    hours = WorkingHours(
        start=datetime.time.fromisoformat(start), end=datetime.time.fromisoformat(end), weekdays=weekdays, zone=zone
    )
    return WorkCalendar(hours, lambda year: {d for d in days if d.year == year})


ZERO = datetime.timedelta(0)

# 2026-01-09 is a Friday, 2026-01-12 a Monday.


def test_two_hours_given_friday_afternoon_are_due_monday_morning():
    due = calendar().add(at("2026-01-09", "14:00"), 120)

    assert due == at("2026-01-12", "08:30")
    assert due.tzinfo == datetime.UTC  # stored in UTC


def test_a_holiday_on_monday_pushes_the_due_date_to_tuesday():
    due = calendar("2026-01-12").add(at("2026-01-09", "14:00"), 120)

    assert due == at("2026-01-13", "08:30")


def test_time_left_at_the_end_of_a_working_day_carries_to_the_next_morning():
    cal = calendar()

    assert cal.add(at("2026-01-07", "14:30"), 60) == at("2026-01-08", "08:00")
    assert cal.add(at("2026-01-07", "14:00"), 60) == at("2026-01-07", "15:00")  # exactly used up at closing time


def test_work_given_outside_hours_starts_counting_at_the_next_opening():
    cal = calendar()

    assert cal.add(at("2026-01-07", "06:00"), 30) == at("2026-01-07", "08:00")
    assert cal.add(at("2026-01-07", "16:00"), 30) == at("2026-01-08", "08:00")
    assert cal.add(at("2026-01-10", "10:00"), 30) == at("2026-01-12", "08:00")  # Saturday → Monday


def test_hari_and_minggu_of_mutu_baku_are_working_days_and_weeks():
    cal = calendar()

    assert cal.add(at("2026-01-05", "07:30"), 450) == at("2026-01-05", "15:00")  # 1 hari
    assert cal.add(at("2026-01-05", "10:00"), 450) == at("2026-01-06", "10:00")
    assert cal.add(at("2026-01-05", "07:30"), 2250) == at("2026-01-09", "15:00")  # 1 minggu


def test_a_week_over_a_holiday_takes_one_working_day_longer():
    cal = calendar("2026-01-07")

    assert cal.add(at("2026-01-05", "07:30"), 2250) == at("2026-01-12", "15:00")


def test_minutes_between_count_only_working_time():
    cal = calendar("2026-01-12")

    assert cal.minutes_between(at("2026-01-09", "14:00"), at("2026-01-13", "08:30")) == 120
    assert cal.minutes_between(at("2026-01-09", "16:00"), at("2026-01-10", "12:00")) == 0
    assert cal.minutes_between(at("2026-01-09", "10:00"), at("2026-01-09", "09:00")) == 0


def test_minutes_between_over_months_counts_every_working_day_once():
    cal = calendar("2025-12-25", "2026-01-01", "2026-03-20")
    day_by_day = ZERO
    day = datetime.date(2025, 12, 1)
    while day <= datetime.date(2026, 3, 31):  # the reference: each day's window between the two moments
        if cal.is_working_day(day):
            opens, closes = at(day.isoformat(), "07:30"), at(day.isoformat(), "15:00")
            day_by_day += max(min(at("2026-03-31", "10:00"), closes) - max(at("2025-12-01", "14:00"), opens), ZERO)
        day += datetime.timedelta(days=1)

    minutes = cal.minutes_between(at("2025-12-01", "14:00"), at("2026-03-31", "10:00"))

    assert minutes == round(day_by_day.total_seconds() / 60)
    assert minutes == 60 + 150 + 450 * 82  # Monday's last hour, Tuesday until 10:00, 82 whole working days between


@pytest.mark.parametrize("weekdays", [MON_FRI, frozenset(range(6)), frozenset({0, 2, 4})])
def test_working_days_between_by_arithmetic_equal_the_days_counted_one_by_one(weekdays):
    # Holidays on working days and on weekends, across a year's end.
    cal = calendar("2025-12-25", "2025-12-27", "2026-01-01", "2026-01-03", "2026-03-20", weekdays=weekdays)
    start = datetime.date(2025, 12, 1)
    for first_offset in range(0, 40, 3):
        first = start + datetime.timedelta(days=first_offset)
        for length in range(0, 130, 7 if first_offset % 2 else 5):
            last = first + datetime.timedelta(days=length)
            one_by_one = sum(
                cal.is_working_day(first + datetime.timedelta(days=n)) for n in range(1, (last - first).days)
            )
            assert cal.working_days_between(first, last) == one_by_one, (first, last)


def test_due_date_is_computed_in_the_pemda_zone():
    # 07:00 UTC is 15:00 WITA (closing time) but 14:00 WIB (one working hour left).
    start = datetime.datetime(2026, 1, 7, 7, 0, tzinfo=datetime.UTC)

    assert calendar(zone=WITA).add(start, 30) == at("2026-01-08", "08:00", WITA)
    assert calendar(zone=WIB).add(start, 30) == at("2026-01-07", "14:30", WIB)


def test_zero_minutes_means_no_time_is_added():
    start = at("2026-01-10", "20:00")

    assert calendar().add(start, 0) == start


@pytest.mark.django_db
def test_calendar_for_uses_national_and_own_holidays_not_other_pemdas():
    banggai, banyumas = PemdaFactory(zona_waktu="Asia/Makassar"), PemdaFactory(zona_waktu="Asia/Jakarta")
    HariLibur.objects.create(tanggal=datetime.date(2026, 3, 19), nama="Hari Suci Nyepi")
    HariLibur.objects.create(tanggal=datetime.date(2026, 3, 20), nama="Cuti bersama daerah", pemda=banyumas)
    start = at("2026-03-18", "14:00")  # Wednesday; Thursday is Nyepi

    assert calendar_for(banggai).add(start, 120) == at("2026-03-20", "08:30")
    # Banyumas has Friday off as well, and counts in WIB: 14:00 WITA is 13:00 WIB, two hours fit that day.
    assert calendar_for(banyumas).add(start, 120) == at("2026-03-18", "15:00", WIB)
    assert calendar_for(banyumas).add(start, 180) == at("2026-03-23", "08:30", WIB)


@pytest.mark.django_db
def test_kalender_kerja_of_a_pemda_changes_hours_and_days():
    pemda = PemdaFactory(zona_waktu="Asia/Makassar")
    KalenderKerja.objects.create(
        pemda=pemda, jam_mulai=datetime.time(8, 0), jam_selesai=datetime.time(16, 0), sabtu=True
    )

    assert calendar_for(pemda).add(at("2026-01-09", "15:00"), 120) == at("2026-01-10", "09:00")


@pytest.mark.django_db
def test_default_calendar_is_37_5_hours_monday_to_friday():
    kalender = KalenderKerja(pemda=PemdaFactory())

    assert kalender.jam_per_minggu == 37.5
    assert kalender.weekdays == MON_FRI


def test_open_task_is_on_time_then_due_soon_then_overdue():
    cal = calendar()
    start = at("2026-01-07", "08:00")
    due = cal.add(start, 120)  # 10:00

    def status(clock):
        return open_task_timeliness(due=due, standard_minutes=Decimal(120), calendar=cal, now=at("2026-01-07", clock))

    assert status("08:30") == Timeliness.TEPAT
    assert status("09:35") == Timeliness.SEGERA  # 25 of 120 minutes left (< 25 %)
    assert status("10:01") == Timeliness.TERLAMBAT
    assert open_task_timeliness(due=None, standard_minutes=Decimal(0), calendar=cal) == Timeliness.TANPA


def test_done_task_is_on_time_within_its_mutu_baku():
    assert done_task_timeliness(worked_minutes=60, standard_minutes=Decimal(60)) == Timeliness.TEPAT
    assert done_task_timeliness(worked_minutes=61, standard_minutes=Decimal(60)) == Timeliness.TERLAMBAT
