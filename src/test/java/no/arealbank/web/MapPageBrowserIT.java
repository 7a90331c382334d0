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
    private static final Pattern LEADING_NUMBER = Pattern.compile("^(\\d+)");

    /** A plot element that is drawn on top at its own centre, so a click there reaches that plot. */
    private static final String TOPMOST_PLOT = """
            const selector = arguments[0];
            for (const el of document.querySelectorAll(selector)) {
              const r = el.getBoundingClientRect();
              const x = r.left + r.width / 2, y = r.top + r.height / 2;
              if (r.width > 0 && x > 60 && y > 80 && x < window.innerWidth - 260 && y < window.innerHeight - 60
                  && document.elementFromPoint(x, y) === el) {
                return el;
              }
            }
            return null;
            """;

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
        assertThat(driver.findElements(By.cssSelector(".leaflet-overlay-pane path.plot-shape"))).hasSize(status);
        // at the overview zoom every plot also has a marker, so it can be seen and clicked
        assertThat(driver.findElements(By.cssSelector(".leaflet-overlay-pane path.plot-marker"))).hasSize(status);
        assertThat(driver.findElements(By.cssSelector(".municipality-label"))).hasSize(8);
        assertThat(driver.findElements(By.cssSelector("path.business-hub"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("path.centre"))).hasSize(8);
        assertThat(text("#legend")).contains("Bustad", "Fritidsbustad", "Næring", "Kombinert", "Ledig", "Seld");
        assertThat(text(".map-attribution")).contains("Kommunegrenser © Kartverket, CC BY 4.0", "sample data");

        screenshot("map-overview.png");
        assertNoConsoleErrors();
    }

    @Test
    void clickingAPlotOpensAPopupWithItsNameAndZoomToPlotShowsItsOutline() {
        open("/");
        WebElement marker = topmostPlot("path.plot-marker");
        String id = marker.getAttribute("data-plot-id");
        String name = plotName(id);

        marker.click();
        WebElement popup = awaitPopup(name);
        assertThat(popup.getText()).contains("Kommune", "Formål", "Areal", "m²", "Pris", "Status",
                "Fast busetnad tillaten", "Næraste næringshage");
        screenshot("map.png");

        popup.findElement(By.cssSelector("button.plot-popup-zoom")).click();
        new WebDriverWait(driver, Duration.ofSeconds(5))
                .until(d -> d.findElements(By.cssSelector("path.plot-marker")).isEmpty());
        WebElement shape = topmostPlot("path.plot-shape[data-plot-id='" + id + "']");
        assertThat(shape.getRect().getWidth()).as("plot outline width in px after 'Zoom til tomta'")
                .isGreaterThan(20);
        shape.click();
        awaitPopup(name);
        screenshot("map-plot.png");
        assertNoConsoleErrors();
    }

    /** A view in the address (#zoom/lat/lon, here Vest-Telemark) wins over the overview of all municipalities. */
    @Test
    void opensTheViewGivenInTheAddress() {
        open("/#9.25/59.4/8.3");
        assertThat(bodyState()).isEqualTo("ready");
        // the page keeps the address in step with the view (after its first 'moveend'); the view is the one asked for
        new WebDriverWait(driver, Duration.ofSeconds(5))
                .until(d -> "#9.25/59.40000/8.30000".equals(js("return window.location.hash")));
        assertThat(((Number) js("return window.arealbank.plotCount")).intValue()).isGreaterThanOrEqualTo(150);
        WebElement marker = topmostPlot("path.plot-marker");
        String name = plotName(marker.getAttribute("data-plot-id"));
        marker.click();
        awaitPopup(name);
        screenshot("map-region.png");
        assertNoConsoleErrors();
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

    private String plotName(String id) {
        Api.Response plot = api().get("/api/plots/" + id);
        assertThat(plot.status()).as("GET /api/plots/%s", id).isEqualTo(200);
        return plot.json().path("properties").path("name").asString();
    }

    /** The open plot popup showing that name; an earlier popup may still be fading out, so each try looks again. */
    private WebElement awaitPopup(String plotName) {
        return new WebDriverWait(driver, Duration.ofSeconds(5)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector(".leaflet-popup-content .plot-popup")).stream()
                        .filter(p -> plotName.equals(p.findElement(By.cssSelector(".plot-popup-title")).getText()))
                        .findFirst().orElse(null));
    }

    private String bodyState() {
        return driver.findElement(By.tagName("body")).getAttribute("data-state");
    }

    private String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private WebElement topmostPlot(String selector) {
        Object found = js(TOPMOST_PLOT, selector);
        assertThat(found).as("a plot (%s) not covered by another element", selector).isInstanceOf(WebElement.class);
        return (WebElement) found;
    }

    private static int leadingNumber(String status) {
        Matcher m = LEADING_NUMBER.matcher(status.replaceAll("[\\s\\u00a0\\u202f]", ""));
        assertThat(m.find()).as("a number first in '%s'", status).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private void assertNoConsoleErrors() {
        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
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
