"""Demo staff pulse survey (2022-10, 2023-05, 2023-11) rebuilt from Kalliola's annual report 2023.

Every published figure (statement means, response rates, employer NPS) is
reproduced exactly by construction; see ``data/raw/README.md`` for the list and
for what is invented (2022-10 headcount and rates, unit sizes, per-unit
distributions, tenure, comments).
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

__all__ = ["generate", "QUESTIONS", "TARGETS", "COUNTS", "NPS", "HEADCOUNT", "RESPONDENTS"]

SEED = 2023_11_88
PERIODS = ("2022-10", "2023-05", "2023-11")

# Headcount invited per unit (sums: 85 invented for 2022-10; 88 as published for 2023).
HEADCOUNT = {
    "2022-10": dict(zip(UNITS, (21, 18, 22, 18, 6), strict=True)),  # 85, invented
    "2023-05": dict(zip(UNITS, (22, 18, 24, 18, 6), strict=True)),  # 88
    "2023-11": dict(zip(UNITS, (22, 18, 24, 18, 6), strict=True)),  # 88
}
# Respondents per unit: 60/85 = 71 % (invented), 64/88 = 73 %, 71/88 = 81 % (published).
# Hallinto has 4 respondents in 2022-10 and 2023-05: below the anonymity threshold 5.
RESPONDENTS = {
    "2022-10": dict(zip(UNITS, (14, 13, 16, 13, 4), strict=True)),
    "2023-05": dict(zip(UNITS, (15, 14, 17, 14, 4), strict=True)),
    "2023-11": dict(zip(UNITS, (17, 15, 19, 15, 5), strict=True)),
}

_T_MEANING = "Työn merkitys ja osaaminen"
_T_SUPPORT = "Tuki ja yhteisö"
_T_WELLBEING = "Hyvinvointi"
_T_COMMS = "Viestintä ja yhteistyö"

#: question id -> (type, text_fi, text_en, theme)
QUESTIONS = {
    "meaningful_work": (
        "likert",
        "Pidän nykyistä työtäni merkityksellisenä",
        "I find my current work meaningful",
        _T_MEANING,
    ),
    "skills_match": (
        "likert",
        "Osaamiseni vastaa hyvin työni vaatimuksia",
        "My skills match the demands of my work",
        _T_MEANING,
    ),
    "fair_treatment": (
        "likert",
        "Koen, että työntekijöitä kohdellaan työpaikallamme oikeudenmukaisesti ja tasapuolisesti",
        "Employees are treated fairly and equally",
        _T_SUPPORT,
    ),
    "manager_support": (
        "likert",
        "Saan esihenkilöltäni tukea silloin kun sitä tarvitsen",
        "I get support from my manager when I need it",
        _T_SUPPORT,
    ),
    "colleague_support": (
        "likert",
        "Saan työkavereiltani tukea silloin kun sitä tarvitsen",
        "I get support from my colleagues when I need it",
        _T_SUPPORT,
    ),
    "enthusiasm": (
        "likert",
        "Olen innostunut työstäni",
        "I am enthusiastic about my work",
        _T_MEANING,
    ),
    "work_life_balance": (
        "likert",
        "Olen tyytyväinen siihen, miten pystyn yhdistämään työn ja muun elämän nykyisessä työssäni",
        "I am satisfied with my work–life balance",
        _T_WELLBEING,
    ),
    "team_spirit": (
        "likert",
        "Lähityöyhteisössämme on hyvä yhteishenki",
        "Our team has a good spirit",
        _T_SUPPORT,
    ),
    "professional_development": (
        "likert",
        "Työnantaja tukee ammatillista kehittymistäni",
        "My employer supports my professional development",
        _T_MEANING,
    ),
    "internal_communication": (
        "likert",
        "Kalliolan sisäinen viestintä on hyvällä tasolla",
        "Internal communication is good",
        _T_COMMS,
    ),
    "cross_unit_cooperation": (
        "likert",
        "Kalliolassa tehdään vaikuttavaa sisäistä yhteistyötä eri toimintojen välillä",
        "There is effective cooperation between units",
        _T_COMMS,
    ),
    "enps": (
        "nps",
        "Kuinka todennäköisesti suosittelisit meitä työnantajana?",
        "How likely would you recommend us as an employer?",
        "Työnantajakuva",
    ),
    "comments": (
        "text",
        "Mitä terveisiä haluat lähettää johdolle?",
        "What would you like to tell the management?",
        "Avoin palaute",
    ),
}

#: Published means (annual report 2023, pulse tables), as printed. A question
#: missing for a period was not asked then: its cells stay empty.
TARGETS = {
    "meaningful_work": {"2023-11": "4,6", "2023-05": "4,5", "2022-10": "4,5"},
    "skills_match": {"2023-11": "4,3", "2023-05": "4,1", "2022-10": "4,1"},
    "fair_treatment": {"2023-11": "3,9", "2023-05": "3,8", "2022-10": "3,6"},
    "manager_support": {"2023-11": "4,2", "2023-05": "3,8", "2022-10": "4,0"},
    "colleague_support": {"2023-11": "4,5", "2023-05": "4,5", "2022-10": "4,5"},
    "enthusiasm": {"2023-11": "4,5", "2023-05": "4,3", "2022-10": "4,2"},
    # 2022-10 printed "4,1x" in the source: a typo for 4,1
    "work_life_balance": {"2023-11": "4,5", "2023-05": "4,1", "2022-10": "4,1"},
    "team_spirit": {"2023-05": "4,46", "2022-10": "4,16"},
    "professional_development": {"2023-05": "4,25", "2022-10": "3,65"},
    "internal_communication": {"2023-05": "3,54"},
    "cross_unit_cooperation": {"2023-05": "3,38"},
}

#: Published figures that fix more than the mean: the exact answer counts (1..5)
#: of a question in a period. "Kalliola lukuina" (annual report 2023, "based on
#: 2023"): "90 % pitää työtänsä merkityksellisenä"; with the pulse mean 4,6 of
#: 11/2023: 7 x 3, 14 x 4, 50 x 5 of 71 answers = 327 / 71 = 4.606 (4,6) and
#: 64 / 71 = 90.1 % favourable (4 or 5). The counts must give the sum that
#: pick_answered chooses for the printed mean (checked in _answers).
COUNTS = {("meaningful_work", "2023-11"): (0, 0, 7, 14, 50)}

#: Planned "don't know"/skipped answers per question (the exact count may grow
#: by a few so that a two-decimal mean is reachable).
SKIPS = {
    "manager_support": 1,
    "fair_treatment": 2,
    "team_spirit": 1,
    "professional_development": 2,
    "internal_communication": 3,
    "cross_unit_cooperation": 4,
}

#: Spread of the answers per question (sd of the latent discretised normal).
SPREAD = {
    "meaningful_work": 0.7,
    "colleague_support": 0.75,
    "fair_treatment": 0.95,
    "manager_support": 0.95,
    "internal_communication": 0.9,
    "cross_unit_cooperation": 0.9,
}

#: Unit effects on the latent score (invented, plausible): the clinic is
#: stretched on work-life balance, administration sees communication best, the
#: community work relies on colleagues.
UNIT_EFFECT = {
    "work_life_balance": {"Kalliolan Klinikka": -0.9, "Kalliolan kansalaisopisto": 0.3},
    "enthusiasm": {"Järjestötoiminta": 0.3, "Hallinto": -0.2},
    "colleague_support": {"Järjestötoiminta": 0.4, "Koulutus- ja työllisyyspalvelut": -0.2},
    "manager_support": {"Koulutus- ja työllisyyspalvelut": -0.4, "Kalliolan kansalaisopisto": 0.3},
    "internal_communication": {"Hallinto": 0.8, "Kalliolan Klinikka": -0.5},
    "cross_unit_cooperation": {"Hallinto": 0.6, "Kalliolan Klinikka": -0.4},
    "fair_treatment": {"Kalliolan Klinikka": -0.3},
    "professional_development": {"Koulutus- ja työllisyyspalvelut": 0.4},
    "enps": {"Kalliolan Klinikka": -0.4, "Järjestötoiminta": 0.3},
}

#: Employer NPS: (answered, promoters 9-10, detractors 0-6). 2023: published
#: NPS 20,8 = 100 * (21 - 10) / 53 = 20.75 and 22,0 = 100 * (24 - 11) / 59 = 22.03.
#: 2022-10 is invented: 100 * (17 - 9) / 49 = 16.3.
NPS = {"2022-10": (49, 17, 9), "2023-05": (53, 21, 10), "2023-11": (59, 24, 11)}

TENURE = ("alle 2 v", "2–5 v", "yli 5 v")
_TENURE_P = {
    "Kalliolan Klinikka": (0.35, 0.35, 0.30),
    "Kalliolan kansalaisopisto": (0.20, 0.30, 0.50),
    "Koulutus- ja työllisyyspalvelut": (0.45, 0.35, 0.20),  # grew with new projects in 2023
    "Järjestötoiminta": (0.30, 0.35, 0.35),
    "Hallinto": (0.15, 0.35, 0.50),
}

#: Share of respondents who write a comment.
COMMENT_SHARE = {"2022-10": 0.33, "2023-05": 0.36, "2023-11": 0.34}

#: Invented comments (no real people). Distinct texts; a few short ones repeat.
COMMENTS = [
    "Työmäärä on kasvanut koko syksyn, ja resurssit eivät ole pysyneet perässä.",
    "Kiitos työkavereille, ilman heitä en jaksaisi!",
    "Sisäinen viestintä on hajallaan: osa tiedosta tulee Teamsissa, osa sähköpostilla ja osa käytävällä.",
    "Toivoisin, että johto kävisi useammin toimipisteissä kuulemassa arkea.",
    "Hyvä fiilis tiimissä, esihenkilö tukee & kuuntelee.",
    "Palkkaus < vastuu. Tätä pitäisi oikeasti tarkastella.",
    "Kiireen keskellä tauot jäävät usein pitämättä.",
    "Hankkeiden määräaikaisuudet stressaavat – jatkuuko oma työ ensi vuonna?",
    "Kiitos joustavuudesta etätöiden suhteen 👍",
    'Intranetin "ajankohtaista"-osio on hyvä, mutta sitä päivitetään harvoin.',
    "Perehdytys uusille työntekijöille kaipaa selkeämpää mallia.",
    "Olen ylpeä siitä, mitä teemme asiakkaiden kanssa.",
    "Toimitilat ovat ahtaat, hiljaista tilaa keskittymiseen ei ole.",
    "I would appreciate more information in English, not all of us speak Finnish fluently.",
    "Yksiköiden välillä voisi olla enemmän yhteisiä tapaamisia, emme tunne toisiamme.",
    "Kehityskeskustelut ovat olleet hyödyllisiä, kiitos niistä.",
    "Asiakastyön määrä vs. kirjaamiseen käytetty aika ei ole tasapainossa.",
    "Johdon päätösten perustelut jäävät usein epäselviksi.",
    "Kiitos kesäpäivistä, ne olivat mahtavat!",
    "Koulutusbudjetti tuntuu pieneltä – pääsisinkö alan koulutukseen ensi vuonna?",
    "Kaikki hyvin, jatketaan samaan malliin :)",
    "Toivon selkeämpiä pelisääntöjä siihen, kuka päättää mistäkin.",
    "Työhyvinvointiin panostaminen näkyy, kiitos!",
    "Some meetings could be shorter & more focused.",
    "Sijaisia on vaikea saada, ja se kuormittaa muita.",
    "Viikkotiedote on hyvä uudistus, lisää tällaista.",
    "Esihenkilöllä on liikaa alaisia, aikaa yksittäiselle työntekijälle ei riitä.",
    "Tietojärjestelmiä on liikaa ja ne eivät keskustele keskenään.",
    "Arvostan sitä, että saan tehdä työtä, jolla on merkitystä.",
    "Palautetta tulee harvoin, positiivistakin voisi antaa useammin.",
    "Yhteistyö Klinikan ja järjestötoiminnan välillä voisi olla tiiviimpää.",
    "Kiitos johdolle avoimuudesta talousasioissa.",
    "Muutoksista kerrotaan liian myöhään – usein kuulen asioista vasta jälkikäteen.",
    "Työkaverit ovat parasta tässä työssä ❤️",
    "Kokouskäytännöt vaihtelevat paljon yksiköittäin; yhteinen malli auttaisi.",
    "Toivoisin mahdollisuutta työnohjaukseen myös muille kuin asiakastyötä tekeville.",
    "Fair treatment is a bit unclear: who gets to work remotely and who doesn't?",
    "Kiitos!",
    "Työtehtävien priorisointiin tarvitaan apua, kaikki on aina kiireellistä.",
    "Yhteisöllisyys on säilynyt hienosti kasvusta huolimatta.",
    'Toivon, että "matalan kynnyksen" periaate koskisi myös sisäistä viestintää.',
    "Vuosikello on selkeyttänyt suunnittelua.",
    "Osa-aikaisten ja tuntityöntekijöiden tiedonsaanti on heikkoa.",
    "Tykkään työstäni, mutta illat ja viikonloput venyvät liian usein.",
    "Digitaalisiin työkaluihin kaivattaisiin lisää koulutusta.",
    "Esihenkilöni on paras <3",
    "Työturvallisuusasiat ovat kunnossa, kiitos siitä.",
    "Rekrytoinnit kestävät liian kauan, vajaalla miehityksellä mennään viikkoja.",
    "Johtoryhmän muistiot voisi jakaa koko henkilöstölle.",
    "Henkilöstöinfot ovat hyviä, mutta aika on usein asiakastyön kannalta huono.",
    "Kiitos mahdollisuudesta vaikuttaa omaan työhön.",
    "Jos asiasta haluaa jutella tarkemmin, soita 040 123 4567.",
    "Toivoisin lisää yhteisiä virkistyspäiviä.",
    "Tiedonkulku Hallinnon ja yksiköiden välillä on parantunut.",
    "Uudet hankkeet ovat innostavia; toivottavasti resurssit riittävät niiden toteuttamiseen.",
    "Palkankorotuksista ja -kriteereistä kaipaisin avoimempaa keskustelua.",
    "Välillä tuntuu, että vastaamme kyselyihin, mutta mitään ei tapahdu.",
    "Tasa-arvo ja yhdenvertaisuus näkyvät arjessa, hienoa.",
    "Kiitos tästä vuodesta!",
    "Työ on henkisesti raskasta, ja palautumiseen tarvitaan tukea.",
    "Työsuhde-etuja (esim. liikunta & kulttuuri) voisi kehittää.",
    "Great colleagues, meaningful work. Thanks!",
    "Kirjaamisen ohjeet ovat ristiriitaisia:\nyksi sanoo yhtä, toinen toista.",
    "Tiimipalaverit ovat toimineet hyvin tänä vuonna.",
    "Toimistotarvikkeet ja laitteet ovat osin vanhoja; läppäri hidas.",
    "Kiitos esihenkilölle tuesta vaikeassa tilanteessa.",
    "Voisiko yhteisiä tiloja varata helpommin?",
    "En tiedä, mitä muissa yksiköissä tehdään – esittelyt olisivat kivoja.",
    "Ei erityistä.",
    "Kiitos!",
    "Ei erityistä.",
]
_PHONE_COMMENT = "Jos asiasta haluaa jutella tarkemmin, soita 040 123 4567."


def _respondents(rng: np.random.Generator, period: str) -> tuple[list[str], list[str]]:
    units = [u for u in UNITS for _ in range(RESPONDENTS[period][u])]
    units = [units[i] for i in rng.permutation(len(units))]  # submission order
    tenure = [TENURE[rng.choice(3, p=_TENURE_P[u])] for u in units]
    return units, tenure


def _answers(rng, period, units, trait) -> dict[str, list]:
    n = len(units)
    unit_arr = np.array(units)
    out: dict[str, list] = {}
    for q, (qtype, *_rest) in QUESTIONS.items():
        effect = np.array([UNIT_EFFECT.get(q, {}).get(u, 0.0) for u in unit_arr])
        latent = 0.7 * trait + effect + 0.7 * rng.standard_normal(n)
        col: list = [None] * n
        if qtype == "likert":
            printed = TARGETS[q].get(period)
            if printed is None:  # not asked in this period
                out[q] = col
                continue
            m, total = pick_answered(n, printed, SKIPS.get(q, 0))
            who = np.sort(rng.choice(n, size=m, replace=False))
            if (q, period) in COUNTS:
                counts = np.array(COUNTS[q, period])
                if counts.sum() != m or int(counts @ np.arange(1, 6)) != total:
                    raise ValueError(f"COUNTS of {q} {period} do not give {m} answers, sum {total}")
            else:
                counts = counts_for_sum(m, total, sd=SPREAD.get(q, 0.85))
            for i, v in zip(who, assign_by_latent(counts, latent[who]), strict=True):
                col[i] = int(v)
        elif qtype == "nps":
            m, promoters, detractors = NPS[period]
            passives = m - promoters - detractors
            counts = np.zeros(11, dtype=int)
            counts[3:7] = _split(detractors, (1, 2, 3, 4))
            counts[7:9] = _split(passives, (2, 3))
            counts[9:11] = _split(promoters, (3, 2))
            who = np.sort(rng.choice(n, size=m, replace=False))
            for i, v in zip(who, assign_by_latent(counts, latent[who], lo=0), strict=True):
                col[i] = int(v)
        out[q] = col
    return out


def _split(total: int, weights: tuple[int, ...]) -> np.ndarray:
    """Split ``total`` in proportion to ``weights`` by largest remainder (deterministic)."""
    w = np.array(weights, dtype=float)
    raw = total * w / w.sum()
    base = np.floor(raw).astype(int)
    order = np.argsort(-(raw - base), kind="stable")
    base[order[: total - base.sum()]] += 1
    return base


def _comments(rng: np.random.Generator, n_by_period: dict[str, int]) -> dict[str, list[int]]:
    """Which comment texts each period gets (indices into COMMENTS, each used once)."""
    phone = COMMENTS.index(_PHONE_COMMENT)
    pool = [i for i in rng.permutation(len(COMMENTS)) if i != phone]
    out, start = {}, 0
    for period in PERIODS:
        k = n_by_period[period]
        take = pool[start : start + k]
        start += k
        out[period] = take
    out["2023-11"][-1] = phone
    return out


def _rows(rng: np.random.Generator):
    rows = []
    n_comments = {p: round(COMMENT_SHARE[p] * sum(RESPONDENTS[p].values())) for p in PERIODS}
    if sum(n_comments.values()) > len(COMMENTS):
        raise ValueError("not enough comment texts")
    picked = _comments(rng, n_comments)
    for period in PERIODS:
        units, tenure = _respondents(rng, period)
        n = len(units)
        trait = rng.standard_normal(n)
        answers = _answers(rng, period, units, trait)
        who = np.sort(rng.choice(n, size=n_comments[period], replace=False))
        for i, k in zip(who, picked[period], strict=True):
            answers["comments"][i] = COMMENTS[k]
        yymm = period[2:4] + period[5:7]
        for i in range(n):
            rows.append(
                [f"P{yymm}-{i + 1:03d}", period, units[i], tenure[i]]
                + [answers[q][i] for q in QUESTIONS]
            )
    return rows


def _codebook_rows():
    for q, (qtype, fi, en, theme) in QUESTIONS.items():
        if qtype == "likert":
            yield [q, fi, en, qtype, 1, 5, LIKERT_FI, LIKERT_EN, theme, False]
        elif qtype == "nps":
            yield [
                q,
                fi,
                en,
                qtype,
                0,
                10,
                None,
                None,
                theme,
                False,
            ]
        else:
            yield [q, fi, en, qtype, None, None, None, None, theme, False]


def generate(out: Path) -> list[Path]:
    """Write ``out/pulse/`` (dataset.toml, responses.csv, codebook.csv, invitations.csv)."""
    folder = Path(out) / "pulse"
    rng = np.random.default_rng(SEED)
    written = [
        write_toml(
            folder / "dataset.toml",
            {
                "kind": "pulse",
                "title_fi": "Henkilöstön pulssikysely",
                "title_en": "Staff pulse survey",
                "slug": "pulssikysely",
                "languages": ["fi", "en"],  # report all writes each report in both
            },
            comment="Synthetic demo data rebuilt from Kalliola's annual report 2023.\n"
            "Generated by tools/demo/pulse.py; see data/raw/README.md.",
        )
    ]
    header = ["response_id", "period", "unit", "tenure", *QUESTIONS]
    written.append(write_csv(folder / "responses.csv", header, _rows(rng)))
    written.append(write_csv(folder / "codebook.csv", CODEBOOK_COLUMNS, _codebook_rows()))
    written.append(
        write_csv(
            folder / "invitations.csv",
            ["period", "unit", "invited"],
            ([p, u, HEADCOUNT[p][u]] for p in PERIODS for u in UNITS),
        )
    )
    return written
