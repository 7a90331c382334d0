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
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

import no.arealbank.Api;
import no.arealbank.SampleRegionTest;

/**
 * The page's way in: the sign-in page's form gives a session (a new session id, an HttpOnly SameSite=Lax cookie),
 * writes with that session need the CSRF token, and signing out needs it too.
 */
class SessionSecurityIT extends SampleRegionTest {

    private static final String PLOT = """
            {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[8.4731,59.4181],[8.4735,59.4181],
            [8.4735,59.4183],[8.4731,59.4183],[8.4731,59.4181]]]},"properties":{"municipalityNumber":"4028",
            "name":"Sesjonstomt","purpose":"leisure","availability":"available"}}""";

    /** A browser-like client: cookies kept, redirects not followed. */
    static final class Browser {
        final CookieManager cookies = new CookieManager();
        final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
        final String base;

        Browser(int port) {
            base = "http://127.0.0.1:" + port;
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> postForm(String path, String form) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** The form's CSRF field as the sign-in page gets it. */
        String csrfField() throws Exception {
            HttpResponse<String> options = get("/api/auth/providers");
            assertThat(options.statusCode()).isEqualTo(200);
            var json = Api.JSON.readTree(options.body());
            assertThat(json.path("csrfParameter").asString()).isEqualTo("_csrf");
            return "_csrf=" + URLEncoder.encode(json.path("csrfToken").asString(), StandardCharsets.UTF_8);
        }

        HttpResponse<String> signIn(String username, String password) throws Exception {
            return postForm("/login", "username=" + username + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&" + csrfField());
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue).findFirst().orElse(null);
        }
    }

    @Test
    void aSignedInSessionWritesOnlyWithItsCsrfToken() throws Exception {
        Browser browser = new Browser(port);

        HttpResponse<String> login = browser.signIn("planner-4028", DEMO_PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).endsWith("/planner.html");
        List<String> setCookies = login.headers().allValues("Set-Cookie");
        assertThat(setCookies).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax"));

        HttpResponse<String> withoutToken = browser.http.send(HttpRequest.newBuilder(URI.create(browser.base + "/api/plots"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(PLOT)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.body()).contains("CSRF");

        // the page reads the XSRF-TOKEN cookie and echoes it as a header
        browser.get("/api/plots?limit=1");
        String token = browser.cookie("XSRF-TOKEN");
        assertThat(token).isNotNull();
        HttpResponse<String> withToken = browser.http.send(HttpRequest.newBuilder(URI.create(browser.base + "/api/plots"))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString(PLOT)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(201);
    }

    @Autowired
    ApplicationContext context;

    @Test
    void withoutOidcConfigurationThereIsNoProviderButtonAndNoOAuthLogin() throws Exception {
        Browser browser = new Browser(port);
        assertThat(Api.JSON.readTree(browser.get("/api/auth/providers").body()).path("providers").size()).isZero();
        assertThat(browser.get("/oauth2/authorization/oidc").statusCode()).isEqualTo(404);
        assertThat(context.getBeanNamesForType(ClientRegistrationRepository.class)).isEmpty();
        assertThat(context.getBeanNamesForType(OidcSignIn.class)).isEmpty();
    }

    @Test
    void signingInWithoutTheCsrfFieldIsRefused() throws Exception {
        Browser browser = new Browser(port);
        HttpResponse<String> login = browser.postForm("/login",
                "username=planner-4028&password=" + URLEncoder.encode(DEMO_PASSWORD, StandardCharsets.UTF_8));
        assertThat(login.statusCode()).isEqualTo(403);
        assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
    }

    @Test
    void getLoginShowsTheSignInPage() throws Exception {
        Browser browser = new Browser(port);
        HttpResponse<String> login = browser.get("/login?error=credentials");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).endsWith("/login.html?error=credentials");
        HttpResponse<String> page = browser.get("/login.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"sign-in-form\"", "action=\"login\"", "js/login.js");
    }

    @Test
    void signingInGivesANewSessionId() throws Exception {
        Browser browser = new Browser(port);
        assertThat(browser.signIn("planner-4028", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        String first = browser.cookie("JSESSIONID");
        assertThat(first).isNotNull();
        assertThat(browser.signIn("planner-4036", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        String second = browser.cookie("JSESSIONID");
        assertThat(second).isNotNull().isNotEqualTo(first);
        assertThat(Api.JSON.readTree(browser.get("/api/me").body()).path("username").asString())
                .isEqualTo("planner-4036");
    }

    @Test
    void failedSignInReturnsToThePageWithTheReasonAndKeepsTheTarget() throws Exception {
        Browser browser = new Browser(port);
        HttpResponse<String> login = browser.postForm("/login", "username=planner-4028&password=not-the-password-at-all&"
                + "continue=%2Fadmin.html&" + browser.csrfField());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse(""))
                .endsWith("/login.html?error=credentials&continue=%2Fadmin.html");

        HttpResponse<String> ok = browser.postForm("/login", "username=planner-4028&password="
                + URLEncoder.encode(DEMO_PASSWORD, StandardCharsets.UTF_8) + "&continue=%2Fadmin.html&" + browser.csrfField());
        assertThat(ok.headers().firstValue("Location").orElse("")).endsWith("/admin.html");

        Browser other = new Browser(port);
        HttpResponse<String> offSite = other.postForm("/login", "username=planner-4028&password="
                + URLEncoder.encode(DEMO_PASSWORD, StandardCharsets.UTF_8) + "&continue=%2F%2Fevil.example%2F&"
                + other.csrfField());
        assertThat(offSite.headers().firstValue("Location").orElse("")).endsWith("/planner.html").doesNotContain("evil");
    }

    @Test
    void signingOutNeedsTheTokenAndEndsTheSession() throws Exception {
        Browser browser = new Browser(port);
        browser.signIn("planner-4028", DEMO_PASSWORD);
        assertThat(browser.get("/api/me").statusCode()).isEqualTo(200);

        assertThat(browser.postForm("/logout", "").statusCode()).isEqualTo(403);
        assertThat(browser.get("/api/me").statusCode()).isEqualTo(200);

        HttpResponse<String> logout = browser.postForm("/logout", browser.csrfField());
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location").orElse("").replace(browser.base, "")).isEqualTo("/");
        HttpResponse<String> me = browser.get("/api/me");
        assertThat(me.statusCode()).isEqualTo(401);
        assertThat(me.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }
}
