"""The report's bar chart per week: incoming and, beside it, acknowledged in time. Drawn in
terminal characters (``textual-plotext``); readable without colour: the two series have
different bar markers (█ and ▒), a legend names them, and the weeks label the x axis."""

from __future__ import annotations

from typing import Any

from textual_plotext import PlotextPlot

from sip_tui.domain.report import Report

MARKERS = ("█", "▒")
LABELS = ("Inkomna", "I tid")


class WeekChart(PlotextPlot):
    """Incoming and in time, per ISO week of the period."""

    def show(self, report: Report) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        weeks = [week.label for week in report.weeks]
        incoming = [week.incoming for week in report.weeks]
        in_time = [week.in_time for week in report.weeks]
        plt.title("Per vecka")
        if weeks:
            # textual-plotext's stubs type multiple_bar as one bar (marker: str, label=);
            # plotext itself takes a list of markers and ``labels`` for several series.
            draw: Any = plt.multiple_bar
            draw(
                weeks,
                [incoming, in_time],
                marker=list(MARKERS),
                labels=list(LABELS),
                color=["default", "default"],
            )
            top = max([*incoming, 1])
            step = max(1, -(-top // 4))
            plt.yticks(list(range(0, top + 1, step)))
        self.refresh()
