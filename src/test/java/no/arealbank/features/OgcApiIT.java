package no.arealbank.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import no.arealbank.Api;
import no.arealbank.SampleRegionTest;

import tools.jackson.databind.JsonNode;

/**
 * OGC API – Features Part 1 (core, geojson, html) and Part 2 (crs), following the abstract test suites:
 * /ats/core/root-op, root-success, conformance-op, api-definition, fc-md-*, fc-limit-*, fc-bbox-*, fc-time-*,
 * fc-response, fc-links, fc-rel-type, f-op/f-success; Part 2 /ats/crs/*.
 */
class OgcApiIT extends SampleRegionTest {

    private long publicPlots() {
        return jdbc.sql("SELECT count(*) FROM plot WHERE published AND archived_at IS NULL").query(Long.class).single();
    }

    private static String link(JsonNode doc, String rel, String type) {
        for (JsonNode l : doc.path("links")) {
            if (rel.equals(l.path("rel").asString()) && (type == null || type.equals(l.path("type").asString()))) {
                return l.path("href").asString();
            }
        }
        return null;
    }

    private static String path(String href) {
        return href.substring(href.indexOf("/ogc"));
    }

    @Test
    void landingPageLinksTheApiDefinitionConformanceAndData() {
        Api.Response r = api().get("/ogc");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode doc = r.json();
        assertThat(link(doc, "self", "application/json")).isNotNull();
        assertThat(link(doc, "service-desc", "application/vnd.oai.openapi+json;version=3.0")).endsWith("/ogc/api");
        assertThat(link(doc, "conformance", null)).endsWith("/ogc/conformance");
        assertThat(link(doc, "data", null)).endsWith("/ogc/collections");
        // every link resolves
        for (JsonNode l : doc.path("links")) {
            assertThat(api().get(path(l.path("href").asString())).status()).as(l.toString()).isEqualTo(200);
        }
    }

    @Test
    void declaresTheConformanceClasses() {
        JsonNode conf = api().get("/ogc/conformance").json();
        List<String> classes = new ArrayList<>();
        conf.path("conformsTo").forEach(c -> classes.add(c.asString()));
        assertThat(classes).contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
                "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs");
    }

    @Test
    void describesSixCollectionsWithExtentCrsAndItemLinks() {
        JsonNode doc = api().get("/ogc/collections").json();
        Set<String> ids = new HashSet<>();
        for (JsonNode c : doc.path("collections")) {
            ids.add(c.path("id").asString());
            assertThat(c.path("itemType").asString()).isEqualTo("feature");
            assertThat(link(c, "items", "application/geo+json")).as(c.path("id").asString()).isNotNull();
            assertThat(c.path("extent").path("spatial").path("crs").asString())
                    .isEqualTo("http://www.opengis.net/def/crs/OGC/1.3/CRS84");
            JsonNode bbox = c.path("extent").path("spatial").path("bbox").get(0);
            assertThat(bbox.size()).isEqualTo(4);
            assertThat(bbox.get(0).asDouble()).isBetween(4.0, 9.0);
            assertThat(bbox.get(1).asDouble()).isBetween(58.5, 62.0);
            assertThat(c.path("storageCrs").asString()).isEqualTo("http://www.opengis.net/def/crs/EPSG/0/25832");
            List<String> crs = new ArrayList<>();
            c.path("crs").forEach(x -> crs.add(x.asString()));
            assertThat(crs).contains("http://www.opengis.net/def/crs/OGC/1.3/CRS84",
                    "http://www.opengis.net/def/crs/EPSG/0/4326", "http://www.opengis.net/def/crs/EPSG/0/25832",
                    "http://www.opengis.net/def/crs/EPSG/0/25833", "http://www.opengis.net/def/crs/EPSG/0/3857");
            JsonNode single = api().get("/ogc/collections/" + c.path("id").asString()).json();
            assertThat(single.path("id").asString()).isEqualTo(c.path("id").asString());
        }
        assertThat(ids).containsExactlyInAnyOrder("plots", "zones", "hazards", "municipalities", "business-hubs", "plans");
        JsonNode plots = api().get("/ogc/collections/plots").json();
        assertThat(plots.path("extent").path("temporal").path("interval").get(0).size()).isEqualTo(2);
        assertThat(api().get("/ogc/collections/nothing").status()).isEqualTo(404);
    }

    @Test
    void pagesThroughAllPublicPlotsWithNextLinksThatKeepTheParameters() {
        long expected = publicPlots();
        String next = "/ogc/collections/plots/items?limit=40&properties=name,areaM2";
        Set<String> ids = new HashSet<>();
        int pages = 0;
        while (next != null) {
            Api.Response r = api().get(next);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).startsWith("application/geo+json");
            JsonNode page = r.json();
            assertThat(page.path("type").asString()).isEqualTo("FeatureCollection");
            assertThat(page.path("numberMatched").asLong()).isEqualTo(expected);
            assertThat(page.path("numberReturned").asInt()).isEqualTo(page.path("features").size());
            assertThat(page.path("timeStamp").asString()).isNotBlank();
            assertThat(link(page, "self", "application/geo+json")).isNotNull();
            for (JsonNode f : page.path("features")) {
                assertThat(ids.add(f.path("id").asString())).isTrue();
                assertThat(f.path("properties").size()).as("only the requested properties").isEqualTo(2);
            }
            String href = link(page, "next", null);
            if (href != null) {
                assertThat(href).contains("limit=40").contains("properties=name,areaM2");
            }
            next = href == null ? null : path(href);
            pages++;
        }
        assertThat(pages).isGreaterThanOrEqualTo(4);
        assertThat((long) ids.size()).isEqualTo(expected);
    }

    @Test
    void clampsTheLimitAndRefusesInvalidOrUnknownParameters() {
        JsonNode all = api().get("/ogc/collections/plots/items?limit=100000").json();
        assertThat(all.path("numberReturned").asLong()).isEqualTo(publicPlots());
        for (String bad : List.of("limit=0", "limit=-1", "limit=ten", "offset=-3", "bbox=1,2,3", "bbox=a,b,c,d",
                "bbox=8,61,9,60", "datetime=yesterday", "crs=EPSG:9999", "bbox-crs=urn:x", "properties=prize",
                "sortby=prize", "colour=red", "filter-lang=cql2-text")) {
            Api.Response r = api().get("/ogc/collections/plots/items?" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.header("Content-Type")).as(bad).startsWith("application/problem+json");
            assertThat(r.json().path("code").asString()).isEqualTo("InvalidParameterValue");
        }
        assertThat(api().get("/ogc/collections/plots/items?f=xml").status()).isEqualTo(406);
    }

    @Test
    void filtersByBboxInFourOrSixNumbersAndInEachBboxCrs() {
        long inDalen = jdbc.sql("""
                SELECT count(*) FROM plot WHERE published AND archived_at IS NULL
                   AND ST_Intersects(geom, ST_Transform(ST_MakeEnvelope(7.9, 59.40, 8.1, 59.48, 4326), 25832))
                """).query(Long.class).single();
        assertThat(inDalen).isPositive();
        assertThat(count("bbox=7.9,59.40,8.1,59.48")).isEqualTo(inDalen);
        assertThat(count("bbox=7.9,59.40,-100,8.1,59.48,100")).isEqualTo(inDalen);
        // EPSG:4326 is latitude first
        assertThat(count("bbox=59.40,7.9,59.48,8.1&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4326"))
                .isEqualTo(inDalen);
        double[] utm = jdbc.sql("""
                SELECT ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)] FROM
                  (SELECT ST_Transform(ST_MakeEnvelope(7.9, 59.40, 8.1, 59.48, 4326), 25832) AS e) x
                """).query((rs, i) -> {
                    Double[] a = (Double[]) rs.getArray(1).getArray();
                    return new double[] {a[0], a[1], a[2], a[3]};
                }).single();
        long utmCount = count("bbox=%s,%s,%s,%s&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/25832"
                .formatted(utm[0], utm[1], utm[2], utm[3]));
        assertThat(utmCount).isGreaterThanOrEqualTo(inDalen); // the UTM box contains the lon/lat box
        assertThat(count("bbox=-180,-90,180,90")).isEqualTo(publicPlots());
        assertThat(count("bbox=10,40,11,41")).isZero();
    }

    @Test
    void filtersByDatetimeIntervalsOnTheLastChange() {
        long all = publicPlots();
        assertThat(count("datetime=2000-01-01T00:00:00Z/..")).isEqualTo(all);
        assertThat(count("datetime=../2000-01-01T00:00:00Z")).isZero();
        assertThat(count("datetime=2000-01-01/2999-12-31")).isEqualTo(all);
        // business hubs have no time: datetime has no effect there
        assertThat(api().get("/ogc/collections/business-hubs/items?datetime=../2000-01-01T00:00:00Z").json()
                .path("numberMatched").asLong()).isPositive();
    }

    @Test
    void sortsByAnyPropertyAscendingOrDescending() {
        JsonNode asc = api().get("/ogc/collections/plots/items?sortby=areaM2&limit=1000&properties=areaM2").json();
        JsonNode desc = api().get("/ogc/collections/plots/items?sortby=-areaM2&limit=1000&properties=areaM2").json();
        List<Double> a = new ArrayList<>();
        asc.path("features").forEach(f -> a.add(f.path("properties").path("areaM2").asDouble()));
        assertThat(a).isSorted();
        assertThat(desc.path("features").get(0).path("properties").path("areaM2").asDouble())
                .isEqualTo(a.get(a.size() - 1));
    }

    @Test
    void servesGeometriesInTheRequestedCrsWithContentCrs() {
        Api.Response crs84 = api().get("/ogc/collections/business-hubs/items?limit=1");
        assertThat(crs84.header("Content-Crs")).isEqualTo("<http://www.opengis.net/def/crs/OGC/1.3/CRS84>");
        JsonNode p = crs84.json().path("features").get(0).path("geometry").path("coordinates");
        assertThat(p.get(0).asDouble()).as("longitude first").isBetween(6.0, 9.0);
        Api.Response latLon = api().get("/ogc/collections/business-hubs/items?limit=1&crs=http://www.opengis.net/def/crs/EPSG/0/4326");
        assertThat(latLon.header("Content-Crs")).isEqualTo("<http://www.opengis.net/def/crs/EPSG/0/4326>");
        JsonNode q = latLon.json().path("features").get(0).path("geometry").path("coordinates");
        assertThat(q.get(0).asDouble()).as("latitude first").isEqualTo(p.get(1).asDouble());
        JsonNode utm = api().get("/ogc/collections/business-hubs/items?limit=1&crs=http://www.opengis.net/def/crs/EPSG/0/25833")
                .json().path("features").get(0).path("geometry").path("coordinates");
        assertThat(utm.get(1).asDouble()).isBetween(6_500_000.0, 6_900_000.0);
        String id = crs84.json().path("features").get(0).path("id").asString();
        Api.Response one = api().get("/ogc/collections/business-hubs/items/" + id + "?crs=http://www.opengis.net/def/crs/EPSG/0/3857");
        assertThat(one.header("Content-Crs")).isEqualTo("<http://www.opengis.net/def/crs/EPSG/0/3857>");
        assertThat(one.json().path("geometry").path("coordinates").get(0).asDouble()).isBetween(600_000.0, 1_100_000.0);
    }

    @Test
    void servesSingleFeaturesWithLinksAndAnETag() {
        String id = api().get("/ogc/collections/plans/items?limit=1").json().path("features").get(0).path("id").asString();
        Api.Response r = api().get("/ogc/collections/plans/items/" + id);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("type").asString()).isEqualTo("Feature");
        assertThat(link(r.json(), "self", null)).isNotNull();
        assertThat(link(r.json(), "collection", null)).endsWith("/ogc/collections/plans");
        String etag = r.header("ETag");
        assertThat(api().header("If-None-Match", etag).get("/ogc/collections/plans/items/" + id).status()).isEqualTo(304);
        assertThat(api().get("/ogc/collections/plans/items/does-not-exist").status()).isEqualTo(404);
        assertThat(api().get("/ogc/collections/plots/items/not-a-number").status()).isEqualTo(404);
    }

    @Test
    void neverShowsDraftsOrArchivedPlotsToAnyone() {
        List<Long> hidden = jdbc.sql("SELECT id FROM plot WHERE NOT published OR archived_at IS NOT NULL")
                .query(Long.class).list();
        assertThat(hidden).as("the sample has drafts").isNotEmpty();
        Set<String> served = new HashSet<>();
        api().get("/ogc/collections/plots/items?limit=10000&properties=name").json().path("features")
                .forEach(f -> served.add(f.path("id").asString()));
        for (long id : hidden) {
            assertThat(served).doesNotContain(Long.toString(id));
            assertThat(api().get("/ogc/collections/plots/items/" + id).status()).isEqualTo(404);
            assertThat(api().get("/ogc/collections/plots/items/" + id + "?f=html").status()).isEqualTo(404);
            // signing in does not change the public standard view
            assertThat(api().as("admin", ADMIN_PASSWORD).get("/ogc/collections/plots/items/" + id).status()).isEqualTo(404);
        }
        String html = api().get("/ogc/collections/plots/items?f=html&limit=10000").body();
        String draftName = jdbc.sql("SELECT name FROM plot WHERE NOT published LIMIT 1").query(String.class).single();
        assertThat(html).doesNotContain(org.springframework.web.util.HtmlUtils.htmlEscape(draftName));
    }

    @Test
    void rendersEveryResourceAsHtmlByParameterOrAcceptHeader() {
        for (String path : List.of("/ogc", "/ogc/conformance", "/ogc/collections", "/ogc/collections/plots",
                "/ogc/collections/plots/items", "/ogc/collections/municipalities/items/4028")) {
            Api.Response byParam = api().get(path + "?f=html");
            assertThat(byParam.status()).as(path).isEqualTo(200);
            assertThat(byParam.header("Content-Type")).startsWith("text/html");
            assertThat(byParam.body()).contains("<html").contains("</html>");
            Api.Response byAccept = api().header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").get(path);
            assertThat(byAccept.header("Content-Type")).as(path).startsWith("text/html");
        }
        String items = api().get("/ogc/collections/plots/items?f=html&limit=5").body();
        assertThat(items).contains("id=\"map\"").contains("Next page");
        assertThat(api().get("/ogc/collections/municipalities/items/4028?f=html").body()).contains("Kviteseid");
    }

    @Test
    void publishesQueryablesAsJsonSchema() {
        Api.Response r = api().get("/ogc/collections/plots/queryables");
        assertThat(r.header("Content-Type")).startsWith("application/schema+json");
        JsonNode schema = r.json();
        assertThat(schema.path("type").asString()).isEqualTo("object");
        assertThat(schema.path("properties").path("areaM2").path("type").asString()).isEqualTo("number");
        assertThat(schema.path("properties").path("purpose").path("type").asString()).isEqualTo("string");
        assertThat(schema.path("properties").path("geometry").path("x-ogc-role").asString()).isEqualTo("primary-geometry");
        // queryables work as query parameters
        long business = jdbc.sql("SELECT count(*) FROM plot WHERE published AND archived_at IS NULL AND purpose = 'business'")
                .query(Long.class).single();
        assertThat(count("purpose=business")).isEqualTo(business);
        assertThat(api().get("/ogc/collections/plots/items?areaM2=big").status()).isEqualTo(400);
    }

    private long count(String query) {
        Api.Response r = api().get("/ogc/collections/plots/items?limit=1&" + query);
        assertThat(r.status()).as(query + " → " + r.body()).isEqualTo(200);
        return r.json().path("numberMatched").asLong();
    }
}
