package no.arealbank.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The map page for people who use a keyboard alone, and WCAG 2.1 AA text contrast (1.4.3) measured on what the browser
 * actually paints: every visible text against the colours behind it.
 */
class MapPageAccessibilityIT extends BrowserTest {

    @Test
    void everyTextMeetsWcagAaContrastInEachPanelAndTheSheet() {
        open("/?bg=none");
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (String state : List.of("filter", "region", "layers", "sheet")) {
            switch (state) {
                case "region" -> driver.findElement(By.id("tab-region")).click();
                case "layers" -> driver.findElement(By.id("tab-layers")).click();
                case "sheet" -> {
                    driver.findElement(By.id("tab-filter")).click();
                    driver.findElement(By.cssSelector("#results button.result")).click();
                    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("sheet")).isDisplayed());
                }
                default -> { }
            }
            Map<?, ?> answer = (Map<?, ?>) js(CONTRAST_FAILURES);
            checked += ((Number) answer.get("checked")).intValue();
            for (Object f : (List<?>) answer.get("failures")) {
                failures.add(state + ": " + f);
            }
        }
        assertThat(checked).as("texts measured").isGreaterThan(100);
        assertThat(failures).as("texts below WCAG AA contrast").isEmpty();
    }

    /**
     * A keyboard user: the skip link leads to the filters, a select and a checkbox are set by keys, Tab reaches the first
     * result, Enter opens its sheet with focus inside, Escape closes it and focus returns to the result. Every stop shows
     * a visible focus indicator.
     */
    @Test
    void aKeyboardAloneFiltersOpensAPlotAndComesBack() {
        open("/?bg=none");
        Actions keys = new Actions(driver);
        List<String> withoutIndicator = new ArrayList<>();

        keys.sendKeys(Keys.TAB).perform();
        assertThat(active().getAttribute("class")).as("first Tab stop").contains("skip-link");
        assertThat(active().getRect().getX()).as("the skip link is on screen when focused").isGreaterThanOrEqualTo(0);
        keys.sendKeys(Keys.ENTER).perform();
        assertThat(active().getAttribute("id")).isEqualTo("filters");

        keys.sendKeys(Keys.TAB).perform();
        assertThat(active().getAttribute("id")).isEqualTo("f-municipality");
        checkIndicator(withoutIndicator);
        keys.sendKeys("Kviteseid").perform();
        keys.sendKeys(Keys.TAB).perform();
        assertThat(active().getAttribute("id")).isEqualTo("f-purpose");
        keys.sendKeys("Næ").perform();
        keys.sendKeys(Keys.TAB).perform();
        assertThat(active().getAttribute("id")).isEqualTo("f-available");
        checkIndicator(withoutIndicator);
        keys.sendKeys(Keys.SPACE).perform();
        assertThat(active().isSelected()).isTrue();

        String expected = api().get("/api/plots?municipality=4028&purpose=business&availability=available&limit=1")
                .json().path("features").get(0).path("properties").path("name").asString();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> expected.equals(
                js("return document.querySelector('#results button.result .result-title')?.textContent")));

        WebElement first = null;
        for (int i = 0; i < 60 && first == null; i++) {
            keys.sendKeys(Keys.TAB).perform();
            checkIndicator(withoutIndicator);
            if ("result".equals(active().getAttribute("class"))) {
                first = active();
            }
        }
        assertThat(first).as("Tab reaches the result list").isNotNull();
        String plotId = first.getAttribute("data-plot-id");
        keys.sendKeys(Keys.ENTER).perform();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("sheet")).isDisplayed()
                && expected.equals(text("#sheet-title")));
        assertThat((Boolean) js("return document.getElementById('sheet').contains(document.activeElement)"))
                .as("focus moves into the opened sheet").isTrue();

        keys.sendKeys(Keys.ESCAPE).perform();
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> !d.findElement(By.id("sheet")).isDisplayed());
        assertThat(active().getAttribute("data-plot-id")).as("focus returns to the result").isEqualTo(plotId);
        assertThat(withoutIndicator).as("focused elements without a visible focus indicator").isEmpty();
        assertNoConsoleErrors();
    }

    private WebElement active() {
        return driver.switchTo().activeElement();
    }

    private void checkIndicator(List<String> missing) {
        Object style = js("""
                const cs = getComputedStyle(document.activeElement);
                return cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 || cs.boxShadow !== 'none'
                  ? null : document.activeElement.outerHTML.slice(0, 80);
                """);
        if (style != null) {
            missing.add(style.toString());
        }
    }
}
