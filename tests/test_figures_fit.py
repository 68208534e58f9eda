"""Every figure of every report fits: no two texts overlap, none is cut by the figure edge.

The figures are drawn as the report notebooks draw them (the same plot functions with the
same data) for the demo data, for a small survey (1 statement, 1 unit, 2 periods) and for a
long-label survey (statement texts of 200 characters, unit names of 60, 15 statements,
12 units), and then measured: the window extent of every visible, non-empty text after
``fig.canvas.draw()`` (tick labels, titles, axis labels, legends, value labels, annotations).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import matplotlib
import numpy as np
import pandas as pd
import pytest
from conftest import LIKERT_EN, LIKERT_FI
from matplotlib.figure import Figure
from matplotlib.text import Text

import kalliola_analysis as ka
from kalliola_analysis import reports as kr
from kalliola_analysis.followup_tables import theme_labels
from kalliola_analysis.plots.followup import plot_followup_status, plot_indicator_sparklines

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
# surveys: small and long-label

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


def small_survey() -> ka.Survey:
    return make_pulse(["Viihdyn työssäni"], [("Koko talo", 12)], ["2023-05", "2023-11"])


def long_survey() -> ka.Survey:
    statements = [*(_text(i, 200) for i in range(14)), MATH]
    units = [(_unit(j), 3 if j == 11 else 8 + 3 * j) for j in range(12)]
    return make_pulse(statements, units, ["2022-10", "2023-05", "2023-11"])


def long_materiality(lang: str) -> pd.DataFrame:
    p = ka.materiality_priorities(ka.load_demo("materiality"), n_resamples=0)
    texts = [MATH if i == 3 else _text(i, 200) for i in range(len(p))]
    return p.assign(**{f"text_{lang}": texts})


def long_followup() -> tuple[pd.DataFrame, pd.DataFrame]:
    measures = ka.load_demo("followup")
    themes = {t: _unit(i + 3) for i, t in enumerate(measures["theme"].astype(str).unique())}
    measures = measures.assign(
        theme=measures["theme"].astype(str).map(themes),
        theme_en=measures["theme"].astype(str).map(themes),
    )
    ind = ka.load_demo("indicators")
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
        return lambda: pulse_figures(ka.load_demo("pulse"), lang, unit)

    def demo_feedback(lang):
        def draw():
            for survey in ka.load_demo("feedback").values():
                yield from feedback_figures(survey, lang)

        return draw

    def demo_materiality(lang):
        return lambda: materiality_figures(
            ka.materiality_priorities(ka.load_demo("materiality"), n_resamples=0), lang
        )

    def demo_followup(lang):
        return lambda: followup_figures(ka.load_demo("followup"), ka.load_demo("indicators"), lang)

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
            matplotlib.pyplot.close(fig)
    assert not problems, "\n".join(problems)
