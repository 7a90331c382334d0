package no.arealbank.plots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKTReader;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureResultSet;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.srs.SpatialReferenceSystem;

import no.arealbank.Api;
import no.arealbank.Gdal;
import no.arealbank.SampleRegionTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

class PlotExportIT extends SampleRegionTest {

    private static final String PUBLIC = "published AND archived_at IS NULL";
    private static final String FILTER = "municipality=4028&purpose=business";
    private static final String FILTER_SQL = PUBLIC + " AND municipality_number = '4028' AND purpose = 'business'";

    @TempDir
    Path tmp;

    private long count(String where) {
        return jdbc.sql("SELECT count(*) FROM plot WHERE " + where).query(Long.class).single();
    }

    private Set<Long> ids(String where) {
        return new HashSet<>(jdbc.sql("SELECT id FROM plot WHERE " + where).query(Long.class).list());
    }

    private static String today() {
        return LocalDate.now(ZoneId.of("Europe/Oslo")).format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    private void assertAttachment(Download d, String mediaType, String extension) {
        assertThat(d.status()).as(d.text()).isEqualTo(200);
        assertThat(d.header("Content-Type")).startsWith(mediaType);
        assertThat(d.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"arealbank-plots-" + today() + "." + extension + "\"");
    }

    // --- GeoJSON ---

    @Test
    void geoJsonExportHoldsEveryPublicPlotAsAFlatCrs84FeatureCollection() {
        Download d = download("/api/plots/export.geojson");
        assertAttachment(d, "application/geo+json", "geojson");
        JsonNode body = Api.JSON.readTree(d.text());
        assertThat(body.path("type").asString()).isEqualTo("FeatureCollection");
        long published = count(PUBLIC);
        assertThat(published).isGreaterThanOrEqualTo(150);
        assertThat(body.path("features").size()).isEqualTo(published);
        assertThat(body.path("numberMatched").asLong()).isEqualTo(published);
        Set<Long> ids = new HashSet<>();
        for (JsonNode f : body.path("features")) {
            ids.add(f.path("id").asLong());
            assertThat(f.path("geometry").path("type").asString()).isEqualTo("MultiPolygon");
            JsonNode lonLat = f.path("geometry").path("coordinates").get(0).get(0).get(0);
            assertThat(lonLat.get(0).asDouble()).isBetween(4.0, 32.0); // CRS84: longitude first
            assertThat(lonLat.get(1).asDouble()).isBetween(57.0, 72.0);
            f.path("properties").properties().forEach(p -> assertThat(p.getValue().isObject())
                    .as("flat property %s", p.getKey()).isFalse());
            assertThat(f.path("properties").path("published").asBoolean()).isTrue();
        }
        assertThat(ids).isEqualTo(ids(PUBLIC));
        JsonNode first = body.path("features").get(0).path("properties");
        assertThat(first.has("municipalityNumber")).isTrue();
        assertThat(first.has("areaM2")).isTrue();
        assertThat(first.path("allowedUses").isArray()).isTrue();
    }

    @Test
    void geoJsonExportMatchesTheListForTheSameFilterAndSort() {
        Download d = download("/api/plots/export.geojson?" + FILTER + "&sort=-area");
        assertAttachment(d, "application/geo+json", "geojson");
        JsonNode export = Api.JSON.readTree(d.text());
        Api.Response list = api().get("/api/plots?" + FILTER + "&sort=-area&limit=1000");
        assertThat(list.status()).isEqualTo(200);
        long expected = count(FILTER_SQL);
        assertThat(expected).isPositive();
        assertThat(list.json().path("numberMatched").asLong()).isEqualTo(expected);
        assertThat(export.path("features").size()).isEqualTo(expected);
        assertThat(featureIds(export)).containsExactlyElementsOf(featureIds(list.json()));
    }

    private static List<Long> featureIds(JsonNode collection) {
        List<Long> ids = new ArrayList<>();
        collection.path("features").forEach(f -> ids.add(f.path("id").asLong()));
        return ids;
    }

    // --- visibility ---

    @Test
    void draftsNeverAppearForTheAnonymousButDoForTheirMunicipalitysPlanner() throws Exception {
        long draft = jdbc.sql("SELECT id FROM plot WHERE NOT published AND archived_at IS NULL ORDER BY id LIMIT 1")
                .query(Long.class).single();
        String municipality = jdbc.sql("SELECT municipality_number FROM plot WHERE id = :id").param("id", draft)
                .query(String.class).single();

        assertThat(featureIds(Api.JSON.readTree(download("/api/plots/export.geojson").text()))).doesNotContain(draft);
        assertThat(csvRows(download("/api/plots/export.csv")).stream().map(r -> Long.valueOf(r.get("id"))))
                .doesNotContain(draft);
        assertThat(geoPackageIds(save(download("/api/plots/export.gpkg"), "anonymous.gpkg"))).doesNotContain(draft);

        Download planner = download("/api/plots/export.geojson?municipality=" + municipality, "planner-" + municipality);
        assertThat(featureIds(Api.JSON.readTree(planner.text()))).contains(draft);
        assertThat(featureIds(Api.JSON.readTree(planner.text())))
                .containsExactlyInAnyOrderElementsOf(ids("archived_at IS NULL AND municipality_number = '"
                        + municipality + "'"));
    }

    // --- GeoPackage ---

    @Test
    void geoPackageOpensInGdalInEpsg25832WithTypedColumnsAndTheRightAreas() throws Exception {
        Download d = download("/api/plots/export.gpkg");
        assertAttachment(d, "application/geopackage+sqlite3", "gpkg");
        assertThat(d.header("Content-Length")).isEqualTo(Integer.toString(d.body().length));
        assertThat(new String(d.body(), 0, 16, StandardCharsets.US_ASCII)).isEqualTo("SQLite format 3\0");
        File file = save(d, "plots.gpkg");
        long published = count(PUBLIC);

        String info = run("ogrinfo", "-ro", "-so", file.getPath(), "plots");
        assertThat(info).contains("Geometry: Multi Polygon").contains("Feature Count: " + published)
                .contains("ID[\"EPSG\",25832]").contains("FID Column = fid")
                .contains("name: String").contains("areaM2: Real").contains("landUseCode: Integer")
                .contains("permanentResidenceAllowed: Integer(Boolean)").contains("published: Integer(Boolean)")
                .contains("applicationDeadline: Date").contains("updatedAt: DateTime");
        String srs = run("ogrinfo", "-ro", file.getPath(), "-sql",
                "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = 25832");
        assertThat(srs).contains("organization (String) = EPSG").contains("organization_coordsys_id (Integer")
                .contains("= 25832").contains("UTM zone 32N");
        String contents = run("ogrinfo", "-ro", file.getPath(), "-sql",
                "SELECT min_x, max_y, srs_id FROM gpkg_contents WHERE table_name = 'plots'");
        assertThat(contents).contains("srs_id (Integer").doesNotContain("min_x (Real) = (null)");

        double dbArea = jdbc.sql("SELECT sum(area_m2) FROM plot WHERE " + PUBLIC).query(Double.class).single();
        try (GeoPackage gpkg = GeoPackageManager.open(file)) {
            SpatialReferenceSystem registered = gpkg.getSpatialReferenceSystemDao().queryForId(25832L);
            assertThat(registered.getOrganization()).isEqualToIgnoringCase("EPSG");
            assertThat(registered.getOrganizationCoordsysId()).isEqualTo(25832);
            assertThat(registered.getDefinition()).startsWith("PROJCS[\"ETRS89 / UTM zone 32N\"");
            FeatureDao dao = gpkg.getFeatureDao("plots");
            assertThat(dao.getSrsId()).isEqualTo(25832);
            assertThat(dao.getBoundingBox().getMinLongitude()).isBetween(100_000.0, 900_000.0); // metres, not degrees
            double area = 0;
            Set<Long> ids = new HashSet<>();
            FeatureResultSet rows = dao.queryForAll();
            try {
                while (rows.moveToNext()) {
                    FeatureRow row = rows.getRow();
                    ids.add(row.getId());
                    Geometry g = new WKBReader().read(row.getGeometry().getWkb());
                    assertThat(g).isInstanceOf(MultiPolygon.class);
                    area += g.getArea();
                    assertThat((Double) row.getValue("areaM2")).isCloseTo(g.getArea(), within(0.1));
                    assertThat(row.getValue("published")).isEqualTo(true);
                }
            } finally {
                rows.close();
            }
            assertThat(ids).isEqualTo(ids(PUBLIC));
            assertThat(area).isCloseTo(dbArea, within(dbArea * 0.001));
        }
        assertThat(exportTempDirectories()).as("temporary GeoPackages are deleted").isEmpty();
    }

    @Test
    void filteredGeoPackageHoldsOnlyTheMatch() throws Exception {
        File file = save(download("/api/plots/export.gpkg?" + FILTER), "filtered.gpkg");
        assertThat(run("ogrinfo", "-ro", "-so", file.getPath(), "plots")).contains("Feature Count: " + count(FILTER_SQL));
        assertThat(geoPackageIds(file)).isEqualTo(ids(FILTER_SQL));
    }

    private static Set<Long> geoPackageIds(File file) {
        Set<Long> ids = new HashSet<>();
        try (GeoPackage gpkg = GeoPackageManager.open(file)) {
            FeatureResultSet rows = gpkg.getFeatureDao("plots").queryForAll();
            try {
                while (rows.moveToNext()) {
                    ids.add(rows.getRow().getId());
                }
            } finally {
                rows.close();
            }
        }
        return ids;
    }

    private static List<Path> exportTempDirectories() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("arealbank-export-")).toList();
        }
    }

    // --- CSV ---

    @Test
    void csvHasABomAHeaderOneRowPerPlotAndWktInEpsg25832() throws Exception {
        Download d = download("/api/plots/export.csv");
        assertAttachment(d, "text/csv", "csv");
        assertThat(d.header("Content-Type")).containsIgnoringCase("charset=UTF-8");
        byte[] bytes = d.body();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        String header = text.substring(0, text.indexOf("\r\n"));
        assertThat(header).startsWith("id;municipalityNumber;municipalityName;name;").endsWith(";updatedAt;wkt");

        List<Map<String, String>> rows = csvRows(d);
        assertThat(rows).hasSize((int) count(PUBLIC));
        Map<Long, Double> areas = new java.util.HashMap<>();
        jdbc.sql("SELECT id, area_m2 FROM plot WHERE " + PUBLIC)
                .query((rs, i) -> Map.entry(rs.getLong(1), rs.getDouble(2))).list()
                .forEach(e -> areas.put(e.getKey(), e.getValue()));
        WKTReader wkt = new WKTReader();
        for (Map<String, String> row : rows) {
            long id = Long.parseLong(row.get("id"));
            assertThat(areas).containsKey(id);
            Geometry g = wkt.read(row.get("wkt"));
            assertThat(g).isInstanceOf(MultiPolygon.class);
            assertThat(g.getEnvelopeInternal().getMinX()).isBetween(100_000.0, 900_000.0); // EPSG:25832 metres
            assertThat(g.getArea()).isCloseTo(areas.get(id), within(areas.get(id) * 0.001 + 1));
            assertThat(row.get("areaM2")).doesNotContain(".").matches("[0-9]+(,[0-9])?"); // decimal comma
            assertThat(row.get("published")).isEqualTo("true");
        }
        assertThat(text).contains("Kviteseid"); // UTF-8 text survives (e.g. "næringsområde")
        assertThat(text).contains("næringsområde");
    }

    private static List<Map<String, String>> csvRows(Download d) throws IOException {
        byte[] b = d.body();
        assertThat(b[0]).isEqualTo((byte) 0xEF);
        CsvMapper csv = CsvMapper.builder().enable(CsvReadFeature.EMPTY_STRING_AS_NULL).build();
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator(';');
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = csv.readerForMapOf(String.class).with(schema)
                .readValues(new String(b, 3, b.length - 3, StandardCharsets.UTF_8))) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        }
        return rows;
    }

    // --- errors ---

    @Test
    void aBadParameterIs400ProblemJsonForEveryFormat() {
        for (String format : List.of("geojson", "gpkg", "csv")) {
            for (String query : List.of("municipality=9999", "purpose=castle", "bbox=1,2,3", "sort=colour",
                    "limit=10", "crs=EPSG:25832", "nonsense=1")) {
                Api.Response r = api().get("/api/plots/export." + format + "?" + query);
                assertThat(r.status()).as(format + "?" + query + " " + r.body()).isEqualTo(400);
                assertThat(r.header("Content-Type")).startsWith("application/problem+json");
                assertThat(r.header("Content-Disposition")).isNull();
                assertThat(r.json().path("errors").get(0).path("pointer").asString())
                        .isEqualTo("?" + query.substring(0, query.indexOf('=')));
            }
        }
    }

    @Nested
    @TestPropertySource(properties = "arealbank.plots.export.max-rows=10")
    class WithACapOfTenRows {

        @LocalServerPort
        int cappedPort;

        @Test
        void anExportMatchingMoreThanTheCapIs400AndOneWithinItIsServed() {
            Api capped = new Api("http://127.0.0.1:" + cappedPort);
            for (String format : List.of("geojson", "gpkg", "csv")) {
                Api.Response r = capped.get("/api/plots/export." + format);
                assertThat(r.status()).as(r.body()).isEqualTo(400);
                assertThat(r.header("Content-Type")).startsWith("application/problem+json");
                assertThat(r.json().path("title").asString()).isEqualTo("Export too large");
                assertThat(r.json().path("numberMatched").asLong()).isEqualTo(count(PUBLIC));
            }
            long small = count(FILTER_SQL);
            assertThat(small).isBetween(1L, 10L);
            Api.Response ok = capped.get("/api/plots/export.geojson?" + FILTER);
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            assertThat(ok.json().path("features").size()).isEqualTo(small);
        }
    }

    // --- helpers ---

    record Download(int status, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Binary-safe GET (the shared {@link Api} reads bodies as text). */
    private Download download(String path, String... planner) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (planner.length > 0) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((planner[0] + ":" + DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Download(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private File save(Download d, String name) throws IOException {
        assertThat(d.status()).as(d.text()).isEqualTo(200);
        Path file = tmp.resolve(name);
        Files.write(file, d.body());
        return file.toFile();
    }

    /** Runs a GDAL tool and returns its output; fails on a non-zero exit. */
    private String run(String... command) {
        return Gdal.run(tmp, Map.of(), command).assertOk().stdout();
    }
}
