package io.streamscore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The live dashboard in a real browser: Debian's headless Chromium opens it during a short {@code streamscore demo}
 * run, the charts fill with data (throughput, latency, alerts, the demo model's scores, its version, the PSI of its
 * input and score), the figures move between two looks, and both delivery modes (server-sent events and
 * {@code ?mode=poll}) work. The run shifts amounts 10 s in, so the last screenshot shows the drift panel reacting.
 * Screenshots go to {@code target/dashboard-screenshots/}.
 */
class DashboardBrowserITCase {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    private static final Pattern DASHBOARD = Pattern.compile("Dashboard: (http://127\\.0\\.0\\.1:\\d+)");

    @Test
    void dashboardShowsLiveChartsThatChangeOverTime() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") != null) {
            assertThat(installed).as("CI installs chromium and chromium-driver (.ci/run)").isTrue();
        }
        assumeTrue(installed, "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");

        StringWriter output = new StringWriter();
        Path modelCache = Files.createTempDirectory("streamscore-model-cache"); // a small model, trained in seconds
        CompletableFuture<Integer> demo = CompletableFuture.supplyAsync(() -> StreamscoreCommand.commandLine()
                .setOut(new PrintWriter(output, true))
                .execute("demo", "fraud", "--duration", "80s", "--rate", "1000", "--status-interval", "5s",
                        "--metrics-port", "0", "--dashboard-port", "0", "--amount-shift", "5", "--shift-after", "10s",
                        "--cache-dir", modelCache.toString(),
                        "--model-events", "20000"));
        String url = await().atMost(Duration.ofSeconds(90))
                .until(() -> dashboardUrl(output.toString()), u -> u != null);

        ChromeDriver browser = chromium();
        try {
            Files.createDirectories(SCREENSHOTS);
            browser.get(url);
            JavascriptExecutor js = browser;
            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).until(() ->
                    number(js, "return Number(document.getElementById('throughput-chart').dataset.points)") >= 5
                    && number(js, "return window.streamscore.last.totals.scored") > 0
                    && number(js, "return window.streamscore.last.series.latency_p99_ms"
                            + ".filter(v => v !== null).length") > 0);
            double eventsBefore = number(js, "return window.streamscore.last.totals.events_in");
            long updatesBefore = (long) number(js, "return window.streamscore.updates");
            screenshot(browser, "dashboard-sse-1.png");

            Thread.sleep(5_000);
            assertThat(number(js, "return window.streamscore.updates")).as("snapshots pushed in 5 s")
                    .isGreaterThanOrEqualTo(updatesBefore + 3);
            assertThat(number(js, "return window.streamscore.last.totals.events_in")).isGreaterThan(eventsBefore);
            assertThat(number(js, "return Number(document.getElementById('throughput-chart').dataset.points)"))
                    .isGreaterThanOrEqualTo(8);
            assertThat(browser.findElement(org.openqa.selenium.By.id("events-in")).getText()).isNotEqualTo("-");
            assertThat(browser.findElement(org.openqa.selenium.By.cssSelector("#throughput-chart canvas"))
                    .isDisplayed()).isTrue();
            assertThat(number(js, "return window.streamscore.last.totals.dead_letters")).isPositive();
            assertThat(number(js, "return window.streamscore.last.score_histogram.counts.reduce((a, b) => a + b, 0)"))
                    .as("scores in the histogram").isPositive();
            assertThat(number(js, "return Number(document.getElementById('score-chart').dataset.points)")).isPositive();
            assertThat(number(js, "return window.streamscore.last.models.length")).as("model versions").isEqualTo(1);
            assertThat(number(js, "return Object.values(window.streamscore.last.canary_share)[0]"))
                    .as("canary share with no canary in the plan").isZero();
            assertThat(browser.findElement(org.openqa.selenium.By.id("canary-share")).getText()).endsWith(" 0%");
            // amounts are 5x since 10 s in, so the model flags payments and likely_fraud (a rule over the score)
            // fires: the feed shows its score
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> number(js,
                    "return Array.from(document.querySelectorAll('#recent-alerts li'))"
                            + ".filter(li => li.textContent.startsWith('likely_fraud')"
                            + " && li.textContent.includes(' score '))"
                            + ".length") > 0);
            screenshot(browser, "dashboard-sse-2.png");

            browser.get(url + "/?mode=poll");
            await().atMost(Duration.ofSeconds(20)).until(() -> number(js, "return window.streamscore.updates") >= 3);
            assertThat(browser.findElement(org.openqa.selenium.By.id("status")).getText()).startsWith("live");
            screenshot(browser, "dashboard-poll.png");
            // The drift monitor judges its first full one-minute window a minute into the run; amounts are 5x since
            // 10 s in, so the drift panel then shows PSI, amber and red.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    number(js, "return window.streamscore.last.drift.filter(d => d.psi !== null).length") >= 2);
            assertThat(number(js, "return Number(document.getElementById('drift').dataset.rows)"))
                    .as("PSI of the score and the model's features").isGreaterThanOrEqualTo(2);
            screenshot(browser, "dashboard-drift.png");
        } finally {
            browser.quit();
        }
        assertThat(demo.get()).as(output.toString()).isZero();
    }

    private static ChromeDriver chromium() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--no-first-run", "--window-size=1400,1150",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void screenshot(ChromeDriver browser, String name) throws Exception {
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static double number(JavascriptExecutor js, String script) {
        Object value = js.executeScript("try { " + script + "; } catch (e) { return -1; }");
        return value instanceof Number n ? n.doubleValue() : -1;
    }

    private static String dashboardUrl(String output) {
        Matcher matcher = DASHBOARD.matcher(output);
        return matcher.find() ? matcher.group(1) : null;
    }
}
