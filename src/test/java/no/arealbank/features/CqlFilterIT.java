package no.arealbank.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import no.arealbank.Api;
import no.arealbank.SampleRegionTest;

import tools.jackson.databind.JsonNode;

/**
 * OGC API – Features Part 3 (filter, features-filter, queryables) with CQL2 text and JSON, over real HTTP; each
 * filter's result is checked against the same question asked of the database directly. Follows the abstract
 * test suites /ats/filter/* of Part 3 and /ats/basic-cql2, advanced-comparison-operators, spatial-functions of
 * CQL2.
 */
class CqlFilterIT extends SampleRegionTest {

    private static final String PUBLIC = "SELECT count(*) FROM plot p WHERE p.published AND p.archived_at IS NULL";

    private long database(String where) {
        return jdbc.sql(PUBLIC + " AND (" + where + ")").query(Long.class).single();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private Api.Response items(String collection, String query) {
        return api().get("/ogc/collections/" + collection + "/items?" + query);
    }

    private long matched(String filter) {
        Api.Response r = items("plots", "limit=1&filter=" + enc(filter));
        assertThat(r.status()).as(filter + " → " + r.body()).isEqualTo(200);
        return r.json().path("numberMatched").asLong();
    }

    private long matchedJson(String filter) {
        Api.Response r = items("plots", "limit=1&filter-lang=cql2-json&filter=" + enc(filter));
        assertThat(r.status()).as(filter + " → " + r.body()).isEqualTo(200);
        return r.json().path("numberMatched").asLong();
    }

    private Set<String> ids(String query) {
        Set<String> ids = new HashSet<>();
        Api.Response r = items("plots", "limit=10000&properties=name&" + query);
        assertThat(r.status()).as(query + " → " + r.body()).isEqualTo(200);
        r.json().path("features").forEach(f -> ids.add(f.path("id").asString()));
        return ids;
    }

    @Test
    void declaresFilteringAndCql2Conformance() {
        JsonNode conf = api().get("/ogc/conformance").json();
        Set<String> classes = new HashSet<>();
        conf.path("conformsTo").forEach(c -> classes.add(c.asString()));
        assertThat(classes).contains("http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
                "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
                "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
                "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
                "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
                "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
                "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
                "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
                "http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions");
    }

    @Test
    void textFiltersSelectWhatTheDatabaseSelects() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("purpose = 'business'", "p.purpose = 'business'"),
                Map.entry("purpose <> 'business'", "p.purpose <> 'business'"),
                Map.entry("areaM2 > 2000", "p.area_m2 > 2000"),
                Map.entry("areaM2 >= 1000 AND areaM2 <= 1500", "p.area_m2 >= 1000 AND p.area_m2 <= 1500"),
                Map.entry("areaM2 BETWEEN 1000 AND 1500", "round(p.area_m2::numeric, 1) BETWEEN 1000 AND 1500"),
                Map.entry("priceTotal < 300000 OR pricePerM2 < 200", "p.price_total < 300000 OR p.price_per_m2 < 200"),
                Map.entry("NOT (purpose = 'housing')", "NOT (p.purpose = 'housing')"),
                Map.entry("purpose IN ('housing', 'combined')", "p.purpose IN ('housing', 'combined')"),
                Map.entry("municipalityNumber NOT IN ('4028', '4032')", "p.municipality_number NOT IN ('4028', '4032')"),
                Map.entry("name LIKE 'Bustad%'", "p.name LIKE 'Bustad%'"),
                Map.entry("name LIKE '%tomt _'", "p.name LIKE '%tomt _'"),
                Map.entry("priceTotal IS NULL", "p.price_total IS NULL"),
                Map.entry("priceTotal IS NOT NULL AND tenure = 'leasehold'", "p.price_total IS NOT NULL AND p.tenure = 'leasehold'"),
                Map.entry("permanentResidenceAllowed = true", "'bustad' = ANY (p.allowed_uses)"),
                Map.entry("buildReady = true AND availability = 'available'",
                        "p.infra_road = 'yes' AND p.infra_water = 'yes' AND p.infra_sewer = 'yes' "
                                + "AND p.infra_power = 'yes' AND p.availability = 'available'"),
                Map.entry("applicationDeadline > DATE('2026-01-01')", "p.application_deadline > DATE '2026-01-01'"),
                Map.entry("updatedAt > TIMESTAMP('2000-01-01T00:00:00Z')", "p.updated_at > TIMESTAMPTZ '2000-01-01T00:00:00Z'"),
                Map.entry("\"landUseCode\" = 1110", "p.land_use_code = 1110"));
        int nonTrivial = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            long expected = database(c.getValue());
            assertThat(matched(c.getKey())).as(c.getKey()).isEqualTo(expected);
            if (expected > 0 && expected < database("true")) {
                nonTrivial++;
            }
        }
        assertThat(nonTrivial).as("most filters select some but not all plots").isGreaterThan(cases.size() / 2);
    }

    @Test
    void jsonFiltersMeanTheSameAsTheirText() {
        assertThat(matchedJson("{\"op\":\"=\",\"args\":[{\"property\":\"purpose\"},\"business\"]}"))
                .isEqualTo(matched("purpose = 'business'")).isPositive();
        assertThat(matchedJson("""
                {"op":"and","args":[{"op":"between","args":[{"property":"areaM2"},800,2000]},
                {"op":"in","args":[{"property":"purpose"},["housing","combined"]]},
                {"op":"not","args":[{"op":"isNull","args":[{"property":"priceTotal"}]}]}]}"""))
                .isEqualTo(matched("areaM2 BETWEEN 800 AND 2000 AND purpose IN ('housing','combined') "
                        + "AND NOT priceTotal IS NULL"));
        assertThat(matchedJson("{\"op\":\"like\",\"args\":[{\"property\":\"name\"},\"%tomt%\"]}"))
                .isEqualTo(matched("name LIKE '%tomt%'"));
    }

    @Test
    void spatialFunctionsTakeWktOrGeoJsonInTheFilterCrs() {
        // a box around Kviteseid's centre, in CRS84 (lon, lat)
        String box = "POLYGON((8.40 59.30, 8.60 59.30, 8.60 59.45, 8.40 59.45, 8.40 59.30))";
        // literal edges are straight in the filter CRS: densified before they are transformed
        String inStorageCrs = "ST_Transform(ST_Segmentize(ST_GeomFromText('" + box + "', 4326), 0.01), 25832)";
        long expected = database("ST_Intersects(p.geom, " + inStorageCrs + ")");
        assertThat(expected).as("the sample has plots near Kviteseid").isPositive();
        assertThat(matched("S_INTERSECTS(geometry, " + box + ")")).isEqualTo(expected);
        assertThat(matched("S_WITHIN(geometry, " + box + ")"))
                .isEqualTo(database("ST_Within(p.geom, " + inStorageCrs + ")"));
        assertThat(matched("S_INTERSECTS(geometry, BBOX(8.40, 59.30, 8.60, 59.45))")).isEqualTo(expected);
        assertThat(matchedJson("""
                {"op":"s_intersects","args":[{"property":"geometry"},{"type":"Polygon","coordinates":
                [[[8.40,59.30],[8.60,59.30],[8.60,59.45],[8.40,59.45],[8.40,59.30]]]}]}""")).isEqualTo(expected);
        // the same box with latitude first in EPSG:4326, and in UTM 32N
        assertThat(items("plots", "limit=1&filter-crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/4326")
                + "&filter=" + enc("S_INTERSECTS(geometry, POLYGON((59.30 8.40, 59.30 8.60, 59.45 8.60, 59.45 8.40, 59.30 8.40)))"))
                .json().path("numberMatched").asLong()).isEqualTo(expected);

        // the one plot that contains a point inside it, given in EPSG:25832
        Map<String, Object> plot = jdbc.sql("SELECT p.id, ST_X(ST_PointOnSurface(p.geom)) AS x, "
                + "ST_Y(ST_PointOnSurface(p.geom)) AS y FROM plot p WHERE p.published AND p.archived_at IS NULL "
                + "ORDER BY p.id LIMIT 1").query().singleRow();
        String point = "POINT(" + plot.get("x") + " " + plot.get("y") + ")";
        assertThat(ids("filter-crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/25832") + "&filter="
                + enc("S_CONTAINS(geometry, " + point + ")"))).contains(plot.get("id").toString());
    }

    @Test
    void filtersWorkOnEveryCollection() {
        assertThat(items("municipalities", "filter=" + enc("name = 'Kviteseid'")).json().path("numberMatched").asLong())
                .isEqualTo(1);
        long flood = jdbc.sql("SELECT count(*) FROM hazard_zone WHERE code = 320").query(Long.class).single();
        Api.Response hazards = items("hazards", "filter=" + enc("S_INTERSECTS(geometry, BBOX(4, 57, 32, 72)) AND code = 320"));
        assertThat(hazards.status()).as(hazards.body()).isEqualTo(200);
        assertThat(hazards.json().path("numberMatched").asLong()).isEqualTo(flood);
        for (String collection : List.of("plots", "zones", "hazards", "municipalities", "business-hubs", "plans")) {
            Api.Response all = items(collection, "limit=1&filter=" + enc("S_INTERSECTS(geometry, BBOX(-180,-90,180,90))"));
            assertThat(all.status()).as(collection + ": " + all.body()).isEqualTo(200);
            assertThat(all.json().path("numberMatched").asLong()).as(collection)
                    .isEqualTo(items(collection, "limit=1").json().path("numberMatched").asLong());
        }
    }

    @Test
    void nextLinksKeepTheFilterAcrossPages() {
        String filter = "purpose IN ('housing','combined') AND areaM2 > 500";
        long expected = matched(filter);
        assertThat(expected).isGreaterThan(10);
        Set<String> seen = new HashSet<>();
        String next = "/ogc/collections/plots/items?limit=5&filter=" + enc(filter);
        int pages = 0;
        while (next != null) {
            JsonNode page = api().get(next).json();
            page.path("features").forEach(f -> seen.add(f.path("id").asString()));
            next = null;
            for (JsonNode l : page.path("links")) {
                if ("next".equals(l.path("rel").asString())) {
                    String href = l.path("href").asString();
                    assertThat(href).contains("filter=");
                    next = href.substring(href.indexOf("/ogc"));
                }
            }
            pages++;
        }
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat((long) seen.size()).isEqualTo(expected);
    }

    @Test
    void filtersNeverRevealDraftsOrArchivedPlots() {
        String draft = jdbc.sql("SELECT name FROM plot WHERE NOT published LIMIT 1").query(String.class).single();
        assertThat(matched("name = '" + draft.replace("'", "''") + "'"))
                .isEqualTo(database("p.name = '" + draft.replace("'", "''") + "'"));
        assertThat(matched("name = '" + draft.replace("'", "''") + "' OR true")).isEqualTo(database("true"));
        assertThat(api().as("admin", ADMIN_PASSWORD).get("/ogc/collections/plots/items?limit=1&filter="
                + enc("S_INTERSECTS(geometry, BBOX(-180,-90,180,90))")).json().path("numberMatched").asLong())
                .isEqualTo(database("true"));
    }

    @Test
    void valuesAreNeverSqlEvenWhenTheyLookLikeIt() {
        String before = databaseFingerprint();
        assertThat(matched("name = 'x'' OR 1=1 --'")).isZero();
        assertThat(matched("name LIKE '%''; DELETE FROM plot; --%'")).isZero();
        assertThat(items("plots", "filter=" + enc("\"p.id; DROP TABLE plot\" = 1")).status()).isEqualTo(400);
        assertThat(databaseFingerprint()).isEqualTo(before);
    }

    @Test
    void badFiltersGet400SayingWhereAndWhat() {
        Map<String, String> cases = Map.of(
                "filter=" + enc("colour = 'red'"), "colour",
                "filter=" + enc("areaM2 > 'big'"), "areaM2",
                "filter=" + enc("purpose = 'housing' AND"), "position",
                "filter=" + enc("S_INTERSECTS(geometry, POLYGON((0 0, 1 1, 1 0, 0 1, 0 0)))"), "self-intersection",
                "filter-lang=cql2-json&filter=" + enc("{\"op\":\"=\",\"args\":[{\"property\":\"purpose\"}]}"), "takes 2 arguments",
                "filter-lang=cql2-json&filter=" + enc("{\"op\":"), "JSON",
                "filter-lang=ecql&filter=" + enc("purpose = 'x'"), "filter-lang",
                "filter-crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/9999") + "&filter=" + enc("purpose = 'x'"), "filter-crs",
                "filter-crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/25832"), "filter-crs");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Api.Response r = items("plots", c.getKey());
            assertThat(r.status()).as(c.getKey() + " → " + r.body()).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().path("detail").asString()).as(c.getKey()).contains(c.getValue());
            assertThat(r.json().path("errors").get(0).path("pointer").asString()).startsWith("?filter");
        }
    }
}
