package no.arealbank.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import no.arealbank.Api;
import no.arealbank.SampleRegionTest;

/**
 * Every write endpoint of the application against every kind of caller: anonymous, a planner of another
 * municipality, a signed-in session without its CSRF token, and a regional admin. The endpoints are read from
 * Spring MVC's handler mappings at run time; one that is missing from {@link #ENDPOINTS} fails the build, so no
 * new endpoint escapes the matrix. To add one, add one line to the table (and a fixture if its path needs one).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityMatrixIT extends SampleRegionTest {

    /** Who may call an endpoint. */
    enum Rule {
        /** Planners of the affected municipality and admins: anonymous 401, another municipality's planner 403. */
        PLANNER,
        /** As PLANNER, but another municipality's data is not disclosed: 404 counts as refused too. */
        PLANNER_UNDISCLOSED,
        /**
         * Planners act only within their own municipalities, and another municipality's planner gets an answer that
         * touches none of the others' data instead of a 403 (e.g. an erasure or export by e-mail address). The
         * endpoint's own test must show that nothing outside the caller's municipalities is touched.
         */
        OWN_MUNICIPALITIES,
        /** Regional admins only: every planner gets 403. */
        ADMIN,
        /** Any signed-in user, acting on themselves. */
        SELF,
        /** Anyone, signed in or not (still CSRF-protected when a session cookie rides along). */
        PUBLIC,
        /** Handled by a security filter, not a controller (sign-in, sign-out); checked by their own tests below. */
        FILTER,
        /** Not a write: Spring Boot's error page answers any method. */
        ERROR_PAGE
    }

    /** One endpoint: method and mapping pattern as Spring reports them, and a realistic request to send. */
    record Endpoint(String method, String pattern, Rule rule, String path, String contentType, String body) {

        String key() {
            return method + " " + pattern;
        }
    }

    private static final String JSON = "application/json";
    private static final String MERGE = "application/merge-patch+json";

    private static final String MULTIPART = "multipart/form-data; boundary=matrix";

    /**
     * Placeholders in paths and bodies: {plot}, {enquiry}, {user}, {newUser}, {publicPlot}, {splitPlot}, {mergeA},
     * {mergeB}, {importMap}, {importCommit}, {importDelete}.
     */
    private static final List<Endpoint> ENDPOINTS = List.of(
            // plots (the admin's calls run in this order: create, replace, patch, restore a version, archive, unarchive)
            new Endpoint("POST", "/api/plots", Rule.PLANNER, "/api/plots", JSON, plot("Matrisetomt ny")),
            new Endpoint("PUT", "/api/plots/{id}", Rule.PLANNER, "/api/plots/{plot}", JSON, plot("Matrisetomt bytt")),
            new Endpoint("PATCH", "/api/plots/{id}", Rule.PLANNER, "/api/plots/{plot}", MERGE,
                    "{\"properties\":{\"availability\":\"reserved\"}}"),
            new Endpoint("POST", "/api/plots/{id}/history/{version}/restore", Rule.PLANNER,
                    "/api/plots/{plot}/history/1/restore", null, null),
            new Endpoint("DELETE", "/api/plots/{id}", Rule.PLANNER, "/api/plots/{plot}", null, null),
            new Endpoint("POST", "/api/plots/{id}/restore", Rule.PLANNER, "/api/plots/{plot}/restore", null, null),
            // the planner workspace
            new Endpoint("POST", "/api/plots/bulk", Rule.PLANNER, "/api/plots/bulk", JSON,
                    "{\"ids\":[{plot}],\"action\":\"sold\"}"),
            new Endpoint("POST", "/api/plots/{id}/split", Rule.PLANNER, "/api/plots/{splitPlot}/split", JSON,
                    "{\"line\":{\"type\":\"LineString\",\"coordinates\":[[8.4763,59.4189],[8.4763,59.4195]]}}"),
            new Endpoint("POST", "/api/plots/merge", Rule.PLANNER, "/api/plots/merge", JSON,
                    "{\"ids\":[{mergeA},{mergeB}]}"),
            // imports
            new Endpoint("POST", "/api/imports", Rule.PLANNER, "/api/imports", MULTIPART, Fixtures.UPLOAD),
            new Endpoint("PUT", "/api/imports/{id}/mapping", Rule.PLANNER_UNDISCLOSED, "/api/imports/{importMap}/mapping",
                    JSON, "{\"name\":\"navn\"}"),
            new Endpoint("POST", "/api/imports/{id}/commit", Rule.PLANNER_UNDISCLOSED,
                    "/api/imports/{importCommit}/commit", JSON, "{\"skipInvalid\":true}"),
            new Endpoint("DELETE", "/api/imports/{id}", Rule.PLANNER_UNDISCLOSED, "/api/imports/{importDelete}", null,
                    null),
            // enquiries
            new Endpoint("POST", "/api/enquiries", Rule.PUBLIC, "/api/enquiries", JSON, Fixtures.ENQUIRY),
            new Endpoint("PATCH", "/api/enquiries/{id}", Rule.PLANNER_UNDISCLOSED, "/api/enquiries/{enquiry}", MERGE,
                    "{\"status\":\"answered\"}"),
            new Endpoint("DELETE", "/api/enquiries/personal-data", Rule.OWN_MUNICIPALITIES,
                    "/api/enquiries/personal-data?email=nobody-here%40example.no", null, null),
            // users
            new Endpoint("POST", "/api/admin/users", Rule.ADMIN, "/api/admin/users", JSON, """
                    {"username":"{newUser}","displayName":"Matrise","municipalities":["4028"],
                     "password":"matrise med lange ord"}"""),
            new Endpoint("PATCH", "/api/admin/users/{username}", Rule.ADMIN, "/api/admin/users/{user}", MERGE,
                    "{\"displayName\":\"Matrise endra\"}"),
            new Endpoint("POST", "/api/admin/users/{username}/password", Rule.ADMIN, "/api/admin/users/{user}/password",
                    JSON, "{\"password\":\"eit nytt og langt passord\"}"),
            new Endpoint("POST", "/api/me/password", Rule.SELF, "/api/me/password", JSON,
                    "{\"currentPassword\":\"not the current one\",\"newPassword\":\"eit nytt og langt passord\"}"),
            // filters and Boot's error page
            new Endpoint("POST", "/login", Rule.FILTER, "/login", null, null),
            new Endpoint("POST", "/logout", Rule.FILTER, "/logout", null, null),
            new Endpoint("*", "/error", Rule.ERROR_PAGE, "/error", null, null));

    private static final class Fixtures {
        static final String ENQUIRY = """
                {"plotId":{publicPlot},"name":"Matrise Test","email":"matrise@example.no",
                 "message":"Er tomta framleis ledig?"}""";
        /** A one-plot GeoJSON file for Kviteseid as a multipart upload. */
        static final String UPLOAD = ("--matrix\r\nContent-Disposition: form-data; name=\"municipalityNumber\"\r\n\r\n"
                + "4028\r\n--matrix\r\nContent-Disposition: form-data; name=\"file\"; filename=\"matrise.geojson\"\r\n"
                + "Content-Type: application/geo+json\r\n\r\n"
                + "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"navn\":"
                + "\"Matriseimport\",\"formal\":\"bustad\",\"arealformal\":1110},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[8.4781,59.4191],[8.4785,59.4191],[8.4785,59.4193],[8.4781,59.4193],[8.4781,59.4191]]]}}]}"
                + "\r\n--matrix--\r\n");
    }

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    UserAccounts accounts;

    private final Map<String, String> fixtures = new LinkedHashMap<>();
    private final String address = "192.0.2." + (System.nanoTime() % 200 + 20);

    private static String plot(String name) {
        return plotAt(name, 8.4741);
    }

    /** A plot about 22 × 22 m with its west edge at {@code west} (Kviteseid, 59.4191 N). */
    private static String plotAt(String name, double west) {
        return """
                {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[%1$s,59.4191],[%2$s,59.4191],
                [%2$s,59.4193],[%1$s,59.4193],[%1$s,59.4191]]]},"properties":{"municipalityNumber":"4028",
                "name":"%3$s","purpose":"leisure","allowedUses":["fritidsbustad"],"availability":"available"}}"""
                .formatted(west, west + 0.0004, name);
    }

    private String created(String body) {
        Api.Response r = admin().post("/api/plots", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    /** An import of the upload fixture, ready (staged and validated). */
    private String readyImport() throws InterruptedException {
        Api.Response r = admin().send("POST", "/api/imports", Fixtures.UPLOAD, MULTIPART);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        String id = r.json().path("id").asString();
        for (int i = 0; i < 300; i++) {
            String status = admin().get("/api/imports/" + id).json().path("status").asString();
            if (status.equals("ready")) {
                return id;
            }
            assertThat(status).isNotEqualTo("failed");
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " never became ready");
    }

    @BeforeAll
    void fixtures() throws InterruptedException {
        long n = System.nanoTime() % 1_000_000_000L;
        Api.Response plot = admin().post("/api/plots", plot("Matrisetomt"));
        assertThat(plot.status()).as(plot.toString()).isEqualTo(201);
        fixtures.put("{plot}", plot.json().path("id").asString());
        String publicPlot = jdbc.sql("""
                SELECT id::text FROM plot WHERE municipality_number = '4028' AND published AND archived_at IS NULL
                 ORDER BY id LIMIT 1""").query(String.class).single();
        fixtures.put("{publicPlot}", publicPlot);
        Api.Response enquiry = visitor().post("/api/enquiries", Fixtures.ENQUIRY.replace("{publicPlot}", publicPlot));
        assertThat(enquiry.status()).as(enquiry.toString()).isEqualTo(201);
        fixtures.put("{enquiry}", enquiry.json().path("id").asString());
        String user = "matrix-" + n;
        accounts.save(user, "matrise med lange ord", false, "Matrise", Set.of("4028"));
        fixtures.put("{user}", user);
        fixtures.put("{newUser}", "matrix-new-" + n);
        fixtures.put("{splitPlot}", created(plotAt("Matrisetomt å dele", 8.4761)));
        fixtures.put("{mergeA}", created(plotAt("Matrisetomt A", 8.4801)));
        fixtures.put("{mergeB}", created(plotAt("Matrisetomt B", 8.4805)));
        fixtures.put("{importMap}", readyImport());
        fixtures.put("{importCommit}", readyImport());
        fixtures.put("{importDelete}", readyImport());
    }

    private Api admin() {
        return api().as("admin", ADMIN_PASSWORD);
    }

    /** A planner who covers only Kviteseid's neighbour, not 4028 where every fixture lives. */
    private Api otherPlanner() {
        return api().as("planner-4036", DEMO_PASSWORD);
    }

    private Api visitor() {
        return api().header("X-Forwarded-For", address);
    }

    private String resolve(String text) {
        if (text == null) {
            return null;
        }
        String s = text;
        for (Map.Entry<String, String> f : fixtures.entrySet()) {
            s = s.replace(f.getKey(), f.getValue());
        }
        return s;
    }

    private Api.Response call(Api client, Endpoint e) {
        Api c = client;
        if (Set.of("PUT", "PATCH", "DELETE").contains(e.method()) || e.path().contains("/history/")
                || e.path().endsWith("/split")) {
            c = c.header("If-Match", "*");
        }
        return c.send(e.method(), resolve(e.path()), resolve(e.body()), e.contentType());
    }

    @Test
    void everyWriteEndpointIsInTheTable() {
        Set<String> listed = new TreeSet<>();
        ENDPOINTS.forEach(e -> listed.add(e.key()));
        List<String> missing = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    if (!listed.contains("* " + pattern)) {
                        missing.add("* " + pattern + " (any method)");
                    }
                    continue;
                }
                for (RequestMethod m : methods) {
                    if (!READS.contains(m.name()) && !listed.contains(m.name() + " " + pattern)) {
                        missing.add(m.name() + " " + pattern);
                    }
                }
            }
        }
        assertThat(missing).as("write endpoints missing from SecurityMatrixIT.ENDPOINTS (add one line each)").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> anonymousCallers() {
        return ENDPOINTS.stream().filter(e -> e.rule() != Rule.FILTER && e.rule() != Rule.ERROR_PAGE)
                .map(e -> DynamicTest.dynamicTest(e.key(), () -> {
                    Api.Response r = call(visitor(), e);
                    if (e.rule() == Rule.PUBLIC) {
                        assertThat(r.status()).as(r.toString()).isNotIn(401, 403);
                    } else {
                        assertThat(r.status()).as(r.toString()).isEqualTo(401);
                        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> plannersOfAnotherMunicipality() {
        return ENDPOINTS.stream().filter(e -> e.rule() != Rule.FILTER && e.rule() != Rule.ERROR_PAGE)
                .map(e -> DynamicTest.dynamicTest(e.key(), () -> {
                    Api.Response r = call(otherPlanner(), e);
                    switch (e.rule()) {
                        case PLANNER, ADMIN -> assertThat(r.status()).as(r.toString()).isEqualTo(403);
                        case PLANNER_UNDISCLOSED -> assertThat(r.status()).as(r.toString()).isIn(403, 404);
                        case OWN_MUNICIPALITIES -> assertThat(r.status()).as(r.toString()).isNotIn(401);
                        default -> assertThat(r.status()).as(r.toString()).isNotIn(401, 403);
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> sessionsWithoutTheCsrfToken() throws Exception {
        SessionSecurityIT.Browser browser = new SessionSecurityIT.Browser(port);
        assertThat(browser.signIn("admin", ADMIN_PASSWORD).statusCode()).isEqualTo(302);
        String session = "JSESSIONID=" + browser.cookie("JSESSIONID");
        return ENDPOINTS.stream().filter(e -> e.rule() != Rule.ERROR_PAGE)
                .map(e -> DynamicTest.dynamicTest(e.key(), () -> {
                    Api.Response r = call(visitor().header("Cookie", session), e);
                    assertThat(r.status()).as(r.toString()).isEqualTo(403);
                    assertThat(r.body()).contains("CSRF");
                }));
    }

    @TestFactory
    Stream<DynamicTest> regionalAdmins() {
        return ENDPOINTS.stream().filter(e -> e.rule() != Rule.FILTER && e.rule() != Rule.ERROR_PAGE)
                .map(e -> DynamicTest.dynamicTest(e.key(), () -> {
                    Api.Response r = call(admin().header("X-Forwarded-For", address), e);
                    assertThat(r.status()).as(r.toString()).isNotIn(401, 403);
                    if (e.rule() != Rule.SELF) {
                        assertThat(r.status()).as("a realistic request succeeds: " + r).isBetween(200, 299);
                    }
                }));
    }

    @Test
    void signInWithoutTheCsrfFieldIsRefusedEvenWithoutASession() {
        Api.Response r = api().send("POST", "/login", "username=admin&password=" + ADMIN_PASSWORD,
                "application/x-www-form-urlencoded");
        assertThat(r.status()).isEqualTo(403);
    }
}
