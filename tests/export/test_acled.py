"""ACLED rows from event records written for these tests."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pycountry
import pytest

from sitrep.api import extract
from sitrep.export import open_writer
from sitrep.export.acled import COLUMNS, NOTES_LIMIT, acled_rows
from sitrep.export.acled_codes import ACLED_REGIONS, inter_code, region, regions
from sitrep.records import AcledCode, Actor, Article, Event, Location, Speaker, Statement

TEXT = ("Drones struck an oil depot in Belgorod on Monday, injuring three workers, the "
        "defence ministry said, according to Reuters.")
MakeEvent = Callable[..., Event]
MakeArticle = Callable[..., Article]


def _article(text: str = TEXT, **meta: str) -> Article:
    done = extract(text, published="2024-05-08")
    for key, value in meta.items():
        setattr(done, key, value)
    return done


def _csv(*articles: Article) -> list[dict[str, str]]:
    """The rows `--format acled-csv` writes, read back as a spreadsheet reads them."""
    out = io.StringIO()
    writer = open_writer("acled-csv", out)
    for article in articles:
        writer.write(article)
    writer.close()
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_acled_rows_have_acleds_columns_and_codes() -> None:
    (row,) = acled_rows(_article(title="Depot hit"))
    assert list(row) == COLUMNS
    assert (row["event_type"], row["sub_event_type"]) == ("Explosions/Remote violence",
                                                          "Air/drone strike")
    assert (row["event_date"], row["year"]) == ("2024-05-06", 2024)
    assert (row["location"], row["country"]) == ("Belgorod", "Russia")
    assert (row["iso"], row["region"]) == (643, "Europe")
    assert row["fatalities"] == 0


def test_acled_source_names_the_publisher_then_the_agency() -> None:
    (row,) = acled_rows(_article(source="The Daily Example"))
    assert row["source"] == "The Daily Example; Reuters"
    (row,) = acled_rows(_article(url="https://www.example.org/news/1"))
    assert row["source"] == "example.org; Reuters"
    assert row["url"] == "https://www.example.org/news/1"


def test_acled_event_ids_are_unique_across_articles_and_stable() -> None:
    first = _article()
    second = _article("Shelling hit the port of Kherson on Tuesday, killing two people, "
                      "officials said.")
    assert [e.id for e in first.events] == [e.id for e in second.events] == ["e1"]
    (a,), (b,) = acled_rows(first), acled_rows(second)
    assert a["event_id_cnty"] != b["event_id_cnty"]
    assert str(a["event_id_cnty"]).startswith("RUS") and str(b["event_id_cnty"]).startswith("UKR")
    assert acled_rows(first)[0]["event_id_cnty"] == a["event_id_cnty"]  # the same every run
    assert (a["article_id"], a["event_id"]) == (first.id, "e1")


def test_acled_actor_columns_hold_only_actors(make_event: MakeEvent,
                                              make_article: MakeArticle) -> None:
    event = make_event(actors=[
        Actor("perpetrator", "Shelling", kind="unknown", attribution="alleged"),
        Actor("perpetrator", "Russia", "RUS", "military", "alleged"),
        Actor("perpetrator", "Russia", "RUS", "government", "alleged"),
        Actor("perpetrator", "Wagner Group", None, "military", "alleged"),
        Actor("target", "civilians", None, "unknown", "asserted"),
    ])
    (row,) = acled_rows(make_article(events=[event]))
    assert (row["actor1"], row["assoc_actor_1"], row["actor2"]) == (
        "Russia", "Wagner Group", "civilians")
    for column in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2"):
        assert "(" not in str(row[column]) and "Shelling" not in str(row[column])
    assert (row["actor1_attribution"], row["actor2_attribution"]) == ("alleged", "asserted")
    # Russia's forces in Ukraine are ACLED's external forces (8), against civilians (7)
    assert (row["inter1"], row["inter2"], row["interaction"]) == (8, 7, 78)
    assert row["civilian_targeting"] == "Civilian targeting"


@pytest.mark.parametrize(("name", "kind", "country", "where", "code"), [
    ("Russia", "military", "RUS", "RUS", 1),        # a state's forces at home
    ("Russia", "military", "RUS", "UKR", 8),        # ... and abroad
    ("Kenyan police", "government", "KEN", "KEN", 1),
    ("Hamas", "military", None, "ISR", ""),         # no state, no word: not guessed
    ("Gunmen", "military", None, "NGA", 3),         # ACLED's unidentified armed group
    ("clan militia", "unknown", None, "SOM", 4),    # identity before political militia
    ("rioters", "unknown", None, "KEN", 5),
    ("protesters", "unknown", None, "KEN", 6),
    ("rebels", "military", None, "COD", 2),
    ("villagers", "unknown", None, "MLI", 7),
    ("Kurdistan Workers' Party", "organisation", None, "TUR", ""),
    ("Sergei Shoigu", "person", "RUS", "UKR", ""),  # a person is no force
])
def test_acled_inter_codes(name: str, kind: str, country: str | None, where: str,
                           code: int | str) -> None:
    actor = Actor("perpetrator", name, country, kind, "asserted")  # type: ignore[arg-type]
    assert inter_code(actor, where) == code


def test_acled_interaction_of_one_actor_and_no_civilian_targeting(
        make_event: MakeEvent, make_article: MakeArticle) -> None:
    event = make_event(actors=[Actor("perpetrator", "protesters", kind="unknown")],
                       acled=AcledCode("Protests", "Peaceful protest"))
    (row,) = acled_rows(make_article(events=[event]))
    assert (row["inter1"], row["inter2"], row["interaction"]) == (6, "", 60)
    assert row["civilian_targeting"] == ""
    event = make_event(acled=AcledCode("Violence against civilians", "Attack"))
    (row,) = acled_rows(make_article(events=[event]))
    assert row["civilian_targeting"] == "Civilian targeting"


def test_acled_notes_keep_quote_marks_and_are_not_cut_mid_word(
        make_event: MakeEvent, make_article: MakeArticle) -> None:
    quoted = ('The mayor called the damage "insignificant", adding that the city\'s '
              'defences had held. ')
    long_text = quoted + "Residents swept broken glass from the pavements. " * 40
    (row,) = _csv(make_article(events=[make_event(long_text)]))
    notes = row["notes"]
    assert notes.startswith('The mayor called the damage "insignificant",')
    assert len(notes) <= NOTES_LIMIT and notes.endswith("…")
    assert notes[:-1].split()[-1] in long_text.split()  # the last word is whole
    (short,) = _csv(make_article(events=[make_event(quoted)]))
    assert short["notes"] == quoted.strip()


def test_acled_csv_escapes_formulas_but_not_numbers(make_event: MakeEvent,
                                                    make_article: MakeArticle) -> None:
    where = Location("=HYPERLINK(\"http://evil.example\")", lat=-33.9249, lon=-70.6693,
                     country="CHL", admin1="@SUM(A1:A9)", feature="city", precision=1)
    event = make_event("-5 people were hurt, +2 missing.\tNo more.", location=where,
                       actors=[Actor("perpetrator", "+Gang", None, "unknown", "asserted"),
                               Actor("target", "\tworkers", None, "unknown", "asserted")])
    (row,) = _csv(make_article(events=[event], source="\rPaper"))
    assert row["location"] == "'=HYPERLINK(\"http://evil.example\")"
    assert row["admin1"] == "'@SUM(A1:A9)"
    assert row["notes"].startswith("'-5 people were hurt")
    assert row["actor1"] == "'+Gang"
    assert row["actor2"] == "'\tworkers"
    assert row["source"] == "'\rPaper"
    # plain numbers, negative ones too, are left as numbers
    assert (row["latitude"], row["longitude"]) == ("-33.9249", "-70.6693")
    assert (row["fatalities"], row["iso"], row["year"]) == ("2", "152", "2024")


def test_acled_admin_columns_from_the_location(make_event: MakeEvent,
                                               make_article: MakeArticle) -> None:
    county = Location("Izium Raion", lat=49.2, lon=37.3, country="UKR", admin1="Kharkiv",
                      feature="admin2", precision=2)
    (row,) = acled_rows(make_article(events=[make_event(location=county)]))
    assert (row["admin1"], row["admin2"], row["location"]) == ("Kharkiv", "Izium Raion",
                                                               "Izium Raion")
    (row,) = acled_rows(make_article(events=[make_event(location=None)]))
    assert row["country"] == row["region"] == row["admin1"] == row["latitude"] == ""
    assert str(row["event_id_cnty"]).startswith("XXX")


@pytest.mark.parametrize(("url", "via", "channel", "scale"), [
    ("https://www.pravda.com.ua/news/1", None, None, "National"),
    ("https://www.bbc.co.uk/news/1", None, None, "International"),
    ("https://www.pravda.com.ua/news/1", "Reuters", None, "National-International"),
    ("https://example.com/news/1", None, None, ""),            # a generic domain tells nothing
    ("https://example.com/news/1", "TASS", None, "International"),
    ("https://www.pravda.com.ua/news/1", None, "Telegram", "National-New media"),
])
def test_acled_source_scale(make_event: MakeEvent, make_article: MakeArticle, url: str,
                            via: str | None, channel: str | None, scale: str) -> None:
    said = Statement("s1", 0, 5, "text", True, Speaker("governor"), via=via, channel=channel,
                     event_ids=["e1"])
    (row,) = acled_rows(make_article(url=url, statements=[said]))
    assert row["source_scale"] == scale


def test_acled_regions_cover_every_country_once() -> None:
    table = regions()  # each country once: a second mention is a ConfigError
    codes = {c.alpha_3 for c in pycountry.countries}
    assert codes <= set(table), sorted(codes - set(table))
    assert set(table) - codes == {"XKX"}
    assert set(table.values()) == set(ACLED_REGIONS)
    assert (region("UKR"), region("SDN"), region("IRN"), region("MEX"), region(None)) == (
        "Europe", "Northern Africa", "Middle East", "Central America", "")


def test_acled_alleged_doer_from_the_pipeline_is_a_bare_name() -> None:
    text = ("Russian forces shelled the town of Izium overnight, killing two civilians, the "
            "regional governor said.")
    (row,) = _csv(_article(text))
    assert (row["actor1"], row["actor1_attribution"]) == ("Russia", "alleged")
    assert (row["inter1"], row["interaction"]) == ("8", "80")  # Russia's forces in Ukraine
