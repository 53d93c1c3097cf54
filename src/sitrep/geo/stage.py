"""The geo stage: fills `places` from the parse and the offline gazetteer."""

from __future__ import annotations

from functools import cache
from urllib.parse import urlparse

from sitrep.geo.gazetteer import Gazetteer, default_gazetteer
from sitrep.geo.recognize import recognize
from sitrep.geo.resolve import resolve
from sitrep.records import Place
from sitrep.stage import Work

_GENERIC_TLDS = {"com", "org", "net", "info", "news", "edu", "gov", "int", "co", "io", "tv"}


@cache
def publisher_country(url: str | None) -> str | None:
    """ISO3 of a publisher's country-code domain ("bbc.co.uk" -> "GBR"), or None."""
    host = urlparse(url).hostname if url else None
    tld = host.rsplit(".", 1)[-1].lower() if host else ""
    if not tld or tld in _GENERIC_TLDS or len(tld) != 2:
        return None
    import pycountry

    found = pycountry.countries.get(alpha_2="GB" if tld == "uk" else tld.upper())
    return str(found.alpha_3) if found else None


class GeoStage:
    """Recognises place mentions and resolves them to coordinates."""

    name = "geo"
    requires: tuple[str, ...] = ("doc", "text", "url", "title", "title_doc")
    assigns: tuple[str, ...] = ("places", "title_places")

    def __init__(self, *, gazetteer: Gazetteer | None = None) -> None:
        self.gaz = gazetteer or default_gazetteer()

    def __call__(self, work: Work) -> None:
        assert work.doc is not None
        mentions = recognize(work.doc, self.gaz)
        work.article.places = resolve(work.article.text, mentions, self.gaz,
                                      publisher_country=publisher_country(work.article.url))
        title = work.article.title
        # the title's places, for the statements and events read from the title
        work.title_places = resolve(title, recognize(work.title_doc, self.gaz), self.gaz) if (
            title and work.title_doc is not None) else []


def geoparse(text: str, *, published: str | None = None) -> list[Place]:
    """Places of a bare text, for evaluation and notebooks.

    >>> [(p.text, p.name, p.country) for p in geoparse("Shelling hit Kharkiv and Izium.")]
    [('Kharkiv', 'Kharkiv', 'UKR'), ('Izium', 'Izyum', 'UKR')]
    """
    from sitrep.nlp.model import load_model
    from sitrep.settings import Settings

    gaz = default_gazetteer()
    doc = load_model(Settings().model)(text)
    return resolve(text, recognize(doc, gaz), gaz)
