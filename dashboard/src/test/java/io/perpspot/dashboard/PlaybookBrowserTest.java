package io.perpspot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perpspot.dashboard.state.HeldOpportunity;
import io.perpspot.engine.exec.Direction;
import io.perpspot.engine.exec.ExecutionModel;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The trader's workflow on the opportunities page in a real headless Chromium (issue 22): the playbook of an
 * opportunity prices its legs exactly as {@link ExecutionModel#legQuote} on the state at that opportunity,
 * "Analyze top 5" gives five rows of Monte Carlo figures, and the simple / advanced toggle changes the columns
 * and is remembered. Writes {@code playbook.png}, {@code analysis.png} and {@code opportunities-simple.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlaybookBrowserTest {
    @TempDir
    static Path dir;
    static TestJournal journal;
    static Dashboard dash;
    static Browser browser;
    static final List<Long> SEQS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        journal = new TestJournal(dir.resolve("j"));
        SEQS.addAll(Fixture.writeWithOpportunities(journal, 5, id -> {
        }));
        journal.spot(0, "10");
        dash = Fixture.start(dir.resolve("j"), Fixture.settings(), Fixture.services());
        browser = new Browser();
        browser.driver.get(dash.url() + "/opportunities.html");
        browser.js("localStorage.removeItem('perpspot.opportunities.view');");
    }

    @AfterAll
    static void stop() throws Exception {
        Fixture.closeAll(browser, dash, journal);
    }

    private static void openPage() {
        browser.driver.get(dash.url() + "/opportunities.html");
        browser.await("seven opportunities", d -> d.findElements(By.cssSelector("#opps tbody tr")).size() == 7);
        browser.await("templates listed", d -> d.findElements(By.cssSelector("#template option")).size() >= 3);
    }

    private static String error(String id) {
        List<WebElement> err = browser.driver.findElements(By.id(id));
        return err.isEmpty() ? null : err.get(0).getText();
    }

    @Test
    @Order(1)
    void thePlaybookOfALiveOpportunityPricesItsLegsAsTheExecutionModelOnTheSameState() throws Exception {
        openPage();
        long seq = SEQS.get(3); // T002, long perp: bought on Hyperliquid, sold on Jupiter
        WebElement row = browser.driver.findElement(By.cssSelector("#opps tbody tr[data-seq='" + seq + "']"));
        assertTrue(row.findElement(By.cssSelector("td[data-col='profit']")).getText().contains("$"));
        assertEquals(2, row.findElements(By.cssSelector("td[data-col='liquidity'] .liq-bar")).size());
        row.findElement(By.cssSelector("button.pb")).click();
        browser.await("the playbook", d -> {
            String e = error("playbook-error");
            if (e != null) {
                throw new AssertionError(e);
            }
            return !d.findElements(By.cssSelector("#playbook-card[data-seq='" + seq + "'] #pb-legs tbody tr"))
                    .isEmpty();
        });
        HeldOpportunity held = dash.view().opportunity(seq);
        assertNotNull(held.state(), "the dashboard holds the state at the opportunity");
        assertEquals(Direction.LONG_PERP_SHORT_SPOT, held.state().direction());
        ExecutionModel model = new ExecutionModel(Fixture.services().execution());
        double perp = model.legQuote(held.state().snapshot(), true, true, 1000).price();
        double spot = model.legQuote(held.state().snapshot(), false, false, 1000).price();
        assertEquals(perp, Double.parseDouble(legAttr("hyperliquid")), "the perp leg's price is legQuote's");
        assertEquals(spot, Double.parseDouble(legAttr("jupiter")), "the spot leg's price is legQuote's");
        assertTrue(browser.driver.findElement(By.id("pb-from")).getText().contains("journal index " + seq));
        assertTrue(browser.driver.findElement(By.id("pb-funding")).getText().contains("next settlement"));
        assertFalse(browser.driver.findElement(By.id("pb-why")).getText().isBlank());
        String md = browser.driver.findElement(By.id("pb-md")).getAttribute("href");
        Fixture.Reply r = Fixture.get(dash, md.substring(dash.url().length()));
        assertEquals(200, r.status());
        assertTrue(r.body().startsWith("# Playbook: T002 long-perp/short-spot"), r.body());
        browser.screenshot("playbook");
    }

    private static String legAttr(String venue) {
        return browser.driver.findElement(By.cssSelector("#pb-legs tr[data-venue='" + venue + "']"))
                .getAttribute("data-price");
    }

    @Test
    @Order(2)
    void analyzeTopFiveGivesFiveRowsOfMonteCarloFigures() throws Exception {
        browser.driver.findElement(By.id("analyze")).click();
        browser.await("five analysed rows", d -> {
            String e = error("analysis-error");
            if (e != null) {
                throw new AssertionError(e);
            }
            return d.findElements(By.cssSelector("#analysis-table tbody tr")).size() == 5;
        });
        for (WebElement tr : browser.driver.findElements(By.cssSelector("#analysis-table tbody tr"))) {
            String mean = tr.findElement(By.cssSelector("td[data-f='mean']")).getText();
            Double.parseDouble(mean.replace("$", "").replace(",", ""));
            assertTrue(tr.findElement(By.cssSelector("td[data-f='pop']")).getText().endsWith("%"));
            assertTrue(tr.findElement(By.cssSelector("td[data-f='confidence']")).getText().endsWith("%"));
        }
        assertTrue(browser.driver.findElement(By.id("confidence-def")).getText().startsWith("confidence ="));
        browser.screenshot("analysis");
    }

    private static List<String> visibleHeaders() {
        List<String> out = new ArrayList<>();
        for (WebElement th : browser.driver.findElements(By.cssSelector("#opps thead th"))) {
            if (th.isDisplayed()) {
                out.add(th.getText());
            }
        }
        return out;
    }

    @Test
    @Order(3)
    void theSimpleViewShowsFewerColumnsAndIsRemembered() throws Exception {
        openPage();
        List<String> advanced = visibleHeaders();
        assertTrue(advanced.contains("Spot (leg B)") && advanced.contains("Liquidity") && advanced.contains("Z"),
                String.valueOf(advanced));
        browser.driver.findElement(By.id("view-toggle")).click();
        List<String> simple = visibleHeaders();
        assertEquals(List.of("Token", "Pair", "Direction", "Net bps", "Slippage bps", "Est. profit", "Age", ""),
                simple);
        openPage();
        assertEquals(simple, visibleHeaders(), "remembered in localStorage");
        assertEquals("simple", browser.driver.findElement(By.id("view-toggle")).getAttribute("data-view"));
        browser.screenshot("opportunities-simple");
        browser.driver.findElement(By.id("view-toggle")).click();
        assertEquals(advanced, visibleHeaders());
    }
}
