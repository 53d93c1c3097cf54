"""Scoring sitrep's stages on evaluation data: the code behind `sitrep eval`.

One module per thing scored: `time` (TimeML), `geo` (LGL, GeoVirus,
GeoWebNews), `quotes` (PolNeAR), `events` (CASE 2021, FA-KES, PLOVER) and
`crossdoc` (clusters across articles), with their gold readers and the
rule data only the scoring reads. The pipeline does not use this package,
and no product module may import it.
"""
