package org.gridplatform.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.gridplatform.client.launch.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * which {@code .ci/run} installs) against a real gateway and the three example nodes: the page lists
 * the nodes, shows a reported training run, runs a search from its search box, and turns a node killed
 * with {@code kill -9} DOWN without a reload. Screenshots go to {@code target/dashboard.png} (everything
 * up) and {@code target/dashboard-down.png} (carol down). The tests run in order, each building on the
 * page the previous one left.
 *
 * <p>Chromium missing is a failure, not a skip: set {@code grid.test.chromium} and
 * {@code grid.test.chromedriver} to use other binaries. Selenium Manager never runs (the driver and
 * browser paths are given), so nothing is downloaded.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("grid.test.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("grid.test.chromedriver", "/usr/bin/chromedriver"));
    /** Short sweeps, so that a killed node turns DOWN within seconds; the page polls every 2 s. */
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);
    private static final Map<String, String> GATEWAY = Map.of("grid.health.interval", SWEEP_INTERVAL.toMillis() + "ms",
            "grid.health.timeout", "500ms");
    /** How long the page may take to show a change: a sweep or two, and a poll. */
    private static final Duration PAGE = Duration.ofSeconds(10);
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final int WIDTH = 1360;

    private static ExampleGrid grid;
    private static ChromeDriver browser;

    @BeforeAll
    static void boot() throws Exception {
        // Before anything boots, so that a machine without Chromium fails at once and says what to install.
        requireExecutable(CHROMIUM, "grid.test.chromium", "chromium");
        requireExecutable(CHROMEDRIVER, "grid.test.chromedriver", "chromium-driver");
        Path logDir = Files.createDirectories(TARGET.resolve("it-logs").resolve("DashboardIT"));
        browser = startChromium(logDir);
        grid = ExampleGrid.boot("DashboardIT", GATEWAY, Map.of("grid.node.rejoin-interval", "5s"));
    }

    private static void requireExecutable(Path file, String property, String debianPackage) {
        if (!Files.isExecutable(file)) {
            fail("DashboardIT drives a real headless Chromium and needs " + file + ", which is missing: install Debian's "
                    + "chromium and chromium-driver (apt-get install -y chromium chromium-driver; .ci/run does), or set -D"
                    + property + " to the " + debianPackage + " binary");
        }
    }

    private static ChromeDriver startChromium(Path logDir) {
        // The driver and the browser are given, so Selenium Manager (which would download them) never runs.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(logDir.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + WIDTH + ",900", "--force-device-scale-factor=1", "--lang=en-US", "--no-first-run",
                "--disable-extensions", "--disable-background-networking", "--disable-component-update",
                "--user-data-dir=" + logDir.resolve("chromium-profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (grid != null) {
            grid.close();
        }
    }

    @Test
    @Order(1)
    void theDashboardIsServedWithItsOwnFilesAndSecurityHeaders() {
        HttpResponse<String> page = Http.get(grid.gateway, "/dashboard");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(Http.contentType(page)).isEqualTo("text/html;charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'").doesNotContain("unsafe"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/dashboard/dashboard.js\"></script>");

        String etag = page.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = Http.send(HttpRequest.newBuilder(grid.gateway.resolve("/dashboard")).header("If-None-Match", etag).GET());
        assertThat(again.statusCode()).as("a revalidation with the same ETag").isEqualTo(304);
        assertThat(again.body()).isEmpty();

        Map<String, String> types = Map.of("/dashboard/dashboard.js", "text/javascript;charset=utf-8",
                "/dashboard/dashboard.css", "text/css;charset=utf-8", "/dashboard/favicon.svg", "image/svg+xml");
        types.forEach((path, type) -> {
            HttpResponse<String> file = Http.get(grid.gateway, path);
            assertThat(file.statusCode()).as(path).isEqualTo(200);
            assertThat(Http.contentType(file)).as(path).isEqualTo(type);
            assertThat(file.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        });
        for (String path : List.of("/dashboard/pom.xml", "/dashboard/DashboardResource.class", "/dashboard/index.htm")) {
            HttpResponse<String> missing = Http.get(grid.gateway, path);
            assertThat(missing.statusCode()).as(path).isEqualTo(404);
            assertThat(Http.contentType(missing)).as(path).startsWith("application/problem+json");
        }
        // A node of a central grid joins a gateway and is none itself: no dashboard there.
        assertThat(Http.get(grid.nodes.get("alice"), "/dashboard").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void thePageListsEveryNodeUpWithItsAddressDatasetsAndRoundTrips() {
        browser.get(grid.gateway + "/dashboard");
        assertThat(browser.getTitle()).isEqualTo("Grid dashboard");
        await("the page lists alice, bob and carol UP").atMost(PAGE).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .untilAsserted(() -> assertThat(states()).containsExactly(Map.entry("alice", "UP"), Map.entry("bob", "UP"),
                        Map.entry("carol", "UP")));
        for (String id : ExampleGrid.NODE_IDS) {
            WebElement row = row(id);
            assertThat(row.findElement(By.cssSelector("[data-field=node]")).getText()).isEqualTo(id);
            assertThat(row.findElement(By.cssSelector("[data-field=state]")).getText()).isEqualTo("UP");
            assertThat(row.findElement(By.cssSelector("[data-field=address]")).getText()).isEqualTo(grid.nodes.get(id).toString());
        }
        // The datasets' metadata, read by the gateway's sweeps, and a chart of the recent round trips.
        await("alice's datasets and round trips").atMost(PAGE).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .untilAsserted(() -> {
                    WebElement alice = row("alice");
                    assertThat(alice.findElements(By.cssSelector("[data-field=datasets] [data-dataset-id]")).stream()
                            .map(d -> d.getDomAttribute("data-dataset-id"))).containsExactlyInAnyOrder("iris", "wine");
                    assertThat(alice.findElement(By.cssSelector("[data-field=datasets]")).getText()).contains("#wine", "rows");
                    assertThat(alice.findElement(By.cssSelector("[data-field=rtt]")).getText()).matches("(?s)\\d+ ms\\s+smoothed \\d+ ms");
                    assertThat(alice.findElements(By.cssSelector("[data-field=chart] svg polyline"))).hasSize(1);
                    assertThat(alice.findElement(By.cssSelector("[data-field=seen]")).getText()).isNotBlank();
                });
        assertThat(browser.findElement(By.id("count-up")).getText()).isEqualTo("3");
        assertThat(browser.findElement(By.id("count-down")).getText()).isEqualTo("0");
        assertThat(browser.findElement(By.id("live")).getDomAttribute("data-live")).isEqualTo("ok");
    }

    @Test
    @Order(3)
    void aReportedTrainingRunAppearsAndFollowsItsReports() {
        assertThat(browser.findElement(By.id("runs-empty")).isDisplayed()).isTrue();
        String wine = "{\"run-id\": \"wine-0501\", \"tags\": [\"#wine\"], \"backend\": \"tribuo-logistic\", \"nodes\": [\"alice\"],"
                + " \"rounds\": 10, \"round\": 10, \"status\": \"completed\", \"metrics\": {\"accuracy\": 0.9722, \"loss\": 0.0871}}";
        assertThat(Http.okObject(Http.postJson(grid.gateway, "/training-runs", wine)).getString("status")).isEqualTo("completed");
        JsonObject iris = Http.okObject(Http.postJson(grid.gateway, "/training-runs", run(3, "running", 0.8667, 0.3884)));
        assertThat(iris.getString("run-id")).isEqualTo("iris-0501");
        assertThat(iris.getString("started-at")).isEqualTo(iris.getString("updated-at"));

        await("the run on the page").atMost(PAGE).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
            WebElement run = browser.findElement(By.cssSelector("#run-rows tr[data-run-id='iris-0501']"));
            assertThat(run.getDomAttribute("data-status")).isEqualTo("running");
            assertThat(run.findElement(By.cssSelector("[data-field=progress]")).getText()).isEqualTo("round 3 of 20");
            assertThat(run.findElement(By.cssSelector("[data-metric=accuracy]")).getText()).isEqualTo("accuracy 0.8667");
        });
        // A later report of the same run moves it on, and it stays first (the newest update).
        JsonObject later = Http.okObject(Http.postJson(grid.gateway, "/training-runs", run(7, "running", 0.9333, 0.1429)));
        assertThat(later.getString("started-at")).isEqualTo(iris.getString("started-at"));
        await("the run's progress on the page").atMost(PAGE).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
            List<WebElement> runs = browser.findElements(By.cssSelector("#run-rows tr"));
            assertThat(runs).extracting(r -> r.getDomAttribute("data-run-id")).containsExactly("iris-0501", "wine-0501");
            WebElement run = runs.getFirst();
            assertThat(run.findElement(By.cssSelector("[data-field=progress]")).getText()).isEqualTo("round 7 of 20");
            assertThat(run.findElement(By.cssSelector("[data-field=tags]")).getText()).isEqualTo("#iris");
            assertThat(run.findElement(By.cssSelector("[data-field=nodes]")).getText()).contains("3 nodes", "alice, bob, carol");
            assertThat(run.findElement(By.cssSelector("[data-field=metrics]")).getText()).isEqualTo("accuracy 0.9333\nloss 0.1429");
        });
        assertThat(browser.findElement(By.id("runs-empty")).isDisplayed()).isFalse();

        // A bad report is refused with a problem that says what to fix, and changes nothing.
        HttpResponse<String> bad = Http.postJson(grid.gateway, "/training-runs", run(7, "running", 0.9, 0.1).replace("\"round\"", "\"rund\""));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Http.contentType(bad)).startsWith("application/problem+json");
        assertThat(Http.json(bad.body()).asJsonObject().getString("detail")).isEqualTo("Unknown field \"rund\" in the training run report; "
                + "its fields are run-id, tags, backend, nodes, rounds, round, status and metrics");
        assertThat(Http.okObject(Http.get(grid.gateway, "/training-runs")).getJsonArray("runs")).hasSize(2);
    }

    private static String run(int round, String status, double accuracy, double loss) {
        return "{\"run-id\": \"iris-0501\", \"tags\": [\"#iris\"], \"backend\": \"tribuo-logistic\", \"nodes\": [\"alice\", \"bob\", \"carol\"],"
                + " \"rounds\": 20, \"round\": " + round + ", \"status\": \"" + status + "\", \"metrics\": {\"accuracy\": " + accuracy
                + ", \"loss\": " + loss + "}}";
    }

    @Test
    @Order(4)
    void aSearchFromTheSearchBoxShowsTheMatchingNodes() throws IOException {
        WebElement input = browser.findElement(By.id("search-input"));
        input.clear();
        input.sendKeys("#wine");
        browser.findElement(By.id("search-button")).click();
        await("the search's answer on the page").atMost(PAGE).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .untilAsserted(() -> assertThat(browser.findElement(By.id("search-results")).getDomAttribute("data-query")).isEqualTo("#wine"));
        List<WebElement> found = browser.findElements(By.cssSelector("#search-results li"));
        assertThat(found).extracting(li -> li.getDomAttribute("data-node-id")).containsExactly("alice");
        assertThat(found.getFirst().getText()).contains("alice", grid.nodes.get("alice").toString());
        assertThat(browser.findElement(By.id("search-status")).getText()).startsWith("1 node matches #wine (");
        assertThat(row("alice").getDomProperty("className")).isEqualTo("match");
        assertThat(row("bob").getDomProperty("className")).isEmpty();

        // Several tags, as the gateway reads them: every tag on one dataset.
        input.clear();
        input.sendKeys("#iris, #boston-housing");
        browser.findElement(By.id("search-button")).click();
        await("a two-tag search").atMost(PAGE).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .untilAsserted(() -> assertThat(browser.findElement(By.id("search-results")).getDomAttribute("data-query"))
                        .isEqualTo("#iris #boston-housing"));
        assertThat(browser.findElement(By.id("search-status")).getText()).startsWith("No node matches #iris #boston-housing (");

        input.clear();
        input.sendKeys("#wine");
        browser.findElement(By.id("search-button")).click();
        await("the #wine search again").atMost(PAGE).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#search-results li")))
                        .extracting(li -> li.getDomAttribute("data-node-id")).containsExactly("alice"));
        // Everything is on the page now: every node UP, two runs, a search. The picture for the README.
        assertThat(states().values()).containsOnly("UP");
        screenshot("dashboard.png");
    }

    @Test
    @Order(5)
    void aKilledNodeTurnsDownOnThePageWithoutAReload() throws Exception {
        // A reload would drop this mark.
        browser.executeScript("window.gridNoReload = true;");
        ServerProcess carol = grid.process("carol");
        carol.kill();
        Instant killed = Instant.now();
        await("carol DOWN on the page").atMost(PAGE).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .untilAsserted(() -> assertThat(states()).containsExactly(Map.entry("alice", "UP"), Map.entry("bob", "UP"),
                        Map.entry("carol", "DOWN")));
        System.out.println("A killed node was DOWN on the dashboard after " + Duration.between(killed, Instant.now()).toMillis()
                + " ms (sweep interval " + SWEEP_INTERVAL.toMillis() + " ms, page poll 2000 ms)");
        assertThat(browser.executeScript("return window.gridNoReload === true;")).as("the page was not reloaded").isEqualTo(true);
        WebElement carolRow = row("carol");
        assertThat(carolRow.findElement(By.cssSelector("[data-field=state]")).getDomAttribute("data-state")).isEqualTo("DOWN");
        assertThat(carolRow.findElement(By.cssSelector("[data-field=state]")).getText()).startsWith("DOWN").contains("missed pings");
        assertThat(carolRow.findElement(By.cssSelector("[data-field=address]")).getText()).isEqualTo(grid.nodes.get("carol").toString());
        await("the counts").atMost(PAGE).pollInterval(Duration.ofMillis(100)).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.findElement(By.id("count-up")).getText()).isEqualTo("2");
            assertThat(browser.findElement(By.id("count-down")).getText()).isEqualTo("1");
        });
        screenshot("dashboard-down.png");
    }

    @Test
    @Order(6)
    void textFromTheGridIsShownAsTextNeverAsMarkup() {
        String markup = "<img src=x id=injected>";
        String report = "{\"run-id\": \"markup\", \"tags\": [\"" + markup + "\"], \"backend\": \"<b id=bold>b</b>\", \"rounds\": 1,"
                + " \"round\": 0, \"status\": \"failed\"}";
        Http.okObject(Http.postJson(grid.gateway, "/training-runs", report));
        await("the run with markup in its tags").atMost(PAGE).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .untilAsserted(() -> assertThat(browser.findElement(By.cssSelector("#run-rows tr[data-run-id=markup] [data-field=tags]"))
                        .getText()).isEqualTo("#" + markup));
        assertThat(browser.findElements(By.id("injected"))).isEmpty();
        assertThat(browser.findElements(By.id("bold"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#run-rows tr[data-run-id=markup] [data-field=run]")).getText()).contains("<b id=bold>b</b>");
        // The page kept to its Content-Security-Policy: the browser reported no violation or script error.
        List<String> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("/favicon.ico"))
                .toList();
        assertThat(severe).as("severe messages in the browser's console").isEmpty();
    }

    @Test
    @Order(7)
    void aNodeWithoutPublicDatasetsIsToldFromOneWhoseDatasetsAreUnknown() throws IOException {
        // Two nodes of other kinds, in this process: both alive; one shows no dataset to anonymous callers
        // (its owner made none public), the other does not serve Grid's dataset list at all (as a PyGrid node).
        HttpServer foreign = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        foreign.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            boolean privateNode = path.startsWith("/private/");
            byte[] body = path.endsWith("/health/live") ? "{\"status\":\"UP\",\"checks\":[]}".getBytes(StandardCharsets.UTF_8)
                    : privateNode && path.endsWith("/datasets") ? "{\"datasets\":[]}".getBytes(StandardCharsets.UTF_8) : null;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        foreign.start();
        String base = "http://127.0.0.1:" + foreign.getAddress().getPort();
        try {
            for (String id : List.of("private", "pygrid")) {
                Http.okObject(Http.postJson(grid.gateway, "/join", "{\"node-id\": \"" + id + "\", \"node-address\": \"" + base + "/" + id + "\"}"));
            }
            await("both foreign nodes on the page").atMost(PAGE).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .untilAsserted(() -> {
                        assertThat(row("private").findElement(By.cssSelector("[data-field=datasets]")).getText()).isEqualTo("none public");
                        assertThat(row("private").getDomAttribute("data-state")).isEqualTo("UP");
                        assertThat(row("pygrid").findElement(By.cssSelector("[data-field=datasets]")).getText()).isEqualTo("none known yet");
                        assertThat(row("pygrid").getDomAttribute("data-state")).isEqualTo("UP");
                    });
        } finally {
            for (String id : List.of("private", "pygrid")) {
                Http.send(HttpRequest.newBuilder(grid.gateway.resolve("/nodes/" + id)).DELETE());
            }
            foreign.stop(0);
        }
    }

    /** @return each row's node id and state, in the page's order */
    private static Map<String, String> states() {
        Map<String, String> states = new LinkedHashMap<>();
        for (WebElement row : browser.findElements(By.cssSelector("#node-rows tr"))) {
            states.put(row.getDomAttribute("data-node-id"), row.getDomAttribute("data-state"));
        }
        return states;
    }

    private static WebElement row(String id) {
        return browser.findElement(By.cssSelector("#node-rows tr[data-node-id='" + id + "']"));
    }

    /** Saves what the browser shows under target/, the window first made as tall as the page. */
    private static void screenshot(String name) throws IOException {
        long page = ((Number) browser.executeScript("return document.documentElement.scrollHeight;")).longValue();
        long frame = ((Number) browser.executeScript("return window.outerHeight - window.innerHeight;")).longValue();
        browser.manage().window().setSize(new Dimension(WIDTH, (int) Math.min(page + frame, 4000)));
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Path target = TARGET.resolve(name);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("Screenshot: " + target);
    }
}
