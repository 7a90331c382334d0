package no.arealbank.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import no.arealbank.SampleRegionTest;

/** The page's way in: a form sign-in gives a session, and writes with that session need the CSRF token. */
class SessionSecurityIT extends SampleRegionTest {

    private static final String PLOT = """
            {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[8.4731,59.4181],[8.4735,59.4181],
            [8.4735,59.4183],[8.4731,59.4183],[8.4731,59.4181]]]},"properties":{"municipalityNumber":"4028",
            "name":"Sesjonstomt","purpose":"leisure","availability":"available"}}""";

    @Test
    void aSignedInSessionWritesOnlyWithItsCsrfToken() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
        String base = "http://127.0.0.1:" + port;

        String loginPage = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(m.find()).as("login form carries a CSRF token").isTrue();
        String form = "username=planner-4028&password=" + URLEncoder.encode(DEMO_PASSWORD, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");

        HttpResponse<String> withoutToken = http.send(HttpRequest.newBuilder(URI.create(base + "/api/plots"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(PLOT)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.body()).contains("CSRF");

        // the page reads the XSRF-TOKEN cookie and echoes it as a header
        http.send(HttpRequest.newBuilder(URI.create(base + "/api/plots?limit=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
        HttpResponse<String> withToken = http.send(HttpRequest.newBuilder(URI.create(base + "/api/plots"))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString(PLOT)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(201);
    }
}
