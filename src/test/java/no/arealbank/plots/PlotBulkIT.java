package no.arealbank.plots;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import no.arealbank.Api;

import tools.jackson.databind.JsonNode;

/** POST /api/plots/bulk: one action on a selection, all or nothing, recorded per plot, tiles invalidated. */
class PlotBulkIT extends WorkspaceSupport {

    private static String body(List<Long> ids, String versions, String action) {
        return "{\"ids\":" + ids + (versions == null ? "" : ",\"versions\":" + versions)
                + ",\"action\":\"" + action + "\"}";
    }

    @Test
    void marksASelectionSoldInOneGoWithANewVersionAndAHistoryEntryEach() {
        Api p = planner("4028");
        long a = plot(p, "4028", offset(HERE, 0, 0), 20).path("id").asLong();
        long b = plot(p, "4028", offset(HERE, 50, 0), 20).path("id").asLong();
        long c = plot(p, "4028", offset(HERE, 100, 0), 20).path("id").asLong();

        Api.Response r = p.post("/api/plots/bulk",
                body(List.of(a, b, c), "{\"" + a + "\":0,\"" + b + "\":0}", "sold"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode updated = r.json().path("updated");
        assertThat(updated.size()).isEqualTo(3);
        assertThat(updated.get(0).path("id").asLong()).isEqualTo(a);
        updated.forEach(u -> assertThat(u.path("version").asInt()).isEqualTo(1));
        for (long id : List.of(a, b, c)) {
            assertThat(jdbc.sql("SELECT availability FROM plot WHERE id = :id").param("id", id).query(String.class)
                    .single()).isEqualTo("sold");
            Api.Response got = p.get("/api/plots/" + id);
            assertThat(got.header("ETag")).isEqualTo("\"1\"");
            JsonNode entry = last(history(p, id));
            assertThat(entry.path("action").asString()).isEqualTo("update");
            assertThat(entry.path("note").asString()).isEqualTo("bulk sold");
            assertThat(entry.path("changedBy").asString()).isEqualTo("planner-4028");
            assertThat(entry.path("changes").toString()).contains("\"field\":\"availability\"", "\"before\":\"available\"",
                    "\"after\":\"sold\"");
        }

        // unpublish, then publish: the flag moves, availability stays
        assertThat(p.post("/api/plots/bulk", body(List.of(a, b), null, "unpublish")).status()).isEqualTo(200);
        assertThat(api().get("/api/plots/" + a).status()).as("a draft is not public").isEqualTo(404);
        Api.Response published = p.post("/api/plots/bulk", body(List.of(a, b), null, "publish"));
        assertThat(published.json().path("updated").get(0).path("version").asInt()).isEqualTo(3);
        JsonNode back = api().get("/api/plots/" + a).json().path("properties");
        assertThat(back.path("published").asBoolean()).isTrue();
        assertThat(back.path("availability").asString()).isEqualTo("sold");

        // a plot already in the requested state is listed with its version and gets no new entry
        int entries = history(p, c).size();
        Api.Response again = p.post("/api/plots/bulk", body(List.of(c), null, "sold"));
        assertThat(again.json().path("updated").get(0).path("version").asInt()).isEqualTo(1);
        assertThat(history(p, c).size()).isEqualTo(entries);

        assertThat(p.post("/api/plots/bulk", body(List.of(a, c), null, "reserved")).status()).isEqualTo(200);
        assertThat(p.post("/api/plots/bulk", body(List.of(a, c), null, "available")).status()).isEqualTo(200);
        assertThat(p.get("/api/plots/" + c).json().path("properties").path("availability").asString())
                .isEqualTo("available");
    }

    @Test
    void aPlotOfAnotherMunicipalityInTheSelectionIs403AndChangesNothing() {
        long mine = plot(planner("4028"), "4028", offset(HERE, 150, 0), 20).path("id").asLong();
        long theirs = plot(planner("4022"), "4022", TestPlots.SELJORD, 20).path("id").asLong();
        JsonNode problem = refused(403, "/ids/1",
                () -> planner("4028").post("/api/plots/bulk", body(List.of(mine, theirs), null, "sold")));
        assertThat(problem.path("detail").asString()).contains("4022");
        assertThat(version(mine)).isZero();
        // a regional admin may act across municipalities
        assertThat(admin().post("/api/plots/bulk", body(List.of(mine, theirs), null, "reserved")).status())
                .isEqualTo(200);
    }

    @Test
    void aStaleVersionIs412NamingThePlotsAndChangesNothing() {
        Api p = planner("4028");
        long a = plot(p, "4028", offset(HERE, 200, 0), 20).path("id").asLong();
        long b = plot(p, "4028", offset(HERE, 250, 0), 20).path("id").asLong();
        assertThat(p.header("If-Match", "\"0\"").patch("/api/plots/" + b, "{\"properties\":{\"priceTotal\":1}}")
                .status()).isEqualTo(200);
        JsonNode problem = refused(412, "/versions/" + b, () -> p.post("/api/plots/bulk",
                body(List.of(a, b), "{\"" + a + "\":0,\"" + b + "\":0}", "sold")));
        assertThat(problem.path("ids").toString()).isEqualTo("[" + b + "]");
        assertThat(problem.path("currentVersions").path(String.valueOf(b)).asInt()).isEqualTo(1);
        assertThat(version(a)).as("the fresh plot is not changed either").isZero();
    }

    @Test
    void badInputIsAProblemNamingTheMemberAndChangesNothing() {
        Api p = planner("4028");
        long a = plot(p, "4028", offset(HERE, 300, 0), 20).path("id").asLong();
        refused(400, "/action", () -> p.post("/api/plots/bulk", body(List.of(a), null, "demolish")));
        refused(400, "/action", () -> p.post("/api/plots/bulk", "{\"ids\":[" + a + "]}"));
        refused(400, "/ids", () -> p.post("/api/plots/bulk", body(List.of(), null, "sold")));
        refused(400, "/ids/1", () -> p.post("/api/plots/bulk", body(List.of(a, a), null, "sold")));
        refused(400, "/versions/12345678", () -> p.post("/api/plots/bulk",
                body(List.of(a), "{\"12345678\":0}", "sold")));
        refused(400, "/colour", () -> p.post("/api/plots/bulk",
                "{\"ids\":[" + a + "],\"action\":\"sold\",\"colour\":\"red\"}"));
        refused(400, null, () -> p.post("/api/plots/bulk", "{\"ids\":\"all\",\"action\":\"sold\"}"));
        refused(404, "/ids/1", () -> p.post("/api/plots/bulk", body(List.of(a, 987654321L), null, "sold")));
        refused(401, null, () -> api().post("/api/plots/bulk", body(List.of(a), null, "sold")));
        assertThat(version(a)).isZero();
    }

    @Test
    void unpublishingDropsTheCachedTileOverThePlot() {
        Api p = planner("4028");
        long a = plot(p, "4028", offset(HERE, 350, 0), 20).path("id").asLong();
        plot(p, "4028", offset(HERE, 380, 0), 20); // most likely in the same tile, so it is not empty afterwards
        String tile = tileOf(a);
        String before = cachedTileEtag(tile);
        assertThat(p.post("/api/plots/bulk", body(List.of(a), null, "unpublish")).status()).isEqualTo(200);
        Api.Bytes after = api().bytes(tile);
        assertThat(after.header("X-Cache")).isEqualTo("MISS");
        assertThat(after.header("ETag")).isNotEqualTo(before);
    }
}
