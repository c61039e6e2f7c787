"""The report's charts as PNG pictures, drawn with matplotlib (Agg: no screen needed), sized
for an A4 page inside its margins (16 cm wide)."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402 - the backend is chosen first
from matplotlib.ticker import PercentFormatter  # noqa: E402

from smep_xl.domain.report_data import ChartSpec  # noqa: E402

WIDTH_CM, DPI = 16.0, 150
COLOURS = {"Red": "#C00000", "Amber": "#FFC000", "Green": "#00B050", "Now": "#1F4E78", "Coverage": "#1F4E78"}
OTHER = "#A6A6A6"


def height_cm(spec: ChartSpec) -> float:
    """Tall enough for one readable bar per category when they run across the page."""
    if spec.horizontal:
        return min(max(3.0 + 0.55 * len(spec.categories), 6.0), 20.0)
    return 8.0


def draw(spec: ChartSpec) -> bytes:
    fig, ax = plt.subplots(figsize=(WIDTH_CM / 2.54, height_cm(spec) / 2.54), dpi=DPI)
    try:
        _plot(ax, spec)
        ax.set_title(spec.title, fontsize=10, loc="left")
        ncol = max(len(spec.series), 1)
        ax.legend(fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=ncol)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=8)
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=DPI)
        return out.getvalue()
    finally:
        plt.close(fig)


def _plot(ax, spec: ChartSpec) -> None:
    n, k = len(spec.categories), max(len(spec.series), 1)
    positions = list(range(n))
    base = [0.0] * n
    width = 0.8 if spec.stacked else 0.8 / k
    for i, (label, values) in enumerate(spec.series.items()):
        colour = COLOURS.get(label, OTHER)
        shift = 0.0 if spec.stacked else (i - (k - 1) / 2) * width
        where = [p + shift for p in positions]
        if spec.horizontal:
            ax.barh(where, values, height=width, left=base, color=colour, label=label)
        else:
            ax.bar(where, values, width=width, bottom=base, color=colour, label=label)
        if spec.stacked:
            base = [b + v for b, v in zip(base, values, strict=True)]
    labels = [_short(c) for c in spec.categories]
    if spec.horizontal:
        ax.set_yticks(positions, labels)
        ax.invert_yaxis()
        axis = ax.xaxis
    else:
        ax.set_xticks(positions, labels, rotation=30 if n > 6 else 0, ha="right" if n > 6 else "center")
        axis = ax.yaxis
    if spec.percent:
        axis.set_major_formatter(PercentFormatter(1.0, decimals=0))


def _short(text: str, most: int = 34) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"
