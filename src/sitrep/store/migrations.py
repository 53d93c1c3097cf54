"""The store's schema, as numbered migrations applied in order.

A store records the last migration applied in `schema_version`; opening an
older store applies the rest in one transaction. Never edit a released
migration: add the next one.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str]] = [
    (1, """
    CREATE TABLE articles (
        id VARCHAR PRIMARY KEY,
        published DATE,
        title VARCHAR,
        byline VARCHAR,
        source VARCHAR,
        url VARCHAR,
        text VARCHAR NOT NULL,
        n_words INTEGER,
        sitrep_version VARCHAR,
        added_at TIMESTAMP DEFAULT current_timestamp,
        record VARCHAR NOT NULL
    );
    CREATE TABLE times (
        article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
        start_char INTEGER, end_char INTEGER, text VARCHAR, type VARCHAR, value VARCHAR,
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE places (
        article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
        start_char INTEGER, end_char INTEGER, text VARCHAR, name VARCHAR,
        geonameid BIGINT, lat DOUBLE, lon DOUBLE, country VARCHAR, admin1 VARCHAR,
        feature VARCHAR,
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE statements (
        article_id VARCHAR NOT NULL, id VARCHAR NOT NULL,
        start_char INTEGER, end_char INTEGER, text VARCHAR, direct BOOLEAN,
        speaker VARCHAR, role VARCHAR, affiliation VARCHAR, speaker_kind VARCHAR,
        stance VARCHAR, target VARCHAR, channel VARCHAR, record VARCHAR NOT NULL,
        PRIMARY KEY (article_id, id)
    );
    CREATE TABLE events (
        article_id VARCHAR NOT NULL, id VARCHAR NOT NULL,
        type VARCHAR, acled_event_type VARCHAR, acled_sub_event_type VARCHAR,
        plover_event_type VARCHAR, plover_mode VARCHAR,
        date DATE, date_end DATE, time VARCHAR,
        location VARCHAR, country VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE,
        fatalities_min INTEGER, fatalities_max INTEGER, injured_min INTEGER, injured_max INTEGER,
        confidence DOUBLE, record VARCHAR NOT NULL,
        PRIMARY KEY (article_id, id)
    );
    CREATE TABLE evidence (
        article_id VARCHAR NOT NULL, event_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
        start_char INTEGER, end_char INTEGER, text VARCHAR,
        PRIMARY KEY (article_id, event_id, idx)
    );
    """),
    (2, """
    ALTER TABLE places ADD COLUMN metonymic BOOLEAN DEFAULT false;
    ALTER TABLE places ADD COLUMN parent VARCHAR;
    """),
    (3, """
    CREATE TABLE clusters (
        id VARCHAR PRIMARY KEY,
        date DATE, type VARCHAR, location VARCHAR, country VARCHAR,
        sources INTEGER, publishers INTEGER, contradictions INTEGER,
        updated_at TIMESTAMP DEFAULT current_timestamp,
        record VARCHAR NOT NULL
    );
    CREATE TABLE cluster_members (
        article_id VARCHAR NOT NULL, event_id VARCHAR NOT NULL, cluster_id VARCHAR NOT NULL,
        PRIMARY KEY (article_id, event_id)
    );
    CREATE TABLE contradictions (
        cluster_id VARCHAR NOT NULL, idx INTEGER NOT NULL, field VARCHAR,
        record VARCHAR NOT NULL,
        PRIMARY KEY (cluster_id, idx)
    );
    """),
    # The page's filters (map box, ACLED type, actor, fatalities) read plain columns of
    # the merged record, so 100k clusters filter without parsing JSON.
    (4, """
    ALTER TABLE clusters ADD COLUMN lat DOUBLE;
    ALTER TABLE clusters ADD COLUMN lon DOUBLE;
    ALTER TABLE clusters ADD COLUMN acled_event_type VARCHAR;
    ALTER TABLE clusters ADD COLUMN acled_sub_event_type VARCHAR;
    ALTER TABLE clusters ADD COLUMN fatalities INTEGER;
    ALTER TABLE clusters ADD COLUMN injured INTEGER;
    ALTER TABLE clusters ADD COLUMN actors VARCHAR;
    UPDATE clusters SET
        lat = TRY_CAST(json_extract_string(record, '$.merged.location.lat') AS DOUBLE),
        lon = TRY_CAST(json_extract_string(record, '$.merged.location.lon') AS DOUBLE),
        acled_event_type = json_extract_string(record, '$.merged.acled.event_type'),
        acled_sub_event_type = json_extract_string(record, '$.merged.acled.sub_event_type'),
        fatalities = TRY_CAST(json_extract_string(record, '$.merged.fatalities.min') AS INTEGER),
        injured = TRY_CAST(json_extract_string(record, '$.merged.injured.min') AS INTEGER),
        actors = NULLIF(array_to_string(
            json_extract_string(record, '$.merged.actors[*].name'), '; '), '');
    """),
    # The page's place filter and word search read short columns, not the record: the
    # merged place's region, and `search`, the merged event's type, place, actors,
    # weapons and evidence in lower case (as store.clusters.search_text writes it).
    (5, """
    ALTER TABLE clusters ADD COLUMN admin1 VARCHAR;
    ALTER TABLE clusters ADD COLUMN search VARCHAR;
    UPDATE clusters SET
        admin1 = json_extract_string(record, '$.merged.location.admin1'),
        search = NULLIF(lower(concat_ws(' ',
            NULLIF(json_extract_string(record, '$.merged.type'), ''),
            NULLIF(json_extract_string(record, '$.merged.location.name'), ''),
            NULLIF(json_extract_string(record, '$.merged.location.admin1'), ''),
            NULLIF(json_extract_string(record, '$.merged.location.country'), ''),
            NULLIF(array_to_string(json_extract_string(record, '$.merged.actors[*].name'), ' '),
                   ''),
            NULLIF(array_to_string(json_extract_string(record, '$.merged.weapons[*]'), ' '), ''),
            NULLIF(array_to_string(json_extract_string(record, '$.merged.evidence[*].text'),
                                   ' '), ''))), '');
    """),
    # `sitrep watch`'s checkpoint: each file of a watched folder it has read to the end,
    # as it was then (size and modification time): a changed file is read again.
    (6, """
    CREATE TABLE watched (
        path VARCHAR PRIMARY KEY, size BIGINT, mtime_ns BIGINT,
        done_at TIMESTAMP DEFAULT current_timestamp
    );
    """),
]

LATEST = MIGRATIONS[-1][0]
