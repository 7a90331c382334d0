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
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import no.arealbank.SampleRegionTest;

/**
 * The plumbing of every browser test: Debian Chromium, headless, driven through the system's chromedriver (so Selenium
 * Manager never downloads anything), one browser per test class against the whole application with the sample region.
 * Screenshots go to {@code target/screenshots/}; the one in {@code docs/} is copied from there by hand.
 */
@Tag("browser")
public abstract class BrowserTest extends SampleRegionTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    protected static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);
    /** Offline, Kartverket's background cannot load; the page then keeps its own land fill. Nothing else may fail. */
    private static final Pattern EXPECTED_NETWORK_ERRORS = Pattern.compile("cache\\.kartverket\\.no");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^(\\d+)");

    private static final String ANIMATIONS_DONE = """
            return !document.querySelector('.leaflet-zoom-anim')
              && [...document.querySelectorAll('.leaflet-popup')].every((e) => getComputedStyle(e).opacity === '1');
            """;

    /**
     * Contrast of each visible text node's element against its composited background (ancestors' background colours,
     * blended by alpha, down to the page). Large text (24 px, or 18.66 px bold) needs 3:1, other text 4.5:1. Placeholders
     * are measured too. Answers the failures as strings, with the first few characters of the text.
     */
    protected static final String CONTRAST_FAILURES = """
            const parse = (c) => {
              const m = /rgba?\\(([^)]+)\\)/.exec(c);
              if (!m) return null;
              const [r, g, b, a = 1] = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
              return { r, g, b, a };
            };
            const blend = (top, under) => ({ r: top.r * top.a + under.r * (1 - top.a),
              g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1 });
            const lum = ({ r, g, b }) => [r, g, b].map((v) => { v /= 255;
                return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
              .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
            const ratio = (x, y) => { const [a, b] = [lum(x), lum(y)].sort((p, q) => q - p); return (a + 0.05) / (b + 0.05); };
            const background = (el) => {
              const stack = [];
              for (let e = el; e; e = e.parentElement) {
                const c = parse(getComputedStyle(e).backgroundColor);
                if (c && c.a > 0) { stack.push(c); if (c.a >= 1) break; }
              }
              return stack.reverse().reduce((under, top) => blend(top, under), { r: 255, g: 255, b: 255, a: 1 });
            };
            const visible = (el) => { const r = el.getBoundingClientRect(); const cs = getComputedStyle(el);
              return r.width > 1 && r.height > 1 && cs.visibility === 'visible' && cs.opacity !== '0'
                && !el.closest('[hidden], .visually-hidden, [aria-hidden=true]'); };
            const large = (cs) => { const px = parseFloat(cs.fontSize); const bold = Number(cs.fontWeight) >= 700;
              return px >= 24 || (bold && px >= 18.66); };
            const failures = [];
            let checked = 0;
            for (const el of document.body.querySelectorAll('*')) {
              const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
              const cs = getComputedStyle(el);
              if (!text || !visible(el) || el.disabled || ['SCRIPT', 'STYLE', 'OPTION'].includes(el.tagName)) continue;
              checked++;
              const bg = background(el);
              const fg = blend(parse(cs.color), bg);
              const r = ratio(fg, bg);
              if (r < (large(cs) ? 3 : 4.5)) failures.push(`${r.toFixed(2)}: ${el.tagName}.${el.className} '${text.slice(0, 30)}' ${cs.color} on ${JSON.stringify(bg)}`);
            }
            for (const input of document.querySelectorAll('input[placeholder]')) {
              if (!input.placeholder || !visible(input)) continue;
              checked++;
              const bg = background(input);
              const r = ratio(blend(parse(getComputedStyle(input, '::placeholder').color), bg), bg);
              if (r < 4.5) failures.push(`${r.toFixed(2)}: placeholder of #${input.id}`);
            }
            return { checked, failures };
            """;

    protected static ChromeDriver driver;
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

    protected void open(String path) {
        driver.get("about:blank"); // a new document each time, also when only the #view differs
        driver.get("http://127.0.0.1:" + port + path);
        new WebDriverWait(driver, LOAD_TIMEOUT).until(d -> !"loading".equals(bodyState()));
    }

    /** Signs in through the form login (as the sign-in page posts it) in the browser's own session. */
    protected void signIn(String username, String password) {
        driver.manage().deleteAllCookies();
        driver.get("http://127.0.0.1:" + port + "/login");
        Object status = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = decodeURIComponent((/(?:^|;\\s*)XSRF-TOKEN=([^;]+)/.exec(document.cookie) || [])[1] || '');
                fetch('/login', { method: 'POST', redirect: 'manual', headers: { 'X-XSRF-TOKEN': token },
                    body: new URLSearchParams({ username: arguments[0], password: arguments[1] }) })
                  .then(() => fetch('/api/me')).then((r) => done(r.status), (e) => done(String(e)));
                """, username, password);
        assertThat(status).as("signed in: /api/me").isEqualTo(200L);
    }

    protected String bodyState() {
        return driver.findElement(By.tagName("body")).getAttribute("data-state");
    }

    protected String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /** A script's answer that is a list, as strings. */
    protected List<String> strings(String script) {
        return ((List<?>) js(script)).stream().map(String::valueOf).toList();
    }

    protected Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    protected static int leadingNumber(String status) {
        Matcher m = LEADING_NUMBER.matcher(status.replaceAll("[\\s\\u00a0\\u202f]", ""));
        assertThat(m.find()).as("a number first in '%s'", status).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** Like {@link #assertNoConsoleErrors()}, but answers the test expects (a 412 it provokes) may be logged. */
    protected void assertNoConsoleErrorsBut(Pattern expected) {
        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> !EXPECTED_NETWORK_ERRORS.matcher(e.getMessage()).find())
                .filter(e -> !expected.matcher(e.getMessage()).find()).toList();
        assertThat(severe).as("SEVERE browser console entries").isEmpty();
    }

    protected void assertNoConsoleErrors() {
        assertNoConsoleErrorsBut(Pattern.compile("(?!)"));
    }

    /** Waits for Leaflet's fade and zoom animations to end, so the picture shows what a user sees. */
    protected void screenshot(String name) {
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
