package no.arealbank.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import no.arealbank.Gdal;
import no.arealbank.web.BrowserTest;

/** The import page in a real browser: a file with errors is reported and nothing is written; a clean one commits. */
class ImportPageBrowserIT extends BrowserTest {

    /** The sign-in page asks /api/me before anyone is signed in; a refused commit is a 422 on purpose. */
    private static final Pattern EXPECTED = Pattern.compile("/api/me - Failed to load resource: .* 401");

    @TempDir
    Path tmp;

    @Test
    void anImportWithErrorsShowsTheReportAndPreviewAndCommitsNothing() {
        String before = databaseFingerprint();
        ImportIT.FileBuilder file = new ImportIT.FileBuilder(ImportIT.spot(jdbc, "4028"));
        file.plot("Grei tomt");
        file.bowtie("Sløyfe");
        file.line("Gjerde");
        file.plot("Negativ").set("pris", -5);
        Path path = file.write(tmp.resolve("med-feil.geojson"));

        signIn("planner-4028", DEMO_PASSWORD);
        upload(path, "4028");
        String report = text("#report");
        assertThat(report).contains("Grei tomt", "Sløyfe", "invalid_geometry", "Negativ");
        assertThat(driver.findElements(By.cssSelector("#report tbody tr.invalid"))).hasSizeGreaterThanOrEqualTo(2);
        List<String> colours = strings("return window.arealbankImport.layer.getLayers().map((l) => l.options.color)");
        assertThat(colours).as("features in the preview map").hasSizeGreaterThanOrEqualTo(3);
        assertThat(colours).as("invalid features drawn red, valid ones green").contains("#b00020", "#1b7f3b");
        WebElement invalidRow = driver.findElement(By.cssSelector("#report tbody tr.invalid"));
        invalidRow.click();
        assertThat(js("return window.arealbankImport.selected")).as("a report row zooms the preview to its feature")
                .isEqualTo(Long.valueOf(invalidRow.getAttribute("data-ordinal")));
        WebElement commit = driver.findElement(By.id("commit"));
        assertThat(commit.isEnabled()).as("commit is blocked while there are errors").isFalse();
        assertThat(text("#commit-hint")).isNotBlank();
        screenshot("import-report.png");
        Map<?, ?> contrast = (Map<?, ?>) js(CONTRAST_FAILURES);
        assertThat((List<?>) contrast.get("failures")).as("texts below WCAG AA contrast on the import page").isEmpty();

        driver.findElement(By.id("discard")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> driver.findElement(By.id("report")).isDisplayed() == false);
        assertThat(databaseFingerprint()).as("nothing written").isEqualTo(before);
        assertNoConsoleErrorsBut(EXPECTED);
    }

    /** The newcomer planner: five plots from a GeoPackage, checked and committed from the page. */
    @Test
    void fivePlotsFromAGeoPackageAreCommittedAsDrafts() {
        ImportIT.FileBuilder file = new ImportIT.FileBuilder(ImportIT.spot(jdbc, "4028"));
        String prefix = "Pakketomt " + System.nanoTime() + " ";
        for (int i = 1; i <= 5; i++) {
            file.plot(prefix + i);
        }
        Path geojson = file.write(tmp.resolve("src.geojson"));
        Gdal.run(tmp, Map.of(), "ogr2ogr", "-f", "GPKG", "tomter.gpkg", geojson.toString(), "-nln", "tomter").assertOk();

        signIn("planner-4028", DEMO_PASSWORD);
        upload(tmp.resolve("tomter.gpkg"), "4028");
        assertThat(driver.findElements(By.cssSelector("#report tbody tr.valid"))).hasSize(5);
        WebElement commit = driver.findElement(By.id("commit"));
        assertThat(commit.isEnabled()).isTrue();
        commit.click();
        driver.switchTo().alert().accept();
        new WebDriverWait(driver, Duration.ofSeconds(60)).withMessage(() -> "committed; status: " + text("#status"))
                .until(d -> "committed".equals(js("return document.body.dataset.importStatus")));
        List<Map<String, Object>> rows = jdbc.sql("SELECT name, published FROM plot WHERE name LIKE :p ORDER BY name")
                .param("p", prefix + "%").query().listOfRows();
        assertThat(rows).hasSize(5);
        assertThat(rows).allSatisfy(r -> assertThat(r.get("published")).isEqualTo(false));
        assertThat(text("#result")).contains("5");
        assertNoConsoleErrorsBut(EXPECTED);
    }

    private void upload(Path file, String municipality) {
        driver.get("http://127.0.0.1:" + port + "/import.html");
        new WebDriverWait(driver, LOAD_TIMEOUT).until(d -> "ready".equals(bodyState()));
        new Select(driver.findElement(By.id("municipality"))).selectByValue(municipality);
        driver.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        driver.findElement(By.id("upload")).click();
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .withMessage(() -> "import ready; status: " + text("#status") + "; message: " + text("#message"))
                .until(d -> "ready".equals(js("return document.body.dataset.importStatus"))
                        && d.findElement(By.id("report")).isDisplayed());
    }
}
