package no.arealbank.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import no.arealbank.Api;
import no.arealbank.Gdal;
import no.arealbank.SampleRegionTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports end to end: real uploads over HTTP (multipart, HTTP Basic as the demo planners), real ogr2ogr, staging and
 * validation in PostGIS, commits checked against the database. Files are written by the tests (GeoJSON, and GeoPackage
 * and Shapefile made from it with ogr2ogr) or are the Plan GML fixtures in ../shared/fixtures/plan-gml.
 */
class ImportIT extends SampleRegionTest {

    static final Path PLAN_GML = Path.of("..", "shared", "fixtures", "plan-gml").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern FEATURE_COUNT = Pattern.compile("Feature Count: (\\d+)");

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Api planner() {
        return api().as("planner-4028", DEMO_PASSWORD);
    }

    // --- formats ------------------------------------------------------------------------------------------------

    @Test
    void aGeoJsonFileIsStagedWithItsCountsAndGeometriesInEpsg25832() {
        FileBuilder file = new FileBuilder(spot("4028"));
        file.plot("Nordtun 1").plot("Nordtun 2").plot("Nordtun 3");
        JsonNode job = uploadAndWait(file.write(tmp.resolve("plots.geojson")), "4028", "planner-4028");

        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("ready");
        assertThat(job.path("format").asString()).isEqualTo("geojson");
        assertThat(job.path("fileName").asString()).isEqualTo("plots.geojson");
        assertThat(job.path("createdBy").asString()).isEqualTo("planner-4028");
        assertCounts(job, 3, 3, 0);
        assertThat(job.path("sourceFields").toString()).contains("navn", "formal", "gnr", "bnr");
        assertThat(job.path("mapping").path("name").asString()).isEqualTo("navn");
        assertThat(job.path("mapping").path("availability").path("field").asString()).isEqualTo("status");
        assertStagedIn25832(job, 3);

        JsonNode features = planner().get("/api/imports/" + id(job) + "/features").json();
        assertThat(features.path("type").asString()).isEqualTo("FeatureCollection");
        assertThat(features.path("features")).hasSize(3);
        JsonNode first = features.path("features").get(0);
        double lon = first.path("geometry").path("coordinates").get(0).get(0).get(0).get(0).asDouble();
        assertThat(lon).as("preview in CRS84").isBetween(7.0, 10.0);
        assertThat(first.path("properties").path("name").asString()).isEqualTo("Nordtun 1");
        assertThat(first.path("properties").path("purpose").asString()).isEqualTo("housing");
        assertThat(first.path("properties").path("source").path("formal").asString()).isEqualTo("bustad");
        assertThat(first.path("properties").path("issues").isArray()).isTrue();
    }

    @Test
    void aGeoPackageMadeWithOgr2ogrIsStaged() {
        FileBuilder file = new FileBuilder(spot("4028"));
        file.plot("Gpkg 1").plot("Gpkg 2");
        Path geojson = file.write(tmp.resolve("src.geojson"));
        Gdal.run(tmp, Map.of(), "ogr2ogr", "-f", "GPKG", "plots.gpkg", geojson.toString(), "-nln", "tomter").assertOk();
        JsonNode job = uploadAndWait(tmp.resolve("plots.gpkg"), "4028", "planner-4028");
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("ready");
        assertThat(job.path("format").asString()).isEqualTo("gpkg");
        assertCounts(job, 2, 2, 0);
        assertStagedIn25832(job, 2);
    }

    @Test
    void aZippedShapefileIsStaged() throws IOException {
        FileBuilder file = new FileBuilder(spot("4028"));
        file.plot("Shp 1").plot("Shp 2").plot("Shp 3").plot("Shp 4");
        Path geojson = file.write(tmp.resolve("src.geojson"));
        Path shp = Files.createDirectories(tmp.resolve("shp"));
        Gdal.run(tmp, Map.of(), "ogr2ogr", "-f", "ESRI Shapefile", shp.resolve("tomter.shp").toString(),
                geojson.toString()).assertOk();
        Path zip = tmp.resolve("tomter.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> parts = Files.list(shp)) {
            for (Path part : parts.toList()) {
                out.putNextEntry(new ZipEntry(part.getFileName().toString()));
                out.write(Files.readAllBytes(part));
                out.closeEntry();
            }
        }
        JsonNode job = uploadAndWait(zip, "4028", "planner-4028");
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("ready");
        assertThat(job.path("format").asString()).isEqualTo("shapefile");
        assertCounts(job, 4, 4, 0);
        assertStagedIn25832(job, 4);
    }

    /**
     * A SOSI file (written here by hand, as a municipality's plan system exports it: ISO 8859-10, UTM 32 in
     * centimetres, a FLATE bounded by a KURVE) is read by GDAL's SOSI driver: its area is staged in EPSG:25832 and
     * its FELTNAVN becomes the plot's name.
     */
    @Test
    void aSosiFileIsStaged() throws IOException {
        double[] at = spot("4028");
        double[] utm = jdbc.sql("""
                SELECT round(ST_X(p)), round(ST_Y(p)) FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(:lon, :lat), 4326),
                    25832) AS p) q""").param("lon", at[0]).param("lat", at[1])
                .query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
        long e = (long) utm[0] * 100;
        long n = (long) utm[1] * 100;
        String sosi = String.join("\n", ".HODE", "..TEGNSETT ISO8859-10", "..TRANSPAR", "...KOORDSYS 22",
                "...ORIGO-NØ 0 0", "...ENHET 0.01", "..OMRÅDE", "...MIN-NØ " + (n / 100 - 1000) + " " + (e / 100 - 1000),
                "...MAX-NØ " + (n / 100 + 1000) + " " + (e / 100 + 1000), "..SOSI-VERSJON 4.5", "..SOSI-NIVÅ 4",
                ".FLATE 1:", "..OBJTYPE RpArealformålOmråde", "..FELTNAVN \"Sosi B1\"", "..REF :2", "..NØ",
                (n + 1500) + " " + (e + 1500),
                ".KURVE 2:", "..OBJTYPE RpFormålGrense", "..NØ", n + " " + e, n + " " + (e + 3000),
                (n + 3000) + " " + (e + 3000), (n + 3000) + " " + e, n + " " + e, ".SLUTT", "");
        Path file = tmp.resolve("plan.sos");
        Files.write(file, sosi.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        JsonNode job = uploadAndWait(file, "4028", "planner-4028");
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("ready");
        assertThat(job.path("format").asString()).isEqualTo("sosi");
        assertThat(job.path("counts").path("features").asInt()).as(job.toString()).isEqualTo(1);
        assertStagedIn25832(job, 1);
        JsonNode feature = planner().get("/api/imports/" + id(job) + "/features").json().path("features").get(0);
        assertThat(feature.path("properties").path("areaM2").asDouble()).isCloseTo(900.0, within(1.0));
        assertThat(feature.path("properties").path("source").toString()).contains("Sosi B1");
    }

    /** Real Plan 5.0 GML (Arendal): curves stroked to valid polygons; every area staged; all outside Kviteseid. */
    @Test
    void planGmlWithArcsIsStagedAsValidPolygons() throws IOException {
        for (String name : List.of("gml.gmlid.1-2D-pass.gml", "gml.xlink.1-2D-pass.gml")) {
            Path copy = Files.copy(PLAN_GML.resolve(name), tmp.resolve(name));
            int expected = areaFeatures(copy);
            assertThat(expected).isPositive();
            JsonNode job = uploadAndWait(copy, "4028", "planner-4028");
            assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("ready");
            assertThat(job.path("format").asString()).isEqualTo("gml");
            assertThat(job.path("counts").path("features").asInt()).as(name).isEqualTo(expected);
            assertStagedIn25832(job, expected);
            List<String> codes = issueCodes(job);
            assertThat(codes).as(name + ": arcs must become valid polygons").doesNotContain("invalid_geometry",
                    "not_polygon");
            assertThat(codes).as(name + ": Arendal is not Kviteseid").contains("outside_municipality");
            assertThat(jdbc.sql("""
                    SELECT count(*) FROM import_feature WHERE import_id = CAST(:id AS uuid)
                       AND ST_X(ST_StartPoint(ST_ExteriorRing(ST_GeometryN(geom, 1)))) BETWEEN 484700 AND 485300
                    """).param("id", id(job)).query(Long.class).single()).as("UTM 32 coordinates near Arendal")
                    .isEqualTo(expected);
        }
    }

    /** The byte-order-mark file: synthetic coordinates near 0,0; every feature rejected as outside Norway. */
    @Test
    void planGmlOutsideNorwayIsRejectedFeatureByFeatureAndCommitsNothing() throws IOException {
        Path copy = Files.copy(PLAN_GML.resolve("gml.epsg.1-pass-1.gml"), tmp.resolve("plan.gml"));
        assertThat(Files.readAllBytes(copy)[0]).as("starts with a BOM").isEqualTo((byte) 0xEF);
        int expected = areaFeatures(copy);
        JsonNode job = uploadAndWait(copy, "4028", "planner-4028");
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("ready");
        assertCounts(job, expected, 0, expected);
        assertThat(job.path("mapping").path("name").asString()).isEqualTo("feltnavn");
        assertThat(job.path("mapping").path("landUseCode").asString()).isEqualTo("arealformål");
        JsonNode report = planner().get("/api/imports/" + id(job) + "/report").json();
        for (JsonNode f : report.path("features")) {
            List<String> codes = new ArrayList<>();
            f.path("issues").forEach(i -> codes.add(i.path("code").asString()));
            assertThat(codes).as("feature %s", f.path("ordinal")).contains("outside_norway");
        }
        String before = databaseFingerprint();
        Api.Response refused = planner().post("/api/imports/" + id(job) + "/commit", "{\"skipInvalid\":true}");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(databaseFingerprint()).isEqualTo(before);
    }

    // --- report ---------------------------------------------------------------------------------------------------

    @Test
    void theReportFlagsEachKindOfProblemOnTheRightFeature() {
        double[] at = spot("4028");
        Existing existing = existingPlotWithMatrikkel("4028");
        FileBuilder file = new FileBuilder(at);
        file.plot("Good");                                                       // 1
        file.bowtie("Bowtie");                                                   // 2
        file.plotAt("Seljord", spot("4022"), 40);                                // 3 outside Kviteseid
        file.plot("Castle").set("formal", "castle").set("arealformal", 9999);    // 4 unknown codes
        file.plot(null);                                                         // 5 missing name
        file.plot("Twin A").set("gnr", 777).set("bnr", 7);                       // 6 duplicate in file
        file.plot("Twin B").set("gnr", 777).set("bnr", 7);                       // 7
        file.plot("Taken").set("gnr", existing.gnr()).set("bnr", existing.bnr());  // 8 duplicate of a live plot
        file.feature("On top", existing.geometryLonLat(), null);                  // 9 overlaps a live plot
        file.overlapping("Overlap A", "Overlap B");                               // 10, 11 overlap each other
        file.line("Fence");                                                      // 12 not an area
        file.plot("Negative").set("pris", -5);                                   // 13
        JsonNode job = uploadAndWait(file.write(tmp.resolve("problems.geojson")), "4028", "planner-4028");
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("ready");

        Map<Integer, JsonNode> byOrdinal = new java.util.HashMap<>();
        planner().get("/api/imports/" + id(job) + "/report").json().path("features")
                .forEach(f -> byOrdinal.put(f.path("ordinal").asInt(), f));
        assertThat(byOrdinal).hasSize(13);
        assertThat(codes(byOrdinal.get(1))).isEmpty();
        assertThat(byOrdinal.get(1).path("status").asString()).isEqualTo("valid");
        JsonNode bowtie = issue(byOrdinal.get(2), "invalid_geometry");
        assertThat(bowtie.path("severity").asString()).isEqualTo("error");
        assertThat(bowtie.path("message").asString()).containsIgnoringCase("self-intersection");
        assertThat(bowtie.path("location").get(0).asDouble()).isBetween(at[0] - 0.01, at[0] + 0.01);
        assertThat(bowtie.path("location").get(1).asDouble()).isBetween(at[1] - 0.01, at[1] + 0.01);
        assertThat(codes(byOrdinal.get(3))).containsExactly("outside_municipality");
        assertThat(issue(byOrdinal.get(3), "outside_municipality").path("location").isArray()).isTrue();
        assertThat(codes(byOrdinal.get(4))).containsExactlyInAnyOrder("unknown_code", "unknown_code");
        assertThat(byOrdinal.get(4).path("issues").toString()).contains("castle", "9999");
        assertThat(codes(byOrdinal.get(5))).containsExactly("missing_field");
        assertThat(codes(byOrdinal.get(6))).containsExactly("duplicate_matrikkel_in_file");
        assertThat(codes(byOrdinal.get(7))).containsExactly("duplicate_matrikkel_in_file");
        assertThat(codes(byOrdinal.get(8))).containsExactly("duplicate_matrikkel_existing");
        assertThat(issue(byOrdinal.get(8), "duplicate_matrikkel_existing").path("message").asString())
                .contains(String.valueOf(existing.id()));
        assertThat(issue(byOrdinal.get(9), "overlap_existing").path("severity").asString()).isEqualTo("warning");
        assertThat(byOrdinal.get(9).path("status").asString()).isEqualTo("warning");
        assertThat(codes(byOrdinal.get(10))).containsExactly("overlap_in_file");
        assertThat(codes(byOrdinal.get(11))).containsExactly("overlap_in_file");
        assertThat(codes(byOrdinal.get(12))).containsExactly("not_polygon");
        assertThat(codes(byOrdinal.get(13))).containsExactly("invalid_value");
        // 1, 9, 10, 11 are valid (9-11 with warnings); the rest have errors
        assertCounts(job, 13, 4, 9);
        assertThat(job.path("counts").path("warnings").asInt()).isEqualTo(3);

        Api.Response csv = planner().get("/api/imports/" + id(job) + "/report.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("ordinal,layer,name,matrikkelId,severity,code,field,message,lon,lat")
                .contains("invalid_geometry", "duplicate_matrikkel_in_file");

        JsonNode preview = planner().get("/api/imports/" + id(job) + "/features").json();
        assertThat(preview.path("features")).hasSize(13);
        assertThat(preview.path("features").get(1).path("properties").path("status").asString()).isEqualTo("invalid");
    }

    // --- commit ---------------------------------------------------------------------------------------------------

    @Test
    void aCommitOfAnImportWithErrorsWithoutSkipInvalidIsRefusedAndWritesNothing() {
        FileBuilder file = new FileBuilder(spot("4028"));
        file.plot("Fine 1").plot("Fine 2").bowtie("Broken");
        JsonNode job = uploadAndWait(file.write(tmp.resolve("mixed.geojson")), "4028", "planner-4028");
        assertCounts(job, 3, 2, 1);
        String before = databaseFingerprint();

        Api.Response refused = planner().post("/api/imports/" + id(job) + "/commit", "{}");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().path("counts").path("invalid").asInt()).isEqualTo(1);
        assertThat(refused.json().path("errors").get(0).path("pointer").asString()).isEqualTo("/skipInvalid");
        Api.Response noBody = planner().send("POST", "/api/imports/" + id(job) + "/commit", null, null);
        assertThat(noBody.status()).isEqualTo(422);
        assertThat(databaseFingerprint()).isEqualTo(before);
        assertThat(planner().get("/api/imports/" + id(job)).json().path("status").asString()).isEqualTo("ready");
    }

    @Test
    void skipInvalidCommitsExactlyTheValidFeaturesAsDraftsWithHistory() {
        FileBuilder file = new FileBuilder(spot("4028"));
        String tag = "Skip" + ThreadLocalRandom.current().nextInt(1_000_000);
        file.plot(tag + " 1").plot(tag + " 2").bowtie(tag + " bad").plot(tag + " 3").plot(null);
        JsonNode job = uploadAndWait(file.write(tmp.resolve("skip.geojson")), "4028", "planner-4028");
        assertCounts(job, 5, 3, 2);
        long plotsBefore = jdbc.sql("SELECT count(*) FROM plot").query(Long.class).single();

        Api.Response accepted = planner().post("/api/imports/" + id(job) + "/commit", "{\"skipInvalid\":true}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        JsonNode done = await(id(job), "planner-4028");
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("committed");
        assertThat(done.path("committedPlots").asInt()).isEqualTo(3);

        List<Map<String, Object>> plots = jdbc.sql("""
                SELECT p.id, p.name, p.published, p.municipality_number, p.created_by, p.purpose, p.availability,
                       (SELECT count(*) FROM change_history h WHERE h.entity_type = 'plot' AND h.entity_id = p.id
                           AND h.action = 'create' AND h.after IS NOT NULL) AS history
                  FROM plot p WHERE p.name LIKE :tag ORDER BY p.name
                """).param("tag", tag + "%").query().listOfRows();
        assertThat(plots).extracting(p -> p.get("name")).containsExactly(tag + " 1", tag + " 2", tag + " 3");
        assertThat(plots).allSatisfy(p -> {
            assertThat(p.get("published")).isEqualTo(false);
            assertThat(p.get("municipality_number")).isEqualTo("4028");
            assertThat(p.get("created_by")).isEqualTo("planner-4028");
            assertThat(p.get("purpose")).isEqualTo("housing");
            assertThat(p.get("availability")).isEqualTo("available");
            assertThat(((Number) p.get("history")).intValue()).isEqualTo(1);
        });
        assertThat(jdbc.sql("SELECT count(*) FROM plot").query(Long.class).single()).isEqualTo(plotsBefore + 3);
        // the committed plots are drafts the planner sees through the plots API
        long someId = ((Number) plots.get(0).get("id")).longValue();
        assertThat(planner().get("/api/plots/" + someId).status()).isEqualTo(200);
        assertThat(api().get("/api/plots/" + someId).status()).isEqualTo(404);
        Api.Response again = planner().post("/api/imports/" + id(job) + "/commit", "{\"skipInvalid\":true}");
        assertThat(again.status()).as("a committed import cannot be committed twice").isEqualTo(409);
    }

    @Test
    void publishTrueCommitsPublishedPlots() {
        FileBuilder file = new FileBuilder(spot("4028"));
        String tag = "Pub" + ThreadLocalRandom.current().nextInt(1_000_000);
        file.plot(tag + " 1");
        JsonNode job = uploadAndWait(file.write(tmp.resolve("pub.geojson")), "4028", "planner-4028");
        planner().post("/api/imports/" + id(job) + "/commit", "{\"publish\":true}");
        assertThat(await(id(job), "planner-4028").path("status").asString()).isEqualTo("committed");
        assertThat(jdbc.sql("SELECT bool_and(published) FROM plot WHERE name = :n").param("n", tag + " 1")
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void aFailureInTheMiddleOfACommitRollsBackEverything() {
        FileBuilder file = new FileBuilder(spot("4028"));
        String tag = "Boom" + ThreadLocalRandom.current().nextInt(1_000_000);
        file.plot(tag + " 1").plot(tag + " 2").plot(tag + " 3").plot(tag + " 4").plot(tag + " 5");
        JsonNode job = uploadAndWait(file.write(tmp.resolve("boom.geojson")), "4028", "planner-4028");
        assertCounts(job, 5, 5, 0);
        String before = databaseFingerprint();
        // the database refuses the fourth plot, after three rows of the batch went in
        jdbc.sql("""
                CREATE FUNCTION import_it_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'refused by test'; END $$
                """).update();
        jdbc.sql("CREATE TRIGGER import_it_refuse BEFORE INSERT ON plot FOR EACH ROW WHEN (NEW.name = '" + tag
                + " 4') EXECUTE FUNCTION import_it_refuse()").update();
        try {
            Api.Response accepted = planner().post("/api/imports/" + id(job) + "/commit", "{}");
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            JsonNode done = await(id(job), "planner-4028");
            assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("failed");
            assertThat(done.path("error").path("title").asString()).isNotBlank();
            assertThat(done.path("error").toString()).doesNotContain("refused by test"); // no database text leaks
        } finally {
            jdbc.sql("DROP TRIGGER import_it_refuse ON plot").update();
            jdbc.sql("DROP FUNCTION import_it_refuse()").update();
        }
        assertThat(databaseFingerprint()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM plot WHERE name LIKE :t").param("t", tag + "%").query(Long.class)
                .single()).isZero();
    }

    // --- security -------------------------------------------------------------------------------------------------

    @Test
    void onlyPlannersOfTheMunicipalityMayTouchAnImport() {
        FileBuilder file = new FileBuilder(spot("4028"));
        file.plot("Mine");
        Path path = file.write(tmp.resolve("mine.geojson"));
        Upload other = upload(path, "4028", "planner-4022");
        assertThat(other.status()).as(other.body()).isEqualTo(403);
        assertThat(other.contentType()).startsWith("application/problem+json");

        JsonNode job = uploadAndWait(path, "4028", "planner-4028");
        String base = "/api/imports/" + id(job);
        Api stranger = api().as("planner-4022", DEMO_PASSWORD);
        String before = databaseFingerprint();
        assertThat(stranger.get(base).status()).isEqualTo(403);
        assertThat(stranger.get(base + "/features").status()).isEqualTo(403);
        assertThat(stranger.get(base + "/report").status()).isEqualTo(403);
        assertThat(stranger.put(base + "/mapping", "{\"name\":\"navn\"}").status()).isEqualTo(403);
        assertThat(stranger.post(base + "/commit", "{}").status()).isEqualTo(403);
        assertThat(stranger.delete(base).status()).isEqualTo(403);
        assertThat(stranger.get("/api/imports/mapping?municipalityNumber=4028").status()).isEqualTo(403);
        assertThat(api().get(base).status()).isEqualTo(401);
        assertThat(api().post(base + "/commit", "{}").status()).isEqualTo(401);
        assertThat(api().as("region-admin", DEMO_PASSWORD).get(base).status()).isEqualTo(200);
        assertThat(databaseFingerprint()).isEqualTo(before);
        assertThat(planner().get(base).json().path("status").asString()).isEqualTo("ready");

        assertThat(planner().delete(base).status()).isEqualTo(204);
        assertThat(planner().get(base).status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM import_feature WHERE import_id = CAST(:id AS uuid)")
                .param("id", id(job)).query(Long.class).single()).isZero();
    }

    @Test
    void badUploadsAreProblemsNamingTheField() {
        FileBuilder file = new FileBuilder(spot("4028"));
        file.plot("X");
        Path good = file.write(tmp.resolve("x.geojson"));
        Upload noMunicipality = upload(good, null, "planner-4028");
        assertThat(noMunicipality.status()).isEqualTo(422);
        assertThat(noMunicipality.body()).contains("/municipalityNumber");
        Upload unknown = upload(good, "9999", "planner-4028");
        assertThat(unknown.status()).isEqualTo(422);
        Path txt = tmp.resolve("notes.txt");
        write(txt, "hello");
        Upload wrongType = upload(txt, "4028", "planner-4028");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.body()).contains("/file");

        Path broken = tmp.resolve("broken.geojson");
        write(broken, "{\"type\": \"FeatureCollection\", \"features\": [ {\"type\": ");
        JsonNode failed = uploadAndWait(broken, "4028", "planner-4028");
        assertThat(failed.path("status").asString()).isEqualTo("failed");
        assertThat(failed.path("error").path("title").asString()).isEqualTo("Conversion failed");
        assertThat(failed.path("error").path("status").asInt()).isEqualTo(422);
        assertThat(failed.path("error").path("detail").asString()).doesNotContain("/tmp/");

        // a VRT pretending to be GeoJSON is refused: uploads are read only by their format's driver
        Path vrt = tmp.resolve("sneaky.geojson");
        write(vrt, "<OGRVRTDataSource><OGRVRTLayer name=\"x\"><SrcDataSource>/etc/passwd</SrcDataSource>"
                + "</OGRVRTLayer></OGRVRTDataSource>");
        JsonNode sneaky = uploadAndWait(vrt, "4028", "planner-4028");
        assertThat(sneaky.path("status").asString()).isEqualTo("failed");
    }

    // --- mapping --------------------------------------------------------------------------------------------------

    @Test
    void theMappingIsRememberedPerMunicipalityAndProposedForTheNextImport() {
        Api seljord = api().as("planner-4022", DEMO_PASSWORD);
        double[] at = spot("4022");
        FileBuilder file = new FileBuilder(at, "tomtkode", "kategori");
        file.plot("A").set("kategori", "B").set("tomtkode", "T-1");
        file.plot("B").set("kategori", "N").set("tomtkode", "T-2");
        JsonNode job = uploadAndWait(file.write(tmp.resolve("seljord.geojson")), "4022", "planner-4022");
        assertThat(job.path("status").asString()).isEqualTo("ready");
        assertThat(job.path("counts").path("invalid").asInt()).as("no purpose mapped yet").isEqualTo(2);

        String mapping = """
                {"name": "tomtkode", "purpose": {"field": "kategori", "values": {"B": "housing", "N": "business"}},
                 "availability": {"constant": "planned"}}
                """;
        Api.Response bad = seljord.put("/api/imports/" + id(job) + "/mapping", "{\"name\": \"nope\", \"colour\": 1}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("/name", "/colour");
        Api.Response put = seljord.put("/api/imports/" + id(job) + "/mapping", mapping);
        assertThat(put.status()).as(put.toString()).isEqualTo(202);
        JsonNode mapped = await(id(job), "planner-4022");
        assertThat(mapped.path("status").asString()).isEqualTo("ready");
        assertCounts(mapped, 2, 2, 0);
        JsonNode features = seljord.get("/api/imports/" + id(job) + "/features").json().path("features");
        assertThat(features.get(0).path("properties").path("name").asString()).isEqualTo("T-1");
        assertThat(features.get(1).path("properties").path("purpose").asString()).isEqualTo("business");
        assertThat(features.get(1).path("properties").path("availability").asString()).isEqualTo("planned");

        JsonNode remembered = seljord.get("/api/imports/mapping?municipalityNumber=4022").json();
        assertThat(remembered.path("mapping").path("name").asString()).isEqualTo("tomtkode");
        assertThat(remembered.path("updatedBy").asString()).isEqualTo("planner-4022");

        FileBuilder next = new FileBuilder(spot("4022"), "tomtkode", "kategori");
        next.plot("C").set("kategori", "N").set("tomtkode", "T-3");
        JsonNode second = uploadAndWait(next.write(tmp.resolve("seljord2.geojson")), "4022", "planner-4022");
        assertThat(second.path("mapping").path("purpose").path("values").path("N").asString()).isEqualTo("business");
        assertThat(second.path("mapping").path("name").asString()).isEqualTo("tomtkode");
        assertCounts(second, 1, 1, 0);
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private record Existing(long id, int gnr, int bnr, JsonNode geometryLonLat) {
    }

    private Existing existingPlotWithMatrikkel(String municipality) {
        return jdbc.sql("""
                SELECT id, gnr, bnr, ST_AsGeoJSON(ST_Transform(geom, 4326), 8) FROM plot
                 WHERE municipality_number = :m AND gnr IS NOT NULL AND archived_at IS NULL AND area_m2 > 500
                 ORDER BY id LIMIT 1
                """).param("m", municipality)
                .query((rs, i) -> new Existing(rs.getLong(1), rs.getInt(2), rs.getInt(3),
                        Api.JSON.readTree(rs.getString(4)))).single();
    }

    /** A random lon/lat at least 1.5 km inside a municipality, so that a test's plots meet no one else's. */
    private double[] spot(String municipality) {
        return spot(jdbc, municipality);
    }

    static double[] spot(org.springframework.jdbc.core.simple.JdbcClient jdbc, String municipality) {
        return jdbc.sql("""
                SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_Transform(ST_GeometryN(ST_GeneratePoints(
                    ST_Buffer(boundary, -1500), 1), 1), 4326) AS p FROM municipality WHERE number = :m) x
                """).param("m", municipality).query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)})
                .single();
    }

    private void assertStagedIn25832(JsonNode job, int expected) {
        Map<String, Object> row = jdbc.sql("""
                SELECT count(*) AS n, count(*) FILTER (WHERE ST_SRID(geom) = 25832) AS srid,
                       count(*) FILTER (WHERE GeometryType(geom) = 'MULTIPOLYGON') AS multi,
                       coalesce(min(ST_YMin(geom)), 0) AS ymin
                  FROM import_feature WHERE import_id = CAST(:id AS uuid)
                """).param("id", id(job)).query().singleRow();
        assertThat(((Number) row.get("n")).intValue()).isEqualTo(expected);
        assertThat(((Number) row.get("srid")).intValue()).isEqualTo(expected);
        assertThat(((Number) row.get("multi")).intValue()).isEqualTo(expected);
        assertThat(((Number) row.get("ymin")).doubleValue()).as("northing in metres").isGreaterThan(6_000_000);
    }

    private static void assertCounts(JsonNode job, int features, int valid, int invalid) {
        JsonNode c = job.path("counts");
        assertThat(List.of(c.path("features").asInt(), c.path("valid").asInt(), c.path("invalid").asInt()))
                .as("features, valid, invalid of %s", job).containsExactly(features, valid, invalid);
    }

    private List<String> issueCodes(JsonNode job) {
        List<String> codes = new ArrayList<>();
        planner().get("/api/imports/" + id(job) + "/report").json().path("features")
                .forEach(f -> f.path("issues").forEach(i -> codes.add(i.path("code").asString())));
        return codes;
    }

    private static List<String> codes(JsonNode feature) {
        List<String> codes = new ArrayList<>();
        feature.path("issues").forEach(i -> codes.add(i.path("code").asString()));
        return codes;
    }

    private static JsonNode issue(JsonNode feature, String code) {
        for (JsonNode i : feature.path("issues")) {
            if (i.path("code").asString().equals(code)) {
                return i;
            }
        }
        throw new AssertionError("no issue " + code + " in " + feature);
    }

    /** Features in the layers with areas, as ogrinfo counts them. */
    private int areaFeatures(Path file) {
        Gdal.Run run = Gdal.run(tmp, Map.of(), "ogrinfo", "-ro", "-so", "-al", file.toString()).assertOk();
        int total = 0;
        for (String block : run.stdout().split("Layer name: ")) {
            if (block.contains("Geometry: ") && (block.contains("Polygon") || block.contains("Surface"))) {
                Matcher m = FEATURE_COUNT.matcher(block);
                if (m.find()) {
                    total += Integer.parseInt(m.group(1));
                }
            }
        }
        return total;
    }

    static String id(JsonNode job) {
        return job.path("id").asString();
    }

    JsonNode uploadAndWait(Path file, String municipality, String user) {
        Upload u = upload(file, municipality, user);
        assertThat(u.status()).as(u.body()).isEqualTo(202);
        JsonNode job = Api.JSON.readTree(u.body());
        assertThat(u.location()).isEqualTo("/api/imports/" + id(job));
        return await(id(job), user);
    }

    JsonNode await(String id, String user) {
        Api as = api().as(user, DEMO_PASSWORD);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode job = as.get("/api/imports/" + id).json();
            String status = job.path("status").asString();
            if (Set.of("ready", "failed", "committed").contains(status)) {
                return job;
            }
            assertThat(System.nanoTime()).as("import %s still %s", id, status).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    record Upload(int status, String body, String location, String contentType) {
    }

    /** POST /api/imports as multipart/form-data, the way a browser form sends it. */
    Upload upload(Path file, String municipality, String user) {
        String boundary = "----arealbank" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            if (municipality != null) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"municipalityNumber\"\r\n\r\n"
                        + municipality + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(file));
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/imports"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((user + ":" + DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Upload(r.statusCode(), r.body(), r.headers().firstValue("Location").orElse(null),
                    r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path path, String text) {
        try {
            Files.writeString(path, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A GeoJSON FeatureCollection of squares of 30 m laid out in a row from a lon/lat, with the field names a
     * Norwegian municipality's file might have (navn, formal, arealformal, gnr, bnr, status, pris).
     */
    static final class FileBuilder {

        private static final java.util.concurrent.atomic.AtomicInteger GNR =
                new java.util.concurrent.atomic.AtomicInteger(5000 + ThreadLocalRandom.current().nextInt(3000) * 10);
        private final double[] at;
        private final ArrayNode features = Api.JSON.createArrayNode();
        private final Set<String> extraFields = new HashSet<>();
        private final boolean standardFields;
        private int next;
        private ObjectNode last;

        FileBuilder(double[] at) {
            this.at = at;
            this.standardFields = true;
        }

        /** A file with only these fields (no standard names), to exercise the mapping. */
        FileBuilder(double[] at, String... fields) {
            this.at = at;
            this.standardFields = false;
            extraFields.addAll(List.of(fields));
        }

        FileBuilder plot(String name) {
            return plotAt(name, slot(), 30);
        }

        FileBuilder plotAt(String name, double[] where, double side) {
            return feature(name, square(where[0], where[1], side), null);
        }

        FileBuilder bowtie(String name) {
            double[] p = slot();
            double d = 30 / 111_320.0;
            double e = d / Math.cos(Math.toRadians(p[1]));
            ObjectNode g = polygon(new double[][] {{p[0], p[1]}, {p[0] + e, p[1] + d}, {p[0] + e, p[1]},
                    {p[0], p[1] + d}, {p[0], p[1]}});
            return feature(name, g, null);
        }

        FileBuilder overlapping(String a, String b) {
            double[] p = slot();
            slot();
            feature(a, square(p[0], p[1], 40), null);
            double shift = 20 / (111_320.0 * Math.cos(Math.toRadians(p[1])));
            return feature(b, square(p[0] + shift, p[1], 40), null);
        }

        FileBuilder line(String name) {
            double[] p = slot();
            ObjectNode g = Api.JSON.createObjectNode().put("type", "LineString");
            g.putArray("coordinates").add(Api.JSON.createArrayNode().add(p[0]).add(p[1]))
                    .add(Api.JSON.createArrayNode().add(p[0] + 0.0003).add(p[1]));
            return feature(name, g, null);
        }

        FileBuilder feature(String name, JsonNode geometry, Void unused) {
            ObjectNode f = features.addObject();
            f.put("type", "Feature");
            ObjectNode props = f.putObject("properties");
            if (standardFields) {
                if (name == null) {
                    props.putNull("navn");
                } else {
                    props.put("navn", name);
                }
                props.put("formal", "bustad");
                props.put("arealformal", 1110);
                props.put("gnr", GNR.incrementAndGet());
                props.put("bnr", 1);
                props.put("status", "ledig");
                props.put("pris", 450000);
            } else {
                extraFields.forEach(props::putNull);
            }
            f.set("geometry", geometry);
            last = props;
            return this;
        }

        FileBuilder set(String field, Object value) {
            if (value instanceof Number n) {
                last.put(field, n.doubleValue() == Math.rint(n.doubleValue()) ? n.longValue() : n.doubleValue());
            } else {
                last.put(field, String.valueOf(value));
            }
            return this;
        }

        /** The next free 60 m slot east of the start. */
        private double[] slot() {
            double dLon = 60 / (111_320.0 * Math.cos(Math.toRadians(at[1])));
            return new double[] {at[0] + dLon * next++, at[1]};
        }

        Path write(Path path) {
            ObjectNode fc = Api.JSON.createObjectNode().put("type", "FeatureCollection");
            fc.set("features", features);
            write0(path, fc.toString());
            return path;
        }

        private static void write0(Path path, String text) {
            try {
                Files.writeString(path, text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static ObjectNode square(double lon, double lat, double side) {
            double dLat = side / 111_320.0;
            double dLon = side / (111_320.0 * Math.cos(Math.toRadians(lat)));
            return polygon(new double[][] {{lon, lat}, {lon + dLon, lat}, {lon + dLon, lat + dLat}, {lon, lat + dLat},
                    {lon, lat}});
        }

        static ObjectNode polygon(double[][] ring) {
            ObjectNode g = Api.JSON.createObjectNode().put("type", "Polygon");
            ArrayNode r = g.putArray("coordinates").addArray();
            for (double[] pt : ring) {
                r.addArray().add(pt[0]).add(pt[1]);
            }
            return g;
        }
    }
}
