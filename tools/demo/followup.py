"""Demo action-plan follow-up and strategy indicators.

``data/raw/followup/``: every measure of the four themes of the City of
Helsinki's follow-up of the measures promoting integration (traffic-light
table, monitoring period 5/2022–5/2023, source 004), transcribed in Finnish as
in the source. The extraction lost the status colours, so the 2023-05 statuses
are ASSIGNED for the demo from the "what has been done" texts; the second
round 2023-11 is INVENTED (a few statuses move; the changed texts say so).

``data/raw/indicators/``: Kalliola's four strategic goals (strategy 2023–2025,
source 001, whose indicators are "to be agreed later") with indicators drawn
from figures the annual report 2023 (source 000) publishes. Targets are
invented. Design: ``indicators.csv`` defines the indicators (one row each),
``values.csv`` holds one row per indicator and period (value and/or target).

See ``data/raw/README.md``, section "Follow-up and indicators".
"""

from __future__ import annotations

from pathlib import Path

from ._common import write_csv, write_toml

__all__ = ["generate", "THEMES", "ROUNDS", "ROUND2", "INDICATORS", "VALUES"]

#: Monitoring rounds: the source's round (5/2022–5/2023) and an invented one.
ROUNDS = ("2023-05", "2023-11")

ON, ST, NR, NS, MISSING = (
    "Etenee suunnitellusti",
    "Aloitettu",
    "Ei toteudu",
    "Ei aloitettu",
    "",
)

_KASKO = "Kasvatuksen ja koulutuksen toimiala"
_SOTEPE = "Sosiaali-, terveys- ja pelastustoimiala"
_ELINKEINO = "Kaupunginkanslian elinkeino-osasto"
_ELINKEINO_YHDESSA = (
    "Kaupunginkanslian elinkeino-osasto yhdessä sosiaali- ja terveystoimialan sekä "
    "kasvatuksen ja koulutuksen toimialan kanssa"
)
_HENKILOSTO = "Kaupunginkansliain henkilöstöosasto"
_NUORISO = "Kulttuurin ja vapaa-ajan toimialan nuorisopalvelut"

_HYVA_ALKU = (
    "Kanslia, Kasko ja Sotepe suunnittelivat ja käynnistivät 12/23 TEM-rahoitteisen Hyvä alku "
    "Helsingissä -pilotin, joka kehittää työvoiman ulkopuolisten, erityisesti kotivanhempien "
    "kotoutumispalveluita."
)
_EDUNVALVONTA = (
    "Osana kaupungin edunvalvonnan kokonaisuutta. C6-kaupungeilla tiivis yhteistyö vaikuttamisessa."
)

#: theme (fi), theme (en), goals {number: text}, measures
#: [(measure_id, measure, indicator, responsible ("|" between parties), status 2023-05, done)]
THEMES = [
    (
        "Läpileikkaavat teemat",
        "Cross-cutting themes",
        {
            1: "Kaupungin viestintä Suomeen muuttaneille on selkeää, monikielistä ja monikanavaista.",
            2: "Kaupunki nojaa tietoon ja tutkimukseen maahanmuuton ja Suomeen muuttaneiden "
            "kotoutumisen kysymyksissä.",
            3: "Kaupunki laajentaa kumppanuuksia yritysten, yhdistysten ja yhteisöjen kanssa.",
            4: "Helsingin ja sen verrokkikaupunkien edut otetaan huomioon maahanmuuttoon ja "
            "kotoutumisen edistämiseen liittyvissä asioissa.",
            5: "Maahanmuuttoa ja kotoutumista koskevat parhaat käytännöt ja olemassa oleva tieto "
            "muista maista on käytössä Helsingissä.",
        },
        [
            (
                "1.1",
                "Kehitetään palveluviestintää suurimmille kieliryhmille kartoittamalla tarpeita, "
                "huomioimalla kieliryhmien eroja sekä laatimalla viestinnälle yhteisiä malleja. "
                "Kehitetään viestinnän ammattilaisten osaamista ja jaetaan hyviä käytäntöjä.",
                "Toimenpiteitä palveluviestinnän kehittämiseksi on tehty (kyllä/ei, mitä).",
                "Kaupunginkanslian viestintä yhdessä toimialojen viestinnän ja viestintää "
                "kehittävien tahojen kanssa",
                ST,
                "Kaupunginkanslian viestinnässä on alkanut 5/2023 monikielisen kotoutumista "
                "edistävän viestinnän kehittämishanke. Työ on aloitettu tiedonkeruulla ja "
                "selvittämällä ekosysteemiä. Toimialoilta on saatu edustus mukaan.",
            ),
            (
                "1.2",
                "Kehitetään monikielistä kotoutumista ja asettautumista tukevaa viestintää "
                "uudistamalla InfoFinlandin kanavia, lisäämällä monikielistä viestintää ja "
                "kehittämällä Finnishcourses.fi-sivustoa sekä sen markkinointia.",
                "Monikielistä viestintää on lisätty, InfoFinlandin kanavia on uudistettu ja "
                "Finnishcourses.fi-sivustoa on kehitetty (kyllä/ei, miten).",
                "Kaupunginkanslian viestintä",
                ON,
                "InfoFinland käännetty ja julkaistu ukrainan kielellä (80 % valmis). Alkanut "
                "työnhakuun ja työelämän alkuvaiheeseen liittyvien 12-kielisten sisältöjen "
                "uudistus palvelumuotoilua hyödyntäen. Valtakunnallinen InfoFinland-esitejakelu, "
                "mm. pääkaupunkiseudun kirjastot.",
            ),
            (
                "1.3",
                "Toteutetaan ajankohtaisviestintää tarpeenmukaisilla kielillä kohderyhmänä "
                "kotoutumistyötä tekevät järjestöt ja yhteistyökumppanit. Työssä hyödynnetään "
                "koronapandemiaviestinnässä hyviksi todettuja toimintatapoja.",
                "Ajankohtaisviestintää on toteutettu toimenpiteen mukaisesti (kyllä/ei, miten).",
                "Kaupunginkanslian elinkeino-osasto",
                NR,
                "Liitetään osaksi Kanslian viestinnän hanketta; kukin toimiala viestii "
                "ajankohtaisen tilanteen edellyttämällä tavalla.",
            ),
            (
                "1.4",
                "Yhtenäistetään Helsingin kaupungin käytäntöjä tulkkauspalveluiden käytössä "
                "neuvonnan osalta.",
                "Tulkkauspalveluiden käytännöt yhtenäistetty (kyllä/ei, miten).",
                "Kaupunginkanslian viestintä yhteistyössä toimialojen kanssa",
                ON,
                "Avoin ovi palveluihin -hanke on yhtenäistänyt tulkkauspalveluiden käyttöä "
                "matalan kynnyksen ohjaus- ja neuvontapalveluita osana Helsinki neuvoo "
                "-toimintamallia.",
            ),
            (
                "2.1",
                "Kehitetään ja ylläpidetään maahanmuuton ja kotoutumisen tietopohjaa ja "
                "välitetään tietoa tehokkaasti kaupungin tarpeisiin.",
                "Ajantasaista kotoutumisen tilastotietoa on tuotettu ja sen välitetään tietoa "
                "tehokkaasti kaupungin tarpeisiin. Kotoutumiseen ja sen edistymiseen liittyviä "
                "tutkimuksia ja selvityksiä on toteutettu.",
                "Kaupunginkanslian kaupunkitieto",
                ON,
                "Kaupunginkanslian kaupunkitietoyksikkö julkaisi joulukuussa 2022 raportin "
                "ulkomaalaistaustaisten kotoutumisesta pääkaupunkiseudulla. Kvartti-julkaisussa "
                "(lehti + blogi) on julkaistu lyhyempiä artikkeleita. Maahanmuuttoon ja "
                "kotoutumiseen liittyviä tilastoja ja tutkimuksia on esitelty kaupungin eri "
                "toimijoille.",
            ),
            (
                "2.2",
                "Kehitetään edelleen kotoutumisen edistymistä mittaavia ja toimenpiteiden "
                "vaikuttavuutta arvioivia indikaattoreita.",
                "Kotoutumisen seurantaindikaattoreita on kehitetty edelleen ja niistä on "
                "julkaistu päivitys.",
                "Kaupunginkanslian kaupunkitieto",
                ST,
                "Indikaattorityön kehittäminen on aloitettu. Toiminnan edistämistä varten "
                "tarvitaan keskusteluja kaupungin sisällä vaihtoehtoista ratkaisuista.",
            ),
            (
                "2.3",
                "Kehitetään ja kohdennetaan palveluja tutkitun ja ajantasaisen tiedon pohjalta.",
                "Palveluja on kehitetty ja kohdennettu tietoperusteisesti.",
                "Kaikki toimialat",
                ST,
                "Tutkimusta hyödynnetään sekä suunnittelusta että käytännön työssä, mutta "
                "kaupunkitasolla tästä ei ole seurantaa; työtä ohjaava periaate. Kanslian "
                "maahanmuuttoyksikössä on aloitettu tutkijayhteistyö.",
            ),
            (
                "3.1",
                "Helsinki vahvistaa kumppaneiden tiedon ja osaamisen hyödyntämistä kaupungin "
                "palveluiden kehittämisessä ja hyvien väestösuhteiden edistämässä.",
                "Kumppanuusyhteistyötä vahvistavat tilaisuudet, kuulemiset ja verkostot.",
                "Kaikki toimialat",
                ST,
                "Osana-verkoston toteuttamaan sote-palveluja koskevaan kyselyn laadintaan "
                "(maahan muuttaneille ja ammattilaisille) ja viestintään osallistuminen.",
            ),
            (
                "3.2",
                "Helsinki osallistuu aktiivisesti työ- ja elinkeinoministeriön kotoutumisen "
                "kumppanuusohjelmaan. Toimivaa järjestöyhteistyötä edistävien työvälineiden "
                "kehittämistä jatketaan.",
                "Alueelliseen kumppanuusverkostoon on osallistuttu aktiivisesti (kyllä/ei) "
                "Järjestöyhteistyön työvälineet kehitetty (kyllä/ei)",
                "Kaupunginkanslian elinkeinosisasto",
                ST,
                "Helsinki osallistuu TEM:n Kumppanuusverkoston toimintaan. Järjestöyhteistyön "
                "työvälineiden suunnittelu ja kumppanuusverkosto työn alla.",
            ),
            (
                "4.1",
                "Vaikutetaan valtion kotoutumisen rahoitusta ja organisointia koskevissa asioissa.",
                "Helsingin intressit on huomioitu kansallisen maahanmuutto- ja "
                "kotouttamispolitiikan kehittämisessä (kyllä/ei, miten).",
                "Kaupunginkanslia",
                ON,
                _EDUNVALVONTA,
            ),
            (
                "4.2",
                "Valvotaan, että valtio ottaa huomioon väestönkehityksen vaikutukset "
                "kuntatalouteen ja palveluiden resursointiin.",
                "Helsingin intressit on huomioitu asianmukaisesti kuntien ja niiden palveluiden "
                "rahoituksessa. (kyllä/ei, miten).",
                "Kaupunginkanslia",
                ON,
                _EDUNVALVONTA,
            ),
            (
                "5.1",
                "Kaupunki osallistuu maahanmuuttoa ja kotoutumista koskevaan kansainväliseen "
                "yhteistyöhön.",
                "Helsingin jäsenyydet kansainvälisissä verkostoissa ja osallistuminen "
                "kotoutumista edistäviin hankkeisiin.",
                "Kaupunginkanslia",
                ON,
                "Jäsenyys The Nordic Migrant Expert Forumissa. Eurocities-yhteistyö.",
            ),
        ],
    ),
    (
        "Työllisyys ja työvoima",
        "Employment and workforce",
        {
            1: "Ulkomaalaistaustaiset helsinkiläiset työllistyvät nykyistä useemmin, "
            "kestävämmän omaa osaamistaan vastaaviin tehtäviin",
            2: "Työvoiman ulkopuolella olevat ulkomaalaistaisympäristöt pystyvät kehittämään ja "
            "ylläpitämään työllämielisiä sekä löytävät työllisyyspalveluiden piiriin nykyistä "
            "paremmin",
            3: "Helsingin kaupungin työntekijöistä ulkomaalaistaustaisia on kaupungin väestöä "
            "paremmin vastaava osuus",
        },
        [
            (
                "1.1",
                "Kaupungin työllisyyspalvelut ohjaavat asiakkaita nykyistä tehokkaammin "
                "työmarkkinoita lähellä oleviin palveluihin.",
                "Vieraskielisten työllisyysaste (%), vieraskielisten aktivointiaste "
                "työmarkkinoita lähellä oleviin palveluihin (%), vieraskielisten "
                "työttömyysjaksojen keskimääräinen pituus (%)",
                _ELINKEINO,
                ST,
                "Ulkomailla syntyneiden 20–64-vuotiaiden ulkomaalaistaustaisten työllisyysaste "
                "Helsingissä oli vuoden 2021 lopussa 57 %. Vieraskielisten työttömyysjaksojen "
                "keskimääräinen pituus kuntakokeilussa (2022 17,3 kk 2023 17,1 kk). "
                "Kuntakokeilun asiakaspalvelun yhdeksi tavoitteeksi on asetettu kotoutujien "
                "työelämää lähellä oleviin palveluihin ohjaaminen. Kotoutujien strategisen "
                "asiakkuuden tavoitteeksi asetettu horeca-alan kotoutujien työllistyminen alle "
                "6kk asiakkuuden alusta. Vieraskielisten työllisyysaste on kehittynyt "
                "suotuisasti suhdanteen ja osa-aikaisen työnteon yleistymisen myötä. "
                "Työllisyyspalvelujen mahdollisuuksia edistää työllisyyttä haittaa "
                "työnantajapalvelujen puute.",
            ),
            (
                "1.2",
                "Työllisyyspalvelut vahvistavat ruotsinkielistä kotoutumisen palvelupolkua.",
                "Työllisyyspalveluissa on ruotsinkieliseen kotoutumiseen varrattu "
                "henkilöresurssi (kyllä/ei)",
                _ELINKEINO,
                ON,
                "Työllisyyspalveluissa on 2022 aloittanut ruotsinkielisen kotoutumisen "
                "suunnittelija. Työnkuvaan kuuluu myös kaupunkitasoisen ruotsinkielisen "
                "koordinaatio ja kehittäminen, toimia johdon tukena ruotsinkielisten "
                "työllisyyspalveluiden kehittämisessä sekä elinkeino-osaston yhdenvertaisuus- ja "
                "kaksikielisten asioiden koordinaatio. Vuoden aikana on kartoitettu "
                "työllisyyspalveluiden ruotsinkielistä toimintaa sekä kotoutumispolkua ja "
                "kehittämistyö on alkanut.",
            ),
            (
                "1.3",
                "Suomen kielitaidon kehittäminen mahdollistetaan työkäisille nykyistä paremmin "
                "kehittämällä kaikille avointa S2-tarjontaa ja varmistamalla tarjonnan "
                "riittävyys kysyntään nähtäen",
                "Työväenopiston kurssien täyttöaste (%) Työväenopiston S2-kieliopetuksen "
                "tuntimäärä/vuosi noussut (kyllä/ei)",
                f"Kasvatuksen ja koulutuksen toimiala, Työväenopisto|{_ELINKEINO}",
                ON,
                "Vuonna 2022 S2-opetuksen toteuma 10 542 tuntia ja kurssien täyttöaste 77 %. "
                "Vuonna 2023 toteuma 17.5. mennessä 6072 tuntia (tavoite 14 130 tuntia) ja "
                "kurssien täyttöaste 88 %. Työväenopiston S2-kurssivalikoima on maksutonta "
                "kaikille työttömille vieraskielisille.",
            ),
            (
                "2.1",
                "Kaupunkiorganisaation toimijat tekevät jatkuvaa yhteistyötä hahmottaakseen "
                "työvoiman ulkopuolella olevien palvelutarpeet ja erilaiset kohderyhmät.",
                "Työvoiman ulkopuolella olevien kohderyhmän tarpeet ja palveluprosessit on "
                "määritelty esimerkiksi työpajatyöskentelyn kautta (kyllä/ei).",
                _ELINKEINO_YHDESSA,
                ST,
                f"{_HYVA_ALKU} Toiminnassa laaja verkottuminen.",
            ),
            (
                "2.3",
                "Toimialat ohjaavat asiasta tarpeen mukaan työllisyyspalveluihin ja viestivät "
                "niistä asiakkailleen.",
                "Työllisyyspalvelut on tarjonnut toimialojen maahan muuttaneiden kanssa "
                "työskenteleville henkilöille informaatiota / koulutusta palveluprosessin "
                "käynnistämisestä (kyllä/ei).",
                _ELINKEINO_YHDESSA,
                NS,
                "Ei ole käynnistetty, tehtävää ei ole delegoitu.",
            ),
            (
                "2.4",
                "Toimialojen yhteistyöprosessit määrittävät kotivanhempien tavoittamisen "
                "suhteen. Olemassa olevaa toimintaa kehitetään ja laajennetaan tarpeen mukaan.",
                "Yhteistyöprosessit määritelty (kyllä/ei).",
                _ELINKEINO_YHDESSA,
                ST,
                "Kanslia, Kasko ja Sotepe suunnittelivat ja käynnistivät 12/23 "
                "TEM-rahoitteisen Hyvä alku Helsingissä -pilotin, joka kehittää työvoiman "
                "ulkopuolisten erityisesti kotivanhempien kotoutumispalveluita. "
                "Yhteistyöprosessit määrittävät kotoutumislain (2025) valmistelun "
                "toimeenpanon yhteydessä.",
            ),
            (
                "2.5",
                "Myös ulkomaalaistaisympäristöissä nuorilla on mahdollisuus tutustua "
                "työelämään jo ennen työmarkkinoille siirtymistä Job'd-toimintamallin kautta.",
                "Ulkomaalaistaisympäristöissä nuorille kohdennettu ensimmäisiä työkokemuksia "
                "Job'd-toimintamallin kautta vähintään heidän osuutensa verran ikäluokasta "
                "(kyllä/ei).",
                _NUORISO,
                ON,
                "Job'd -toiminta on mahdollistanut työkokemuksia muita auttavissa tehtävissä "
                "sadoille nuorille yhteensä tuhansia työtunteja. Nuorista n. 70 % on ollut "
                "ulkomaalaistaisympäristöissä. Toukokuussa 2023 aloitettu uusi Job'd Seniori "
                "-pilotti Kivelän seniorikeskuksen kanssa uusien nuoria ja seniorikeskuksen "
                "asukkaita hyödyttävien työtehtävien pilotoimiseksi. Pilotissa keskeisessä "
                "roolissa on myös kulttuurien sekä sukupolvien kohtaaminen ja sitä kautta "
                "kotoutumisen edistäminen.",
            ),
            (
                "3.1",
                "Vahvistetaan kaupungin esihenkilöiden osaamista kansainvälisen henkilöstön "
                "palvelukseen ottamisessa, ulkomailta hankitun osaamisen tunnistamisessa sekä "
                "monimuotoisen työyhteisön johtamisessa.",
                "Esihenkilöiden osaamista on vahvistettu mm. koulutuskokonaisuuksilla ja "
                "Helmi-materiaaleilla (kyllä/ei).",
                _HENKILOSTO,
                ON,
                "Intraan on laadittu sivu maahanmuuttaneen palvelukseenottamisesta. Kevään 2023 "
                "aikana on tehty selvitys kielitaitovaatimusten keventämisestä "
                "ammattialakohtaisesti, työstetty englanninkieliset perehdytysmateriaalit. "
                "Lisäksi on käynnistetty esihenkilöiden ja työyhteisöjen vastaanottovalmiuksien "
                "ja kielitietoisuuden valmennusohjelman suunnittelu. Sotepen hoitohenkilöstön "
                "rekrytointi ulkomailta on käynnistetty, Kaskossa ulkomailta rekrytoinnin "
                "pilotin valmistelu käynnistetty. Kaupunki vahvistaa monin eri tavoin "
                "valmiuttaan toimia vieraskielisten työnantajana.",
            ),
            (
                "3.2",
                "Anonyymiä rekrytointia laajennetaan.",
                "Anonyymisti toteutettujen rekrytointiprosessien osuus kaikista "
                "rekrytointiprosesseista (%)",
                _HENKILOSTO,
                ST,
                "Vuoden 2022 aikana avoinna oli 11091 ilmoitusta, joissa kaikkiaan haussa "
                "yhteensä 17661 työpaikkaa. Hauista 244, eli noin 2 % tehtiin anonyymisti.",
            ),
            (
                "3.3",
                "Suomen/ruotsin kielen oppimista tuetaan työpäikällä kaupunkiyhteisen "
                "toimintamallin avulla.",
                "Toimintamalli on luotu ja otettu käyttöön (kyllä/ei); suoritettujen "
                "kieliopintojen määrä (osallistujamäärä/kurssit/h)",
                f"{_HENKILOSTO} yhdessä toimialojen HR-toimintojen kanssa",
                ST,
                "Kaupunkiyhteinen kielikoulutusmalli vieraskielisten suomen/ruotsin oppimisen "
                "tukemiseksi rakennetaan vuosina 2023–2024. Kevään 2023 aikana kielenoppimisen "
                "jatkumon rakentaminen ulkomailta rekrytoituille ja Suomessa jo oleville "
                "vieraskielisille (malli + tarjonta) on käynnistynyt.",
            ),
            (
                "3.4",
                "Rekrytointiohjeistuksissa/materiaaleissa/koulutuksissa tuodaan esille, että "
                "kielitaitovaatimusten tarkoituksenmukaisuutta on syytä pohtia joka rekrytoinnin "
                "osalta erikseen.",
                "Kielitaitovaatimuksen tarkoituksenmukaisuus tuodaan esille (kyllä/ei), "
                "Vieraskielisten osuus kaupungin henkilöstöstä (%)",
                _HENKILOSTO,
                ON,
                "Rekrytointiohjeissa todetaan, että tehtäväkuvan tarkastelun yhteydessä myös "
                "tehtävässä tarvittava kielitaito ja sen taso tulee määritellä ja huolehtia "
                "siitä, että kielitaitovaatimuksella ilmoituksesta ei tule syrjivä. Rekrytoivia "
                "esihenkilöitä ohjeistetaan pohtimaan, mikä on riittävä kielitaidon taso, jolla "
                "tehtävässä onnistuu, ja kuinka tärkeä esimerkiksi hyvä suomen kielen taito "
                "lopulta on tehtävän suorittamisen kannalta. Vieraskielisten osuus kaupungin "
                "henkilöstöstä vuoden 2022 lopussa oli 9,7 %.",
            ),
        ],
    ),
    (
        "Lapset, nuoret ja perheet",
        "Children, young people and families",
        {
            1: "Kaikki oppimisyhteisön jäsenet kuuluvat oppimisyhteisöön ja heillä on "
            "mahdollisuus osallistua osallisuuteen",
            2: "Kielitietoinen pedagogiikka ja monikielisyyden hyödyntäminen parantavat "
            "oppimistuloksia ja oppimisen edellytyksiä.",
            3: "Jokaisella lapsella ja nuorella on tunne kuulumisesta yhteisöön ja mahdollisuus "
            "osallisuuteen. Hänellä on mielekästä tekemistä. Hänen perheensä voi hyvin ja saa "
            "tukea vanhemmuuteensa ja hyvinvointiinsa.",
        },
        [
            (
                "1.1",
                "Antirasistinen työote otetaan käyttöön ja sitä vahvistetaan edelleen "
                "säännöllisillä koulutuksilla varhaiskasvatuksessa, perusopetuksessa sekä "
                "toisella asteella.",
                "Koulutusten määrä ja laadullinen palaute",
                _KASKO,
                ON,
                "Ajalla 1.5.2022 - 31.5.2023: Koulutusten määrä: 13 kpl Osallistujamäärä: 910 "
                "Laadullista palautetta ei ole saatavilla. Tätä kerätään jatkossa.",
            ),
            (
                "1.2",
                "Varmistetaan, että Suomeen muuttaneet vanhemmat pääsevät osaksi "
                "varhaiskasvatuksen ja koulujen yhteisöjä ja tuntevat yhteenkuuluvuutta. "
                "Vahvistetaan kodin ja koulun yhteistyötä alueellisesti esimerkiksi "
                "dialogikeskusteluilla, järjestöfoorumilla ja koulutuksilla. Yhteistyötä "
                "tehdään kolmannen sektorin ja muiden toimialojen kanssa.",
                "Dialogitapaamisten laadullinen palaute Järjestöfoorumien määrä ja palaute "
                "Kokemukset kodin ja koulun yhteistyöstä huoltajilta",
                f"{_KASKO} yhteistyössä kulttuuri- ja vapaaajan toimialan kanssa",
                ST,
                "Alueellisesti on otettu yhdeksi kehittämiskohteeksi maahanmuuttajataustaisten "
                "perheiden osallisuuden vahvistaminen ja koulu on esim. sisällyttänyt perheiden "
                "kanssa tehtävän yhteistyön koulun rakenteisiin. Äitien kanssa käyty "
                "keskusteluita alueen turvallisuuteen ja kehittämiseen liittyen.",
            ),
            (
                "1.3",
                "Pilotoidaan Vanhemmat mukaan -mallia kolmessa peruskoulussa. Huoltajat "
                "opiskelevat alkuopetuksen luokissa, saavat lisäksi yhteiskunta- ja uraohjausta "
                "sekä välineitä tukena lapsen koulunkäyntiä. Tehdään arvio pilotin jatkosta "
                "osaksi kotona lapsia hoitavien vanhempien kielikoulutusta.",
                "Vanhempien ja koulun henkilöstön itsearvio Vanhempien kielitaidon arvio osana "
                "jatko-ohjausta. 90 % syksyllä opiskelleista vanhemmista jatkaa hankkeen "
                "kevätlukukauden ryhmään tai muihin opintoihin.",
                f"{_KASKO} yhteistyössä kaupunginkanslian kanssa",
                ON,
                "Opettajat ja vanhemmat arvioivat toimintansa hyväksi. 90 % syksyllä "
                "opiskelleista on siirtynyt jatkoon koulutukseen tai työelämään keväällä "
                "kielitaitotasonsa mukaisesti.",
            ),
            (
                "1.4",
                "Monikielinen ohjaaja -mallille luodaan rakenne varhaiskasvatuksessa, "
                "perusopetuksessa, toisella asteella ja ruotsinkielisessä "
                "palvelukokonaisuudessa. Vahvistetaan tällä erityisesti monikielisten oppijoiden "
                "oppimisen edellytyksiä.",
                "Mallin rakenne luotu ja siirto toimialan pysyviin rakenteisiin tehty (kyllä/ei).",
                _KASKO,
                ON,
                "Pysyvä rakenne on luotu toimialalle varhaiskasvatukseen, perusopetukseen, "
                "toiselle asteelle ja ruotsinkieliseen palvelukokonaisuuteen.",
            ),
            (
                "1.5",
                "Lisätään toimialan monimuotoisuusosaamista kieli- ja kulttuuritaustaisten "
                "henkilöiden rekrytoinnissa osana pysyvän henkilöstön tehtäviä.",
                "Vastuu määritelty HR-tehtävien osaksi (kyllä/ei) ja vieraskielisten määrä "
                "toimialan henkilöstössä lähenee vastaamaan väestöosuutta.",
                _KASKO,
                ST,
                "Luotu ensimmäinen versio mallista vieraskielisten, Suomessa jo asuvien "
                "pedagogien rekrytoinnille varhaiskasvatuksen (erityisavustaja, "
                "varhaiskasvatuksen lastenhoitaja) ja perusopetuksen (koulunkäynnin ohjaaja) "
                "työtehtäviin. Mallissa yhdistyvät kielikoulutus, kasvatus- ja koulutusalan "
                "orientaatiojakso ja työkokeilu, joiden tarkoituksena on valmistaa henkilöä "
                "työsuhteeseen kaskolle. Ensimmäinen pilotti aloitettu 5/2023, seuraava "
                "suunnitteilla 9/2023.",
            ),
            (
                "2.1",
                "Juurrutetaan kielitietoista ja lisätään monikielisyyttä hyödyntävää "
                "pedagogiikkaa varhaiskasvatuksessa, perusopetuksessa, luokkoulutuksessa ja "
                "ammatillisessa koulutuksessa. Kieli-Peda-työvälineen systemaattisella käytöllä "
                "edistetään lasten kielitaidon kehittymistä. Vahvistetaan samanaikaisopetuksen "
                "mallia perusopetuksessa. Perustetaan Stadin ammatti- ja aikuisopistoon "
                "kielitietoisien opetuksen verkosto, joka vastaa kielitietoisien opetuksen "
                "kasvavaan kehittämistarpeeseen. Stadin ammatti- ja aikuisopisto kehittää koko "
                "henkilöstön kielitietoista osaamista ja edistää kielellisesti vastuullista "
                "pedagogiikkaa.",
                "Helsingin vieraskielisten ja suomenkielisten oppijoiden oppimistulosten erot "
                "kapenevat kansallisissa mittauksissa. Stadin ammatti- ja aikuisopiston "
                "verkoston laadullinen palaute ja henkilöstön osaamisen kehittyminen.",
                _KASKO,
                ON,
                "1) Kielipeda-työväline:KieliPeda-väline on vakiintunut osaksi Helsingin "
                "varhaiskasvatusta kielitietoisuutta ja kielitaidon kehittymistä tukevana "
                "välineenä suuressa osassa päiväkotia. Varmistetaan, että "
                "varhaiskasvatusyksiköissä on valmiudet ottaa KieliPeda-käyttöön. 2) "
                "Kehittämistoimia jatketaan. Kehittämistyössä kokeillaan uusia muotoja, malleja "
                "ja ratkaisuja oman äidinkielen tuen toteutuksesta sekä opetuskielen tukemiseen "
                "kohdentuvasta samanaikaisopetuksesta 3) Stadin AO: Kielitietoisien opetuksen "
                "verkosto on perustettu ja kokoontunut keväällä 2023. Kielitietoista ja "
                "monikielisyttä hyödyntävän pedagogiikan tueksi tullaan jatkossa järjestämään "
                "myös kouluksia. Lisätään myös henkilöstön perehdytykseen kielitietoisesti "
                "vastuullisen pedagogiikan teemoja",
            ),
            (
                "3.1",
                "Vahvistetaan nuorten turvallisen, mielekkään ja saavutettavan harrastamisen "
                "tapoja niin osana perustyötä kuin mm. Harrastamisen Suomen mallin ja "
                "Harrastushallin toiminnoissa ja vahvistetaan ulkomaalaistaustaisten nuorten "
                "osallistumista.",
                "Kootaan ja kuvataan ne toimintatavat, joilla huomioidaan ulkomaalaistaustaisten "
                "nuorten turvallisen ja mielekkään harrastamisen vahvistaminen.",
                _NUORISO,
                ON,
                "Nuorisopalveluissa toteutetaan kaikessa toiminnassa nuorten turvallista "
                "vapaa-ajan viettoa tukevaa turvallisemman tilan periaatteiden tekemistä sekä "
                "työyhteisöissä että nuorten kanssa. Prosessi on käynnissä tai jo valmistunut "
                "kaikissa nuorisotyöyksiköissä. Harrastamisen Suomen mallin harrastustoiminnassa "
                "kehitetään ja toteutetaan matalakynnyksistä osallistumista mm. "
                "Ilmoittautumisessa, palveluohjauksessa sekä harrastuksiin tutustumisessa. "
                "Lisäksi englanninkielistä harrastustoimintaa on tarjolla kaikissa "
                "kaksikielisisä ja englanninkielisissä kouluissa. Syksyllä 2023 jatketaan em. "
                "ja muiden mallien kokoamista ja tarkempaa kuvaamista.",
            ),
            (
                "3.2",
                "Nuorisopalveluiden henkilökunnan osaamista vahvistetaan syrjinnän "
                "tunnistamisen ja sen kanssa työskentelyyn: koko henkilökunta osallistuu "
                "antirasistisen työn koulutusprosessiin vuoden 2022 aikana.",
                "Kaikki nuorisopalveluiden työyhteisöt (nuorisotyöyksiköt sekä yhtenä ryhmänä "
                "suunnittelijat ja Verke) ovat osallistuneet antirasistista työtöitä "
                "vahvistavaan koulutusprosessiin vuonna 2022.",
                _NUORISO,
                ON,
                "Nuorisopalveluissa toteutettiin vuoden 2022 aikana osana "
                "Rauhankasvatusinstituutin kanssa, osana Myötätuulta koulutukseen – "
                "antirasistisia tekoja nuorisotyöhön -hanketta, koko henkilökunnalle vuoden "
                "kestävä antirasistisen nuorisotyön koulutusprosessi. Prosessi sisälsi "
                "jokaiselle nuorisotyöyksikölle sekä hallinnolle toteutetut vaiheet: "
                "ennakotehtävä, oma työpaja, kehittämistehtävä sekä kolmen nuorisotyöyksikön "
                "yhteiset prosessin päätöstyöpajat. Työn kehittäminen jatkuu osaamisen "
                "vahvistamisen pohjalta työyhteisöissä sovittavalla tavalla. Tukena työssä on "
                "Rauhankasvatusinstituutin hankevuonna toteuttama antirasistinen työkirja sekä "
                "vuoden 2023 alussa valmistunut oleva antirasistisen nuorisotyön opas, tulossa "
                "myös ruotsinkielisenä ks. https://rauhankasvatus.fi/antirasismi-nuorisotyossa/. "
                "Prosessia on arvioitu palautteiden pohjalta keväällä 2023 nuorisopalveluiden "
                "johtoryhmässä ja sovittu jatkotyöstä antirasistisen osaamisen kehittämisessä "
                "RKI:n kanssa niin perusosaamisen, syventävän osaamisen kuin johtamisosaamisen "
                "vahvistamisessa.",
            ),
            (
                "3.3",
                "Toteutetaan edelleen Kiusaamisen vastaista ohjelmaa kouluissa (KVO13). "
                "Vahvistetaan lasten ja nuorten tunne- ja vuorovaikutustaitoja sekä tuetaan "
                "ryhmäytymistä.",
                "Kouluterveyskysely",
                _KASKO,
                ON,
                "KVO13 ohjelmaa toteutetaan edelleen. Esim. perusopetuksessa kehitetty uusi "
                "sähköinen anonyymi palautekanava kiusaamisilmoituksille, jatkuvaan "
                "ryhmäytymiseen on panostettu. Tunne- ja vuorovaikutustaitojen systemaattinen "
                "opetus on perusopetuksen sitovana tavoitteena vuosina 2023–2024 ja siihen "
                "liittyen koulutettu laajasti henkilökuntaa.",
            ),
            (
                "3.4",
                "Pidetään huolta taloudellisiin ja muihin vaikeuksiin joutuneista perheistä "
                "vahvistamalla palvelujen yhteen toimivuutta ja moniammatillisuutta. "
                "Kiinnitetään erityistä huomiota palvelujen välisiin siirtymävaiheisiin.",
                "Palveluketjujen kehittämisessä huomioitu ulkomaalaistaustaisten erityiset "
                "tarpeet (kyllä/ei).",
                _SOTEPE,
                NS,
                "Palveluketjujen kehittämisessä ollut kyse geneerisestä kehittämisestä eikä "
                "niissä ole systemaattisesti toteutettu ulkomaalaistaustaisten erityisten "
                "tarpeiden huomioimista. Alkaneessa RRP-hankkeessa useampia toimenpiteitä, "
                "joissa erityiset tarpeet huomioidaan esim. HYTE palvelukonsepti (INV 2)",
            ),
            (
                "3.5",
                "Pilotoidaan Vanhempana Suomessa -ryhmätöitä Suomessa -ryhmätöitä. Tutkitaan "
                "psykoedukaatiivisen ryhmätöiden hyötyjä ja mallin toimivuutta vanhemmuuden "
                "varhaisessa tukemisessa.",
                "Vanhempana Suomessa ryhmätöiden hyödyt arvioitu (kyllä/ei)",
                _SOTEPE,
                NR,
                "Pilotoitu, hyviä kokemuksia, mutta ryhmämuotoisena jatkuminen toteutuu "
                "ajateltua suppeammin. Integroidaan tietosisällöt osaksi ammattilaisten "
                "vastaanottotyötä.",
            ),
        ],
    ),
    (
        "Asuinalueet ja yhteisöllisyys",
        "Neighbourhoods and community",
        {
            1: "Kaikilla helsinkiläisillä on taustastaan riippumatta yhdenvertaiset "
            "osallistumisen ja vaikuttamisen mahdollisuudet.",
            2: "Helsingissä on hyvät ja toimivat väestösuhteet, ryhmien välillä on "
            "vuorovaikutusta ja osallisuuden kokemus on laajasti jaettu.",
            3: "Palvelut ovat hyvin saavutettavissa kaikilla kaupungin alueilla.",
        },
        [
            (
                "1.1",
                "Toimialat raportoivat Helsingin osallisuus- ja vuorovaikutusmallin "
                "toteutumisesta säännöllisesti apulaispormestarille sekä toimialalautakunnalle. "
                "Raportointiin lisätään vieraskielisten osallisuuden edistämisen toimenpiteet. "
                "Kanslia ja toimialat laativat yhtenäisen raportointipohjan.",
                "Toimialat raportoivat vuosittain lautakunnille osallisuussuunnitelman "
                "yhteydessä vieraskielisten osallisuuden edistämisen toimenpiteet Yhteinen "
                "raportointipohja on laadittu ja otettu käyttöön",
                "Kaupunginkanslia|Kaikki toimialat",
                ST,
                "Raporttipohjan laadinta käynnistynyt kesäkuussa 2023 osana kaupunkiyhteisestä "
                "osallisuussuunnitelmien päivittämistä ja toimenpiteiden kokonaisuutta. Pohjaa "
                "pilotoidaan ensimmäisen kerran osallisuussuunnitelmien raportoinnin yhteydessä "
                "toimialakohtaisen aikataulun mukaan.",
            ),
            (
                "1.2",
                "Helsingin osallisuus- ja vuorovaikutusmallin mukaisesti kaupunki viestii "
                "alueilla monikielisesti ja monikanavaisesti kaupunkilaisten osallistumisen ja "
                "vaikuttamisen mahdollisuuksista.",
                "Toimenpiteiden määrä ja sisällöt: monikielinen materiaali, eri kielet ja "
                "sisältökokoonsuudet Uudet yhteistyökumppanuudet ja yhteistyömuotojen määrä",
                "Kaupunginkanslia, viestintäosasto, asukasosallisuus|Kaikki toimialat",
                ON,
                "”Miten voin osallistua ja vaikuttaa kaupungissamme”-monikielinen "
                "esitekokonaisuus on toteutettu kuudella kielellä (suomi, ruotsi, englanti, "
                "arabia, venäjä ja somali) sekä selkosuomeksi. Esitteiden sisältökokoonsuusia "
                "on neljä (Osallistu ja vaikuta, Kerro mielipiteesi, Varaamo sekä Tapahtumien "
                "järjestäminen). Esitteet ovat saatavilla kaupungin eri toimipisteissä sekä "
                "niitä on jaettu järjestöille sekä ne tulevat hel.fi-sivustolle sähköisesti "
                "saataville. Toteutettu kaupunkilaiskeskustelutilaisuuksia yhteensä 15 eri "
                "puolilla kaupunkia laajasti yhteistyökumppaneiden kanssa Suomeen muuttaneiden "
                "saavuttamiseksi ja osallisuustiedon vahvistamiseksi.",
            ),
            (
                "1.3",
                "Kehitetään uusia keinoja ja kanavia, niin että ulkomaalaistaustaisten "
                "helsinkiläisten mahdollisuudet osallistua paikalliseen päätöksentekoon ja "
                "kansalaiskeskusteluun paranevat.",
                "Osana kirjastopalveluiden Demokratiakahvila-hanketta toteutuneet "
                "asukastilaisuudet ja niiden osallistujamäärät. Selvitys hankkeen puitteissa "
                "tehdyistä havainnoista ja suosituksista (tehty/ei tehty).",
                "Kulttuurin ja vapaaajan toimiala, kirjastopalvelut",
                ON,
                "Aluehallintoviraston rahoitus 3/2023–2/2024. Ensisijaisesti Itäkeskuksen "
                "kirjastossa, osin yhteistyössä Stoa:n muiden toimijoiden kanssa. Myös "
                "Myllypuro-Kontulan kaksoiskirjasto mukana. Kohderyhminä ensisijaisesti "
                "somalin-, arabian-, kurdin-, venäjän- ja vironkieliset alueen asukkaat. "
                "Tavoitteet: a) Kohderyhmien aktiivisen kansalaisuuden tukeminen, osallisuus "
                "omaa aluetta koskevassa päätöksenteossa. b) Kohderyhmien kuulumisuuden ja "
                "luottamuksen kokemuksen vahvistaminen kirjastopalveluiden piirissä, mm. "
                "tapahtumilla, jotka huomioivat heidän kulttuuritaustansa ja toiveensa. "
                "Kumpaankin tavoitetta on edistetty ja tullaan edistämään eri toimenpitein. "
                "Tulossa mm. yhteistyö OmaStadin kanssa. Demokratiakahvila-hanke etsii keinoja, "
                "joilla kirjasto voisi olla luontevasti mukana ja tukea alueen "
                "kielivähemmistöjä antamaan toiveensa OmaStadissa.",
            ),
            (
                "2.1",
                "Vahvistetaan henkilökunnan osaamista hyvien väestösuhteiden edistämisestä.",
                "Koulutuksia järjestetty hyvistä väestösuhteista, polarisaatiostrategisesta "
                "mallista ja antirasismista. Koulutuksiin osallistuneiden määrä ja laadullinen "
                "palaute toimialoitain",
                f"Kulttuurin ja vapaaajan toimiala|{_KASKO}",
                ON,
                "Moniääninen Helsinki -hanke 2022–2023: yli 300 henkilöä koulutettu "
                "polarisaatiostrategiseen malliin, 17 koulutuskertaa, 5 työnohjausta. "
                "Nuorisopalvelut: Ks. Kohdan Lapset, nuoret ja perheet toimenpide 3.2. "
                "nuorisopalveluiden antirasistisesta koulutusprosessista. Kuvan toimiala: "
                "Antirasismia ja syrjintää käsitelty inspiraatioiltapäivässä kuvan "
                "henkilöstölle. Syksyllä aihe esillä henkilöstölle suunnatussa "
                "oppimiskahvilassa ja esihenkilöiden infossa.",
            ),
            (
                "2.2",
                "Vahvistetaan palveluita kaupunkiudistusalueilla ja muualla kaupungissa "
                "dialogissa asukkaiden kanssa.",
                "Toteutettujen asukastilaisuuksien määrä. Käytettyjen dialogisten menetelmien "
                "määrä ja niiden kuvaukset. Asukkaiden toiveita on välitetty palvelujen "
                "johdoille. Kulttuurin kummilapset uudelleen muotoilu on tehty.",
                f"Kulttuurin ja vapaaajan toimiala|{_KASKO}",
                ON,
                "Moniääninen Helsinki -hanke 2022-2023: Dialogisia vanhempainryhmiä "
                "Kannelmäessä, Kontulassa ja Meri-Rastilassa + muita asukkaiden kohtaamisia. "
                "Hankkeen asukaskohderyhmää kohdattu yhteensä n. 1700. Hankkeen järjestämiä / "
                "yhteistyössä muiden kanssa järjestämiä tilaisuuksia, joissa kohderyhmää "
                "yhteensä n. 1000, näistä puolet lapsia. WorkPilots nuorten työkeikkoihin "
                "työllistetty kohderyhmän nuoria n. 145 keikkatuntia. Asukkaiden toiveita "
                "välitetty johdolle eri toimialoilla (Kasko, Kuva, Sotepe). Kulttuurin "
                "kummilapset uudelleenmuotoilua jatkettu. Kohderyhmän kanssa työskentelevien "
                "järjestöjen kanssa ollut kohtaamisia ja keskusteluja (noin 10 eri järjestöä).\n"
                "Kulttuurinen moninaisuus ja kirjastot läntisellä palvelualueella -hanke: "
                "Tavoitettu yli 20 järjestöä ja toimijaa, jotka edustavat eri kieli-, "
                "kulttuuri- ja etnisiä vähemmistöjä. Keskusteltu kirjastojen saavutettavuudesta "
                "ja kehittämiskohteista moninaisuuden näkökulmasta. Kohdattujen tahojen "
                "kulttuurien juhlien esilletuominen. Luotu työkaluja, kuten "
                "moninaisuuskalenteri ja tuotu näkyväksi antirasismia.",
            ),
            (
                "3.1",
                "Vakiinnutetaan monialainen alueellinen neuvonta sekä sen edellyttämä yhteistyö "
                "eri toimialojen yhteistyönä sekä paikallisten toimijoiden ja "
                "kumppanujärjestöjen kanssa.\nJalkautetaan Avoin ovi palveluihin -hankkeessa "
                "rakennettu Helsinki neuvoo -toimintamalli kaikille toimialoille ja kaikkiin "
                "kaupungin matalan kynnyksen ohjaus- ja neuvontapalveluihin.",
                "Monialainen alueellinen neuvonta on vakiinnutettu (kyllä/ei) Neuvonnan "
                "määrällinen ja laadullinen seuranta",
                "Kaupunginkanslian viestintäosasto yhteistyössä toimialojen kanssa",
                ON,
                "Helsinki neuvoo -toimintamallista järjestetty palveluille räätälöityjä "
                "perehdytyksiä ja siitä on tehty itseopiskelumateriaali Oppivaan. Perehdytyksen "
                "tukena käytetään myös Avoin ovi palveluihin -hankkeen koordinoimaa "
                "maahanmuuttaneiden neuvonta- ja ohjaustyön MAUNO-koulutusta.\nUusi hankekausi "
                "on alkanut 1.9.2023 ja sen aikana jatketaan toimintamallin juurrutusta eri "
                "neuvontapalveluihin.",
            ),
            (
                "3.2",
                "Kartoitetaan alueellisten kulttuurikeskusten toiminta-alueiden (Itäkeskus, "
                "Kannelmäki, Malmi, Vuosaari) asukkaiden palvelutarpeita huomioiden erityisesti "
                "väestö, joka ei vielä osallistu toimintaan ja käytä palveluja. Osallistetaan "
                "asukkaita kulttuurikeskusten ohjelmistosuunnitteluun.",
                "Kartoitus tehty (kyllä/ei) Osallistamalla toteutettujen ohjelmistojen määrä",
                "Kulttuurin ja vapaaajan toimialan kulttuurikeskukset -palvelu",
                ST,
                "Kartoitus tehty: Kulttuurikeskusten sidosryhmäselvitys (Pentagon Design 2023) "
                "aliedustettujen käyttäjäryhmien osallistumisen haasteista. Selvityksen "
                "pohjalta uusien yleisöjen tavoittamiseen on otettu askeleita, sidosryhmien "
                "kanssa tunnistettuja ratkaisuja.\n-> MLL:n maahanmuuttajien vanhempainryhmä "
                "Vuotalon tuotantokumppanina asiantuntijaroolissa. Myös muissa taloissa pilotit "
                "tämän vuoden aikana ei-käyttäjien kanssa. -> Kartoitus osa kulttuurikeskusten "
                "uudistamista eli visio-työtä.",
            ),
            (
                "3.3",
                "Kehitetään liikuntapalveluiden henkilöstön osamista moninaisuuden "
                "kohtaamisessa. Yhteistyössä sote-toimialan kanssa kehitetään liikkumisen "
                "puheeksiottoa ja palveluohjausta sekä matalan kynnyksen liikunnan sisältöjä "
                "niin, että ne tavoittavat nykyistä paremmin vieraskielisiä asukkaita.",
                "Liikuntapalveluiden henkilöstöä on koulutettu moninaisten helsinkiläisten "
                "kohtaamisessa (tilaisuuksien määrä/osallistujamäärä).",
                f"Kulttuurin ja vapaaajan toimialan liikuntapalvelut|{_SOTEPE}",
                ST,
                "Koulutukset. Laajempia moninaisuuskoulutuksia liikuntapalveluissa 2022 "
                "liikunnanohjaajille ja suunnittelijoille. Liikunnanohjaajille suunniteltu "
                "Helsinki neuvoo- toimintamallin koulutusta. Liikuntapaikkojen työntekijöille "
                "suunniteltu koulutuksia moninaisuuden kohtaamisesta turvallisemman tilan "
                "periaatteiden yhteyteen.\nLiikkumisen puheeksiotto Sotepe-toimialan kanssa. "
                "Sote-palveluissa pilotoidaan liikkumisen edistämisen mini-interviomallia ja "
                "LiiKu-tukimallia: LiiKu-tuki kannustaa tutustumaan ja osallistumaan kulttuuri- "
                "ja liikuntapalveluihin Helsingin kaupunki. Ulkomaalaistaustaisille suunnattua "
                "liikuntaneuvontaa pilotoitu yhteistyössä sote-palveluiden kanssa. Liikkumisen "
                "puheeksiottoa pyritään tehostamaan THL:n koordinoiman Kestävän Kasvun "
                "hankkeen toimenpiteillä.\nPalveluohjauksen kehittäminen käynnissä linkittyen "
                "em. toimenpiteisiin. Lisäksi esim. fysioterapian kanssa tiivistetty "
                "yhteistyötä ulkomaalaistaustaisten liikkumisen palveluohjauksen kehittämiseksi. "
                "Liikuntaluuriin on suunniteltu otettavaksi käyttöön Helsinki "
                "neuvoo-toimintamallin osia.\nLiikunnan matalan kynnyksen sisältöjen "
                "kehittäminen suunnitteluvaiheessa Kestävän kasvun hankkeen yhteydessä. "
                "Liikunnan verkkosivu-uudistuksen yhteydessä kieli-versioita.",
            ),
            (
                "3.4",
                "Kehitetään asiakkaiden mukaan ottamista palvelujen kehittämiseen.",
                "Kokemusasiantuntijatoimintaa kokeiltu (kyllä/ei) Ulkomaalaistaustaisia "
                "asiakkaita osallistuu yhteiskehittäjäryhmiin (kyllä/ei)",
                _SOTEPE,
                ST,
                "Kokemusasiantuntijatoimintaa kokeiltu osana muutoslaboratorio-työskentelyä, "
                "kokemusasiantuntija osallistuu Sujuvat palvelut-valmennukseen sekä "
                "ikääntyneiden palvelukeskustoiminnan toimintoihin.",
            ),
            (
                "3.5",
                "Vahvistetaan asiakkaiden toimijuutta kokeilemalla ammatillisen tukihenkilön "
                "käyttöä heidän tukena.",
                "Kokeilun tulokset on arvioitu (kyllä/ei)",
                _SOTEPE,
                ON,
                "Tukihenkilötyön mallinnus tehty, pilotoitu ja pilotti arvioitu. Tällä hetkellä "
                "kokeilua laajennettu eri palveluihin.",
            ),
            (
                "3.6",
                "Madalletaan kynnystä palveluihin hakeutumiseksi hyödyntämällä alueellisia "
                "palveluita ja tiloja. Tarjotaan myös muita vaihtoehtoisia viestintä-, "
                "yhteydenotto- ja asiointitapoja.",
                "Palveluita on jalkautettu alueellisiin palveluihin/tiloihin (kyllä/ei)",
                _SOTEPE,
                ST,
                "Projektisuunnitelma laadittu ja sen toteuttaminen etenee.",
            ),
            (
                "3.7",
                "Vahvistetaan asukkaiden palvelutuntemusta, lisäämällä monikielistä viestintää "
                "ja vuorovaikutusta sekä parantamalla monikielisen materiaalin hyödyntämistä. "
                "Huomioidaan vieraskieliset myös digikehittämisessä.",
                "Monikielistä materiaalia on lisätty viestinnän ja vuorovaikutuksen kanaviin "
                "(kyllä/ei)",
                _SOTEPE,
                ON,
                "Monikielistä materiaalia lisätty.",
            ),
            (
                "3.8",
                "Lisätään ikääntyneille ulkomaalaistaustaisille henkilöille soveltuvia "
                "ennaltaehkäiseviä palveluja ja tietoisuutta palveluista.",
                "Palveluita on lisätty (kyllä/ei)",
                _SOTEPE,
                NS,
                "Kokemusasiantuntijatoiminnan pilotointia varten yhteistyö Stadin AO:n kanssa. "
                "Muutoslaboratorio työskentelyssä toteutettu esiselvitystä tarpeen mukaisista "
                "toimenpiteistä.",
            ),
        ],
    ),
]

_INVENTED = "(Keksitty demoteksti.) "

#: The invented second round 2023-11: (theme, measure_id) -> (status, done).
#: Every other measure keeps its 2023-05 status and text.
ROUND2 = {
    ("Läpileikkaavat teemat", "1.1"): (
        ON,
        _INVENTED + "Monikielisen viestinnän kehittämishankkeen toimenpidesuunnitelma "
        "valmistui syksyllä, ja toimialojen viestijöille on järjestetty yhteinen työpaja.",
    ),
    ("Läpileikkaavat teemat", "2.2"): (
        ON,
        _INVENTED + "Indikaattoreista on sovittu kaupungin sisällä ja ensimmäinen päivitys on "
        "julkaistu.",
    ),
    ("Läpileikkaavat teemat", "5.1"): (
        ST,
        _INVENTED + "Eurocities-työryhmän toiminta on tauolla; jäsenyys jatkuu.",
    ),
    ("Työllisyys ja työvoima", "2.1"): (
        ON,
        _INVENTED + "Hyvä alku Helsingissä -pilotti on käynnissä ja kohderyhmien tarpeet on "
        "määritelty työpajoissa.",
    ),
    ("Työllisyys ja työvoima", "2.3"): (
        ST,
        _INVENTED + "Tehtävä on delegoitu; ensimmäinen infotilaisuus toimialoille pidettiin "
        "marraskuussa.",
    ),
    ("Työllisyys ja työvoima", "3.3"): (
        NR,
        _INVENTED + "Kaupunkiyhteisen kielikoulutusmallin rahoitus ei toteutunut vuodelle "
        "2024; toimialat jatkavat omia kielikoulutuksiaan.",
    ),
    ("Lapset, nuoret ja perheet", "1.5"): (
        ON,
        _INVENTED + "Ensimmäinen pilotti päättyi ja toinen pilotti alkoi 9/2023 suunnitellusti.",
    ),
    ("Lapset, nuoret ja perheet", "3.3"): (MISSING, ""),
    ("Asuinalueet ja yhteisöllisyys", "1.1"): (
        ON,
        _INVENTED + "Raportointipohja on otettu käyttöön kolmella toimialalla.",
    ),
    ("Asuinalueet ja yhteisöllisyys", "3.2"): (
        ON,
        _INVENTED + "Osallistamalla on toteutettu neljä ohjelmistokokonaisuutta.",
    ),
    ("Asuinalueet ja yhteisöllisyys", "3.5"): (MISSING, ""),
    ("Asuinalueet ja yhteisöllisyys", "3.8"): (
        ST,
        _INVENTED + "Kokemusasiantuntijatoiminnan pilotti on alkanut yhteistyössä Stadin AO:n "
        "kanssa.",
    ),
}

MEASURE_COLUMNS = (
    "period",
    "theme",
    "theme_en",
    "goal",
    "measure_id",
    "measure",
    "indicator",
    "responsible",
    "status",
    "done",
)


def _measure_rows() -> list[list[str]]:
    unknown = set(ROUND2) - {(t, m[0]) for t, _, _, ms in THEMES for m in ms}
    if unknown:
        raise ValueError(f"ROUND2 names unknown measures {sorted(unknown)}")
    rows = []
    for period in ROUNDS:
        for theme, theme_en, goals, measures in THEMES:
            for mid, measure, indicator, responsible, status, done in measures:
                if period != ROUNDS[0] and (theme, mid) in ROUND2:
                    status, done = ROUND2[(theme, mid)]
                goal_no = int(mid.split(".")[0])
                goal = f"{goal_no}. {goals[goal_no]}"
                rows.append(
                    [
                        period,
                        theme,
                        theme_en,
                        goal,
                        mid,
                        measure,
                        indicator,
                        responsible,
                        status,
                        done,
                    ]
                )
    return rows


# ----------------------------------------------------------------------------- indicators

GOALS = {
    1: (
        "Kalliola tunnetaan eriarvoisuuden ratkaisijana",
        "Kalliola is known for solving inequality",
    ),
    2: (
        "Kalliola kokoaa yhteisön, yhdessä opimme toisiltamme",
        "Kalliola brings the community together; we learn from each other",
    ),
    3: (
        "Kalliola toimii vaikuttavasti ja innovatiivisesti",
        "Kalliola works effectively and innovatively",
    ),
    4: ("Kalliola on hyvän tekemisen työpaikka", "Kalliola is a workplace for doing good"),
}

#: id, goal, name_fi, name_en, unit, direction, source
INDICATORS = [
    (
        "facebook_followers",
        1,
        "Facebook-seuraajat",
        "Facebook followers",
        "count",
        "higher",
        "Toimintakertomus 2023: 4071 (+6 %)",
    ),
    (
        "instagram_followers",
        1,
        "Instagram-seuraajat",
        "Instagram followers",
        "count",
        "higher",
        "Toimintakertomus 2023: 1597 (+9 %)",
    ),
    (
        "linkedin_followers",
        1,
        "LinkedIn-seuraajat",
        "LinkedIn followers",
        "count",
        "higher",
        "Toimintakertomus 2023: 1493 (+14 %)",
    ),
    (
        "website_visits",
        1,
        "Verkkosivuvierailut",
        "Website visits",
        "count",
        "higher",
        "Toimintakertomus 2023: 63 000 (+13 %)",
    ),
    (
        "newsletter_opens",
        1,
        "Uutiskirjeiden uniikit avaukset",
        "Newsletter unique opens",
        "count",
        "higher",
        "Toimintakertomus 2023: 15 633",
    ),
    (
        "neighbourhood_visitors",
        2,
        "Naapuruustalojen kävijät",
        "Neighbourhood-house visitors",
        "count",
        "higher",
        "Toimintakertomus 2023: 7540",
    ),
    (
        "adult_education_courses",
        2,
        "Kansalaisopiston kurssit",
        "Adult education centre courses",
        "count",
        "higher",
        "Toimintakertomus 2023: 722",
    ),
    (
        "outreach_encounters",
        2,
        "Kohtaamiset jalkautuvassa työssä",
        "Encounters in outreach work",
        "count",
        "higher",
        "Toimintakertomus 2023: yli 1000",
    ),
    (
        "codevelopment_events",
        3,
        "Yhteiskehittämistilaisuudet",
        "Co-development events",
        "count",
        "higher",
        "Toimintakertomus 2023: 18",
    ),
    (
        "future_workshops",
        3,
        "Tulevaisuustyöpajat",
        "Futures workshops",
        "count",
        "higher",
        "Toimintakertomus 2023: 3",
    ),
    (
        "employer_nps",
        4,
        "Suositteluindeksi (eNPS)",
        "Employer NPS",
        "score",
        "higher",
        "Toimintakertomus 2023: 20,8 (5/2023), 22,0 (11/2023)",
    ),
    (
        "pulse_response_rate",
        4,
        "Pulssikyselyn vastausprosentti",
        "Pulse survey response rate",
        "%",
        "higher",
        "Toimintakertomus 2023: 73 % (5/2023), 81 % (11/2023)",
    ),
    (
        "meaningful_work",
        4,
        "Työtään merkityksellisenä pitävät",
        "Find their work meaningful",
        "%",
        "higher",
        "Toimintakertomus 2023: 90 % (11/2023)",
    ),
]

#: Indicators whose values are computed from the pulse survey (data/raw/pulse, beside
#: data/raw/indicators) by ka.read_indicators, not typed in: the published 22,0 / 20,8,
#: 81 % / 73 % and "90 % pitää työtänsä merkityksellisenä" come out of the pulse data.
DERIVE = {
    "employer_nps": "pulse:enps",
    "pulse_response_rate": "pulse:response_rate",
    "meaningful_work": "pulse:favourable:meaningful_work",
}

#: (id, period, value, target). Values: published, or derived from a published growth
#: percentage (2022: value_2023 / (1 + growth), rounded; marked in the README). Targets:
#: INVENTED for the demo. An empty value = no data (yet).
VALUES = [
    ("facebook_followers", "2022", "3841", ""),
    ("facebook_followers", "2023", "4071", "4000"),
    ("facebook_followers", "2024", "", "4300"),
    ("facebook_followers", "2025", "", "4600"),
    ("instagram_followers", "2022", "1465", ""),
    ("instagram_followers", "2023", "1597", "1650"),
    ("instagram_followers", "2024", "", "1800"),
    ("instagram_followers", "2025", "", "2000"),
    ("linkedin_followers", "2022", "1310", ""),
    ("linkedin_followers", "2023", "1493", "1400"),
    ("linkedin_followers", "2025", "", "1800"),
    ("website_visits", "2022", "55752", ""),
    ("website_visits", "2023", "63000", "60000"),
    ("website_visits", "2025", "", "70000"),
    ("newsletter_opens", "2023", "15633", "15000"),
    ("newsletter_opens", "2025", "", "18000"),
    ("neighbourhood_visitors", "2023", "7540", "7000"),
    ("neighbourhood_visitors", "2025", "", "8000"),
    ("adult_education_courses", "2023", "722", "700"),
    ("adult_education_courses", "2025", "", "750"),
    ("outreach_encounters", "2023", "1000", "1200"),
    ("outreach_encounters", "2025", "", "1500"),
    ("codevelopment_events", "2023", "18", "12"),
    ("codevelopment_events", "2025", "", "20"),
    ("future_workshops", "2023", "3", "4"),
    ("future_workshops", "2025", "", "4"),
    # DERIVE: the values come from the pulse survey; only the targets are typed
    ("employer_nps", "2023-05", "", "20,0"),
    ("employer_nps", "2023-11", "", "25,0"),
    ("pulse_response_rate", "2023-05", "", "75"),
    ("pulse_response_rate", "2023-11", "", "80"),
    ("meaningful_work", "2023-05", "", "85"),
    ("meaningful_work", "2023-11", "", "85"),
]


def generate(out: Path) -> list[Path]:
    """Write ``followup/`` and ``indicators/`` under ``out``; return the files written."""
    out = Path(out)
    written = [
        write_toml(
            out / "followup" / "dataset.toml",
            {
                "kind": "followup",
                "title_fi": "Kotoutumisen edistämisen toimenpiteiden seuranta",
                "title_en": "Follow-up of the measures promoting integration",
                "slug": "kotoutuminen",
            },
            comment="Demo data: City of Helsinki traffic-light follow-up 5/2022-5/2023 (source 004).\n"
            "Statuses ASSIGNED for the demo; round 2023-11 INVENTED. See data/raw/README.md.",
        ),
        write_csv(out / "followup" / "measures.csv", MEASURE_COLUMNS, _measure_rows()),
        write_toml(
            out / "indicators" / "dataset.toml",
            {
                "kind": "indicators",
                "title_fi": "Strategian 2023–2025 mittarit",
                "title_en": "Strategy 2023–2025 indicators",
                "slug": "strategia",
            },
            comment="Demo data: Kalliola's strategic goals (source 001) with figures of the\n"
            "annual report 2023 (source 000). Targets INVENTED. See data/raw/README.md.",
        ),
        write_csv(
            out / "indicators" / "indicators.csv",
            (
                "id",
                "goal",
                "goal_fi",
                "goal_en",
                "name_fi",
                "name_en",
                "unit",
                "direction",
                "source",
                "derive",
                "target_invented",
            ),
            [
                (i, g, *GOALS[g], fi, en, unit, d, src, DERIVE.get(i, ""), True)
                for i, g, fi, en, unit, d, src in INDICATORS
            ],
        ),
        write_csv(out / "indicators" / "values.csv", ("id", "period", "value", "target"), VALUES),
    ]
    return written
