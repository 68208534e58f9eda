"""Status codes, symbols and labels of measures, movements and indicators."""

from __future__ import annotations

import pytest

from kalliola_analysis.errors import (
    ParameterError,
)
from kalliola_analysis.followup import labels
from kalliola_analysis.followup import labels as fu


def test_parse_status_and_labels():
    assert fu.parse_status("Etenee suunnitellusti") == "on_track"
    assert fu.parse_status("WILL NOT BE REALIZED") == "not_realised"
    assert fu.parse_status(None) == "missing"
    assert fu.parse_status("vihreä") is None
    assert fu.status_label("not_started", "en") == "○ Not started"
    with pytest.raises(ParameterError):
        fu.status_label("done")


def test_status_and_movement_labels_are_the_i18n_strings():
    from kalliola_analysis.i18n.strings import LANGS, t

    for code in fu.STATUS_CODES:
        for lang in LANGS:
            label = t(f"followup.status.{code}", lang)
            assert fu.status_label(code, lang, symbol=False) == label
            assert fu.status_label(code, lang) == f"{fu.STATUS_SYMBOLS[code]} {label}"
            assert fu.parse_status(label.upper()) == code  # a label in a file is read back
    assert fu.status_label("not_realised", "en") == "✕ Will not be realised"
    for code in fu.MOVEMENTS:
        for lang in LANGS:
            assert fu.movement_label(code, lang, symbol=False) == t(
                f"followup.movement.{code}", lang
            )
    assert fu.movement_label("worsened") == "▼ Heikentynyt"
    assert fu.movement_label("no_update", "en") == "? No update"
    with pytest.raises(ParameterError, match="movement"):
        fu.movement_label("better")
    with pytest.raises(ParameterError, match="lang"):
        fu.movement_label("new", "sv")


def test_indicator_status_labels_are_the_i18n_strings():
    from kalliola_analysis.i18n.strings import LANGS, t

    for code in labels.INDICATOR_STATUS_CODES:
        for lang in LANGS:
            label = t(f"indicators.status.{code}", lang)
            assert labels.indicator_status_label(code, lang, symbol=False) == label
            assert labels.indicator_status_label(code, lang).endswith(" " + label)
    assert labels.indicator_status_label("on_track") == "● Tavoitteessa"
    assert labels.indicator_status_label("no_target", "en") == "○ No target"
    with pytest.raises(ParameterError, match="status"):
        labels.indicator_status_label("ahead")
