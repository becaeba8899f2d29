package org.sflowmonitor.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.sflowmonitor.testing.Browser;
import org.sflowmonitor.testing.BrowserSession;
import org.sflowmonitor.testing.LiveCluster;

/** With api.token set, the dashboard asks for the token once and keeps it for the tab only. */
class DashboardTokenTest {

    private static final String TOKEN = "dashboard-token-93f1";

    @TempDir
    static Path temp;
    static BrowserSession session;
    static LiveCluster cluster;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        session = BrowserSession.start(temp, Map.of("api.token", TOKEN));
        cluster = session.cluster();
        browser = session.browser();
        cluster.awaitTwoRounds(TOKEN);
    }

    @AfterAll
    static void stop() throws Exception {
        if (session != null) {
            session.close();
        }
    }

    private WebElement dialog() {
        return browser.waiting(20).until(d -> {
            WebElement dialog = d.findElement(By.id("token-dialog"));
            return dialog.getDomAttribute("open") != null ? dialog : null;
        });
    }

    private void signIn(String token) {
        WebElement input = dialog().findElement(By.id("token-input"));
        input.sendKeys(token);
        browser.driver.findElement(By.id("token-submit")).click();
    }

    private void awaitFleet() {
        browser.waiting(30).until(d -> !d.findElements(By.cssSelector("main[data-view='fleet'][data-ready='true']"))
                .isEmpty());
    }

    @Test
    void theTokenIsAskedOnceRefusedWhenWrongAndKeptForTheTab() throws Exception {
        browser.driver.get(cluster.url());
        browser.screenshot("token-prompt");
        signIn("wrong");
        WebElement again = dialog();
        assertTrue(again.findElement(By.id("token-refused")).isDisplayed(), "says the token was refused");
        signIn(TOKEN);
        awaitFleet();
        assertEquals(String.valueOf(LiveCluster.MODEL.nodes()),
                browser.driver.findElement(By.cssSelector("canvas.tiles")).getDomAttribute("data-tiles"));
        browser.waiting(20).until(d -> "live".equals(d.findElement(By.id("live")).getText()));
        // only the two refused calls (one without a token, one with the wrong one) may show as errors
        List<String> errors = browser.consoleErrors();
        assertTrue(errors.stream().allMatch(e -> e.contains("401")), errors.toString());

        browser.driver.navigate().refresh();
        awaitFleet();
        assertFalse(browser.driver.findElement(By.id("token-dialog")).getDomAttribute("open") != null,
                "no second prompt in the same tab");
        assertEquals(TOKEN, browser.driver.executeScript(
                "return sessionStorage.getItem('sflow-monitor.api-token')"));
        assertEquals(null, browser.driver.executeScript("return localStorage.getItem('sflow-monitor.api-token')"));
        browser.assertNoConsoleErrors();
    }
}
