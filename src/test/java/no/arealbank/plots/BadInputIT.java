package no.arealbank.plots;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import no.arealbank.Api;
import no.arealbank.SampleRegionTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every kind of bad write gets a clear problem+json answer naming the field, and changes nothing:
 * each case compares a fingerprint of the plot and history tables before and after.
 */
class BadInputIT extends SampleRegionTest {

    private Api planner() {
        return api().as("planner-4028", DEMO_PASSWORD);
    }

    private ObjectNode valid() {
        return TestPlots.feature("4028", TestPlots.KVITESEID, 30);
    }

    /** Sends the request, asserts status, problem+json and the pointer, and that the database is unchanged. */
    private JsonNode refused(int status, String pointer, Supplier<Api.Response> request) {
        String before = databaseFingerprint();
        Api.Response r = request.get();
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode body = r.json();
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("title").asString()).isNotBlank();
        if (pointer != null) {
            assertThat(body.path("errors").findValuesAsString("pointer")).contains(pointer);
        }
        assertThat(databaseFingerprint()).as("database unchanged").isEqualTo(before);
        return body;
    }

    @Test
    void malformedJsonIs400() {
        refused(400, null, () -> planner().post("/api/plots", "{\"type\": \"Feature\", \"properties\": {"));
    }

    @Test
    void aWrongTypeIs400NamingTheField() {
        ObjectNode f = valid();
        ((ObjectNode) f.get("properties")).put("priceTotal", "cheap");
        refused(400, "/properties/priceTotal", () -> planner().post("/api/plots", f.toString()));
    }

    @Test
    void wrongMediaTypeIs415() {
        refused(415, null, () -> planner().send("POST", "/api/plots", valid().toString(), "text/plain"));
    }

    @Test
    void selfIntersectingPolygonIs422WithTheLocation() {
        ObjectNode f = valid();
        ObjectNode bowtie = Api.JSON.createObjectNode().put("type", "Polygon");
        ArrayNode ring = bowtie.putArray("coordinates").addArray();
        double[][] pts = {{8.470, 59.415}, {8.471, 59.416}, {8.471, 59.415}, {8.470, 59.416}, {8.470, 59.415}};
        for (double[] p : pts) {
            ring.addArray().add(p[0]).add(p[1]);
        }
        f.set("geometry", bowtie);
        JsonNode body = refused(422, "/geometry", () -> planner().post("/api/plots", f.toString()));
        JsonNode location = body.path("errors").get(0).path("location");
        assertThat(location.get(0).asDouble()).isCloseTo(8.4705, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(location.get(1).asDouble()).isCloseTo(59.4155, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(body.path("detail").asString()).containsIgnoringCase("self-intersection");
    }

    @Test
    void coordinatesOutsideNorwayAre422() {
        ObjectNode f = valid();
        f.set("geometry", TestPlots.square(13.40, 52.52, 30)); // Berlin
        JsonNode body = refused(422, "/geometry/coordinates", () -> planner().post("/api/plots", f.toString()));
        assertThat(body.path("detail").asString()).contains("outside Norway");
        ObjectNode swapped = valid();
        swapped.set("geometry", TestPlots.square(59.415, 8.47, 30)); // lat/lon swapped
        refused(422, "/geometry/coordinates", () -> planner().post("/api/plots", swapped.toString()));
    }

    @Test
    void unknownLandUseCodeOrAllowedUseIs422() {
        ObjectNode code = valid();
        ((ObjectNode) code.get("properties")).put("landUseCode", 9999);
        refused(422, "/properties/landUseCode", () -> planner().post("/api/plots", code.toString()));
        ObjectNode use = valid();
        ((ObjectNode) use.get("properties")).putArray("allowedUses").add("bustad").add("kasino");
        refused(422, "/properties/allowedUses/1", () -> planner().post("/api/plots", use.toString()));
    }

    @Test
    void aCombinedPlotWithoutItsAllowedUsesIs422() {
        ObjectNode f = valid();
        ((ObjectNode) f.get("properties")).put("purpose", "combined");
        ((ObjectNode) f.get("properties")).remove("allowedUses");
        refused(422, "/properties/allowedUses", () -> planner().post("/api/plots", f.toString()));
    }

    @Test
    void negativePriceIs422() {
        ObjectNode f = valid();
        ((ObjectNode) f.get("properties")).put("priceTotal", -1);
        ((ObjectNode) f.get("properties").get("fees")).put("water", -500);
        JsonNode body = refused(422, "/properties/priceTotal", () -> planner().post("/api/plots", f.toString()));
        assertThat(body.path("errors").findValuesAsString("pointer")).contains("/properties/fees/water");
    }

    @Test
    void tooManyVerticesIs422() {
        ObjectNode f = valid();
        ObjectNode circle = Api.JSON.createObjectNode().put("type", "Polygon");
        ArrayNode ring = circle.putArray("coordinates").addArray();
        int n = 10_001;
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            ring.addArray().add(8.47 + 0.001 * Math.cos(a)).add(59.415 + 0.0005 * Math.sin(a));
        }
        ring.add(ring.get(0).deepCopy());
        f.set("geometry", circle);
        JsonNode body = refused(422, "/geometry/coordinates", () -> planner().post("/api/plots", f.toString()));
        assertThat(body.path("detail").asString()).contains("too many vertices");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        ObjectNode f = valid();
        ((ObjectNode) f.get("properties").get("description")).put("nn", "x".repeat(6 * 1024 * 1024));
        refused(413, null, () -> planner().post("/api/plots", f.toString()));
    }

    @Test
    void anonymousWriteIs401() {
        Api.Response r = api().post("/api/plots", valid().toString());
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
        refused(401, null, () -> api().post("/api/plots", valid().toString()));
        refused(401, null, () -> api().as("planner-4028", "wrong-password").post("/api/plots", valid().toString()));
    }

    @Test
    void aPlannerWritingInAnotherMunicipalityIs403() {
        ObjectNode seljord = TestPlots.feature("4022", TestPlots.SELJORD, 30);
        refused(403, "/properties/municipalityNumber", () -> planner().post("/api/plots", seljord.toString()));
        long sample = jdbc.sql("SELECT min(id) FROM plot WHERE municipality_number = '4022' AND archived_at IS NULL")
                .query(Long.class).single();
        refused(403, null, () -> planner().header("If-Match", "*").put("/api/plots/" + sample, seljord.toString()));
        refused(403, null, () -> planner().delete("/api/plots/" + sample));
    }

    @Test
    void staleOrMissingIfMatchIs412Or428() {
        Api.Response created = planner().post("/api/plots", valid().toString());
        long id = created.json().path("id").asLong();
        ObjectNode change = valid();
        refused(428, "If-Match", () -> planner().put("/api/plots/" + id, change.toString()));
        refused(412, "If-Match", () -> planner().header("If-Match", "\"7\"").put("/api/plots/" + id, change.toString()));
        refused(428, "If-Match", () -> planner().patch("/api/plots/" + id, "{\"properties\":{\"availability\":\"sold\"}}"));
        refused(412, "If-Match", () -> planner().header("If-Match", "\"3\"")
                .patch("/api/plots/" + id, "{\"properties\":{\"availability\":\"sold\"}}"));
    }

    @Test
    void invalidContentInAReplaceChangesNothing() {
        Api.Response created = planner().post("/api/plots", valid().toString());
        long id = created.json().path("id").asLong();
        ObjectNode bad = valid();
        ((ObjectNode) bad.get("properties")).put("availability", "gone");
        refused(422, "/properties/availability",
                () -> planner().header("If-Match", created.header("ETag")).put("/api/plots/" + id, bad.toString()));
        refused(422, "/properties/pricePerM2", () -> planner().header("If-Match", created.header("ETag"))
                .patch("/api/plots/" + id, "{\"properties\":{\"pricePerM2\":-3}}"));
    }

    @Test
    void duplicateMatrikkelIdInOneMunicipalityIs409() {
        ObjectNode first = valid();
        assertThat(planner().post("/api/plots", first.toString()).status()).isEqualTo(201);
        ObjectNode second = valid();
        ((ObjectNode) second.get("properties")).set("matrikkel", first.get("properties").get("matrikkel").deepCopy());
        refused(409, "/properties/matrikkel", () -> planner().post("/api/plots", second.toString()));
    }

    @Test
    void unknownPropertiesAndMissingRequiredFieldsAre422() {
        ObjectNode f = valid();
        ObjectNode p = (ObjectNode) f.get("properties");
        p.put("prize", 1);
        p.remove("name");
        p.remove("availability");
        JsonNode body = refused(422, "/properties/prize", () -> planner().post("/api/plots", f.toString()));
        assertThat(body.path("errors").findValuesAsString("pointer"))
                .contains("/properties/name", "/properties/availability");
    }

    @Test
    void badQueryParametersAre400NamingTheParameter() {
        refused(400, "?bbox", () -> api().get("/api/plots?bbox=1,2,3"));
        refused(400, "?crs", () -> api().get("/api/plots?crs=EPSG:9999"));
        refused(400, "?purpose", () -> api().get("/api/plots?purpose=castle"));
        refused(400, "?minArea", () -> api().get("/api/plots?minArea=big"));
        refused(400, "?colour", () -> api().get("/api/plots?colour=red"));
    }
}
