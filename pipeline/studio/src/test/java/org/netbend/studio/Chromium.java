package org.netbend.studio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The browser tests' waits and screenshots: every wait has a deadline and says what it waited for. */
final class Chromium {
    private Chromium() { }

    /** Waits for {@code condition}; on a timeout keeps a screenshot named after what was awaited. */
    static <T> T until(ChromeDriver browser, Duration step, Path screenshots, String what,
            Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(browser, step).withMessage("waited " + step.toSeconds() + " s for " + what)
                    .ignoring(NumberFormatException.class).ignoring(NullPointerException.class)
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            shot(browser, screenshots, "failed-" + what.replaceAll("[^a-z0-9]+", "-"));
            throw e;
        }
    }

    static void shot(ChromeDriver browser, Path screenshots, String name) {
        try {
            Path png = browser.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("could not keep the screenshot " + name + ": " + e.getMessage(), e);
        }
    }
}
