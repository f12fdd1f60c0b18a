"""Charts of capaian as plain SVG geometry, drawn by templates on the server (no JavaScript), in the page and PDF.

Per indikator: one bar per indikator, coloured by its predikat, with a line at 100 %. Trend: per triwulan the
mean capaian of the indikator that have one, coloured by the predikat of that mean.
"""

from dataclasses import dataclass
from decimal import Decimal

from sakip.kinerja import capaian as rules
from sakip.kinerja.report import Laporan
from sakip.numbers import format_percent

ROW = 22
TOP = 30
LEFT = 50
PLOT = 460
TEXT_WIDTH = 300
GREY = "#adb5bd"


@dataclass
class Bar:
    y: int
    label: str
    title: str
    width: float
    color: str
    text: str


@dataclass
class Chart:
    title: str
    width: int
    height: int
    left: int
    plot_width: int
    x100: float
    bottom: int
    ticks: list[tuple[float, str]]
    bars: list[Bar]


def _scale(values: list[Decimal]) -> int:
    """The axis maximum: 150 % unless a bar goes beyond it, then the next 50 %, at most 300 %."""
    top = max([Decimal(150), *values])
    return int(min(((top + 49) // 50) * 50, 300))


def _bars(items, scale: int) -> list[Bar]:
    bars = []
    for i, (label, title, value, band, text) in enumerate(items):
        width = 0.0 if value is None else float(min(value, scale)) / scale * PLOT
        colour = band.warna if band else GREY
        bars.append(Bar(TOP + i * ROW, label, title, round(width, 1), colour, text))
    return bars


def _chart(title: str, items: list, values: list[Decimal]) -> Chart:
    scale = _scale(values)
    bars = _bars(items, scale)
    bottom = TOP + max(len(bars), 1) * ROW
    ticks = [(LEFT + PLOT * step / scale, f"{step}%") for step in range(0, scale + 1, 50)]
    width = LEFT + PLOT + TEXT_WIDTH
    return Chart(title, width, bottom + 34, LEFT, PLOT, LEFT + PLOT * 100 / scale, bottom, ticks, bars)


def per_indikator(report: Laporan) -> Chart:
    items, values = [], []
    for row in report.baris:
        value = row.capaian.nilai
        text = format_percent(value) + (f" {row.predikat.nama}" if row.predikat else "") if value is not None else ""
        items.append((str(row.no), row.indikator.nama, value, row.predikat, text or "belum ada capaian"))
        if value is not None:
            values.append(value)
    return _chart(f"Capaian per indikator, {report.periode_tampil}", items, values)


def trend(report: Laporan) -> Chart:
    items, values = [], []
    for n in (1, 2, 3, 4):
        measured = [row.sel[n].capaian.nilai for row in report.baris if row.sel[n].capaian.nilai is not None]
        mean = (sum(measured, Decimal(0)) / len(measured)).quantize(Decimal("0.01")) if measured else None
        band = rules.predikat(mean, report.pengaturan)
        text = f"{format_percent(mean)} rata-rata dari {len(measured)} indikator" if mean is not None else "belum ada"
        items.append((f"TW {rules.ROMAWI[n]}", f"Triwulan {rules.ROMAWI[n]}", mean, band, text))
        if mean is not None:
            values.append(mean)
    return _chart(f"Rata-rata capaian per triwulan {report.tahun}", items, values)
