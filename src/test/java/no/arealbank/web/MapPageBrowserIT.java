package no.arealbank.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import no.arealbank.Api;
import no.arealbank.SampleRegionTest;

/**
 * The map page in a real browser (Debian Chromium, headless) against the whole application with the sample
 * region. Uses the system's chromedriver, so Selenium Manager never downloads anything. Screenshots go to
 * {@code target/screenshots/}; the one in {@code docs/} is copied from there by hand.
 */
@Tag("browser")
class MapPageBrowserIT extends SampleRegionTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);
    /** Offline, Kartverket's background cannot load; the page then keeps its own land fill. Nothing else may fail. */
    private static final Pattern EXPECTED_NETWORK_ERRORS = Pattern.compile("cache\\.kartverket\\.no");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^(\\d+)");

    private static final String ANIMATIONS_DONE = """
            return !document.querySelector('.leaflet-zoom-anim')
              && [...document.querySelectorAll('.leaflet-popup')].every((e) => getComputedStyle(e).opacity === '1');
            """;

    private static ChromeDriver driver;
    private static Path profile;

    @BeforeAll
    static void startBrowser() throws IOException {
        assertThat(CHROMIUM).as("Debian package chromium").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian package chromium-driver").isExecutable();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("arealbank-chromium-");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);

        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(LOAD_TIMEOUT);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @BeforeEach
    void drainConsole() {
        driver.manage().logs().get(LogType.BROWSER); // what an earlier test left
    }

    @Test
    void loadsTheMapWithEveryPublishedPlotAndNoConsoleErrors() {
        open("/");
        assertThat(bodyState()).as("page state; message: %s", text("#message")).isEqualTo("ready");
        assertThat(driver.getTitle()).contains("Arealbank");
        assertThat(text("h1")).isEqualTo("Arealbank");
        assertThat(driver.findElement(By.id("message")).isDisplayed()).isFalse();

        long published = jdbc.sql("SELECT count(*) FROM plot WHERE published AND archived_at IS NULL")
                .query(Long.class).single();
        int status = leadingNumber(text("#status"));
        assertThat(status).as("#status: %s", text("#status")).isGreaterThanOrEqualTo(150).isEqualTo((int) published);
        assertThat(((Number) js("return window.arealbank.plotCount")).intValue()).isEqualTo(status);
        assertThat(js("return window.arealbank.vectorTiles")).as("Leaflet.VectorGrid loaded").isEqualTo(true);
        // at the overview zoom every plot has a marker, so it can be seen and clicked
        assertThat(driver.findElements(By.cssSelector(".leaflet-markers-pane path.plot-marker, path.plot-marker")))
                .hasSize(status);
        assertThat(leadingNumber(text("#result-count"))).isEqualTo(status);
        assertThat(driver.findElements(By.cssSelector("#results button.result"))).hasSize(status);
        assertThat(driver.findElements(By.cssSelector(".municipality-label"))).hasSize(8);
        assertThat(driver.findElements(By.cssSelector("path.business-hub"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("path.centre"))).hasSize(8);
        assertThat(text("#legend")).contains("Bustad", "Fritidsbustad", "Næring", "Kombinert", "Ledig", "Seld",
                "Næringshage", "Kommunesenter");
        assertThat(text(".map-attribution")).contains("Kommunegrenser © Kartverket, CC BY 4.0", "eksempeldata");

        screenshot("map-overview.png");
        assertNoConsoleErrors();
    }

    /** The vector tiles draw the plot where it is, and a click on it opens its sheet. */
    @Test
    void plotTilesRenderAndClickingAPlotOpensItsSheet() {
        Plot plot = largestPlot("p.availability = 'available'");
        open("/?bg=none#16.5/" + plot.lat() + "/" + plot.lon());
        new WebDriverWait(driver, LOAD_TIMEOUT).until(d -> !d.findElements(By.cssSelector("svg path.plot-tile")).isEmpty());
        WebElement atPlot = (WebElement) js("""
                const map = window.arealbank.map;
                const p = map.latLngToContainerPoint([arguments[0], arguments[1]]);
                const r = map.getContainer().getBoundingClientRect();
                return document.elementFromPoint(r.left + p.x, r.top + p.y);
                """, plot.lat(), plot.lon());
        assertThat(atPlot.getAttribute("class")).as("element drawn at the plot's centre").contains("plot-tile");
        screenshot("map-tiles.png");

        atPlot.click();
        awaitSheet(plot.name());
        assertThat(text("#sheet")).contains("Areal", "m²", "Pris", "Tillaten bruk", "Fast busetnad tillaten",
                "Næraste næringshage", "Næraste kommunesenter", "Kontakt", "Send førespurnad");
        assertThat((String) js("return window.location.search")).contains("plot=" + plot.id());
        screenshot("map-plot.png");
        assertNoConsoleErrors();
    }

    /** The newcomer's question: available business plots over 2,000 m² in Kviteseid. Map, list and API agree. */
    @Test
    void aFilterChangesMapAndListLikeTheApi() {
        open("/?bg=none");
        new Select(driver.findElement(By.id("f-municipality"))).selectByValue("4028");
        new Select(driver.findElement(By.id("f-purpose"))).selectByValue("business");
        driver.findElement(By.id("f-available")).click();
        driver.findElement(By.id("f-minArea")).sendKeys("2000");
        new Select(driver.findElement(By.id("f-sort"))).selectByValue("-area");

        Api.Response answer = api().get(
                "/api/plots?municipality=4028&purpose=business&availability=available&minArea=2000&sort=-area&limit=1000");
        assertThat(answer.status()).isEqualTo(200);
        int matched = answer.json().path("numberMatched").asInt();
        assertThat(matched).isPositive();
        List<String> apiIds = new java.util.ArrayList<>();
        answer.json().path("features").forEach(f -> apiIds.add(f.path("properties").path("id").asString()));

        // the list re-renders while the filters settle: read ids in one script call until they match
        String listedIds = "return [...document.querySelectorAll('#results button.result')].map(b => b.dataset.plotId)";
        String markerIds = "return [...document.querySelectorAll('path.plot-marker:not(.plot-hidden)')]"
                + ".map(m => m.getAttribute('data-plot-id'))";
        try {
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> leadingNumber(text("#result-count")) == matched
                    && apiIds.equals(strings(listedIds))
                    && new java.util.HashSet<>(apiIds).equals(new java.util.HashSet<>(strings(markerIds))));
        } catch (org.openqa.selenium.TimeoutException e) {
            assertThat(strings(listedIds)).as("list, in the API's order").containsExactlyElementsOf(apiIds);
            assertThat(strings(markerIds)).as("plots shown on the map").containsExactlyInAnyOrderElementsOf(apiIds);
            throw e;
        }
        assertThat(text("#status")).contains(String.valueOf(matched));
        assertThat((String) js("return window.location.search"))
                .contains("municipality=4028", "purpose=business", "minArea=2000", "available=true");
        screenshot("map-filter.png");
        assertNoConsoleErrors();
    }

    @Test
    void thePermalinkRestoresViewFiltersAndTheOpenPlot() {
        Plot plot = largestPlot("p.municipality_number = '4028' AND p.purpose = 'business'");
        open("/?municipality=4028&purpose=business&minArea=1000&bg=none&plot=" + plot.id() + "#12/59.40000/8.50000");
        awaitSheet(plot.name());
        assertThat(new Select(driver.findElement(By.id("f-municipality"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("4028");
        assertThat(new Select(driver.findElement(By.id("f-purpose"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("business");
        assertThat(driver.findElement(By.id("f-minArea")).getAttribute("value")).isEqualTo("1000");
        int matched = api().get("/api/plots?municipality=4028&purpose=business&minArea=1000&limit=1")
                .json().path("numberMatched").asInt();
        assertThat(leadingNumber(text("#result-count"))).isEqualTo(matched);
        // the view asked for (the sheet opening beside the map may move the centre by a fraction of a pixel)
        String[] view = ((String) js("return window.location.hash")).substring(1).split("/");
        assertThat(Double.parseDouble(view[0])).isEqualTo(12.0);
        assertThat(Double.parseDouble(view[1])).isCloseTo(59.4, org.assertj.core.data.Offset.offset(0.001));
        assertThat(Double.parseDouble(view[2])).isCloseTo(8.5, org.assertj.core.data.Offset.offset(0.001));
        assertNoConsoleErrors();
    }

    /** Client-side checks first; then the enquiry goes to the server and is stored. */
    @Test
    void anEnquiryIsValidatedAndStored() {
        Plot plot = largestPlot("p.availability = 'available'");
        open("/?bg=none&plot=" + plot.id());
        awaitSheet(plot.name());
        driver.findElement(By.cssSelector("#enquiry summary")).click();
        driver.findElement(By.cssSelector("#enquiry button[type=submit]")).click();
        assertThat(text("#enquiry-name-error")).isEqualTo("Må fyllast ut.");
        driver.findElement(By.id("enquiry-email")).sendKeys("not-an-address");
        driver.findElement(By.cssSelector("#enquiry button[type=submit]")).click();
        assertThat(text("#enquiry-email-error")).isEqualTo("Skriv ei gyldig e-postadresse.");

        long before = jdbc.sql("SELECT count(*) FROM enquiry").query(Long.class).single();
        driver.findElement(By.id("enquiry-name")).sendKeys("Kari Nordmann");
        driver.findElement(By.id("enquiry-email")).clear();
        driver.findElement(By.id("enquiry-email")).sendKeys("kari@example.org");
        driver.findElement(By.id("enquiry-message")).sendKeys("Er tomta framleis ledig?");
        driver.findElement(By.cssSelector("#enquiry button[type=submit]")).click();
        // the form is replaced by the outcome; read its class and text in one script call (no stale element)
        String outcome = new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> (String) js(
                "const e = document.querySelector('[data-testid=enquiry-result]');"
                        + " return e && e.textContent.trim() ? e.className + '|' + e.textContent.trim() : null;"));
        screenshot("map-enquiry.png");
        String[] parts = outcome.split("\\|", 2);
        assertThat(parts[0]).as("the page said: " + parts[1]).contains("ok");
        assertThat(parts[1]).startsWith("Takk!");
        assertThat(jdbc.sql("SELECT count(*) FROM enquiry").query(Long.class).single()).isEqualTo(before + 1);
        assertNoConsoleErrors();
    }

    @Test
    void onAPhoneTheMapFillsTheScreenAndTheFilterPanelIsOneTapAway() {
        try {
            driver.manage().window().setSize(new Dimension(360, 740));
            open("/?bg=none");
            WebElement map = driver.findElement(By.id("map"));
            assertThat(map.isDisplayed()).isTrue();
            assertThat(map.getSize().getHeight()).isGreaterThan(400);
            assertThat(driver.findElement(By.id("f-municipality")).isDisplayed()).isFalse();
            WebElement toggle = driver.findElement(By.id("panel-toggle"));
            assertThat(toggle.isDisplayed()).isTrue();
            toggle.click();
            WebElement municipality = driver.findElement(By.id("f-municipality"));
            assertThat(municipality.isDisplayed()).isTrue();
            assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
            new Select(municipality).selectByValue("4036");
            new WebDriverWait(driver, Duration.ofSeconds(10))
                    .until(d -> leadingNumber(text("#result-count")) == api()
                            .get("/api/plots?municipality=4036&limit=1").json().path("numberMatched").asInt());
            screenshot("phone.png");
            assertNoConsoleErrors();
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    /** The region panel: one bar per municipality, largest available area first, totals as /api/stats/region. */
    @Test
    void theRegionPanelChartsAvailableLandPerMunicipality() {
        tools.jackson.databind.JsonNode stats = api().get("/api/stats/region").json();
        long plots = stats.path("total").path("plots").asLong();
        assertThat(plots).isPositive().isLessThan(1000); // written without a thousands separator
        String largest = null;
        double largestArea = -1;
        for (tools.jackson.databind.JsonNode m : stats.path("municipalities")) {
            double area = m.path("total").path("areaM2").asDouble();
            if (area > largestArea) {
                largestArea = area;
                largest = m.path("name").asString();
            }
        }
        open("/?bg=none");
        driver.findElement(By.id("tab-region")).click();
        int municipalities = stats.path("municipalities").size();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("#region-chart .bars li")).size() == municipalities);
        assertThat(text("#region-chart .region-total")).contains(" " + plots + " ");
        assertThat(text("#region-chart .bars li:first-child .bar-label")).isEqualTo(largest);
        assertThat(driver.findElements(By.cssSelector("#region-chart .bars li:first-child .seg"))).isNotEmpty();
        assertNoConsoleErrors();
    }

    @Test
    void theLanguageSwitchTranslatesTheLabelsAndIsKeptInTheAddress() {
        open("/?bg=none");
        assertThat(text("label[for=f-purpose]")).isEqualTo("Formål");
        new Select(driver.findElement(By.id("lang"))).selectByValue("en");
        assertThat(text("label[for=f-municipality]")).isEqualTo("Municipality");
        assertThat(text("#tab-filter")).isEqualTo("Find land");
        assertThat(text("#legend")).contains("Housing", "Business", "Sold");
        assertThat(text("#result-count")).contains("plots match");
        assertThat((String) js("return document.documentElement.lang")).isEqualTo("en");
        String url = driver.getCurrentUrl();
        assertThat(url).contains("lang=en");
        new Select(driver.findElement(By.id("lang"))).selectByValue("nb");
        assertThat(text("#tab-filter")).isEqualTo("Finn tomt");
        assertThat(text("label[for=f-purpose]")).isEqualTo("Formål");
        assertThat(text("#filters")).contains("Fast bosetting tillatt");
        driver.get("about:blank");
        driver.get(url);
        new WebDriverWait(driver, LOAD_TIMEOUT).until(d -> "ready".equals(bodyState()));
        assertThat(text("label[for=f-municipality]")).isEqualTo("Municipality");
        js("localStorage.clear()");
        assertNoConsoleErrors();
    }

    /** The search box suggests places (Dalen) and is driven by the keyboard: arrows, Enter, Escape. */
    @Test
    void theSearchBoxSuggestsPlacesAndWorksByKeyboard() {
        open("/?bg=none");
        WebElement box = driver.findElement(By.id("search-input"));
        box.sendKeys("Dalen");
        new WebDriverWait(driver, Duration.ofSeconds(5))
                .until(d -> d.findElement(By.id("search-list")).isDisplayed());
        assertThat(box.getAttribute("aria-expanded")).isEqualTo("true");
        assertThat(text("#search-list")).contains("Dalen");
        box.sendKeys(Keys.ARROW_DOWN);
        assertThat(box.getAttribute("aria-activedescendant")).isEqualTo("search-opt-0");
        box.sendKeys(Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(5))
                .until(d -> ((Number) js("return window.arealbank.map.getZoom()")).doubleValue() >= 12);
        assertThat(driver.findElement(By.id("search-list")).isDisplayed()).isFalse();
        box.sendKeys(Keys.BACK_SPACE);
        new WebDriverWait(driver, Duration.ofSeconds(5))
                .until(d -> d.findElement(By.id("search-list")).isDisplayed());
        box.sendKeys(Keys.ESCAPE);
        assertThat(driver.findElement(By.id("search-list")).isDisplayed()).isFalse();
    }

    @Test
    void turnsAProblemFromTheApiIntoAReadableMessage() {
        open("/");
        Object message = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/js/api.js')
                  .then((api) => api.fetchPlots({ limit: 'many' }))
                  .then(() => done('no error'), (e) => done(e.name + ': ' + e.status + ': ' + e.message));
                """);
        assertThat(message).isEqualTo("ApiError: 400: Bad parameter: ?limit: 'many' is not a number");
    }

    private void open(String path) {
        driver.get("about:blank"); // a new document each time, also when only the #view differs
        driver.get("http://127.0.0.1:" + port + path);
        new WebDriverWait(driver, LOAD_TIMEOUT).until(d -> !"loading".equals(bodyState()));
    }

    private record Plot(long id, String name, double lat, double lon) {
    }

    private Plot largestPlot(String where) {
        return jdbc.sql("""
                SELECT p.id, p.name, ST_Y(c) AS lat, ST_X(c) AS lon FROM (SELECT p.*,
                    ST_Transform(ST_PointOnSurface(p.geom), 4326) AS c FROM plot p) p
                WHERE p.published AND p.archived_at IS NULL AND %s ORDER BY p.area_m2 DESC LIMIT 1
                """.formatted(where))
                .query((rs, n) -> new Plot(rs.getLong("id"), rs.getString("name"), rs.getDouble("lat"),
                        rs.getDouble("lon"))).single();
    }

    private WebElement awaitSheet(String plotName) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    WebElement sheet = d.findElement(By.id("sheet"));
                    return sheet.isDisplayed() && plotName.equals(text("#sheet-title")) ? sheet : null;
                });
    }

    private String bodyState() {
        return driver.findElement(By.tagName("body")).getAttribute("data-state");
    }

    private String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /** A script's answer that is a list, as strings. */
    private List<String> strings(String script) {
        return ((List<?>) js(script)).stream().map(String::valueOf).toList();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static int leadingNumber(String status) {
        Matcher m = LEADING_NUMBER.matcher(status.replaceAll("[\\s\\u00a0\\u202f]", ""));
        assertThat(m.find()).as("a number first in '%s'", status).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private void assertNoConsoleErrors() {
        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> !EXPECTED_NETWORK_ERRORS.matcher(e.getMessage()).find()).toList();
        assertThat(severe).as("SEVERE browser console entries").isEmpty();
    }

    /** Waits for Leaflet's fade and zoom animations to end, so the picture shows what a user sees. */
    private void screenshot(String name) {
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> Boolean.TRUE.equals(js(ANIMATIONS_DONE)));
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
