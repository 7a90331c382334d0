-- Each plot's minimum clearance in EPSG:3857 metres (ST_MinimumClearance: the least distance between a vertex and
-- another vertex or a segment not its own), kept by PostgreSQL beside the geometry it is computed from. A tile
-- statement uses it to tell which plots stay valid when merely snapped to the tile's grid, and skips ST_AsMVTGeom's
-- clipping and validation for those (TileQueries): over half of the busiest plot tile's time (bench/tiles).
-- A geometry that is not valid in EPSG:3857 gets 0, so it always goes through ST_AsMVTGeom.
ALTER TABLE plot ADD COLUMN tile_clearance_3857 double precision
    GENERATED ALWAYS AS (CASE WHEN ST_IsValid(ST_Transform(geom, 3857))
                              THEN ST_MinimumClearance(ST_Transform(geom, 3857)) ELSE 0 END) STORED;
