package no.arealbank.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.offset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import no.arealbank.Api;
import no.arealbank.Gdal;
import no.arealbank.SampleRegionTest;

import tools.jackson.databind.JsonNode;

/**
 * Interoperability with a real client: GDAL's OAPIF driver ({@code ogrinfo}, {@code ogr2ogr} from Debian's gdal-bin)
 * against the running service, every result compared with the database (never with constants).
 *
 * <p>What GDAL 3.6 (Debian 12) does, read from its debug output and source, and so what these tests rely on:
 * <ul>
 * <li>{@code -oo PAGE_SIZE=n} sets {@code limit}; further pages come from the {@code next} links of the responses.
 * With {@code CPL_DEBUG=ON} every request is logged as {@code HTTP: Fetch(url)} on stderr, which is how the tests
 * see the pages and the parameters actually sent.</li>
 * <li>An attribute filter is pushed to the server as the queryables' query parameters found in the OpenAPI
 * document ({@code purpose=business}); the rest is evaluated client-side. GDAL 3.6 sends a CQL filter only when the
 * items path's {@code filter-lang} enum in the OpenAPI document contains the pre-standard {@code cql-text} (or with
 * the config option {@code OGR_OAPIF_ALLOW_CQL_TEXT=YES}), and then as {@code filter=…&filter-lang=cql-text}.
 * It does not read the CQL2 conformance classes.</li>
 * <li>Query parameters in the dataset URL ({@code OAPIF:…/collections/plots?filter=…}) are added to every
 * request: the way to send any CQL2 text through the driver.</li>
 * <li>A feature by id (GetFeature, {@code -fid}, or {@code id = '…'} on string ids) is read from
 * {@code <items link href> + "/" + id}.</li>
 * <li>There is no {@code CRS} open option before GDAL 3.11-ish; layers are always CRS84 (EPSG:4326 with lon/lat
 * axis mapping). {@link #servesEpsg25832InMetres()} uses the option when the installed GDAL lists it.</li>
 * </ul>
 */
class GdalInteropIT extends SampleRegionTest {

    private static final List<String> COLLECTIONS = List.of("plots", "zones", "hazards", "municipalities",
            "business-hubs", "plans");
    private static final String PUBLIC_PLOTS = "plot WHERE published AND archived_at IS NULL";
    /** Ids of each collection's public view straight from the tables. */
    private static final Map<String, String> PUBLIC_IDS = Map.of(
            "plots", "SELECT id::text FROM " + PUBLIC_PLOTS,
            "zones", "SELECT id::text FROM zone",
            "hazards", "SELECT id::text FROM hazard_zone",
            "municipalities", "SELECT number::text FROM municipality WHERE boundary IS NOT NULL",
            "business-hubs", "SELECT id::text FROM business_hub",
            "plans", "SELECT plan_id FROM plan");
    /** Collections whose GeoJSON id is a string: GDAL numbers those features itself and keeps the id as field "id". */
    private static final Set<String> STRING_IDS = Set.of("municipalities", "plans");
    private static final Pattern FETCH = Pattern.compile("HTTP: Fetch\\((\\S+)\\)");

    @TempDir
    Path tmp;

    private String landing() {
        return "OAPIF:http://127.0.0.1:" + port + "/ogc";
    }

    // ---------------------------------------------------------------------------------------------------------
    // 1. the collections

    @Test
    void ogrinfoListsEveryCollection() {
        Gdal.Run r = gdal(Map.of(), "ogrinfo", "-ro", "-so", landing());
        r.assertOk();
        Set<String> layers = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\d+: (\\S+) ").matcher(r.stdout());
        while (m.find()) {
            layers.add(m.group(1));
        }
        Set<String> served = new TreeSet<>();
        api().get("/ogc/collections").json().path("collections").forEach(c -> served.add(c.path("id").asString()));
        assertThat(served).as("collections served").containsExactlyInAnyOrderElementsOf(COLLECTIONS);
        assertThat(layers).as(r.describe()).isEqualTo(served);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2. counts: numberMatched as the driver reports it, and every feature read page by page

    @ParameterizedTest
    @ValueSource(strings = {"plots", "zones", "hazards", "municipalities", "business-hubs", "plans"})
    void featureCountsAndFeaturesReadPageByPageEqualTheDatabase(String collection) {
        List<String> expected = jdbc.sql(PUBLIC_IDS.get(collection)).query(String.class).list();
        assertThat(expected).as("the sample region has %s", collection).isNotEmpty();

        Gdal.Run info = gdal(Map.of(), "ogrinfo", "-ro", "-so", "-al", landing(), collection);
        info.assertOk();
        Matcher count = Pattern.compile("Feature Count: (-?\\d+)").matcher(info.stdout());
        assertThat(count.find()).as(info.describe()).isTrue();
        assertThat(Long.parseLong(count.group(1))).as(info.describe()).isEqualTo(expected.size());

        // 20 a page for plots; smaller collections get a page size that still makes at least 3 pages
        int pageSize = Math.min(20, Math.max(1, expected.size() / 3));
        Read read = readIds(landing(), collection, pageSize, null);
        assertThat(read.ids()).as("no feature twice across pages\n%s", read.run().describe())
                .doesNotHaveDuplicates();
        assertThat(read.ids()).as(read.run().describe()).containsExactlyInAnyOrderElementsOf(expected);
        assertPaged(read, collection, pageSize, expected.size());
    }

    // ---------------------------------------------------------------------------------------------------------
    // 3. filters through the driver

    /** The driver's own translation of an attribute filter (GDAL 3.6: queryable parameters + client-side rest). */
    @Test
    void attributeFilterReadThroughTheDriverEqualsTheDatabase() {
        for (String where : plotFilters()) {
            List<String> expected = plotIdsWhere(where);
            Read read = readIds(landing(), "plots", 10, where);
            assertThat(read.ids()).as("%s\n%s", where, read.run().describe())
                    .containsExactlyInAnyOrderElementsOf(expected);
            List<String> items = dataRequests(read.run(), "plots");
            assertThat(items).as("the purpose part is evaluated by the server\n%s", read.run().describe())
                    .isNotEmpty().allMatch(u -> u.contains("purpose=business") || u.contains("filter="));
        }
    }

    /**
     * The driver turns {@code -where} into a server-side filter ({@code filter=…}). GDAL 3.6 does so only with
     * {@code filter-lang=cql-text} (pre-standard name; the expression it writes is valid CQL2 text), so the server
     * must accept that value, and GDAL 3.6 only does it by itself if the OpenAPI {@code filter-lang} enum lists it;
     * {@code OGR_OAPIF_ALLOW_CQL_TEXT=YES} forces it here.
     */
    @Test
    void attributeFilterIsSentAsServerSideCqlText() {
        for (String where : plotFilters()) {
            List<String> expected = plotIdsWhere(where);
            Gdal.Run r = gdal(Map.of("CPL_DEBUG", "ON", "OGR_OAPIF_ALLOW_CQL_TEXT", "YES"), "ogr2ogr", "-f", "CSV",
                    "/vsistdout/", landing(), "-oo", "PAGE_SIZE=10", "-sql",
                    "SELECT FID AS fid FROM plots WHERE " + where);
            r.assertOk();
            List<String> items = dataRequests(r, "plots");
            assertThat(items).as("every items request carries the filter\n%s", r.describe())
                    .isNotEmpty().allMatch(u -> u.contains("filter="));
            assertThat(csvColumn(r.stdout())).as("%s\n%s", where, r.describe())
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** Any CQL2 text, given as a query parameter of the dataset URL, is sent on every page (next links included). */
    @Test
    void cql2FilterInTheDatasetUrlIsKeptAcrossPages() {
        String where = plotFilters().get(1);
        List<String> expected = plotIdsWhere(where);
        int pageSize = Math.max(1, expected.size() / 3);
        String url = "OAPIF:http://127.0.0.1:" + port + "/ogc/collections/plots?filter="
                + URLEncoder.encode(where, StandardCharsets.UTF_8).replace("+", "%20");
        Read read = readIds(url, "plots", pageSize, null);
        assertThat(read.ids()).as("%s\n%s", where, read.run().describe()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
        assertPaged(read, "plots", pageSize, expected.size());
    }

    /**
     * A date-time comparison is sent as {@code datetime=…%2F..}; with 20 a page it must survive the next links.
     * (GDAL 3.6 needs the time of day: a date alone is sent as {@code 2000-01-01T}, which no server accepts.)
     */
    @Test
    void datetimeFilterReadThroughTheDriverIsKeptAcrossPages() {
        // the median last change, to the second, in UTC: about half the plots are that new or newer
        String cut = jdbc.sql("SELECT to_char(percentile_disc(0.5) WITHIN GROUP (ORDER BY date_trunc('second', "
                + "updated_at AT TIME ZONE 'UTC')), 'YYYY-MM-DD HH24:MI:SS') FROM " + PUBLIC_PLOTS)
                .query(String.class).single();
        List<String> expected = jdbc.sql("SELECT id::text FROM " + PUBLIC_PLOTS
                + " AND updated_at >= CAST(:cut AS timestamp) AT TIME ZONE 'UTC'")
                .param("cut", cut).query(String.class).list();
        assertThat(expected).isNotEmpty();
        int pageSize = Math.max(1, Math.min(20, expected.size() / 3));
        // OGR SQL's own timestamp spelling; GDAL sends it as datetime=<cut>Z%2F..
        Read read = readIds(landing(), "plots", pageSize, "updatedAt >= '" + cut.replace('-', '/') + "'");
        assertThat(dataRequests(read.run(), "plots")).as(read.run().describe())
                .isNotEmpty().allMatch(u -> u.contains("datetime="));
        assertThat(read.ids()).as(read.run().describe()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
        assertPaged(read, "plots", pageSize, expected.size());
    }

    @Test
    void spatialFilterReadThroughTheDriverEqualsTheDatabase() {
        double[] box = bboxAwayFromPlotEdges();
        List<String> expected = jdbc.sql("SELECT id::text FROM " + PUBLIC_PLOTS + " AND ST_Intersects(geom, "
                + "ST_Transform(ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4326), 25832))")
                .param("x0", box[0]).param("y0", box[1]).param("x1", box[2]).param("y1", box[3])
                .query(String.class).list();
        long all = jdbc.sql("SELECT count(*) FROM " + PUBLIC_PLOTS).query(Long.class).single();
        assertThat((long) expected.size()).as("a box that selects some plots, not all").isBetween(1L, all - 1);

        Gdal.Run r = gdal(Map.of("CPL_DEBUG", "ON"), "ogr2ogr", "-f", "CSV", "/vsistdout/", landing(),
                "-oo", "PAGE_SIZE=10", "-spat", num(box[0]), num(box[1]), num(box[2]), num(box[3]),
                "-sql", "SELECT FID AS fid FROM plots");
        r.assertOk();
        assertThat(itemRequests(r, "plots")).as("the box is sent to the server\n%s", r.describe())
                .anyMatch(u -> u.contains("bbox="));
        assertThat(csvColumn(r.stdout())).as(r.describe()).containsExactlyInAnyOrderElementsOf(expected);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 4. ogr2ogr to a GeoPackage in EPSG:25832: areas

    @Test
    void ogr2ogrCopiesPlotsToAGeoPackageWithTheServicesAreas() {
        Path gpkg = tmp.resolve("plots.gpkg");
        Gdal.Run copy = gdal(Map.of(), "ogr2ogr", "-f", "GPKG", gpkg.toString(), landing(), "plots",
                "-t_srs", "EPSG:25832", "-nln", "plots", "-preserve_fid", "-oo", "PAGE_SIZE=50");
        copy.assertOk();
        Gdal.Run info = gdal(Map.of(), "ogrinfo", "-ro", "-so", gpkg.toString(), "plots");
        info.assertOk();
        assertThat(info.stdout()).as(info.describe()).contains("ID[\"EPSG\",25832]");

        Gdal.Run sql = gdal(Map.of(), "ogr2ogr", "-f", "CSV", "/vsistdout/", gpkg.toString(), "-dialect", "SQLITE",
                "-sql", "SELECT CAST(fid AS TEXT) AS plot_id, ST_Area(geom) AS area FROM plots");
        sql.assertOk();
        Map<String, Double> gpkgArea = new HashMap<>();
        for (String[] row : csvRows(sql.stdout())) {
            assertThat(gpkgArea.put(unquote(row[0]), Double.parseDouble(unquote(row[1])))).isNull();
        }

        JsonNode page = api().get("/ogc/collections/plots/items?limit=10000&properties=areaM2").json();
        assertThat(page.path("numberReturned").asLong()).isEqualTo(page.path("numberMatched").asLong());
        Map<String, Double> served = new HashMap<>();
        page.path("features").forEach(f -> served.put(f.path("id").asString(),
                f.path("properties").path("areaM2").asDouble()));

        // How much of the area difference the service's GeoJSON itself explains: CRS84 coordinates have 6 decimals
        // (a vertex moves up to 0.056 m north and 0.028 m east), so the area of the geometry as served differs from
        // the stored one by up to about perimeter × 0.06 m. PostGIS computes that share per plot from the very text
        // the service sends (ST_AsGeoJSON(…, 6)). For the sample region it is ~0: its vertices come from 6-decimal
        // GeoJSON, so they lie on the micro-degree grid; plots made in EPSG:25832 by other tests do not.
        Map<String, Double> roundingShare = new HashMap<>();
        jdbc.sql("SELECT id::text, abs(ST_Area(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON("
                + "ST_AsGeoJSON(ST_Transform(geom, 4326), 6)), 4326), 25832)) - area_m2) FROM " + PUBLIC_PLOTS)
                .query(rs -> {
                    roundingShare.put(rs.getString(1), rs.getDouble(2));
                });

        assertThat(gpkgArea.keySet()).as("plots in the GeoPackage").isEqualTo(served.keySet())
                .isEqualTo(roundingShare.keySet());
        double sumGpkg = 0;
        double sumServed = 0;
        List<String> off = new ArrayList<>();
        for (Map.Entry<String, Double> e : served.entrySet()) {
            double a = gpkgArea.get(e.getKey());
            double s = e.getValue();
            // areaM2 is rounded to 0.1 m² (≤ 0.05 off); 0.5 m² or 0.05 % leaves room for PROJ differences between
            // PostGIS and GDAL (micrometres) and would still catch a lost ring, a swapped axis or a wrong CRS.
            double tolerance = Math.max(0.5, 0.0005 * s) + roundingShare.get(e.getKey());
            if (Math.abs(a - s) > tolerance) {
                off.add("plot %s: GeoPackage %.3f m², service %.1f m², tolerance %.3f".formatted(e.getKey(), a, s,
                        tolerance));
            }
            sumGpkg += a;
            sumServed += s;
        }
        assertThat(off).as("areas in EPSG:25832").isEmpty();
        // rounding errors cancel in the sum: 0.01 % of the total
        assertThat(Math.abs(sumGpkg - sumServed)).as("total %.1f vs %.1f", sumGpkg, sumServed)
                .isLessThanOrEqualTo(0.0001 * sumServed);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 5. CRS

    @Test
    void servesEpsg25832InMetres() {
        double[] utm = jdbc.sql("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) "
                + "AS e FROM " + PUBLIC_PLOTS + ") x").query((rs, i) -> new double[] {rs.getDouble(1),
                        rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)}).single();
        Gdal.Run formats = gdal(Map.of(), "ogrinfo", "--format", "OAPIF");
        formats.assertOk();
        if (formats.stdout().contains("name=\"CRS\"")) {
            // a GDAL with the CRS open option (not Debian 12's 3.6)
            Gdal.Run r = gdal(Map.of(), "ogrinfo", "-ro", "-so", "-al", "-oo", "CRS=EPSG:25832", landing(), "plots");
            r.assertOk();
            assertThat(r.stdout()).as(r.describe()).contains("ID[\"EPSG\",25832]");
            // the service gives its extent in CRS84 only, so GDAL may show it transformed (a larger box)
            double[] extent = extent(r);
            assertThat(extent[0]).as(r.describe()).isBetween(100_000.0, utm[0] + 1);
            assertThat(extent[1]).as(r.describe()).isBetween(6_000_000.0, utm[1] + 1);
            assertThat(extent[2]).as(r.describe()).isBetween(utm[2] - 1, 900_000.0);
            assertThat(extent[3]).as(r.describe()).isBetween(utm[3] - 1, 8_000_000.0);
        }
        // GDAL 3.6: the layer is CRS84, read as EPSG:4326 with lon/lat axis mapping; its extent is the service's
        double[] lonLat = jdbc.sql("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT "
                + "ST_Transform(ST_SetSRID(ST_Extent(geom)::geometry, 25832), 4326) AS e FROM " + PUBLIC_PLOTS + ") x")
                .query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)})
                .single();
        Gdal.Run r = gdal(Map.of(), "ogrinfo", "-ro", "-so", "-al", landing(), "plots");
        r.assertOk();
        assertThat(r.stdout()).as(r.describe()).contains("ID[\"EPSG\",4326]")
                .contains("Data axis to CRS axis mapping: 2,1");
        double[] extent = extent(r);
        for (int i = 0; i < 4; i++) {
            assertThat(extent[i]).as("lon/lat extent\n%s", r.describe()).isCloseTo(lonLat[i],
                    offset(1e-5));
        }

        // and EPSG:25832 itself, checked over HTTP (what a GDAL with the CRS option or QGIS asks for)
        Api.Response page = api().get("/ogc/collections/plots/items?limit=10000&properties=name"
                + "&crs=http://www.opengis.net/def/crs/EPSG/0/25832");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.header("Content-Crs")).isEqualTo("<http://www.opengis.net/def/crs/EPSG/0/25832>");
        Map<String, double[]> dbBoxes = new HashMap<>();
        jdbc.sql("SELECT id::text, ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom) FROM " + PUBLIC_PLOTS)
                .query(rs -> {
                    dbBoxes.put(rs.getString(1), new double[] {rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                            rs.getDouble(5)});
                });
        JsonNode features = page.json().path("features");
        assertThat(features.size()).isEqualTo(dbBoxes.size());
        for (JsonNode f : features) {
            double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
            coordinates(f.path("geometry").path("coordinates"), box);
            double[] db = dbBoxes.get(f.path("id").asString());
            assertThat(db).as("feature %s", f.path("id")).isNotNull();
            for (int i = 0; i < 4; i++) {
                // two decimals in metres: at most 0.005 m off
                assertThat(box[i]).as("plot %s bbox[%d] in metres", f.path("id"), i).isCloseTo(db[i],
                        offset(0.0051));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // one feature by id

    /** GDAL reads a feature by id from {@code <items href>/<id>}: {@code -fid} for numeric ids, {@code id = '…'}. */
    @Test
    void readsOneFeatureById() {
        Map<String, String> plot = jdbc.sql("SELECT id::text AS id, name FROM " + PUBLIC_PLOTS
                + " ORDER BY id DESC LIMIT 1").query((rs, i) -> Map.of("id", rs.getString(1), "name",
                        rs.getString(2))).single();
        Gdal.Run r = gdal(Map.of("CPL_DEBUG", "ON"), "ogrinfo", "-ro", "-q", landing(), "plots", "-fid", plot.get("id"));
        r.assertOk();
        assertThat(r.stdout()).as(r.describe()).contains("OGRFeature(plots):" + plot.get("id"))
                .contains("name (String) = " + plot.get("name"));

        String planId = jdbc.sql("SELECT max(plan_id) FROM plan").query(String.class).single();
        Gdal.Run p = gdal(Map.of("CPL_DEBUG", "ON"), "ogrinfo", "-ro", "-q", landing(), "plans", "-where",
                "id = '" + planId + "'");
        p.assertOk();
        assertThat(p.stdout()).as(p.describe()).contains("planId (String) = " + planId);
        assertThat(p.stdout().split("OGRFeature\\(plans\\)", -1).length - 1).as(p.describe()).isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers

    /** The filter, and one whose area threshold splits the business plots (the sample's are all > 2000). */
    private List<String> plotFilters() {
        Double median = jdbc.sql("SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY round(area_m2::numeric, 1))"
                + " FROM " + PUBLIC_PLOTS + " AND purpose = 'business'").query(Double.class).single();
        assertThat(median).as("business plots in the sample region").isNotNull();
        return List.of("purpose = 'business' AND areaM2 > 2000",
                "purpose = 'business' AND areaM2 > " + (long) Math.floor(median));
    }

    /**
     * Plot ids matching a filter of the form {@code purpose = '…' AND areaM2 > N}, in SQL. areaM2 is the area rounded
     * to 0.1 m² as served, so the comparison uses the same rounding.
     */
    private List<String> plotIdsWhere(String where) {
        Matcher m = Pattern.compile("purpose = '(\\w+)' AND areaM2 > (\\d+)").matcher(where);
        assertThat(m.matches()).as(where).isTrue();
        List<String> ids = jdbc.sql("SELECT id::text FROM " + PUBLIC_PLOTS
                + " AND purpose = :purpose AND round(area_m2::numeric, 1) > :min")
                .param("purpose", m.group(1)).param("min", Long.parseLong(m.group(2))).query(String.class).list();
        assertThat(ids).as("plots matching %s", where).isNotEmpty();
        return ids;
    }

    /** A lon/lat box around the municipality with most plots, whose edges are 0.002° (100–200 m) from every plot. */
    private double[] bboxAwayFromPlotEdges() {
        double[] core = jdbc.sql("""
                SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (
                  SELECT ST_Transform(ST_SetSRID(ST_Extent(geom)::geometry, 25832), 4326) AS e FROM plot
                   WHERE published AND archived_at IS NULL AND municipality_number = (
                     SELECT municipality_number FROM plot WHERE published AND archived_at IS NULL
                      GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)) x
                """).query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3),
                        rs.getDouble(4)}).single();
        for (double margin = 0.005; margin < 0.2; margin += 0.0037) {
            double[] box = {core[0] - margin, core[1] - margin, core[2] + margin, core[3] + margin};
            if (plotsIn(box, -0.002) == plotsIn(box, 0.002)) {
                return box;
            }
        }
        return fail("no box around the plots whose edges keep away from every plot");
    }

    private long plotsIn(double[] box, double grow) {
        return jdbc.sql("SELECT count(*) FROM " + PUBLIC_PLOTS
                + " AND ST_Intersects(geom, ST_Transform(ST_MakeEnvelope(:x0, :y0, :x1, :y1, 4326), 25832))")
                .param("x0", box[0] - grow).param("y0", box[1] - grow).param("x1", box[2] + grow)
                .param("y1", box[3] + grow).query(Long.class).single();
    }

    private record Read(List<String> ids, Gdal.Run run) {
    }

    /**
     * Reads every feature id of a layer through the driver (GeoJSON id: the FID for numeric ids, field "id" for
     * strings), with {@code PAGE_SIZE} and HTTP debug output, optionally with an OGR SQL where clause.
     */
    private Read readIds(String dataset, String layer, int pageSize, String where) {
        String column = STRING_IDS.contains(layer) ? "id" : "FID AS fid";
        String sql = "SELECT " + column + " FROM \"" + layer + "\"" + (where == null ? "" : " WHERE " + where);
        Gdal.Run r = gdal(Map.of("CPL_DEBUG", "ON"), "ogr2ogr", "-f", "CSV", "/vsistdout/", dataset,
                "-oo", "PAGE_SIZE=" + pageSize, "-sql", sql);
        r.assertOk();
        return new Read(csvColumn(r.stdout()), r);
    }

    /** The pages really came from the server: at least 3 item requests with distinct offsets, none over the size. */
    private static void assertPaged(Read read, String layer, int pageSize, int total) {
        List<String> items = itemRequests(read.run(), layer);
        Set<Integer> offsets = new LinkedHashSet<>();
        for (String u : items) {
            assertThat(u).as("page size").contains("limit=" + pageSize);
            Matcher o = Pattern.compile("[?&]offset=(\\d+)").matcher(u);
            offsets.add(o.find() ? Integer.parseInt(o.group(1)) : 0);
        }
        int pages = (total + pageSize - 1) / pageSize;
        assertThat(pages).as("the test asks for at least 3 pages").isGreaterThanOrEqualTo(3);
        assertThat(offsets).as("pages fetched\n%s", read.run().describe()).hasSize(pages);
    }

    /** The items requests after the first, which GDAL sends unfiltered to learn the layer's fields. */
    private static List<String> dataRequests(Gdal.Run r, String layer) {
        List<String> all = itemRequests(r, layer);
        return all.isEmpty() ? all : all.subList(1, all.size());
    }

    private static List<String> itemRequests(Gdal.Run r, String layer) {
        List<String> urls = new ArrayList<>();
        Matcher m = FETCH.matcher(r.stderr());
        while (m.find()) {
            if (m.group(1).contains("/collections/" + layer + "/items")) {
                urls.add(m.group(1));
            }
        }
        return urls;
    }

    private static double[] extent(Gdal.Run r) {
        Matcher m = Pattern.compile("Extent: \\((\\S+), (\\S+)\\) - \\((\\S+), (\\S+)\\)").matcher(r.stdout());
        assertThat(m.find()).as(r.describe()).isTrue();
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))};
    }

    private static void coordinates(JsonNode node, double[] box) {
        if (node.isArray() && node.size() >= 2 && node.get(0).isNumber()) {
            box[0] = Math.min(box[0], node.get(0).asDouble());
            box[1] = Math.min(box[1], node.get(1).asDouble());
            box[2] = Math.max(box[2], node.get(0).asDouble());
            box[3] = Math.max(box[3], node.get(1).asDouble());
        } else {
            node.forEach(child -> coordinates(child, box));
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    /** Rows of GDAL's CSV output after the header; values here are ids and numbers, never quoted commas. */
    private static List<String[]> csvRows(String csv) {
        List<String[]> rows = new ArrayList<>();
        String[] lines = csv.split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                rows.add(lines[i].split(","));
            }
        }
        return rows;
    }

    private static List<String> csvColumn(String csv) {
        return csvRows(csv).stream().map(row -> unquote(row[0])).toList();
    }

    private static String unquote(String s) {
        String t = s.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    /** Runs a GDAL command in the test's temp dir (see {@link Gdal#run}). */
    private Gdal.Run gdal(Map<String, String> env, String... command) {
        return Gdal.run(tmp, env, command);
    }
}
