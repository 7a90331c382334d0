-- Imports (module importing): an uploaded file converted by ogr2ogr into staging rows, mapped to plot fields,
-- validated set-based, then committed as plots in one transaction. Staging is transient: rows older than
-- arealbank.imports.retention are deleted. Features and issues are UNLOGGED (no WAL for data that is thrown away
-- anyway); after a database crash they are empty and the job says so when read (its feature count no longer matches).

CREATE TABLE import_job (
    id                  uuid        PRIMARY KEY,
    municipality_number char(4)     NOT NULL REFERENCES municipality (number),
    file_name           text        NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    format              text        NOT NULL CHECK (format IN ('geojson', 'gpkg', 'shapefile', 'sosi', 'gml')),
    status              text        NOT NULL CHECK (status IN ('converting', 'validating', 'ready', 'committing',
                                                               'committed', 'failed')),
    progress_done       integer     NOT NULL DEFAULT 0,
    progress_total      integer     NOT NULL DEFAULT 0,
    feature_count       integer     NOT NULL DEFAULT 0,
    valid_count         integer     NOT NULL DEFAULT 0,
    invalid_count       integer     NOT NULL DEFAULT 0,
    warning_count       integer     NOT NULL DEFAULT 0,
    layers              jsonb       NOT NULL DEFAULT '[]',
    source_fields       jsonb       NOT NULL DEFAULT '[]',
    mapping             jsonb       NOT NULL DEFAULT '{}',
    error               jsonb,
    committed_plots     integer,
    created_by          text        NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_job_updated_idx ON import_job (updated_at);

-- One staged feature: the source attributes as converted, the geometry as converted (any type, may be invalid),
-- its polygonal part, the mapped plot fields (text as mapped) and their typed values after validation.
CREATE UNLOGGED TABLE import_feature (
    import_id      uuid    NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    ordinal        integer NOT NULL,
    layer          text    NOT NULL,
    attributes     jsonb   NOT NULL DEFAULT '{}',
    source_geom    geometry(Geometry, 25832),
    geom           geometry(MultiPolygon, 25832),
    geom_valid     boolean NOT NULL DEFAULT false,
    mapped         jsonb   NOT NULL DEFAULT '{}',
    name           text,
    purpose        text,
    allowed_uses   text[],
    land_use_code  integer,
    gnr            integer,
    bnr            integer,
    fnr            integer,
    snr            integer,
    availability   text,
    tenure         text,
    price_total    numeric,
    price_per_m2   numeric,
    plan_id        text,
    description    text,
    has_error      boolean NOT NULL DEFAULT false,
    has_warning    boolean NOT NULL DEFAULT false,
    PRIMARY KEY (import_id, ordinal)
);
CREATE INDEX import_feature_geom_gix ON import_feature USING gist (geom);

-- What the report says about a feature; location in lon/lat (CRS84) when the problem has a place.
CREATE UNLOGGED TABLE import_issue (
    import_id uuid    NOT NULL,
    ordinal   integer NOT NULL,
    code      text    NOT NULL,
    severity  text    NOT NULL CHECK (severity IN ('error', 'warning')),
    field     text,
    message   text    NOT NULL,
    location  geometry(Point, 4326),
    FOREIGN KEY (import_id, ordinal) REFERENCES import_feature (import_id, ordinal) ON DELETE CASCADE
);
CREATE INDEX import_issue_feature_idx ON import_issue (import_id, ordinal);

-- The last mapping a municipality used, proposed for its next import.
CREATE TABLE import_mapping (
    municipality_number char(4)     PRIMARY KEY REFERENCES municipality (number),
    mapping             jsonb       NOT NULL,
    updated_by          text        NOT NULL,
    updated_at          timestamptz NOT NULL DEFAULT now()
);

-- Lon/lat of a staged geometry for the report and the preview, or NULL when the coordinates cannot be transformed
-- (a file with nonsense coordinates must give a report, not a failed statement).
CREATE FUNCTION import_to_lonlat(g geometry) RETURNS geometry LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
    RETURN ST_Transform(g, 4326);
EXCEPTION WHEN OTHERS THEN
    RETURN NULL;
END $$;
