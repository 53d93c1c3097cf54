"""Recognition, resolution and event location on sentences written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.geo.locate import attached, location, most_specific, places_in
from sitrep.geo.stage import geoparse
from sitrep.nlp import load_model
from sitrep.settings import Settings


def _places(text: str) -> dict[str, tuple[str, str | None, str, bool]]:
    return {p.text: (p.name, p.country, p.feature, p.metonymic) for p in geoparse(text)}


@pytest.mark.parametrize(
    ("text", "mention", "name", "country"),
    [
        ("Shelling hit Kharkiv and Izium overnight.", "Izium", "Izyum", "UKR"),
        ("Drones struck Kiev again.", "Kiev", "Kyiv", "UKR"),
        ("Floods hit Bombay last year.", "Bombay", "Mumbai", "IND"),
        ("The fire spread in Alexandria, Va., on Monday.", "Alexandria", "Alexandria", "USA"),
        ("Protesters gathered in Cairo and Alexandria.", "Alexandria", "Alexandria", "EGY"),
        ("He flew to Paris.", "Paris", "Paris", "FRA"),
        ("Explosions shook the Russian capital.", "the Russian capital", "Moscow", "RUS"),
        ("Officials in the Kharkiv region said so.", "Kharkiv region", "Kharkiv", "UKR"),
        # a possessive that lost its apostrophe, as scraped headlines print it
        ("Shelling hits Syrias Idlib province again", "Syria", "Syria", "SYR"),
        ("Aleppo bomb blast kills six near the old market", "Aleppo", "Aleppo", "SYR"),
        # the recogniser finds "Mazar"; the gazetteer knows the hyphened whole
        ("Police broke up a protest near the Blue Mosque in Mazar-i-Sharif on Thursday.",
         "Mazar-i-Sharif", "Mazār-e Sharīf", "AFG"),
    ],
)
def test_geoparse_resolves(text: str, mention: str, name: str, country: str) -> None:
    got = _places(text)[mention]
    assert (got[0], got[1]) == (name, country)
    if mention not in ("the Russian capital", "Kharkiv region", "Syria"):
        assert got[2] == "city"  # the city, not the division of the same name


@pytest.mark.parametrize(
    ("text", "mention", "metonymic"),
    [
        ("Washington and Kyiv deny any involvement.", "Washington", True),
        ("Washington and Kyiv deny any involvement.", "Kyiv", True),
        ("Moscow said the drones were shot down.", "Moscow", True),
        ("Moscow was hit by drones.", "Moscow", False),
        ("Drones were shot down over Moscow.", "Moscow", False),
        ("The Kyiv regime launched an attack.", "Kyiv", True),
        ("The Moscow-installed mayor spoke in Donetsk.", "Moscow", True),
        ("Tehran-backed militias fired rockets at Baghdad.", "Tehran", True),
        ("A Moscow-Kyiv train left on time.", "Moscow", False),
        ("Kigali dismissed the accusation by Kinshasa as baseless.", "Kinshasa", True),
        ("The town was captured by rebels from Goma.", "Goma", False),
        ("Kinshasa accused Kigali of arming the rebels.", "Kigali", True),
        ("The envoy urged Tehran to restrain the militias.", "Tehran", True),
        ("Rebels attacked Goma at dawn.", "Goma", False),
    ],
)
def test_geoparse_marks_places_used_as_actors(text: str, mention: str, metonymic: bool) -> None:
    assert _places(text)[mention][3] is metonymic


@pytest.mark.parametrize(
    "text",
    ["Iranian-made drones were used.", "A Ukrainian aide denied it.", "The Russian ministry said."],
)
def test_geoparse_demonyms_are_not_places(text: str) -> None:
    assert _places(text) == {}


@pytest.mark.parametrize(
    ("text", "place"),
    [("Barack Obama spoke in Ohio. There is a cultish faith in Obama's word in Ohio.", "Ohio"),
     ("Hillary Clinton won Iowa. Voters in Clinton's camp cheered in Iowa.", "Iowa"),
     ("The bill failed in Congress, and the White House said it would try again in Ohio.",
      "Ohio"),
     ("Donald Trump spoke in Ohio. Rubio is polling a bad second to Trump in Ohio.", "Ohio"),
     # the second half of a hyphened name the gazetteer lacks is no place of its own
     ("A bomb hit a market in Mora, the Mayo-Sava prefect said.", "Mora")],
)
def test_geoparse_people_and_institutions_are_not_towns(text: str, place: str) -> None:
    assert set(_places(text)) == {place}


def test_geoparse_a_district_takes_the_place_its_paragraph_names() -> None:
    text = ("KHARKIV: Shelling killed two people in Kharkiv on Monday.\n\n"
            "In the Mykolaiv region, a drone hit a grain store in the Zavodskyi district "
            "overnight.")
    district = next(p for p in geoparse(text) if p.text == "Zavodskyi district")
    assert district.parent is not None and "Mykola" in district.parent


@pytest.mark.parametrize(("text", "country"), [
    ("Rebels took a town in eastern Congo, officials in Kinshasa said.", "COD"),
    ("Floods hit Brazzaville, the capital of Congo, on Monday.", "COG"),
])
def test_geoparse_a_name_of_two_countries_means_the_one_whose_towns_are_named(
        text: str, country: str) -> None:
    assert _places(text)["Congo"][1] == country


def test_geoparse_a_common_word_in_a_cased_text_is_no_place() -> None:
    text = "Families camped on the coast west of Gaza City mourned the dead."
    assert not [p for p in geoparse(text) if p.text[:1].islower()]


def test_geoparse_a_town_of_a_person_s_name_is_a_place_without_that_person() -> None:
    assert _places("Floods hit Clinton, Iowa on Monday.")["Clinton"][1] == "USA"


def test_geoparse_streets_take_their_city() -> None:
    places = {p.text: p for p in geoparse(
        "Drones hit Moscow. Blocks of flats in Leninsky Prospekt and Profsoyuznaya Street "
        "were damaged.")}
    for street in ("Leninsky Prospekt", "Profsoyuznaya Street"):
        assert places[street].feature == "street" and places[street].parent == "Moscow"
        assert places[street].lat == places["Moscow"].lat


def test_geoparse_a_street_written_in_lower_case_is_no_city_elsewhere() -> None:
    places = {p.text: p for p in geoparse(
        "A car bomb exploded on Mogadishu's busy Jeddah road on Tuesday. Another hit a "
        "checkpoint on Omar al-Mukhtar street.")}
    assert places["Jeddah road"].feature == "street"
    assert places["Jeddah road"].parent == "Mogadishu"
    assert "Omar al-Mukhtar street" in places
    assert {p.country for p in places.values()} == {"SOM"}  # no Jeddah in Saudi Arabia


def test_geoparse_a_district_takes_no_place_named_as_an_actor() -> None:
    places = {p.text: p for p in geoparse(
        "Shells hit a market in Horlivka, the Moscow-installed mayor said. He said the "
        "Nikitovsky district was hit twice.")}
    assert places["Nikitovsky district"].parent == "Horlivka"


def test_geoparse_a_district_takes_the_place_it_is_of_not_an_earlier_city() -> None:
    places = {p.text: p for p in geoparse(
        "A car bomb exploded in Mogadishu on Tuesday. In Nigeria, gunmen abducted 30 "
        "people from a village in the Kajuru area of Kaduna state on Thursday.")}
    district = places["Kajuru area"]
    assert (district.parent, district.country) == ("Kaduna", "NGA")


def test_geoparse_a_landmark_takes_no_city_from_the_next_sentence() -> None:
    filler = "Organisers said they would march again until schools reopened for girls. " * 6
    places = [p for p in geoparse(
        "Women marched for girls' schooling in Herat on Thursday, and Herat shopkeepers "
        "closed early. " + filler + "\n\nGuards broke up the march near the Green Mosque. "
        "The police command in Kandahar said five women were held.")
        if p.text == "Green Mosque"]
    assert [p.parent for p in places] == ["Herāt"]


@pytest.mark.parametrize("text", ["Guards stood outside the Kandahar provincial police office.",
                                  "Police in the Kandahar province said the road reopened.",
                                  # after a country's name
                                  "Police in Afghanistan's Kandahar province said so."])
def test_geoparse_a_name_before_provincial_or_province_is_the_province(text: str) -> None:
    (place,) = [p for p in geoparse(text) if p.feature != "country"]
    assert (place.name, place.feature) == ("Kandahār", "admin1")


@pytest.mark.parametrize(
    "text",
    ["", "NOTHING BUT CAPITALS IN MOSCOW TODAY", "Zzyzxqville Street is closed.",
     "Coordinates 55.75N 37.62E were given.", "Москва и Киев", "In .. , ; !!"],
)
def test_geoparse_bad_input_never_crashes(text: str) -> None:
    for place in geoparse(text):
        assert text[place.start : place.end] == place.text


def test_geoparse_unknown_place_keeps_its_text() -> None:
    (place,) = geoparse("Fighting reached Zzyzxqville Street.")
    assert place.lat is None and place.feature == "street"


def test_locate_takes_the_places_a_word_governs_not_its_actors() -> None:
    nlp = load_model(Settings().model)
    text = "Kyiv denies it, but drones hit Moscow on Tuesday, in Profsoyuznaya Street."
    doc = nlp(text)
    places = geoparse(text)
    (sent,) = doc.sents
    literal = places_in(sent, places)
    assert "Kyiv" not in {p.name for p in literal}  # "Kyiv denies": a speaker, not a place
    hit = next(t for t in doc if t.text == "hit")
    named = attached(hit, literal)
    assert {p.name for p in named} == {"Moscow", "Profsoyuznaya Street"}
    street = most_specific(named)
    assert street is not None and street.feature == "street"
    where, subs = location(street, places)  # a street is a sub-location of its city
    assert (where.name, where.precision, subs) == ("Moscow", 1, ["Profsoyuznaya Street"])


def test_reference_article_places(mission_path: Path) -> None:
    from sitrep.api import extract

    lines = mission_path.read_text().split("\n", 1)
    article = extract(lines[1], published="2023-05-31", title=lines[0])
    by_text: dict[str, list] = {}  # type: ignore[type-arg]
    for p in article.places:
        by_text.setdefault(p.text, []).append(p)
    assert all(p.country == "RUS" and p.name == "Moscow" for p in by_text["Moscow"])
    assert all(p.country == "UKR" for p in by_text["Kyiv"])
    for street in ("Leninisky Prospekt", "Profsoyuznaya Street"):
        (p,) = by_text[street]
        assert p.feature == "street" and p.parent == "Moscow"
    assert not any("Iran" in p.text for p in article.places)
    first_kyiv = by_text["Kyiv"][0]
    assert article.text[first_kyiv.start : first_kyiv.end + 7] == "Kyiv denies"
    assert first_kyiv.metonymic


def test_a_person_before_an_office_word_is_no_town() -> None:
    from sitrep.api import extract

    article = extract("The Obama administration said on Monday that it would send more "
                      "troops to Iraq.", published="2016-05-08")
    assert [p.name for p in article.places if p.geonameid] == ["Iraq"]
    kabul = extract("The Kabul administration said on Monday that the roads were open.",
                    published="2016-05-08")
    assert [p.country for p in kabul.places if p.geonameid] == ["AFG"]


@pytest.mark.parametrize(("text", "mention", "feature", "country"), [
    ("Rebels fired a missile at a cargo ship in the Red Sea on Wednesday.", "Red Sea",
     "region", None),
    ("Port Sudan is the capital of Red Sea State.", "Red Sea State", "admin1", "SDN"),
    ("Pirates seized a tanker in the Gulf of Aden.", "Gulf of Aden", "region", None),
])
def test_geoparse_reads_a_sea_as_the_sea(text: str, mention: str, feature: str,
                                         country: str | None) -> None:
    name, found_country, found_feature, _ = _places(text)[mention]
    assert (found_feature, found_country) == (feature, country), name


@pytest.mark.parametrize("text", [
    "Fighting spread around the eastern town of Mulenge on Monday. In Mulenge, homes burned.",
    "Gunmen raided Mulenge village on Monday. In Mulenge, homes burned.",
    "Gunmen raided Mulenge, a village in South Kivu, on Monday. In Mulenge, homes burned.",
])
def test_geoparse_a_town_the_gazetteer_lacks_is_a_place_where_the_text_says_so(
        text: str) -> None:
    found = [p for p in geoparse(text) if p.text == "Mulenge"]
    assert len(found) == 2 and all(p.lat is None for p in found), found


def test_geoparse_a_code_is_no_place() -> None:
    assert "M23" not in _places("The clashes between M23 and the army left ten dead.")


def test_geoparse_a_village_is_not_its_namesake_in_another_province() -> None:
    # the gazetteer's only Nyaung Gon lies in the Yangon region
    found = _places("Jets bombed the village of Nyaung Gon in the Mandalay region of Myanmar.")
    assert found["Nyaung Gon"][1] is None, found


def test_geoparse_a_name_is_not_a_town_called_by_its_last_word_in_another_country() -> None:
    # "Bawa" alone names a town in the Central African Republic
    found = _places("KADUNA, Nigeria (Hill Post) - Five of the 20 people abducted from "
                    "Unguwan Bawa, a village in Kaduna State, returned home on Monday, the "
                    "district head said.\n\nFamilies in Unguwan Bawa said the others were "
                    "held in a forest near Birnin Gwari.")
    assert found["Unguwan Bawa"][1] != "CAF", found


@pytest.mark.parametrize(("text", "mention", "name"), [
    ("FUNTUA, Nigeria (Plains Courier) - Police said gunmen raided a village on Monday.",
     "FUNTUA", "Funtua"),
    ("ADDIS ABABA (Plains Courier) - A bus overturned on a mountain road on Monday.",
     "ADDIS ABABA", "Addis Ababa"),
])
def test_geoparse_reads_the_town_of_a_dateline_in_capitals(text: str, mention: str,
                                                           name: str) -> None:
    places = {p.text: p for p in geoparse(text)}
    assert places[mention].name == name
    assert not places[mention].metonymic  # where the story was filed, not who speaks
    assert [p for p in places if p in mention and p != mention] == []  # not "ABABA" alone


@pytest.mark.parametrize(("text", "feature"), [
    ("Drones hit a Kharkiv village on Monday.", "admin1"),  # a village in the province
    ("Shelling hit Idlib villages on Monday.", "admin1"),
    ("Drones hit Kharkiv on Monday.", "city"),
])
def test_geoparse_a_province_named_before_a_village_is_the_province(text: str,
                                                                   feature: str) -> None:
    (place,) = geoparse(text)
    assert place.feature == feature


@pytest.mark.parametrize(("text", "city"), [
    ("A missile hit a dormitory in Mykolaiv on Tuesday.", "Mykolayiv"),
    ("Shells hit a market in Zaporizhzhia on Friday.", "Zaporizhzhya"),
])
def test_geoparse_a_name_a_city_and_its_province_answer_to_is_the_city(text: str,
                                                                        city: str) -> None:
    # (the province's own name differs: "Mykolaivska oblast"; it answers to the city's)
    (place,) = [p for p in geoparse(text) if p.feature != "country"]
    assert (place.name, place.feature) == (city, "city")
