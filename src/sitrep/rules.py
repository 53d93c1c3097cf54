"""Rule data: the YAML files next to each stage, read and checked the same way.

>>> sorted(load_rules("sitrep.events", "types.yaml"))[:2]
['families', 'modality']
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

from sitrep.errors import ConfigError


def load_rules(package: str, name: str) -> dict[str, Any]:
    """The mapping in a package's YAML file; a ConfigError names the file when it is
    not valid YAML or not a mapping."""
    source = resources.files(package).joinpath(name)
    try:
        raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ConfigError(f"{source}: not valid YAML ({error})") from error
    if not isinstance(raw, dict):
        raise ConfigError(f"{source}: expected a mapping at the top")
    return raw
