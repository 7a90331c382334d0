package no.arealbank.plots;

import java.util.List;
import java.util.Optional;

import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The geometry work of split and merge, done by PostGIS on the stored EPSG:25832 geometry (true metres):
 * {@code ST_Split} cuts a plot by a line, {@code ST_Union} joins plots. Results come back as GeoJSON in EPSG:25832
 * at full precision, so that each new plot passes the same validation as any plot a client sends.
 */
@Component
class PlotGeometryOps {

    /** A piece of a split plot: GeoJSON (EPSG:25832) and area in m². */
    record Piece(String geometry, double areaM2) {
    }

    /** The outcome of a split: the pieces (largest first) and how many polygons the plot had before. */
    record SplitResult(int polygonsBefore, List<Piece> pieces) {
    }

    /** The union of plots: GeoJSON (EPSG:25832) and how many polygons it has (1 when the plots form one area). */
    record Union(String geometry, int polygons, boolean snapped) {
    }

    /*
     * ST_Dump turns the GeometryCollection of ST_Split into one row per polygon. A MultiPolygon plot that the line
     * does not cut still dumps into its parts, so "the line splits" means more polygons after than before.
     * Ordered by area, then west to east and south to north, so the names "<name> 1", "<name> 2" are reproducible.
     */
    private static final String SPLIT = """
            SELECT ST_NumGeometries(p.geom) AS before, ST_AsGeoJSON(d.geom, 9) AS geometry, ST_Area(d.geom) AS area
              FROM plot p, ST_Dump(ST_Split(p.geom, ST_GeomFromWKB(:line, 25832))) d
             WHERE p.id = :id
             ORDER BY ST_Area(d.geom) DESC, ST_X(ST_PointOnSurface(d.geom)), ST_Y(ST_PointOnSurface(d.geom))
            """;

    /*
     * Plots drawn by hand rarely share their edges exactly (and a lon/lat edge transformed to UTM differs in the last
     * digits), so a union that is not one polygon is closed once: a buffer of half the tolerance and back (mitred, so
     * corners stay corners) closes gaps narrower than the tolerance and changes nothing else measurably.
     */
    private static final String UNION = """
            WITH u AS (SELECT ST_Union(geom) AS g FROM plot WHERE id = ANY (CAST(string_to_array(:ids, ',') AS bigint[]))),
                 s AS (SELECT CASE WHEN ST_NumGeometries(ST_Multi(g)) = 1 THEN g
                                   ELSE ST_Buffer(ST_Buffer(g, :half, 'join=mitre'), -:half, 'join=mitre') END AS g,
                              ST_NumGeometries(ST_Multi(g)) > 1 AS snapped
                         FROM u)
            SELECT ST_AsGeoJSON(ST_Multi(g), 9), ST_NumGeometries(ST_Multi(g)), snapped FROM s
            """;

    private final JdbcClient jdbc;

    PlotGeometryOps(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code line} in EPSG:25832. */
    SplitResult split(long plotId, LineString line) {
        byte[] wkb = new WKBWriter().write(line);
        List<Object[]> rows = jdbc.sql(SPLIT).param("id", plotId).param("line", wkb)
                .query((rs, i) -> new Object[] {rs.getInt(1), new Piece(rs.getString(2), rs.getDouble(3))}).list();
        int before = rows.isEmpty() ? 0 : (int) rows.get(0)[0];
        return new SplitResult(before, rows.stream().map(r -> (Piece) r[1]).toList());
    }

    Optional<Union> union(List<Long> ids, double tolerance) {
        return jdbc.sql(UNION).param("ids", String.join(",", ids.stream().map(String::valueOf).toList()))
                .param("half", tolerance / 2)
                .query((rs, i) -> rs.getString(1) == null ? null
                        : new Union(rs.getString(1), rs.getInt(2), rs.getBoolean(3)))
                .list().stream().filter(java.util.Objects::nonNull).findFirst();
    }
}
