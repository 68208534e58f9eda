"""Demo event and training feedback surveys rebuilt from Kalliola's annual report 2023.

Four survey folders under ``feedback/``: summer days (4,3/5), autumn kick-off
(4/5), managers' retreat 22.-23.8 (3,9/5, schedule criticised as too tight) and
the digital basic skills trainings (4,4/5 learned something new). The
published figure is the mean of one question; the other questions, response
counts and comments are invented (see ``data/raw/README.md``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ._common import (
    CODEBOOK_COLUMNS,
    LIKERT_EN,
    LIKERT_FI,
    UNITS,
    assign_by_latent,
    counts_for_sum,
    pick_answered,
    write_csv,
    write_toml,
)

__all__ = ["generate", "EVENTS"]

SEED = 2023_06_43

_STAFF_2023 = dict(zip(UNITS, (22, 18, 24, 18, 6), strict=True))  # 88, as in the pulse

_TEXT = (
    "comments",
    "Mitä muuta haluat sanoa tilaisuudesta?",
    "What else would you like to say about the event?",
)

#: One dict per event. ``questions``: id -> (text_fi, text_en, printed mean or
#: None for free text, spread, planned skips). The first likert question of
#: each event carries the published figure; the others are invented.
EVENTS = [
    {
        "slug": "kesapaivat-2023",
        "period": "2023-06",
        "prefix": "KP23",
        "title_fi": "Kesäpäivien palautekysely 2023",
        "title_en": "Summer days feedback survey 2023",
        "invited": _STAFF_2023,
        "respondents": dict(zip(UNITS, (13, 11, 15, 11, 4), strict=True)),  # 54
        "questions": {
            "overall": (
                "Kokonaisarvio tilaisuudesta",
                "Overall rating of the event",
                "4,3",
                0.75,
                0,
            ),
            "programme": (
                "Ohjelma oli kiinnostava ja monipuolinen",
                "The programme was interesting and varied",
                "4,2",
                0.8,
                1,
            ),
            "schedule": (
                "Tilaisuuden aikataulu oli sopiva",
                "The schedule of the event was suitable",
                "4,0",
                0.85,
                1,
            ),
            "comments": (_TEXT[1], _TEXT[2], None, None, 0),
        },
        "comment_share": 0.35,
        "comments": [
            "Ihana päivä, kiitos järjestäjille!",
            "Ruoka oli hyvää & tunnelma rento.",
            "Saaristoretki oli kesän kohokohta ☀️",
            "Olisin toivonut enemmän aikaa vapaalle seurustelulle.",
            "Kiva tutustua muiden yksiköiden väkeen.",
            "Bussikuljetukset myöhästyivät, muuten kaikki hyvin.",
            "Ohjelmaa oli vähän liikaa yhdelle päivälle.",
            "Kiitos!",
            "Tätä lisää! Yhteisöllisyys näkyi ja tuntui.",
            'Visailu "tunne Kalliola" oli hauska idea.',
            "Esteettömyys kannattaa huomioida paremmin seuraavalla kerralla.",
            "Sadevaraus olisi ollut hyvä olla olemassa.",
            "Great day, thank you! It was nice to meet colleagues from other units.",
            "Kasvisvaihtoehtoja enemmän, kiitos.",
            "Hyvä sekoitus asiaa ja virkistystä.",
            "Päivä oli pitkä, mutta antoisa.",
            "Toivottavasti ensi vuonna taas!",
            "Yhteislaulu <3",
            "Kiitos!",
        ],
    },
    {
        "slug": "kickoff-2023",
        "period": "2023-09",
        "prefix": "KO23",
        "title_fi": "Syksyn Kick Off -palautekysely 2023",
        "title_en": "Autumn kick-off feedback survey 2023",
        "invited": _STAFF_2023,
        "respondents": dict(zip(UNITS, (14, 12, 16, 11, 4), strict=True)),  # 57
        "questions": {
            "overall": (
                "Kokonaisarvio tilaisuudesta",
                "Overall rating of the event",
                "4,0",
                0.8,
                0,
            ),
            "useful": (
                "Sain tilaisuudesta eväitä syksyn työhön",
                "The event gave me something useful for the autumn's work",
                "3,8",
                0.85,
                1,
            ),
            "schedule": (
                "Tilaisuuden aikataulu oli sopiva",
                "The schedule of the event was suitable",
                "4,1",
                0.8,
                0,
            ),
            "comments": (_TEXT[1], _TEXT[2], None, None, 0),
        },
        "comment_share": 0.3,
        "comments": [
            "Strategian läpikäynti selkeytti syksyn tavoitteita.",
            "Liikaa PowerPoint-dioja, vähemmän puhetta & enemmän keskustelua.",
            "Ryhmätyöt olivat hyödyllisiä.",
            "Olisin halunnut kuulla enemmän muiden yksiköiden kuulumisia.",
            "Hyvä startti syksyyn!",
            "Tila oli liian pieni näin isolle porukalle.",
            "Kahvitarjoilu loppui kesken :(",
            "Johdon katsaus oli avoin ja selkeä, kiitos.",
            "Could we have some parts in English next time?",
            "Tavoitteet jäivät vähän irrallisiksi omasta arjesta.",
            'Workshop "syksyn tärkein asia" toimi hyvin.',
            "Hyvä, että koko henkilöstö oli samassa paikassa.",
            "Iltapäivä venyi, moni joutui lähtemään kesken.",
            "Kiitos järjestelyistä!",
            "Toivoisin konkreettisempia päätöksiä keskustelujen pohjalta.",
            "Ok.",
            "Hyvä startti syksyyn!",
        ],
    },
    {
        "slug": "esihenkiloiden-seminaari-2023",
        "period": "2023-08",
        "prefix": "ES23",
        "title_fi": "Esihenkilöiden seminaari 22.–23.8.2023",
        "title_en": "Managers' retreat 22–23 August 2023",
        "invited": dict(zip(UNITS, (3, 3, 4, 3, 1), strict=True)),  # 14 managers
        "respondents": dict(zip(UNITS, (3, 3, 3, 2, 1), strict=True)),  # 12
        "questions": {
            "overall": (
                "Kokonaisarvio seminaarista",
                "Overall rating of the retreat",
                "3,9",
                0.7,
                0,
            ),
            "together": (
                "Yhteisen asian ääreen pysähtyminen oli hyödyllistä",
                "Pausing together on shared matters was useful",
                "4,4",
                0.7,
                0,
            ),
            "schedule": (
                "Seminaarin aikataulu oli sopiva",
                "The schedule of the retreat was suitable",
                "2,5",
                0.8,
                0,
            ),
            "comments": (
                "Mitä muuta haluat sanoa seminaarista?",
                "What else would you like to say about the retreat?",
                None,
                None,
                0,
            ),
        },
        "comment_share": 0.6,
        "comments": [
            "Aikataulu oli liian kireä, keskusteluille ei jäänyt tilaa.",
            "Oli hienoa pysähtyä yhdessä yhteisten asioiden äärelle.",
            "Leirikeskus oli upea paikka, luonto rauhoitti.",
            "Vähemmän ohjelmaa, enemmän aikaa pohtia – ensi kerralla?",
            "Yhdessä olo oli parasta; tiivis aikataulu väsytti.",
            "Megatrendit-osio oli kiinnostava, mutta jäi pintapuoliseksi.",
            "Kiitos järjestäjille, hyvä kokonaisuus.",
        ],
    },
    {
        "slug": "digiperustaidot-2023",
        "period": "2023-12",
        "prefix": "DP23",
        "title_fi": "Digiperustaitojen koulutusten palaute 2023",
        "title_en": "Digital basic skills trainings feedback 2023",
        "invited": None,  # open public trainings: no invitation list
        "respondents": {
            "Naapuruustalo Mellari": 14,
            "Meri-Rastin kulttuuritila": 12,
            "Naapuruustalo Pasila": 10,
        },  # 36
        "questions": {
            "learned": (
                "Koin oppineeni uutta ja kehittäneeni osaamistani",
                "I learned something new and developed my skills",
                "4,4",
                0.75,
                0,
            ),
            "trainer": (
                "Kouluttaja opetti selkeästi ja kärsivällisesti",
                "The trainer taught clearly and patiently",
                "4,6",
                0.65,
                1,
            ),
            "overall": (
                "Kokonaisarvio koulutuksesta",
                "Overall rating of the training",
                "4,5",
                0.7,
                0,
            ),
            "comments": (
                "Mitä muuta haluat sanoa koulutuksesta?",
                "What else would you like to say about the training?",
                None,
                None,
                0,
            ),
        },
        "comment_share": 0.35,
        "comments": [
            "Opin vihdoin käyttämään pankkitunnuksia puhelimella!",
            "Kouluttaja oli kärsivällinen, kiitos.",
            "Tahti oli välillä liian nopea minulle.",
            "Haluaisin jatkokurssin sähköpostista & kuvien lähettämisestä.",
            "Hyvä, että kurssi oli ilmainen ja lähellä kotia.",
            "Thank you, very useful. More courses in English please.",
            "Omaa puhelinta oli hyvä käyttää harjoituksissa.",
            "Ryhmä oli liian iso, apua joutui odottamaan.",
            "Nyt osaan varata ajan terveysasemalle netissä 😊",
            "OmaKanta oli vaikea, tarvitsen lisää harjoitusta.",
            "Kiitos!",
            'Kurssin nimi "perustaidot" oli osuva, sopi aloittelijalle.',
        ],
    },
]


def _event(rng: np.random.Generator, spec: dict):
    units = [u for u, k in spec["respondents"].items() for _ in range(k)]
    units = [units[i] for i in rng.permutation(len(units))]
    n = len(units)
    trait = rng.standard_normal(n)
    effect = {
        u: e
        for u, e in zip(
            spec["respondents"], rng.normal(0, 0.25, len(spec["respondents"])), strict=True
        )
    }
    unit_eff = np.array([effect[u] for u in units])
    answers: dict[str, list] = {}
    for q, (_fi, _en, printed, spread, skips) in spec["questions"].items():
        col: list = [None] * n
        if printed is not None:
            latent = 0.7 * trait + unit_eff + 0.7 * rng.standard_normal(n)
            m, total = pick_answered(n, printed, skips)
            who = np.sort(rng.choice(n, size=m, replace=False))
            counts = counts_for_sum(m, total, sd=spread)
            for i, v in zip(who, assign_by_latent(counts, latent[who]), strict=True):
                col[i] = int(v)
        answers[q] = col
    pool = spec["comments"]
    k = min(len(pool), round(spec["comment_share"] * n))
    who = np.sort(rng.choice(n, size=k, replace=False))
    texts = [pool[i] for i in rng.permutation(len(pool))[:k]]
    for i, t in zip(who, texts, strict=True):
        answers["comments"][i] = t
    rows = [
        [f"{spec['prefix']}-{i + 1:03d}", spec["period"], units[i]]
        + [answers[q][i] for q in spec["questions"]]
        for i in range(n)
    ]
    return rows


def _codebook_rows(spec: dict):
    for q, (fi, en, printed, _spread, _skips) in spec["questions"].items():
        if printed is None:
            yield [q, fi, en, "text", None, None, None, None, "Avoin palaute", False]
        else:
            yield [q, fi, en, "likert", 1, 5, LIKERT_FI, LIKERT_EN, "Arvio", False]


def generate(out: Path) -> list[Path]:
    """Write ``out/feedback/<slug>/`` for each of the four events."""
    rng = np.random.default_rng(SEED)
    written: list[Path] = []
    for spec in EVENTS:
        folder = Path(out) / "feedback" / spec["slug"]
        written.append(
            write_toml(
                folder / "dataset.toml",
                {
                    "kind": "feedback",
                    "title_fi": spec["title_fi"],
                    "title_en": spec["title_en"],
                    "slug": spec["slug"],
                },
                comment="Synthetic demo data rebuilt from Kalliola's annual report 2023.\n"
                "Generated by tools/demo/feedback.py; see data/raw/README.md.",
            )
        )
        header = ["response_id", "period", "unit", *spec["questions"]]
        written.append(write_csv(folder / "responses.csv", header, _event(rng, spec)))
        written.append(write_csv(folder / "codebook.csv", CODEBOOK_COLUMNS, _codebook_rows(spec)))
        if spec["invited"] is not None:
            written.append(
                write_csv(
                    folder / "invitations.csv",
                    ["period", "unit", "invited"],
                    ([spec["period"], u, k] for u, k in spec["invited"].items()),
                )
            )
    return written
