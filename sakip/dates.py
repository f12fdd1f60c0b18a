"""Indonesian dates as they are written on government documents: "05 Februari 2020"."""

import datetime

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def tanggal_indonesia(value: datetime.date | None, *, with_day: bool = False) -> str:
    """'05 Februari 2020' (the day zero-padded as on signed SOPs); empty for None."""
    if value is None:
        return ""
    text = f"{value.day:02d} {BULAN[value.month - 1]} {value.year}"
    if with_day:
        text = f"{HARI[value.weekday()]}, {text}"
    return text
