"""Rule data: the YAML files next to each stage, read and checked the same way.

>>> sorted(load_rules("sitrep.events", "types.yaml"))[:2]
['families', 'modality']

A schema is a plain Python description declared next to the code that reads the
file: a dict of key -> spec (a closed mapping: other keys are errors), where a spec
is a type (`str`, `int`, `float`, `bool`), a one-item list (`[str]`: a list of
those), another dict, or one of the helpers below (`Required`, `Maybe`, `OneOf`,
`Either`, `MapOf`, `Check`). In a dict spec the key `"*"` stands for any other key.
Errors name the file and line: "FILE:LINE: unknown key 'x' in strike (expected one
of ...)", "FILE:LINE: strike.verbs must be a list of strings, not a string".

>>> schema = {"verbs": [str], "group": Required(str)}
>>> validate({"group": "violence", "verbs": ["attack"]}, schema, "rules")
>>> validate({"verbs": ["attack"]}, schema, "rules")
Traceback (most recent call last):
...
sitrep.errors.ConfigError: rules: group is required
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from sitrep.errors import ConfigError

WORDS = [str]  # the usual spec: a list of words


class Located(dict[Any, Any]):
    """A mapping read from a rule file that remembers where it and its keys are."""

    source: str = ""
    line: int = 0  # 1-based, of the mapping's first key
    lines: dict[Hashable, int]  # key -> 1-based line

    def at(self, key: Hashable | None = None) -> str:
        """"FILE:LINE" of a key of this mapping (of the mapping itself without one)."""
        line = self.line if key is None else getattr(self, "lines", {}).get(key, self.line)
        return f"{self.source}:{line}"


class LocatedList(list[Any]):
    """A list read from a rule file that remembers the line of each item."""

    source: str = ""
    line: int = 0
    lines: list[int]

    def at(self, index: int | None = None) -> str:
        lines = getattr(self, "lines", [])
        line = lines[index] if index is not None and index < len(lines) else self.line
        return f"{self.source}:{line}"


def at(node: object, key: Hashable | None = None, *, default: str = "") -> str:
    """"FILE:LINE" of a mapping's key or a list's item, when the node was read from a
    rule file; `default` (a file name, say) otherwise."""
    if isinstance(node, Located) and (key is None or key in getattr(node, "lines", {})):
        return node.at(key)
    if isinstance(node, LocatedList) and (key is None or isinstance(key, int)):
        return node.at(key if isinstance(key, int) else None)
    return default


class _Loader(yaml.SafeLoader):
    """A safe loader whose mappings and lists remember their file and lines."""

    source = ""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Located:
        found = Located(super().construct_mapping(node, deep=deep))
        found.source, found.line = self.source, node.start_mark.line + 1
        found.lines = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, Hashable):
                found.lines[key] = key_node.start_mark.line + 1
        return found

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LocatedList:
        found = LocatedList(super().construct_sequence(node, deep=deep))
        found.source, found.line = self.source, node.start_mark.line + 1
        found.lines = [item.start_mark.line + 1 for item in node.value]
        return found


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> Any:
    # the mapping is built in one step (not yielded empty and filled later) so that its
    # lines are recorded; anchors of mappings stay usable since aliases are resolved first
    return loader.construct_mapping(node, deep=True)


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> Any:
    return loader.construct_sequence(node, deep=True)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def load_rules(package: str, name: str, *, schema: dict[str, Any] | None = None
               ) -> dict[str, Any]:
    """The mapping in a package's YAML file; a ConfigError names the file (and line)
    when it is not valid YAML, not a mapping, or does not fit `schema`."""
    source = resources.files(package).joinpath(name)
    loader = _Loader(source.read_text(encoding="utf-8"))
    loader.source = str(source)
    try:
        raw = loader.get_single_data()
    except yaml.YAMLError as error:
        raise ConfigError(f"{source}: not valid YAML ({error})") from error
    finally:
        loader.dispose()
    if not isinstance(raw, dict):
        raise ConfigError(f"{source}: expected a mapping at the top")
    if schema is not None:
        validate(raw, schema, str(source))
    return raw


# -- schemas

@dataclass(frozen=True, slots=True)
class Required:
    """A key that must be there."""

    spec: Any


@dataclass(frozen=True, slots=True)
class Maybe:
    """A value that may also be null."""

    spec: Any


@dataclass(frozen=True, slots=True)
class OneOf:
    """One of these literal values."""

    values: tuple[Any, ...]

    def __init__(self, *values: Any) -> None:
        object.__setattr__(self, "values", values)


@dataclass(frozen=True, slots=True)
class Either:
    """A value that fits one of these specs (tried in order)."""

    specs: tuple[Any, ...]

    def __init__(self, *specs: Any) -> None:
        object.__setattr__(self, "specs", specs)


@dataclass(frozen=True, slots=True)
class MapOf:
    """A mapping with any keys (names), each value fitting `spec`."""

    spec: Any


@dataclass(frozen=True, slots=True)
class Check:
    """A value `test` accepts (it returns None) or rejects (it returns what is wrong)."""

    test: Callable[[Any], str | None]
    description: str


_NAMES = {str: "a string", int: "a whole number", float: "a number", bool: "true or false"}


def describe(spec: Any) -> str:
    """What a spec asks for, in words ("a list of strings")."""
    if isinstance(spec, Required | Maybe):
        return describe(spec.spec) + (" or null" if isinstance(spec, Maybe) else "")
    if isinstance(spec, list):
        inner = describe(spec[0])
        return "a list of " + (inner.split(" ", 1)[1] + "s" if inner.startswith("a ")
                               else inner)
    if isinstance(spec, dict | MapOf):
        return "a mapping"
    if isinstance(spec, OneOf):
        return "one of " + ", ".join(repr(v) for v in spec.values)
    if isinstance(spec, Either):
        return " or ".join(describe(s) for s in spec.specs)
    if isinstance(spec, Check):
        return spec.description
    return _NAMES.get(spec, getattr(spec, "__name__", str(spec)))


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return _NAMES.get(type(value), type(value).__name__)


def validate(value: Any, spec: Any, where: str, *, path: str = "", place: str = "") -> None:
    """Raise a ConfigError ("FILE:LINE: what is wrong") unless `value` fits `spec`;
    `where` is the file, used when the value carries no line of its own."""
    problem = _problem(value, spec, where, path, place)
    if problem is not None:
        raise ConfigError(problem)


def _problem(value: Any, spec: Any, where: str, path: str, place: str) -> str | None:
    """What is wrong with `value`, or None. `place` is "FILE:LINE" of the value."""
    place = place or at(value, default=where)
    name = path or "the top"
    if isinstance(spec, Required):
        spec = spec.spec
    if isinstance(spec, Maybe | Either | OneOf | Check):
        return _choice_problem(value, spec, where, path, place)
    if isinstance(spec, list):
        if not isinstance(value, list):
            return f"{place}: {name} must be {describe(spec)}, not {_kind(value)}"
        for i, item in enumerate(value):
            found = _problem(item, spec[0], where, f"{path}[{i}]", at(value, i, default=place))
            if found is not None:
                return found
        return None
    if isinstance(spec, dict | MapOf):
        return _mapping_problem(value, spec, where, path, place)
    if spec is float and isinstance(value, int) and not isinstance(value, bool):
        return None
    if isinstance(spec, type) and isinstance(value, spec) and not (
            spec is int and isinstance(value, bool)):
        return None
    return f"{place}: {name} must be {describe(spec)}, not {_kind(value)}"


def _choice_problem(value: Any, spec: Maybe | Either | OneOf | Check, where: str, path: str,
                    place: str) -> str | None:
    name = path or "the top"
    if isinstance(spec, Maybe):
        inner = None if value is None else _problem(value, spec.spec, where, path, place)
        nested = (isinstance(spec.spec, list) and isinstance(value, list)) or (
            isinstance(spec.spec, dict | MapOf) and isinstance(value, dict))
        if inner is None or nested:
            return inner  # (what is wrong inside a list or mapping is said there)
        return f"{place}: {name} must be {describe(spec)}, not {_kind(value)}"
    if isinstance(spec, Either):
        if any(_problem(value, s, where, path, place) is None for s in spec.specs):
            return None
        return f"{place}: {name} must be {describe(spec)}, not {_kind(value)}"
    if isinstance(spec, OneOf):
        if isinstance(value, Hashable) and value in spec.values:
            return None
        return f"{place}: {name} must be {describe(spec)}, not {value!r}"
    wrong = spec.test(value)
    return None if wrong is None else f"{place}: {name}: {wrong}"


def _mapping_problem(value: Any, spec: dict[str, Any] | MapOf, where: str, path: str,
                     place: str) -> str | None:
    name = path or "the top"
    if not isinstance(value, dict):
        return f"{place}: {name} must be a mapping, not {_kind(value)}"
    prefix = f"{path}." if path else ""
    for key, item in value.items():
        child = spec.spec if isinstance(spec, MapOf) else spec.get(str(key), spec.get("*"))
        key_place = at(value, key, default=place)
        if child is None:
            expected = ", ".join(k for k in spec if k != "*")  # type: ignore[union-attr]
            return (f"{key_place}: unknown key {key!r} in {name} "
                    f"(expected one of {expected})")
        found = _problem(item, child, where, f"{prefix}{key}", key_place)
        if found is not None:
            return found
    if isinstance(spec, dict):
        for key, child in spec.items():
            if isinstance(child, Required) and key not in value:
                return f"{place}: {prefix}{key} is required" if path else \
                    f"{place}: {key} is required"
    return None
