package no.arealbank.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import no.arealbank.security.UserAccounts;

/**
 * The sign-in page and the admin page in a real browser (Debian Chromium, headless, the system's chromedriver): a
 * planner signs in through the form and lands on the workspace address with a working session, then signs out; a
 * wrong password shows the reason in the chosen language; a user changes their own password; a regional admin
 * creates and deactivates a user.
 */
class SignInBrowserIT extends BrowserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** The answer of GET /api/me for the browser's session: status and body. */
    private static final String ME = """
            const done = arguments[arguments.length - 1];
            fetch('/api/me', { headers: { 'X-Requested-With': 'XMLHttpRequest' } })
              .then(async (r) => done({ status: r.status, body: await r.text() }), (e) => done({ status: -1, body: String(e) }));
            """;

    @Autowired
    UserAccounts accounts;

    @BeforeEach
    void freshBrowser() {
        driver.get(base() + "/login.html");
        driver.manage().deleteAllCookies();
        js("localStorage.clear()");
    }

    @AfterEach
    void noLocksLeft() {
        jdbc.sql("DELETE FROM sign_in_throttle WHERE key IN ('user:planner-4028', 'address:127.0.0.1')").update();
    }

    @Test
    void aPlannerSignsInLandsOnTheWorkspaceAndSignsOut() {
        open("/login.html");
        assertThat(text("#sign-in-title")).isEqualTo("Logg inn");
        assertThat(driver.findElement(By.id("providers")).isDisplayed()).as("no OIDC configured").isFalse();
        signInThroughTheForm("planner-4028", DEMO_PASSWORD);

        new WebDriverWait(driver, TIMEOUT).until(d -> d.getCurrentUrl().endsWith("/planner.html"));
        Map<?, ?> me = (Map<?, ?>) ((JavascriptExecutor) driver).executeAsyncScript(ME);
        assertThat(me.get("status")).isEqualTo(200L);
        assertThat((String) me.get("body")).contains("\"username\":\"planner-4028\"", "\"municipalities\":[\"4028\"]");

        open("/login.html");
        assertThat(driver.findElement(By.id("signed-in")).isDisplayed()).isTrue();
        assertThat(text("#signed-in-as")).contains("planner-4028");
        assertThat(driver.findElement(By.id("to-admin")).isDisplayed()).as("a planner gets no admin link").isFalse();
        screenshot("signed-in.png");
        driver.findElement(By.id("sign-out")).click();
        // the map page then writes its view into the address (#zoom/lat/lon), so compare without it
        new WebDriverWait(driver, TIMEOUT).withMessage(() -> "at " + driver.getCurrentUrl())
                .until(d -> d.getCurrentUrl().replaceAll("[?#].*$", "").equals(base() + "/"));
        Map<?, ?> after = (Map<?, ?>) ((JavascriptExecutor) driver).executeAsyncScript(ME);
        assertThat(after.get("status")).isEqualTo(401L);
    }

    @Test
    void aWrongPasswordShowsTheReasonInTheChosenLanguage() {
        open("/login.html");
        signInThroughTheForm("planner-4028", "this is not the password");
        new WebDriverWait(driver, TIMEOUT).until(d -> d.getCurrentUrl().contains("/login.html?error=credentials"));
        new WebDriverWait(driver, TIMEOUT).until(d -> !"loading".equals(bodyState()));
        WebElement message = driver.findElement(By.id("sign-in-message"));
        assertThat(message.isDisplayed()).isTrue();
        assertThat(message.getText()).isEqualTo("Feil brukarnamn eller passord.");
        screenshot("sign-in-error.png");

        new Select(driver.findElement(By.id("lang"))).selectByValue("en");
        assertThat(message.getText()).isEqualTo("Wrong username or password.");
        assertThat(text("#sign-in-title")).isEqualTo("Sign in");
        new Select(driver.findElement(By.id("lang"))).selectByValue("nb");
        assertThat(message.getText()).isEqualTo("Feil brukernavn eller passord.");
        assertThat(text("label[for=username]")).isEqualTo("Brukernavn");
    }

    @Test
    void aRegionalAdminCreatesAndDeactivatesAUser() {
        String username = "browser-" + (System.nanoTime() % 1_000_000_000L);
        open("/login.html?continue=/admin.html");
        signInThroughTheForm("admin", ADMIN_PASSWORD);
        new WebDriverWait(driver, TIMEOUT).until(d -> d.getCurrentUrl().endsWith("/admin.html"));
        new WebDriverWait(driver, TIMEOUT).until(d -> !"loading".equals(bodyState()));
        assertThat(bodyState()).as("message: %s", text("#message")).isEqualTo("ready");
        assertThat(driver.findElements(By.cssSelector("#users tr[data-username='planner-4028']"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector("#sign-ins tbody tr"))).isNotEmpty();

        driver.findElement(By.id("c-username")).sendKeys(username);
        driver.findElement(By.id("c-displayName")).sendKeys("Nettlesar Testesen");
        driver.findElement(By.id("c-email")).sendKeys(username + "@seljord.kommune.no");
        driver.findElement(By.id("c-password")).sendKeys("gras og grus på vegen");
        driver.findElement(By.id("c-4022")).click();
        driver.findElement(By.id("create")).click();
        new WebDriverWait(driver, TIMEOUT).until(d ->
                !d.findElements(By.cssSelector("#users tr[data-username='" + username + "']")).isEmpty());
        assertThat(text("#message")).isEqualTo("Brukaren " + username + " er oppretta.");
        assertThat(jdbc.sql("""
                SELECT u.display_name || ' ' || string_agg(um.municipality_number, ',') FROM app_user u
                  JOIN app_user_municipality um ON um.user_id = u.id WHERE u.username = :u GROUP BY u.id""")
                .param("u", username).query(String.class).single()).isEqualTo("Nettlesar Testesen 4022");
        screenshot("admin-users.png");

        driver.findElement(By.cssSelector("#users tr[data-username='" + username + "'] button[data-action=deactivate]"))
                .click();
        // the table is drawn again after the change: look the row up afresh on each try
        new WebDriverWait(driver, TIMEOUT).ignoring(StaleElementReferenceException.class).until(d -> d.findElement(
                By.cssSelector("#users tr[data-username='" + username + "']")).getAttribute("class").contains("disabled"));
        assertThat(jdbc.sql("SELECT enabled FROM app_user WHERE username = :u").param("u", username)
                .query(Boolean.class).single()).isFalse();
    }

    @Test
    void aSignedInUserChangesTheirPasswordOnTheSignInPage() {
        String username = "browser-pw-" + (System.nanoTime() % 1_000_000_000L);
        accounts.save(username, "gamalt passord som er langt", false, "Passordbytar", Set.of("4030"));
        open("/login.html");
        signInThroughTheForm(username, "gamalt passord som er langt");
        new WebDriverWait(driver, TIMEOUT).until(d -> d.getCurrentUrl().endsWith("/planner.html"));
        open("/login.html");
        driver.findElement(By.cssSelector("#change-password summary")).click();
        driver.findElement(By.id("current-password")).sendKeys("gamalt passord som er langt");
        driver.findElement(By.id("new-password")).sendKeys("kort");
        driver.findElement(By.id("password-save")).click();
        new WebDriverWait(driver, TIMEOUT).until(d -> d.findElement(By.id("password-message")).isDisplayed());
        assertThat(text("#password-message")).startsWith("Passordet vart ikkje bytt:").contains("/newPassword");

        driver.findElement(By.id("current-password")).clear();
        driver.findElement(By.id("current-password")).sendKeys("gamalt passord som er langt");
        driver.findElement(By.id("new-password")).clear();
        driver.findElement(By.id("new-password")).sendKeys("nytt passord om vinteren");
        driver.findElement(By.id("password-save")).click();
        new WebDriverWait(driver, TIMEOUT).until(d -> "Passordet er bytt.".equals(text("#password-message")));
        Map<?, ?> me = (Map<?, ?>) ((JavascriptExecutor) driver).executeAsyncScript(ME);
        assertThat(me.get("status")).as("the session that changed the password carries on").isEqualTo(200L);
        assertThat(api().as(username, "nytt passord om vinteren").get("/api/me").status()).isEqualTo(200);
        assertThat(api().as(username, "gamalt passord som er langt").get("/api/me").status()).isEqualTo(401);
    }

    private void signInThroughTheForm(String username, String password) {
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in-button")).click();
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

}
