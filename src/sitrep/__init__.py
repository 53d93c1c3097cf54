"""sitrep: conflict and politics news in, analyst-grade event records out.

>>> import sitrep
>>> article = sitrep.extract("Shelling hit Kharkiv on Monday.", published="2024-03-05")
>>> article.to_dict()["published"]
'2024-03-05'

Heavy parts (spaCy, DuckDB) load only when first used, so importing the
package stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sitrep._version import __version__

if TYPE_CHECKING:
    from sitrep.api import extract
    from sitrep.pipeline import Pipeline
    from sitrep.settings import Settings

__all__ = ["Pipeline", "Settings", "__version__", "extract"]


def __getattr__(name: str) -> Any:
    if name == "extract":
        from sitrep.api import extract

        return extract
    if name == "Pipeline":
        from sitrep.pipeline import Pipeline

        return Pipeline
    if name == "Settings":
        from sitrep.settings import Settings

        return Settings
    raise AttributeError(f"module 'sitrep' has no attribute {name!r}")
