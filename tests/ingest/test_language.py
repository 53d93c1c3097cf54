from __future__ import annotations

import pytest

from sitrep.ingest import Ingested, read_bytes
from sitrep.ingest.language import _lexicon, refusal

# Short event notes in the style of ACLED's `notes` column, written for these
# tests (the events are invented). Telegraphic English: few function words.
ENGLISH_NOTES = [
    "On 3 March 2021, 3 Saudi-led coalition airstrikes reportedly hit Al Mashaf area in "
    "Sirwah district. No casualties reported.",
    "Houthi forces shelled GPC positions, Qataba district, Ad Dali governorate. "
    "Fatalities unknown.",
    "Around 14 June 2019 (month of), unidentified gunmen shot dead a local trader near "
    "Bakool market. 1 fatality.",
    "On 21 January 2022, around 200 farmers gathered outside the district office in Bhiwani, "
    "Haryana, demanding compensation for crop losses.",
    "Clashes between AQAP militants and Security Belt forces, Mudiyah district, Abyan. "
    "4 fatalities, 2 from each side.",
    "Property destruction: Al-Shabaab militants burned 3 telecom masts, Bulo Burto town, "
    "Hiraan region.",
    "On 9 August 2020, a roadside IED detonated as a police vehicle passed, Kunar province. "
    "2 police officers killed.",
    "Protesters blocked the main road in Abu Salim neighbourhood, Tripoli, over power cuts. "
    "[size=dozens]",
    "Unknown armed men abducted 5 passengers on Kaduna-Abuja highway, Chikun LGA. "
    "Ransom demanded.",
    "Military forces raided Kurmuk village, arresting 12 suspected rebel collaborators.",
    "US drone strike targeted a vehicle carrying suspected ISIS-K commanders near Jalalabad. "
    "3 killed.",
    "Fighting between rival Dozo and Dan Na Ambassagou militias near Bankass. Several houses "
    "torched, 7 fatalities.",
    "On 30 April 2023, RSF shelled residential areas of Omdurman, killing 4 civilians and "
    "wounding 11.",
    "Peaceful protest by teachers, Port-au-Prince, demanding unpaid salaries. No intervention.",
    "Mob violence: villagers lynched a suspected cattle thief, Kaabong district.",
    "Israeli forces demolished 2 Palestinian-owned structures, Masafer Yatta, Hebron "
    "governorate.",
    "Ukrainian forces shelled Horlivka; 1 civilian injured according to DPR sources.",
    "Russian artillery struck Kupiansk town center. Casualties unreported.",
    "Landmine explosion injured 2 shepherds near Hodeidah airport.",
    "Police fired tear gas to disperse students rioting at Makerere University campus.",
    "Around 10 July 2021, JNIM militants ambushed a FAMa convoy between Boni and Hombori. "
    "9 soldiers killed.",
    "Armed clash: PKK militants attacked Turkish army outpost, Semdinli district, Hakkari. "
    "2 militants killed.",
    "Ethnic militia attacked Ngok Dinka herders, Abyei, stealing cattle. 5 fatalities.",
    "Government forces regained control of Tal Tamr after heavy fighting with SDF.",
    "Suicide bomber detonated explosives at checkpoint, Hodan district, Mogadishu, killing 6.",
    "Unidentified assailants set fire to a polling station, Kasese town.",
    "Strategic development: Houthi authorities released 14 detainees in prisoner swap "
    "mediated by ICRC.",
    "2 civilians wounded by sniper fire, Taizz city, Al Qahirah district.",
    "Rebel fighters overran Bunagana border post; FARDC withdrew.",
    "Lawyers staged sit-in before Supreme Court, Islamabad, against arrests of colleagues.",
    "Airstrike on Maaloula outskirts. Fatalities unknown.",
    "Unknown gunmen killed tribal elder, Mastung district, Balochistan.",
    "On 5 November 2022, Al-Shabaab fired mortars at Halane base compound, Mogadishu.",
    "Arrests: security forces detained 3 journalists covering protest, Bamako.",
    "Villagers clashed with Fulani herders over grazing land near Agatu. 3 injured.",
    "Al Hazm: Islah-affiliated forces and Houthis exchanged artillery fire, Al Ghayl "
    "district, Al Jawf. Fatalities unknown.",
]

# Short sentences in other languages, written for these tests.
FOREIGN = [
    ("fr", "Deux civils ont été tués lors d'une frappe de drone près de Gao."),
    ("fr", "Des manifestants ont bloqué la route nationale pour protester contre la vie chère."),
    ("fr", "L'armée affirme avoir neutralisé une dizaine de terroristes."),
    ("fr", "Affrontements entre militaires et rebelles à Bambari, bilan inconnu."),
    ("fr", "Le convoi humanitaire a été attaqué au nord du pays."),
    ("es", "Dos soldados murieron en un ataque con explosivos en el Cauca."),
    ("es", "Miles de personas marcharon en Caracas contra el gobierno."),
    ("es", "La policía detuvo a tres sospechosos tras el tiroteo."),
    ("es", "Enfrentamientos entre disidentes y el ejército dejan cinco muertos."),
    ("es", "Un dron atacó una base militar en la frontera."),
    ("de", "Bei einem Raketenangriff auf Charkiw wurden drei Menschen getötet."),
    ("de", "Die Polizei hat am Sonntag zwei Verdächtige festgenommen."),
    ("de", "Tausende demonstrierten in Berlin gegen den Krieg."),
    ("de", "Zwei Tote bei Angriff in Kabul."),
    ("it", "Due civili sono stati uccisi in un bombardamento vicino a Tripoli."),
    ("it", "La polizia ha arrestato quattro persone durante la protesta."),
    ("it", "Un attacco con droni ha colpito la centrale elettrica."),
    ("pt", "Homens armados atacaram uma aldeia em Cabo Delgado e mataram seis pessoas."),
    ("pt", "A polícia dispersou os manifestantes com gás lacrimogéneo."),
    ("pt", "Os insurgentes incendiaram várias casas na vila."),
    ("nl", "Bij een aanslag in de hoofdstad zijn vier doden gevallen."),
    ("tr", "Silahlı saldırganlar köye saldırdı ve iki kişi hayatını kaybetti."),
    ("id", "Kelompok bersenjata menyerang pos polisi di Papua pada hari Senin."),
    ("pl", "Rosyjskie drony zaatakowały elektrownię w obwodzie lwowskim."),
    ("ru", "Беспилотник атаковал нефтебазу в Брянской области."),
    ("ru", "Два человека погибли при обстреле Донецка."),
    ("ru", "Полиция задержала участников акции протеста."),
    ("ar", "قتل ثلاثة مدنيين في غارة جوية على ريف إدلب."),
    ("ar", "اشتباكات عنيفة بين الجيش والمسلحين في درنة."),
    ("ar", "تظاهر المئات في الخرطوم ضد الحكومة."),
    ("zh", "无人机袭击造成两名平民死亡。"),
    ("zh", "警方逮捕了三名抗议者。"),
    ("zh", "武装分子袭击了边境哨所。"),
]


# English that trips a naive count: name particles, clitics, abbreviations, capitals,
# words other languages share ("v", "met", "die").
ENGLISH_TRAPS = [
    "Ursula von der Leyen visited Kyiv.",
    "Aid pledges rose, said von der Leyen.",
    "Lula da Silva met Abdel Fattah el-Sisi in Cairo.",
    "JNIM (al-Qaeda affiliate) attacked Boni. al-Qaeda claimed.",
    "Militia seized assets, e.g. vehicles, Kasese.",
    "GUNMEN KILLED TWO FARMERS NEAR JOS ON TUESDAY, POLICE SAID.",
    "Los Angeles police arrested 40 protesters near City Hall.",
    "De-escalation talks in Doha stalled; Hamas delegation left.",
    "Hundreds die as floods hit camps.",
    "It’s over, they’d said; Newcastle v Villa postponed.",
    "President Emmanuel Macron said 'la France ne reculera pas' on Tuesday.",
]

# A longer text in a language without a list (Somali).
SOMALI = ("Saddex qof ayaa ku dhintay qarax ka dhacay suuqa weyn ee magaalada Muqdisho "
          "maalintii Isniinta, sida ay sheegeen booliska. Markhaatiyaal ayaa sheegay in qaraxu "
          "dhacay xilli dad badan ay wax ka iibsanayeen suuqa. Ilaa hadda ma jirto koox "
          "sheegatay weerarka, balse saraakiisha amniga ayaa ka shakisan kooxaha hubeysan oo "
          "horey u geystay weeraro la mid ah sanadihii la soo dhaafay.")


def _stored(text: str) -> bool:
    items = read_bytes(text.encode(), origin="note.txt", kind="txt")
    return any(isinstance(i, Ingested) for i in items)


@pytest.mark.parametrize("text", ENGLISH_NOTES)
def test_language_short_english_notes_are_read(text: str) -> None:
    assert refusal(text, min_english=0.06) is None
    assert _stored(text)


@pytest.mark.parametrize(("lang", "text"), FOREIGN)
def test_language_short_foreign_texts_are_refused(lang: str, text: str) -> None:
    reason = refusal(text, min_english=0.06)
    assert reason is not None and reason.startswith("not English"), lang
    assert not _stored(text)


@pytest.mark.parametrize("text", ENGLISH_TRAPS)
def test_language_english_traps_are_read(text: str) -> None:
    assert refusal(text, min_english=0.06) is None


@pytest.mark.parametrize(("words", "refused"), [(39, False), (40, True)])
def test_language_share_judges_texts_of_40_words_or_more(words: int, refused: bool) -> None:
    # Words of no list: only the share of English function words (1 in `words`) can tell.
    salad = " ".join(a + b for a in ("ka", "lo", "mu", "pe", "ri", "su", "to")
                     for b in ("bak", "dol", "gum", "hin", "zet", "vor"))
    text = "The " + " ".join(salad.split()[: words - 1]) + "."
    reason = refusal(text, min_english=0.06)
    assert (reason == "not English text (2% English function words)") if refused else (
        reason is None)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("🔥🚀🔥 💥💥 😢", "no words"),
        ("12:30 -- 14:45 ... !!! ### +1 (555) 010-2024", "no words"),
        ("Беспилотник атаковал нефтебазу.", "not English text (mostly Cyrillic script)"),
        ("قتل ثلاثة مدنيين في غارة جوية.", "not English text (mostly Arabic script)"),
        ("警方逮捕了三名抗议者。", "not English text (mostly CJK script)"),
        ("Zwei Tote bei Angriff in Kabul.", "not English text (3 words read as German, 1 as "
                                            "English)"),
        ("Rosyjskie drony zaatakowały elektrownię w obwodzie lwowskim.", "not English text"),
        (SOMALI, "not English text"),
    ],
)
def test_language_refusal_reasons(text: str, reason: str) -> None:
    assert (refusal(text, min_english=0.06) or "").startswith(reason)


def test_language_word_lists_keep_yaml_booleans_as_words() -> None:
    lex = _lexicon()
    assert {"on", "no", "off"} <= lex.function and "on" in lex.others["French"]
    assert all(isinstance(w, str) for words in lex.others.values() for w in words)
