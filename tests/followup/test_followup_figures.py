"""Follow-up figures: the traffic-light bars and the indicator sparklines."""

from __future__ import annotations

import pytest

import kalliola_analysis as ka
from kalliola_analysis.errors import (
    ParameterError,
)
from kalliola_analysis.followup import labels as fu


def test_traffic_light_bars_are_labelled_and_hatched(followup_demo):
    from kalliola_analysis.followup.figures import STATUS_HATCHES, plot_followup_status

    ax = plot_followup_status(ka.followup_status(followup_demo, period="2023-11"))
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "Läpileikkaavat teemat" and labels[-1] == "Kaikki teemat"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [fu.status_label(c) for c in fu.STATUS_CODES]  # "missing" present here
    hatches = {p.get_hatch() or "" for p in ax.patches}
    assert {STATUS_HATCHES["started"], STATUS_HATCHES["not_realised"]} <= hatches
    texts = [t.get_text() for t in ax.texts]
    assert "28" in texts  # on track, all themes
    with pytest.raises(ParameterError):
        plot_followup_status(ka.followup_changes(followup_demo))
