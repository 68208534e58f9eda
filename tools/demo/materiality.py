"""Demo materiality analysis (olennaisuusanalyysi) rebuilt from Kalliola's annual report 2023.

Published (annual report 2023, "CASE: vastuullisuus on tätä päivää"): visits and
prioritisations per stakeholder group in six rows (two per group; the source
does not say whether they are collection rounds or channels -- we call them
"kierros 1" and "kierros 2"), totals 410 and 4 686; the top five topics in
order; "the groups were very unanimous"; eight other topics named.

Exact by construction: each row's visits get pick counts whose sum is the
published number of prioritisations. Which topics a visit picks is invented:
each visit ranks the topics by a latent utility (the group's topic utility
plus personal noise, a Thurstone model) and picks its ``k`` best. The group
utilities put the published top five first, in order, with group-specific
differences further down, so the groups agree strongly but not perfectly.
:func:`generate` checks that the published top five comes out in order under
both weightings and fails otherwise (it never searches for a seed that fits).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ._common import write_csv, write_toml

__all__ = ["GROUPS", "ROUNDS", "ROWS", "TOPICS", "TOP_FIVE", "generate"]

SEED = 20231013

GROUPS = ("Asiakkaat", "Henkilöstö", "Yhteistyökumppanit")
ROUNDS = ("kierros 1", "kierros 2")
#: The published participation table: (group, round, visits, prioritisations).
ROWS = (
    ("Asiakkaat", "kierros 1", 70, 648),
    ("Asiakkaat", "kierros 2", 52, 502),
    ("Henkilöstö", "kierros 1", 61, 604),
    ("Henkilöstö", "kierros 2", 79, 773),
    ("Yhteistyökumppanit", "kierros 1", 63, 913),
    ("Yhteistyökumppanit", "kierros 2", 85, 1246),
)

#: (id, text_fi, text_en, impact score (invented), base utility (invented), named in the source).
TOPICS = (
    (
        "osallisuus",
        "Osallisuuden tunteen edistäminen",
        "Promoting a sense of participation",
        "4,6",
        3.0,
        True,
    ),
    (
        "haavoittuvat",
        "Haavoittuvassa asemassa olevista huolehtiminen",
        "Caring for people in vulnerable positions",
        "4,8",
        2.5,
        True,
    ),
    (
        "kuuluminen",
        "Kuulumisen tunteen edistäminen",
        "Promoting a sense of belonging",
        "4,1",
        2.0,
        True,
    ),
    (
        "ihmisoikeudet",
        "Ihmisoikeuksien kunnioittaminen",
        "Respecting human rights",
        "3,9",
        1.6,
        True,
    ),
    ("yhdenvertaisuus", "Yhdenvertaisuuden edistäminen", "Promoting equality", "4,3", 1.2, True),
    ("saannostenmukaisuus", "Säännösten noudattaminen", "Regulatory compliance", "3,4", 0.5, True),
    ("tyoturvallisuus", "Työturvallisuus", "Occupational safety", "3,6", 0.6, True),
    ("monimuotoisuus", "Monimuotoisuus", "Diversity", "3,2", 0.7, True),
    ("inklusiivisuus", "Inklusiivisuus", "Inclusiveness", "3,5", 0.8, True),
    ("riskienhallinta", "Riskienhallinta", "Risk management", "3,0", 0.0, True),
    ("innovointikyky", "Innovointikyky", "Capacity to innovate", "2,8", -0.1, True),
    ("ilmasto", "Ilmastonmuutoksen hillintä", "Climate-change mitigation", "2,6", 0.2, True),
    ("hallintotapa", "Hyvä hallintotapa", "Good governance", "3,3", 0.1, True),
    ("hyvinvointi", "Henkilöstön hyvinvointi", "Staff wellbeing", "3,7", 0.4, False),
    ("saavutettavuus", "Palvelujen saavutettavuus", "Accessible services", "4,0", 0.3, False),
    (
        "vapaaehtoisuus",
        "Vapaaehtoistoiminnan tukeminen",
        "Supporting volunteering",
        "3,8",
        -0.2,
        False,
    ),
    ("tietosuoja", "Tietosuoja", "Data protection", "2,9", -0.4, False),
    ("avoimuus", "Avoin viestintä", "Open communication", "2,7", -0.3, False),
    ("hankinnat", "Vastuulliset hankinnat", "Responsible procurement", "2,2", -0.8, False),
    ("talous", "Taloudellinen kestävyys", "Financial sustainability", "3,1", -0.6, False),
)
TOP_FIVE = tuple(t[0] for t in TOPICS[:5])

#: Invented group differences (added to the base utility).
GROUP_SHIFT = {
    "Asiakkaat": {"saavutettavuus": 0.8, "haavoittuvat": 0.2, "hyvinvointi": -0.4, "ilmasto": -0.3},
    "Henkilöstö": {
        "tyoturvallisuus": 0.9,
        "hyvinvointi": 1.0,
        "ihmisoikeudet": -0.3,
        "talous": 0.3,
    },
    "Yhteistyökumppanit": {
        "hallintotapa": 0.7,
        "riskienhallinta": 0.5,
        "innovointikyky": 0.6,
        "ilmasto": 0.4,
    },
}
#: Spread of the personal noise on the latent utility.
NOISE_SD = 1.1
#: Spread of the number of picks around a row's mean, and its bounds.
PICKS_SD = 2.5
MIN_PICKS = 2


def _pick_counts(rng: np.random.Generator, visits: int, total: int, n_topics: int) -> np.ndarray:
    """Picks per visit: around ``total / visits``, within bounds, summing exactly to ``total``."""
    k = np.clip(np.rint(rng.normal(total / visits, PICKS_SD, visits)), MIN_PICKS, n_topics).astype(
        int
    )
    while (diff := total - int(k.sum())) != 0:
        can = np.flatnonzero(k < n_topics) if diff > 0 else np.flatnonzero(k > MIN_PICKS)
        k[rng.choice(can)] += 1 if diff > 0 else -1
    return k


def _utilities(group: str) -> np.ndarray:
    shift = GROUP_SHIFT[group]
    return np.array([t[4] + shift.get(t[0], 0.0) for t in TOPICS])


def _picks(rng: np.random.Generator) -> tuple[list[tuple], list[tuple]]:
    visits, picks = [], []
    ids = [t[0] for t in TOPICS]
    n = 0
    for group, rnd, n_visits, n_picks in ROWS:
        u = _utilities(group)
        for k in _pick_counts(rng, n_visits, n_picks, len(TOPICS)):
            n += 1
            vid = f"v{n:04d}"
            visits.append((vid, group, rnd))
            latent = u + rng.normal(0.0, NOISE_SD, len(u))
            chosen = np.sort(np.argsort(-latent, kind="stable")[:k])
            picks += [(vid, ids[i]) for i in chosen]
    return visits, picks


def _top_five(visits: list[tuple], picks: list[tuple], weighting: str) -> tuple[str, ...]:
    """The top five under per-visit weights (each visit's picks share its weight)."""
    ids = [t[0] for t in TOPICS]
    group_of = {v: g for v, g, _ in visits}
    k = {}
    for v, _ in picks:
        k[v] = k.get(v, 0) + 1
    share = {g: np.zeros(len(ids)) for g in GROUPS}
    size = {g: sum(1 for _, gg, _ in visits if gg == g) for g in GROUPS}
    for v, t in picks:
        share[group_of[v]][ids.index(t)] += 1.0 / k[v]
    if weighting == "equal":
        total = sum(share[g] / size[g] for g in GROUPS) / len(GROUPS)
    else:
        total = sum(share.values()) / len(visits)
    return tuple(ids[i] for i in np.argsort(-total, kind="stable")[:5])


def generate(out: Path) -> list[Path]:
    """Write ``out/materiality/`` (dataset.toml, visits.csv, prioritisations.csv, topics.csv)."""
    folder = Path(out) / "materiality"
    rng = np.random.default_rng(SEED)
    visits, picks = _picks(rng)
    for weighting in ("equal", "pooled"):
        got = _top_five(visits, picks, weighting)
        if got != TOP_FIVE:  # pragma: no cover - a guard on the construction
            raise RuntimeError(f"{weighting} top five {got} is not the published {TOP_FIVE}")
    return [
        write_toml(
            folder / "dataset.toml",
            {
                "kind": "materiality",
                "title_fi": "Sosiaalisen vastuun olennaisuusanalyysi",
                "title_en": "Materiality analysis of social responsibility",
                "slug": "olennaisuusanalyysi",
                "period": "2023-10",
            },
            comment="Synthetic demo data rebuilt from Kalliola's annual report 2023.\n"
            "Generated by tools/demo/materiality.py; see data/raw/README.md.\n"
            "The period (2023-10) and the round names are invented.",
        ),
        write_csv(folder / "visits.csv", ["visit_id", "group", "round"], visits),
        write_csv(folder / "prioritisations.csv", ["visit_id", "topic"], picks),
        write_csv(
            folder / "topics.csv",
            ["topic", "text_fi", "text_en", "impact"],
            ((t[0], t[1], t[2], t[3]) for t in TOPICS),
        ),
    ]
