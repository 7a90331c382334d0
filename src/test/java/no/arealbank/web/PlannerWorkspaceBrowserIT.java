package no.arealbank.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import no.arealbank.Api;

/** The planner workspace in a real browser: drawing a plot by clicking, saving, publishing, and a conflict. */
class PlannerWorkspaceBrowserIT extends BrowserTest {

    private static final String PLANNER = "planner-4028";
    /** The sign-in page asks /api/me before anyone is signed in (401); the conflict is a 412 on purpose. */
    private static final Pattern EXPECTED = Pattern.compile("/api/me - Failed to load resource: .* 401|status of 412");

    @Test
    void aPlannerDrawsAPlotByClickingSavesItAndSeesItOnThePublicMapAfterPublishing() {
        signIn(PLANNER, DEMO_PASSWORD);
        // an empty spot in Kviteseid, well inside the boundary and away from every plot
        List<Double> at = jdbc.sql("""
                SELECT ST_Y(c) AS lat, ST_X(c) AS lon FROM (
                  SELECT ST_Transform(ST_PointOnSurface(ST_Buffer(m.boundary, -2000)), 4326) AS c
                    FROM municipality m WHERE m.number = '4028') q
                 WHERE NOT EXISTS (SELECT 1 FROM plot p WHERE ST_DWithin(p.geom, ST_Transform(q.c, 25832), 300))
                """).query((rs, n) -> List.of(rs.getDouble("lat"), rs.getDouble("lon"))).single();
        openWorkspace("4028");
        js("window.arealbankPlanner.map.setView([arguments[0], arguments[1]], 17, {animate: false})", at.get(0), at.get(1));

        driver.findElement(By.id("draw-plot")).click();
        WebElement map = driver.findElement(By.id("map"));
        Actions mouse = new Actions(driver);
        int[][] corners = {{-60, -40}, {60, -40}, {60, 40}, {-60, 40}, {-60, -40}};
        for (int[] c : corners) {
            mouse.moveToElement(map, c[0], c[1]).pause(Duration.ofMillis(150)).click().perform();
        }
        WebElement editor = new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("editor")).isDisplayed() ? d.findElement(By.id("editor")) : null);
        assertThat(text("#pf-area")).as("live area").matches("Areal: [\\d\\s\\u00a0\\u202f]+ m²");

        // the form checks like the API, in the chosen language
        driver.findElement(By.id("pf-save")).click();
        assertThat(text("#pf-name-error")).isEqualTo("Må fyllast ut.");
        assertThat(countPlots("Nettleitomt")).isZero();

        String name = "Nettleitomt " + System.nanoTime();
        driver.findElement(By.id("pf-name")).sendKeys(name);
        new Select(driver.findElement(By.id("pf-purpose"))).selectByValue("housing");
        driver.findElement(By.cssSelector("input[name=allowedUses][value=bustad]")).click();
        assertThat(text("#pf-permanent")).isEqualTo("Fast busetnad tillaten: Ja");
        driver.findElement(By.id("pf-priceTotal")).sendKeys("350000");
        driver.findElement(By.id("pf-save")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .withMessage(() -> "saved; the form says: " + text("#plot-form") + "; message: " + text("#message"))
                .until(d -> text("#pf-result").startsWith("Lagra"));

        Map<String, Object> saved = jdbc.sql("SELECT id, published, area_m2, municipality_number FROM plot WHERE name = :n")
                .param("n", name).query().singleRow();
        assertThat(saved.get("published")).as("a new plot is a draft").isEqualTo(false);
        assertThat(((Number) saved.get("area_m2")).doubleValue()).isBetween(1000.0, 20000.0);
        long id = ((Number) saved.get("id")).longValue();
        String tile = tileOver(id);
        assertThat(new String(api().bytes(tile).body(), StandardCharsets.ISO_8859_1)).as("draft not in public tile")
                .doesNotContain(name);

        driver.findElement(By.id("editor-close")).click();
        WebElement row = driver.findElement(By.cssSelector("#plot-list li[data-plot-id='" + id + "'] input[type=checkbox]"));
        row.click();
        driver.findElement(By.cssSelector(".bulk-actions button[data-action=publish]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(
                jdbc.sql("SELECT published FROM plot WHERE id = :id").param("id", id).query(Boolean.class).single()));
        screenshot("planner-workspace.png");

        Api.Bytes published = api().bytes(tileOver(id));
        assertThat(published.status()).isEqualTo(200);
        assertThat(new String(published.body(), StandardCharsets.ISO_8859_1)).as("published plot in public tile")
                .contains(new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        open("/?bg=none#17/" + at.get(0) + "/" + at.get(1));
        new WebDriverWait(driver, LOAD_TIMEOUT).until(d -> !d.findElements(By.cssSelector("svg path.plot-tile")).isEmpty());
        assertThat(editor).isNotNull();
        assertNoConsoleErrorsBut(EXPECTED);
    }

    @Test
    void whenSomeoneElseChangedThePlotTheWorkspaceShowsBothVersionsAndLetsThePlannerChoose() {
        signIn(PLANNER, DEMO_PASSWORD);
        openWorkspace("4028");
        long id = jdbc.sql("SELECT min(id) FROM plot WHERE municipality_number = '4028' AND archived_at IS NULL")
                .query(Long.class).single();
        openPlot(id);

        // another session changes the price meanwhile
        Api admin = api().as("admin", ADMIN_PASSWORD);
        Api.Response current = admin.get("/api/plots/" + id);
        Api.Response theirs = admin.header("If-Match", current.header("ETag"))
                .send("PATCH", "/api/plots/" + id, "{\"properties\":{\"priceTotal\":123456}}", "application/merge-patch+json");
        assertThat(theirs.status()).as(theirs.body()).isEqualTo(200);

        WebElement nameInput = driver.findElement(By.id("pf-name"));
        nameInput.clear();
        nameInput.sendKeys("Mitt namn");
        driver.findElement(By.id("pf-save")).click();
        WebElement dialog = new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("conflict")).isDisplayed() ? d.findElement(By.id("conflict")) : null);
        assertThat(dialog.getText()).contains("Mitt namn", "123456", "Din versjon", "Lagra versjon");
        assertThat(jdbc.sql("SELECT name FROM plot WHERE id = :id").param("id", id).query(String.class).single())
                .as("nothing overwritten while the planner chooses").isNotEqualTo("Mitt namn");

        driver.findElement(By.id("keep-mine")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> "Mitt namn".equals(
                jdbc.sql("SELECT name FROM plot WHERE id = :id").param("id", id).query(String.class).single()));
        screenshot("planner-conflict-resolved.png");
        assertNoConsoleErrorsBut(EXPECTED);
    }

    /** The timeline names who changed what; restoring an older version brings its values back and is itself recorded. */
    @Test
    void theHistoryShowsWhatChangedAndRestoresAnOlderVersion() {
        signIn(PLANNER, DEMO_PASSWORD);
        openWorkspace("4028");
        long id = jdbc.sql("SELECT max(id) FROM plot WHERE municipality_number = '4028' AND archived_at IS NULL"
                + " AND price_total IS NOT NULL").query(Long.class).single();
        long price = jdbc.sql("SELECT price_total FROM plot WHERE id = :id").param("id", id).query(Long.class).single();
        int version = jdbc.sql("SELECT version FROM plot WHERE id = :id").param("id", id).query(Integer.class).single();
        openPlot(id);

        WebElement priceInput = driver.findElement(By.id("pf-priceTotal"));
        priceInput.clear();
        priceInput.sendKeys(String.valueOf(price + 1000));
        driver.findElement(By.id("pf-save")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> text("#pf-result").startsWith("Lagra"));
        WebElement latest = new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElements(
                By.cssSelector("#history li.timeline-entry")).stream().findFirst().orElse(null));
        assertThat(latest.getText()).contains("Endra", "planner-4028", "Pris (kr): " + price + " → " + (price + 1000));

        driver.findElement(By.cssSelector("#history button[data-restore-version='" + version + "']")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> price == jdbc.sql(
                "SELECT price_total FROM plot WHERE id = :id").param("id", id).query(Long.class).single());
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> text("#history li.timeline-entry")
                .startsWith("Gjenoppretta"));
        assertThat(jdbc.sql("SELECT action FROM change_history WHERE entity_type = 'plot' AND entity_id = :id"
                + " ORDER BY id DESC LIMIT 1").param("id", id).query(String.class).single()).isEqualTo("restore");
        assertNoConsoleErrorsBut(EXPECTED);
    }

    /** An enquiry from the public map reaches the inbox; the planner answers it with a note; the CSV has it. */
    @Test
    void theInboxShowsAnEnquiryAndSavesItsStatusAndNote() {
        long plot = jdbc.sql("SELECT min(id) FROM plot WHERE municipality_number = '4028' AND published"
                + " AND archived_at IS NULL").query(Long.class).single();
        String sender = "Innboks Testesen " + System.nanoTime();
        Api.Response sent = api().post("/api/enquiries", "{\"plotId\":" + plot + ",\"name\":\"" + sender
                + "\",\"email\":\"innboks@example.org\",\"message\":\"Er tomta framleis ledig?\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        long enquiry = sent.json().path("id").asLong();

        signIn(PLANNER, DEMO_PASSWORD);
        openWorkspace("4028");
        driver.findElement(By.id("tab-inbox")).click();
        WebElement item = new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElements(
                By.cssSelector("#inbox li[data-enquiry-id='" + enquiry + "']")).stream().findFirst().orElse(null));
        assertThat(item.getText()).contains(sender, "innboks@example.org", "Er tomta framleis ledig?");
        new Select(item.findElement(By.tagName("select"))).selectByValue("answered");
        item.findElement(By.tagName("textarea")).sendKeys("Ringde tilbake.");
        item.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> "answered|Ringde tilbake.".equals(jdbc.sql(
                "SELECT status || '|' || coalesce(note, '') FROM enquiry WHERE id = :id").param("id", enquiry).query(String.class).single()));

        Object csv = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(document.getElementById('inbox-export').href).then((r) => r.text()).then(done, (e) => done(String(e)));
                """);
        assertThat((String) csv).contains(sender, "Ringde tilbake.");
        assertNoConsoleErrorsBut(EXPECTED);
    }

    /** A corner clicked a few pixels from a neighbouring plot's corner lands exactly on it (snapping). */
    @Test
    void aCornerDrawnNearANeighbouringPlotSnapsOntoIt() {
        signIn(PLANNER, DEMO_PASSWORD);
        openWorkspace("4028");
        long neighbour = jdbc.sql("SELECT min(id) FROM plot WHERE municipality_number = '4028' AND archived_at IS NULL")
                .query(Long.class).single();
        List<Double> corner = westernmostCorner("SELECT geom FROM plot WHERE id = :id", Map.of("id", neighbour));
        double gap = drawFromNear(corner, "Snapptomt " + System.nanoTime());
        assertThat(gap).as("metres between the snapped corner and the neighbour's corner").isLessThan(0.05);
        assertNoConsoleErrorsBut(EXPECTED);
    }

    /** A corner drawn a few pixels from a zone's corner (arealformål from the plans) lands on it too. */
    @Test
    void aCornerDrawnNearAZoneEdgeSnapsOntoIt() {
        signIn(PLANNER, DEMO_PASSWORD);
        openWorkspace("4028");
        List<Double> corner = westernmostCorner("""
                SELECT z.geom FROM zone z JOIN municipality m ON m.number = '4028' AND ST_Within(z.geom, m.boundary)
                 ORDER BY z.id LIMIT 1""", Map.of());
        double gap = drawFromNear(corner, "Sonetomt " + System.nanoTime());
        assertThat(gap).as("metres between the snapped corner and the zone's corner").isLessThan(0.05);
        assertNoConsoleErrorsBut(EXPECTED);
    }

    /** The westernmost vertex, in lon/lat, of the one geometry ({@code geom}) that {@code query} selects. */
    private List<Double> westernmostCorner(String query, Map<String, ?> params) {
        return jdbc.sql("SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_Transform((dp).geom, 4326) AS p "
                + "FROM (SELECT ST_DumpPoints(g.geom) AS dp FROM (" + query + ") g) d ORDER BY ST_X((dp).geom) LIMIT 1) q")
                .params(params).query((rs, n) -> List.of(rs.getDouble("lon"), rs.getDouble("lat"))).single();
    }

    /** WCAG AA text contrast on the workspace: list, bulk bar, the editor with its history, and the inbox. */
    @Test
    void theWorkspaceTextsMeetWcagAaContrast() {
        signIn(PLANNER, DEMO_PASSWORD);
        openWorkspace("4028");
        openPlot(jdbc.sql("SELECT min(id) FROM plot WHERE municipality_number = '4028' AND archived_at IS NULL")
                .query(Long.class).single());
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.cssSelector("#history li.timeline-entry")).isEmpty());
        Map<?, ?> plots = (Map<?, ?>) js(CONTRAST_FAILURES);
        driver.findElement(By.id("tab-inbox")).click();
        Map<?, ?> inbox = (Map<?, ?>) js(CONTRAST_FAILURES);
        assertThat(((Number) plots.get("checked")).intValue()).isGreaterThan(50);
        assertThat((List<?>) plots.get("failures")).as("plots tab and editor").isEmpty();
        assertThat((List<?>) inbox.get("failures")).as("inbox tab").isEmpty();
    }

    /** Tomtedeling by drawing a line across a plot, then merging the two pieces back from the list. */
    @Test
    void aPlotIsSplitAlongADrawnLineAndThePiecesMergedAgain() {
        String name = "Delingstomt " + System.nanoTime();
        double[] at = spotInKviteseid(2500);
        double dLon = 40 / (111_320.0 * Math.cos(Math.toRadians(at[1])));
        double dLat = 30 / 111_320.0;
        long id = createdPlot(name, at, dLon, dLat);

        signIn(PLANNER, DEMO_PASSWORD);
        openWorkspace("4028");
        openPlot(id);
        js("window.arealbankPlanner.map.setView([arguments[0], arguments[1]], 18, {animate: false})",
                at[1] + dLat / 2, at[0] + dLon / 2);
        js("arguments[0].scrollIntoView({block: 'center'})", driver.findElement(By.id("split-plot")));
        driver.findElement(By.id("split-plot")).click();
        // a north-south line through the middle, from outside to outside; a second click on the end finishes it
        int[] south = pixel(at[1] - dLat / 2, at[0] + dLon / 2);
        int[] north = pixel(at[1] + 1.5 * dLat, at[0] + dLon / 2);
        WebElement map = driver.findElement(By.id("map"));
        Actions mouse = new Actions(driver);
        for (int[] p : new int[][] {south, north, north}) {
            mouse.moveToElement(map, p[0], p[1]).pause(Duration.ofMillis(150)).click().perform();
        }
        new WebDriverWait(driver, Duration.ofSeconds(10)).withMessage(() -> "split; message: " + text("#message"))
                .until(d -> jdbc.sql("SELECT count(*) FROM plot WHERE name LIKE :n AND archived_at IS NULL")
                        .param("n", name + " %").query(Long.class).single() == 2);
        assertThat(jdbc.sql("SELECT archived_at IS NOT NULL FROM plot WHERE id = :id").param("id", id)
                .query(Boolean.class).single()).as("the original is archived").isTrue();

        List<Long> pieces = jdbc.sql("SELECT id FROM plot WHERE name LIKE :n AND archived_at IS NULL ORDER BY id")
                .param("n", name + " %").query(Long.class).list();
        for (long piece : pieces) {
            WebElement box = driver.findElement(By.cssSelector("#plot-list li[data-plot-id='" + piece + "'] input"));
            js("arguments[0].scrollIntoView({block: 'center'})", box);
            box.click();
        }
        js("arguments[0].scrollIntoView({block: 'center'})", driver.findElement(By.id("merge-plots")));
        driver.findElement(By.id("merge-plots")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).withMessage(() -> "merged; message: " + text("#message"))
                .until(d -> jdbc.sql("SELECT count(*) FROM plot WHERE id IN (:a, :b) AND archived_at IS NOT NULL")
                        .param("a", pieces.get(0)).param("b", pieces.get(1)).query(Long.class).single() == 2);
        double merged = jdbc.sql("SELECT area_m2 FROM plot WHERE archived_at IS NULL AND name LIKE :n")
                .param("n", name + "%").query(Double.class).single();
        assertThat(merged).as("the merged plot has the original's area").isCloseTo(1200.0, within(15.0));
        assertNoConsoleErrorsBut(EXPECTED);
    }

    /**
     * Editing on the map: a corner dragged outwards grows the plot, the whole plot dragged moves it, the timeline
     * says the boundary changed and draws before and after; the archive button takes it off the map.
     */
    @Test
    void aPlannerDragsACornerMovesThePlotSeesBeforeAndAfterAndArchivesIt() {
        String name = "Flyttetomt " + System.nanoTime();
        double[] at = spotInKviteseid(3000);
        double dLon = 30 / (111_320.0 * Math.cos(Math.toRadians(at[1])));
        double dLat = 30 / 111_320.0;
        long id = createdPlot(name, at, dLon, dLat);
        double area = jdbc.sql("SELECT area_m2 FROM plot WHERE id = :id").param("id", id).query(Double.class).single();

        signIn(PLANNER, DEMO_PASSWORD);
        openWorkspace("4028");
        openPlot(id);
        js("window.arealbankPlanner.map.setView([arguments[0], arguments[1]], 19, {animate: false})",
                at[1] + dLat / 2, at[0] + dLon / 2);
        WebElement map = driver.findElement(By.id("map"));
        Actions mouse = new Actions(driver);
        // the north-east corner 10 px further north-east
        int[] corner = pixel(at[1] + dLat, at[0] + dLon);
        mouse.moveToElement(map, corner[0], corner[1]).clickAndHold().pause(Duration.ofMillis(100))
                .moveByOffset(5, -5).moveByOffset(5, -5).pause(Duration.ofMillis(100)).release().perform();
        // the whole plot 20 px east, by its middle, with "Flytt tomta" pressed
        js("arguments[0].scrollIntoView({block: 'center'})", driver.findElement(By.id("pf-move")));
        driver.findElement(By.id("pf-move")).click();
        assertThat(driver.findElement(By.id("pf-move")).getAttribute("aria-pressed")).isEqualTo("true");
        int[] middle = pixel(at[1] + dLat / 2, at[0] + dLon / 2);
        mouse.moveToElement(map, middle[0], middle[1]).clickAndHold().pause(Duration.ofMillis(100))
                .moveByOffset(10, 0).moveByOffset(10, 0).pause(Duration.ofMillis(100)).release().perform();
        js("arguments[0].scrollIntoView({block: 'center'})", driver.findElement(By.id("pf-save")));
        driver.findElement(By.id("pf-save")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .withMessage(() -> "saved; the form says: " + text("#pf-result") + "; message: " + text("#message"))
                .until(d -> text("#pf-result").startsWith("Lagra"));

        Map<String, Object> after = jdbc.sql("""
                SELECT p.area_m2, ST_X(ST_Centroid(p.geom)) - ST_X(ST_Centroid(ST_GeomFromGeoJSON(h.before -> 'geometry')))
                           AS moved_east
                  FROM plot p JOIN change_history h ON h.entity_type = 'plot' AND h.entity_id = p.id
                 WHERE p.id = :id AND h.action = 'update' ORDER BY h.id DESC LIMIT 1""")
                .param("id", id).query().singleRow();
        assertThat(((Number) after.get("area_m2")).doubleValue()).as("the dragged corner grew the plot")
                .isGreaterThan(area + 5);
        assertThat(((Number) after.get("moved_east")).doubleValue()).as("metres the plot moved east").isGreaterThan(1.0);

        WebElement latest = new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElements(
                By.cssSelector("#history li.timeline-entry")).stream().findFirst().orElse(null));
        latest.findElement(By.xpath(".//button[normalize-space()='Vis på kartet']")).click();
        assertThat(((Number) js("return window.arealbankPlanner.map.hasLayer && document.querySelectorAll("
                + "'.leaflet-overlay-pane path[stroke=\"#b00020\"], .leaflet-overlay-pane path[stroke=\"#006b3c\"]').length"))
                .intValue()).as("before (red, dashed) and after (green) on the map").isEqualTo(2);

        js("window.confirm = () => true");
        js("arguments[0].scrollIntoView({block: 'center'})", driver.findElement(By.id("pf-archive")));
        driver.findElement(By.id("pf-archive")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> jdbc.sql(
                "SELECT archived_at IS NOT NULL FROM plot WHERE id = :id").param("id", id).query(Boolean.class).single());
        assertThat(driver.findElements(By.cssSelector("#plot-list li[data-plot-id='" + id + "']"))).isEmpty();
        assertNoConsoleErrorsBut(EXPECTED);
    }

    /**
     * Draws a plot by clicking whose first corner is 4 px off {@code corner} (lon, lat), fills and saves it, and
     * answers the distance in metres from the saved plot's nearest vertex to that corner.
     */
    private double drawFromNear(List<Double> corner, String name) {
        js("window.arealbankPlanner.map.setView([arguments[0], arguments[1]], 18, {animate: false})", corner.get(1), corner.get(0));
        int[] px = pixel(corner.get(1), corner.get(0));
        int cx = px[0];
        int cy = px[1];

        driver.findElement(By.id("draw-plot")).click();
        WebElement map = driver.findElement(By.id("map"));
        Actions mouse = new Actions(driver);
        // first corner 4 px off the given corner, then a square to the west of it, back to the first
        int[][] corners = {{cx - 4, cy + 3}, {cx - 90, cy}, {cx - 90, cy - 60}, {cx - 30, cy - 60}, {cx - 4, cy + 3}};
        for (int[] c : corners) {
            mouse.moveToElement(map, c[0], c[1]).pause(Duration.ofMillis(150)).click().perform();
        }
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("editor")).isDisplayed());
        driver.findElement(By.id("pf-name")).sendKeys(name);
        new Select(driver.findElement(By.id("pf-purpose"))).selectByValue("leisure");
        driver.findElement(By.id("pf-save")).click();
        assertThat(text("#pf-allowedUses-error")).as("checked in the page, like the API").isEqualTo("Vel minst éin bruk.");
        js("arguments[0].scrollIntoView({block: 'center'})",
                driver.findElement(By.cssSelector("input[name=allowedUses][value=fritidsbustad]")));
        driver.findElement(By.cssSelector("input[name=allowedUses][value=fritidsbustad]")).click();
        driver.findElement(By.id("pf-save")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .withMessage(() -> "saved; the form says: " + text("#plot-form") + "; message: " + text("#message"))
                .until(d -> text("#pf-result").startsWith("Lagra"));

        double gap = jdbc.sql("""
                SELECT min(ST_Distance((dp).geom, ST_Transform(ST_SetSRID(ST_MakePoint(:lon, :lat), 4326), 25832)))
                  FROM (SELECT ST_DumpPoints(geom) AS dp FROM plot WHERE name = :n) d
                """).param("lon", corner.get(0)).param("lat", corner.get(1)).param("n", name)
                .query(Double.class).single();
        return gap;
    }

    /** A point well inside Kviteseid, {@code depth} metres in from its boundary. */
    private double[] spotInKviteseid(int depth) {
        return jdbc.sql("""
                SELECT ST_X(c), ST_Y(c) FROM (SELECT ST_Transform(ST_PointOnSurface(ST_Buffer(m.boundary, -:depth)), 4326) c
                  FROM municipality m WHERE m.number = '4028') q""").param("depth", depth)
                .query((rs, n) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
    }

    /** A published housing plot in Kviteseid, a rectangle from the lon/lat {@code at}, made through the API. */
    private long createdPlot(String name, double[] at, double dLon, double dLat) {
        String body = """
                {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[%1$s,%2$s],[%3$s,%2$s],[%3$s,%4$s],
                [%1$s,%4$s],[%1$s,%2$s]]]},"properties":{"municipalityNumber":"4028","name":"%5$s","purpose":"housing",
                "allowedUses":["bustad"],"availability":"available"}}""".formatted(at[0], at[1], at[0] + dLon,
                at[1] + dLat, name);
        Api.Response created = api().as(PLANNER, DEMO_PASSWORD).post("/api/plots", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    /** Offsets from the map's centre of a lon/lat, for Actions.moveToElement. */
    private int[] pixel(double lat, double lon) {
        List<?> px = (List<?>) js("""
                const m = window.arealbankPlanner.map; const p = m.latLngToContainerPoint([arguments[0], arguments[1]]);
                const s = m.getSize(); return [Math.round(p.x - s.x / 2), Math.round(p.y - s.y / 2)];
                """, lat, lon);
        return new int[] {((Number) px.get(0)).intValue(), ((Number) px.get(1)).intValue()};
    }

    private void openWorkspace(String municipality) {
        driver.get("http://127.0.0.1:" + port + "/planner.html?municipality=" + municipality);
        new WebDriverWait(driver, LOAD_TIMEOUT).until(d -> !"loading".equals(bodyState()));
        assertThat(bodyState()).as("workspace state; message: %s", text("#message")).isEqualTo("ready");
    }

    private void openPlot(long id) {
        driver.findElement(By.cssSelector("#plot-list button.result[data-plot-id='" + id + "']")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("editor")).isDisplayed()
                && !d.findElement(By.id("pf-name")).getAttribute("value").isEmpty());
    }

    private long countPlots(String namePrefix) {
        return jdbc.sql("SELECT count(*) FROM plot WHERE name LIKE :n").param("n", namePrefix + "%")
                .query(Long.class).single();
    }

    /** The z16 vector tile over a plot's centre. */
    private String tileOver(long id) {
        return jdbc.sql("""
                SELECT '/tiles/plots/16/' || floor((ST_X(c) + 180) / 360 * 65536)::int || '/'
                    || floor((1 - ln(tan(radians(ST_Y(c))) + 1 / cos(radians(ST_Y(c)))) / pi()) / 2 * 65536)::int || '.mvt'
                  FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) c FROM plot WHERE id = :id) q
                """).param("id", id).query(String.class).single();
    }
}
