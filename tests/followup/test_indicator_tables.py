"""The strategy indicator table and the sparklines, as of a round too."""

from __future__ import annotations

import numpy as np
import pytest

import kalliola_analysis as ka
from kalliola_analysis.errors import (
    ParameterError,
)
from kalliola_analysis.followup import indicator_progress
from kalliola_analysis.followup.indicator_tables import sparkline, style_indicator_table


def test_demo_status_and_table():
    ind = ka.read_indicators(ka.demo_path("indicators"))
    st_ = indicator_progress.indicator_status(ind).set_index("id")
    assert st_.loc["employer_nps", "status"] == "behind"  # 22,0 against the invented 25,0
    assert st_.loc["employer_nps", "change"] == pytest.approx(1.2)
    assert st_.loc["pulse_response_rate", "status"] == "on_track"
    assert st_.loc["facebook_followers", "change_pct"] == pytest.approx(6.0, abs=0.05)  # "+6 %"
    styler = style_indicator_table(indicator_progress.indicator_status(ind), ind, lang="en")
    html = styler.to_html()
    assert "● On track" in html and "◆ Behind" in html
    assert styler.data["Target"].str.endswith("*").any()
    assert styler.data["Value"].tolist()[-3:] == ["22.0", "81%", "90%"]


def test_sparklines_and_their_figure():
    from kalliola_analysis.followup.figures import plot_indicator_sparklines

    assert sparkline([1.0, 2.0]) == "▁█"
    assert sparkline([float("nan"), 3.0]) == " ▄"
    ind = ka.read_indicators(ka.demo_path("indicators"))
    axes = plot_indicator_sparklines(ind, lang="en")
    assert len(axes) == ind["id"].nunique()
    assert axes[-1].get_title(loc="left") == "Find their work meaningful"
    assert len(axes[0].lines) == 2  # values and targets
    with pytest.raises(ParameterError):
        plot_indicator_sparklines(ind, ncols=0)


def test_table_and_sparklines_as_of_a_round_show_no_later_value():

    from kalliola_analysis.followup.figures import plot_indicator_sparklines

    ind = ka.read_indicators(ka.demo_path("indicators"))
    early = style_indicator_table(
        indicator_progress.indicator_status(ind, as_of="2023-05"), ind, lang="en"
    )
    nps = early.data.set_index("Indicator").loc["Employer NPS"]
    assert (nps["Period"], nps["Value"], nps["Trend"]) == ("2023-05", "20.8", "▁█")
    # a status with no period (nothing up to the round) has no trend at all
    none = style_indicator_table(indicator_progress.indicator_status(ind, as_of="2000"), ind)
    assert set(none.data.iloc[:, -1]) == {""}
    axes = plot_indicator_sparklines(ind, as_of="2023-05")
    i = list(dict.fromkeys(ind["id"])).index("employer_nps")
    values, targets = (np.asarray(line.get_ydata(), dtype=float) for line in axes[i].lines)
    assert values[1] == 20.8 and np.isnan(values[-1])  # 2023-11's 22,0 is not drawn
    assert targets[-1] == 25.0  # the target still shows where it is heading
    with pytest.raises(ParameterError, match="as_of"):
        plot_indicator_sparklines(ind, as_of="5/2023")


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_status_cells_wrap_between_words_only(lang):
    # "● Tavoitteessa" may wrap after its symbol, never inside the word (the report's
    # default lets a long text cell break anywhere rather than push the table off the page)
    ind = ka.read_indicators(ka.demo_path("indicators"))
    styled = style_indicator_table(ka.indicator_status(ind, as_of="2023-11"), ind, lang=lang)
    status = list(styled.data.columns).index(ka.t("followup.col_status", lang))
    html = styled.to_html()
    rule = html[html.index(f" td.col{status} {{") :]
    rule = rule[: rule.index("}")]
    assert "overflow-wrap: normal" in rule and "word-break: normal" in rule
    others = [i for i in range(len(styled.data.columns)) if i != status]
    assert all(f" td.col{i} {{" not in html for i in others)
