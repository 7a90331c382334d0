package no.arealbank.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import no.arealbank.Api;
import no.arealbank.SampleRegionTest;

import tools.jackson.databind.JsonNode;

/**
 * Who am I, the regional admin's user API, password rules and self-service: answers over real HTTP, bad input as
 * problem+json naming the field and changing nothing, every change in the change history, and a deactivated user
 * stopped at once (HTTP Basic and a running session).
 */
class UserAdminIT extends SampleRegionTest {

    private String username;

    @BeforeEach
    void name() {
        username = "kari-" + (System.nanoTime() % 1_000_000_000L);
    }

    private Api admin() {
        return api().as("admin", ADMIN_PASSWORD);
    }

    private String newUser(String name, String password, String municipalities) {
        return """
                {"username":"%s","displayName":"Kari Nordmann","email":"%s@kviteseid.kommune.no","admin":false,
                 "municipalities":%s,"password":"%s"}""".formatted(name, name, municipalities, password);
    }

    private long users() {
        return jdbc.sql("SELECT count(*) FROM app_user").query(Long.class).single();
    }

    private static void isProblem(Api.Response r, int status, String pointer) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        List<String> pointers = r.json().path("errors").valueStream().map(e -> e.path("pointer").asString()).toList();
        assertThat(pointers).as(r.toString()).contains(pointer);
    }

    @Test
    void meAnswersForPlannersAndAdminsAnd401ForNobody() {
        Api.Response anonymous = api().get("/api/me");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");

        JsonNode planner = api().as("planner-4028", DEMO_PASSWORD).get("/api/me").json();
        assertThat(planner.path("username").asString()).isEqualTo("planner-4028");
        assertThat(planner.path("displayName").asString()).startsWith("Demo planner");
        assertThat(planner.path("admin").asBoolean()).isFalse();
        assertThat(planner.path("municipalities").valueStream().map(JsonNode::asString).toList()).containsExactly("4028");
        assertThat(planner.propertyNames()).containsExactlyInAnyOrder("username", "displayName", "admin", "municipalities");

        JsonNode admin = admin().get("/api/me").json();
        assertThat(admin.path("admin").asBoolean()).isTrue();
        assertThat(admin.path("municipalities").valueStream().map(JsonNode::asString).toList())
                .containsExactlyElementsOf(jdbc.sql("SELECT number FROM municipality ORDER BY number")
                        .query(String.class).list());
    }

    @Test
    void anAdminCreatesAPlannerWhoThenSignsInAndEveryChangeIsInTheHistory() {
        Api.Response created = admin().post("/api/admin/users", newUser(username, "fjellvatn og bjørkeskog", "[\"4028\",\"0829\"]"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/admin/users/" + username);
        // 0829 is Kviteseid's number before 2020; it is stored as today's number
        assertThat(created.json().path("municipalities").valueStream().map(JsonNode::asString).toList())
                .containsExactly("4028");
        assertThat(created.body()).doesNotContain("password", "$2a$", "{bcrypt}");

        Api me = api().as(username, "fjellvatn og bjørkeskog");
        assertThat(me.get("/api/me").json().path("municipalities").valueStream().map(JsonNode::asString).toList())
                .containsExactly("4028");

        Api.Response patched = admin().patch("/api/admin/users/" + username,
                "{\"displayName\":\"Kari N.\",\"municipalities\":[\"4028\",\"4036\"]}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(me.get("/api/me").json().path("municipalities").valueStream().map(JsonNode::asString).toList())
                .containsExactly("4028", "4036");

        assertThat(admin().post("/api/admin/users/" + username + "/password", "{\"password\":\"ny sommar i telemark\"}")
                .status()).isEqualTo(204);
        assertThat(me.get("/api/me").status()).isEqualTo(401);
        assertThat(api().as(username, "ny sommar i telemark").get("/api/me").status()).isEqualTo(200);

        List<String> history = jdbc.sql("""
                SELECT h.action || ' by ' || h.changed_by FROM change_history h JOIN app_user u ON u.id = h.entity_id
                 WHERE h.entity_type = 'user' AND u.username = :u ORDER BY h.id""")
                .param("u", username).query(String.class).list();
        assertThat(history).containsExactly("create by admin", "update by admin", "update by admin");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM change_history h JOIN app_user u ON u.id = h.entity_id
                 WHERE h.entity_type = 'user' AND u.username = :u
                   AND (h.after::text LIKE '%telemark%' OR h.after::text LIKE '%bjørkeskog%' OR h.after::text LIKE '%$2a$%')""")
                .param("u", username).query(Long.class).single()).as("no password or hash in the history").isZero();

        List<String> listed = admin().get("/api/admin/users").json().path("users").valueStream()
                .map(u -> u.path("username").asString()).toList();
        assertThat(listed).contains(username, "planner-4028", "admin");
    }

    @Test
    void badUsersAre400NamingTheFieldAndChangeNothing() {
        long before = users();
        isProblem(admin().post("/api/admin/users", newUser(username, "kort", "[\"4028\"]")), 400, "/password");
        isProblem(admin().post("/api/admin/users", newUser(username, "x" + username + "-lang-nok", "[\"4028\"]")),
                400, "/password");
        isProblem(admin().post("/api/admin/users", newUser(username, "passwordpassword", "[\"4028\"]")), 400,
                "/password");
        isProblem(admin().post("/api/admin/users", newUser(username, "fjellvatn og bjørkeskog", "[\"4028\",\"9999\"]")),
                400, "/municipalities/1");
        isProblem(admin().post("/api/admin/users", newUser(username, "fjellvatn og bjørkeskog", "[]")), 400,
                "/municipalities");
        isProblem(admin().post("/api/admin/users", newUser("Not Valid!", "fjellvatn og bjørkeskog", "[\"4028\"]")),
                400, "/username");
        isProblem(admin().post("/api/admin/users", "{\"username\":\"" + username + "\"}"), 400, "/displayName");
        isProblem(admin().post("/api/admin/users", "{\"username\":"), 400, "");
        Api.Response duplicate = admin().post("/api/admin/users", newUser("planner-4028", "fjellvatn og bjørkeskog", "[\"4028\"]"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(users()).isEqualTo(before);

        isProblem(admin().patch("/api/admin/users/planner-4028", "{\"municipalities\":[\"1234\"]}"), 400,
                "/municipalities/0");
        isProblem(admin().patch("/api/admin/users/planner-4028", "{\"enabled\":\"no\"}"), 400, "/enabled");
        isProblem(admin().patch("/api/admin/users/planner-4028", "{\"password\":\"x\"}"), 400, "/password");
        isProblem(admin().patch("/api/admin/users/admin", "{\"enabled\":false}"), 400, "/enabled");
        isProblem(admin().post("/api/admin/users/planner-4028/password", "{\"password\":\"planner-4028-is-me\"}"), 400,
                "/password");
        assertThat(admin().patch("/api/admin/users/nobody-here", "{\"enabled\":false}").status()).isEqualTo(404);
        assertThat(api().as("planner-4028", DEMO_PASSWORD).get("/api/me").json().path("municipalities").size())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT enabled FROM app_user WHERE username = 'admin'").query(Boolean.class).single())
                .isTrue();
    }

    @Test
    void plannersCannotManageUsers() {
        Api planner = api().as("planner-4028", DEMO_PASSWORD);
        assertThat(planner.get("/api/admin/users").status()).isEqualTo(403);
        assertThat(planner.get("/api/admin/sign-ins").status()).isEqualTo(403);
        assertThat(planner.post("/api/admin/users", newUser(username, "fjellvatn og bjørkeskog", "[\"4028\"]")).status())
                .isEqualTo(403);
        assertThat(api().get("/api/admin/users").status()).isEqualTo(401);
    }

    @Test
    void deactivatingAUserEndsItsSessionAndItsBasicAccessAtOnce() throws Exception {
        assertThat(admin().post("/api/admin/users", newUser(username, "fjellvatn og bjørkeskog", "[\"4028\"]")).status())
                .isEqualTo(201);
        SessionSecurityIT.Browser browser = new SessionSecurityIT.Browser(port);
        assertThat(browser.signIn(username, "fjellvatn og bjørkeskog").statusCode()).isEqualTo(302);
        assertThat(browser.get("/api/me").statusCode()).isEqualTo(200);

        assertThat(admin().patch("/api/admin/users/" + username, "{\"enabled\":false}").status()).isEqualTo(200);
        assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
        assertThat(api().as(username, "fjellvatn og bjørkeskog").get("/api/me").status()).isEqualTo(401);

        assertThat(admin().patch("/api/admin/users/" + username, "{\"enabled\":true}").status()).isEqualTo(200);
        assertThat(browser.get("/api/me").statusCode()).as("the ended session stays ended").isEqualTo(401);
        assertThat(api().as(username, "fjellvatn og bjørkeskog").get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void aPasswordResetEndsTheUsersSessionsWhileAChangeKeepsTheSessionThatMadeIt() throws Exception {
        assertThat(admin().post("/api/admin/users", newUser(username, "fjellvatn og bjørkeskog", "[\"4028\"]")).status())
                .isEqualTo(201);
        SessionSecurityIT.Browser changer = new SessionSecurityIT.Browser(port);
        SessionSecurityIT.Browser other = new SessionSecurityIT.Browser(port);
        changer.signIn(username, "fjellvatn og bjørkeskog");
        other.signIn(username, "fjellvatn og bjørkeskog");
        assertThat(other.get("/api/me").statusCode()).isEqualTo(200);

        changer.get("/api/me");
        HttpResponse<String> changed = changer.http.send(HttpRequest.newBuilder(URI.create(changer.base + "/api/me/password"))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", changer.cookie("XSRF-TOKEN"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"currentPassword\":\"fjellvatn og bjørkeskog\",\"newPassword\":\"elg i skogen om hausten\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        assertThat(changer.get("/api/me").statusCode()).as("the session that changed it carries on").isEqualTo(200);
        assertThat(other.get("/api/me").statusCode()).as("another session of the user ends").isEqualTo(401);

        assertThat(admin().post("/api/admin/users/" + username + "/password", "{\"password\":\"ny sommar i telemark\"}")
                .status()).isEqualTo(204);
        assertThat(changer.get("/api/me").statusCode()).as("an admin's reset ends every session").isEqualTo(401);
    }

    @Test
    void aUserChangesTheirOwnPassword() {
        assertThat(admin().post("/api/admin/users", newUser(username, "fjellvatn og bjørkeskog", "[\"4028\"]")).status())
                .isEqualTo(201);
        Api me = api().as(username, "fjellvatn og bjørkeskog");
        isProblem(me.post("/api/me/password", "{\"currentPassword\":\"wrong one here\",\"newPassword\":\"elg i skogen om hausten\"}"),
                400, "/currentPassword");
        isProblem(me.post("/api/me/password", "{\"currentPassword\":\"fjellvatn og bjørkeskog\",\"newPassword\":\"short\"}"),
                400, "/newPassword");
        assertThat(me.post("/api/me/password",
                "{\"currentPassword\":\"fjellvatn og bjørkeskog\",\"newPassword\":\"elg i skogen om hausten\"}").status())
                .isEqualTo(204);
        assertThat(me.get("/api/me").status()).isEqualTo(401);
        assertThat(api().as(username, "elg i skogen om hausten").get("/api/me").status()).isEqualTo(200);
        assertThat(api().post("/api/me/password", "{}").status()).isEqualTo(401);
    }

    @Test
    void theAdminReadsRecentSignInsWithoutPasswords() {
        api().as("planner-4028", DEMO_PASSWORD).get("/api/me");
        Api.Response r = admin().get("/api/admin/sign-ins?limit=5");
        assertThat(r.status()).isEqualTo(200);
        JsonNode list = r.json().path("signIns");
        assertThat(list.size()).isBetween(1, 5);
        JsonNode first = list.get(0);
        assertThat(first.propertyNames()).contains("username", "outcome", "method", "clientAddress", "userAgent", "at");
        assertThat(r.body()).doesNotContain(DEMO_PASSWORD, ADMIN_PASSWORD);
        isProblem(admin().get("/api/admin/sign-ins?limit=0"), 400, "?limit");
        isProblem(admin().get("/api/admin/sign-ins?limit=abc"), 400, "?limit");
    }
}
