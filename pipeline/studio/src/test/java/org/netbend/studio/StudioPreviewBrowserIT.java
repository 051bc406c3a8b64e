package org.netbend.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.service.ServiceHarness;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The preview and the looks (gallery) in Debian's headless Chromium, in front of the real service with the toy
 * model, on the README's example track: preview thumbnails appear on the timeline at their times, gallery cells
 * appear as their jobs store them. Prints the preview's first and last thumbnail against the full render's time.
 */
class StudioPreviewBrowserIT {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    static final Duration STEP = Duration.ofMinutes(4);
    static final Path DRUMS = Path.of("../../examples/drums.wav");

    @TempDir static Path dir;
    static ServiceHarness service;
    static StudioServer studio;
    static HeadlessChromium chromium;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        service = new ServiceHarness(dir, 1);
        service.startService();
        studio = StudioServer.start(StudioApiIT.options(dir, service, null));
        chromium = new HeadlessChromium(dir.resolve("chromium-profile"), null, "1280,1200", STEP, "");
        browser = chromium.driver;
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (studio != null) {
            studio.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void previewThumbnailsSitOnTheTimelineAndGalleryCellsAppear() throws Exception {
        browser.get("http://127.0.0.1:" + studio.port() + "/");
        browser.findElement(By.id("audio-file")).sendKeys(DRUMS.toAbsolutePath().normalize().toString());
        until("the feature lanes", d -> d.findElements(By.cssSelector("#lanes .lane canvas")).size() >= 2);
        WebElement bends = browser.findElement(By.id("bends"));
        bends.clear();
        bends.sendKeys("rotate-r1@2=rms[0..2pi]");

        // 1. Preview every 4th frame: thumbnails at n * 4 / fps seconds, left to right, as they arrive.
        long previewStart = System.nanoTime();
        browser.findElement(By.id("preview")).click();
        until("the first thumbnail", d -> count("#preview-strip .thumb") >= 1);
        long firstThumb = System.nanoTime();
        until("the preview DONE", d -> "DONE".equals(body("data-preview-state")));
        long previewDone = System.nanoTime();
        int thumbs = count("#preview-strip .thumb");
        double fps = Double.parseDouble(browser.findElement(By.id("fps")).getAttribute("value"));
        double seconds = ((Number) js("return document.getElementById('player').duration")).doubleValue();
        @SuppressWarnings("unchecked")
        List<List<Object>> placed = (List<List<Object>>) js("return [...document.querySelectorAll('#preview-strip "
                + ".thumb')].map(t => [Number(t.dataset.frame), Number(t.dataset.time), t.getBoundingClientRect()"
                + ".left + t.getBoundingClientRect().width / 2, t.naturalWidth])");
        placed.sort((a, b) -> Double.compare(((Number) a.get(0)).doubleValue(), ((Number) b.get(0)).doubleValue()));
        for (int i = 0; i < placed.size(); i++) {
            List<Object> t = placed.get(i);
            assertEquals(i, ((Number) t.get(0)).intValue());
            assertEquals(i * 4 / fps, ((Number) t.get(1)).doubleValue(), 1e-3, "frame n at n * every / fps");
            assertTrue(((Number) t.get(3)).intValue() > 0, "thumbnail " + i + " shows its frame");
            if (i > 0) {
                assertTrue(((Number) t.get(2)).doubleValue() > ((Number) placed.get(i - 1).get(2)).doubleValue(),
                        "later frames sit further right: " + placed);
            }
        }
        // The first thumbnail sits under time 0 of the lanes, the last under its time.
        double laneLeft = ((Number) js("const o = document.querySelector('#lanes .lane .u-over')"
                + ".getBoundingClientRect(); return o.left")).doubleValue();
        assertEquals(laneLeft, ((Number) placed.get(0).get(2)).doubleValue(), 2.0, "time 0 under the lanes' start");
        shot("preview-thumbnails-on-the-timeline");

        // 2. The full render of the same settings, for the figure: a job of its own.
        long renderStart = System.nanoTime();
        browser.findElement(By.id("render")).click();
        until("the full render DONE", d -> "DONE".equals(body("data-job-state")));
        long renderDone = System.nanoTime();
        System.out.printf(Locale.ROOT, "studio preview of %s (%.1f s at %s fps, toy model, %s steps, every 4th frame):"
                + " first thumbnail %.1f s, last (%d) %.1f s; the full render %.1f s%n", DRUMS.getFileName(), seconds,
                fps, browser.findElement(By.id("steps")).getAttribute("value"), (firstThumb - previewStart) / 1e9,
                thumbs, (previewDone - previewStart) / 1e9, (renderDone - renderStart) / 1e9);
        assertTrue(!body("data-preview-job").isEmpty() && !body("data-preview-job").equals(jobOfRender()),
                "the preview and the render are two jobs");
        int frames = StudioApiIT.JSON.readTree(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://127.0.0.1:" + studio.port() + "/api/jobs/" + jobOfRender()
                        + "/frames")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body()).size();
        assertEquals((frames + 3) / 4, thumbs, "every 4th of the render's " + frames + " frames");

        // 3. Looks: one bend over two values at two layers, each cell a job; cells appear as they are stored.
        set("gallery-values", "0..pi:2");
        set("gallery-rows", "0,2");
        browser.findElement(By.id("gallery")).click();
        until("the grid", d -> count("#gallery-grid td") == 6);
        until("a gallery cell", d -> count("#gallery-grid td img") >= 1);
        until("every gallery cell", d -> count("#gallery-grid td img") == 6);
        assertTrue((Boolean) js("return [...document.querySelectorAll('#gallery-grid td img')]"
                + ".every(i => i.complete && i.naturalWidth > 0)"), "every cell shows its frame");
        shot("gallery-cells");
    }

    private static String jobOfRender() {
        String status = browser.findElement(By.id("job-status")).getText();
        return status.contains(":") ? status.substring(0, status.indexOf(':')) : status;
    }

    private static void set(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private static int count(String css) {
        return browser.findElements(By.cssSelector(css)).size();
    }

    private static String body(String attribute) {
        String value = browser.findElement(By.tagName("body")).getAttribute(attribute);
        return value == null ? "" : value;
    }

    private static Object js(String script) {
        return chromium.js(script);
    }

    private static <T> T until(String what, Function<WebDriver, T> condition) {
        return chromium.until(what, condition);
    }

    private static void shot(String name) {
        chromium.shot(name);
    }
}
