package no.arealbank.plots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import no.arealbank.Api;

import tools.jackson.databind.JsonNode;

/** Tomtedeling (POST /api/plots/{id}/split) and merge (POST /api/plots/merge), with PostGIS doing the geometry. */
class PlotSplitMergeIT extends WorkspaceSupport {

    /** Kviteseid, away from the other workspace tests. */
    private static final double[] SPLIT_HERE = offset(HERE, 0, 400);
    private static final double[] MERGE_HERE = offset(HERE, 0, 800);

    /** A north–south CRS84 line {@code east} metres east of {@code at}, from 20 m south to {@code length}-20 m north. */
    private static String line(double[] at, double east, double length) {
        double[] s = offset(at, east, -20);
        double[] n = offset(at, east, length - 20);
        return "{\"line\":{\"type\":\"LineString\",\"coordinates\":[[" + s[0] + "," + s[1] + "],[" + n[0] + "," + n[1]
                + "]]}}";
    }

    private double area(long id) {
        return jdbc.sql("SELECT ST_Area(geom) FROM plot WHERE id = :id").param("id", id).query(Double.class).single();
    }

    private static List<Long> ids(JsonNode features) {
        List<Long> ids = new ArrayList<>();
        features.forEach(f -> ids.add(f.path("id").asLong()));
        return ids;
    }

    @Test
    void splitsAPlotAlongALineIntoNewPlotsThatCopyItsAttributes() {
        Api p = planner("4028");
        JsonNode original = plot(p, "4028", SPLIT_HERE, 40);
        long id = original.path("id").asLong();
        String name = original.path("properties").path("name").asString();
        double before = area(id);
        String tile = tileOf(id);
        String tileEtag = cachedTileEtag(tile);

        Api.Response r = p.header("If-Match", "\"0\"").post("/api/plots/" + id + "/split", line(SPLIT_HERE, 15, 80));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.header("Content-Type")).startsWith("application/geo+json");
        JsonNode features = r.json().path("features");
        assertThat(features.size()).isEqualTo(2);
        List<Long> pieces = ids(features);
        JsonNode first = features.get(0).path("properties");
        JsonNode second = features.get(1).path("properties");
        assertThat(first.path("name").asString()).isEqualTo(name + " 1");
        assertThat(second.path("name").asString()).isEqualTo(name + " 2");
        assertThat(first.path("areaM2").asDouble()).as("largest first").isGreaterThan(second.path("areaM2").asDouble());
        assertThat(first.path("areaM2").asDouble() + second.path("areaM2").asDouble()).isCloseTo(before, within(0.5));
        assertThat(second.path("areaM2").asDouble()).isCloseTo(before * 15 / 40, within(before * 0.02));
        for (JsonNode piece : List.of(first, second)) {
            assertThat(piece.path("matrikkel").isNull()).as("a new parcel has no matrikkel yet").isTrue();
            assertThat(piece.path("purpose").asString()).isEqualTo("housing");
            assertThat(piece.path("priceTotal").asDouble()).isEqualTo(250000);
            assertThat(piece.path("infrastructure").path("road").asString()).isEqualTo("yes");
            assertThat(piece.path("published").asBoolean()).isTrue();
            assertThat(piece.path("version").asInt()).isZero();
        }
        double lon = features.get(0).path("geometry").path("coordinates").get(0).get(0).get(0).get(0).asDouble();
        assertThat(lon).as("CRS84 out").isBetween(8.0, 9.0);
        assertThat(jdbc.sql("SELECT ST_Area(ST_SymDifference(ST_Union(geom), (SELECT geom FROM plot WHERE id = :id)))"
                + " FROM plot WHERE id IN (:a, :b)").param("id", id).param("a", pieces.get(0)).param("b", pieces.get(1))
                .query(Double.class).single()).as("the pieces cover the original exactly").isLessThan(0.01);

        assertThat(archived(id)).isTrue();
        assertThat(api().get("/api/plots/" + id).status()).isEqualTo(404);
        JsonNode originalEntry = last(history(p, id));
        assertThat(originalEntry.path("action").asString()).isEqualTo("split");
        assertThat(originalEntry.path("relatedIds").toString()).isEqualTo(pieces.toString().replace(" ", ""));
        assertThat(originalEntry.path("changes").toString()).contains("\"field\":\"archived\"");
        for (long piece : pieces) {
            JsonNode entries = history(p, piece);
            assertThat(entries.size()).isEqualTo(1);
            assertThat(entries.get(0).path("action").asString()).isEqualTo("split");
            assertThat(entries.get(0).path("relatedIds").toString()).isEqualTo("[" + id + "]");
            assertThat(entries.get(0).path("note").asString()).isEqualTo("split from plot " + id);
        }

        Api.Bytes after = api().bytes(tile);
        assertThat(after.header("X-Cache")).as("the tile over the split plot is rendered again").isEqualTo("MISS");
        assertThat(after.header("ETag")).isNotEqualTo(tileEtag);
    }

    @Test
    void takesTheLineInUtmWhenContentCrsSaysSo() {
        Api p = planner("4028");
        long id = plot(p, "4028", offset(SPLIT_HERE, 100, 0), 30).path("id").asLong();
        JsonNode utm = p.get("/api/plots/" + id + "?crs=EPSG:25832").json().path("geometry").path("coordinates")
                .get(0).get(0);
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (JsonNode c : utm) {
            minX = Math.min(minX, c.get(0).asDouble());
            minY = Math.min(minY, c.get(1).asDouble());
            maxY = Math.max(maxY, c.get(1).asDouble());
        }
        // a horizontal cut 10 m above the southern edge, in EPSG:25832
        String body = "{\"line\":{\"type\":\"LineString\",\"coordinates\":[[" + (minX - 10) + "," + (minY + 10) + "],["
                + (minX + 60) + "," + (minY + 10) + "]]}}";
        Api.Response r = p.header("If-Match", "\"0\"").header("Content-Crs", "<http://www.opengis.net/def/crs/EPSG/0/25832>")
                .post("/api/plots/" + id + "/split?crs=EPSG:25832", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("features").size()).isEqualTo(2);
        assertThat(r.header("Content-Crs")).isEqualTo("<http://www.opengis.net/def/crs/EPSG/0/25832>");
        assertThat(maxY - minY).isGreaterThan(20);
    }

    @Test
    void aLineThatDoesNotCutTheWholePlotIs400NamingTheLineAndChangesNothing() {
        Api p = planner("4028");
        long id = plot(p, "4028", offset(SPLIT_HERE, 200, 0), 40).path("id").asLong();
        Api withEtag = p.header("If-Match", "\"0\"");
        // east of the plot: misses it
        refused(400, "/line", () -> withEtag.post("/api/plots/" + id + "/split", line(offset(SPLIT_HERE, 200, 0), 60, 80)));
        // ends inside the plot: cuts nothing off
        refused(400, "/line", () -> withEtag.post("/api/plots/" + id + "/split", line(offset(SPLIT_HERE, 200, 0), 20, 40)));
        // a sliver of 0.1 m × 40 m is smaller than the minimum piece
        refused(400, "/line", () -> withEtag.post("/api/plots/" + id + "/split",
                line(offset(SPLIT_HERE, 200, 0), 0.1, 80)));
        refused(400, "/line/type", () -> withEtag.post("/api/plots/" + id + "/split",
                "{\"line\":{\"type\":\"Point\",\"coordinates\":[8.48,59.41]}}"));
        refused(400, "/line", () -> withEtag.post("/api/plots/" + id + "/split", "{}"));
        refused(400, "/line/coordinates", () -> withEtag.post("/api/plots/" + id + "/split",
                "{\"line\":{\"type\":\"LineString\",\"coordinates\":[[2.0,48.0],[2.1,48.1]]}}"));
        refused(428, "If-Match", () -> p.post("/api/plots/" + id + "/split", line(offset(SPLIT_HERE, 200, 0), 20, 80)));
        refused(412, "If-Match", () -> p.header("If-Match", "\"7\"").post("/api/plots/" + id + "/split",
                line(offset(SPLIT_HERE, 200, 0), 20, 80)));
        refused(403, null, () -> planner("4022").header("If-Match", "\"0\"").post("/api/plots/" + id + "/split",
                line(offset(SPLIT_HERE, 200, 0), 20, 80)));
        refused(401, null, () -> api().header("If-Match", "\"0\"").post("/api/plots/" + id + "/split",
                line(offset(SPLIT_HERE, 200, 0), 20, 80)));
        assertThat(archived(id)).isFalse();
        assertThat(version(id)).isZero();
    }

    @Test
    void aPieceOutsideThePlotsMunicipalityIs422AndTheWholeSplitIsRolledBack() {
        // the longest edge of Kviteseid's boundary (EPSG:25832): a plot straddling it, cut parallel to it outside
        java.util.Map<String, Object> edge = jdbc.sql("""
                WITH ring AS (SELECT ST_ExteriorRing((ST_Dump(boundary)).geom) AS r FROM municipality WHERE number = '4028'),
                     segs AS (SELECT ST_PointN(r, i) AS a, ST_PointN(r, i + 1) AS b
                                FROM ring, generate_series(1, ST_NPoints(r) - 1) i)
                SELECT ST_X(a) AS ax, ST_Y(a) AS ay, ST_X(b) AS bx, ST_Y(b) AS by FROM segs
                 ORDER BY ST_Distance(a, b) DESC LIMIT 1
                """).query().singleRow();
        double ax = ((Number) edge.get("ax")).doubleValue();
        double ay = ((Number) edge.get("ay")).doubleValue();
        double bx = ((Number) edge.get("bx")).doubleValue();
        double by = ((Number) edge.get("by")).doubleValue();
        double len = Math.hypot(bx - ax, by - ay);
        assertThat(len).as("a straight stretch long enough for the test").isGreaterThan(200);
        double[] m = {(ax + bx) / 2, (ay + by) / 2};
        double[] d = {(bx - ax) / len, (by - ay) / len};
        double[] n = {-d[1], d[0]};
        boolean inside = jdbc.sql("SELECT ST_Intersects(boundary, ST_SetSRID(ST_MakePoint(:x, :y), 25832)) FROM municipality"
                + " WHERE number = '4028'").param("x", m[0] + 10 * n[0]).param("y", m[1] + 10 * n[1])
                .query(Boolean.class).single();
        if (inside) {
            n = new double[] {-n[0], -n[1]}; // n points out of Kviteseid
        }
        StringBuilder ring = new StringBuilder();
        double[][] corners = {{-20, -20}, {20, -20}, {20, 20}, {-20, 20}, {-20, -20}};
        for (double[] c : corners) {
            ring.append(ring.length() == 0 ? "" : ",").append('[').append(m[0] + c[0] * d[0] + c[1] * n[0]).append(',')
                    .append(m[1] + c[0] * d[1] + c[1] * n[1]).append(']');
        }
        tools.jackson.databind.node.ObjectNode f = TestPlots.feature("4028", HERE, 10);
        f.set("geometry", no.arealbank.Api.JSON.readTree("{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}"));
        Api utm = planner("4028").header("Content-Crs", "EPSG:25832");
        Api.Response created = utm.post("/api/plots", f.toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().path("id").asLong();

        double[] s = {m[0] + 10 * n[0] - 50 * d[0], m[1] + 10 * n[1] - 50 * d[1]};
        double[] e = {m[0] + 10 * n[0] + 50 * d[0], m[1] + 10 * n[1] + 50 * d[1]};
        String line = "{\"line\":{\"type\":\"LineString\",\"coordinates\":[[" + s[0] + "," + s[1] + "],[" + e[0] + ","
                + e[1] + "]]}}";
        JsonNode problem = refused(422, "/line", () -> utm.header("If-Match", "\"0\"").post("/api/plots/" + id + "/split", line));
        assertThat(problem.path("detail").asString()).contains("outside municipality 4028");
        assertThat(archived(id)).as("the original was archived inside the transaction, and that was rolled back").isFalse();
    }

    @Test
    void mergesAdjacentPlotsIntoOneWithTheFirstPlotsAttributes() {
        Api p = planner("4028");
        JsonNode west = plot(p, "4028", MERGE_HERE, 30);
        JsonNode east = plot(p, "4028", offset(MERGE_HERE, 30, 0), 30); // shares the western plot's eastern edge
        long a = west.path("id").asLong();
        long b = east.path("id").asLong();
        double sum = area(a) + area(b);
        String tile = tileOf(a);
        String tileEtag = cachedTileEtag(tile);

        Api.Response r = p.post("/api/plots/merge", "{\"ids\":[" + a + "," + b + "],\"versions\":{\"" + a + "\":0,\""
                + b + "\":0}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode merged = r.json();
        long id = merged.path("id").asLong();
        assertThat(r.header("Location")).endsWith("/api/plots/" + id);
        assertThat(r.header("ETag")).isEqualTo("\"0\"");
        JsonNode props = merged.path("properties");
        assertThat(props.path("areaM2").asDouble()).isCloseTo(sum, within(0.5));
        assertThat(props.path("name").asString()).isEqualTo(west.path("properties").path("name").asString());
        assertThat(props.path("matrikkelId").asString()).isEqualTo(west.path("properties").path("matrikkelId").asString());
        assertThat(merged.path("geometry").path("coordinates").size()).as("one polygon").isEqualTo(1);
        assertThat(archived(a)).isTrue();
        assertThat(archived(b)).isTrue();
        assertThat(last(history(p, a)).path("action").asString()).isEqualTo("merge");
        assertThat(last(history(p, b)).path("relatedIds").toString()).isEqualTo("[" + id + "]");
        JsonNode entry = history(p, id).get(0);
        assertThat(entry.path("action").asString()).isEqualTo("merge");
        assertThat(entry.path("relatedIds").toString()).isEqualTo("[" + a + "," + b + "]");
        assertThat(api().bytes(tile).header("ETag")).isNotEqualTo(tileEtag);
    }

    @Test
    void closesAGapUpToTheToleranceButRefusesPlotsFurtherApart() {
        Api p = planner("4028");
        long a = plot(p, "4028", offset(MERGE_HERE, 100, 0), 30).path("id").asLong();
        long b = plot(p, "4028", offset(MERGE_HERE, 130.3, 0), 30).path("id").asLong(); // 0.3 m gap
        Api.Response r = p.post("/api/plots/merge", "{\"ids\":[" + a + "," + b + "]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("properties").path("areaM2").asDouble()).isCloseTo(area(a) + area(b), within(15.0));
        assertThat(history(p, r.json().path("id").asLong()).get(0).path("note").asString()).contains("gaps");

        long c = plot(p, "4028", offset(MERGE_HERE, 200, 0), 30).path("id").asLong();
        long d = plot(p, "4028", offset(MERGE_HERE, 235, 0), 30).path("id").asLong(); // 5 m apart
        refused(400, "/ids", () -> p.post("/api/plots/merge", "{\"ids\":[" + c + "," + d + "]}"));
    }

    @Test
    void refusesAMergeAcrossMunicipalitiesOrRightsOrStaleVersionsAndChangesNothing() {
        Api p = planner("4028");
        long a = plot(p, "4028", offset(MERGE_HERE, 300, 0), 30).path("id").asLong();
        long b = plot(p, "4028", offset(MERGE_HERE, 330, 0), 30).path("id").asLong();
        long other = plot(planner("4022"), "4022", TestPlots.SELJORD, 20).path("id").asLong();
        refused(400, "/ids", () -> admin().post("/api/plots/merge", "{\"ids\":[" + a + "," + other + "]}"));
        refused(403, "/ids/1", () -> p.post("/api/plots/merge", "{\"ids\":[" + a + "," + other + "]}"));
        refused(403, "/ids/0", () -> planner("4022").post("/api/plots/merge", "{\"ids\":[" + a + "," + b + "]}"));
        refused(400, "/ids", () -> p.post("/api/plots/merge", "{\"ids\":[" + a + "]}"));
        refused(404, "/ids/1", () -> p.post("/api/plots/merge", "{\"ids\":[" + a + ",987654321]}"));
        assertThat(p.header("If-Match", "\"0\"").patch("/api/plots/" + b, "{\"properties\":{\"priceTotal\":5}}")
                .status()).isEqualTo(200);
        JsonNode stale = refused(412, "/versions/" + b, () -> p.post("/api/plots/merge",
                "{\"ids\":[" + a + "," + b + "],\"versions\":{\"" + a + "\":0,\"" + b + "\":0}}"));
        assertThat(stale.path("ids").toString()).isEqualTo("[" + b + "]");
        assertThat(archived(a)).isFalse();
        assertThat(archived(b)).isFalse();
    }
}
