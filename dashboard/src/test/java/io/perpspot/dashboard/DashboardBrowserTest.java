package io.perpspot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.dashboard.core.DashboardSettings;
import io.perpspot.engine.core.OutputRecord;
import io.perpspot.engine.core.Source;
import io.perpspot.engine.core.SourceState;
import io.perpspot.engine.core.VenuePair;
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
import org.openqa.selenium.support.ui.Select;

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
        dash = Fixture.start(dir.resolve("j"), s, Fixture.services());
        browser = new Browser();
    }

    @AfterAll
    static void stop() throws Exception {
        Fixture.closeAll(browser, dash, journal);
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
        assertEquals("slip slip-green",
                cell("SLIPG", "slippage").findElement(By.tagName("span")).getAttribute("class"));
        assertEquals("slip slip-orange",
                cell("SLIPO", "slippage").findElement(By.tagName("span")).getAttribute("class"));
        assertEquals("slip slip-red", cell("SLIPR", "slippage").findElement(By.tagName("span")).getAttribute("class"));
        assertEquals("300.0", cell("SLIPR", "slippage").getText());
        // T005: a green perp book but a Jupiter ladder 300 bps from spot: the worse leg (spot) decides
        assertEquals("slip slip-red", cell("T005", "slippage").findElement(By.tagName("span")).getAttribute("class"));
        assertTrue(cell("T005", "slippage").getAttribute("title").contains("spot buy 300.0 bps (ladder)"),
                cell("T005", "slippage").getAttribute("title"));
        // $50k is beyond SLIPR's visible book (a new size is a new subscription: it comes with the next hello)
        new Select(browser.driver.findElement(By.id("size"))).selectByVisibleText("$50k");
        browser.await("SLIPR beyond the book at $50k", d -> "> depth".equals(cell("SLIPR", "slippage").getText()));
        new Select(browser.driver.findElement(By.id("size"))).selectByVisibleText("$1k");
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
        assertEquals("T009", browser.driver.findElement(By.cssSelector("#opps tbody tr"))
                .findElements(By.tagName("td")).get(1).getText(), "newest first");
    }

    @Test
    @Order(4)
    void monteCarloButtonRunsTheModelOnTheOpportunity() throws Exception {
        browser.await("templates listed", d -> d.findElements(By.cssSelector("#template option")).size() >= 3);
        browser.driver.findElement(By.cssSelector("#opps tbody tr button.mc")).click();
        String mean = browser.await("Monte Carlo result", d -> {
            List<WebElement> e = d.findElements(By.cssSelector("#mc-result [data-stat='mean']"));
            List<WebElement> err = d.findElements(By.id("mc-error"));
            if (!err.isEmpty()) {
                throw new AssertionError(err.get(0).getText());
            }
            return e.isEmpty() ? null : e.get(0).getText();
        });
        Double.parseDouble(mean.replace(",", ""));
        // a number from the model, not "—" (an undefined value)
        Double.parseDouble(browser.driver.findElement(By.cssSelector("#mc-result [data-stat='var95']")).getText());
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
        browser.await("slippage curves", d ->
                ((Long) browser.js("return Chart.getChart('cSlip').data.datasets[2].data.length;")) > 0);
        // perp book walk and Jupiter ladder, both venues: T005's spot ladder costs 300 bps, its perp book ~2
        String at1k = ".data.find(p => p.x === 1000).y;";
        assertEquals(300.0, ((Number) browser.js("return Chart.getChart('cSlip').data.datasets[2]" + at1k))
                .doubleValue(), 0.5);
        assertTrue(((Number) browser.js("return Chart.getChart('cSlip').data.datasets[0]" + at1k)).doubleValue() < 50);
        assertEquals(2L, browser.js("return Chart.getChart('cSlip').data.datasets[4].data.length;"),
                "the tolerance line");
        assertTrue(browser.driver.findElement(By.id("slipnote")).getText().contains("ladder"));
        browser.screenshot("token");
    }

    @Test
    @Order(6)
    void simulationPageReturnsAHistogramWithVarLines() throws Exception {
        open("simulation.html");
        browser.await("tokens listed", d -> d.findElements(By.cssSelector("#token option")).size() == Fixture.TOKENS);
        browser.await("templates listed", d -> d.findElements(By.cssSelector("#template option")).size() >= 3);
        new Select(browser.driver.findElement(By.id("token"))).selectByVisibleText("T000");
        browser.driver.findElement(By.id("from")).clear();
        browser.driver.findElement(By.id("to")).clear();
        WebElement paths = browser.driver.findElement(By.id("paths"));
        paths.clear();
        paths.sendKeys("20000");
        browser.driver.findElement(By.id("run")).click();
        browser.await("simulation result", d -> {
            List<WebElement> err = d.findElements(By.id("sim-error"));
            if (!err.isEmpty()) {
                throw new AssertionError(err.get(0).getText());
            }
            return browser.js("return window.PS_SIM.result() !== null && window.PS_SIM.hist() !== null;");
        });
        long bins = (Long) browser.js("return window.PS_SIM.hist().data.datasets[0].data.length;");
        assertTrue(bins > 1, "histogram bins: " + bins);
        assertEquals(20000L,
                browser.js("return window.PS_SIM.hist().data.datasets[0].data.reduce((a, p) => a + p.y, 0);"),
                "every path in a bin");
        assertEquals(4L, browser.js("return window.PS_SIM.hist().$varLines.length;"), "VaR/CVaR 95 and 99 lines");
        assertEquals(browser.js("return -window.PS_SIM.result().var95;"),
                browser.js("return window.PS_SIM.hist().$varLines[0].value;"));
        // the range's equity curve: T000's one opportunity, traded
        assertEquals(1L, browser.js("return Chart.getChart('cEquity').data.datasets[0].data.length;"));
        String csv = (String) browser.js("return window.PS_SIM.csv();");
        assertTrue(csv.contains("histogram,bin,") && csv.contains("stat,var95,"), csv);
        browser.screenshot("simulation");
    }

    @Test
    @Order(7)
    void healthPageShowsSourcesFailoversLatencyAndCache() throws Exception {
        journal.status(Source.HL_WS_MAINNET, SourceState.STALE, "silent for 65 s");
        open("health.html");
        browser.await("failover history", d -> d.findElements(By.cssSelector("#failovers tbody tr")).size() == 9);
        assertEquals("silent for 65 s",
                browser.driver.findElement(By.cssSelector("#failovers tbody tr td:last-child")).getText());
        assertTrue(browser.driver.findElement(By.id("perp")).getText().contains("hl-ws-mainnet"));
        browser.await("latency table", d ->
                !d.findElements(By.cssSelector("#latency-table tr[data-kind='feed']")).isEmpty());
        assertTrue(browser.driver.findElement(By.cssSelector("#latency-table tr[data-kind='journal']")).getText()
                .contains("hl-ws-mainnet"));
        assertEquals("local", browser.driver.findElement(By.id("cache-backend")).getText());
        assertTrue(!browser.driver.findElement(By.tagName("body")).getText().contains(Fixture.REDIS_PASSWORD));
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

    /**
     * T001 gains a Hyperliquid spot book: Spread records of perp-hlspot (Hyperliquid spot 11.02 as leg B) and
     * hlspot-jupiter (11.01 / 11.03 as leg A), and an opportunity on each (net 18.5 and 7.0 bps).
     */
    private static void threeVenues() {
        journal.tick(1000);
        journal.spot(1, "11");
        journal.pairSpread(1, VenuePair.HLSPOT_JUPITER, "11.01", "11.03", "11.02", "11", 18.2, 0.7);
        journal.pairSpread(1, VenuePair.PERP_HLSPOT, "10.99", "11.01", "11", "11.02", -18.1, -0.6);
        journal.tick(500);
        journal.spot(1, "11");
        journal.pairSpread(1, VenuePair.HLSPOT_JUPITER, "11.02", "11.04", "11.03", "11", 27.3, 1.1);
        journal.pairSpread(1, VenuePair.PERP_HLSPOT, "10.99", "11.01", "11", "11.03", -27.2, -1.2);
        journal.pairOpportunity(1, VenuePair.PERP_HLSPOT, OutputRecord.LONG_PERP_SHORT_SPOT, 18.5, -2.4);
        journal.pairOpportunity(1, VenuePair.HLSPOT_JUPITER, OutputRecord.SHORT_PERP_LONG_SPOT, 7.0, 2.5);
    }

    @Test
    @Order(9)
    void overviewNamesEachTokensBestPairAndHoverShowsTheThreeVenuesPrices() throws Exception {
        threeVenues();
        open("index.html");
        browser.await("T001's best pair", d -> "perp-hlspot".equals(cell("T001", "best").getAttribute("data-pair")));
        assertEquals("perp-hlspot 18.5", cell("T001", "best").getText());
        String hover = cell("T001", "best").getAttribute("title");
        assertTrue(hover.startsWith("perp mid 11 · Jupiter 11 · Hyperliquid spot 11.03\n"), hover);
        assertTrue(hover.contains("\nperp-hlspot: basis -27.2 bps, z -1.20, last opportunity net 18.5 bps"
                + " long-perp/short-hlspot at "), hover);
        assertTrue(hover.contains("\nhlspot-jupiter: basis 27.3 bps, z 1.10, last opportunity net 7.0 bps"
                + " short-hlspot/long-jupiter at "), hover);
        assertEquals(hover, browser.driver.findElement(By.id("row-T001")).getAttribute("title"), "the row's hover");
        // a token without a Hyperliquid spot book, and without an opportunity
        assertTrue(cell("T002", "best").getAttribute("title").startsWith("perp mid 12 · Jupiter 12 · Hyperliquid spot"
                + " —\nperp-jupiter: basis 3.5 bps"), cell("T002", "best").getAttribute("title"));
        assertEquals("—", cell("T002", "best").getText());
        browser.screenshot("overview-three-venues");
    }

    @Test
    @Order(10)
    void tokenPageChartsTheThreePricesAndEachPairsBasis() throws Exception {
        open("token.html?symbol=T001");
        browser.await("history loaded", d -> d.findElement(By.id("histinfo")).getText().contains("snapshots in range"));
        browser.await("the Hyperliquid spot series", d ->
                ((Long) browser.js("return Chart.getChart('cPrice').data.datasets[2].data.length;")) == 2);
        assertEquals(List.of("spot (Jupiter)", "perp mid (Hyperliquid)", "Hyperliquid spot mid"),
                browser.js("return Chart.getChart('cPrice').data.datasets.map(d => d.label);"));
        assertEquals(11.03, ((Number) browser.js("return Chart.getChart('cPrice').data.datasets[2].data[1].y;"))
                .doubleValue());
        assertEquals(List.of("basis perp-jupiter", "basis perp-hlspot", "basis hlspot-jupiter"),
                browser.js("return Chart.getChart('cBasis').data.datasets.map(d => d.label)"
                        + ".filter(l => l.startsWith('basis'));"));
        assertEquals(List.of(-18.1, -27.2), browser.js("return Chart.getChart('cBasis').data.datasets"
                + ".find(d => d.label === 'basis perp-hlspot').data.map(p => p.y);"));
        assertEquals(List.of(18.2, 27.3), browser.js("return Chart.getChart('cBasis').data.datasets"
                + ".find(d => d.label === 'basis hlspot-jupiter').data.map(p => p.y);"));
        String summary = browser.driver.findElement(By.id("summary")).getText();
        assertTrue(summary.contains("Hyperliquid spot\n11.03 · bid / ask 11.02 / 11.04"), summary);
        assertTrue(summary.contains("best pair\nperp-hlspot · net 18.5 bps"), summary);
        // a live perp-hlspot snapshot joins its series over the WebSocket
        journal.tick(500);
        journal.spot(1, "11");
        journal.pairSpread(1, VenuePair.PERP_HLSPOT, "10.99", "11.01", "11", "11.04", -36.2, -1.5);
        browser.await("the live perp-hlspot point", d -> ((Long) browser.js("return Chart.getChart('cBasis').data"
                + ".datasets.find(d => d.label === 'basis perp-hlspot').data.length;")) == 3);
        assertEquals(11.04, ((Number) browser.js("return Chart.getChart('cPrice').data.datasets[2].data[2].y;"))
                .doubleValue());
        // T002 has perp-jupiter only: no other pair's series, an empty Hyperliquid spot one
        open("token.html?symbol=T002");
        browser.await("T002's history", d -> d.findElement(By.id("histinfo")).getText().contains("snapshots in range"));
        assertEquals(List.of("basis perp-jupiter"), browser.js("return Chart.getChart('cBasis').data.datasets"
                + ".map(d => d.label).filter(l => l.startsWith('basis'));"));
        assertEquals(0L, browser.js("return Chart.getChart('cPrice').data.datasets[2].data.length;"));
        open("token.html?symbol=T001");
        browser.await("T001's history again", d ->
                ((Long) browser.js("return Chart.getChart('cPrice').data.datasets[2].data.length;")) == 3);
        browser.screenshot("token-three-venues");
    }

    @Test
    @Order(11)
    void opportunitiesPageNamesEachOpportunitysPairAndItsDirectionOnIt() {
        open("opportunities.html");
        browser.await("T001's two opportunities", d -> d.findElements(By.xpath(
                "//table[@id='opps']/tbody/tr[td[2]='T001']")).size() == 2);
        List<WebElement> rows = browser.driver.findElements(By.xpath("//table[@id='opps']/tbody/tr[td[2]='T001']"));
        // newest first: hlspot-jupiter, then perp-hlspot
        assertEquals("hlspot-jupiter", rows.get(0).findElement(By.cssSelector("td[data-col='pair']")).getText());
        assertEquals("short-hlspot/long-jupiter",
                rows.get(0).findElement(By.cssSelector("td[data-col='direction']")).getText());
        assertEquals("perp-hlspot", rows.get(1).findElement(By.cssSelector("td[data-col='pair']")).getText());
        assertEquals("long-perp/short-hlspot",
                rows.get(1).findElement(By.cssSelector("td[data-col='direction']")).getText());
        assertTrue(!rows.get(1).findElement(By.cssSelector("button.pb")).isEnabled(),
                "the playbook prices perp-jupiter only");
        // nor do the execution model's slippage, profit and liquidity
        for (String col : List.of("slippage", "profit", "liquidity")) {
            assertEquals("—", rows.get(1).findElement(By.cssSelector("td[data-col='" + col + "']")).getText(), col);
        }
        WebElement t000 = browser.driver.findElement(By.xpath("//table[@id='opps']/tbody/tr[td[2]='T000']"));
        assertEquals("perp-jupiter", t000.findElement(By.cssSelector("td[data-col='pair']")).getText());
        assertEquals("short-perp/long-spot", t000.findElement(By.cssSelector("td[data-col='direction']")).getText());
        assertTrue(t000.findElement(By.cssSelector("button.pb")).isEnabled());
    }
}
