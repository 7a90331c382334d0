package no.arealbank.plots;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;

import no.arealbank.Api;
import no.arealbank.SampleRegionTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What the planner-workspace tests share: plots made over HTTP, refusals that must change nothing, tiles. */
abstract class WorkspaceSupport extends SampleRegionTest {

    /** Kviteseid, a little south-east of {@link TestPlots#KVITESEID}, so these plots do not overlap older tests'. */
    static final double[] HERE = {8.4800, 59.4080};

    Api planner(String municipality) {
        return api().as("planner-" + municipality, DEMO_PASSWORD);
    }

    Api admin() {
        return api().as("admin", ADMIN_PASSWORD);
    }

    /** A published housing plot: a square of {@code side} m at lon/lat {@code at}; returns the created Feature. */
    JsonNode plot(Api as, String municipality, double[] at, double side) {
        ObjectNode f = TestPlots.feature(municipality, at, side);
        Api.Response r = as.post("/api/plots", f.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    /** {@code at} moved {@code east} and {@code north} metres. */
    static double[] offset(double[] at, double east, double north) {
        return new double[] {at[0] + east / (111_320.0 * Math.cos(Math.toRadians(at[1]))), at[1] + north / 111_320.0};
    }

    /** Sends the request, asserts status, problem+json, the pointer (if given), and that nothing changed. */
    JsonNode refused(int status, String pointer, Supplier<Api.Response> request) {
        String before = databaseFingerprint();
        Api.Response r = request.get();
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode body = r.json();
        if (pointer != null) {
            assertThat(body.path("errors").findValuesAsString("pointer")).as(r.body()).contains(pointer);
        }
        assertThat(databaseFingerprint()).as("nothing changed").isEqualTo(before);
        return body;
    }

    int version(long id) {
        return jdbc.sql("SELECT version FROM plot WHERE id = :id").param("id", id).query(Integer.class).single();
    }

    boolean archived(long id) {
        return jdbc.sql("SELECT archived_at IS NOT NULL FROM plot WHERE id = :id").param("id", id)
                .query(Boolean.class).single();
    }

    /** The z16 plot tile holding the plot's point on surface, as /tiles/plots/z/x/y.mvt. */
    String tileOf(long id) {
        java.util.Map<String, Object> p = jdbc.sql("SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_Transform("
                + "ST_PointOnSurface(geom), 4326) AS c FROM plot WHERE id = :id) x").param("id", id).query().singleRow();
        double lon = ((Number) p.get("lon")).doubleValue();
        double lat = ((Number) p.get("lat")).doubleValue();
        int z = 16;
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double r = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        return "/tiles/plots/" + z + "/" + x + "/" + y + ".mvt";
    }

    /** Fetches a tile twice so the second answer comes from the cache; returns its ETag. */
    String cachedTileEtag(String tile) {
        api().bytes(tile);
        Api.Bytes b = api().bytes(tile);
        assertThat(b.header("X-Cache")).isEqualTo("HIT");
        return b.header("ETag");
    }

    JsonNode history(Api as, long id) {
        Api.Response r = as.get("/api/plots/" + id + "/history");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    static JsonNode last(JsonNode array) {
        return array.get(array.size() - 1);
    }
}
