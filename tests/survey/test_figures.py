"""Figures: what they contain (artists, labels, texts), never pixels."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb

import kalliola_analysis as ka
from kalliola_analysis.errors import ParameterError


def _texts(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.texts]


def _bars(ax: Axes) -> list:
    """Filled data bars (not the outlines of hidden rows)."""
    return [p for p in ax.patches if p.get_fill() and p.get_gid() is None]


def _luminance(rgb) -> float:
    r, g, b = to_rgb(rgb)
    return 0.299 * r + 0.587 * g + 0.114 * b


def _summary(rows):
    """A frame shaped like likert_summary(by="period") for one period."""
    cols = ["period", "question", "statement", "n", "mean"]
    cols += [f"share_{k}" for k in range(1, 6)] + ["suppressed"]
    return pd.DataFrame(rows, columns=cols)


SHARES = [0.1, 0.2, 0.3, 0.25, 0.15]


# ---------------------------------------------------------------------------
# plot_likert


def test_plot_likert_diverging_bars_centred_on_neutral():
    s = _summary([["2023-11", "q1", "Viihdyn työssäni", 20, 3.15, *SHARES, pd.NA]])
    ax = ka.plot_likert(s)
    bars = _bars(ax)
    assert len(bars) == 5
    lefts = sorted(b.get_x() for b in bars)
    # strongly disagree starts at -(0.1 + 0.2 + 0.3 / 2)
    assert lefts[0] == pytest.approx(-0.45)
    assert sum(b.get_width() for b in bars) == pytest.approx(1.0)
    neutral = next(b for b in bars if b.get_width() == pytest.approx(0.3))
    assert neutral.get_x() + neutral.get_width() / 2 == pytest.approx(0.0)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Viihdyn työssäni"]
    assert "30 %" in _texts(ax) and "25 %" in _texts(ax)  # direct labels in fi format
    assert ax.get_title() == "Vastausten jakauma"


def test_plot_likert_reads_in_greyscale():
    s = _summary([["2023-11", "q1", "Viihdyn", 20, 3.15, *SHARES, pd.NA]])
    ax = ka.plot_likert(s)
    bars = sorted(_bars(ax), key=lambda b: b.get_x())
    # the disagreeing side is hatched, the agreeing side is not: colour is not the only cue
    assert bars[0].get_hatch() and bars[1].get_hatch()
    assert not bars[3].get_hatch() and not bars[4].get_hatch()
    # the extremes differ from their neighbours in lightness
    lum = [_luminance(b.get_facecolor()) for b in bars]
    assert abs(lum[0] - lum[1]) > 0.1 and abs(lum[3] - lum[4]) > 0.1


def test_plot_likert_hidden_and_not_asked_rows():
    s = _summary(
        [
            ["2023-11", "q1", "Näkyvä", 20, 3.1, *SHARES, pd.NA],
            ["2023-11", "q2", "Pieni ryhmä", pd.NA, np.nan, *[np.nan] * 5, "fewer than 5 answers"],
            ["2023-11", "q3", "Uusi", 0, np.nan, *[np.nan] * 5, "not asked"],
        ]
    )
    ax = ka.plot_likert(s, show_not_asked=True)
    assert "piilotettu" in _texts(ax)
    assert "ei kysytty" in _texts(ax)
    assert len(_bars(ax)) == 5  # only the shown row has filled segments
    outlines = [p for p in ax.patches if p.get_gid() == "hidden"]
    assert len(outlines) == 2 and not any(p.get_fill() for p in outlines)
    en = ka.plot_likert(s, lang="en", show_not_asked=True)
    assert "hidden" in _texts(en) and "not asked" in _texts(en)
    # by default a statement not asked is left out; a hidden one never is
    default = ka.plot_likert(s)
    assert [t.get_text() for t in default.get_yticklabels()] == ["Näkyvä", "Pieni ryhmä"]
    assert "piilotettu" in _texts(default) and "ei kysytty" not in _texts(default)


def test_plot_likert_labels_legend_and_language():
    s = _summary([["2023-11", "q1", "Viihdyn", 20, 3.1, *SHARES, pd.NA]])
    ax = ka.plot_likert(s, lang="en", labels={"q1": "I enjoy my work"})
    assert ax.get_yticklabels()[0].get_text() == "I enjoy my work"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
    ]
    assert ax.get_xlabel() == "Share of answers"
    custom = ka.plot_likert(s, answer_labels=list("abcde"))
    assert [t.get_text() for t in custom.get_legend().get_texts()] == list("abcde")
    with pytest.raises(ParameterError, match="answer_labels"):
        ka.plot_likert(s, answer_labels=["a", "b"])


def test_plot_likert_adds_the_varying_group_to_labels(pulse):
    s = ka.likert_summary(pulse, by="period", questions="meaningful_work")
    ax = ka.plot_likert(s, labels=ka.statement_labels(pulse))
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].endswith("(10/2022)") and labels[-1].endswith("(11/2023)")


def test_plot_likert_draws_on_the_given_axes_and_rejects_bad_frames():
    fig, ax = plt.subplots()
    s = _summary([["2023-11", "q1", "Viihdyn", 20, 3.1, *SHARES, pd.NA]])
    assert ka.plot_likert(s, ax=ax) is ax
    with pytest.raises(ParameterError, match="share_"):
        ka.plot_likert(s.drop(columns=[f"share_{k}" for k in range(1, 6)]))
    with pytest.raises(ParameterError, match="question"):
        ka.plot_likert(pd.DataFrame({"x": [1]}))
    with pytest.raises(ParameterError, match="lang"):
        ka.plot_likert(s, lang="sv")


def test_plot_likert_on_demo_data_uses_library_shares(pulse):
    s = ka.likert_summary(pulse, by="period")
    one = s[s["period"] == "2023-11"]
    shown = one[one["suppressed"].isna()]
    ax = ka.plot_likert(one, labels=ka.statement_labels(pulse), show_not_asked=True)
    widths = sum(b.get_width() for b in _bars(ax))
    expected = shown[[f"share_{k}" for k in range(1, 6)]].fillna(0).to_numpy().sum()
    assert widths == pytest.approx(expected)
    assert _texts(ax).count("ei kysytty") == len(one) - len(shown)
    default = ka.plot_likert(one, labels=ka.statement_labels(pulse))
    assert len(default.get_yticklabels()) == len(shown)


# ---------------------------------------------------------------------------
# plot_trend


def test_plot_trend_small_multiples_one_panel_per_statement(pulse):
    # issue 11: an 11-line chart is unreadable; each statement gets its own panel
    s = ka.likert_summary(pulse, by="period")
    questions = pulse.questions("likert")
    ax = ka.plot_trend(s, labels=ka.statement_labels(pulse, lang="en"), lang="en")
    fig = ax.figure
    panels = [a for a in fig.axes if a.get_visible()]
    assert len(panels) == len(questions) and panels[0] is ax
    assert all(len(p.get_lines()) == 1 for p in panels)
    titles = [p.get_title(loc="left").replace("\n", " ") for p in panels]
    assert titles == [ka.statement_labels(pulse, lang="en")[q] for q in questions]
    # shared axes: the same rounds and the same answer scale in every panel
    assert all(p.get_ylim() == (1.0, 5.0) and p.get_xlim() == ax.get_xlim() for p in panels)
    assert [t.get_text() for t in panels[-1].get_xticklabels()] == ["10/2022", "5/2023", "11/2023"]
    assert fig.get_suptitle() == "Statement means by round"
    # values are the library's means; not asked leaves a gap
    want = s[s["question"] == "meaningful_work"]["mean"].to_numpy()
    np.testing.assert_allclose(panels[0].get_lines()[0].get_ydata(), want)
    comm = panels[questions.index("internal_communication")].get_lines()[0].get_ydata()
    assert np.isnan(comm[0]) and np.isnan(comm[2]) and not np.isnan(comm[1])
    fi = ka.plot_trend(s)
    assert "4,0" in [t.get_text() for t in fi.get_yticklabels()]
    # every panel that has no panel below it shows the rounds
    assert all(p.get_xticklabels() for p in panels[-3:])


@pytest.mark.parametrize("n", [1, 2, 4, 5, 15])
def test_plot_trend_panels_for_any_number_of_statements(n):
    s = pd.DataFrame(
        {
            "period": ["2023-05", "2023-11"] * n,
            "question": [f"q{i}" for i in range(n) for _ in range(2)],
            "mean": np.linspace(2, 4, 2 * n),
        }
    )
    ax = ka.plot_trend(s)
    panels = [a for a in ax.figure.axes if a.get_visible()]
    assert len(panels) == n
    assert len({round(p.get_position().width, 3) for p in panels}) == 1  # one grid


def test_plot_trend_on_a_given_axes_draws_tellable_lines(pulse):
    s = ka.likert_summary(pulse, by="period")
    fig, given = plt.subplots()
    ax = ka.plot_trend(s, lang="en", ax=given)
    assert ax is given
    lines = ax.get_lines()
    assert len(lines) == len(pulse.questions("likert"))
    styles = {(ln.get_marker(), str(ln.get_linestyle())) for ln in lines}
    assert len(styles) == len(lines)  # every line tellable apart without colour
    assert [t.get_text() for t in ax.get_xticklabels()] == ["10/2022", "5/2023", "11/2023"]
    assert ax.get_title() == "Statement means by round"


def test_plot_trend_rejects_several_groups(pulse):
    s = ka.likert_summary(pulse, by=["period", "unit"])
    with pytest.raises(ParameterError, match="unit"):
        ka.plot_trend(s)
    one_unit = s[s["unit"] == "Kalliolan Klinikka"]
    assert isinstance(ka.plot_trend(one_unit), Axes)


# ---------------------------------------------------------------------------
# plot_nps_distribution


def _nps_counts(counts, suppressed=None):
    return pd.DataFrame(
        {
            "period": "2023-11",
            "question": "enps",
            "answer": np.arange(11),
            "count": pd.array(counts, dtype="Int64"),
        }
    )


def test_plot_nps_distribution_bars_by_class():
    counts = [0, 0, 1, 1, 2, 3, 5, 10, 14, 14, 10]
    ax = ka.plot_nps_distribution(_nps_counts(counts))
    bars = _bars(ax)
    assert len(bars) == 11
    assert [b.get_height() for b in sorted(bars, key=lambda b: b.get_x())] == counts
    # detractors hatched, passives and promoters differ in lightness
    by_x = sorted(bars, key=lambda b: b.get_x())
    assert all(b.get_hatch() for b in by_x[:7]) and not any(b.get_hatch() for b in by_x[7:])
    assert abs(_luminance(by_x[7].get_facecolor()) - _luminance(by_x[9].get_facecolor())) > 0.3
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Arvostelijat",
        "Passiiviset",
        "Suosittelijat",
    ]
    assert "14" in _texts(ax)  # counts written on the bars


def test_plot_nps_distribution_hidden_group():
    hidden = _nps_counts([pd.NA] * 11)
    ax = ka.plot_nps_distribution(hidden, lang="en")
    assert "hidden" in _texts(ax)
    assert _bars(ax) == []
    # counts computed without suppression but from fewer than min_n answers: hidden too
    few = ka.plot_nps_distribution(_nps_counts([0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0]))
    assert "piilotettu" in _texts(few) and _bars(few) == []


def test_plot_nps_distribution_input_forms(pulse):
    c = ka.answer_counts(pulse, by="period", questions="enps")
    with pytest.raises(ParameterError, match="period"):
        ka.plot_nps_distribution(c)
    one = c[c["period"] == "2023-11"]
    ax = ka.plot_nps_distribution(one)
    heights = [b.get_height() for b in sorted(_bars(ax), key=lambda b: b.get_x())]
    assert heights == one["count"].astype(int).tolist()
    series = ka.plot_nps_distribution(one.set_index("answer")["count"])
    assert len(_bars(series)) == 11
    with pytest.raises(ParameterError, match="0-10"):
        ka.plot_nps_distribution(pd.Series([1, 2], index=[0, 11]))


# ---------------------------------------------------------------------------
# plot_response_rates


def test_plot_response_rates_hidden_units_are_not_zero(pulse):
    r = ka.response_rates(pulse, by=["period", "unit"])
    may = r[r["period"] == "2023-05"]
    ax = ka.plot_response_rates(may)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == may["unit"].astype(str).tolist()
    n_hidden = int(may["suppressed"].notna().sum())
    assert n_hidden >= 1
    assert _texts(ax).count("piilotettu") == n_hidden
    assert len(_bars(ax)) == len(may) - n_hidden  # no zero-width bar for a hidden unit
    assert all(b.get_width() > 0 for b in _bars(ax))
    shown = may[may["suppressed"].isna()]
    assert sorted(b.get_width() for b in _bars(ax)) == sorted(shown["rate"].tolist())
    for rate in shown["rate"]:
        assert ka.format_percent(rate) in _texts(ax)
    assert ax.get_xlabel() == "Vastausprosentti"
    assert "100 %" in [t.get_text() for t in ax.get_xticklabels()]


def test_plot_response_rates_english_and_by_period(pulse):
    r = ka.response_rates(pulse, by="period")
    ax = ka.plot_response_rates(r, lang="en")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["10/2022", "5/2023", "11/2023"]
    assert "81%" in _texts(ax) and "73%" in _texts(ax)
    assert ax.get_title() == "Response rate by unit"


# ---------------------------------------------------------------------------
# plot_heatmap


def _long():
    return pd.DataFrame(
        {
            "unit": pd.Categorical(["A", "A", "B", "B", "C", "C"]),
            "question": ["q1", "q2"] * 3,
            "mean": [4.25, 3.5, 3.9, np.nan, np.nan, np.nan],
            "n": pd.array([20, 20, 12, 0, pd.NA, pd.NA], dtype="Int64"),
            "suppressed": pd.array(
                [
                    pd.NA,
                    pd.NA,
                    pd.NA,
                    "not asked",
                    "fewer than 5 answers",
                    "hidden to protect a smaller group",
                ],
                dtype="string",
            ),
        }
    )


def test_plot_heatmap_marks_hidden_cells_never_blank():
    ax = ka.plot_heatmap(_long(), labels={"q1": "Viihdyn", "q2": "Saan tukea"})
    texts = _texts(ax)
    # values in the report's format, half away from zero
    assert "4,3" in texts and "3,5" in texts and "3,9" in texts
    assert texts.count("piil.") == 2  # both hidden reasons
    assert texts.count("–") == 1  # not asked
    hidden = [p for p in ax.patches if p.get_gid() == "hidden"]
    assert len(hidden) == 2 and all(p.get_hatch() for p in hidden)
    assert {(p.get_x(), p.get_y()) for p in hidden} == {(2, 0), (2, 1)}  # column C
    not_asked = [p for p in ax.patches if p.get_gid() == "not asked"]
    assert [(p.get_x(), p.get_y()) for p in not_asked] == [(1, 1)]
    # every cell carries a text: 6 cells, 6 texts
    assert len([t for t in texts if t]) == 6
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Viihdyn", "Saan tukea"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["A", "B", "C"]


def test_plot_heatmap_english(pulse):
    long = ka.unit_heatmap_table(pulse, period="2023-05")
    ax = ka.plot_heatmap(long, labels=ka.statement_labels(pulse, lang="en"), lang="en")
    texts = _texts(ax)
    n_hidden = int((long["suppressed"].notna() & (long["suppressed"] != "not asked")).sum())
    assert texts.count("hidden") == n_hidden and n_hidden > 0
    shown = long[long["suppressed"].isna()]
    for m in shown["mean"]:
        assert ka.format_number(m, lang="en") in texts
    assert ax.get_title() == "Means by unit"


def test_plot_heatmap_rejects_bad_frames():
    with pytest.raises(ParameterError, match="unit"):
        ka.plot_heatmap(pd.DataFrame({"question": ["q"], "mean": [1.0]}))


def test_plots_of_empty_selections_draw_without_warnings():
    s = _summary([["2023-11", "q3", "Uusi", 0, np.nan, *[np.nan] * 5, "not asked"]])
    ax = ka.plot_likert(s)
    assert _bars(ax) == [] and ax.get_yticklabels() == []
    rates = pd.DataFrame(
        {"unit": pd.Series([], dtype="string"), "rate": pd.Series([], dtype=float)}
    )
    assert _bars(ka.plot_response_rates(rates)) == []


def test_plot_trend_labels_rounds_with_hidden_means(small_survey):
    s = ka.likert_summary(small_survey, by=["period", "unit"])
    ax = ka.plot_trend(s[s["unit"] == "C"], lang="en")  # 3 respondents: always hidden
    hidden = [t for t in ax.texts if t.get_text() == "hidden"]
    assert sorted(t.get_position()[0] for t in hidden) == [0, 1]
    assert all(np.isnan(ln.get_ydata()).all() for ln in ax.get_lines())
    shown = ka.plot_trend(s[s["unit"] == "A"], lang="en")  # 20 respondents
    assert "hidden" not in _texts(shown)


@given(
    st.lists(st.integers(min_value=0, max_value=30), min_size=5, max_size=5).filter(
        lambda c: sum(c) > 0
    )
)
@settings(max_examples=30, deadline=None)
def test_plot_likert_bar_is_the_shares_centred_on_neutral(counts):
    shares = [c / sum(counts) for c in counts]
    s = _summary([["2023-11", "q1", "Väite", sum(counts), 3.0, *shares, pd.NA]])
    ax = ka.plot_likert(s)
    bars = sorted(_bars(ax), key=lambda b: b.get_x())
    assert sum(b.get_width() for b in bars) == pytest.approx(1.0)
    assert [b.get_width() for b in bars] == pytest.approx([x for x in shares if x > 0])
    assert bars[0].get_x() == pytest.approx(-(shares[0] + shares[1] + shares[2] / 2))
    plt.close(ax.figure)


def test_hidden_rows_look_the_same_in_every_bar_chart(pulse):
    """Likert and response-rate charts share one placeholder: dashed, unfilled, labelled."""
    from kalliola_analysis.plotting import HIDDEN_EDGE

    s = _summary([["2023-11", "q2", "Pieni", pd.NA, np.nan, *[np.nan] * 5, "fewer than 5"]])
    r = ka.response_rates(pulse, by=["period", "unit"])
    likert = ka.plot_likert(s, lang="en")
    rates = ka.plot_response_rates(r[r["period"] == "2023-05"], lang="en")
    looks = []
    for ax, left in ((likert, -0.5), (rates, 0.0)):
        outline = next(p for p in ax.patches if p.get_gid() == "hidden")
        assert (outline.get_x(), outline.get_width()) == (left, 1.0)
        label = next(t for t in ax.texts if t.get_text() == "hidden")
        assert label.get_va() == "center"
        looks.append(
            (
                outline.get_fill(),
                outline.get_height(),
                outline.get_linestyle(),
                to_rgb(outline.get_edgecolor()),
                label.get_style(),
                to_rgb(label.get_color()),
            )
        )
    assert (
        looks[0] == looks[1] == (False, 0.6, "--", to_rgb(HIDDEN_EDGE), "italic", to_rgb("#404040"))
    )
    # labels of bars name the varying group values, periods as month/year
    both = r[r["unit"] == r["unit"].iloc[0]]
    ax = ka.plot_response_rates(both, lang="en")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["10/2022", "5/2023", "11/2023"]
    # legends below the axis and no top/right frame
    assert likert.get_legend().get_frame_on() is False
    assert not likert.spines["top"].get_visible() and not rates.spines["right"].get_visible()


# ---------------------------------------------------------------------------
# wrapping labels


_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäö-", min_size=1, max_size=25)


@given(st.lists(_word, min_size=1, max_size=30), st.integers(min_value=5, max_value=60))
def test_wrap_breaks_between_words_only(words, width):
    from kalliola_analysis.plotting import wrap

    text = " ".join(words)
    lines = wrap(text, width).split("\n")
    assert " ".join(lines).split() == words  # every word whole, in order, hyphens kept
    assert all(len(line) <= width or " " not in line for line in lines)


def test_wrap_keeps_hyphenated_unit_names_whole():
    from kalliola_analysis.plotting import wrap

    # issue 11: "Koulutus- ja työ / llisyyspalvelut" in the heatmap
    assert wrap("Koulutus- ja työllisyyspalvelut", 16) == "Koulutus- ja\ntyöllisyyspalvelut"
    pulse = ka.load_demo("pulse")
    ax = ka.plot_heatmap(ka.unit_heatmap_table(pulse, period="2023-11"))
    names = [t.get_text() for t in ax.get_xticklabels()]
    assert "Koulutus- ja\ntyöllisyyspalvelut" in names
