package org.sflowmonitor.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import org.sflowmonitor.testing.Browser;
import org.sflowmonitor.testing.BrowserSession;
import org.sflowmonitor.testing.LiveCluster;

/**
 * What a person sees in the dashboard of a small cluster that sends over UDP once a second:
 * the fleet, a node, a VM, the collector, each in headless Chromium; screenshots in
 * target/screenshots/.
 */
class DashboardBrowserTest {

    @TempDir
    static Path temp;
    static BrowserSession session;
    static LiveCluster cluster;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        // a rollup tier of 10 s: its first buckets are written within half a minute
        session = BrowserSession.start(temp, Map.of("rollup.tiers", "10s:2d"));
        cluster = session.cluster();
        browser = session.browser();
        cluster.awaitTwoRounds(null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (session != null) {
            session.close();
        }
    }

    @BeforeEach
    void desktopSize() {
        browser.size(1280, 800);
    }

    @AfterEach
    void consoleStaysClean() {
        browser.assertNoConsoleErrors();
    }

    private WebElement open(String hash, String view) {
        browser.driver.get(cluster.url() + hash);
        browser.driver.navigate().refresh();
        return browser.waiting(30).until(d -> {
            List<WebElement> main = d.findElements(By.cssSelector("main[data-view='" + view + "'][data-ready='true']"));
            return main.isEmpty() ? null : main.get(0);
        });
    }

    private static String nodeName(int node) {
        return LiveCluster.MODEL.nodeName(node);
    }

    @Test
    void theFleetViewHasATileAndATableRowForEveryNodeSentAndEveryVm() throws Exception {
        WebElement view = open("#/", "fleet");
        browser.waiting(30).until(d -> "true".equals(view.getDomAttribute("data-vms-ready")));
        WebElement tiles = view.findElement(By.cssSelector("canvas.tiles"));
        assertEquals(String.valueOf(LiveCluster.MODEL.nodes()), tiles.getDomAttribute("data-tiles"));
        assertEquals("0", tiles.getDomAttribute("data-silent"));
        assertEquals("6", view.findElement(By.id("count-nodes")).getText());
        assertEquals("18", view.findElement(By.id("count-vms")).getText());
        String nodesTable = view.findElement(By.cssSelector("table[aria-label='nodes']")).getText();
        for (int n = 0; n < LiveCluster.MODEL.nodes(); n++) {
            assertTrue(nodesTable.contains(nodeName(n)), nodeName(n) + " in the nodes table");
            assertTrue(nodesTable.contains(LiveCluster.MODEL.agentText(n)), "its agent address");
        }
        String vmsTable = view.findElement(By.cssSelector("table[aria-label='VMs']")).getText();
        assertTrue(vmsTable.contains(LiveCluster.MODEL.vmName(0, 0)), "a VM's name in the VMs table");
        assertTrue(vmsTable.contains("%"), "CPU and memory figures");
        browser.screenshot("fleet");
    }

    @Test
    void searchingTheNodeTableLeavesTheMatchingNodeAndSortingByCpuOrdersTheRows() {
        WebElement view = open("#/", "fleet");
        WebElement search = view.findElement(By.cssSelector("input[aria-label='Search nodes']"));
        search.sendKeys(nodeName(4));
        WebElement table = view.findElement(By.cssSelector("table[aria-label='nodes']"));
        browser.waiting(5).until(d -> table.findElements(By.cssSelector("tbody tr")).size() == 1);
        assertTrue(table.findElement(By.cssSelector("tbody tr")).getText().contains(nodeName(4)));
        search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        browser.waiting(5).until(d -> table.findElements(By.cssSelector("tbody tr")).size() == 6);
        table.findElement(By.cssSelector("th[data-key='cpu_utilisation'] button")).click();
        assertEquals("descending", table.findElement(By.cssSelector("th[data-key='cpu_utilisation']"))
                .getDomAttribute("aria-sort"));
    }

    @Test
    void theVmTableIsSearchedAndSortedByTheServer() {
        WebElement view = open("#/", "fleet");
        browser.waiting(30).until(d -> "true".equals(view.getDomAttribute("data-vms-ready")));
        WebElement table = view.findElement(By.cssSelector("table[aria-label='VMs']"));
        String wanted = LiveCluster.MODEL.vmName(2, 1);
        view.findElement(By.cssSelector("input[aria-label='Search VMs']")).sendKeys(wanted);
        browser.waiting(10).until(d -> table.findElements(By.cssSelector("tbody tr a")).size() == 1
                && table.findElement(By.cssSelector("tbody tr a")).getText().equals(wanted));
        table.findElement(By.cssSelector("th[data-key='vcpu_utilisation'] button")).click();
        assertEquals("descending", table.findElement(By.cssSelector("th[data-key='vcpu_utilisation']"))
                .getDomAttribute("aria-sort"));
        browser.waiting(10).until(d -> table.findElements(By.cssSelector("tbody tr a")).size() == 1);
    }

    @Test
    void clickingATileOpensItsNodeWithChartsAndClickingOneOfItsVmsOpensTheVm() throws Exception {
        WebElement view = open("#/", "fleet");
        WebElement tiles = view.findElement(By.cssSelector("canvas.tiles"));
        int half = tiles.getSize().getWidth() / 2;
        // the first tile (nodes in name order) sits at the top left corner
        new Actions(browser.driver).moveToElement(tiles, -half + 10, -tiles.getSize().getHeight() / 2 + 10).click()
                .perform();
        WebElement node = browser.waiting(30).until(d -> {
            List<WebElement> m = d.findElements(By.cssSelector("main[data-view='node'][data-ready='true']"));
            return m.isEmpty() ? null : m.get(0);
        });
        assertTrue(browser.driver.getCurrentUrl().endsWith("#/node/" + LiveCluster.MODEL.agentText(0)));
        assertTrue(node.findElement(By.tagName("h1")).getText().contains(nodeName(0)));
        for (String chart : List.of("CPU %", "Load", "Memory", "Disk I/O", "Network")) {
            WebElement figure = node.findElement(By.cssSelector("figure[data-chart='" + chart + "']"));
            assertTrue(Integer.parseInt(figure.getDomAttribute("data-points")) > 0, chart + " has points");
            assertTrue(figure.findElement(By.cssSelector("canvas")).isDisplayed(), chart + " is drawn");
        }
        WebElement vms = node.findElement(By.cssSelector("table[aria-label='VMs']"));
        browser.waiting(10).until(d -> vms.findElements(By.cssSelector("tbody tr a")).size() == 3);
        browser.screenshot("node");
        // the rows are redrawn by every live update: find the link again until a click lands
        String name = browser.waiting(10).ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement link = vms.findElement(By.cssSelector("tbody tr a"));
            String text = link.getText();
            link.click();
            return text;
        });
        WebElement vm = browser.waiting(30).until(d -> {
            List<WebElement> m = d.findElements(By.cssSelector("main[data-view='vm'][data-ready='true']"));
            return m.isEmpty() ? null : m.get(0);
        });
        assertTrue(vm.findElement(By.tagName("h1")).getText().contains(name));
        for (String chart : List.of("vCPU %", "Memory", "Disk I/O", "Network (VM side)")) {
            WebElement figure = vm.findElement(By.cssSelector("figure[data-chart='" + chart + "']"));
            assertTrue(Integer.parseInt(figure.getDomAttribute("data-points")) > 0, chart + " has points");
        }
        assertTrue(vm.findElement(By.cssSelector("table[aria-label='nodes the VM ran on']")).getText()
                .contains(LiveCluster.MODEL.agentText(0)), "the node it ran on");
        browser.screenshot("vm");
    }

    @Test
    void aRoundSentWhileANodeViewIsOpenAppearsInItsChartWithoutReload() {
        WebElement view = open("#/node/" + LiveCluster.MODEL.agentText(2), "node");
        WebElement cpu = view.findElement(By.cssSelector("figure[data-chart='CPU %']"));
        int before = Integer.parseInt(cpu.getDomAttribute("data-points"));
        browser.waiting(20).until(d -> Integer.parseInt(cpu.getDomAttribute("data-points")) > before + 1);
        assertEquals("live", browser.driver.findElement(By.id("live")).getText());
    }

    @Test
    void aWeekOfANodeIsChartedFromTheRollupBucketsWithTheCpuRangeShaded() throws Exception {
        WebElement view = open("#/node/" + LiveCluster.MODEL.agentText(3), "node");
        WebElement week = view.findElement(By.xpath(".//div[@aria-label='time range']/button[text()='Week']"));
        WebElement resolution = view.findElement(By.cssSelector("p[data-resolution]"));
        assertEquals("Raw samples.", resolution.getText(), "the hour is charted from the samples");
        // the first 10 s bucket is written 15 s after it ends: ask again until every chart has one
        browser.waiting(60).pollingEvery(java.time.Duration.ofSeconds(3)).until(d -> {
            week.click();
            return resolution.getText().contains("10s buckets") && view.findElements(By.cssSelector("figure[data-chart]"))
                    .stream().allMatch(f -> Integer.parseInt(f.getDomAttribute("data-points")) > 0);
        });
        assertEquals("true", week.getDomAttribute("aria-pressed"));
        browser.screenshot("node-week");
    }

    @Test
    void theKeyboardMovesAcrossTheTilesAndEnterOpensTheChosenNode() {
        WebElement view = open("#/", "fleet");
        WebElement tiles = view.findElement(By.cssSelector("canvas.tiles"));
        tiles.sendKeys(Keys.ARROW_RIGHT, Keys.ENTER);
        browser.waiting(10).until(d -> d.getCurrentUrl().endsWith("#/node/" + LiveCluster.MODEL.agentText(1)));
        browser.waiting(30).until(d -> !d.findElements(By.cssSelector("main[data-view='node'][data-ready='true']"))
                .isEmpty());
    }

    @Test
    void theCollectorViewShowsRatesLossesAndTheWriter() throws Exception {
        WebElement view = open("#/collector", "collector");
        assertTrue(view.findElement(By.cssSelector("table[aria-label='losses by place']")).getText()
                .contains("queue_drops"));
        WebElement rates = view.findElement(By.cssSelector("figure[data-chart='Per second']"));
        browser.waiting(15).until(d -> Integer.parseInt(rates.getDomAttribute("data-points")) >= 2);
        String facts = view.findElement(By.cssSelector("dl.facts")).getText();
        assertTrue(facts.contains("Writer fault") && facts.contains("none"), facts);
        browser.screenshot("collector");
    }

    @Test
    void atPhoneWidthTheFleetViewFitsTheScreen() throws Exception {
        browser.size(390, 844);
        open("#/", "fleet");
        long overflow = (Long) browser.driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0, overflow, "no sideways scrolling of the page");
        browser.screenshot("fleet-phone");
    }
}
