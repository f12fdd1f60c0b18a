"""The monitoring chart as plain SVG geometry, drawn by a template on the server (no JavaScript, no CDN).

Each step is a bar: its median working time as a share of its Mutu Baku waktu, with a line at 100 %. A ratio
rather than minutes keeps a 10-minute step and a 120-day step readable on one axis.
"""

import math
from dataclasses import dataclass

from workflow.selectors import StepFigures

ROW = 26
TOP = 34
LEFT = 44
PLOT = 520
RIGHT = 340


@dataclass
class Bar:
    y: int
    number: int
    title: str
    width: float
    color: str
    text: str
    has_data: bool
    clipped: bool


@dataclass
class Chart:
    width: int
    height: int
    left: int
    plot_width: int
    x100: float
    ticks: list[tuple[float, str]]
    bars: list[Bar]
    bottom: int


def _fmt_percent(value: float) -> str:
    return f"{value:.0f}%"


def step_ratio_chart(steps: list[StepFigures]) -> Chart:
    ratios = [s.ratio for s in steps if s.ratio is not None]
    top_ratio = max([2.0, *ratios]) if ratios else 2.0
    scale = min(math.ceil(top_ratio * 2) / 2, 4.0)  # 200 % … 400 %, in steps of 50 %
    bars = []
    for i, step in enumerate(steps):
        y = TOP + i * ROW
        ratio = step.ratio
        if ratio is None:
            text = "belum ada data" if step.waktu_menit else "tanpa Mutu Baku waktu"
            if step.median_menit is not None:
                text = f"median {step.median_menit:.0f} menit · tanpa Mutu Baku waktu"
            bars.append(Bar(y, step.urutan, step.uraian, 0, "#adb5bd", text, False, False))
            continue
        clipped = ratio > scale
        width = PLOT * min(ratio, scale) / scale
        color = "#198754" if ratio <= 1 else "#dc3545"
        share = f" · {step.within_share}% tepat" if step.within_share is not None else ""
        returned = f" · {step.returned_to}× dikembalikan" if step.returned_to else ""
        minutes = f"{step.median_menit:.0f}/{float(step.waktu_menit):.0f} mnt"
        text = f"{_fmt_percent(ratio * 100)} ({minutes}){share}{returned}"
        bars.append(Bar(y, step.urutan, step.uraian, round(width, 1), color, text, True, clipped))
    ticks = []
    for k in range(int(scale * 2) + 1):
        share = k / 2
        ticks.append((round(LEFT + PLOT * share / scale, 1), _fmt_percent(share * 100)))
    bottom = TOP + len(steps) * ROW
    return Chart(
        width=LEFT + PLOT + RIGHT,
        height=bottom + 30,
        left=LEFT,
        plot_width=PLOT,
        x100=round(LEFT + PLOT / scale, 1),
        ticks=ticks,
        bars=bars,
        bottom=bottom,
    )
