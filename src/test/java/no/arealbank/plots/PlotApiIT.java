package no.arealbank.plots;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import no.arealbank.Api;
import no.arealbank.SampleRegionTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class PlotApiIT extends SampleRegionTest {

    private Api planner() {
        return api().as("planner-4028", DEMO_PASSWORD);
    }

    @Test
    void listsTheSampleRegionAsGeoJsonAcrossAllEightMunicipalities() {
        Api.Response r = api().get("/api/plots?limit=1000");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/geo+json");
        JsonNode body = r.json();
        assertThat(body.path("type").asString()).isEqualTo("FeatureCollection");
        assertThat(body.path("numberReturned").asInt()).isGreaterThanOrEqualTo(150);
        Set<String> municipalities = new HashSet<>();
        for (JsonNode f : body.path("features")) {
            municipalities.add(f.path("properties").path("municipalityNumber").asString());
            assertThat(f.path("properties").path("published").asBoolean()).isTrue();
            assertThat(f.path("geometry").path("type").asString()).isEqualTo("MultiPolygon");
        }
        assertThat(municipalities).containsExactlyInAnyOrder("4022", "4028", "4030", "4032", "4034", "4036", "4640",
                "4644");
        long published = jdbc.sql("SELECT count(*) FROM plot WHERE published AND archived_at IS NULL")
                .query(Long.class).single();
        assertThat(body.path("numberMatched").asLong()).isEqualTo(published);
    }

    @Test
    void derivesAreaDistancesHazardsAndPermanentResidenceServerSide() {
        ObjectNode f = TestPlots.feature("4028", TestPlots.KVITESEID, 40);
        ObjectNode props = (ObjectNode) f.get("properties");
        props.put("areaM2", 1.0); // output-only: must be ignored, never trusted
        props.put("permanentResidenceAllowed", false);
        Api.Response created = planner().post("/api/plots", f.toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode p = created.json().path("properties");
        assertThat(p.path("areaM2").asDouble()).isBetween(1500.0, 1700.0); // 40 m × 40 m, computed in EPSG:25832
        double dbArea = jdbc.sql("SELECT ST_Area(geom) FROM plot WHERE id = :id").param("id", p.path("id").asLong())
                .query(Double.class).single();
        assertThat(p.path("areaM2").asDouble()).isCloseTo(dbArea, org.assertj.core.data.Offset.offset(0.1));
        assertThat(p.path("permanentResidenceAllowed").asBoolean()).isTrue();
        assertThat(p.path("buildReady").asBoolean()).isTrue();
        assertThat(p.path("nearestBusinessHub").path("name").asString()).isNotBlank();
        assertThat(p.path("nearestBusinessHub").path("distanceM").asDouble()).isPositive().isLessThan(20_000);
        assertThat(p.path("nearestCentre").path("name").asString()).isNotBlank();
        assertThat(p.path("hazards").isArray()).isTrue();
        assertThat(p.path("municipalityName").asString()).isEqualTo("Kviteseid");
    }

    @Test
    void showsTheHazardZonesAPlotOverlaps() {
        JsonNode hazard = Api.JSON.readTree(jdbc.sql("""
                SELECT ST_AsGeoJSON(ST_Transform(ST_PointOnSurface(geom), 4326))::text FROM hazard_zone
                 WHERE municipality_number = '4028' OR true ORDER BY id LIMIT 1
                """).query(String.class).single());
        String municipality = jdbc.sql("SELECT municipality_number FROM hazard_zone ORDER BY id LIMIT 1")
                .query(String.class).single();
        double[] at = {hazard.path("coordinates").get(0).asDouble() - 0.0001,
                hazard.path("coordinates").get(1).asDouble() - 0.0001};
        Api.Response created = api().as("admin", ADMIN_PASSWORD)
                .post("/api/plots", TestPlots.feature(municipality, at, 20).toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode hazards = created.json().path("properties").path("hazards");
        assertThat(hazards.size()).isGreaterThanOrEqualTo(1);
        assertThat(hazards.get(0).path("code").asInt()).isIn(310, 320);
    }

    @Test
    void filtersByMunicipalityPurposeUseResidenceStatusAreaPriceAndBbox() {
        JsonNode body = api().get("/api/plots?municipality=4028&purpose=business&availability=available"
                + "&minArea=2000&limit=1000").json();
        assertThat(body.path("numberReturned").asInt()).isPositive();
        for (JsonNode f : body.path("features")) {
            JsonNode p = f.path("properties");
            assertThat(p.path("municipalityNumber").asString()).isEqualTo("4028");
            assertThat(p.path("purpose").asString()).isEqualTo("business");
            assertThat(p.path("availability").asString()).isEqualTo("available");
            assertThat(p.path("areaM2").asDouble()).isGreaterThanOrEqualTo(2000);
        }
        JsonNode residence = api().get("/api/plots?permanentResidence=true&allowedUse=fritidsbustad&limit=1000").json();
        assertThat(residence.path("numberReturned").asInt()).as("combined bustad+fritidsbustad plots").isPositive();
        for (JsonNode f : residence.path("features")) {
            assertThat(f.path("properties").path("allowedUses").toString()).contains("bustad", "fritidsbustad");
            assertThat(f.path("properties").path("permanentResidenceAllowed").asBoolean()).isTrue();
        }
        JsonNode cheap = api().get("/api/plots?maxPrice=200000&limit=1000").json();
        for (JsonNode f : cheap.path("features")) {
            assertThat(f.path("properties").path("effectivePrice").asDouble()).isLessThanOrEqualTo(200000);
        }
        // bbox around Dalen (Tokke) in lon/lat: only plots that intersect it
        JsonNode dalen = api().get("/api/plots?bbox=7.90,59.40,8.10,59.48&limit=1000").json();
        assertThat(dalen.path("numberReturned").asInt()).isPositive();
        long expected = jdbc.sql("""
                SELECT count(*) FROM plot WHERE published AND archived_at IS NULL
                   AND ST_Intersects(geom, ST_Transform(ST_MakeEnvelope(7.90, 59.40, 8.10, 59.48, 4326), 25832))
                """).query(Long.class).single();
        assertThat(dalen.path("numberMatched").asLong()).isEqualTo(expected);
        // old municipality numbers are aliases: 0829 and 3821 are Kviteseid
        assertThat(api().get("/api/plots?municipality=0829&limit=1").json().path("numberMatched").asLong())
                .isEqualTo(api().get("/api/plots?municipality=4028&limit=1").json().path("numberMatched").asLong());
    }

    @Test
    void pagesWithNextAndPrevLinksThatKeepTheFilters() {
        JsonNode first = api().get("/api/plots?purpose=housing&limit=10").json();
        long matched = first.path("numberMatched").asLong();
        assertThat(matched).isGreaterThan(20);
        String next = link(first, "next");
        assertThat(next).contains("purpose=housing").contains("offset=10").contains("limit=10");
        JsonNode second = api().get(next.substring(next.indexOf("/api/"))).json();
        assertThat(second.path("numberReturned").asInt()).isEqualTo(10);
        assertThat(link(second, "prev")).contains("offset=0");
        Set<Long> ids = new HashSet<>();
        first.path("features").forEach(f -> ids.add(f.path("id").asLong()));
        second.path("features").forEach(f -> assertThat(ids.add(f.path("id").asLong())).isTrue());
        JsonNode last = api().get("/api/plots?purpose=housing&limit=10&offset=" + (matched - 1)).json();
        assertThat(last.path("numberReturned").asInt()).isEqualTo(1);
        assertThat(link(last, "next")).isNull();
        // encoded values (a bbox's commas) are encoded once in the links, so every page has the same filter
        JsonNode boxed = api().get("/api/plots?bbox=4%2C57%2C32%2C72&limit=5").json();
        String boxedNext = link(boxed, "next");
        assertThat(boxedNext).contains("bbox=4,57,32,72").doesNotContain("%25");
        assertThat(api().get(boxedNext.substring(boxedNext.indexOf("/api/"))).json().path("numberMatched").asLong())
                .isEqualTo(boxed.path("numberMatched").asLong());
    }

    @Test
    void servesGeometryInTheRequestedCrsAndAcceptsUtmInput() {
        JsonNode utm = api().get("/api/plots?municipality=4028&limit=1&crs=EPSG:25832").json();
        double x = utm.path("features").get(0).path("geometry").path("coordinates").get(0).get(0).get(0).get(0).asDouble();
        assertThat(x).isBetween(400_000.0, 600_000.0);
        // the same square given in EPSG:25832 gets the same area
        String utmPolygon = """
                {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[470000,6585000],[470030,6585000],
                [470030,6585030],[470000,6585030],[470000,6585000]]]},
                "properties":{"municipalityNumber":"4028","name":"UTM-tomt","purpose":"business","availability":"planned",
                "published":false}}""";
        Api.Response created = planner().header("Content-Crs", "<http://www.opengis.net/def/crs/EPSG/0/25832>")
                .post("/api/plots?crs=EPSG:25832", utmPolygon);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("properties").path("areaM2").asDouble()).isEqualTo(900.0);
        assertThat(created.header("Content-Crs")).isEqualTo("<http://www.opengis.net/def/crs/EPSG/0/25832>");
        assertThat(created.json().path("properties").path("allowedUses").get(0).asString()).isEqualTo("naering");
    }

    @Test
    void hidesDraftsFromTheAnonymousButShowsThemToTheirMunicipalitysPlanners() {
        ObjectNode f = TestPlots.feature("4028", TestPlots.KVITESEID, 25);
        ((ObjectNode) f.get("properties")).put("published", false);
        Api.Response created = planner().post("/api/plots", f.toString());
        long id = created.json().path("id").asLong();
        assertThat(api().get("/api/plots/" + id).status()).isEqualTo(404);
        assertThat(planner().get("/api/plots/" + id).status()).isEqualTo(200);
        assertThat(api().as("planner-4022", DEMO_PASSWORD).get("/api/plots/" + id).status()).isEqualTo(404);
        assertThat(ids(api().get("/api/plots?municipality=4028&limit=1000").json())).doesNotContain(id);
        assertThat(ids(planner().get("/api/plots?municipality=4028&limit=1000").json())).contains(id);
    }

    @Test
    void createReplacePatchArchiveRestoreWithETagsAndFullHistory() {
        Api p = planner();
        Api.Response created = p.post("/api/plots", TestPlots.feature("4028", TestPlots.KVITESEID, 30).toString());
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        assertThat(created.header("Location")).endsWith("/api/plots/" + id);
        String etag = created.header("ETag");
        assertThat(etag).isEqualTo("\"0\"");

        Api.Response got = api().get("/api/plots/" + id);
        assertThat(got.header("ETag")).isEqualTo(etag);
        assertThat(api().header("If-None-Match", etag).get("/api/plots/" + id).status()).isEqualTo(304);

        ObjectNode changed = TestPlots.feature("4028", TestPlots.KVITESEID, 30);
        ((ObjectNode) changed.get("properties")).put("availability", "reserved");
        ((ObjectNode) changed.get("properties")).put("name", "Omdøypt tomt");
        Api.Response replaced = p.header("If-Match", etag).put("/api/plots/" + id, changed.toString());
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.header("ETag")).isEqualTo("\"1\"");
        assertThat(replaced.json().path("properties").path("availability").asString()).isEqualTo("reserved");

        Api.Response patched = p.header("If-Match", "\"1\"").patch("/api/plots/" + id,
                "{\"properties\":{\"availability\":\"sold\",\"priceTotal\":199000}}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        JsonNode after = patched.json().path("properties");
        assertThat(after.path("availability").asString()).isEqualTo("sold");
        assertThat(after.path("priceTotal").asDouble()).isEqualTo(199000);
        assertThat(after.path("name").asString()).isEqualTo("Omdøypt tomt");
        assertThat(after.path("areaM2").asDouble()).isEqualTo(replaced.json().path("properties").path("areaM2").asDouble());

        assertThat(p.header("If-Match", "\"2\"").delete("/api/plots/" + id).status()).isEqualTo(204);
        assertThat(api().get("/api/plots/" + id).status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM plot WHERE id = :id").param("id", id).query(Long.class).single())
                .as("archived, not deleted").isEqualTo(1);
        assertThat(p.post("/api/plots/" + id + "/restore", null).status()).isEqualTo(200);
        assertThat(api().get("/api/plots/" + id).status()).isEqualTo(200);

        JsonNode history = p.get("/api/plots/" + id + "/history").json();
        assertThat(history.size()).isEqualTo(5);
        assertThat(history.get(0).path("action").asString()).isEqualTo("create");
        assertThat(history.get(0).path("before").isNull()).isTrue();
        assertThat(history.get(1).path("before").path("properties").path("availability").asString()).isEqualTo("available");
        assertThat(history.get(1).path("after").path("properties").path("availability").asString()).isEqualTo("reserved");
        assertThat(history.get(2).path("changedBy").asString()).isEqualTo("planner-4028");
        assertThat(history.get(3).path("action").asString()).isEqualTo("archive");
        assertThat(history.get(4).path("action").asString()).isEqualTo("restore");

        // any version can be restored, and the restore is itself recorded
        Api.Response restored = p.header("If-Match", "\"4\"").post("/api/plots/" + id + "/history/0/restore", null);
        assertThat(restored.status()).as(restored.body()).isEqualTo(200);
        assertThat(restored.json().path("properties").path("availability").asString()).isEqualTo("available");
        assertThat(restored.json().path("properties").path("name").asString()).startsWith("Testtomt");
        assertThat(p.get("/api/plots/" + id + "/history").json().size()).isEqualTo(6);
        assertThat(api().get("/api/plots/" + id + "/history").status()).isEqualTo(401);
        assertThat(api().as("planner-4022", DEMO_PASSWORD).get("/api/plots/" + id + "/history").status()).isEqualTo(403);
    }

    @Test
    void aRegionalAdminWritesInEveryMunicipality() {
        Api admin = api().as("admin", ADMIN_PASSWORD);
        assertThat(admin.post("/api/plots", TestPlots.feature("4022", TestPlots.SELJORD, 20).toString()).status())
                .isEqualTo(201);
        assertThat(admin.post("/api/plots", TestPlots.feature("4028", TestPlots.KVITESEID, 20).toString()).status())
                .isEqualTo(201);
    }

    // --- the map page's filters: price floor, infrastructure, distances, hazards; sorting by distance ---

    /** Public plots (what an anonymous list sees) matching an SQL condition on {@code plot p}, counted directly. */
    private long publicCount(String condition) {
        return jdbc.sql("SELECT count(*) FROM plot p WHERE p.published AND p.archived_at IS NULL AND (" + condition + ")")
                .query(Long.class).single();
    }

    private JsonNode list(String query) {
        Api.Response r = api().get("/api/plots?" + query);
        assertThat(r.status()).as(query + " " + r.body()).isEqualTo(200);
        return r.json();
    }

    /** The median of an expression over public plots, moved off any plot's exact value so no plot sits on the edge. */
    private double median(String expression) {
        return jdbc.sql("SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY " + expression + ") FROM plot p "
                + "WHERE p.published AND p.archived_at IS NULL").query(Double.class).single() + 0.25;
    }

    private static final String HUB_DISTANCE = "(SELECT min(ST_Distance(h.geom, p.geom)) FROM business_hub h)";
    private static final String CENTRE_DISTANCE =
            "(SELECT min(ST_Distance(c.geom, p.geom)) FROM place c WHERE c.kind = 'kommunesenter')";
    private static final String PRICE = "coalesce(p.price_total, round(p.price_per_m2 * p.area_m2::numeric))";
    private static final String HAZARD = "EXISTS (SELECT 1 FROM hazard_zone z WHERE ST_Intersects(z.geom, p.geom))";

    @Test
    void filtersByMinimumPriceAndByInfrastructureThatIsInPlace() {
        long all = publicCount("true");
        double price = median(PRICE);
        JsonNode dear = list("minPrice=" + price + "&limit=1000");
        assertThat(dear.path("numberMatched").asLong()).isEqualTo(publicCount(PRICE + " >= " + price))
                .isPositive().isLessThan(all);
        dear.path("features").forEach(f -> assertThat(f.path("properties").path("effectivePrice").asDouble())
                .isGreaterThanOrEqualTo(price));
        assertThat(list("minPrice=100000&maxPrice=300000&limit=1").path("numberMatched").asLong())
                .isEqualTo(publicCount(PRICE + " BETWEEN 100000 AND 300000"));

        JsonNode ready = list("infra=road,power,fibre&limit=1000");
        assertThat(ready.path("numberMatched").asLong())
                .isEqualTo(publicCount("p.infra_road = 'yes' AND p.infra_power = 'yes' AND p.infra_fibre = 'yes'"))
                .isPositive().isLessThan(all);
        ready.path("features").forEach(f -> {
            JsonNode infra = f.path("properties").path("infrastructure");
            assertThat(List.of(infra.path("road").asString(), infra.path("power").asString(),
                    infra.path("fibre").asString())).containsOnly("yes");
        });
        for (String item : List.of("road", "water", "sewer", "power", "fibre")) {
            assertThat(list("infra=" + item + "&limit=1").path("numberMatched").asLong()).as(item)
                    .isEqualTo(publicCount("p.infra_" + item + " = 'yes'"));
        }
    }

    @Test
    void filtersByDistanceToTheNearestBusinessHubAndKommunesenter() {
        long all = publicCount("true");
        double hub = median(HUB_DISTANCE);
        JsonNode nearHub = list("maxHubDistance=" + hub + "&limit=1000");
        assertThat(nearHub.path("numberMatched").asLong()).isEqualTo(publicCount(HUB_DISTANCE + " <= " + hub))
                .isPositive().isLessThan(all);
        nearHub.path("features").forEach(f -> assertThat(
                f.path("properties").path("nearestBusinessHub").path("distanceM").asDouble()).isLessThanOrEqualTo(hub + 0.5));

        double centre = median(CENTRE_DISTANCE);
        JsonNode nearCentre = list("maxCentreDistance=" + centre + "&limit=1000");
        assertThat(nearCentre.path("numberMatched").asLong()).isEqualTo(publicCount(CENTRE_DISTANCE + " <= " + centre))
                .isPositive().isLessThan(all);
        nearCentre.path("features").forEach(f -> assertThat(
                f.path("properties").path("nearestCentre").path("distanceM").asDouble()).isLessThanOrEqualTo(centre + 0.5));

        assertThat(list("maxHubDistance=0&limit=1").path("numberMatched").asLong())
                .isEqualTo(publicCount(HUB_DISTANCE + " = 0"));
    }

    @Test
    void noHazardsLeavesOutEveryPlotOverlappingAHazardZone() {
        long all = publicCount("true");
        long exposed = publicCount(HAZARD);
        assertThat(exposed).isPositive();
        JsonNode safe = list("noHazards=true&limit=1000");
        assertThat(safe.path("numberMatched").asLong()).isEqualTo(all - exposed)
                .isEqualTo(publicCount("p.id NOT IN (SELECT q.id FROM plot q JOIN hazard_zone z ON ST_Intersects(z.geom, q.geom))"));
        safe.path("features").forEach(f -> assertThat(f.path("properties").path("hazards").size()).isZero());
        assertThat(list("noHazards=false&limit=1").path("numberMatched").asLong()).isEqualTo(all);
    }

    @Test
    void theNewFiltersCombineWithTheOthersAndTheExportsTakeThemToo() {
        double hub = median(HUB_DISTANCE);
        double centre = median(CENTRE_DISTANCE) * 2;
        String query = "purpose=housing,business&infra=road,power&maxHubDistance=" + hub + "&maxCentreDistance=" + centre
                + "&noHazards=true&minPrice=1";
        long expected = publicCount("p.purpose IN ('housing', 'business') AND p.infra_road = 'yes' AND p.infra_power = 'yes'"
                + " AND " + HUB_DISTANCE + " <= " + hub + " AND " + CENTRE_DISTANCE + " <= " + centre
                + " AND NOT " + HAZARD + " AND " + PRICE + " >= 1");
        assertThat(expected).isPositive();
        assertThat(list(query + "&limit=1").path("numberMatched").asLong()).isEqualTo(expected);
        Api.Response export = api().get("/api/plots/export.geojson?" + query);
        assertThat(export.status()).as(export.body()).isEqualTo(200);
        assertThat(export.json().path("features").size()).isEqualTo((int) expected);
        // the export keeps the list's order, distance sort included
        JsonNode sortedList = list(query + "&sort=-distanceHub&limit=1000");
        List<Double> distances = new java.util.ArrayList<>();
        List<Long> listIds = new java.util.ArrayList<>();
        sortedList.path("features").forEach(f -> {
            listIds.add(f.path("id").asLong());
            distances.add(f.path("properties").path("nearestBusinessHub").path("distanceM").asDouble());
        });
        assertThat(distances).hasSize((int) expected).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        List<Long> exportIds = new java.util.ArrayList<>();
        api().get("/api/plots/export.geojson?" + query + "&sort=-distanceHub").json().path("features")
                .forEach(f -> exportIds.add(f.path("id").asLong()));
        assertThat(exportIds).isEqualTo(listIds);
    }

    @Test
    void sortsByDistanceToTheNearestHubOrCentreBothWays() {
        assertDistances("distanceHub", "nearestBusinessHub", false);
        assertDistances("-distanceHub", "nearestBusinessHub", true);
        assertDistances("distanceCentre", "nearestCentre", false);
        assertDistances("-distanceCentre", "nearestCentre", true);
        long nearest = jdbc.sql("SELECT p.id FROM plot p WHERE p.published AND p.archived_at IS NULL ORDER BY "
                + HUB_DISTANCE + ", p.id LIMIT 1").query(Long.class).single();
        assertThat(list("sort=distanceHub&limit=1").path("features").get(0).path("id").asLong()).isEqualTo(nearest);
    }

    private void assertDistances(String sort, String property, boolean descending) {
        JsonNode body = list("sort=" + sort + "&limit=1000");
        List<Double> distances = new java.util.ArrayList<>();
        body.path("features").forEach(f -> distances.add(f.path("properties").path(property).path("distanceM").asDouble()));
        assertThat(distances).as(sort).hasSizeGreaterThan(100);
        if (descending) {
            assertThat(distances).as(sort).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        } else {
            assertThat(distances).as(sort).isSorted();
        }
        assertThat(distances.get(0)).as(sort).isNotEqualTo(distances.get(distances.size() - 1));
    }

    @Test
    void badValuesOfTheNewParametersAre400NamingTheParameter() {
        String[][] cases = {{"minPrice=-1", "?minPrice"}, {"minPrice=cheap", "?minPrice"}, {"infra=gas", "?infra"},
                {"infra=road,gas", "?infra"}, {"maxHubDistance=far", "?maxHubDistance"},
                {"maxCentreDistance=-5", "?maxCentreDistance"}, {"maxCentreDistance=NaN", "?maxCentreDistance"},
                {"noHazards=yes", "?noHazards"}, {"sort=distance", "?sort"}, {"maxHubDist=500", "?maxHubDist"}};
        for (String[] c : cases) {
            for (String path : List.of("/api/plots?", "/api/plots/export.csv?")) {
                Api.Response r = api().get(path + c[0]);
                assertThat(r.status()).as(path + c[0]).isEqualTo(400);
                assertThat(r.header("Content-Type")).startsWith("application/problem+json");
                assertThat(r.json().path("errors").findValuesAsString("pointer")).as(path + c[0]).containsExactly(c[1]);
            }
        }
    }

    private static String link(JsonNode body, String rel) {
        for (JsonNode l : body.path("links")) {
            if (rel.equals(l.path("rel").asString())) {
                return l.path("href").asString();
            }
        }
        return null;
    }

    private static Set<Long> ids(JsonNode collection) {
        Set<Long> ids = new HashSet<>();
        collection.path("features").forEach(f -> ids.add(f.path("id").asLong()));
        return ids;
    }
}
