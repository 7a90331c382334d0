package no.arealbank.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.arealbank.plots.PlotBatch;
import no.arealbank.plots.PlotRules;
import no.arealbank.shared.FieldProblem;
import no.arealbank.shared.SupportedCrs;

/**
 * The validation report, set-based: each check is one INSERT … SELECT over the import's staging rows (geometry type
 * and validity with {@code ST_IsValidDetail}'s location, Norway's extent, the municipality, codes, required fields,
 * matrikkel ids within the file and against live plots, overlaps within the file and with live plots). The rules
 * come from {@link PlotRules}; a last pass runs the plots module's own validator over the features still valid, so
 * "valid" here means the commit accepts it.
 */
@Component
class ImportValidation {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ImportValidation.class);

    /** A staged feature as the plot Feature a commit hands to the plots module (EPSG:25832); binds :publish. */
    static final String FEATURE = """
            json_build_object('type', 'Feature', 'geometry', ST_AsGeoJSON(f.geom)::json,
              'properties', json_strip_nulls(json_build_object(
                'municipalityNumber', j.municipality_number, 'name', f.name,
                'matrikkel', CASE WHEN f.gnr IS NULL THEN NULL
                                  ELSE json_build_object('gnr', f.gnr, 'bnr', f.bnr, 'fnr', f.fnr, 'snr', f.snr) END,
                'purpose', f.purpose, 'allowedUses', to_json(f.allowed_uses), 'landUseCode', f.land_use_code,
                'availability', f.availability, 'tenure', f.tenure, 'priceTotal', f.price_total,
                'pricePerM2', f.price_per_m2, 'planId', f.plan_id,
                'description', CASE WHEN f.description IS NULL THEN NULL ELSE json_build_object('nn', f.description) END,
                'published', CAST(:publish AS boolean))))
            """;

    /** Typed plot fields from the mapped texts; land-use codes supply purpose and allowed uses when not mapped. */
    private static final String TYPED = """
            UPDATE import_feature f SET
                name = f.mapped ->> 'name',
                land_use_code = %7$s,
                purpose = coalesce(f.mapped ->> 'purpose',
                                   (SELECT l.arealbank_category FROM land_use_code l WHERE l.code = %7$s
                                       AND l.arealbank_category = ANY (CAST(:purposes AS text[])))),
                allowed_uses = CASE WHEN (f.mapped ->> 'allowedUses') IS NOT NULL
                                    THEN (SELECT array_agg(DISTINCT u ORDER BY u)
                                            FROM regexp_split_to_table(f.mapped ->> 'allowedUses', '[,;[:space:]]+') u
                                           WHERE u <> '')
                                    ELSE (SELECT nullif(l.allowed_uses, '{}') FROM land_use_code l WHERE l.code = %7$s) END,
                gnr = %1$s, bnr = %2$s, fnr = %3$s, snr = %4$s,
                availability = f.mapped ->> 'availability',
                tenure = f.mapped ->> 'tenure',
                price_total = %5$s, price_per_m2 = %6$s,
                plan_id = f.mapped ->> 'planId',
                description = f.mapped ->> 'description',
                geom_valid = f.geom IS NOT NULL AND ST_IsValid(f.geom),
                has_error = false, has_warning = false
             WHERE f.import_id = :id
            """.formatted(whole("gnr"), whole("bnr"), whole("fnr"), whole("snr"), amount("priceTotal"),
            amount("pricePerM2"), whole("landUseCode"));

    private static String whole(String key) {
        return "CASE WHEN f.mapped ->> '" + key + "' ~ '^[0-9]{1,9}(\\.0+)?$' THEN CAST(CAST(f.mapped ->> '" + key
                + "' AS numeric) AS integer) END";
    }

    private static String amount(String key) {
        return "CASE WHEN replace(f.mapped ->> '" + key + "', ',', '.') ~ '^-?[0-9]{1,15}(\\.[0-9]{1,4})?$' "
                + "THEN CAST(replace(f.mapped ->> '" + key + "', ',', '.') AS numeric) END";
    }

    private static final String INSERT = "INSERT INTO import_issue (import_id, ordinal, code, severity, field, message, location) ";
    private static final String ONE = " FROM import_feature f WHERE f.import_id = :id AND ";

    /** Every check, in report order; each binds :id and some of the rule parameters. */
    private static final List<String> CHECKS = List.of(
            INSERT + """
                    SELECT f.import_id, f.ordinal, 'not_polygon', 'error', 'geometry',
                           CASE WHEN f.source_geom IS NULL THEN 'the feature has no geometry'
                                ELSE 'the geometry is a ' || GeometryType(f.source_geom) || ', not an area (polygon)' END,
                           NULL""" + ONE + "f.geom IS NULL",
            INSERT + """
                    SELECT x.import_id, x.ordinal, 'invalid_geometry', 'error', 'geometry',
                           'invalid geometry: ' || coalesce((x.d).reason, 'not valid'),
                           import_to_lonlat(ST_SetSRID((x.d).location, 25832))
                      FROM (SELECT f.import_id, f.ordinal, ST_IsValidDetail(f.geom) AS d
                              FROM import_feature f WHERE f.import_id = :id AND f.geom IS NOT NULL AND NOT f.geom_valid) x
                    """,
            INSERT + """
                    SELECT x.import_id, x.ordinal, 'outside_norway', 'error', 'geometry',
                           CASE WHEN x.ll IS NULL THEN 'outside Norway: the coordinates cannot be placed on Earth in EPSG:25832'
                                ELSE format('outside Norway: the area spans lon %s–%s, lat %s–%s; plots must lie within lon %s–%s, lat %s–%s',
                                            round(ST_XMin(x.ll)::numeric, 4), round(ST_XMax(x.ll)::numeric, 4),
                                            round(ST_YMin(x.ll)::numeric, 4), round(ST_YMax(x.ll)::numeric, 4),
                                            :minLon, :maxLon, :minLat, :maxLat) END,
                           CASE WHEN x.ll IS NOT NULL THEN ST_PointN(ST_ExteriorRing(ST_GeometryN(x.ll, 1)), 1) END
                      FROM (SELECT f.import_id, f.ordinal, import_to_lonlat(f.geom) AS ll
                              FROM import_feature f WHERE f.import_id = :id AND f.geom IS NOT NULL) x
                     WHERE x.ll IS NULL OR ST_XMin(x.ll) < :minLon OR ST_XMax(x.ll) > :maxLon
                        OR ST_YMin(x.ll) < :minLat OR ST_YMax(x.ll) > :maxLat
                    """,
            INSERT + """
                    SELECT f.import_id, f.ordinal, 'outside_municipality', 'error', 'geometry',
                           'the area lies outside municipality ' || m.number || ' ' || m.name,
                           import_to_lonlat(ST_PointOnSurface(f.geom))
                      FROM import_feature f JOIN import_job j ON j.id = f.import_id
                      JOIN municipality m ON m.number = j.municipality_number
                     WHERE f.import_id = :id AND f.geom_valid AND NOT """
                    + PlotRules.INSIDE_MUNICIPALITY.formatted("f.geom"),
            INSERT + """
                    SELECT f.import_id, f.ordinal, 'too_many_vertices', 'error', 'geometry',
                           'too many vertices: ' || ST_NPoints(f.geom) || ' (at most ' || :maxVertices || ')', NULL"""
                    + ONE + "ST_NPoints(f.geom) > :maxVertices",
            INSERT + """
                    SELECT f.import_id, f.ordinal, 'missing_field', 'error', 'name',
                           'name is required: map a source field or a constant', NULL""" + ONE + "f.name IS NULL",
            INSERT + """
                    SELECT f.import_id, f.ordinal, 'invalid_value', 'error', 'name', 'name: at most 200 characters', NULL"""
                    + ONE + "length(f.name) > 200",
            INSERT + """
                    SELECT f.import_id, f.ordinal, 'missing_field', 'error', 'purpose',
                           'purpose is required: map a field, a constant, or a land-use code of a plot category', NULL"""
                    + ONE + "f.purpose IS NULL",
            INSERT + """
                    SELECT f.import_id, f.ordinal, 'unknown_code', 'error', 'purpose',
                           format('purpose ''%s'' is not one of %s', f.purpose, array_to_string(CAST(:purposes AS text[]), ', ')), NULL"""
                    + ONE + "f.purpose <> ALL (CAST(:purposes AS text[]))",
            INSERT + """
                    SELECT f.import_id, f.ordinal, 'missing_field', 'error', 'availability',
                           'availability is required: map a field or a constant such as available', NULL"""
                    + ONE + "f.availability IS NULL",
            INSERT + """
                    SELECT f.import_id, f.ordinal, 'unknown_code', 'error', 'availability',
                           format('availability ''%s'' is not one of %s', f.availability,
                                  array_to_string(CAST(:availabilities AS text[]), ', ')), NULL"""
                    + ONE + "f.availability <> ALL (CAST(:availabilities AS text[]))",
            INSERT + """
                    SELECT f.import_id, f.ordinal, 'unknown_code', 'error', 'tenure',
                           format('tenure ''%s'' is not one of %s', f.tenure, array_to_string(CAST(:tenures AS text[]), ', ')), NULL"""
                    + ONE + "f.tenure <> ALL (CAST(:tenures AS text[]))",
            INSERT + """
                    SELECT f.import_id, f.ordinal, 'invalid_value', 'error', 'landUseCode',
                           format('arealformål ''%s'' is not a code number', f.mapped ->> 'landUseCode'), NULL"""
                    + ONE + "(f.mapped ->> 'landUseCode') IS NOT NULL AND f.land_use_code IS NULL",
            INSERT + """
                    SELECT f.import_id, f.ordinal, 'unknown_code', 'error', 'landUseCode',
                           'arealformål ' || f.land_use_code || ' is not in the SOSI code list', NULL"""
                    + ONE + "f.land_use_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM land_use_code l WHERE l.code = f.land_use_code)",
            INSERT + """
                    SELECT f.import_id, f.ordinal, 'unknown_code', 'error', 'allowedUses',
                           'unknown use ''' || u || '''', NULL
                      FROM import_feature f, unnest(f.allowed_uses) u
                     WHERE f.import_id = :id AND NOT EXISTS (SELECT 1 FROM allowed_use a WHERE a.code = u)
                    """,
            INSERT + """
                    SELECT f.import_id, f.ordinal, 'missing_field', 'error', 'allowedUses',
                           'a combined plot must list its allowed uses (e.g. bustad, fritidsbustad)', NULL"""
                    + ONE + "f.purpose = 'combined' AND f.allowed_uses IS NULL",
            INSERT + """
                    SELECT f.import_id, f.ordinal, 'invalid_value', 'error', k,
                           format('%s ''%s'' is not a positive whole number', k, f.mapped ->> k), NULL
                      FROM import_feature f, unnest(ARRAY['gnr', 'bnr', 'fnr', 'snr']) k
                     WHERE f.import_id = :id AND (f.mapped ->> k) IS NOT NULL
                       AND NOT CASE WHEN f.mapped ->> k ~ '^[0-9]{1,9}(\\.0+)?$' THEN CAST(f.mapped ->> k AS numeric) > 0
                                    ELSE false END
                    """,
            INSERT + """
                    SELECT f.import_id, f.ordinal, 'missing_field', 'error', CASE WHEN f.gnr IS NULL THEN 'gnr' ELSE 'bnr' END,
                           'gnr and bnr are both required (or neither)', NULL"""
                    + ONE + "(f.gnr IS NULL) <> (f.bnr IS NULL)",
            INSERT + """
                    SELECT f.import_id, f.ordinal, 'missing_field', 'error', 'fnr', 'fnr is required when snr is given', NULL"""
                    + ONE + "f.snr IS NOT NULL AND f.fnr IS NULL",
            INSERT + """
                    SELECT f.import_id, f.ordinal, 'invalid_value', 'error', k,
                           format('%s ''%s'' is not an amount in kroner', k, f.mapped ->> k), NULL
                      FROM import_feature f, unnest(ARRAY['priceTotal', 'pricePerM2']) k
                     WHERE f.import_id = :id AND (f.mapped ->> k) IS NOT NULL
                       AND NOT replace(f.mapped ->> k, ',', '.') ~ '^-?[0-9]{1,15}(\\.[0-9]{1,4})?$'
                    """,
            INSERT + """
                    SELECT f.import_id, f.ordinal, 'invalid_value', 'error', k, k || ' must not be negative', NULL
                      FROM import_feature f, LATERAL (VALUES ('priceTotal', f.price_total), ('pricePerM2', f.price_per_m2)) v(k, amount)
                     WHERE f.import_id = :id AND v.amount < 0
                    """,
            INSERT + """
                    SELECT f.import_id, f.ordinal, 'unknown_code', 'error', 'planId',
                           CASE WHEN p.plan_id IS NULL THEN 'unknown plan ''' || f.plan_id || ''''
                                ELSE 'plan ' || f.plan_id || ' belongs to municipality ' || p.municipality_number END, NULL
                      FROM import_feature f JOIN import_job j ON j.id = f.import_id
                      LEFT JOIN plan p ON p.plan_id = f.plan_id
                     WHERE f.import_id = :id AND f.plan_id IS NOT NULL
                       AND (p.plan_id IS NULL OR p.municipality_number <> j.municipality_number)
                    """,
            INSERT + """
                    SELECT x.import_id, x.ordinal, 'duplicate_matrikkel_in_file', 'error', 'gnr',
                           format('matrikkel %s occurs %s times in the file (features %s)', x.mid, x.n, x.list), NULL
                      FROM (SELECT f.import_id, f.ordinal, concat_ws('/', f.gnr, f.bnr, f.fnr, f.snr) AS mid,
                                   count(*) OVER w AS n, string_agg(CAST(f.ordinal AS text), ', ') OVER w AS list
                              FROM import_feature f WHERE f.import_id = :id AND f.gnr IS NOT NULL AND f.bnr IS NOT NULL
                            WINDOW w AS (PARTITION BY f.gnr, f.bnr, coalesce(f.fnr, 0), coalesce(f.snr, 0)
                                         ORDER BY f.ordinal ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) x
                     WHERE x.n > 1
                    """,
            INSERT + """
                    SELECT f.import_id, f.ordinal, 'duplicate_matrikkel_existing', 'error', 'gnr',
                           format('matrikkel %s is already used by plot %s (%s)', concat_ws('/', f.gnr, f.bnr, f.fnr, f.snr),
                                  p.id, p.name), NULL
                      FROM import_feature f JOIN import_job j ON j.id = f.import_id
                      JOIN plot p ON p.municipality_number = j.municipality_number AND p.gnr = f.gnr AND p.bnr = f.bnr
                                 AND coalesce(p.fnr, 0) = coalesce(f.fnr, 0) AND coalesce(p.snr, 0) = coalesce(f.snr, 0)
                                 AND p.archived_at IS NULL
                     WHERE f.import_id = :id
                    """,
            // overlaps are warnings: plots may overlap (the plots API accepts it), but a planner should look
            INSERT + """
                    SELECT x.import_id, x.ordinal, 'overlap_existing', 'warning', 'geometry',
                           format('overlaps existing plot %s (%s) by %s m²', x.id, x.name, round(ST_Area(x.g)::numeric)),
                           import_to_lonlat(ST_PointOnSurface(x.g))
                      FROM (SELECT f.import_id, f.ordinal, p.id, p.name, ST_Intersection(f.geom, p.geom) AS g
                              FROM import_feature f JOIN plot p ON p.geom && f.geom AND p.archived_at IS NULL
                             WHERE f.import_id = :id AND f.geom_valid AND ST_Relate(f.geom, p.geom, '2********')) x
                     WHERE ST_Area(x.g) >= :minOverlap
                    """,
            INSERT + """
                    SELECT x.import_id, v.o, 'overlap_in_file', 'warning', 'geometry',
                           format('overlaps feature %s of this file by %s m²', v.other, round(ST_Area(x.g)::numeric)),
                           import_to_lonlat(ST_PointOnSurface(x.g))
                      FROM (SELECT a.import_id, a.ordinal AS a, b.ordinal AS b, ST_Intersection(a.geom, b.geom) AS g
                              FROM import_feature a
                              JOIN import_feature b ON b.import_id = a.import_id AND b.ordinal > a.ordinal AND b.geom && a.geom
                             WHERE a.import_id = :id AND a.geom_valid AND b.geom_valid
                               AND ST_Relate(a.geom, b.geom, '2********')) x,
                           LATERAL (VALUES (x.a, x.b), (x.b, x.a)) v(o, other)
                     WHERE ST_Area(x.g) >= :minOverlap
                    """);

    /** Overlaps smaller than this (m²) are rounding between neighbours, not worth a warning. */
    static final double MIN_OVERLAP_M2 = 1.0;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final PlotRules rules;
    private final PlotBatch plots;

    ImportValidation(JdbcClient jdbc, JdbcTemplate template, PlotRules rules, PlotBatch plots) {
        this.jdbc = jdbc;
        this.template = template;
        this.rules = rules;
        this.plots = plots;
    }

    /** Steps {@link #run} reports progress in. */
    static int steps() {
        return CHECKS.size() + 3;
    }

    /**
     * Replaces the import's issues with a fresh report and updates its counts. {@code plotRules}: also run the plots
     * module's validator over the features still valid (the commit does that itself, so it skips this).
     */
    void run(UUID id, boolean plotRules, IntConsumer progress) {
        run(id, plotRules, true, progress);
    }

    /**
     * As {@link #run(UUID, boolean, IntConsumer)}; {@code warnings} false keeps the warnings found before and checks
     * errors only (a commit re-checks what could refuse it, and overlaps never do).
     */
    void run(UUID id, boolean plotRules, boolean warnings, IntConsumer progress) {
        int step = 0;
        jdbc.sql("DELETE FROM import_issue WHERE import_id = :id" + (warnings ? "" : " AND severity = 'error'"))
                .param("id", id).update();
        PlotRules.Extent e = rules.extent();
        Map<String, Object> params = new java.util.HashMap<>(Map.of("id", id, "purposes",
                rules.purposes().stream().sorted().toArray(String[]::new), "availabilities",
                rules.availabilities().stream().sorted().toArray(String[]::new), "tenures",
                rules.tenures().stream().sorted().toArray(String[]::new), "minLon", e.minLon(), "maxLon", e.maxLon(),
                "minLat", e.minLat(), "maxLat", e.maxLat(), "maxVertices", rules.maxVertices()));
        params.put("minOverlap", MIN_OVERLAP_M2);
        jdbc.sql(TYPED).params(only(params, TYPED)).update();
        progress.accept(++step);
        for (int i = 0; i < CHECKS.size(); i++) {
            if (!warnings && CHECKS.get(i).contains("'warning'")) {
                progress.accept(++step);
                continue;
            }
            long started = System.nanoTime();
            int n = jdbc.sql(CHECKS.get(i)).params(only(params, CHECKS.get(i))).update();
            log.debug("import {} check={} issues={} ms={}", id, i, n, (System.nanoTime() - started) / 1_000_000);
            progress.accept(++step);
        }
        if (plotRules) {
            long started = System.nanoTime();
            checkPlotRules(id);
            log.debug("import {} plot rules ms={}", id, (System.nanoTime() - started) / 1_000_000);
        }
        progress.accept(++step);
        jdbc.sql("""
                UPDATE import_feature f
                   SET has_error = EXISTS (SELECT 1 FROM import_issue i WHERE i.import_id = f.import_id
                                              AND i.ordinal = f.ordinal AND i.severity = 'error'),
                       has_warning = EXISTS (SELECT 1 FROM import_issue i WHERE i.import_id = f.import_id
                                                AND i.ordinal = f.ordinal AND i.severity = 'warning')
                 WHERE f.import_id = :id
                """).param("id", id).update();
        jdbc.sql("""
                UPDATE import_job j SET feature_count = s.n, valid_count = s.valid, invalid_count = s.invalid,
                       warning_count = s.warnings, updated_at = now()
                  FROM (SELECT count(*) AS n, count(*) FILTER (WHERE NOT has_error) AS valid,
                               count(*) FILTER (WHERE has_error) AS invalid, count(*) FILTER (WHERE has_warning) AS warnings
                          FROM import_feature WHERE import_id = :id) s
                 WHERE j.id = :id
                """).param("id", id).update();
        progress.accept(++step);
    }

    /** The plots module's own rules over the features no check refused; whatever it refuses becomes an issue. */
    private void checkPlotRules(UUID id) {
        List<Integer> ordinals = new ArrayList<>();
        List<String> features = new ArrayList<>();
        jdbc.sql("SELECT f.ordinal, " + FEATURE + "::text FROM import_feature f JOIN import_job j ON j.id = f.import_id"
                + " WHERE f.import_id = :id AND NOT EXISTS (SELECT 1 FROM import_issue i WHERE i.import_id = f.import_id"
                + " AND i.ordinal = f.ordinal AND i.severity = 'error') ORDER BY f.ordinal")
                .param("id", id).param("publish", false).query((rs, n) -> {
                    ordinals.add(rs.getInt(1));
                    features.add(rs.getString(2));
                    return null;
                }).list();
        List<Object[]> rows = new ArrayList<>();
        for (PlotBatch.Rejected r : plots.check(features, SupportedCrs.EPSG_25832)) {
            for (FieldProblem p : r.problems()) {
                String field = p.pointer().replaceFirst("^/properties/", "").replaceFirst("^/", "");
                rows.add(new Object[] {id, ordinals.get(r.index()), "plot_rule", "error", field.isEmpty() ? null : field,
                        (field.isEmpty() ? "" : field + ": ") + p.detail()});
            }
        }
        if (!rows.isEmpty()) {
            template.batchUpdate(INSERT + "VALUES (?, ?, ?, ?, ?, ?, NULL)", rows);
        }
    }

    /** The parameters a statement uses (JdbcClient refuses none, but unused arrays cost a round of conversion). */
    private static Map<String, Object> only(Map<String, Object> params, String sql) {
        Map<String, Object> used = new java.util.HashMap<>();
        params.forEach((k, v) -> {
            if (sql.contains(":" + k)) {
                used.put(k, v);
            }
        });
        return used;
    }
}
