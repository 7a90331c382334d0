package no.arealbank.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import no.arealbank.Api;
import no.arealbank.Gdal;
import no.arealbank.SampleRegionTest;

import tools.jackson.databind.JsonNode;

/**
 * Vector and raster tiles over real HTTP: contents read back by GDAL's MVT driver, PNGs decoded, caching with
 * ETags, 304 and gzip, exact invalidation after a plot edit, drafts never in public tiles, bad addresses refused.
 */
class TilesIT extends SampleRegionTest {

    /** A feature header of ogrinfo, or the MVT feature id GDAL's MVT driver shows as the field mvt_id. */
    private static final Pattern FEATURE = Pattern.compile("OGRFeature\\(([\\w-]+)\\):\\d+|mvt_id \\(Integer64\\) = (\\d+)");

    @TempDir
    Path tmp;

    private Api.Bytes fetch(String pathOrUrl, String... headers) {
        return api().bytes(pathOrUrl, headers);
    }

    /** The z/x/y of the tile holding a lon/lat point. */
    static int[] tileAt(double lon, double lat, int z) {
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double r = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        return new int[] {z, x, y};
    }

    private int[] tileOfPlot(long id, int z) {
        Map<String, Object> p = jdbc.sql("SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_Transform("
                + "ST_PointOnSurface(geom), 4326) AS c FROM plot WHERE id = :id) x").param("id", id).query().singleRow();
        return tileAt(((Number) p.get("lon")).doubleValue(), ((Number) p.get("lat")).doubleValue(), z);
    }

    private static String path(String layer, int[] t, String ext) {
        return "/tiles/" + layer + "/" + t[0] + "/" + t[1] + "/" + t[2] + ext;
    }

    /** Feature ids per layer in a vector tile, as GDAL's MVT driver reads them (the file path gives z/x/y). */
    private Map<String, Set<Long>> readMvt(int[] t, byte[] mvt, String... extraArgs) throws IOException {
        Path file = tmp.resolve(t[0] + "/" + t[1] + "/" + t[2] + ".pbf");
        Files.createDirectories(file.getParent());
        Files.write(file, mvt);
        String[] cmd = new String[4 + extraArgs.length];
        cmd[0] = "ogrinfo";
        cmd[1] = "-ro";
        cmd[2] = "-al";
        System.arraycopy(extraArgs, 0, cmd, 3, extraArgs.length);
        cmd[cmd.length - 1] = file.toString();
        Gdal.Run r = Gdal.run(tmp, Map.of(), cmd).assertOk();
        Map<String, Set<Long>> ids = new java.util.HashMap<>();
        Matcher m = FEATURE.matcher(r.stdout());
        String layer = null;
        while (m.find()) {
            if (m.group(1) != null) {
                layer = m.group(1);
                ids.computeIfAbsent(layer, k -> new HashSet<>());
            } else {
                ids.get(layer).add(Long.parseLong(m.group(2)));
            }
        }
        return ids;
    }

    private long publishedPlot(String municipality) {
        return jdbc.sql("SELECT min(id) FROM plot WHERE published AND archived_at IS NULL AND municipality_number = :m")
                .param("m", municipality).query(Long.class).single();
    }

    @Test
    void aPlotTileHoldsThePublishedPlotsThereWithTheirAttributes() throws IOException {
        long id = publishedPlot("4028");
        int[] t = tileOfPlot(id, 15);
        Api.Bytes tile = fetch(path("plots", t, ".mvt"));
        assertThat(tile.status()).isEqualTo(200);
        assertThat(tile.header("Content-Type")).isEqualTo("application/vnd.mapbox-vector-tile");
        assertThat(readMvt(t, tile.body()).get("plots")).contains(id);

        Path file = tmp.resolve(t[0] + "/" + t[1] + "/" + t[2] + ".pbf");
        String info = Gdal.run(tmp, Map.of(), "ogrinfo", "-ro", "-q", file.toString(), "plots", "-where",
                "mvt_id = " + id).assertOk().stdout();
        Map<String, Object> db = jdbc.sql("SELECT purpose, availability, round(area_m2)::int AS area, name FROM plot "
                + "WHERE id = :id").param("id", id).query().singleRow();
        assertThat(info).contains("purpose (String) = " + db.get("purpose"))
                .contains("availability (String) = " + db.get("availability"))
                .contains("areaM2 (Integer) = " + db.get("area"))
                .contains("name (String) = " + db.get("name"))
                .contains("permanentResidenceAllowed (Integer(Boolean)) = ")
                .contains("leisureAllowed (Integer(Boolean)) = ")
                .contains("businessAllowed (Integer(Boolean)) = ")
                .contains("effectivePrice (Real) = ")
                .contains("POLYGON");
    }

    /**
     * Plots that only need snapping skip ST_AsMVTGeom ({@link TileQueries}); over every sample plot's tile from z12 to
     * z18, in vector (4096) and raster (256, 512) grids, each plot's tile geometry is valid, has the same rings,
     * orientation and vertices as ST_AsMVTGeom gives it, and both paths are taken.
     */
    @Test
    void plotsThatOnlyNeedSnappingGetTheGeometryStAsMvtGeomWouldGive() {
        TileLayer plots = layers.find("plots").orElseThrow();
        List<Map<String, Object>> points = jdbc.sql("SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_Transform("
                + "ST_PointOnSurface(geom), 4326) AS c FROM plot WHERE published AND archived_at IS NULL) x").query().listOfRows();
        Set<List<Integer>> tiles = new HashSet<>();
        for (Map<String, Object> p : points) {
            for (int z = 12; z <= 18; z += 2) {
                int[] t = tileAt(((Number) p.get("lon")).doubleValue(), ((Number) p.get("lat")).doubleValue(), z);
                tiles.add(List.of(t[0], t[1], t[2]));
            }
        }
        String sql = "SELECT count(*) FILTER (WHERE snapped) AS snapped, count(*) FILTER (WHERE NOT snapped) AS cut, "
                + "count(*) FILTER (WHERE ref IS NOT NULL AND NOT (ours IS NOT NULL AND ST_IsValid(ours) "
                + "AND ST_Equals(ours, ref) AND ST_NPoints(ours) = ST_NPoints(ref) AND ST_NRings(ours) = ST_NRings(ref) "
                + "AND ST_IsPolygonCCW(ours) = ST_IsPolygonCCW(ref))) AS differing, "
                + "count(*) FILTER (WHERE (ref IS NULL) <> (ours IS NULL)) AS presence FROM ("
                + "SELECT " + TileQueries.clipped(plots) + " AS ours, "
                + "ST_AsMVTGeom(p.geom_3857, ST_MakeEnvelope(:xmin, :ymin, :xmax, :ymax, 3857), :extent, :buffer, true) AS ref, "
                + "p.geom_3857 @ ST_MakeEnvelope(:cxmin, :cymin, :cxmax, :cymax, 3857) "
                + "AND p.tile_clearance_3857 > :snap_clearance AS snapped "
                + "FROM plot p WHERE p.published AND p.archived_at IS NULL "
                + "AND p.geom_3857 && ST_MakeEnvelope(:imin_x, :imin_y, :imax_x, :imax_y, 3857)) x";
        long snapped = 0;
        long cut = 0;
        for (List<Integer> t : tiles) {
            for (int extent : new int[] {TileFormat.MVT.extent, 256, 512}) {
                Map<String, Object> params = TileQueries.bounds(plots, new TileAddress(t.get(0), t.get(1), t.get(2)), extent);
                Map<String, Object> r = jdbc.sql(sql).params(params).query().singleRow();
                assertThat(((Number) r.get("differing")).longValue()).as("plots differing in tile %s (%d)", t, extent).isZero();
                assertThat(((Number) r.get("presence")).longValue()).as("plots only one path keeps, tile %s", t).isZero();
                snapped += ((Number) r.get("snapped")).longValue();
                cut += ((Number) r.get("cut")).longValue();
            }
        }
        assertThat(snapped).as("plots snapped").isPositive();
        assertThat(cut).as("plots through ST_AsMVTGeom").isPositive();
    }

    @Test
    void everyLayerServesVectorAndRasterTilesOverTheRegion() throws IOException {
        // Dalen (Tokke): plots, zones, hazards, the municipality, Tokke teknologipark and plans are all near
        for (String layer : List.of("plots", "zones", "hazards", "municipalities", "business-hubs", "plans")) {
            // a municipality is drawn as its outline: at z8 the whole of Tokke's boundary is in the tile
            int[] t = tileAt(7.99, 59.443, layer.equals("municipalities") ? 8 : 12);
            Api.Bytes mvt = fetch(path(layer, t, ".mvt"));
            assertThat(mvt.status()).as(layer).isEqualTo(200);
            assertThat(readMvt(t, mvt.body())).as(layer).containsKey(layer);
            for (String ext : List.of(".png", "@2x.png")) {
                Api.Bytes png = fetch(path(layer, t, ext));
                assertThat(png.status()).as(layer + ext).isEqualTo(200);
                assertThat(png.header("Content-Type")).isEqualTo("image/png");
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
                assertThat(image.getWidth()).isEqualTo(ext.startsWith("@") ? 512 : 256);
                assertThat(opaquePixels(image)).as(layer + ext + " draws something").isPositive();
            }
        }
    }

    private static int opaquePixels(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) >>> 24) > 0) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void emptyTilesAreCheap204sOrTransparentImages() throws IOException {
        int[] sea = tileAt(-30.0, 45.0, 14);
        Api.Bytes mvt = fetch(path("plots", sea, ".mvt"));
        assertThat(mvt.status()).isEqualTo(204);
        assertThat(mvt.body()).isEmpty();
        Api.Bytes png = fetch(path("plots", sea, ".png"));
        assertThat(png.status()).isEqualTo(200);
        assertThat(opaquePixels(ImageIO.read(new ByteArrayInputStream(png.body())))).isZero();
        // inside Norway but where there is nothing, and below the layer's smallest zoom
        assertThat(fetch(path("plots", tileAt(10.0, 62.0, 14), ".mvt")).status()).isEqualTo(204);
        assertThat(fetch(path("plots", tileAt(8.49, 59.40, 3), ".mvt")).status()).isEqualTo(204);
    }

    @Autowired
    TileOccupancy occupancy;

    @Autowired
    TileLayers layers;

    /**
     * Empty tiles are answered from the in-memory index without the database, and a change made behind the
     * application's back (here plain SQL) reaches the index through the plot table's notification within seconds.
     */
    @Test
    void theOccupancyIndexAnswersEmptyTilesAndFollowsChangesMadeOutsideTheApplication() throws Exception {
        awaitOccupancy();
        TileLayer plots = layers.find("plots").orElseThrow();
        int[] sea = tileAt(-30.0, 45.0, 14);
        assertThat(occupancy.mayHoldFeatures(plots, new TileAddress(sea[0], sea[1], sea[2]))).isFalse();
        long id = publishedPlot("4028");
        int[] home = tileOfPlot(id, 16);
        assertThat(occupancy.mayHoldFeatures(plots, new TileAddress(home[0], home[1], home[2]))).isTrue();

        String before = jdbc.sql("SELECT ST_AsEWKT(geom) FROM plot WHERE id = :id").param("id", id).query(String.class).single();
        try {
            // 12 km north, where there is no plot: a z16 tile nobody asked for yet
            jdbc.sql("UPDATE plot SET geom = ST_Translate(geom, 0, 12000) WHERE id = :id").param("id", id).update();
            int[] moved = tileOfPlot(id, 16);
            long deadline = System.currentTimeMillis() + 15_000;
            Api.Bytes tile = fetch(path("plots", moved, ".mvt"));
            while (tile.status() != 200 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                tile = fetch(path("plots", moved, ".mvt"));
            }
            assertThat(tile.status()).as("the moved plot's new tile").isEqualTo(200);
            assertThat(readMvt(moved, tile.body()).get("plots")).contains(id);
        } finally {
            jdbc.sql("UPDATE plot SET geom = ST_GeomFromEWKT(:g) WHERE id = :id").param("g", before).param("id", id).update();
        }
    }

    private void awaitOccupancy() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!occupancy.ready() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(occupancy.ready()).as("occupancy index built").isTrue();
    }

    /**
     * /tiles/... leaves through the fast path (TileRequestFilter), miss or hit, with the same status, headers and
     * bytes as the same tile through the controller (the OGC API Tiles path, which adds Accept to Vary).
     */
    @Test
    void theFastPathAnswersLikeTheController() {
        int[] t = tileOfPlot(publishedPlot("4028"), 19); // a zoom no other test asks for: the first answer is a miss
        int[] empty = tileAt(-30.0, 45.0, 19);
        String ogcVector = "/ogc/collections/plots/tiles/WebMercatorQuad/" + t[0] + "/" + t[2] + "/" + t[1] + "?f=mvt";
        String ogcMap = "/ogc/collections/plots/map/tiles/WebMercatorQuad/" + t[0] + "/" + t[2] + "/" + t[1] + "?f=png";
        List<String[]> cases = List.of(
                new String[] {path("plots", t, ".mvt"), ogcVector},
                new String[] {path("plots", t, ".mvt"), ogcVector, "Accept-Encoding", "gzip"},
                new String[] {path("plots", t, ".png"), ogcMap},
                new String[] {path("plots", t, "@2x.png"), null},
                new String[] {path("plots", empty, ".mvt"), "/ogc/collections/plots/tiles/WebMercatorQuad/" + empty[0]
                        + "/" + empty[2] + "/" + empty[1] + "?f=mvt"});
        Set<String> asked = new java.util.HashSet<>();
        for (String[] c : cases) {
            String[] headers = java.util.Arrays.copyOfRange(c, 2, c.length);
            Api.Bytes miss = fetch(c[0], headers); // a miss the first time a path is asked for (gzip asks it again)
            Api.Bytes hit = fetch(c[0], headers);
            assertThat(miss.header("X-Cache")).as(c[0]).isEqualTo(asked.add(c[0]) ? "MISS" : "HIT");
            assertThat(hit.header("X-Cache")).as(c[0]).isEqualTo("HIT");
            assertThat(hit.status()).isEqualTo(miss.status());
            assertThat(hit.body()).isEqualTo(miss.body());
            assertThat(comparable(hit.headers())).as(c[0]).isEqualTo(comparable(miss.headers()));
            if (c[1] != null) {
                Api.Bytes controller = fetch(c[1], headers);
                assertThat(controller.status()).as(c[1]).isEqualTo(miss.status());
                assertThat(controller.body()).as(c[1]).isEqualTo(miss.body());
                Map<String, List<String>> expected = comparable(miss.headers());
                expected.put("vary", List.of("Accept, Accept-Encoding"));
                assertThat(comparable(controller.headers())).as(c[1]).isEqualTo(expected);
            }
            String[] conditional = java.util.Arrays.copyOf(headers, headers.length + 2);
            conditional[headers.length] = "If-None-Match";
            conditional[headers.length + 1] = miss.header("ETag");
            Api.Bytes notModified = fetch(c[0], conditional);
            assertThat(notModified.status()).as(c[0]).isEqualTo(304);
            assertThat(notModified.header("ETag")).isEqualTo(miss.header("ETag"));
        }
    }

    /** Response headers without those that differ per answer (date, hit or miss), names in lower case. */
    private static Map<String, List<String>> comparable(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        headers.forEach((k, v) -> {
            if (k != null && !Set.of("date", "x-cache", "keep-alive", "connection").contains(k.toLowerCase())) {
                out.put(k.toLowerCase(), v);
            }
        });
        return out;
    }

    @Test
    void tilesAreCachedWithStrongETagsConditionalRequestsAndGzip() throws IOException {
        int[] t = tileOfPlot(publishedPlot("4034"), 14);
        String p = path("plots", t, ".mvt");
        Api.Bytes first = fetch(p);
        Api.Bytes second = fetch(p);
        assertThat(second.header("X-Cache")).isEqualTo("HIT");
        String etag = first.header("ETag");
        assertThat(etag).matches("\"[^\"]+\"");
        assertThat(second.header("ETag")).isEqualTo(etag);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(first.header("Cache-Control")).contains("public").contains("max-age=");
        assertThat(first.header("Vary")).contains("Accept-Encoding");
        // the same answer for everyone, so shared caches may keep it: no session, no CSRF cookie
        assertThat(first.header("Set-Cookie")).isNull();
        assertThat(fetch("/ogc/collections/plots/items?limit=1").header("Set-Cookie")).isNull();
        assertThat(fetch("/tiles/plots.json").header("Set-Cookie")).isNull();

        Api.Bytes notModified = fetch(p, "If-None-Match", etag);
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.header("ETag")).isEqualTo(etag);
        assertThat(fetch(p, "If-None-Match", "\"something-else\"").status()).isEqualTo(200);

        Api.Bytes gzipped = fetch(p, "Accept-Encoding", "gzip");
        assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gzipped.header("ETag")).isNotEqualTo(etag);
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes()).isEqualTo(first.body());
        assertThat(gzipped.body().length).isLessThan(first.body().length);
        assertThat(fetch(p, "Accept-Encoding", "gzip", "If-None-Match", gzipped.header("ETag")).status()).isEqualTo(304);

        Api.Bytes png = fetch(path("plots", t, ".png"));
        assertThat(fetch(path("plots", t, ".png"), "If-None-Match", png.header("ETag")).status()).isEqualTo(304);
    }

    @Test
    void anEditInvalidatesExactlyTheTilesItsOldAndNewGeometryTouch() throws IOException {
        long id = publishedPlot("4028");
        int[] oldTile = tileOfPlot(id, 16);
        int[] oldTileZ12 = tileOfPlot(id, 12);
        int[] far = tileOfPlot(publishedPlot("4640"), 14);
        for (int[] t : List.of(oldTile, oldTileZ12, far)) {
            fetch(path("plots", t, ".mvt"));
            fetch(path("plots", t, ".png"));
        }
        Api.Bytes farBefore = fetch(path("plots", far, ".mvt"));
        assertThat(farBefore.header("X-Cache")).isEqualTo("HIT");
        String oldEtag = fetch(path("plots", oldTile, ".mvt")).header("ETag");
        String oldPngEtag = fetch(path("plots", oldTile, ".png")).header("ETag");
        assertThat(readMvt(oldTile, fetch(path("plots", oldTile, ".mvt")).body()).get("plots")).contains(id);

        // move the plot about 3 km east (within Kviteseid): a different z16 tile
        Api.Response plot = api().get("/api/plots/" + id + "?crs=EPSG:25832");
        JsonNode geometry = plot.json().path("geometry");
        String moved = shift(geometry.toString(), 3000);
        Api.Response patched = api().as("admin", ADMIN_PASSWORD).header("If-Match", plot.header("ETag"))
                .header("Content-Crs", "EPSG:25832").patch("/api/plots/" + id, "{\"geometry\":" + moved + "}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        int[] newTile = tileOfPlot(id, 16);
        assertThat(newTile).isNotEqualTo(oldTile);

        Api.Bytes oldAfter = fetch(path("plots", oldTile, ".mvt"));
        assertThat(oldAfter.header("X-Cache")).isEqualTo("MISS");
        assertThat(oldAfter.header("ETag")).isNotEqualTo(oldEtag);
        assertThat(readMvt(oldTile, oldAfter.body()).getOrDefault("plots", Set.of())).doesNotContain(id);
        Api.Bytes oldPngAfter = fetch(path("plots", oldTile, ".png"));
        assertThat(oldPngAfter.header("X-Cache")).isEqualTo("MISS");
        assertThat(oldPngAfter.header("ETag")).isNotEqualTo(oldPngEtag);
        assertThat(fetch(path("plots", oldTileZ12, ".mvt")).header("X-Cache")).as("every zoom").isEqualTo("MISS");
        assertThat(readMvt(newTile, fetch(path("plots", newTile, ".mvt")).body()).get("plots")).contains(id);

        Api.Bytes farAfter = fetch(path("plots", far, ".mvt"));
        assertThat(farAfter.header("X-Cache")).as("a far tile is not touched").isEqualTo("HIT");
        assertThat(farAfter.header("ETag")).isEqualTo(farBefore.header("ETag"));
    }

    /** Adds {@code dx} metres to every x of a GeoJSON geometry in EPSG:25832. */
    private static String shift(String geojson, double dx) {
        Matcher m = Pattern.compile("\\[(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?),").matcher(geojson);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, "[" + (Double.parseDouble(m.group(1)) + dx) + ",");
        }
        m.appendTail(out);
        return out.toString();
    }

    @Test
    void draftsAndArchivedPlotsNeverAppearInPublicTiles() throws IOException {
        List<Long> hidden = jdbc.sql("SELECT id FROM plot WHERE NOT published OR archived_at IS NOT NULL")
                .query(Long.class).list();
        assertThat(hidden).isNotEmpty();
        for (long id : hidden) {
            for (int z : new int[] {12, 16}) {
                int[] t = tileOfPlot(id, z);
                Api.Bytes tile = fetch(path("plots", t, ".mvt"));
                if (tile.status() == 200) {
                    assertThat(readMvt(t, tile.body()).getOrDefault("plots", Set.of())).as("plot %d at z%d", id, z)
                            .doesNotContain(id);
                }
            }
        }
    }

    @Test
    void describesEveryLayerAsTileJson() {
        JsonNode list = api().get("/tiles").json();
        assertThat(list.path("layers").size()).isEqualTo(6);
        JsonNode doc = api().get("/tiles/plots.json").json();
        assertThat(doc.path("tilejson").asString()).isEqualTo("3.0.0");
        assertThat(doc.path("tiles").get(0).asString()).endsWith("/tiles/plots/{z}/{x}/{y}.mvt");
        assertThat(doc.path("vector_layers").get(0).path("id").asString()).isEqualTo("plots");
        assertThat(doc.path("vector_layers").get(0).path("fields").has("purpose")).isTrue();
        assertThat(doc.path("vector_layers").get(0).path("fields").has("permanentResidenceAllowed")).isTrue();
        JsonNode bounds = doc.path("bounds");
        assertThat(bounds.get(0).asDouble()).isBetween(4.0, 9.0);
        assertThat(bounds.get(3).asDouble()).isBetween(59.0, 62.0);
        assertThat(doc.path("attribution").asString()).contains("Kartverket");
    }

    /** Requests the fast path leaves to the controller: its problem details. */
    @Test
    void badTileAddressesAreRefusedClearly() {
        for (String bad : List.of("/tiles/plots/23/0/0.mvt", "/tiles/plots/2/4/0.mvt", "/tiles/plots/2/0/4.png",
                "/tiles/plots/x/0/0.mvt")) {
            Api.Response r = api().get(bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(api().get("/tiles/nothing/1/0/0.mvt").status()).isEqualTo(404);
        assertThat(api().get("/tiles/plots/1/0/0.jpg").status()).isEqualTo(404);
        assertThat(api().get("/tiles/plots/1/0/-1.mvt").status()).isEqualTo(404);
        assertThat(api().get("/tiles/nothing.json").status()).isEqualTo(404);
    }
}
