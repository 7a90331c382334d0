package no.arealbank.plots;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import no.arealbank.Api;

import tools.jackson.databind.JsonNode;

/** GET /api/plots/{id}/history with field diffs and drawable geometries; restoring a version is itself recorded. */
class PlotHistoryIT extends WorkspaceSupport {

    private static final double[] HISTORY_HERE = offset(HERE, 0, 1200);

    private static Map<String, JsonNode[]> changes(JsonNode entry) {
        Map<String, JsonNode[]> m = new HashMap<>();
        entry.path("changes").forEach(c -> m.put(c.path("field").asString(), new JsonNode[] {c.path("before"),
                c.path("after")}));
        return m;
    }

    @Test
    void eachEntryListsTheChangedFieldsAndWhetherTheGeometryChanged() {
        Api p = planner("4028");
        long id = plot(p, "4028", HISTORY_HERE, 30).path("id").asLong();
        assertThat(p.header("If-Match", "\"0\"").patch("/api/plots/" + id,
                "{\"properties\":{\"priceTotal\":199000,\"infrastructure\":{\"fibre\":\"yes\"}}}").status()).isEqualTo(200);
        JsonNode bigger = TestPlots.square(HISTORY_HERE[0], HISTORY_HERE[1], 35);
        assertThat(p.header("If-Match", "\"1\"").patch("/api/plots/" + id, "{\"geometry\":" + bigger + "}").status())
                .isEqualTo(200);

        JsonNode history = history(p, id);
        assertThat(history.size()).isEqualTo(3);
        JsonNode created = history.get(0);
        assertThat(created.path("geometryChanged").asBoolean()).isTrue();
        assertThat(changes(created)).containsKey("name").containsKey("fees.survey").doesNotContainKey("version");
        assertThat(changes(created).get("name")[0].isNull()).isTrue();

        JsonNode patched = history.get(1);
        assertThat(patched.path("geometryChanged").asBoolean()).isFalse();
        Map<String, JsonNode[]> c = changes(patched);
        assertThat(c).containsOnlyKeys("priceTotal", "infrastructure.fibre", "effectivePrice");
        assertThat(c.get("priceTotal")[0].asDouble()).isEqualTo(250000);
        assertThat(c.get("priceTotal")[1].asDouble()).isEqualTo(199000);
        assertThat(c.get("infrastructure.fibre")[0].asString()).isEqualTo("planned");
        assertThat(c.get("infrastructure.fibre")[1].asString()).isEqualTo("yes");
        // the existing members stay
        assertThat(patched.path("before").path("properties").path("priceTotal").asDouble()).isEqualTo(250000);
        assertThat(patched.path("changedBy").asString()).isEqualTo("planner-4028");
        assertThat(patched.path("version").asInt()).isEqualTo(1);

        JsonNode moved = history.get(2);
        assertThat(moved.path("geometryChanged").asBoolean()).isTrue();
        assertThat(changes(moved)).containsKey("areaM2").doesNotContainKey("priceTotal");
    }

    @Test
    void beforeAndAfterGeometriesComeInCrs84UnlessAnotherCrsIsAsked() {
        Api p = planner("4028");
        long id = plot(p, "4028", offset(HISTORY_HERE, 100, 0), 30).path("id").asLong();
        assertThat(p.header("If-Match", "\"0\"").patch("/api/plots/" + id, "{\"properties\":{\"name\":\"Ny\"}}")
                .status()).isEqualTo(200);
        JsonNode entry = history(p, id).get(1);
        for (String side : new String[] {"before", "after"}) {
            JsonNode first = entry.path(side).path("geometry").path("coordinates").get(0).get(0).get(0);
            assertThat(first.get(0).asDouble()).as(side + " lon").isBetween(8.0, 9.0);
            assertThat(first.get(1).asDouble()).as(side + " lat").isBetween(59.0, 60.0);
        }
        JsonNode original = p.get("/api/plots/" + id).json().path("geometry").path("coordinates").get(0).get(0).get(0);
        JsonNode drawn = entry.path("after").path("geometry").path("coordinates").get(0).get(0).get(0);
        assertThat(drawn.get(0).asDouble()).isCloseTo(original.get(0).asDouble(), org.assertj.core.data.Offset.offset(1e-6));

        JsonNode utm = p.get("/api/plots/" + id + "/history?crs=EPSG:25832").json().get(1);
        assertThat(utm.path("after").path("geometry").path("coordinates").get(0).get(0).get(0).get(0).asDouble())
                .isBetween(400_000.0, 600_000.0);
        refused(400, "?crs", () -> p.get("/api/plots/" + id + "/history?crs=EPSG:9999"));
    }

    @Test
    void restoringAVersionIsRecordedWithWhatItChangedBack() {
        Api p = planner("4028");
        long id = plot(p, "4028", offset(HISTORY_HERE, 200, 0), 30).path("id").asLong();
        assertThat(p.header("If-Match", "\"0\"").patch("/api/plots/" + id,
                "{\"properties\":{\"availability\":\"sold\"}}").status()).isEqualTo(200);
        Api.Response restored = p.header("If-Match", "\"1\"").post("/api/plots/" + id + "/history/0/restore", null);
        assertThat(restored.status()).as(restored.body()).isEqualTo(200);
        assertThat(restored.header("ETag")).isEqualTo("\"2\"");

        JsonNode entry = last(history(p, id));
        assertThat(entry.path("action").asString()).isEqualTo("restore");
        assertThat(entry.path("version").asInt()).isEqualTo(2);
        assertThat(entry.path("changedBy").asString()).isEqualTo("planner-4028");
        Map<String, JsonNode[]> c = changes(entry);
        assertThat(c.get("availability")[0].asString()).isEqualTo("sold");
        assertThat(c.get("availability")[1].asString()).isEqualTo("available");
        refused(412, "If-Match", () -> p.header("If-Match", "\"1\"").post("/api/plots/" + id + "/history/0/restore", null));
        refused(404, null, () -> p.header("If-Match", "\"2\"").post("/api/plots/" + id + "/history/9/restore", null));
        refused(403, null, () -> planner("4022").header("If-Match", "\"2\"")
                .post("/api/plots/" + id + "/history/0/restore", null));
    }
}
