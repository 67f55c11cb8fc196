package uk.gov.channelpolicy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real headless Chromium from the machine's packages, driven through the packaged chromedriver. Nothing is
 * downloaded: the browser and the driver are named by path, so Selenium Manager never runs, and the flags keep
 * Chromium from calling out to the network (a closed network refuses those calls and slows every page).
 */
public final class HeadlessChromium implements AutoCloseable {

    /** Where Debian's {@code chromium} package puts the browser. */
    public static final String BROWSER = System.getProperty("channelpolicy.chromium", "/usr/bin/chromium");
    /** Where Debian's {@code chromium-driver} package puts the driver. */
    public static final String DRIVER = System.getProperty("channelpolicy.chromedriver", "/usr/bin/chromedriver");

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 900;

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private HeadlessChromium(Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    /**
     * Starts a browser with a fresh profile.
     *
     * @return the running browser; close it to stop the browser and its driver
     */
    public static HeadlessChromium start() {
        // Selenium Manager is not used (browser and driver are given), and must never report usage.
        System.setProperty("SE_AVOID_STATS", "true");
        Path profile;
        try {
            profile = Files.createTempDirectory("channel-policy-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--disable-extensions", "--disable-default-apps", "--no-default-browser-check", "--hide-scrollbars",
                "--force-device-scale-factor=1", "--lang=en-GB", "--window-size=" + WIDTH + "," + HEIGHT,
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return new HeadlessChromium(profile, service, driver);
        } catch (RuntimeException e) {
            service.stop();
            deleteQuietly(profile);
            throw e;
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * The browser console's messages since the last call: script errors and Content-Security-Policy refusals
     * are reported here at level SEVERE.
     */
    public List<LogEntry> consoleSince() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    /**
     * Takes a PNG of the whole page, not only what the window shows.
     *
     * @param name the file's name, such as {@code playground-deny.png}
     * @return where the PNG was written: {@code docs/} when {@code -Dchannelpolicy.writeScreenshots=true}, else
     *     {@code target/screenshots/}
     */
    public Path screenshot(String name) {
        return screenshot(name, null);
    }

    /**
     * Takes a PNG of one element of the page with a margin around it, whole even when it is taller than the window.
     *
     * @param name the file's name, such as {@code playground-deny.png}
     * @param elementId the id of the element to show, or {@code null} for the whole page
     * @return where the PNG was written (see {@link #screenshot(String)})
     */
    @SuppressWarnings("unchecked")
    public Path screenshot(String name, String elementId) {
        // Nothing focused, so no focus ring; then the area to capture, in page coordinates.
        Map<String, Object> area = (Map<String, Object>) driver.executeScript("""
                if (document.activeElement) { document.activeElement.blur(); }
                var page = document.documentElement;
                if (!arguments[0]) {
                  return {x: 0, y: 0, width: page.scrollWidth, height: Math.max(page.scrollHeight, document.body.scrollHeight)};
                }
                var box = document.getElementById(arguments[0]).getBoundingClientRect();
                var margin = 30;
                var x = Math.max(0, box.left + window.scrollX - margin);
                var y = Math.max(0, box.top + window.scrollY - margin);
                return {x: x, y: y, width: Math.min(page.scrollWidth - x, box.width + 2 * margin),
                        height: box.height + 2 * margin};""", elementId);
        Map<String, Object> clip = new HashMap<>();
        for (String key : List.of("x", "y", "width", "height")) {
            clip.put(key, ((Number) area.get(key)).doubleValue());
        }
        clip.put("scale", 1);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        byte[] png = Base64.getDecoder().decode((String) shot.get("data"));
        try {
            Path target = screenshotDirectory().resolve(name);
            Files.createDirectories(target.getParent());
            Files.write(target, png);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path screenshotDirectory() {
        Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        if (Boolean.getBoolean("channelpolicy.writeScreenshots")) {
            return module.resolve("../../docs").normalize();
        }
        return module.resolve("target/screenshots");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A profile left in the temp directory does no harm.
        }
    }
}
