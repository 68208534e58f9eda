"""show_figure embeds a print-sharp PNG: twice the pixels of its displayed width."""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
import pytest
from matplotlib.image import imread

import kalliola_analysis as ka
from kalliola_analysis.reports import display


@pytest.fixture
def shown(monkeypatch) -> list:
    objects: list = []
    monkeypatch.setattr(display, "_display", objects.append)
    return objects


def _pixels(image) -> tuple[int, int]:
    array = imread(io.BytesIO(image.data), format="png")
    return array.shape[1], array.shape[0]


def test_show_figure_embeds_a_2x_png_shown_at_half_its_width(shown):
    with plt.rc_context({"savefig.dpi": 110}):
        fig, ax = plt.subplots(figsize=(4, 3))
        ax.set_title("Otsikko")
        display.show_figure(ax, alt="Kuvio <b>")
    (image,) = shown
    width, _ = _pixels(image)
    assert image.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert image.alt == "Kuvio <b>"  # the template escapes it
    assert image.width == round(width / 2)
    # drawn at twice the save resolution: about 2 x 110 pixels per inch of figure
    assert 2 * 110 * 3.5 < width < 2 * 110 * 4.5
    assert not plt.fignum_exists(fig.number)


def test_show_figure_with_a_display_width_keeps_twice_the_pixels(shown):
    with plt.rc_context({"savefig.dpi": 72}):
        fig, ax = plt.subplots(figsize=(4, 3))
        display.show_figure(fig, alt="x", width=900)
    (image,) = shown
    width, _ = _pixels(image)
    assert image.width == 900 and width >= 2 * 900 - 2
    with pytest.raises(ka.ParameterError, match="needs a Figure or Axes"):
        display.show_figure("kuva", alt="x")


def test_show_figure_of_a_panel_shows_the_whole_figure(shown):
    pulse = ka.load_demo("pulse")
    ax = ka.plot_trend(ka.likert_summary(pulse, by="period"))
    fig = ax.figure
    size = fig.get_size_inches()
    display.show_figure(ax, alt="Trendit")
    width, height = _pixels(shown[0])
    # the first panel stands for the figure of every panel
    assert width / height == pytest.approx(size[0] / size[1], rel=0.15)
