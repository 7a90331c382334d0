package no.arealbank.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The staging tables: jobs, their features as converted, the mapping into plot fields (one UPDATE per import, the
 * mapping's field names and constants bound as values), and the read paths of the report and preview (one statement
 * each, JSON built by PostgreSQL).
 */
@Repository
class Staging {

    private static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    /** Reads one feature at a time from a parser positioned inside the features array. */
    private final JsonMapper json = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    Staging(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    void insertJob(UUID id, String municipality, String fileName, ImportFormat format, String createdBy) {
        jdbc.sql("""
                INSERT INTO import_job (id, municipality_number, file_name, format, status, created_by)
                VALUES (:id, :m, :name, :format, 'converting', :by)
                """).param("id", id).param("m", municipality).param("name", fileName).param("format", format.id)
                .param("by", createdBy).update();
    }

    Optional<ImportView> find(UUID id) {
        return jdbc.sql("""
                SELECT id, municipality_number, file_name, format, status, progress_done, progress_total, feature_count,
                       valid_count, invalid_count, warning_count, source_fields::text, mapping::text, error::text,
                       created_by, created_at, updated_at, layers::text, committed_plots
                  FROM import_job WHERE id = :id
                """).param("id", id)
                .query((rs, i) -> new ImportView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), new ImportView.Progress(rs.getInt(6), rs.getInt(7)),
                        new ImportView.Counts(rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11)),
                        rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15),
                        rs.getObject(16, OffsetDateTime.class), rs.getObject(17, OffsetDateTime.class), rs.getString(18),
                        (Integer) rs.getObject(19)))
                .optional();
    }

    void progress(UUID id, int done, int total) {
        jdbc.sql("UPDATE import_job SET progress_done = :d, progress_total = :t, updated_at = now() WHERE id = :id")
                .param("d", done).param("t", total).param("id", id).update();
    }

    void status(UUID id, String status) {
        jdbc.sql("UPDATE import_job SET status = :s, updated_at = now() WHERE id = :id").param("s", status)
                .param("id", id).update();
    }

    /** Moves the job from one status to another if it is still in the first; false when someone else moved it. */
    boolean claim(UUID id, String from, String to) {
        return jdbc.sql("""
                UPDATE import_job SET status = :to, error = NULL, progress_done = 0, progress_total = 0,
                       updated_at = now() WHERE id = :id AND status = :from
                """).param("to", to).param("from", from).param("id", id).update() == 1;
    }

    void fail(UUID id, String problemJson) {
        jdbc.sql("UPDATE import_job SET status = 'failed', error = CAST(:e AS jsonb), updated_at = now() WHERE id = :id")
                .param("e", problemJson).param("id", id).update();
    }

    /** Back to ready with a problem to show (nothing was written). */
    void readyWithError(UUID id, String problemJson) {
        jdbc.sql("UPDATE import_job SET status = 'ready', error = CAST(:e AS jsonb), updated_at = now() WHERE id = :id")
                .param("e", problemJson).param("id", id).update();
    }

    void converted(UUID id, String layersJson, List<String> sourceFields, ImportMapping mapping) {
        jdbc.sql("""
                UPDATE import_job SET layers = CAST(:layers AS jsonb), source_fields = CAST(:fields AS jsonb),
                       mapping = CAST(:mapping AS jsonb), status = 'validating', updated_at = now() WHERE id = :id
                """).param("layers", layersJson).param("fields", json.writeValueAsString(sourceFields))
                .param("mapping", mapping.toJson().toString()).param("id", id).update();
    }

    void mapping(UUID id, ImportMapping mapping) {
        jdbc.sql("UPDATE import_job SET mapping = CAST(:mapping AS jsonb), updated_at = now() WHERE id = :id")
                .param("mapping", mapping.toJson().toString()).param("id", id).update();
    }

    void committed(UUID id, int plots) {
        jdbc.sql("""
                UPDATE import_job SET status = 'committed', committed_plots = :n, error = NULL, progress_done = :n,
                       progress_total = :n, updated_at = now() WHERE id = :id
                """).param("n", plots).param("id", id).update();
    }

    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM import_job WHERE id = :id").param("id", id).update() == 1;
    }

    /** Deletes jobs (and their staging rows) not touched for {@code age}; returns how many. */
    int deleteOlderThan(Duration age) {
        return jdbc.sql("DELETE FROM import_job WHERE updated_at < now() - make_interval(secs => :s)")
                .param("s", (double) age.toSeconds()).update();
    }

    Optional<String> rememberedMapping(String municipality) {
        return jdbc.sql("SELECT mapping::text FROM import_mapping WHERE municipality_number = :m")
                .param("m", municipality).query(String.class).optional();
    }

    record Remembered(String municipalityNumber, String mapping, String updatedBy, OffsetDateTime updatedAt) {
    }

    Optional<Remembered> remembered(String municipality) {
        return jdbc.sql("""
                SELECT municipality_number, mapping::text, updated_by, updated_at FROM import_mapping
                 WHERE municipality_number = :m
                """).param("m", municipality)
                .query((rs, i) -> new Remembered(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class)))
                .optional();
    }

    void remember(String municipality, ImportMapping mapping, String by) {
        jdbc.sql("""
                INSERT INTO import_mapping (municipality_number, mapping, updated_by) VALUES (:m, CAST(:map AS jsonb), :by)
                ON CONFLICT (municipality_number) DO UPDATE
                   SET mapping = excluded.mapping, updated_by = excluded.updated_by, updated_at = now()
                """).param("m", municipality).param("map", mapping.toJson().toString()).param("by", by).update();
    }

    /**
     * Streams one converted layer (GeoJSON written by ogr2ogr, EPSG:25832) into staging rows numbered from
     * {@code first}; at most {@code max} features, else {@link TooManyFeatures}. Returns how many were staged.
     */
    int load(UUID id, String layer, Path file, int first, int max) {
        String sql = """
                INSERT INTO import_feature (import_id, ordinal, layer, attributes, source_geom)
                VALUES (?, ?, ?, CAST(? AS jsonb), ST_SetSRID(ST_GeomFromGeoJSON(?), 25832))
                """;
        List<Object[]> rows = new ArrayList<>(BATCH);
        int n = 0;
        try (JsonParser p = json.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new Ogr.ConversionException("GDAL wrote no GeoJSON object");
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!"features".equals(name) || value != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    JsonNode f = json.readTree(p);
                    if (++n > max) {
                        throw new TooManyFeatures();
                    }
                    JsonNode props = f.get("properties");
                    JsonNode geometry = f.get("geometry");
                    rows.add(new Object[] {id, first + n - 1, layer,
                            props == null || !props.isObject() ? "{}" : props.toString(),
                            geometry == null || geometry.isNull() ? null : geometry.toString()});
                    if (rows.size() == BATCH) {
                        template.batchUpdate(sql, rows);
                        rows.clear();
                    }
                }
            }
        }
        if (!rows.isEmpty()) {
            template.batchUpdate(sql, rows);
        }
        return n;
    }

    /** The file has more features than {@code arealbank.imports.max-features}. */
    static final class TooManyFeatures extends RuntimeException {
        TooManyFeatures() {
            super("too many features");
        }
    }

    /** The polygonal part of each converted geometry, as a MultiPolygon (null when there is none). */
    void prepareGeometry(UUID id) {
        // one table, no self-join: the plan cannot go quadratic on a table full of other imports' rows
        jdbc.sql("""
                UPDATE import_feature f
                   SET geom = (SELECT x.g FROM (SELECT ST_Multi(ST_CollectionExtract(f.source_geom, 3)) AS g) x
                                WHERE NOT ST_IsEmpty(x.g))
                 WHERE f.import_id = :id AND f.source_geom IS NOT NULL
                """).param("id", id).update();
        // fresh statistics, so that the checks' self-join and matrikkel join use the indexes (autovacuum is too late)
        jdbc.sql("ANALYZE import_feature").update();
    }

    /** Attribute names in the order they first occur. */
    List<String> sourceFields(UUID id) {
        return jdbc.sql("""
                SELECT k FROM (SELECT k, min(f.ordinal * 1000 + o) AS first
                                 FROM import_feature f, jsonb_object_keys(f.attributes) WITH ORDINALITY AS a(k, o)
                                WHERE f.import_id = :id GROUP BY k) x ORDER BY first, k
                """).param("id", id).query(String.class).list();
    }

    /** Builds the mapped values of every feature of the import from its mapping: one statement. */
    void applyMapping(UUID id, ImportMapping mapping) {
        StringBuilder build = new StringBuilder("jsonb_strip_nulls(jsonb_build_object(");
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("id", id);
        boolean firstTarget = true;
        for (ImportMapping.Target t : ImportMapping.Target.values()) {
            String p = t.param();
            // value table hit, else the source value, else the constant; blanks count as missing
            build.append(firstTarget ? "" : ", ").append("'").append(t.key).append("', nullif(btrim(coalesce(")
                    .append("CAST(:v_").append(p).append(" AS jsonb) ->> (f.attributes ->> CAST(:f_").append(p)
                    .append(" AS text)), f.attributes ->> CAST(:f_").append(p).append(" AS text), CAST(:c_").append(p)
                    .append(" AS text))), '')");
            firstTarget = false;
            ImportMapping.Rule rule = mapping.rule(t);
            params.put("f_" + p, rule == null ? null : rule.field());
            params.put("c_" + p, rule == null ? null : rule.constant());
            params.put("v_" + p, mapping.valuesJson(t));
        }
        build.append("))");
        jdbc.sql("UPDATE import_feature f SET mapped = " + build + " WHERE f.import_id = :id").params(params).update();
    }

    /** The staging rows that have no error, as GeoJSON Feature texts (EPSG:25832) for the plots module. */
    List<String> validFeatures(UUID id, boolean publish) {
        return jdbc.sql("SELECT " + ImportValidation.FEATURE + "::text FROM import_feature f "
                + "JOIN import_job j ON j.id = f.import_id WHERE f.import_id = :id AND NOT f.has_error ORDER BY f.ordinal")
                .param("id", id).param("publish", publish).query(String.class).list();
    }

    /** A page of the staged features as a GeoJSON FeatureCollection in CRS84, issues and mapped fields included. */
    String features(UUID id, int limit, int offset) {
        return jdbc.sql("""
                SELECT json_build_object('type', 'FeatureCollection',
                         'numberMatched', (SELECT count(*) FROM import_feature WHERE import_id = :id),
                         'numberReturned', count(*),
                         'features', coalesce(json_agg(x.feature ORDER BY x.ordinal), '[]'::json))::text
                  FROM (SELECT f.ordinal, json_build_object(
                           'type', 'Feature', 'id', f.ordinal,
                           'geometry', ST_AsGeoJSON(import_to_lonlat(coalesce(f.geom, f.source_geom)), 6)::json,
                           'properties', %s) AS feature
                          FROM import_feature f %s
                         WHERE f.import_id = :id ORDER BY f.ordinal LIMIT :limit OFFSET :offset) x
                """.formatted(PROPERTIES, ISSUES_JOIN)).param("id", id).param("limit", limit).param("offset", offset)
                .query(String.class).single();
    }

    /** The report: per feature its status and issues, without geometry. */
    String report(UUID id) {
        return jdbc.sql("""
                SELECT coalesce(json_agg(json_build_object('ordinal', f.ordinal, 'layer', f.layer, 'name', f.name,
                         'matrikkelId', CASE WHEN f.gnr IS NULL THEN NULL ELSE concat_ws('/', f.gnr, f.bnr, f.fnr, f.snr) END,
                         'status', %s, 'issues', coalesce(iss.j, '[]'::json)) ORDER BY f.ordinal), '[]'::json)::text
                  FROM import_feature f %s WHERE f.import_id = :id
                """.formatted(STATUS, ISSUES_JOIN)).param("id", id).query(String.class).single();
    }

    /** One CSV line per issue: ordinal, layer, name, matrikkelId, severity, code, field, message, lon, lat. */
    List<String[]> reportRows(UUID id) {
        return jdbc.sql("""
                SELECT f.ordinal, f.layer, f.name, CASE WHEN f.gnr IS NULL THEN NULL ELSE concat_ws('/', f.gnr, f.bnr, f.fnr, f.snr) END,
                       i.severity, i.code, i.field, i.message, round(ST_X(i.location)::numeric, 6), round(ST_Y(i.location)::numeric, 6)
                  FROM import_feature f JOIN import_issue i ON i.import_id = f.import_id AND i.ordinal = f.ordinal
                 WHERE f.import_id = :id ORDER BY f.ordinal, i.severity, i.code
                """).param("id", id).query((rs, n) -> {
                    String[] row = new String[10];
                    for (int c = 0; c < 10; c++) {
                        row[c] = rs.getString(c + 1);
                    }
                    return row;
                }).list();
    }

    private static final String STATUS =
            "CASE WHEN f.has_error THEN 'invalid' WHEN f.has_warning THEN 'warning' ELSE 'valid' END";

    private static final String ISSUES_JOIN = """
            LEFT JOIN LATERAL (
                SELECT json_agg(json_build_object('code', i.code, 'severity', i.severity, 'field', i.field,
                         'message', i.message,
                         'location', CASE WHEN i.location IS NULL THEN NULL
                                          ELSE json_build_array(round(ST_X(i.location)::numeric, 6),
                                                                round(ST_Y(i.location)::numeric, 6)) END)
                         ORDER BY i.severity, i.code) AS j
                  FROM import_issue i WHERE i.import_id = f.import_id AND i.ordinal = f.ordinal) iss ON true
            """;

    private static final String PROPERTIES = """
            json_build_object('ordinal', f.ordinal, 'layer', f.layer, 'status', %s,
              'issues', coalesce(iss.j, '[]'::json),
              'name', f.name, 'purpose', f.purpose, 'allowedUses', to_json(f.allowed_uses),
              'landUseCode', f.land_use_code,
              'matrikkel', CASE WHEN f.gnr IS NULL THEN NULL
                                ELSE json_build_object('gnr', f.gnr, 'bnr', f.bnr, 'fnr', f.fnr, 'snr', f.snr) END,
              'matrikkelId', CASE WHEN f.gnr IS NULL THEN NULL ELSE concat_ws('/', f.gnr, f.bnr, f.fnr, f.snr) END,
              'availability', f.availability, 'tenure', f.tenure, 'priceTotal', f.price_total,
              'pricePerM2', f.price_per_m2, 'planId', f.plan_id, 'description', f.description,
              'areaM2', CASE WHEN f.geom_valid THEN round(ST_Area(f.geom)::numeric, 1) END,
              'mapped', f.mapped, 'source', f.attributes)
            """.formatted(STATUS);

    static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
