package org.sflowmonitor.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import org.sflowmonitor.api.TestFleet;
import org.sflowmonitor.testing.Browser;
import org.sflowmonitor.testing.BrowserSession;
import org.sflowmonitor.testing.LiveCluster;
import org.sflowmonitor.testing.UdpSender;

/**
 * A node that stops sending, in the fleet view of a live cluster: one more node than the
 * simulated cluster polls every second for a few rounds, then goes quiet; with the default
 * entity.silent.intervals (3) it is silent three seconds later.
 */
class DashboardSilentNodeTest {

    private static final String QUIET_IP = "10.9.0.1";
    /** Sorts after the cluster's node names: the last tile. */
    private static final String QUIET_NAME = "zz-quiet-node";
    private static final long GREY = 0x9aa0a6;
    private static final long CROSS = 0x3c4043;

    @TempDir
    static Path temp;
    static BrowserSession session;
    static LiveCluster cluster;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        session = BrowserSession.start(temp, Map.of());
        cluster = session.cluster();
        browser = session.browser();
        browser.size(1280, 800);
    }

    @AfterAll
    static void stop() throws Exception {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void aNodeThatStopsSendingTurnsGreyAndCrossedInTheOpenFleetViewWithoutAReload() throws Exception {
        WebElement tiles;
        cluster.awaitTwoRounds(null); // counts the cluster's nodes: before the quiet one is there
        try (UdpSender udp = new UdpSender(cluster.runtime().sflowPort())) {
            int round = 0;
            for (; round < 3; round++) {
                sendRound(udp, round);
            }
            browser.driver.get(cluster.url() + "#/");
            tiles = browser.waiting(30).until(d -> {
                List<WebElement> c = d.findElements(By.cssSelector("main[data-view='fleet'][data-ready='true'] "
                        + "canvas.tiles"));
                return c.isEmpty() ? null : c.get(0);
            });
            for (; round < 5; round++) {
                sendRound(udp, round);
            }
            assertEquals(String.valueOf(LiveCluster.MODEL.nodes() + 1), tiles.getDomAttribute("data-tiles"));
            assertEquals("0", tiles.getDomAttribute("data-silent"), "reporting while it sends");
        }
        WebElement canvas = tiles;
        browser.waiting(30).until(d -> "1".equals(canvas.getDomAttribute("data-silent")));
        browser.waiting(5).until(d -> "1".equals(d.findElement(By.id("count-silent")).getText()));
        int quiet = LiveCluster.MODEL.nodes();
        assertEquals(GREY, pixel(quiet, 0.5, 0.12), "the quiet node's tile is grey");
        assertEquals(CROSS, pixel(quiet, 0.5, 0.5), "and crossed");
        assertNotEquals(GREY, pixel(0, 0.5, 0.12), "a reporting node's tile has its CPU colour");
        int size = Integer.parseInt(canvas.getDomAttribute("data-tile-size"));
        int columns = Integer.parseInt(canvas.getDomAttribute("data-columns"));
        int x = (quiet % columns) * (size + 2) + size / 2 - canvas.getSize().getWidth() / 2;
        int y = (quiet / columns) * (size + 2) + size / 4 - canvas.getSize().getHeight() / 2;
        new Actions(browser.driver).moveToElement(canvas, x, y).perform();
        String tip = browser.driver.findElement(By.cssSelector(".tile-tip")).getText();
        assertTrue(tip.contains(QUIET_NAME) && tip.contains("silent"), tip);
        // its row in the nodes table says so (rows are drawn again with each live update: read until one holds)
        browser.waiting(10).ignoring(StaleElementReferenceException.class).until(d -> d.findElement(By.xpath(
                "//table[@aria-label='nodes']//tr[td//a[text()='" + QUIET_NAME + "']]")).getText().endsWith("silent"));
        browser.assertNoConsoleErrors();
        browser.screenshot("fleet-silent");
    }

    private static void sendRound(UdpSender udp, int round) throws Exception {
        udp.send(TestFleet.node(QUIET_IP, QUIET_NAME, UUID.fromString("5e1e0000-0000-4000-8000-000000000001"), round,
                8_640_000 + round));
        Thread.sleep(1000);
    }

    /** The RGB of a point of tile {@code index}, at fractions of its width and height. */
    private static long pixel(int index, double across, double down) {
        Object rgb = browser.driver.executeScript("""
                const c = document.querySelector('canvas.tiles');
                const size = Number(c.dataset.tileSize), columns = Number(c.dataset.columns), ratio = c.width / c.clientWidth;
                const x = (arguments[0] % columns) * (size + 2) + size * arguments[1];
                const y = Math.floor(arguments[0] / columns) * (size + 2) + size * arguments[2];
                const d = c.getContext('2d').getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data;
                return d[0] * 65536 + d[1] * 256 + d[2];""", index, across, down);
        return ((Number) rgb).longValue();
    }
}
