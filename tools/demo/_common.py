"""Helpers shared by the demo-data generators: exact answer counts and file writers.

The published figures are means at a printed precision ("4,6", "4,46"). The
generators reach them by construction, never by sampling until it fits:

1. :func:`target_sum` picks the whole-number sum of answers whose mean lies
   strictly inside the printed rounding interval (never on a ``.x5`` boundary,
   so half-up and half-even rounding agree);
2. :func:`counts_for_sum` spreads that sum over the scale as a discretised
   normal distribution with a chosen spread, then moves single answers one
   step up or down until the sum is exact;
3. :func:`assign_by_latent` hands the answers to respondents in the order of a
   seeded latent score (person trait + unit effect + noise), so units differ
   plausibly while the overall counts stay exactly as constructed.

Files are written deterministically: ``;``-separated UTF-8 with BOM (as
Finnish Excel saves CSV), ``\\n`` line endings, no timestamps.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Sequence
from fractions import Fraction
from pathlib import Path

import numpy as np

__all__ = [
    "LIKERT_FI",
    "LIKERT_EN",
    "UNITS",
    "CODEBOOK_COLUMNS",
    "parse_fi",
    "fi_round",
    "target_sum",
    "counts_for_sum",
    "assign_by_latent",
    "pick_answered",
    "write_csv",
    "write_toml",
]

LIKERT_FI = (
    "Täysin eri mieltä|Jokseenkin eri mieltä|Ei samaa eikä eri mieltä|"
    "Jokseenkin samaa mieltä|Täysin samaa mieltä"
)
LIKERT_EN = "Strongly disagree|Disagree|Neither agree nor disagree|Agree|Strongly agree"

#: The five units named in the annual report 2023, in the report's order.
UNITS = (
    "Kalliolan Klinikka",
    "Kalliolan kansalaisopisto",
    "Koulutus- ja työllisyyspalvelut",
    "Järjestötoiminta",
    "Hallinto",
)

CODEBOOK_COLUMNS = (
    "question",
    "text_fi",
    "text_en",
    "type",
    "scale_min",
    "scale_max",
    "labels_fi",
    "labels_en",
    "theme",
    "reverse",
)

LINE_END = "\n"


def parse_fi(printed: str) -> tuple[Fraction, int]:
    """Return a printed Finnish figure ("4,46") as an exact fraction and its decimals."""
    s = printed.replace(",", ".")
    decimals = len(s.split(".")[1]) if "." in s else 0
    return Fraction(s), decimals


def fi_round(value: float | Fraction, decimals: int) -> str:
    """Round half up and print with a decimal comma, as the annual report does."""
    q = Fraction(value) * 10**decimals
    whole = math.floor(q + Fraction(1, 2))
    text = f"{whole / 10**decimals:.{decimals}f}" if decimals else str(whole)
    return text.replace(".", ",")


def target_sum(n: int, printed: str) -> int | None:
    """The answer sum whose mean over ``n`` answers prints as ``printed``, or None.

    The mean must lie strictly inside the rounding interval, so it is never on
    a half boundary; of several candidates the one nearest the printed value wins.
    """
    m, d = parse_fi(printed)
    half = Fraction(1, 2 * 10**d)
    lo, hi = m - half, m + half
    best = None
    for s in range(math.floor(lo * n), math.ceil(hi * n) + 1):
        mean = Fraction(s, n)
        if lo < mean < hi and (best is None or abs(mean - m) < abs(Fraction(best, n) - m)):
            best = s
    return best


def _discrete_normal(mu: float, sd: float, lo: int, hi: int) -> np.ndarray:
    x = np.arange(lo, hi + 1, dtype=float)
    w = np.exp(-0.5 * ((x - mu) / sd) ** 2)
    return w / w.sum()


def counts_for_sum(n: int, total: int, *, sd: float = 0.8, lo: int = 1, hi: int = 5) -> np.ndarray:
    """Counts of answers ``lo..hi`` (``n`` answers) whose sum is exactly ``total``.

    Shape: a discretised normal of spread ``sd`` whose mean is matched to
    ``total / n`` by bisection; counts by largest remainder; the sum is then
    corrected one step at a time, always moving an answer from the most
    over-represented category so the shape stays smooth.
    """
    if not lo * n <= total <= hi * n:
        raise ValueError(f"sum {total} impossible for {n} answers on {lo}-{hi}")
    target = total / n
    x = np.arange(lo, hi + 1, dtype=float)
    a, b = lo - 3.0, hi + 3.0
    for _ in range(100):
        mid = (a + b) / 2
        if float(_discrete_normal(mid, sd, lo, hi) @ x) < target:
            a = mid
        else:
            b = mid
    p = _discrete_normal((a + b) / 2, sd, lo, hi)
    raw = p * n
    counts = np.floor(raw).astype(int)
    order = np.argsort(-(raw - counts), kind="stable")
    counts[order[: n - counts.sum()]] += 1
    k = len(counts)
    while True:
        diff = total - int(counts @ np.arange(lo, hi + 1))
        if diff == 0:
            return counts
        excess = counts / n - p
        if diff > 0:  # move one answer up a step
            cand = [i for i in range(k - 1) if counts[i] > 0]
        else:  # move one answer down a step
            cand = [i for i in range(1, k) if counts[i] > 0]
        i = max(cand, key=lambda j: (excess[j], -j if diff > 0 else j))
        counts[i] -= 1
        counts[i + (1 if diff > 0 else -1)] += 1


def assign_by_latent(counts: np.ndarray, latent: np.ndarray, lo: int = 1) -> np.ndarray:
    """Give the answers in ``counts`` to respondents: the lowest latent gets the lowest answer."""
    values = np.repeat(np.arange(lo, lo + len(counts)), counts)
    if len(values) != len(latent):
        raise ValueError("counts and respondents differ in number")
    out = np.empty(len(latent), dtype=int)
    out[np.argsort(latent, kind="stable")] = values
    return out


def pick_answered(n: int, printed: str, skips: int, *, max_extra: int = 6) -> tuple[int, int]:
    """Number answering (about ``n - skips``) and their sum, so the mean prints exactly.

    Tries ``n - skips``, then one more skip at a time, then fewer skips, and
    takes the first whose mean is at least a fifth of the rounding half-width
    away from either boundary (else the one farthest from a boundary).
    """
    target, decimals = parse_fi(printed)
    half = Fraction(1, 2 * 10**decimals)
    tries = [n - skips - k for k in range(max_extra + 1)] + [
        n - skips + k for k in range(1, skips + 1)
    ]
    best = None
    for m in tries:
        if m <= 0 or m > n:
            continue
        s = target_sum(m, printed)
        if s is None:
            continue
        margin = half - abs(Fraction(s, m) - target)
        if margin >= half / 5:
            return m, s
        if best is None or margin > best[0]:
            best = (margin, m, s)
    if best is None:
        raise ValueError(f"no answer count near {n - skips} gives mean {printed}")
    return best[1], best[2]


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and math.isnan(v):
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, np.integer):
        return str(int(v))
    return str(v)


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence]) -> Path:
    """Write a Finnish-Excel-style CSV: ``;``, UTF-8 with BOM, ``\\n`` line endings."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";", lineterminator=LINE_END, quoting=csv.QUOTE_MINIMAL)
        w.writerow(list(header))
        for row in rows:
            w.writerow([_cell(v) for v in row])
    return path


def _toml_value(v) -> str:
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    s = str(v).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{s}"'


def write_toml(path: Path, values: dict, comment: str = "") -> Path:
    """Write a flat ``dataset.toml`` (keys in the given order)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"# {c}" if c else "#" for c in comment.splitlines()] if comment else []
    lines += [f"{k} = {_toml_value(v)}" for k, v in values.items()]
    path.write_bytes((LINE_END.join(lines) + LINE_END).encode("utf-8"))
    return path
