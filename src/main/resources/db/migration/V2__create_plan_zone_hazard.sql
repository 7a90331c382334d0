CREATE TABLE plan (
    plan_id             text    PRIMARY KEY CHECK (plan_id ~ '^[0-9]{4}-[A-Za-z0-9_.-]+$'),
    municipality_number char(4) NOT NULL REFERENCES municipality (number),
    name                text    NOT NULL,
    plan_type           integer NOT NULL REFERENCES plan_type (code),
    plan_status         integer NOT NULL REFERENCES plan_status (code),
    decision_date       date,
    document_url        text,
    geom                geometry(MultiPolygon, 25832) CHECK (geom IS NULL OR ST_IsValid(geom)),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (left(plan_id, 4) = municipality_number)
);
CREATE INDEX plan_geom_gix ON plan USING gist (geom);

-- Arealformålsområde. For combined purposes (1800/1900) the plan provisions decide what is allowed,
-- so the zone carries the explicit list; for other codes it defaults to the code's own uses.
CREATE TABLE zone (
    id              bigserial PRIMARY KEY,
    plan_id         text    NOT NULL REFERENCES plan (plan_id),
    land_use_code   integer NOT NULL REFERENCES land_use_code (code),
    land_use_status integer NOT NULL REFERENCES land_use_status (code),
    allowed_uses    text[]  NOT NULL DEFAULT '{}',
    name            text,
    geom            geometry(MultiPolygon, 25832) NOT NULL CHECK (ST_IsValid(geom)),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX zone_geom_gix ON zone USING gist (geom);
CREATE INDEX zone_plan_idx ON zone (plan_id);

CREATE TABLE hazard_zone (               -- hensynssone (fare: flom, ras/skred, ...)
    id                  bigserial PRIMARY KEY,
    code                integer NOT NULL REFERENCES consideration_zone_code (code),
    name                text    NOT NULL,
    municipality_number char(4) NOT NULL REFERENCES municipality (number),
    plan_id             text    REFERENCES plan (plan_id),
    description         jsonb   NOT NULL DEFAULT '{}',
    geom                geometry(MultiPolygon, 25832) NOT NULL CHECK (ST_IsValid(geom)),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hazard_zone_geom_gix ON hazard_zone USING gist (geom);
