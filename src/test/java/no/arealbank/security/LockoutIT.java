package no.arealbank.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import no.arealbank.Api;
import no.arealbank.SampleRegionTest;

/**
 * Failed-attempt throttling: five consecutive failures lock a username for a while, for form sign-in and HTTP Basic
 * alike; a success resets the count; a client address that fails too often is locked whatever the username. Each
 * test uses its own user and its own client address (X-Forwarded-For, which the forward-headers strategy honours)
 * so that the other tests' demo planners never meet a lock.
 */
class LockoutIT extends SampleRegionTest {

    private static final String PASSWORD = "lockout-test-password-9";

    @Autowired
    UserAccounts accounts;

    private String username;
    private String address;

    @BeforeEach
    void createUser() {
        long n = System.nanoTime() % 1_000_000_000L;
        username = "lock-" + n;
        address = "198.51.100." + (n % 250 + 1);
        jdbc.sql("DELETE FROM sign_in_throttle WHERE key = :k").param("k", "address:" + address).update();
        accounts.save(username, PASSWORD, false, "Lockout test", Set.of("4028"));
    }

    @AfterEach
    void removeLocks() {
        jdbc.sql("DELETE FROM sign_in_throttle WHERE key IN (:keys)")
                .param("keys", List.of("user:" + username, "address:" + address)).update();
    }

    private Api client() {
        return api().header("X-Forwarded-For", address);
    }

    private Api.Response basic(String password) {
        return client().as(username, password).get("/api/me");
    }

    @Test
    void fiveFailuresLockTheUsernameForBasicAndTheLockSaysSo() {
        for (int i = 0; i < 5; i++) {
            Api.Response r = basic("wrong-password-" + i);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().path("reason").asString()).isEqualTo("bad_credentials");
        }
        Api.Response locked = basic(PASSWORD);
        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.header("Content-Type")).startsWith("application/problem+json");
        assertThat(locked.json().path("reason").asString()).isEqualTo("locked");

        // another client address is locked out of this username too
        assertThat(api().header("X-Forwarded-For", "203.0.113.9").as(username, PASSWORD).get("/api/me").json()
                .path("reason").asString()).isEqualTo("locked");

        // the lock runs out (moved into the past here instead of waiting 15 minutes)
        jdbc.sql("UPDATE sign_in_throttle SET locked_until = now() - interval '1 second' WHERE key = :k")
                .param("k", "user:" + username).update();
        assertThat(basic(PASSWORD).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM sign_in_throttle WHERE key = :k").param("k", "user:" + username)
                .query(Long.class).single()).as("a success resets the counter").isZero();

        List<String> outcomes = jdbc.sql("SELECT outcome FROM sign_in WHERE username = :u ORDER BY id")
                .param("u", username).query(String.class).list();
        assertThat(outcomes).containsExactly("bad_credentials", "bad_credentials", "bad_credentials",
                "bad_credentials", "bad_credentials", "locked", "locked", "success");
        assertThat(jdbc.sql("SELECT DISTINCT method FROM sign_in WHERE username = :u").param("u", username)
                .query(String.class).list()).containsExactly("basic");
        assertThat(jdbc.sql("SELECT client_address FROM sign_in WHERE username = :u ORDER BY id LIMIT 1")
                .param("u", username).query(String.class).single()).isEqualTo(address);
        assertThat(jdbc.sql("SELECT count(*) FROM sign_in s WHERE concat_ws('|', s.username, s.outcome, s.method, "
                + "s.client_address, s.user_agent) ~ '(wrong-password|lockout-test-password)'")
                .query(Long.class).single()).as("no password is ever stored").isZero();
    }

    @Test
    void aSuccessResetsTheCount() {
        for (int i = 0; i < 4; i++) {
            assertThat(basic("wrong-password-" + i).status()).isEqualTo(401);
        }
        assertThat(basic(PASSWORD).status()).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            assertThat(basic("wrong-password-" + i).status()).isEqualTo(401);
        }
        assertThat(basic(PASSWORD).status()).as("4 + 4 failures with a success between lock nothing").isEqualTo(200);
    }

    @Test
    void theSignInPageTellsALockApartFromAWrongPassword() throws Exception {
        SessionSecurityIT.Browser browser = new SessionSecurityIT.Browser(port);
        for (int i = 0; i < 5; i++) {
            assertThat(location(browser, "wrong-password-" + i)).endsWith("/login.html?error=credentials");
        }
        assertThat(location(browser, PASSWORD)).endsWith("/login.html?error=locked");
        assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT DISTINCT method FROM sign_in WHERE username = :u").param("u", username)
                .query(String.class).list()).containsExactly("form");
    }

    @Test
    void aClientAddressThatFailsTooOftenIsLockedWhateverTheUsername() {
        for (int i = 0; i < 50; i++) {
            assertThat(client().as("nobody-" + i, "wrong-password").get("/api/me").status()).isEqualTo(401);
        }
        Api.Response r = basic(PASSWORD);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().path("reason").asString()).isEqualTo("locked");
        // the user is not locked as such: from elsewhere the right password works
        assertThat(api().header("X-Forwarded-For", "203.0.113.10").as(username, PASSWORD).get("/api/me").status())
                .isEqualTo(200);
    }

    @Test
    void aDisabledUserCannotSignInAndItIsRecorded() {
        jdbc.sql("UPDATE app_user SET enabled = false WHERE username = :u").param("u", username).update();
        assertThat(basic(PASSWORD).status()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT outcome FROM sign_in WHERE username = :u ORDER BY id DESC LIMIT 1")
                .param("u", username).query(String.class).single()).isEqualTo("disabled");
    }

    private String location(SessionSecurityIT.Browser browser, String password) throws Exception {
        HttpResponse<String> r = browser.http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(browser.base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", address)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=" + username + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&" + browser.csrfField()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(302);
        return r.headers().firstValue("Location").orElse("");
    }
}
