package org.netbend.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.TestAudio;
import org.netbend.service.ServiceHarness;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The page end to end in Debian's headless Chromium (driven by Selenium through Debian's chromedriver), in front
 * of the real service: upload, lanes, bends as you type, a bad bend's marked span, render and watch, the video
 * with one playhead, and the job YAML out and back. A screenshot of each step goes to target/screenshots.
 */
class StudioBrowserIT {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    @TempDir static Path dir;
    static ServiceHarness service;
    static StudioServer studio;
    static HeadlessChromium chromium;
    static ChromeDriver browser;
    static Path downloads;

    @BeforeAll
    static void start() throws Exception {
        service = new ServiceHarness(dir, 1);
        service.startService();
        studio = StudioServer.start(StudioApiIT.options(dir, service, null));
        downloads = Files.createDirectories(dir.resolve("downloads"));
        chromium = new HeadlessChromium(dir.resolve("chromium-profile"), downloads, "1280,1000");
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
    void anArtistsLoopInThePage() throws Exception {
        Path track = TestAudio.silenceBurstSilence(dir.resolve("burst.wav"), 0.6, 0.8, 0.6);
        browser.get("http://127.0.0.1:" + studio.port() + "/");

        // 1. Upload a track: the feature lanes appear.
        browser.findElement(By.id("audio-file")).sendKeys(track.toString());
        until("the feature lanes after the upload", d -> d.findElements(By.cssSelector("#lanes .lane canvas")).size() >= 2);
        until("the status line", d -> text("track-status").contains("lanes in"));
        List<String> lanes = List.of(((String) js("return [...document.querySelectorAll('#lanes .lane')]"
                + ".map(e => e.dataset.lane).join('|')")).split("\\|"));
        assertTrue(lanes.contains("rms") && lanes.contains("onset_env"), lanes.toString());
        until("the first bend's parameter lane", d -> d.findElements(By.cssSelector("#params .lane")).size() == 1);
        shot("1-track-and-lanes");

        // 2. Type a bend: its lane is redrawn with the new source.
        String before = paramLabels();
        WebElement bends = browser.findElement(By.id("bends"));
        bends.clear();
        bends.sendKeys("add@0=onset_env[0..3]");
        until("the lane of the new bend", d -> paramLabels().equals("add@0=onset_env[0..3]"));
        assertNotEquals(before, paramLabels());
        shot("2-bend-lane-redrawn");
        // Figures for the report (not asserted: speed is for benchmarks).
        System.out.println("studio page: first paint " + js("const p = performance.getEntriesByName('first-contentful-paint');"
                + " return p.length ? p[0].startTime.toFixed(0) : 'n/a'") + " ms, upload to first lanes "
                + js("return document.body.dataset.firstLanesMs") + " ms, last parameter lane drawn in "
                + js("return document.body.dataset.drawMs") + " ms (server compute "
                + js("return document.body.dataset.computeMs") + " ms)");

        // 3. A bad bend: the parser's message, the offending part marked; the good bend's lane stays.
        bends.sendKeys("\nadd@0=rms[0..x]");
        // Typing sends each prefix of the line too: wait for the whole line's message.
        until("the bad bend's message", d -> "add@0=rms[0..x]".equals(js(
                "const c = document.querySelector('#bend-errors .error code'); return c ? c.textContent : null")));
        String marked = (String) js("return document.querySelector('#bend-errors .error mark').textContent");
        assertTrue(marked.contains("x"), "the span marks the bad bound, got '" + marked + "'");
        assertFalse(((String) js("return document.querySelector('#bend-errors .error .message').textContent")).isBlank());
        assertEquals("add@0=onset_env[0..3]", paramLabels(), "the good bend's lane stays");
        shot("3-bad-bend-marked");
        bends.clear();
        bends.sendKeys("add@0=onset_env[0..3]");
        until("the error cleared", d -> d.findElements(By.cssSelector("#bend-errors .error")).isEmpty());

        // 4. Render the toy model on the farm: progress and the latest frame.
        browser.findElement(By.id("render")).click();
        until("progress", d -> Double.parseDouble(d.findElement(By.id("progress")).getAttribute("value")) > 0);
        until("the job DONE", d -> "DONE".equals(d.findElement(By.tagName("body")).getAttribute("data-job-state")));
        String fps = browser.findElement(By.tagName("body")).getAttribute("data-render-fps");
        assertTrue(fps != null && Double.parseDouble(fps) > 0, "the render's frames per second shown while it ran: "
                + fps);
        until("the latest frame", d -> (Boolean) js("return document.getElementById('latest-frame').naturalWidth > 0"));
        shot("4-rendered");

        // 5. Play the video: the one playhead over the lanes moves with it.
        until("the video's metadata", d -> ((Number) js("return document.getElementById('video').readyState")).intValue() >= 1);
        js("const v = document.getElementById('video'); v.muted = true; v.play();");
        until("the playhead to move", d -> Double.parseDouble(d.findElement(By.tagName("body")).getAttribute("data-playhead")) > 0.3);
        js("document.getElementById('video').pause();");
        shot("5-video-playhead");

        // 6. The job YAML out, loaded back, and out again: the same text.
        browser.findElement(By.id("download-yaml")).click();
        Path first = until("the downloaded job file", d -> downloaded(1));
        String yaml = Files.readString(first);
        assertTrue(yaml.contains("add@0=onset_env[0..3]"), yaml);
        browser.findElement(By.id("prompt")).clear();
        browser.findElement(By.id("prompt")).sendKeys("something else");
        browser.findElement(By.id("bends")).clear();
        browser.findElement(By.id("load-yaml")).sendKeys(first.toString());
        until("the job file loaded", d -> text("job-status").startsWith("loaded"));
        assertEquals("3D mesh geometry", browser.findElement(By.id("prompt")).getAttribute("value"));
        assertEquals("add@0=onset_env[0..3]", browser.findElement(By.id("bends")).getAttribute("value"));
        browser.findElement(By.id("download-yaml")).click();
        Path second = until("the second download", d -> downloaded(2));
        assertEquals(yaml, Files.readString(second), "the job file round-trips exactly");
        assertNotEquals(first, second);
        shot("6-job-yaml-round-trip");
    }

    /** The parameter lanes' names, read in one script: the page replaces the lanes as the bends change. */
    private static String paramLabels() {
        return (String) js("return [...document.querySelectorAll('#params .lane')].map(e => e.dataset.lane).join('|')");
    }

    private static String text(String id) {
        return chromium.text(id);
    }

    private static Object js(String script) {
        return chromium.js(script);
    }

    /** The n-th finished download (Chromium's partial files end in .crdownload), or null. */
    private static Path downloaded(int n) {
        try (Stream<Path> files = Files.list(downloads)) {
            List<Path> done = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            return done.size() >= n ? done.stream().filter(f -> n == 1 ? !f.toString().contains("(") : f.toString()
                    .contains("(")).findFirst().orElse(null) : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static <T> T until(String what, Function<WebDriver, T> condition) {
        return chromium.until(what, condition);
    }

    private static void shot(String name) {
        chromium.shot(name);
    }
}
