"""Weapons named in a sentence, with a normalised name and a category (weapons.yaml).

>>> from spacy.lang.en import English
>>> doc = English()("Iranian-made Shahed drones and a Pantsir-S1 system.")
>>> [(w.text, w.name, w.category) for w in find_weapons(doc[:])]
[('Shahed drones', 'Shahed drone', 'drone'), ('Pantsir-S1 system', 'Pantsir', 'air_defence')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from sitrep.errors import ConfigError
from sitrep.rules import WORDS, MapOf, Maybe, Required, load_rules

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Span, Token

SOURCE = "weapons.yaml"
_SEP = r"[\s\-‐–]?"  # "Pantsir-S1", "Pantsir S1" and "S300" are one name
WEAPONS = {  # weapons.yaml
    "categories": Required(MapOf(Maybe({"acled": Maybe(str), "heads": Maybe(WORDS)}))),
    "weapons": Required(MapOf({"category": Required(str), "aliases": WORDS, "cased": WORDS})),
    "origin_words": Required(WORDS),
}


@dataclass(frozen=True, slots=True)
class WeaponMention:
    """A weapon in a parsed text: `start`/`end` are character offsets in the Doc;
    `origin` is a demonym before it ("Iranian" in "Iranian-made Shahed drones")."""

    start: int
    end: int
    text: str
    name: str
    category: str
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class Category:
    name: str
    acled: str | None  # the ACLED sub-event type the weapon points to, when it alone decides
    heads: frozenset[str]  # keys (see `_key`) of generic nouns that may follow a name


@dataclass(frozen=True, slots=True)
class WeaponLexicon:
    categories: dict[str, Category]
    names: dict[str, tuple[str, str]]  # alias key -> (name, category)
    loose: re.Pattern[str]  # aliases matched in any case
    cased: re.Pattern[str]  # aliases matched only as written
    made: frozenset[str] = frozenset()  # "Iranian-made": the words after an origin


def _key(words: str) -> str:
    return re.sub(r"[\s\-‐–]+", "", words.lower())


def _pattern(aliases: Iterable[str]) -> str:
    parts = [_SEP.join(re.escape(p) for p in re.split(r"[\s\-]+", a))
             for a in sorted(set(aliases), key=len, reverse=True)]
    return "|".join(re.sub(r"(?<=[a-z])y$", "(?:y|ie)", p) for p in parts)  # battery, batteries


def _compile(aliases: Iterable[str], heads: Iterable[str], *, cased: bool) -> re.Pattern[str]:
    head = _pattern(heads)
    flags = 0 if cased else re.IGNORECASE
    return re.compile(rf"(?<![\w-])(?P<alias>{_pattern(aliases)})(?:e?s)?"
                      rf"(?:\s+(?P<head>{head})(?:e?s)?)?(?!\w)", flags)


def _strings(value: object, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{SOURCE}: {where} must be a list of strings")
    return list(value)


def _categories(raw: dict[str, Any]) -> dict[str, Category]:
    table = raw.get("categories")
    if not isinstance(table, dict) or not table:
        raise ConfigError(f"{SOURCE}: 'categories' must map category names to settings")
    return {str(name): Category(str(name), (spec or {}).get("acled"),
                                frozenset(_key(h) for h in _strings(
                                    (spec or {}).get("heads"), f"categories.{name}.heads")))
            for name, spec in table.items()}


def _entries(raw: dict[str, Any], categories: dict[str, Category]
             ) -> tuple[dict[str, tuple[str, str]], list[str], list[str]]:
    names: dict[str, tuple[str, str]] = {}
    loose: list[str] = []
    cased: list[str] = []
    for name, spec in (raw.get("weapons") or {}).items():
        where = f"weapons.{name}"
        if not isinstance(spec, dict) or spec.get("category") not in categories:
            raise ConfigError(f"{SOURCE}: {where} needs a category, one of {sorted(categories)}")
        aliases, exact = _strings(spec.get("aliases"), where), _strings(spec.get("cased"), where)
        if not aliases and not exact:
            raise ConfigError(f"{SOURCE}: {where} has no aliases")
        for alias in aliases + exact:
            names[_key(alias)] = (str(name), str(spec["category"]))
        loose += aliases
        cased += exact
    return names, loose, cased


@cache
def weapon_lexicon() -> WeaponLexicon:
    """weapons.yaml, validated; a ConfigError names the entry at fault."""
    raw = load_rules(__package__ or "", SOURCE, schema=WEAPONS)
    categories = _categories(raw)
    names, loose, cased = _entries(raw, categories)
    heads = {h for spec in raw["categories"].values()
             for h in _strings((spec or {}).get("heads"), "heads")}
    return WeaponLexicon(categories, names, _compile(loose, heads, cased=False),
                         _compile(cased, heads, cased=True),
                         frozenset(w.lower() for w in raw["origin_words"]))


def find_weapons(span: Span) -> list[WeaponMention]:
    """The weapons named in `span`, longest match first, left to right."""
    lex = weapon_lexicon()
    found = [_mention(span, match, lex) for pattern in (lex.loose, lex.cased)
             for match in pattern.finditer(span.text)]
    found.sort(key=lambda w: (w.start, -(w.end - w.start)))
    kept: list[WeaponMention] = []
    for mention in found:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def _mention(span: Span, match: re.Match[str], lex: WeaponLexicon) -> WeaponMention:
    name, category = lex.names[_key(match.group("alias"))]
    end = match.end()
    head = match.group("head")
    if head is not None and re.sub(r"ie$", "y", _key(head)) not in lex.categories[category].heads:
        end = match.start("head")  # "drone launcher": the head belongs to another kind
    text = span.text[match.start():end].rstrip()
    start = span.start_char + match.start()
    return WeaponMention(start, start + len(text), text, name, category, _origin(span, start))


def _origin(span: Span, start: int) -> str | None:
    """The demonym before a weapon: 'Iranian-made', 'Russian', 'US-supplied'."""
    before = [t for t in span if t.idx + len(t.text) <= start][-3:]
    if len(before) == 3 and before[2].lower_ in weapon_lexicon().made and before[1].text == "-":
        return before[0].text if before[0].text[:1].isupper() else None
    last: Token | None = before[-1] if before else None
    if last is not None and last.ent_type_ == "NORP":
        return last.text
    return None
