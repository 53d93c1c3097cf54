from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.scale.bench import report, run_bench


def test_bench_measures_both_runs_on_the_same_articles(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(
        json.dumps({"id": str(i), "text": f"Shelling hit town {i} on Monday, officials said."})
        for i in range(30)))
    result = run_bench(corpus, n=12, warmup=2)
    assert result.articles == 12 and result.words == 12 * 8
    assert result.bare_seconds > 0 and result.full_seconds > 0 and result.ratio > 0
    assert "parse" in result.stage_seconds and result.peak_rss_mb > 0
    text = report(result)
    assert "ratio" in text and "peak memory" in text


def test_bench_missing_corpus_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        run_bench(tmp_path / "none.jsonl", n=5)

