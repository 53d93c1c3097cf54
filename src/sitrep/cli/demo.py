"""`sitrep demo`: run on the bundled examples and print what came out."""

from __future__ import annotations

import click

from sitrep.cli.options import db_option, model_option
from sitrep.examples import example_paths
from sitrep.records import Article
from sitrep.scale.progress import show_notices
from sitrep.scale.runner import extract_paths
from sitrep.settings import Settings


class _Collect:
    def __init__(self) -> None:
        self.articles: list[Article] = []

    def write(self, article: Article) -> None:
        self.articles.append(article)

    def close(self) -> None:
        pass


def summary(article: Article) -> str:
    """A readable account of one article's records."""
    lines = [f"== {article.title or article.id}",
             f"   published {article.published or '?'}; by {article.byline or '?'}; "
             f"{len(article.text.split())} words"]
    if article.removed:
        kinds = ", ".join(sorted({r.kind for r in article.removed}))
        lines.append(f"   left out of the text: {len(article.removed)} ({kinds})")
    lines.append(f"   times ({len(article.times)}): " + "; ".join(
        f"{t.text} = {t.value}" for t in article.times))
    lines.append(f"   events ({len(article.events)}):")
    for e in article.events:
        where = e.location.name if e.location else "?"
        lines.append(f"     - {e.date or '?'} {e.type} in {where}")
    lines.append(f"   statements ({len(article.statements)}):")
    for s in article.statements:
        lines.append(f"     - {s.speaker.name} [{s.stance}]: {s.text[:70]}")
    names = sorted({p.name for p in article.places})
    lines.append(f"   places ({len(names)}): {', '.join(names)}")
    return "\n".join(lines)


@click.command()
@db_option
@model_option
def demo(db: str, model: str) -> None:
    """Run sitrep on its bundled example articles and print a summary.

    The records are stored in --db too, so `sitrep events` and
    `sitrep statements` can query them afterwards.

    \b
    Example:
      sitrep demo
      sitrep demo --db /tmp/demo.duckdb
    """
    show_notices()  # the first run builds the place index: say so
    paths = [str(p) for p in example_paths()]
    collect = _Collect()
    report = extract_paths(paths, settings=Settings(model=model), writer=collect, db=db)
    for article in collect.articles:
        click.echo(summary(article) + "\n")
    click.echo(f"{report.summary()}\nstore: {db} (try: sitrep events --db {db}; or "
               f"sitrep serve --db {db}, then open http://127.0.0.1:8000/)")
