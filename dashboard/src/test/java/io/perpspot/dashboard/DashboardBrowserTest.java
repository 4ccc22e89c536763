package io.perpspot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.dashboard.seam.DashboardServices;
import io.perpspot.engine.journal.OutputRecord;
import io.perpspot.engine.ring.Source;
import io.perpspot.engine.ring.SourceState;
import java.nio.file.Files;
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

/**
 * Every page in a real headless Chromium against a sidecar tailing a journal this test keeps
 * writing: 120 rows, tiny prices, colour bands, a live update over the WebSocket, a resume after a
 * dropped connection without reloading, the 503 seams, the connection indicator. Writes a
 * screenshot of each page to {@code target/screenshots/}. One browser for the whole class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
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
        // stale after 3 s of journal silence, so the indicator test does not wait long
        DashboardSettings s = new DashboardSettings("127.0.0.1", 0, 100, 64, 50, 1000, 1000, 3000, 1_000_000);
        dash = Fixture.start(dir.resolve("j"), s, DashboardServices.none());
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (dash != null) {
            dash.close();
        }
        if (journal != null) {
            journal.close();
        }
    }

    private static void open(String page) {
        browser.driver.get(dash.url() + "/" + page);
    }

    private static WebElement cell(String symbol, String col) {
        return browser.driver.findElement(By.cssSelector("#row-" + symbol + " td[data-col='" + col + "']"));
    }

    private static String indicator() {
        return browser.driver.findElement(By.id("conn")).getAttribute("data-state");
    }

    /** A fresh record so the journal counts as advancing (the indicator's 'live'). */
    private static void heartbeat() {
        journal.tick(100);
        journal.spot(fixture.t000, "10");
    }

    @Test
    @Order(1)
    void overviewRendersEveryTokenWithTinyPricesAndSlippageColours() throws Exception {
        heartbeat();
        open("index.html");
        browser.await("120 rows", d -> d.findElements(By.cssSelector("#overview tbody tr")).size() >= Fixture.TOKENS);
        assertEquals(Fixture.TOKENS, browser.driver.findElements(By.cssSelector("#overview tbody tr")).size());
        assertEquals("0.0000216", cell("BONK", "spot").getText(), "BONK is not $0.0000");
        assertEquals("0.0000216", cell("BONK", "perp").getText());
        // $1000 is the default size: SLIPG ~10 bps, SLIPO ~120 bps, SLIPR ~300 bps
        assertEquals("slip slip-green", cell("SLIPG", "slippage").findElement(By.tagName("span")).getAttribute("class"));
        assertEquals("slip slip-orange", cell("SLIPO", "slippage").findElement(By.tagName("span")).getAttribute("class"));
        assertEquals("slip slip-red", cell("SLIPR", "slippage").findElement(By.tagName("span")).getAttribute("class"));
        assertEquals("300.0", cell("SLIPR", "slippage").getText());
        // $50k is beyond SLIPR's visible book
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("size"))).selectByVisibleText("$50k");
        assertEquals("> book", cell("SLIPR", "slippage").getText());
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("size"))).selectByVisibleText("$1k");
        heartbeat();
        browser.await("indicator live", d -> "live".equals(indicator()));
        browser.screenshot("overview");
    }

    @Test
    @Order(2)
    void aLiveUpdateOverTheWebSocketChangesACellAndSortingFollows() {
        assertEquals("3.5", cell("T007", "basis").getText());
        journal.tick(1000);
        journal.spot(7, "17.5");
        journal.spread(7, "17.5", "17.7", 123.4, 2.6, 3.0, 2.0);
        browser.await("T007 basis updated live", d -> "123.4".equals(cell("T007", "basis").getText()));
        assertEquals("17.5", cell("T007", "spot").getText());
        assertEquals("ext", cell("T007", "z").getAttribute("class"), "|z| > 2 is EXTREME");
        browser.driver.findElement(By.cssSelector("#overview th[data-key='basisBps']")).click();
        String first = browser.driver.findElement(By.cssSelector("#overview tbody tr")).getAttribute("data-symbol");
        assertEquals("T007", first, "sorted by |basis|, largest first");
        browser.driver.findElement(By.id("filter")).sendKeys("SLIP");
        long shown = browser.driver.findElements(By.cssSelector("#overview tbody tr")).stream()
                .filter(WebElement::isDisplayed).count();
        assertEquals(3, shown);
        assertTrue(browser.driver.findElement(By.id("count")).getText().startsWith("3 of 120"));
    }

    @Test
    @Order(3)
    void aDroppedConnectionResumesWithoutReloadingAndMissesNothing() {
        open("opportunities.html");
        browser.await("two opportunities", d -> d.findElements(By.cssSelector("#opps tbody tr")).size() == 2);
        browser.js("window.__sameDocument = 'yes'; PS.live.pause();");
        browser.await("indicator disconnected", d -> "disconnected".equals(indicator()));
        journal.tick(1000);
        journal.opportunity(9, OutputRecord.SHORT_PERP_LONG_SPOT, 21.0, 2.9);
        long seq = journal.lastOutputIndex();
        browser.js("PS.live.resume();");
        browser.await("the opportunity made while disconnected", d -> d.findElements(
                By.cssSelector("#opps tbody tr[data-seq='" + seq + "']")).size() == 1);
        assertEquals("yes", browser.js("return window.__sameDocument;"), "the page was not reloaded");
        assertEquals(3, browser.driver.findElements(By.cssSelector("#opps tbody tr")).size(), "no duplicates");
        assertEquals("T009", browser.driver.findElement(By.cssSelector("#opps tbody tr")).findElements(By.tagName("td")).get(1).getText(),
                "newest first");
    }

    @Test
    @Order(4)
    void monteCarloButtonSaysNotAvailable() throws Exception {
        browser.driver.findElement(By.cssSelector("#opps tbody tr button.mc")).click();
        String msg = browser.await("Monte Carlo answer", d -> {
            List<WebElement> e = d.findElements(By.id("mc-error"));
            return e.isEmpty() ? null : e.get(0).getText();
        });
        assertTrue(msg.contains("not available") && msg.contains("HTTP 503"), msg);
        browser.screenshot("opportunities");
    }

    @Test
    @Order(5)
    void tokenPageDrawsItsChartsFromTheHistory() throws Exception {
        open("token.html?symbol=T005");
        browser.await("history loaded", d -> d.findElement(By.id("histinfo")).getText().contains("snapshots in range"));
        assertEquals("function", browser.js("return typeof Chart;"), "Chart.js from the webjar, offline");
        assertEquals(5L, browser.js("return document.querySelectorAll('canvas').length;"));
        assertEquals(3L, browser.js("return Chart.getChart('cBasis').data.datasets[0].data.length;"));
        assertEquals("", browser.driver.findElement(By.id("err")).getText());
        assertTrue(browser.driver.findElement(By.id("slipnote")).getText().contains("not available"));
        browser.await("slippage curve", d -> ((Long) browser.js("return Chart.getChart('cSlip').data.datasets[0].data.length;")) > 0);
        browser.screenshot("token");
    }

    @Test
    @Order(6)
    void simulationPageShowsTheServersAnswer() throws Exception {
        open("simulation.html");
        browser.await("tokens listed", d -> d.findElements(By.cssSelector("#token option")).size() == Fixture.TOKENS);
        browser.driver.findElement(By.id("run")).click();
        String msg = browser.await("simulation answer", d -> {
            List<WebElement> e = d.findElements(By.id("sim-error"));
            return e.isEmpty() ? null : e.get(0).getText();
        });
        // TODO(issue 4 merge): with the SimulationService wired, assert the histogram, VaR/CVaR lines and the CSV instead.
        assertTrue(msg.contains("not available") && msg.contains("HTTP 503"), msg);
        browser.screenshot("simulation");
    }

    @Test
    @Order(7)
    void healthPageShowsSourcesFailoversAndTheLatencySeam() throws Exception {
        journal.status(Source.HL_WS_MAINNET, SourceState.STALE, "silent for 65 s");
        open("health.html");
        browser.await("failover history", d -> d.findElements(By.cssSelector("#failovers tbody tr")).size() == 7);
        assertEquals("silent for 65 s", browser.driver.findElement(By.cssSelector("#failovers tbody tr td:last-child")).getText());
        assertTrue(browser.driver.findElement(By.id("perp")).getText().contains("hl-ws-mainnet"));
        browser.await("latency seam", d -> d.findElement(By.id("latency")).getText().contains("not available"));
        browser.screenshot("health");
    }

    @Test
    @Order(8)
    void indicatorTurnsStaleWhenTheJournalStopsAdvancing() {
        heartbeat();
        browser.await("live after a fresh record", d -> "live".equals(indicator()));
        browser.await("stale after 3 s without records", d -> "stale".equals(indicator()));
        assertTrue(browser.driver.findElement(By.id("conn")).getText().contains("journal idle"));
        assertTrue(Files.exists(Browser.SCREENSHOTS.resolve("overview.png")));
    }
}
