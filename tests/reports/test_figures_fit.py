"""Every figure of every report fits: no two texts overlap, none is cut by the figure edge.

The figures are drawn as the report notebooks draw them (the same plot functions with the
same data) for the demo data, for a small survey (1 statement, 1 unit, 2 periods) and for a
long-label survey (statement texts of 200 characters, unit names of 60, 15 statements,
12 units), and then measured: the window extent of every visible, non-empty text after
``fig.canvas.draw()`` (tick labels, titles, axis labels, legends, value labels, annotations).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from conftest import LIKERT_EN, LIKERT_FI
from matplotlib.figure import Figure
from matplotlib.text import Text

import kalliola_analysis as ka
from kalliola_analysis import reports as kr
from kalliola_analysis.followup.figures import plot_followup_status, plot_indicator_sparklines
from kalliola_analysis.followup.tables import theme_labels

#: Draw at a small resolution: the layout scales with dpi, so overlaps do not depend on it.
DPI = 72
#: Two boxes closer than this (pixels at DPI) are not counted as overlapping.
TOLERANCE = 0.5

MATH = r"Palkka $\frac{1}{$ ja $x^$"  # issue 14: never parsed as mathtext


# ---------------------------------------------------------------------------
# the figures of each report, as its notebook draws them


def pulse_figures(survey: ka.Survey, lang: str, unit: str | None = None) -> Iterator[Figure]:
    """notebooks/pulse_report.ipynb: Likert, trend, eNPS, response rates, heatmap."""
    period = survey.periods[-1]
    labels = ka.statement_labels(survey, lang=lang)
    by = "period" if unit is None else ["period", "unit"]
    summary = ka.likert_summary(survey, by=by)
    yield ka.plot_likert(
        kr.rows_for(summary, period=period, unit=unit), lang=lang, labels=labels
    ).figure
    yield ka.plot_trend(kr.rows_for(summary, unit=unit), lang=lang, labels=labels).figure
    counts = ka.answer_counts(survey, by=by, questions=survey.questions("nps"))
    yield ka.plot_nps_distribution(kr.rows_for(counts, period=period, unit=unit), lang=lang).figure
    rates = ka.response_rates(survey, by=["period", "unit"])
    yield ka.plot_response_rates(kr.rows_for(rates, period=period), lang=lang).figure
    heat = ka.unit_heatmap_table(survey, period=period)
    yield ka.plot_heatmap(heat, lang=lang, labels=labels).figure


def feedback_figures(survey: ka.Survey, lang: str) -> Iterator[Figure]:
    """notebooks/feedback_report.ipynb: the Likert chart of the survey's latest period."""
    period = survey.periods[-1]
    summary = ka.likert_summary(survey, by="period")
    labels = ka.statement_labels(survey, lang=lang)
    yield ka.plot_likert(kr.rows_for(summary, period=period), lang=lang, labels=labels).figure


def materiality_figures(priorities: pd.DataFrame, lang: str) -> Iterator[Figure]:
    """notebooks/materiality_report.ipynb: the ranked bars and the matrix."""
    yield ka.plot_materiality(priorities, lang=lang, kind="bar").figure
    if priorities["impact"].notna().any():
        yield ka.plot_materiality(priorities, lang=lang).figure


def followup_figures(
    measures: pd.DataFrame, indicators: pd.DataFrame, lang: str
) -> Iterator[Figure]:
    """notebooks/followup_report.ipynb: status by theme and the indicator sparklines."""
    rounds = sorted(measures["period"].astype(str).unique())
    for p in rounds:
        status = ka.followup_status(measures, by="theme", period=p)
        yield plot_followup_status(status, lang=lang, labels=theme_labels(measures, lang)).figure
    yield plot_indicator_sparklines(indicators, lang=lang, as_of=rounds[-1])[0].figure


# ---------------------------------------------------------------------------
# data: the demo data (read once), a small and a long-label survey


@functools.cache
def demo(name: str):
    """A demo data set, read once per test session (the plot functions only read it)."""
    if name == "priorities":
        return ka.materiality_priorities(ka.load_demo("materiality"), n_resamples=0)
    return ka.load_demo(name)


_WORDS = (
    "Työyhteisössämme", "keskustellaan", "avoimesti", "ja", "rakentavasti",
    "Koulutus-", "työllisyyspalveluiden", "esihenkilötyö", "tukee", "minua",
    "arjen", "työssä", "sekä", "pitkäjänteisessä", "osaamisen", "kehittämisessä,",
    "vaikka", "muutokset", "ovat", "olleet", "nopeita", "(myös", "etätyössä)",
    "asiakaslähtöisyys", "näkyy", "päätöksenteossa", "kaikilla", "tasoilla",
)  # fmt: skip


def _text(i: int, length: int) -> str:
    """A deterministic sentence of exactly ``length`` characters, real-looking words."""
    words = itertools.cycle(_WORDS[i % len(_WORDS) :] + _WORDS[: i % len(_WORDS)])
    out = f"{i + 1}."
    while len(out) < length:
        out += " " + next(words)
    return out[:length].rstrip() + "." if len(out) > length else out


def _unit(j: int) -> str:
    if j == 4:
        return f"{j + 1}. {MATH} kehittämisyksikkö"
    base = f"{j + 1}. Koulutus- ja työllisyyspalveluiden alueellinen kehittämisyksikkö Itä"
    return base[:60]


def make_pulse(
    statements: list[str], units: list[tuple[str, int]], periods: list[str]
) -> ka.Survey:
    """A pulse survey with the given statements, units (name, respondents) and periods."""
    rng = np.random.default_rng(11)
    qs = [f"q{i + 1}" for i in range(len(statements))]
    codebook = pd.DataFrame(
        {
            "question": [*qs, "enps"],
            "text_fi": [*statements, "Suosittelisitko työnantajana"],
            "text_en": [*statements, "Would you recommend us as an employer"],
            "type": ["likert"] * len(qs) + ["nps"],
            "scale_min": [1] * len(qs) + [None],
            "scale_max": [5] * len(qs) + [None],
            "labels_fi": [LIKERT_FI] * len(qs) + [""],
            "labels_en": [LIKERT_EN] * len(qs) + [""],
        }
    )
    rows, inv, k = [], [], 0
    for p in periods:
        for u, n in units:
            inv.append({"period": p, "unit": u, "invited": n + 3})
            skew = rng.uniform(0, 1)
            for _ in range(n):
                k += 1
                answers = {q: int(rng.choice(5, p=_probs(skew, i)) + 1) for i, q in enumerate(qs)}
                rows.append(
                    {"response_id": f"r{k}", "period": p, "unit": u, **answers,
                     "enps": int(rng.integers(0, 11))}
                )  # fmt: skip
    return ka.Survey(pd.DataFrame(rows), codebook, pd.DataFrame(inv), source="test")


def _probs(skew: float, i: int) -> list[float]:
    # some statements with tiny extreme shares (narrow segments), some polarised
    shapes = [
        [0.02, 0.03, 0.10, 0.45, 0.40],
        [0.10, 0.10, 0.10, 0.35, 0.35],
        [0.30, 0.30, 0.05, 0.20, 0.15],
        [0.01, 0.04, 0.60, 0.30, 0.05],
    ]
    p = np.array(shapes[i % len(shapes)]) * (1 - skew / 3) + skew / 15
    return list(p / p.sum())


@functools.cache
def small_survey() -> ka.Survey:
    return make_pulse(["Viihdyn työssäni"], [("Koko talo", 12)], ["2023-05", "2023-11"])


@functools.cache
def long_survey() -> ka.Survey:
    statements = [*(_text(i, 200) for i in range(14)), MATH]
    units = [(_unit(j), 3 if j == 11 else 8 + 3 * j) for j in range(12)]
    return make_pulse(statements, units, ["2022-10", "2023-05", "2023-11"])


def long_materiality(lang: str) -> pd.DataFrame:
    p = demo("priorities")
    texts = [MATH if i == 3 else _text(i, 200) for i in range(len(p))]
    return p.assign(**{f"text_{lang}": texts})


def long_followup() -> tuple[pd.DataFrame, pd.DataFrame]:
    measures = demo("followup")
    themes = {t: _unit(i + 3) for i, t in enumerate(measures["theme"].astype(str).unique())}
    measures = measures.assign(
        theme=measures["theme"].astype(str).map(themes),
        theme_en=measures["theme"].astype(str).map(themes),
    )
    ind = demo("indicators")
    ind = ind.assign(
        name_fi=ind["name_fi"].astype(str).map(lambda s: (s + " " + _unit(0))[:60] + MATH),
        name_en=ind["name_en"].astype(str).map(lambda s: (s + " " + _unit(0))[:60] + MATH),
    )
    return measures, ind


# ---------------------------------------------------------------------------
# the measurement


def _shown_texts(fig: Figure) -> list[Text]:
    """Every text drawn: visible, non-empty, in a visible Axes, ticks within the view."""
    out = []
    for text in fig.findobj(Text):
        if not text.get_visible() or not text.get_text().strip():
            continue
        ax = text.axes
        if ax is not None and not ax.get_visible():
            continue
        if text.get_figure(root=True) is not fig:
            continue
        out.append(text)
    hidden_ticks = set()  # tick labels outside the view are kept by matplotlib, not drawn
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            eps = 1e-9 * max(1.0, hi - lo)
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not lo - eps <= tick.get_loc() <= hi + eps:
                    hidden_ticks.update({id(tick.label1), id(tick.label2)})
    return [t for t in out if id(t) not in hidden_ticks]


def fit_problems(fig: Figure) -> list[str]:
    """Pairs of overlapping texts and texts cut by the figure edge, as readable lines."""
    fig.set_dpi(DPI)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = _shown_texts(fig)
    boxes = [Text.get_window_extent(t, renderer) for t in texts]  # an annotation's text only
    problems = []
    edge = fig.bbox
    for t, b in zip(texts, boxes, strict=True):
        if (
            b.x0 < edge.x0 - TOLERANCE
            or b.y0 < edge.y0 - TOLERANCE
            or b.x1 > edge.x1 + TOLERANCE
            or b.y1 > edge.y1 + TOLERANCE
        ):
            problems.append(f"cut by the figure edge: {t.get_text()!r} {b.bounds}")
    for (t1, b1), (t2, b2) in itertools.combinations(zip(texts, boxes, strict=True), 2):
        w = min(b1.x1, b2.x1) - max(b1.x0, b2.x0)
        h = min(b1.y1, b2.y1) - max(b1.y0, b2.y0)
        if w > TOLERANCE and h > TOLERANCE:
            problems.append(f"overlap: {t1.get_text()!r} and {t2.get_text()!r}")
    return problems


# ---------------------------------------------------------------------------
# the cases


def _cases() -> dict[str, Callable[[], Iterator[Figure]]]:
    def demo_pulse(lang, unit=None):
        return lambda: pulse_figures(demo("pulse"), lang, unit)

    def demo_feedback(lang):
        def draw():
            for survey in demo("feedback").values():
                yield from feedback_figures(survey, lang)

        return draw

    def demo_materiality(lang):
        return lambda: materiality_figures(demo("priorities"), lang)

    def demo_followup(lang):
        return lambda: followup_figures(demo("followup"), demo("indicators"), lang)

    def long_follow(lang):
        def draw():
            measures, ind = long_followup()
            yield from followup_figures(measures, ind, lang)

        return draw

    cases = {}
    for lang in ("fi", "en"):
        cases[f"demo-pulse-{lang}"] = demo_pulse(lang)
        cases[f"demo-feedback-{lang}"] = demo_feedback(lang)
        cases[f"demo-materiality-{lang}"] = demo_materiality(lang)
        cases[f"demo-followup-{lang}"] = demo_followup(lang)
    cases["demo-pulse-unit-fi"] = demo_pulse("fi", "Kalliolan Klinikka")
    cases["small-pulse-fi"] = lambda: pulse_figures(small_survey(), "fi")
    cases["small-pulse-unit-en"] = lambda: pulse_figures(small_survey(), "en", "Koko talo")
    cases["small-feedback-fi"] = lambda: feedback_figures(small_survey(), "fi")
    cases["long-pulse-fi"] = lambda: pulse_figures(long_survey(), "fi")
    cases["long-pulse-unit-en"] = lambda: pulse_figures(long_survey(), "en", _unit(10))
    cases["long-materiality-fi"] = lambda: materiality_figures(long_materiality("fi"), "fi")
    cases["long-followup-en"] = long_follow("en")
    return cases


CASES = _cases()


@pytest.mark.parametrize("case", list(CASES))
def test_every_report_figure_fits(case):
    problems = []
    with matplotlib.rc_context({"figure.dpi": DPI}):
        for i, fig in enumerate(CASES[case]()):
            problems += [
                f"figure {i} ({fig.axes[0].get_title()!r}): {p}" for p in fit_problems(fig)
            ]
            plt.close(fig)
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------
# single figures at their limits


@pytest.mark.parametrize("n_units", [1, 7, 16, 50])
def test_heatmap_stays_legible_for_1_to_50_units(n_units):
    units = [(f"Yksikkö {j + 1} Koulutus- ja työllisyyspalvelut", 6) for j in range(n_units)]
    survey = make_pulse([_text(i, 80) for i in range(5)], units, ["2023-11"])
    ax = ka.plot_heatmap(ka.unit_heatmap_table(survey, period="2023-11"))
    fig = ax.figure
    panels = [a for a in fig.axes if a.get_label() != "<colorbar>"]
    assert len(panels) == -(-n_units // 15)  # at most 15 units a panel
    names = [t.get_text() for p in panels for t in p.get_xticklabels()]
    assert sorted(n.replace("\n", " ") for n in names) == sorted(u for u, _ in units)
    assert all("työ\n" not in n and "\nllisyys" not in n for n in names)  # whole words
    assert fit_problems(fig) == []
    # the cells are not squeezed: at least about 0.4 inch wide
    cell = panels[0].get_window_extent().width / len(panels[0].get_xticklabels()) / fig.dpi
    assert cell > 0.4


@pytest.mark.parametrize("width", [9, 6.5])
def test_likert_value_labels_fit_their_segments_and_avoid_the_zero_line(width):
    rows = [
        ["2023-11", "q1", "Kapeat", 50, 3.0, 0.08, 0.10, 0.64, 0.10, 0.08, pd.NA],
        ["2023-11", "q2", "Leveä neutraali", 50, 3.0, 0.05, 0.05, 0.40, 0.30, 0.20, pd.NA],
        ["2023-11", "q3", "Kapea neutraali", 50, 3.0, 0.30, 0.30, 0.08, 0.16, 0.16, pd.NA],
    ]
    cols = ["period", "question", "statement", "n", "mean"]
    cols += [f"share_{k}" for k in range(1, 6)] + ["suppressed"]
    fig, ax = plt.subplots(figsize=(width, 3.5), layout="constrained", dpi=DPI)
    ka.plot_likert(pd.DataFrame(rows, columns=cols), ax=ax)
    problems = fit_problems(fig)
    assert not [p for p in problems if "%" in p]  # no "10 %10 %"
    assert width < 9 or problems == []  # at the default width nothing at all
    renderer = fig.canvas.get_renderer()
    zero = ax.transData.transform((0, 0))[0]
    (zero_line,) = [ln for ln in ax.get_lines() if list(ln.get_xdata()) == [0, 0]]
    by_row = {}
    for text in ax.texts:
        by_row.setdefault(round(text.get_position()[1]), []).append(text)
    for bar in ax.patches:
        if not bar.get_fill():
            continue
        x0, x1 = bar.get_x(), bar.get_x() + bar.get_width()
        row = by_row.get(round(bar.get_y() + 0.3), [])
        inside = [t for t in row if x0 < t.get_position()[0] < x1]
        for text in inside:
            box = text.get_window_extent(renderer)
            left, right = ax.transData.transform([(x0, 0), (x1, 0)])[:, 0]
            assert left <= box.x0 and box.x1 <= right, text.get_text()  # fits its segment
            if box.x0 < zero < box.x1:  # a neutral label too wide for half its segment:
                assert zero_line.get_zorder() < bar.get_zorder()  # the line runs behind
    # the wide neutral segment keeps its label, moved into its right half
    wide = [t for t in by_row[1] if t.get_text() == "40 %"]
    assert wide and wide[0].get_position()[0] == pytest.approx(0.10)
    if width < 9:  # narrow segments lose their labels (the shares are in the table)
        assert "8 %" not in [t.get_text() for t in by_row[0] + by_row[2]]


def test_likert_legend_clears_the_axis_label_with_one_statement():
    rows = [["2023-11", "q1", "Yksi", 50, 3.0, 0.1, 0.2, 0.3, 0.25, 0.15, pd.NA]]
    cols = ["period", "question", "statement", "n", "mean"]
    cols += [f"share_{k}" for k in range(1, 6)] + ["suppressed"]
    ax = ka.plot_likert(pd.DataFrame(rows, columns=cols))
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    label = ax.xaxis.label.get_window_extent(renderer)
    legend = ax.get_legend().get_window_extent(renderer)
    assert legend.y1 < label.y0  # wholly below the axis label


def test_enps_count_axis_has_whole_numbers_only():
    counts = pd.Series([0, 0, 0, 1, 0, 1, 0, 2, 1, 2, 1], index=range(11))
    ax = ka.plot_nps_distribution(counts)
    ax.figure.canvas.draw()
    ticks = [v for v in ax.get_yticks() if ax.get_ylim()[0] <= v <= ax.get_ylim()[1]]
    assert ticks and all(float(v).is_integer() for v in ticks)
    assert all("," not in t.get_text() and "." not in t.get_text() for t in ax.get_yticklabels())


def _every_plot_with(text: str) -> list:
    """Every plot function, drawn with ``text`` as a statement, unit, topic, theme and name."""
    survey = make_pulse([text, "Toinen"], [(text, 12), ("B", 12)], ["2023-05", "2023-11"])
    labels = ka.statement_labels(survey)
    summary = ka.likert_summary(survey, by="period")
    rates = ka.response_rates(survey, by=["period", "unit"])
    priorities = demo("priorities")
    priorities = priorities.assign(text_fi=[text] + priorities["text_fi"].tolist()[1:])
    measures = demo("followup")
    first = measures["theme"].astype(str).iloc[0]
    themes = {first: text}
    ind = demo("indicators")
    ind = ind.assign(name_fi=ind["name_fi"].astype(str).where(ind.index > 0, text))
    return [
        ka.plot_likert(kr.rows_for(summary, period="2023-11"), labels=labels),
        ka.plot_trend(summary, labels=labels),
        ka.plot_trend(summary, labels=labels, ax=plt.subplots()[1]),
        ka.plot_response_rates(kr.rows_for(rates, period="2023-11")),
        ka.plot_heatmap(ka.unit_heatmap_table(survey, period="2023-11"), labels=labels),
        ka.plot_materiality(priorities, kind="bar"),
        ka.plot_materiality(priorities),
        plot_followup_status(
            ka.followup_status(measures, by="theme", period="2023-05"), labels=themes
        ),
        plot_indicator_sparklines(ind)[0],
    ]


@pytest.mark.parametrize("text", [MATH, r"$x$ ja \$ $$ 100 $"])
def test_labels_from_data_are_drawn_literally(text):
    # issue 14: text between two $ was drawn as math, or failed the report
    for ax in _every_plot_with(text):
        fig = ax.get_figure(root=True)
        fig.canvas.draw()  # raises on a mathtext error
        drawn = [t for t in fig.findobj(Text) if text in t.get_text().replace("\n", " ")]
        assert drawn, (ax.get_title(), text)
        assert all(not t.get_parse_math() and not t.get_usetex() for t in drawn)
        plt.close(fig)
