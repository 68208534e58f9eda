"""Number, percent and period formatting (fi/en) and the UI strings."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kalliola_analysis as ka
from kalliola_analysis.errors import ParameterError
from kalliola_analysis.formatting import format_p
from kalliola_analysis.i18n.strings import LANGS, STRINGS, t

# ---------------------------------------------------------------------------
# format_number


@pytest.mark.parametrize(
    ("x", "decimals", "fi", "en"),
    [
        (4.6, 1, "4,6", "4.6"),
        (22, 1, "22,0", "22.0"),
        (22.0, 1, "22,0", "22.0"),
        (-3.5, 1, "-3,5", "-3.5"),
        (4686, 0, "4 686", "4,686"),
        (1234567.891, 2, "1 234 567,89", "1,234,567.89"),
        (4.46, 2, "4,46", "4.46"),
        (0, 1, "0,0", "0.0"),
        (np.float64(20.754717), 1, "20,8", "20.8"),
        (np.int64(88), 0, "88", "88"),
    ],
)
def test_format_number_report_style(x, decimals, fi, en):
    # the annual report's own numbers (seeds README): 4,6 / 22,0 / 4 686
    assert ka.format_number(x, decimals) == fi
    assert ka.format_number(x, decimals, lang="en") == en


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (4.45, "4,5"),  # Python's round(4.45, 1) also gives 4.5 ...
        (4.25, "4,3"),  # ... but round(4.25, 1) gives 4.2: half-even on binary
        (4.35, "4,4"),  # the binary value is 4.3499999..., the printed value 4.35
        (-3.45, "-3,5"),  # half away from zero
        (0.05, "0,1"),
        (2.675, "2,7"),
    ],
)
def test_format_number_rounds_half_away_from_zero(x, expected):
    assert ka.format_number(x) == expected


def test_format_number_never_writes_minus_zero():
    assert ka.format_number(-0.04) == "0,0"
    assert ka.format_number(-0.0) == "0,0"
    assert ka.format_number(-0.4, 0, lang="en") == "0"


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan, pd.NA, pd.NaT])
def test_format_number_missing_is_en_dash(missing):
    assert ka.format_number(missing) == "–"
    assert ka.format_number(missing, missing="n/a") == "n/a"
    assert ka.format_percent(missing) == "–"


def test_format_number_sign():
    assert ka.format_number(0.14, sign=True) == "+0,1"
    assert ka.format_number(-0.14, sign=True) == "-0,1"
    assert ka.format_number(0.01, sign=True) == "0,0"  # rounds to zero: no sign
    assert ka.format_change(0.41, significant=True) == "+0,4*"
    assert ka.format_change(float("nan"), significant=True) == "–"


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: ka.format_number(1.0, lang="sv"), "lang"),
        (lambda: ka.format_number(1.0, -1), "decimals"),
        (lambda: ka.format_number(1.0, 1.5), "decimals"),
        (lambda: ka.format_number("4,6"), "number"),
        (lambda: ka.format_number(True), "number"),
        (lambda: ka.format_number(float("inf")), "finite"),
        (lambda: ka.format_percent(0.5, lang="de"), "lang"),
    ],
)
def test_format_rejects_bad_arguments(call, match):
    with pytest.raises(ParameterError, match=match):
        call()


@given(
    x=st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False),
    decimals=st.integers(min_value=0, max_value=4),
)
def test_format_number_fi_and_en_say_the_same(x, decimals):
    fi = ka.format_number(x, decimals)
    en = ka.format_number(x, decimals, lang="en")
    assert fi.replace(" ", "").replace(",", ".") == en.replace(",", "")
    # the value written is the decimal value rounded half away from zero
    expected = Decimal(repr(x)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    assert Decimal(en.replace(",", "")) == expected
    # never farther from x than half a unit of the last digit (plus float noise)
    assert abs(float(en.replace(",", "")) - x) <= 0.5 * 10**-decimals + 1e-9 * max(1, abs(x))
    assert fi.count(",") == (1 if decimals else 0)
    if decimals:
        assert len(fi.split(",")[1]) == decimals


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_format_number_groups_thousands(n):
    fi = ka.format_number(n, 0)
    groups = fi.lstrip("-").split(" ")
    assert all(len(g) == 3 for g in groups[1:])
    assert 1 <= len(groups[0]) <= 3
    assert int(fi.replace(" ", "")) == n


# ---------------------------------------------------------------------------
# format_percent, format_period, format_p


@pytest.mark.parametrize(
    ("share", "decimals", "fi", "en"),
    [
        (0.807, 0, "81 %", "81%"),  # the annual report's response rate 11/2023
        (0.73, 0, "73 %", "73%"),
        (0.725, 0, "73 %", "73%"),  # half away from zero on the decimal value
        (0.8075, 1, "80,8 %", "80.8%"),
        (1.0, 0, "100 %", "100%"),
        (0.0, 0, "0 %", "0%"),
    ],
)
def test_format_percent(share, decimals, fi, en):
    assert ka.format_percent(share, decimals) == fi
    assert ka.format_percent(share, decimals, lang="en") == en


@pytest.mark.parametrize(
    ("period", "style", "fi", "en"),
    [
        ("2023-11", "report", "11/2023", "11/2023"),
        ("2023-05", "report", "5/2023", "5/2023"),
        ("10/2022", "report", "10/2022", "10/2022"),
        (pd.Period("2023-05", freq="M"), "report", "5/2023", "5/2023"),
        ("2023-11", "long", "marraskuu 2023", "November 2023"),
        ("2023-05", "iso", "2023-05", "2023-05"),
    ],
)
def test_format_period(period, style, fi, en):
    assert ka.format_period(period, style=style) == fi
    assert ka.format_period(period, style=style, lang="en") == en


def test_format_period_rejects_bad_values():
    with pytest.raises(ParameterError, match="period"):
        ka.format_period("syksy")
    with pytest.raises(ParameterError, match="style"):
        ka.format_period("2023-11", style="short")


def test_format_p():
    assert format_p(0.0312) == "0,031"
    assert format_p(0.0312, lang="en") == "0.031"
    assert format_p(1e-6) == "<\u00a00,001"  # never wraps between "<" and the number
    assert format_p(float("nan")) == "–"


# ---------------------------------------------------------------------------
# UI strings


def test_every_string_has_every_language():
    for key, texts in STRINGS.items():
        assert set(texts) == set(LANGS), key
        assert all(isinstance(s, str) and s for s in texts.values()), key


def test_each_key_lives_in_one_domain_table_and_strings_merges_them():
    from kalliola_analysis.i18n import (
        common_strings,
        followup_strings,
        materiality_strings,
        survey_strings,
    )

    tables = [
        common_strings.COMMON_STRINGS,
        survey_strings.SURVEY_STRINGS,
        materiality_strings.MATERIALITY_STRINGS,
        followup_strings.FOLLOWUP_STRINGS,
    ]
    keys = [k for table in tables for k in table]
    assert len(keys) == len(set(keys))  # a key defined twice would silently shadow one
    assert STRINGS == {k: v for table in tables for k, v in table.items()}
    assert all(k.startswith("materiality.") for k in tables[2])
    assert all(k.startswith(("followup.", "indicators.")) for k in tables[3])


def test_strings_fields_agree_between_languages():
    import string

    for key, texts in STRINGS.items():
        fields = [
            {name for _, name, _, _ in string.Formatter().parse(s) if name} for s in texts.values()
        ]
        assert fields[0] == fields[1], key


@pytest.mark.parametrize(
    ("key", "fi", "en"),
    [
        ("responses", "Vastauksia", "Responses"),
        ("response_rate", "Vastausprosentti", "Response rate"),
        ("enps", "Suositteluindeksi (eNPS)", "Employer NPS"),
        ("hidden", "piilotettu", "hidden"),
        ("promoters", "Suosittelijat", "Promoters"),
        ("passives", "Passiiviset", "Passives"),
        ("detractors", "Arvostelijat", "Detractors"),
    ],
)
def test_t_known_strings(key, fi, en):
    assert ka.t(key, "fi") == fi
    assert ka.t(key, "en") == en


def test_t_fills_fields_and_rejects_unknowns():
    assert "5" in t("methods_threshold", "en", min_n=5)
    with pytest.raises(ParameterError, match="lang must be one of"):
        t("hidden", "sv")
    with pytest.raises(ParameterError, match="unknown UI string"):
        t("no_such_key", "fi")


def test_nothing_prints_nan():
    # a missing value must never reach a report as "nan"
    for lang in LANGS:
        assert "nan" not in ka.format_number(math.nan, lang=lang).lower()
        assert "nan" not in ka.format_percent(math.nan, lang=lang).lower()
