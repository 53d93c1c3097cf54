"""ACLED rows from event records written for these tests."""

from __future__ import annotations

from sitrep.api import extract
from sitrep.export.acled import ACLED_COLUMNS, acled_rows
from sitrep.records import Article

TEXT = ("Drones struck an oil depot in Belgorod on Monday, injuring three workers, the "
        "defence ministry said, according to Reuters.")


def _article(**meta: str) -> Article:
    done = extract(TEXT, published="2024-05-08")
    for key, value in meta.items():
        setattr(done, key, value)
    return done


def test_acled_rows_have_acleds_columns_and_codes() -> None:
    (row,) = acled_rows(_article(title="Depot hit"))
    assert list(row) == ACLED_COLUMNS
    assert (row["event_type"], row["sub_event_type"]) == ("Explosions/Remote violence",
                                                          "Air/drone strike")
    assert row["event_date"] == "2024-05-06"
    assert row["location"] == "Belgorod"
    assert row["fatalities"] == 0


def test_acled_source_names_the_publisher_then_the_agency() -> None:
    (row,) = acled_rows(_article(source="The Daily Example"))
    assert row["source"] == "The Daily Example; Reuters"
    (row,) = acled_rows(_article(url="https://www.example.org/news/1"))
    assert row["source"] == "example.org; Reuters"
