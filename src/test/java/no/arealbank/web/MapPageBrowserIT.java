package no.arealbank.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import no.arealbank.Api;

/**
 * The map page in a real browser (Debian Chromium, headless) against the whole application with the sample
 * region. Uses the system's chromedriver, so Selenium Manager never downloads anything. Screenshots go to
 * {@code target/screenshots/}; the one in {@code docs/} is copied from there by hand.
 */
class MapPageBrowserIT extends BrowserTest {

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
        assertThat(driver.findElement(By.cssSelector("[data-testid=planner-link]")).getAttribute("href"))
                .as("planners find their way in").endsWith("/planner.html");

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
        // a fractional zoom would scale the tiles and show seams where they meet; the address's 16.5 becomes 17
        assertThat(((Number) js("return window.arealbank.map.getZoom()")).doubleValue()).isEqualTo(17.0);
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

    /**
     * The two newcomer questions, asked the way a newcomer would: through the search box and the filter panel.
     * The list must hold exactly the plots the API gives for the same question.
     */
    @Test
    void aNewcomerFindsBusinessPlotsWithFibreInKviteseid() {
        open("/?bg=none");
        new Select(driver.findElement(By.id("f-municipality"))).selectByVisibleText("Kviteseid");
        new Select(driver.findElement(By.id("f-purpose"))).selectByVisibleText("Næring");
        driver.findElement(By.id("f-available")).click();
        driver.findElement(By.id("f-minArea")).sendKeys("2000");
        driver.findElement(By.id("f-fibre")).click();

        List<String> expected = apiPlotNames(
                "/api/plots?municipality=4028&purpose=business&availability=available&minArea=2000&infra=fibre");
        assertThat(expected).as("the sample has an answer to this question").hasSizeGreaterThanOrEqualTo(3);
        awaitListedNames(expected);
        assertThat((String) js("return window.location.search")).contains("infra=fibre");
        screenshot("newcomer-business-fibre.png");
        assertNoConsoleErrors();
    }

    @Test
    void aNewcomerFindsHousingWithPermanentResidenceWithinFiveKilometresOfDalen() {
        open("/?bg=none");
        WebElement search = driver.findElement(By.id("search-input"));
        search.sendKeys("Dalen");
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> text("#search-list").contains("Dalen"));
        search.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        new Select(driver.findElement(By.id("f-municipality"))).selectByVisibleText("Tokke");
        new Select(driver.findElement(By.id("f-purpose"))).selectByVisibleText("Bustad");
        driver.findElement(By.id("f-permanent")).click();
        driver.findElement(By.id("f-maxCentre")).sendKeys("5");
        new Select(driver.findElement(By.id("f-sort"))).selectByValue("distanceCentre");

        List<String> expected = apiPlotNames("/api/plots?municipality=4034&purpose=housing&permanentResidence=true"
                + "&maxCentreDistance=5000&sort=distanceCentre");
        assertThat(expected).hasSizeGreaterThanOrEqualTo(3);
        awaitListedNames(expected);
        for (WebElement item : driver.findElements(By.cssSelector("#results button.result"))) {
            assertThat(item.getText()).as("each result says how far it is from Dalen").contains("Dalen:");
        }
        List<?> centre = (List<?>) js("const c = window.arealbank.map.getCenter(); return [c.lat, c.lng];");
        assertThat(((Number) centre.get(0)).doubleValue()).as("the map went to Dalen").isCloseTo(59.44, within(0.1));
        assertThat(((Number) centre.get(1)).doubleValue()).isCloseTo(8.0, within(0.15));
        screenshot("newcomer-housing-dalen.png");
        assertNoConsoleErrors();
    }

    /** Each overlay toggle in the layers tab adds its layer's tiles or shapes to the map and takes them away again. */
    @Test
    void theLayerTogglesShowAndHideEachOverlay() {
        List<Double> at = jdbc.sql("""
                SELECT ST_Y(c) AS lat, ST_X(c) AS lon FROM (SELECT ST_Transform(ST_PointOnSurface(z.geom), 4326) c
                  FROM zone z JOIN hazard_zone h ON ST_DWithin(z.geom, h.geom, 300) LIMIT 1) q
                """).query((rs, n) -> List.of(rs.getDouble("lat"), rs.getDouble("lon"))).single();
        open("/?bg=none#14/" + at.get(0) + "/" + at.get(1));
        driver.findElement(By.id("tab-layers")).click();
        assertThat(driver.findElement(By.id("layers")).isDisplayed()).isTrue();

        for (String overlay : List.of("zones", "hazards", "plans")) {
            String tiles = "img.leaflet-tile[src*='tiles/" + overlay + "/']";
            assertThat(driver.findElements(By.cssSelector(tiles))).as("%s off by default", overlay).isEmpty();
            overlayBox(overlay).click();
            new WebDriverWait(driver, LOAD_TIMEOUT).withMessage(overlay + " tiles with drawn pixels")
                    .until(d -> ((Number) js(DRAWN_PIXELS, tiles)).intValue() > 0);
            assertThat((String) js("return window.location.search")).contains(overlay);
            overlayBox(overlay).click();
            new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> d.findElements(By.cssSelector(tiles)).isEmpty());
        }

        assertThat(driver.findElements(By.cssSelector(".municipality-label"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("path.municipality-boundary"))).isNotEmpty();
        overlayBox("boundaries").click();
        awaitNone(".municipality-label, path.municipality-boundary"); // labels fade out (Leaflet, 200 ms)
        overlayBox("points").click();
        awaitNone("path.business-hub, path.centre");
        assertThat((String) js("return window.location.search")).contains("layers=none");
        overlayBox("points").click();
        assertThat(driver.findElements(By.cssSelector("path.centre"))).isNotEmpty();
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

    /** Non-transparent pixels in the loaded tile images that match the selector (same origin, so readable). */
    private static final String DRAWN_PIXELS = """
            return [...document.querySelectorAll(arguments[0])].filter((i) => i.complete && i.naturalWidth)
              .map((img) => { const c = document.createElement('canvas'); c.width = img.naturalWidth;
                c.height = img.naturalHeight; const g = c.getContext('2d'); g.drawImage(img, 0, 0);
                const px = g.getImageData(0, 0, c.width, c.height).data; let n = 0;
                for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++; return n; })
              .reduce((a, b) => a + b, 0);
            """;

    private void awaitNone(String css) {
        new WebDriverWait(driver, Duration.ofSeconds(5)).withMessage("no " + css)
                .until(d -> d.findElements(By.cssSelector(css)).isEmpty());
    }

    private WebElement overlayBox(String value) {
        return driver.findElement(By.cssSelector("input[name=overlay][value=" + value + "]"));
    }

    private List<String> apiPlotNames(String query) {
        Api.Response answer = api().get(query + "&limit=1000");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        answer.json().path("features").forEach(f -> names.add(f.path("properties").path("name").asString()));
        return names;
    }

    /** Waits until the result list shows exactly these plots, in this order (it re-renders while filters settle). */
    private void awaitListedNames(List<String> expected) {
        String listed = "return [...document.querySelectorAll('#results button.result .result-title')]"
                + ".map(b => b.textContent)";
        try {
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> expected.equals(strings(listed))
                    && leadingNumber(text("#result-count")) == expected.size());
        } catch (TimeoutException e) {
            assertThat(strings(listed)).as("result list").containsExactlyElementsOf(expected);
            throw e;
        }
    }
}
