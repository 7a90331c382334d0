package no.arealbank.tiles;

import java.util.List;

/**
 * One tiled layer as the server defines it: trusted SQL fragments chosen at start, never from a request.
 *
 * @param id          the layer's name in paths and in the vector tile
 * @param from        table with alias and joins
 * @param geometry    the EPSG:3857 geometry column (GiST-indexed; generated from the stored EPSG:25832 one)
 * @param visible     the public-view predicate (no drafts, no archived plots)
 * @param idSql       an integer feature id, or null when the layer has none
 * @param simplify    simplify geometries to the tile's resolution before clipping (large polygons)
 * @param clearance   the column holding each polygon's minimum clearance in EPSG:3857 metres (see
 *                    {@link TileQueries}), or null; only for layers that are not simplified
 * @param purposeSql  what colours a feature in PNG tiles (plot purpose), or {@code NULL}
 * @param statusSql   what outlines or hatches it (plot availability), or {@code NULL}
 * @param attributes  what the vector tile carries per feature, for styling and filtering on the page
 */
record TileLayer(String id, String title, String description, int minZoom, int maxZoom, String from, String geometry,
        String visible, String idSql, boolean simplify, String clearance, String purposeSql, String statusSql,
        List<Attribute> attributes) {

    TileLayer {
        if (simplify && clearance != null) {
            throw new IllegalArgumentException(id + ": a clearance holds for the stored geometry, not a simplified one");
        }
    }

    /** A vector tile attribute: its name and an SQL expression of a type MVT holds (text, integer, float, boolean). */
    record Attribute(String name, String type, String sql, String description) {
    }

    boolean covers(int z) {
        return z >= minZoom && z <= maxZoom;
    }
}
