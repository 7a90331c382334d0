-- Code lists and municipalities. Code-list rows are loaded from the CSV files in classpath:reference/
-- (copied from the shared reference set, see reference/SOURCES.md) by reference.CodeListLoader at start.

CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE land_use_code (             -- arealformål (SOSI)
    code               integer PRIMARY KEY,
    name_nb            text    NOT NULL,
    name_nn            text,
    level              text    NOT NULL,
    main_group         integer NOT NULL,
    main_group_name    text    NOT NULL,
    status             text    NOT NULL,
    arealbank_category text    NOT NULL,
    allowed_uses       text[]  NOT NULL DEFAULT '{}',
    notes              text
);

CREATE TABLE consideration_zone_code (   -- hensynssone (SOSI)
    code    integer PRIMARY KEY,
    name_nb text NOT NULL,
    kind    text NOT NULL,
    level   text NOT NULL,
    status  text NOT NULL,
    notes   text
);

CREATE TABLE plan_type (
    code    integer PRIMARY KEY,
    name_nb text NOT NULL,
    level   text NOT NULL,
    notes   text
);

CREATE TABLE plan_status (
    code    integer PRIMARY KEY,
    name_nb text NOT NULL,
    notes   text
);

CREATE TABLE land_use_status (           -- arealbruksstatus
    code    integer PRIMARY KEY,
    name_nb text NOT NULL,
    notes   text
);

CREATE TABLE vertical_level (            -- vertikalnivå
    code    integer PRIMARY KEY,
    name_nb text NOT NULL,
    notes   text
);

-- Arealbank's own vocabulary for what may be built in an area; 'bustad' is what allows permanent residence.
CREATE TABLE allowed_use (
    code                 text PRIMARY KEY,
    name_nn              text    NOT NULL,
    name_nb              text    NOT NULL,
    name_en              text    NOT NULL,
    permanent_residence  boolean NOT NULL DEFAULT false
);

INSERT INTO allowed_use (code, name_nn, name_nb, name_en, permanent_residence) VALUES
    ('bustad',        'Bustad',        'Bolig',          'Housing',            true),
    ('fritidsbustad', 'Fritidsbustad', 'Fritidsbolig',   'Leisure home',       false),
    ('naering',       'Næring',        'Næring',         'Business',           false),
    ('kontor',        'Kontor',        'Kontor',         'Office',             false),
    ('industri',      'Industri',      'Industri',       'Industry',           false),
    ('lager',         'Lager',         'Lager',          'Warehouse',          false),
    ('forretning',    'Forretning',    'Forretning',     'Retail',             false),
    ('tenesteyting',  'Tenesteyting',  'Tjenesteyting',  'Public services',    false);

-- Municipalities by their current (2024) number; the boundary is official data loaded at start
-- (Kartverket API or AREALBANK_BOUNDARIES_FILE) and may be missing when no source was reachable.
CREATE TABLE municipality (
    number            char(4) PRIMARY KEY CHECK (number ~ '^[0-9]{4}$'),
    name              text    NOT NULL,
    county_number     char(2) NOT NULL,
    county_name       text    NOT NULL,
    region            text    NOT NULL,
    admin_centre      text    NOT NULL,
    boundary          geometry(MultiPolygon, 25832) CHECK (boundary IS NULL OR ST_IsValid(boundary)),
    boundary_source   text,
    boundary_loaded_at timestamptz,
    valid_from        date NOT NULL DEFAULT DATE '2024-01-01',
    valid_to          date
);
CREATE INDEX municipality_boundary_gix ON municipality USING gist (boundary);

-- Older numbers (2020–2023 and pre-2020) that still appear in documents and files.
CREATE TABLE municipality_alias (
    old_number  char(4) NOT NULL CHECK (old_number ~ '^[0-9]{4}$'),
    number      char(4) NOT NULL REFERENCES municipality (number),
    valid_from  date,
    valid_to    date    NOT NULL,
    PRIMARY KEY (old_number, number)
);

-- Named places: kommune centres and villages (points; illustrative sample data).
CREATE TABLE place (
    id                  bigserial PRIMARY KEY,
    municipality_number char(4) NOT NULL REFERENCES municipality (number),
    name                text    NOT NULL,
    kind                text    NOT NULL CHECK (kind IN ('kommunesenter', 'tettstad')),
    geom                geometry(Point, 25832) NOT NULL,
    UNIQUE (municipality_number, name)
);
CREATE INDEX place_geom_gix ON place USING gist (geom);

CREATE TABLE business_hub (              -- næringshage
    id                  bigserial PRIMARY KEY,
    municipality_number char(4) NOT NULL REFERENCES municipality (number),
    name                text    NOT NULL UNIQUE,
    website             text,
    description         jsonb   NOT NULL DEFAULT '{}',
    geom                geometry(Point, 25832) NOT NULL
);
CREATE INDEX business_hub_geom_gix ON business_hub USING gist (geom);
