package no.arealbank.features;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.arealbank.shared.SupportedCrs;

/**
 * SQL of the OGC collections. Each Feature is written by PostGIS ({@code json_build_object},
 * {@code ST_AsGeoJSON}); a page is one statement whose rows are streamed to the client as they arrive.
 * Spatial filters compare the stored column with a transformed envelope, so the GiST index is used.
 */
@Repository
class FeatureQueries {

    /** Features outside this lon/lat box cannot exist; clamping keeps huge client bboxes transformable. */
    static final double[] WORLD_CLAMP = {-10.0, 50.0, 40.0, 85.0};

    private final JdbcClient jdbc;

    FeatureQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Builds the Feature expression for the selected properties (pure function, tested on its output). */
    static String featureSql(FeatureCollectionDefinition c, List<FeatureCollectionDefinition.Property> selected,
            SupportedCrs crs) {
        String geometry = "ST_Transform(" + c.geometry() + ", :srid)";
        if (crs == SupportedCrs.EPSG_4326) {
            geometry = "ST_FlipCoordinates(" + geometry + ")"; // EPSG:4326 is latitude first (Part 2)
        }
        String properties = selected.stream().map(p -> "'" + p.name() + "', " + p.sql())
                .collect(Collectors.joining(", "));
        return "json_build_object('type', 'Feature', 'id', " + c.idSql() + ", 'geometry', ST_AsGeoJSON("
                + "ST_ForcePolygonCCW(" + geometry + "), :digits)::json, 'properties', json_build_object(" + properties
                + "))::text";
    }

    /** The WHERE clause (without the keyword) and its parameters for an items query. */
    static Where where(ItemsQuery q) {
        FeatureCollectionDefinition c = q.collection();
        StringBuilder sql = new StringBuilder("(").append(c.visible()).append(")");
        Map<String, Object> params = new HashMap<>(q.filterParams());
        if (q.bbox() != null) {
            sql.append(" AND ST_Intersects(").append(c.geometry())
                    .append(", ST_Transform(ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, :bboxSrid), 25832))");
            params.put("minx", q.bbox()[0]);
            params.put("miny", q.bbox()[1]);
            params.put("maxx", q.bbox()[2]);
            params.put("maxy", q.bbox()[3]);
            params.put("bboxSrid", q.bboxCrs().srid());
        }
        if (c.updatedAt() != null && q.from() != null) {
            sql.append(" AND ").append(c.updatedAt()).append(" >= :dtFrom");
            params.put("dtFrom", java.sql.Timestamp.from(q.from()));
        }
        if (c.updatedAt() != null && q.to() != null) {
            sql.append(" AND ").append(c.updatedAt()).append(" <= :dtTo");
            params.put("dtTo", java.sql.Timestamp.from(q.to()));
        }
        if (q.filterSql() != null) {
            sql.append(" AND (").append(q.filterSql()).append(")");
        }
        return new Where(sql.toString(), params);
    }

    record Where(String sql, Map<String, Object> params) {
    }

    long count(ItemsQuery q) {
        Where w = where(q);
        return jdbc.sql("SELECT count(*) FROM " + q.collection().from() + " WHERE " + w.sql()).params(w.params())
                .query(Long.class).single();
    }

    /**
     * Streams the page's Features to {@code sink}, in order, each as the UTF-8 JSON text PostGIS wrote: the driver's
     * raw bytes of the text column, never decoded into a Java string.
     */
    void page(ItemsQuery q, Consumer<byte[]> sink) {
        FeatureCollectionDefinition c = q.collection();
        Where w = where(q);
        String order = q.sort().stream()
                .map(s -> s.property().sql() + (s.descending() ? " DESC NULLS LAST" : " ASC NULLS LAST"))
                .collect(Collectors.joining(", "));
        String sql = "SELECT " + featureSql(c, q.selected(), q.crs()) + " FROM " + c.from() + " WHERE " + w.sql()
                + " ORDER BY " + (order.isEmpty() ? "" : order + ", ") + c.idSql() + " LIMIT :limit OFFSET :offset";
        Map<String, Object> params = new HashMap<>(w.params());
        params.put("srid", q.crs().srid());
        params.put("digits", q.crs().decimals());
        params.put("limit", q.limit());
        params.put("offset", q.offset());
        jdbc.sql(sql).params(params).query(rs -> {
            sink.accept(rs.getBytes(1));
        });
    }

    /** One Feature of the public view, or empty. */
    Optional<String> one(FeatureCollectionDefinition c, Object id, SupportedCrs crs) {
        String sql = "SELECT " + featureSql(c, c.properties(), crs) + " FROM " + c.from() + " WHERE (" + c.visible()
                + ") AND " + c.idSql() + " = :id";
        return jdbc.sql(sql).param("id", id).param("srid", crs.srid()).param("digits", crs.decimals())
                .query(String.class).optional();
    }

    /** Spatial extent (CRS84) and temporal extent of the public view. */
    record Extent(double[] bbox, String start, String end) {
    }

    Extent extent(FeatureCollectionDefinition c) {
        String time = c.updatedAt() == null ? "NULL::timestamptz, NULL::timestamptz"
                : "min(" + c.updatedAt() + "), max(" + c.updatedAt() + ")";
        return jdbc.sql("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e), t0, t1 FROM ("
                + "SELECT ST_Transform(ST_SetSRID(ST_Extent(" + c.geometry() + ")::geometry, 25832), 4326) AS e, " + time
                + " FROM " + c.from() + " WHERE " + c.visible() + ") x(e, t0, t1)")
                .query((rs, i) -> {
                    double[] bbox = rs.getObject(1) == null ? null
                            : new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
                    java.time.OffsetDateTime t0 = rs.getObject(5, java.time.OffsetDateTime.class);
                    java.time.OffsetDateTime t1 = rs.getObject(6, java.time.OffsetDateTime.class);
                    return new Extent(bbox, t0 == null ? null : t0.toInstant().toString(),
                            t1 == null ? null : t1.toInstant().toString());
                }).single();
    }
}
