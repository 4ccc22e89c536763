package io.perpspot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpspot.dashboard.core.Json;
import io.perpspot.engine.core.OutputRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 22's pieces in a real headless Chromium: a template added and deleted on the simulation page (found in
 * GET /api/templates and by {@code perpspot simulate}), the push compressed (permessage-deflate negotiated),
 * the refresh interval chosen per browser, tolerance alerts on the overview and the token page, the cache
 * figures on the health page. Screenshots in {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardWorkflowBrowserTest {
    @TempDir
    static Path dir;
    static TestJournal journal;
    static Fixture fixture;
    static Dashboard dash;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        journal = new TestJournal(dir.resolve("j"));
        fixture = Fixture.write(journal);
        dash = Fixture.start(dir.resolve("j"), Fixture.settings(), Fixture.services());
        browser = new Browser();
    }

    @AfterAll
    static void stop() throws Exception {
        Fixture.closeAll(browser, dash, journal);
    }

    private static void open(String page) {
        browser.driver.get(dash.url() + "/" + page);
    }

    private static void type(String id, String text) {
        WebElement e = browser.driver.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    private static List<WebElement> alerts(String symbol) {
        return browser.driver.findElements(By.xpath("//div[@id='alerts']/div[contains(., '" + symbol + "')]"));
    }

    @Test
    @Order(1)
    void aTemplateAddedOnThePageIsListedAndRunBySimulate() throws Exception {
        open("simulation.html");
        browser.await("templates listed", d -> d.findElements(By.cssSelector("#tpl-list tbody tr")).size() >= 3);
        type("tpl-name", "Browser tight");
        type("tpl-token", "T000");
        type("tpl-notional", "400");
        type("tpl-latency", "1500ms");
        type("tpl-spread", "15");
        new Select(browser.driver.findElement(By.id("tpl-direction"))).selectByVisibleText("short-perp");
        browser.driver.findElement(By.id("tpl-save")).click();
        String row = "#tpl-list tr[data-name='Browser tight']";
        browser.await("saved", d -> !d.findElements(By.cssSelector(row)).isEmpty());
        assertTrue(browser.driver.findElement(By.id("tpl-notice")).getText().contains("user-templates.yaml"));
        assertTrue(browser.driver.findElements(By.cssSelector("#template option")).stream()
                .anyMatch(o -> o.getText().equals("Browser tight (T000)")), "the run form offers it");
        JsonNode t = DashboardTemplatesTest.template(dash, "Browser tight");
        assertEquals(400.0, t.get("notionalUsd").asDouble());
        assertEquals(1500, t.get("maxLatencyMs").asLong());
        assertEquals("short-perp", t.get("direction").asText());
        String out = DashboardTemplatesTest.simulate(dir.resolve("j"), "Browser tight");
        assertTrue(out.startsWith("exit 0") && out.contains("\"Browser tight\""), out);

        // a bad one is refused naming the field, and nothing is added
        type("tpl-name", "Bad");
        type("tpl-notional", "-1");
        browser.driver.findElement(By.id("tpl-save")).click();
        browser.await("refused", d -> !d.findElements(By.id("tpl-error")).isEmpty());
        assertTrue(browser.driver.findElement(By.id("tpl-error")).getText().contains("notional-usd"));
        browser.screenshot("templates");

        browser.driver.findElement(By.cssSelector(row + " .tpl-delete")).click();
        browser.await("deleted", d -> d.findElements(By.cssSelector(row)).isEmpty());
        assertEquals(null, DashboardTemplatesTest.template(dash, "Browser tight"));
        assertTrue(browser.driver.findElements(By.cssSelector("#tpl-list tr[data-name='SOL Scalping'] .tpl-delete"))
                .isEmpty(), "a shipped template has no delete button");
    }

    @Test
    @Order(2)
    void thePushIsCompressedAndEachBrowserChoosesItsInterval() throws Exception {
        open("index.html");
        browser.await("rows", d -> d.findElements(By.cssSelector("#overview tbody tr")).size() >= Fixture.TOKENS);
        browser.await("connected", d -> Boolean.TRUE.equals(browser.js("return PS.live.connected;")));
        assertEquals("permessage-deflate", browser.js("return PS.live.ws.extensions.split(';')[0];"));
        new Select(browser.driver.findElement(By.id("interval"))).selectByVisibleText("1 s");
        browser.await("the server pushes this browser every second", d -> {
            try {
                return Json.MAPPER.readTree(Fixture.get(dash, "/api/health").body()).path("push")
                        .path("clientIntervalsMs").path("1000").asInt() == 1;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        browser.js("PS.live.arrivals = [];");
        // T000 changes every few milliseconds; the browser still gets one message a second
        browser.await("four messages", d -> {
            journal.tick(5);
            journal.spot(fixture.t000, Double.toString(10 + Math.random()));
            return ((Number) browser.js("return PS.live.arrivals.length;")).intValue() >= 4;
        });
        @SuppressWarnings("unchecked")
        List<Number> at = (List<Number>) browser.js("return PS.live.arrivals;");
        for (int i = 1; i < at.size(); i++) {
            long gap = at.get(i).longValue() - at.get(i - 1).longValue();
            assertTrue(gap >= 700, "messages " + gap + " ms apart at a chosen interval of 1 s: " + at);
        }
        assertEquals(1000L, browser.js("return PS.prefs.get('intervalMs');"), "remembered in the browser");
        open("index.html");
        assertEquals("1 s", new Select(browser.driver.findElement(By.id("interval"))).getFirstSelectedOption()
                .getText());
        new Select(browser.driver.findElement(By.id("interval"))).selectByIndex(0);
    }

    @Test
    @Order(3)
    void anOpportunityAboveTheToleranceShowsANotification() throws Exception {
        open("index.html");
        browser.await("connected", d -> Boolean.TRUE.equals(browser.js("return PS.live.connected && "
                + "PS.live.lastMsgAt > 0;")));
        type("tol", "100");
        browser.driver.findElement(By.tagName("h1")).click(); // the number input's change fires on blur
        assertEquals(100L, browser.js("return PS.prefs.get('toleranceBps');"));
        // at $1k T000's slippage is a few bps (no alert), SLIPR's about 300 (alert); T000's comes first
        journal.tick(100);
        journal.opportunity(fixture.t000, OutputRecord.SHORT_PERP_LONG_SPOT, 20.0, 2.5);
        journal.opportunity(fixture.slipRed, OutputRecord.LONG_PERP_SHORT_SPOT, 30.0, -2.5);
        browser.await("SLIPR's alert", d -> !alerts("SLIPR").isEmpty());
        String text = alerts("SLIPR").get(0).getText();
        assertTrue(text.contains("above your tolerance of 100 bps") && text.contains("$1k"), text);
        assertTrue(alerts("T000").isEmpty(), "T000's slippage is within the tolerance");
        browser.screenshot("tolerance-alert-overview");

        // the token page: its slider sets the same tolerance, its alerts are its token's
        open("token.html?symbol=SLIPR");
        browser.await("connected", d -> Boolean.TRUE.equals(browser.js("return PS.live.connected && "
                + "PS.live.lastMsgAt > 0;")));
        assertEquals("100", browser.driver.findElement(By.id("tol")).getAttribute("value"));
        browser.js("const t = document.getElementById('tol'); t.value = 250; t.dispatchEvent(new Event('input'));");
        assertEquals(250L, browser.js("return PS.prefs.get('toleranceBps');"));
        journal.tick(100);
        journal.opportunity(fixture.slipRed, OutputRecord.LONG_PERP_SHORT_SPOT, 31.0, -2.6);
        browser.await("SLIPR's alert on its page", d -> !alerts("SLIPR").isEmpty());
        assertTrue(alerts("SLIPR").get(0).getText().contains("tolerance of 250 bps"));
        browser.screenshot("tolerance-alert-token");
    }

    /** The fields {@code fields} of the rows the page merged from patches that differ from GET /api/tokens. */
    @SuppressWarnings("unchecked")
    private static List<String> mergedRowsDifferFromTheApi(String fields) {
        return (List<String>) browser.js("return PS.api('/api/tokens').then(a => { const out = [];"
                + " a.tokens.forEach(r => { const m = PS.live.rows.get(r.symbol);"
                + " if (!m) { if (PS.live.sub.tokens === undefined || PS.live.sub.tokens.includes(r.symbol))"
                + " out.push(r.symbol + ' missing'); return; }"
                // a page that subscribed to some sizes holds their slippage entries only
                + " const sz = PS.live.sub.sizes, v = (row, f) => JSON.stringify(f === 'slippage' && sz"
                + " ? sz.map(i => (row.slippage || [])[i]) : row[f]);"
                + " (" + fields + ").forEach(f => { const x = v(m, f), y = v(r, f);"
                + " if (x !== y) out.push(r.symbol + '.' + f + ': ' + x + ' vs ' + y); }); });"
                + " return out.slice(0, 10); });");
    }

    /** Prices, books, quotes and spreads of several tokens move, round after round. */
    private static void churn(int rounds) {
        for (int round = 1; round <= rounds; round++) {
            journal.tick(20);
            for (int id = 0; id < 12; id++) {
                double mid = 10 + id + round * 0.37 + id * 0.011;
                String m = Double.toString(mid);
                journal.spot(id, Double.toString(mid * (1 + 0.0003 * round)));
                journal.bbo(id, Double.toString(mid - 0.01), Double.toString(mid + 0.01));
                journal.book(id, mid, 1_000 + 300 * round, 2 + round % 5, 5);
                journal.spread(id, m, m, 1.5 + round, 0.1 * round, 1.0, 0.5 + 0.01 * round);
            }
        }
    }

    @Test
    @Order(4)
    void theRowsMergedFromPatchesAreTheApisRows() throws Exception {
        open("index.html");
        browser.await("rows", d -> d.findElements(By.cssSelector("#overview tbody tr")).size() >= Fixture.TOKENS);
        churn(30);
        long last = journal.lastOutputIndex();
        browser.await("the tailer reads everything", d -> dash.view().clocks().lastOutputIndex() == last);
        awaitSameRows("the overview's rows are the API's, field for field", "FIELDS");
        assertEquals(cellText("T003"), browser.js("return PS.fmtBps(PS.live.rows.get('T003').basisBps);"));
        // another size is another subscription: its slippage arrives with the new hello
        new Select(browser.driver.findElement(By.id("size"))).selectByVisibleText("$10k");
        browser.await("subscribed to $10k", d -> "[2]".equals(String.valueOf(browser.js(
                "return JSON.stringify(PS.live.sub.sizes);"))));
        churn(5);
        long after = journal.lastOutputIndex();
        browser.await("the tailer reads everything", d -> dash.view().clocks().lastOutputIndex() == after);
        awaitSameRows("the overview's rows at $10k are the API's", "FIELDS");
        new Select(browser.driver.findElement(By.id("size"))).selectByVisibleText("$1k");

        open("token.html?symbol=T004");
        browser.await("connected", d -> Boolean.TRUE.equals(browser.js("return PS.live.connected && "
                + "PS.live.lastMsgAt > 0;")));
        churn(20);
        long last2 = journal.lastOutputIndex();
        browser.await("the tailer reads everything", d -> dash.view().clocks().lastOutputIndex() == last2);
        String allButSlippage = "Object.keys(r).filter(f => f !== 'slippage')";
        awaitSameRows("the token page's row is the API's", allButSlippage);
        assertEquals(1L, browser.js("return PS.live.rows.size;"), "a token page holds its own row only");
    }

    private static void awaitSameRows(String what, String fields) {
        List<?>[] diff = {null};
        try {
            browser.await(what, d -> (diff[0] = mergedRowsDifferFromTheApi(fields)).isEmpty());
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": " + diff[0], e);
        }
    }

    private static String cellText(String symbol) {
        return browser.driver.findElement(By.cssSelector("#row-" + symbol + " td[data-col='basis']")).getText();
    }

    @Test
    @Order(5)
    void theHealthPageShowsTheCache() throws Exception {
        open("health.html");
        browser.await("cache figures", d -> !d.findElements(By.id("cache-note")).isEmpty());
        assertTrue(browser.driver.findElement(By.id("cache-live")).getText().contains("standalone"));
        browser.screenshot("health-cache");
    }
}
