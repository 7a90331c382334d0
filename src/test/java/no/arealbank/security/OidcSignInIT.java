package no.arealbank.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import no.arealbank.Api;
import no.arealbank.SampleRegionTest;

import tools.jackson.databind.JsonNode;

/**
 * OpenID Connect sign-in against a real (tiny, in-test) provider: the whole authorization code flow over HTTP, the
 * ID token signed and checked. An existing enabled user signs in with their role and municipalities; an unknown or
 * deactivated one is refused and recorded.
 */
class OidcSignInIT extends SampleRegionTest {

    static final TestOidcProvider PROVIDER = TestOidcProvider.start();

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        registry.add("arealbank.oidc.issuer-uri", PROVIDER::issuer);
        registry.add("arealbank.oidc.client-id", () -> TestOidcProvider.CLIENT_ID);
        registry.add("arealbank.oidc.client-secret", () -> "test-secret");
        registry.add("arealbank.oidc.name", () -> "Testkommune ID");
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @Autowired
    UserAccounts accounts;

    /** Follows the flow from the sign-in button to the app's final redirect; returns that redirect's target. */
    private String signInWithProvider(SessionSecurityIT.Browser browser) throws Exception {
        HttpResponse<String> start = browser.get("/oauth2/authorization/oidc");
        assertThat(start.statusCode()).isEqualTo(302);
        String authorize = start.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(PROVIDER.issuer() + "/authorize?").contains("client_id=arealbank-test",
                "redirect_uri=" + browser.base + "/login/oauth2/code/oidc");
        HttpResponse<String> atProvider = browser.http.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(atProvider.statusCode()).isEqualTo(302);
        String callback = atProvider.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(browser.base + "/login/oauth2/code/oidc?code=");
        HttpResponse<String> back = browser.http.send(HttpRequest.newBuilder(URI.create(callback)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        return back.headers().firstValue("Location").orElseThrow().replace(browser.base, "");
    }

    private String user(String email, boolean enabled) {
        String username = "oidc-" + (System.nanoTime() % 1_000_000_000L);
        accounts.save(username, "oidc test password long", false, "OIDC-brukar", Set.of("4036"));
        jdbc.sql("UPDATE app_user SET email = :e, enabled = :en WHERE username = :u").param("e", email)
                .param("en", enabled).param("u", username).update();
        return username;
    }

    @Test
    void theSignInPageOffersTheProvider() {
        JsonNode options = api().get("/api/auth/providers").json();
        assertThat(options.path("providers").size()).isEqualTo(1);
        assertThat(options.path("providers").get(0).path("name").asString()).isEqualTo("Testkommune ID");
        assertThat(options.path("providers").get(0).path("href").asString()).isEqualTo("oauth2/authorization/oidc");
    }

    @Test
    void anExistingUserSignsInWithTheirRoleAndMunicipalities() throws Exception {
        String email = "Kari." + System.nanoTime() + "@Vinje.Kommune.no";
        String username = user(email.toLowerCase(), true);
        PROVIDER.signInAs(email);
        SessionSecurityIT.Browser browser = new SessionSecurityIT.Browser(port);

        assertThat(signInWithProvider(browser)).isEqualTo("/planner.html");
        HttpResponse<String> me = browser.get("/api/me");
        assertThat(me.statusCode()).isEqualTo(200);
        JsonNode json = Api.JSON.readTree(me.body());
        assertThat(json.path("username").asString()).isEqualTo(username);
        assertThat(json.path("admin").asBoolean()).isFalse();
        assertThat(json.path("municipalities").get(0).asString()).isEqualTo("4036");
        assertThat(jdbc.sql("SELECT outcome || ' ' || method FROM sign_in WHERE username = :u ORDER BY id DESC LIMIT 1")
                .param("u", username).query(String.class).single()).isEqualTo("success oidc");

        // the session writes like a form sign-in's: with the CSRF token, in the user's own municipality only
        browser.get("/api/plots?limit=1");
        HttpResponse<String> forbidden = browser.http.send(HttpRequest.newBuilder(URI.create(browser.base + "/api/plots"))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"))
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[8.4731,59.4181],[8.4735,59.4181],
                        [8.4735,59.4183],[8.4731,59.4183],[8.4731,59.4181]]]},"properties":{"municipalityNumber":"4028",
                        "name":"OIDC-tomt","purpose":"leisure","availability":"available"}}""")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forbidden.statusCode()).as(forbidden.body()).isEqualTo(403);

        // deactivating the user ends the provider-made session too
        jdbc.sql("UPDATE app_user SET enabled = false WHERE username = :u").param("u", username).update();
        assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
    }

    @Test
    void anUnknownUserIsRefusedAndRecorded() throws Exception {
        String email = "stranger." + System.nanoTime() + "@example.no";
        PROVIDER.signInAs(email);
        SessionSecurityIT.Browser browser = new SessionSecurityIT.Browser(port);

        assertThat(signInWithProvider(browser)).isEqualTo("/login.html?error=unknown");
        assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT outcome || ' ' || method FROM sign_in WHERE username = :u")
                .param("u", email).query(String.class).list()).containsExactly("unknown_user oidc");
    }

    @Test
    void aDeactivatedUserIsRefused() throws Exception {
        String email = "former." + System.nanoTime() + "@example.no";
        String username = user(email, false);
        PROVIDER.signInAs(email);
        SessionSecurityIT.Browser browser = new SessionSecurityIT.Browser(port);

        assertThat(signInWithProvider(browser)).isEqualTo("/login.html?error=unknown");
        assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT outcome FROM sign_in WHERE username = :u").param("u", username)
                .query(String.class).list()).containsExactly("disabled");
    }
}
