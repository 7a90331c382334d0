package no.arealbank.enquiries;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import no.arealbank.Api;
import no.arealbank.SampleRegionTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * "Send enquiry" from the map page: anyone may send one, only the plot's municipality reads it. Every refusal is
 * problem+json naming what is wrong and stores nothing (database and enquiry fingerprints compared). Each test sends
 * from its own client address (X-Forwarded-For, which the forward-headers strategy honours), so the per-address rate
 * limit of one test never stops another.
 */
class EnquiryIT extends SampleRegionTest {

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    /** An anonymous visitor from a fresh client address, without cookies (like the page before any sign-in). */
    private Api visitor() {
        return visitorFrom(nextAddress());
    }

    private Api visitorFrom(String address) {
        return api().header("X-Forwarded-For", address);
    }

    private static String nextAddress() {
        int n = CLIENTS.incrementAndGet();
        return "10.66." + (n / 250) + "." + (n % 250 + 1);
    }

    private Api planner(String municipality) {
        return api().as("planner-" + municipality, DEMO_PASSWORD);
    }

    private long publicPlot(String municipality) {
        return jdbc.sql("""
                SELECT min(id) FROM plot WHERE municipality_number = :m AND published AND archived_at IS NULL
                """).param("m", municipality).query(Long.class).single();
    }

    private static ObjectNode enquiry(long plotId) {
        ObjectNode e = Api.JSON.createObjectNode();
        e.put("plotId", plotId);
        e.put("name", "Kari Nordmann");
        e.put("email", "kari.nordmann@example.no");
        e.put("phone", "+47 912 34 567");
        e.put("message", "Eg er interessert i tomta. Kan eg kome på synfaring neste veke?");
        return e;
    }

    private String enquiryFingerprint() {
        return jdbc.sql("""
                SELECT count(*) || '|' || coalesce(string_agg(id || ':' || status || ':' || coalesce(note, '~') || ':'
                       || version || ':' || coalesce(updated_by, '~'), ',' ORDER BY id), '')
                  FROM enquiry
                """).query(String.class).single();
    }

    /** Sends the request, asserts status, problem+json and the pointer, and that nothing changed. */
    private JsonNode refused(int status, String pointer, Supplier<Api.Response> request) {
        String before = databaseFingerprint() + "#" + enquiryFingerprint();
        Api.Response r = request.get();
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode body = r.json();
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("title").asString()).isNotBlank();
        if (pointer != null) {
            assertThat(body.path("errors").findValuesAsString("pointer")).contains(pointer);
        }
        assertThat(databaseFingerprint() + "#" + enquiryFingerprint()).as("nothing stored or changed").isEqualTo(before);
        return body;
    }

    private long send(Api client, ObjectNode enquiry) {
        Api.Response r = client.post("/api/enquiries", enquiry.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    // --- sending ---

    @Test
    void anAnonymousVisitorSendsAnEnquiryAndGetsOnlyAConfirmation() {
        long plot = publicPlot("4028");
        String plotName = jdbc.sql("SELECT name FROM plot WHERE id = :id").param("id", plot).query(String.class).single();
        ObjectNode e = enquiry(plot);
        e.put("name", "  Kari Nordmann  ");
        long before = jdbc.sql("SELECT count(*) FROM enquiry").query(Long.class).single();

        Api.Response r = visitor().header("Accept-Language", "nb-NO,nb;q=0.9,en;q=0.5").post("/api/enquiries", e.toString());

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.header("Location")).as("the sender cannot read it back, so no Location").isNull();
        assertThat(r.header("Cache-Control")).contains("no-store");
        JsonNode body = r.json();
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("id", "receivedAt", "message");
        assertThat(body.path("message").asString()).contains(plotName).contains("Kviteseid").startsWith("Takk");
        assertThat(r.body()).doesNotContain("kari.nordmann@example.no");
        long id = body.path("id").asLong();
        assertThat(jdbc.sql("SELECT count(*) FROM enquiry").query(Long.class).single()).isEqualTo(before + 1);
        Map<String, Object> row = jdbc.sql("""
                SELECT plot_id, name, email, phone, message, status, language, version, note, created_at
                  FROM enquiry WHERE id = :id""").param("id", id).query().singleRow();
        assertThat(row.get("plot_id")).isEqualTo(plot);
        assertThat(row.get("name")).isEqualTo("Kari Nordmann");
        assertThat(row.get("email")).isEqualTo("kari.nordmann@example.no");
        assertThat(row.get("phone")).isEqualTo("+47 912 34 567");
        assertThat(row.get("message")).isEqualTo(e.path("message").asString());
        assertThat(row.get("status")).isEqualTo("new");
        assertThat(row.get("language")).isEqualTo("nb");
        assertThat(row.get("version")).isEqualTo(0);
        assertThat(row.get("note")).isNull();
        Instant stored = jdbc.sql("SELECT created_at FROM enquiry WHERE id = :id").param("id", id)
                .query(OffsetDateTime.class).single().toInstant();
        assertThat(Instant.parse(body.path("receivedAt").asString())).isEqualTo(stored);

        // ... and reads nothing back
        refused(401, null, () -> visitor().get("/api/enquiries/" + id));
        refused(401, null, () -> visitor().get("/api/enquiries?status=new"));
        refused(401, null, () -> visitor().header("If-Match", "\"0\"")
                .patch("/api/enquiries/" + id, "{\"status\":\"closed\"}"));
    }

    @Test
    void phoneAndLanguageAreOptionalAndTheConfirmationSpeaksTheSendersLanguage() {
        ObjectNode e = enquiry(publicPlot("4022"));
        e.remove("phone");
        long id = send(visitor(), e);
        Map<String, Object> row = jdbc.sql("SELECT phone, language FROM enquiry WHERE id = :id").param("id", id)
                .query().singleRow();
        assertThat(row.get("phone")).isNull();
        assertThat(row.get("language")).isNull();

        ObjectNode english = enquiry(publicPlot("4022"));
        english.put("language", "en");
        english.put("phone", "");
        Api.Response r = visitor().post("/api/enquiries", english.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("message").asString()).startsWith("Thank you").contains("Seljord");
        assertThat(jdbc.sql("SELECT language FROM enquiry WHERE id = :id").param("id", r.json().path("id").asLong())
                .query(String.class).single()).isEqualTo("en");
    }

    @Test
    void fieldsAtTheirLimitsAreAccepted() {
        ObjectNode e = enquiry(publicPlot("4028"));
        e.put("name", "Å".repeat(200));
        String local = "k".repeat(64);
        String domain = "d".repeat(60) + "." + "e".repeat(60) + "." + "f".repeat(60) + "." + "g".repeat(3) + ".no";
        String email = local + "@" + domain;
        assertThat(email).hasSize(254);
        e.put("email", email);
        e.put("message", "ø".repeat(4999) + "😀"); // 5000 characters as PostgreSQL counts them
        long id = send(visitor(), e);
        assertThat(jdbc.sql("SELECT length(name) || '/' || length(email) || '/' || length(message) FROM enquiry WHERE id = :id")
                .param("id", id).query(String.class).single()).isEqualTo("200/254/5000");
    }

    // --- refusals ---

    @Test
    void everyBadFieldIsNamedByItsPointerAndNothingIsStored() {
        long plot = publicPlot("4028");
        ObjectNode all = Api.JSON.createObjectNode();
        all.put("plotId", plot);
        all.put("name", "   ");
        all.put("email", "not-an-address");
        all.put("phone", "ring meg");
        all.put("message", "");
        all.put("language", "de");
        all.put("budget", 1000000);
        JsonNode body = refused(422, "/name", () -> visitor().post("/api/enquiries", all.toString()));
        assertThat(body.path("errors").findValuesAsString("pointer"))
                .containsExactlyInAnyOrder("/name", "/email", "/phone", "/message", "/language", "/budget");

        JsonNode missing = refused(422, "/plotId", () -> visitor().post("/api/enquiries", "{}"));
        assertThat(missing.path("errors").findValuesAsString("pointer"))
                .containsExactlyInAnyOrder("/plotId", "/name", "/email", "/message");

        Map<String, Object[]> cases = Map.of(
                "/name", new Object[] {"name", "N".repeat(201)},
                "/email", new Object[] {"email", "a".repeat(64) + "@" + "d".repeat(60) + "." + "e".repeat(60) + "."
                        + "f".repeat(60) + "." + "g".repeat(4) + ".no"}, // well-formed but 255 characters
                "/phone", new Object[] {"phone", "+47 12"},
                "/message", new Object[] {"message", "m".repeat(5001)});
        cases.forEach((pointer, field) -> {
            ObjectNode e = enquiry(plot);
            e.put((String) field[0], (String) field[1]);
            refused(422, pointer, () -> visitor().post("/api/enquiries", e.toString()));
        });
        for (String email : new String[] {"kari@", "@example.no", "kari@example", "kari nordmann@example.no",
                "kari..n@example.no", "kari@@example.no"}) {
            ObjectNode e = enquiry(plot);
            e.put("email", email);
            refused(422, "/email", () -> visitor().post("/api/enquiries", e.toString()));
        }
        ObjectNode nul = enquiry(plot);
        nul.put("message", "hei\u0000du");
        refused(422, "/message", () -> visitor().post("/api/enquiries", nul.toString()));
        ObjectNode control = enquiry(plot);
        control.put("name", "Kari\u0007");
        refused(422, "/name", () -> visitor().post("/api/enquiries", control.toString()));
    }

    @Test
    void onlyPublishedPlotsThatAreNotArchivedTakeEnquiries() {
        long draft = jdbc.sql("SELECT min(id) FROM plot WHERE NOT published AND archived_at IS NULL")
                .query(Long.class).single();
        JsonNode body = refused(422, "/plotId", () -> visitor().post("/api/enquiries", enquiry(draft).toString()));
        assertThat(body.path("detail").asString()).contains("no published plot");

        Api.Response created = planner("4028").post("/api/plots", """
                {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[8.4741,59.4171],[8.4745,59.4171],
                [8.4745,59.4173],[8.4741,59.4173],[8.4741,59.4171]]]},"properties":{"municipalityNumber":"4028",
                "name":"Tomt som vert arkivert","purpose":"housing","availability":"available","published":true}}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long archived = created.json().path("id").asLong();
        assertThat(planner("4028").delete("/api/plots/" + archived).status()).isEqualTo(204);
        refused(422, "/plotId", () -> visitor().post("/api/enquiries", enquiry(archived).toString()));

        refused(422, "/plotId", () -> visitor().post("/api/enquiries", enquiry(987_654_321L).toString()));
        refused(422, "/plotId", () -> visitor().post("/api/enquiries", enquiry(-4).toString()));
        // a bad field and a bad plot are named together
        ObjectNode both = enquiry(draft);
        both.put("email", "nope");
        JsonNode two = refused(422, "/plotId", () -> visitor().post("/api/enquiries", both.toString()));
        assertThat(two.path("errors").findValuesAsString("pointer")).containsExactlyInAnyOrder("/plotId", "/email");
    }

    @Test
    void malformedBodiesWrongTypesMediaTypesAndSizesAreRefused() {
        long plot = publicPlot("4028");
        refused(400, null, () -> visitor().post("/api/enquiries", "{\"plotId\": " + plot + ", \"name\": "));
        refused(400, null, () -> visitor().post("/api/enquiries", ""));
        refused(400, "/plotId", () -> visitor().post("/api/enquiries", "{\"plotId\": \"tomt 3\", \"name\": \"Kari\"}"));
        refused(415, null, () -> visitor().send("POST", "/api/enquiries", enquiry(plot).toString(), "text/plain"));
        refused(415, null, () -> visitor().send("POST", "/api/enquiries",
                "plotId=" + plot + "&name=Kari&email=kari%40example.no&message=hei", "application/x-www-form-urlencoded"));
        ObjectNode huge = enquiry(plot);
        huge.put("message", "x".repeat(6 * 1024 * 1024));
        refused(413, null, () -> visitor().post("/api/enquiries", huge.toString()));
    }

    // --- rate limit ---

    @Test
    void aClientMaySendFiveEnquiriesInTenMinutesByDefault() {
        String address = nextAddress();
        long plot = publicPlot("4030");
        ObjectNode bad = enquiry(plot);
        bad.put("email", "nope");
        refused(422, "/email", () -> visitorFrom(address).post("/api/enquiries", bad.toString()));
        refused(422, "/email", () -> visitorFrom(address).post("/api/enquiries", bad.toString()));
        for (int i = 0; i < 5; i++) {
            send(visitorFrom(address), enquiry(plot)); // refused requests do not count
        }
        Api.Response[] last = new Api.Response[1];
        JsonNode body = refused(429, null, () -> last[0] = visitorFrom(address).post("/api/enquiries", enquiry(plot).toString()));
        long retryAfter = Long.parseLong(last[0].header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 600L);
        assertThat(body.path("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
        // another client is not affected
        send(visitor(), enquiry(plot));
    }

    /** A context of its own with a low limit and a short window, to see the window pass. */
    @Nested
    @TestPropertySource(properties = {"arealbank.enquiries.rate-limit=2", "arealbank.enquiries.rate-window=3s"})
    class WithALowConfiguredLimit extends SampleRegionTest {

        @Test
        void theThirdEnquiryWithinTheWindowWaitsUntilTheWindowHasPassed() throws InterruptedException {
            long plot = jdbc.sql("SELECT min(id) FROM plot WHERE published AND archived_at IS NULL")
                    .query(Long.class).single();
            Api client = api().header("X-Forwarded-For", "192.0.2.77");
            assertThat(client.post("/api/enquiries", enquiry(plot).toString()).status()).isEqualTo(201);
            assertThat(client.post("/api/enquiries", enquiry(plot).toString()).status()).isEqualTo(201);
            String before = databaseFingerprint();
            Api.Response refused = client.post("/api/enquiries", enquiry(plot).toString());
            assertThat(refused.status()).as(refused.body()).isEqualTo(429);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            long retryAfter = Long.parseLong(refused.header("Retry-After"));
            assertThat(retryAfter).isBetween(1L, 3L);
            assertThat(databaseFingerprint()).isEqualTo(before);
            assertThat(api().header("X-Forwarded-For", "192.0.2.78").post("/api/enquiries", enquiry(plot).toString())
                    .status()).isEqualTo(201);

            Thread.sleep(retryAfter * 1000 + 200);
            assertThat(client.post("/api/enquiries", enquiry(plot).toString()).status()).isEqualTo(201);
        }
    }

    // --- CSRF: the page posts without a session; a session needs its token ---

    @Test
    void aPostCarryingASessionCookieNeedsTheCsrfTokenEvenForAnEnquiry() throws Exception {
        long plot = publicPlot("4028");
        String base = "http://127.0.0.1:" + port;
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        signIn(browser, base, "planner-4028");

        // a cross-site form or fetch would carry the session cookie but could not know the token
        HttpRequest forged = HttpRequest.newBuilder(URI.create(base + "/api/enquiries"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", nextAddress())
                .POST(HttpRequest.BodyPublishers.ofString(enquiry(plot).toString())).build();
        refused(403, null, () -> response(browser, forged));

        // a stale or unknown session cookie is treated the same
        HttpRequest stale = HttpRequest.newBuilder(URI.create(base + "/api/enquiries"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", nextAddress())
                .header("Cookie", "JSESSIONID=0123456789ABCDEF0123456789ABCDEF")
                .POST(HttpRequest.BodyPublishers.ofString(enquiry(plot).toString())).build();
        refused(403, null, () -> response(HttpClient.newHttpClient(), stale));

        // the page echoes its XSRF-TOKEN cookie, and then the same request goes through
        String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
        HttpResponse<String> withToken = browser.send(HttpRequest.newBuilder(URI.create(base + "/api/enquiries"))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", token)
                .header("X-Forwarded-For", nextAddress())
                .POST(HttpRequest.BodyPublishers.ofString(enquiry(plot).toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(201);
    }

    @Test
    void theAnonymousPageGetsAnXsrfCookieItCanEchoWhenItHasASession() throws Exception {
        long plot = publicPlot("4028");
        String base = "http://127.0.0.1:" + port;
        CookieManager cookies = new CookieManager();
        HttpClient page = HttpClient.newBuilder().cookieHandler(cookies).build();
        page.send(HttpRequest.newBuilder(URI.create(base + "/api/plots?limit=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/enquiries"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", nextAddress())
                .header("Cookie", "JSESSIONID=0123456789ABCDEF0123456789ABCDEF; XSRF-TOKEN=" + token)
                .header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString(enquiry(plot).toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    // --- the planners' inbox ---

    @Test
    void plannersReadAndHandleOnlyTheirOwnMunicipalitysEnquiries() {
        long kviteseid = send(visitor(), enquiry(publicPlot("4028")));
        long seljord = send(visitor(), enquiry(publicPlot("4022")));

        JsonNode inbox = planner("4028").get("/api/enquiries?status=new&limit=1000").json();
        assertThat(ids(inbox)).contains(kviteseid).doesNotContain(seljord);
        inbox.path("enquiries").forEach(e -> {
            assertThat(e.path("municipalityNumber").asString()).isEqualTo("4028");
            assertThat(e.path("status").asString()).isEqualTo("new");
        });
        long expected = jdbc.sql("""
                SELECT count(*) FROM enquiry e JOIN plot p ON p.id = e.plot_id
                 WHERE p.municipality_number = '4028' AND e.status = 'new'""").query(Long.class).single();
        assertThat(inbox.path("numberMatched").asLong()).isEqualTo(expected);
        assertThat(ids(planner("4022").get("/api/enquiries?limit=1000").json())).contains(seljord).doesNotContain(kviteseid);
        JsonNode all = api().as("admin", ADMIN_PASSWORD).get("/api/enquiries?limit=1000").json();
        assertThat(ids(all)).contains(kviteseid, seljord);
        assertThat(all.path("numberMatched").asLong())
                .isEqualTo(jdbc.sql("SELECT count(*) FROM enquiry").query(Long.class).single());

        Api.Response one = planner("4028").get("/api/enquiries/" + kviteseid);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.header("ETag")).isEqualTo("\"0\"");
        assertThat(one.json().path("email").asString()).isEqualTo("kari.nordmann@example.no");
        assertThat(one.json().path("plotId").asLong()).isEqualTo(publicPlot("4028"));
        refused(404, null, () -> planner("4022").get("/api/enquiries/" + kviteseid));
        refused(404, null, () -> planner("4028").get("/api/enquiries/987654321"));
        assertThat(api().as("admin", ADMIN_PASSWORD).get("/api/enquiries/" + kviteseid).status()).isEqualTo(200);

        String path = "/api/enquiries/" + kviteseid;
        refused(428, "If-Match", () -> planner("4028").patch(path, "{\"status\":\"answered\"}"));
        refused(412, "If-Match", () -> planner("4028").header("If-Match", "\"7\"").patch(path, "{\"status\":\"answered\"}"));
        refused(412, "If-Match", () -> planner("4028").patch(path, "{\"status\":\"answered\",\"version\":3}"));
        refused(422, "/status", () -> planner("4028").header("If-Match", "\"0\"").patch(path, "{\"status\":\"gone\"}"));
        refused(422, "/name", () -> planner("4028").header("If-Match", "\"0\"").patch(path, "{\"name\":\"Ola\"}"));
        refused(422, "/note", () -> planner("4028").header("If-Match", "\"0\"").patch(path, "{\"note\":42}"));
        refused(404, null, () -> planner("4022").header("If-Match", "\"0\"").patch(path, "{\"status\":\"closed\"}"));
        refused(401, null, () -> api().header("If-Match", "\"0\"").patch(path, "{\"status\":\"closed\"}"));

        Api.Response answered = planner("4028").header("If-Match", "\"0\"")
                .patch(path, "{\"status\":\"answered\",\"note\":\"Ringt tilbake 12.3.\"}");
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.header("ETag")).isEqualTo("\"1\"");
        assertThat(answered.json().path("status").asString()).isEqualTo("answered");
        assertThat(answered.json().path("updatedBy").asString()).isEqualTo("planner-4028");
        assertThat(jdbc.sql("SELECT status || '|' || note || '|' || version FROM enquiry WHERE id = :id")
                .param("id", kviteseid).query(String.class).single()).isEqualTo("answered|Ringt tilbake 12.3.|1");

        // the version may come in the body instead of If-Match; null clears the note
        Api.Response closed = api().as("admin", ADMIN_PASSWORD).send("PATCH", path,
                "{\"status\":\"closed\",\"note\":null,\"version\":1}", "application/json");
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(closed.header("ETag")).isEqualTo("\"2\"");
        assertThat(closed.json().path("note").isNull()).isTrue();

        assertThat(ids(planner("4028").get("/api/enquiries?status=new&limit=1000").json())).doesNotContain(kviteseid);
        assertThat(ids(planner("4028").get("/api/enquiries?status=closed,answered&limit=1000").json())).contains(kviteseid);
        refused(400, "?status", () -> planner("4028").get("/api/enquiries?status=gone"));
        refused(400, "?sort", () -> planner("4028").get("/api/enquiries?sort=name"));
        refused(400, "?limit", () -> planner("4028").get("/api/enquiries?limit=0"));
    }

    @Test
    void enquiriesNeverAppearInAnyPublicEndpoint() {
        long plot = publicPlot("4028");
        String secret = "hemmeleg-" + UUID.randomUUID();
        ObjectNode e = enquiry(plot);
        e.put("name", secret);
        e.put("email", secret + "@example.no");
        e.put("message", secret);
        send(visitor(), e);
        for (String path : new String[] {"/api/plots/" + plot, "/api/plots?municipality=4028&limit=1000",
                "/api/plots/export.geojson?municipality=4028", "/api/plots/export.csv?municipality=4028",
                "/ogc/collections", "/ogc/collections/plots/items/" + plot, "/api/stats/region",
                "/api/search?q=" + secret, "/api/municipalities/4028"}) {
            Api.Response r = api().get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).doesNotContain(secret);
        }
        JsonNode collections = api().get("/ogc/collections?f=json").json();
        assertThat(collections.path("collections").findValuesAsString("id")).isNotEmpty()
                .noneMatch(id -> id.toLowerCase(java.util.Locale.ROOT).contains("enquir"));
    }

    private static java.util.Set<Long> ids(JsonNode page) {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        page.path("enquiries").forEach(e -> ids.add(e.path("id").asLong()));
        return ids;
    }

    private static Api.Response response(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Api.Response(r.statusCode(), r.headers().map(), r.body());
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static void signIn(HttpClient browser, String base, String username) throws Exception {
        // the sign-in page takes its form's CSRF field from /api/auth/providers
        String options = browser.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/providers")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String csrf = Api.JSON.readTree(options).path("csrfToken").asString();
        assertThat(csrf).as("sign-in options carry a CSRF token").isNotBlank();
        String form = "username=" + username + "&password=" + URLEncoder.encode(DEMO_PASSWORD, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        // the XSRF-TOKEN cookie comes with the next answer, as the page would see it
        browser.send(HttpRequest.newBuilder(URI.create(base + "/api/plots?limit=1")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
