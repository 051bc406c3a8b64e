package org.netbend.studio;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (Selenium), for the pages' tests: waits with a
 * deadline that say what they waited for, scripts, and screenshots into target/screenshots (one on a failed wait).
 * The one place the browser tests start Chromium, so every one runs it with the same quiet flags (no background
 * networking, component updates, sync or QUIC).
 */
final class HeadlessChromium implements AutoCloseable {
    /** The wait of a test that does not say otherwise. */
    static final Duration STEP = Duration.ofSeconds(60);

    final ChromeDriver driver;
    /** How long each {@link #until} waits before it fails. */
    final Duration step;
    private final String failedPrefix;
    private final Path screenshots = Path.of(System.getProperty("netbend.screenshots", "target/screenshots"));

    /**
     * A Chromium whose waits last {@link #STEP}.
     *
     * @param downloads where downloads land, or null for none
     */
    HeadlessChromium(Path profile, Path downloads, String windowSize) throws IOException {
        this(profile, downloads, windowSize, STEP, "");
    }

    /**
     * @param profile the user data directory (created if missing)
     * @param downloads where downloads land, or null for none
     * @param windowSize as Chromium's --window-size, "width,height"
     * @param step how long each {@link #until} waits
     * @param failedPrefix put before the "failed-…" screenshot of a wait that times out, such as "live-"
     * @param arguments more Chromium arguments, such as a fake microphone's
     */
    HeadlessChromium(Path profile, Path downloads, String windowSize, Duration step, String failedPrefix,
            String... arguments) throws IOException {
        this.step = step;
        this.failedPrefix = failedPrefix;
        Files.createDirectories(screenshots);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--autoplay-policy=no-user-gesture-required", "--window-size=" + windowSize,
                "--user-data-dir=" + Files.createDirectories(profile));
        options.addArguments(arguments);
        if (downloads != null) {
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    /**
     * Waits up to {@link #step} for {@code condition} (a value other than null or false), counting a missing, stale or
     * not yet parsable element as not yet; on a timeout keeps a screenshot named after what was awaited.
     */
    <T> T until(String what, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, step).withMessage("waited " + step.toSeconds() + " s for " + what)
                    .ignoring(NumberFormatException.class).ignoring(NullPointerException.class)
                    .ignoring(org.openqa.selenium.NoSuchElementException.class)
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            shot(failedPrefix + "failed-" + what.replaceAll("[^a-z0-9]+", "-"));
            throw e;
        }
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The element's rendered text (Selenium's getText). */
    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** Keeps a screenshot of the page as {@code name}.png in target/screenshots. */
    void shot(String name) {
        try {
            Path png = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("could not keep the screenshot " + name + ": " + e.getMessage(), e);
        }
    }

    /** Ends the chromedriver and the Chromium this test started. */
    @Override
    public void close() {
        driver.quit();
    }
}
