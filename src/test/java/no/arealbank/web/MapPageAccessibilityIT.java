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

    /**
     * Contrast of each visible text node's element against its composited background (ancestors' background colours,
     * blended by alpha, down to the page). Large text (24 px, or 18.66 px bold) needs 3:1, other text 4.5:1. Placeholders
     * are measured too. Answers the failures as strings, with the first few characters of the text.
     */
    private static final String CONTRAST_FAILURES = """
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
