package no.arealbank.plots;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.arealbank.security.Actor;
import no.arealbank.shared.SupportedCrs;

/**
 * Read paths of the plots API. PostGIS builds each Feature ({@code json_build_object}, {@code ST_AsGeoJSON}) and
 * derives area, distances and hazards in the same statement, so a page of plots is one query and Java only
 * passes the text through. Filters compare the stored geometry with a transformed envelope (never the column
 * transformed), so the GiST index serves bbox queries.
 */
@Repository
class PlotQueries {

    static final String EFFECTIVE_PRICE = "coalesce(p.price_total, round(p.price_per_m2 * p.area_m2::numeric))";

    /**
     * Metres from plot {@code p} to the nearest business hub / kommunesenter, as {@code nearestBusinessHub} and
     * {@code nearestCentre} are derived below ({@code <->} is a KNN search on the point's GiST index); for sorting.
     */
    static final String NEAREST_HUB_DISTANCE =
            "(SELECT ST_Distance(h.geom, p.geom) FROM business_hub h ORDER BY h.geom <-> p.geom LIMIT 1)";
    static final String NEAREST_CENTRE_DISTANCE = "(SELECT ST_Distance(c.geom, p.geom) FROM place c "
            + "WHERE c.kind = 'kommunesenter' ORDER BY c.geom <-> p.geom LIMIT 1)";

    /** One Feature from a row of {@code plot p} joined as in {@link #FROM}. Binds :srid and :digits. */
    private static final String FEATURE = """
            json_build_object(
              'type', 'Feature',
              'id', p.id,
              'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Transform(p.geom, :srid)), :digits)::json, -- RFC 7946 ring order
              'properties', json_build_object(
                'id', p.id,
                'municipalityNumber', p.municipality_number,
                'municipalityName', m.name,
                'name', p.name,
                'matrikkel', CASE WHEN p.gnr IS NULL THEN NULL
                                  ELSE json_build_object('gnr', p.gnr, 'bnr', p.bnr, 'fnr', p.fnr, 'snr', p.snr) END,
                'matrikkelId', CASE WHEN p.gnr IS NULL THEN NULL ELSE concat_ws('/', p.gnr, p.bnr, p.fnr, p.snr) END,
                'purpose', p.purpose,
                'allowedUses', to_json(p.allowed_uses),
                'permanentResidenceAllowed', 'bustad' = ANY (p.allowed_uses),
                'landUseCode', p.land_use_code,
                'landUseName', luc.name_nb,
                'availability', p.availability,
                'tenure', p.tenure,
                'priceTotal', p.price_total,
                'pricePerM2', p.price_per_m2,
                'groundRentYearly', p.ground_rent_yearly,
                'effectivePrice', %s,
                'fees', json_build_object('survey', p.fee_survey, 'document', p.fee_document, 'water', p.fee_water,
                                          'sewer', p.fee_sewer, 'development', p.fee_development, 'note', p.fees_note),
                'allocation', p.allocation,
                'applicationDeadline', p.application_deadline,
                'reservationDays', p.reservation_days,
                'buildingDeadlineYears', p.building_deadline_years,
                'residenceObligationYears', p.residence_obligation_years,
                'incentives', p.incentives,
                'infrastructure', json_build_object('road', p.infra_road, 'water', p.infra_water,
                                                    'sewer', p.infra_sewer, 'power', p.infra_power, 'fibre', p.infra_fibre),
                'buildReady', p.infra_road = 'yes' AND p.infra_water = 'yes' AND p.infra_sewer = 'yes' AND p.infra_power = 'yes',
                'planId', p.plan_id,
                'planName', pl.name,
                'contact', json_build_object('name', p.contact_name, 'email', p.contact_email, 'phone', p.contact_phone),
                'description', p.description,
                'published', p.published,
                'archived', p.archived_at IS NOT NULL,
                'areaM2', round(p.area_m2::numeric, 1),
                'nearestBusinessHub', hub.j,
                'nearestCentre', centre.j,
                'hazards', hz.j,
                'version', p.version,
                'createdAt', p.created_at,
                'updatedAt', p.updated_at))
            """.formatted(EFFECTIVE_PRICE);

    private static final String FROM = """
            FROM plot p
            JOIN municipality m ON m.number = p.municipality_number
            LEFT JOIN land_use_code luc ON luc.code = p.land_use_code
            LEFT JOIN plan pl ON pl.plan_id = p.plan_id
            LEFT JOIN LATERAL (
                SELECT json_build_object('name', h.name, 'distanceM', round(ST_Distance(h.geom, p.geom))) AS j
                  FROM business_hub h ORDER BY h.geom <-> p.geom LIMIT 1) hub ON true
            LEFT JOIN LATERAL (
                SELECT json_build_object('name', c.name, 'distanceM', round(ST_Distance(c.geom, p.geom))) AS j
                  FROM place c WHERE c.kind = 'kommunesenter' ORDER BY c.geom <-> p.geom LIMIT 1) centre ON true
            LEFT JOIN LATERAL (
                SELECT coalesce(json_agg(json_build_object('code', z.code, 'name', z.name, 'kind', c.kind,
                                                           'label', c.name_nb) ORDER BY z.code, z.name), '[]'::json) AS j
                  FROM hazard_zone z JOIN consideration_zone_code c ON c.code = z.code
                 WHERE ST_Intersects(z.geom, p.geom)) hz ON true
            """;

    private static final String ONE = "SELECT p.municipality_number, p.published, p.archived_at IS NOT NULL AS archived, "
            + "p.version, " + FEATURE + "::text AS feature " + FROM + " WHERE p.id = :id";

    /** Public rows, plus drafts of the municipalities the reader may write in. Binds :drafts and :allDrafts. */
    private static final String VISIBLE = """
            p.archived_at IS NULL
            AND (p.published OR :allDrafts OR p.municipality_number = ANY (string_to_array(:drafts, ',')))
            """;

    private final JdbcClient jdbc;

    PlotQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record PlotRow(String municipalityNumber, boolean published, boolean archived, int version, String feature) {
    }

    record Page(long matched, int returned, String features) {
    }

    Optional<PlotRow> find(long id, SupportedCrs crs) {
        return jdbc.sql(ONE).param("id", id).param("srid", crs.srid()).param("digits", crs.decimals())
                .query((rs, i) -> new PlotRow(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getInt(4),
                        rs.getString(5)))
                .optional();
    }

    /** The plots' Features as a JSON array text, in the order of {@code ids}. */
    String features(java.util.List<Long> ids, SupportedCrs crs) {
        return jdbc.sql("SELECT coalesce(json_agg(" + FEATURE + " ORDER BY array_position(i.ids, p.id)), '[]'::json)::text "
                + FROM + " CROSS JOIN (SELECT CAST(string_to_array(:ids, ',') AS bigint[]) AS ids) i WHERE p.id = ANY (i.ids)")
                .param("ids", String.join(",", ids.stream().map(String::valueOf).toList())).param("srid", crs.srid()).param("digits", crs.decimals())
                .query(String.class).single();
    }

    /** Features of many plots as stored (EPSG:25832), for history snapshots of a batch: one statement. */
    Map<Long, String> snapshots(java.util.List<Long> ids) {
        Map<Long, String> out = new HashMap<>();
        jdbc.sql("SELECT p.id, " + FEATURE + "::text AS feature " + FROM + " WHERE p.id = ANY (:ids)")
                .param("ids", ids.toArray(Long[]::new))
                .param("srid", SupportedCrs.EPSG_25832.srid()).param("digits", SupportedCrs.EPSG_25832.decimals())
                .query((rs, i) -> out.put(rs.getLong(1), rs.getString(2))).list();
        return out;
    }

    Page list(PlotFilter f, Optional<Actor> reader, SupportedCrs crs) {
        Where w = where(f, reader);
        Map<String, Object> params = new HashMap<>(w.params());
        String sql = """
                WITH page AS (
                    SELECT p.id, row_number() OVER (ORDER BY %1$s) AS ord
                      FROM plot p WHERE %2$s
                     ORDER BY %1$s LIMIT :limit OFFSET :offset)
                SELECT (SELECT count(*) FROM plot p WHERE %2$s) AS matched,
                       count(*) AS returned,
                       coalesce(json_agg(%3$s ORDER BY page.ord), '[]'::json)::text AS features
                  FROM page JOIN plot p ON p.id = page.id
                  JOIN municipality m ON m.number = p.municipality_number
                """.formatted(f.sort().orderBy, w.sql(), FEATURE)
                + FROM.substring(FROM.indexOf("LEFT JOIN land_use_code"));
        params.put("limit", f.limit());
        params.put("offset", f.offset());
        params.put("srid", crs.srid());
        params.put("digits", crs.decimals());
        return jdbc.sql(sql).params(params).query((rs, i) -> new Page(rs.getLong(1), rs.getInt(2), rs.getString(3))).single();
    }

    record Where(String sql, Map<String, Object> params) {
    }

    /** The WHERE clause of a plot filter for a reader (list, exports): same filters, same visibility; values bound. */
    static Where where(PlotFilter f, Optional<Actor> reader) {
        StringBuilder where = new StringBuilder(VISIBLE);
        Map<String, Object> params = new HashMap<>();
        params.put("allDrafts", reader.map(Actor::admin).orElse(false));
        params.put("drafts", String.join(",", reader.map(Actor::municipalities).orElse(Set.of())));
        if (f.municipalities() != null) {
            where.append(" AND p.municipality_number = ANY (string_to_array(:municipalities, ','))");
            params.put("municipalities", String.join(",", f.municipalities()));
        }
        if (f.purposes() != null) {
            where.append(" AND p.purpose = ANY (string_to_array(:purposes, ','))");
            params.put("purposes", String.join(",", f.purposes()));
        }
        if (f.allowedUses() != null) {
            where.append(" AND p.allowed_uses @> string_to_array(:uses, ',')");
            params.put("uses", String.join(",", f.allowedUses()));
        }
        if (f.permanentResidence() != null) {
            where.append(" AND ('bustad' = ANY (p.allowed_uses)) = :permanent");
            params.put("permanent", f.permanentResidence());
        }
        if (f.availability() != null) {
            where.append(" AND p.availability = ANY (string_to_array(:availability, ','))");
            params.put("availability", String.join(",", f.availability()));
        }
        if (f.minArea() != null) {
            where.append(" AND p.area_m2 >= :minArea");
            params.put("minArea", f.minArea());
        }
        if (f.maxArea() != null) {
            where.append(" AND p.area_m2 <= :maxArea");
            params.put("maxArea", f.maxArea());
        }
        if (f.minPrice() != null) {
            where.append(" AND ").append(EFFECTIVE_PRICE).append(" >= :minPrice");
            params.put("minPrice", f.minPrice());
        }
        if (f.maxPrice() != null) {
            where.append(" AND ").append(EFFECTIVE_PRICE).append(" <= :maxPrice");
            params.put("maxPrice", f.maxPrice());
        }
        if (f.infrastructure() != null) {
            f.infrastructure().forEach(i -> where.append(" AND ").append(i.column).append(" = 'yes'"));
        }
        // "nearest within d" is "any within d": ST_DWithin lets the GiST index of the point table find them
        if (f.maxHubDistance() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM business_hub h WHERE ST_DWithin(h.geom, p.geom, :maxHubDistance))");
            params.put("maxHubDistance", f.maxHubDistance());
        }
        if (f.maxCentreDistance() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM place c WHERE c.kind = 'kommunesenter'"
                    + " AND ST_DWithin(c.geom, p.geom, :maxCentreDistance))");
            params.put("maxCentreDistance", f.maxCentreDistance());
        }
        if (f.noHazards()) {
            where.append(" AND NOT EXISTS (SELECT 1 FROM hazard_zone z WHERE ST_Intersects(z.geom, p.geom))");
        }
        if (f.bbox() != null) {
            // transform the envelope, not the column, so the GiST index on geom is used
            where.append(" AND ST_Intersects(p.geom, ST_Transform(ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, :bboxSrid), 25832))");
            params.put("minx", f.bbox()[0]);
            params.put("miny", f.bbox()[1]);
            params.put("maxx", f.bbox()[2]);
            params.put("maxy", f.bbox()[3]);
            params.put("bboxSrid", f.bboxCrs().srid());
        }
        return new Where(where.toString(), params);
    }
}
