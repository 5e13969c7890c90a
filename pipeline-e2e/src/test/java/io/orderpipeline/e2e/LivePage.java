package io.orderpipeline.e2e;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console's live page in a real browser: Debian's headless Chromium ({@value #CHROMIUM}) driven through Debian's
 * chromedriver ({@value #CHROMEDRIVER}) by Selenium, as a user would look at it. Both binaries are named explicitly, so
 * Selenium Manager never tries to download a browser (there is no network for that here). Reads what the page shows:
 * the totals of accepted and final orders and the rows of the latest-orders table. The page re-renders every second,
 * so an element read may go stale between finding and reading it; reads retry that a few times, and callers polling
 * with Awaitility should ignore {@link StaleElementReferenceException} too.
 */
final class LivePage implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private LivePage(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /**
     * Starts the browser and opens the page.
     *
     * @param url the console's base URL, e.g. {@code http://127.0.0.1:8085}
     * @throws AssertionError naming the Debian packages when chromium or chromedriver is missing: a test that needs
     *                        the browser fails without it, it never passes as skipped
     */
    static LivePage open(URI url) {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(Path.of(CHROMIUM))) {
            missing.add(CHROMIUM + " (Debian package chromium)");
        }
        if (!Files.isExecutable(Path.of(CHROMEDRIVER))) {
            missing.add(CHROMEDRIVER + " (Debian package chromium-driver)");
        }
        if (!missing.isEmpty()) {
            throw new AssertionError("The live page is tested in headless Chromium, but " + String.join(" and ", missing)
                    + " is missing; install them with: sudo apt-get install -y chromium chromium-driver");
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1400,1100");
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.get(url.resolve("/").toString());
            return new LivePage(service, driver);
        } catch (RuntimeException e) {
            driver.quit();
            throw e;
        }
    }

    /** @return the total of accepted orders the page shows; -1 while it shows none yet ("–") */
    long acceptedTotal() {
        return number("accepted-total");
    }

    /** @return the total of final orders (CONFIRMED or REJECTED) the page shows; -1 while it shows none yet */
    long finalTotal() {
        return number("final-total");
    }

    /** @return the connection badge: "live" once the first snapshot arrived over Server-Sent Events */
    String connection() {
        return text("connection");
    }

    /**
     * @return the latest-orders table as the page shows it now, by full order id: the cells order, customer, placed,
     * order-service, inventory, points, sms, coupon. Read in one script call, so the rows come from one render.
     */
    @SuppressWarnings("unchecked")
    Map<String, List<String>> latestOrders() {
        List<List<String>> rows = (List<List<String>>) ((JavascriptExecutor) driver).executeScript("""
                return Array.from(document.querySelectorAll('#latest-orders tbody tr')).map(tr =>
                    [tr.dataset.orderId].concat(Array.from(tr.cells).map(td => td.textContent)));""");
        Map<String, List<String>> byId = new LinkedHashMap<>();
        for (List<String> row : rows) {
            byId.put(row.get(0), List.copyOf(row.subList(1, row.size())));
        }
        return byId;
    }

    /** Saves what the browser shows as a PNG. */
    void screenshot(Path file) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }

    private long number(String id) {
        String shown = text(id).strip();
        return shown.matches("\\d+") ? Long.parseLong(shown) : -1;
    }

    private String text(String id) {
        return retryingStale(() -> driver.findElement(By.id(id)).getText());
    }

    private static <T> T retryingStale(Supplier<T> read) {
        StaleElementReferenceException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return read.get();
            } catch (StaleElementReferenceException rerendered) {
                last = rerendered;
            }
        }
        throw last;
    }
}
