package org.netbend.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.TestAudio;
import org.netbend.service.ServiceHarness;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The page's editor against the music in Debian's headless Chromium: the waveform and lanes chosen per lane, zoom,
 * a prompt on the timeline into the job YAML, a drawn lane that a bend reads, and the bend controls writing the
 * bend's text and reading it back. No job renders here, so the service job is not started: the studio talks to
 * the real broker and S3 server only. A screenshot of each step goes to target/screenshots.
 */
class StudioEditorBrowserIT {
    @TempDir static Path dir;
    static ServiceHarness service;
    static StudioServer studio;
    static HeadlessChromium chromium;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        service = new ServiceHarness(dir, 1);
        studio = StudioServer.start(StudioApiIT.options(dir, service, null));
        chromium = new HeadlessChromium(dir.resolve("chromium-profile"), Files.createDirectories(dir.resolve("downloads")),
                "1280,1400");
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
    void editPromptsLanesAndBendsAgainstTheTrack() throws Exception {
        Path track = TestAudio.silenceBurstSilence(dir.resolve("burst.wav"), 1.0, 0.8, 1.2);
        browser.get("http://127.0.0.1:" + studio.port() + "/");

        // 1. Upload: the waveform and the feature lanes, each with its own menu of every feature.
        browser.findElement(By.id("audio-file")).sendKeys(track.toString());
        until("the waveform", d -> d.findElements(By.cssSelector("#waveform .lane canvas")).size() == 1);
        until("the feature lanes", d -> d.findElements(By.cssSelector("#lanes .lane")).size() == 4);
        Select firstMenu = new Select(browser.findElement(By.cssSelector("#lanes .lane .lane-feature")));
        List<String> offered = firstMenu.getOptions().stream().map(WebElement::getText).toList();
        assertTrue(offered.containsAll(List.of("rms", "onset_env", "centroid", "flux")) && offered.size() > 8, offered.toString());
        String other = offered.stream().filter(n -> !List.of("rms", "onset_env", "centroid", "flux").contains(n))
                .findFirst().orElseThrow();
        firstMenu.selectByValue(other);
        until("the first lane showing " + other, d -> other.equals(js("return document.querySelector('#lanes .lane').dataset.lane")));
        until("the first bend's lane", d -> d.findElements(By.cssSelector("#params .lane")).size() == 1);
        shot("editor-1-waveform-and-lanes");

        // 2. Zoom: every lane shows the same narrower window, and the parameter lane is fetched for it.
        String whole = body("data-view");
        int drawn = Integer.parseInt(body("data-tracks-drawn"));
        browser.findElement(By.id("zoom-in")).click();
        browser.findElement(By.id("zoom-in")).click();
        until("the zoomed window", d -> width(body("data-view")) < width(whole) / 3);
        until("the parameter lane at the zoomed window", d -> Integer.parseInt(body("data-tracks-drawn")) > drawn);
        js("document.querySelector('#lanes .lane .u-over').dispatchEvent(new WheelEvent('wheel', "
                + "{deltaY: 300, clientX: 600, clientY: 0, bubbles: true, cancelable: true}))");
        until("the wheel zooming out", d -> width(body("data-view")) > width(whole) / 4 + 1e-3);
        shot("editor-2-zoomed");
        browser.findElement(By.id("zoom-fit")).click();
        until("the whole track again", d -> body("data-view").equals(whole));

        // 3. A prompt on the timeline: seek by clicking a lane, add it there, and it is in the job YAML.
        WebElement lane = browser.findElement(By.cssSelector("#lanes .lane .u-over"));
        new Actions(browser).moveToElement(lane, lane.getSize().width / 4, 0).click().perform();
        until("the playhead moved by the click", d -> Double.parseDouble(body("data-playhead")) > 0.3);
        double at = Double.parseDouble(body("data-playhead"));
        browser.findElement(By.id("add-prompt")).click();
        browser.findElement(By.cssSelector("#prompt-rows .prompt-text")).sendKeys("a forest of glass");
        new Select(browser.findElement(By.id("prompt-interpolation"))).selectByValue("slerp");
        browser.findElement(By.id("download-yaml")).click();
        String yaml = until("the job YAML with the prompt", d -> {
            String y = text("yaml-text");
            return y.contains("a forest of glass") ? y : null;
        });
        assertTrue(yaml.contains("slerp") && yaml.contains("prompts"), yaml);
        assertEquals(at, Double.parseDouble(browser.findElement(By.cssSelector("#prompt-rows .prompt-at"))
                .getAttribute("value")), 0.002, "the prompt sits at the playhead");

        // 4. A drawn lane read by a bend: adding points changes the bend's parameter track at once.
        browser.findElement(By.id("add-drawn-lane")).click();
        until("the drawn lane", d -> d.findElements(By.cssSelector("#drawn-lanes .lane[data-lane='lane:lane1']")).size() == 1);
        WebElement bends = browser.findElement(By.id("bends"));
        bends.clear();
        bends.sendKeys("add@0=lane:lane1|input(0,1)");
        WebElement drawnOver = browser.findElement(By.cssSelector("#drawn-lanes .lane .u-over"));
        int w = drawnOver.getSize().width;
        int h = drawnOver.getSize().height;
        new Actions(browser).moveToElement(drawnOver, -w / 4, h / 2 - 5).click().perform();     // low, early
        new Actions(browser).moveToElement(drawnOver, w / 4, -h / 2 + 10).click().perform();    // high, late
        until("the bend's lane from the drawn points", d -> ((String) js("const l = document.querySelector('#params .lane');"
                + " return l ? l.dataset.lane : ''")).startsWith("add@0=lane:lane1"));
        assertEquals("lane:lane1", value(".bend-source"), "the controls read the typed bend");
        String mean = until("the bend's track", d -> (String) js("return document.querySelector('#params .lane').dataset.mean"));
        new Select(browser.findElement(By.cssSelector("#drawn-lanes .drawn-interpolation"))).selectByValue("step");
        new Actions(browser).moveToElement(drawnOver, 0, -h / 2 + 8).click().perform();         // a third point, high
        until("the bend's track redrawn", d -> !mean.equals(js("return document.querySelector('#params .lane').dataset.mean")));
        browser.findElement(By.id("download-yaml")).click();
        String withLane = until("the lane in the job YAML", d -> text("yaml-text").contains("lane1")
                && text("yaml-text").contains("points") ? text("yaml-text") : null);
        shot("editor-3-prompt-and-drawn-lane");
        // The prompts and the lane load back from the file into the page, and the page writes the same file.
        Path file = Files.writeString(dir.resolve("with-lane.yaml"), withLane + "\n");
        browser.findElement(By.id("prompt-rows")).findElement(By.cssSelector(".prompt-row button")).click();
        browser.findElement(By.cssSelector("#drawn-lanes .lane-tools button:last-child")).click();
        until("the prompt and lane removed", d -> d.findElements(By.cssSelector("#prompt-rows .prompt-row, #drawn-lanes .lane"))
                .isEmpty());
        browser.findElement(By.id("load-yaml")).sendKeys(file.toString());
        until("the job file loaded", d -> text("job-status").startsWith("loaded"));
        until("the lane back", d -> d.findElements(By.cssSelector("#drawn-lanes .lane[data-lane='lane:lane1']")).size() == 1);
        js("document.getElementById('yaml-text').textContent = ''");
        browser.findElement(By.id("download-yaml")).click();
        String again = until("the job YAML again", d -> text("yaml-text").isEmpty() ? null : text("yaml-text"));
        assertEquals(withLane, again, "prompts, interpolation and lanes round-trip through the page");

        // 5. The bend controls write the bend's text, and read a typed bend back.
        bends.clear();
        bends.sendKeys("add@0=rms[0..1]");
        bends.click();
        new Select(browser.findElement(By.cssSelector("#bend-controls .bend-op"))).selectByValue("multiply");
        Select site = new Select(browser.findElement(By.cssSelector("#bend-controls .bend-site")));
        until("the toy model's sites from /api/models", d -> site.getOptions().size() > 3);
        site.selectByValue("mid");
        WebElement lo = browser.findElement(By.cssSelector("#bend-controls .bend-lo"));
        lo.clear();
        lo.sendKeys("1");
        WebElement hi = browser.findElement(By.cssSelector("#bend-controls .bend-hi"));
        hi.clear();
        hi.sendKeys("3");
        assertEquals("multiply@0/mid=rms[1..3]", bends.getAttribute("value"));
        until("the site bend's lane", d -> "multiply@0/mid=rms[1..3]".equals(js(
                "const l = document.querySelector('#params .lane'); return l ? l.dataset.lane : null")));
        bends.clear();
        bends.sendKeys("rotate-r1@final:channel(2)=centroid[0..pi]|median(5)");
        bends.click();
        assertEquals("rotate-r1", value(".bend-op"));
        assertEquals("final", value(".bend-layer"));
        assertEquals("channel(2)", value(".bend-target"));
        assertEquals("centroid", value(".bend-source"));
        assertEquals("pi", value(".bend-hi"));
        assertEquals("median(5)", value(".bend-modifiers"));
        shot("editor-4-bend-controls");
    }

    /** The figures of issue 19 on a 10-minute track at 20 fps: five bends, each edit to its redrawn lanes. */
    @Test
    void keystrokeToRedrawnLanesOnATenMinuteTrack() throws Exception {
        Path track = dir.resolve("ten-minutes.wav");
        float[] samples = new float[TestAudio.RATE * 600];
        for (int i = 0; i < samples.length; i++) { // a 120 BPM click over a slow swell: onsets, beats, movement
            double t = (double) i / TestAudio.RATE;
            double click = (t % 0.5) < 0.02 ? Math.exp(-(t % 0.5) * 200) : 0;
            samples[i] = (float) ((0.2 + 0.15 * Math.sin(t / 10)) * Math.sin(2 * Math.PI * 220 * t) * 0.5 + 0.5 * click
                    * Math.sin(2 * Math.PI * 1000 * t));
        }
        TestAudio.writeWav(track, samples);
        browser.get("http://127.0.0.1:" + studio.port() + "/");
        js("document.getElementById('fps').value = '20'");
        browser.findElement(By.id("audio-file")).sendKeys(track.toString());
        until("the 10-minute track's lanes", d -> text("track-status").contains("lanes in"));
        until("the first parameter lane", d -> body("data-tracks-drawn") != null);
        String[] five = {"rotate-r1@40=rms[0..2pi]", "add@0=onset_env[0..2]", "multiply@10=centroid[1..2]|median(5)",
            "add@0-5:channel(2)=flux[0..2]", "add@20=max(rms,flux)[0..1]|envelope(10,300)"};
        List<Double> roundTrip = new ArrayList<>();
        List<Double> compute = new ArrayList<>();
        List<Double> draw = new ArrayList<>();
        List<Double> paint = new ArrayList<>();
        for (int edit = 0; edit < 45; edit++) {
            five[1] = "add@0=onset_env[0.." + (2 + edit / 100.0) + "]"; // one bend changes per edit, as in typing
            int before = Integer.parseInt(body("data-tracks-drawn"));
            js("delete document.body.dataset.paintMs");
            js("const b = document.getElementById('bends'); b.value = arguments[0];"
                    + " b.dispatchEvent(new Event('input'))", String.join("\n", five));
            until("edit " + edit + " drawn", d -> Integer.parseInt(body("data-tracks-drawn")) > before);
            if (edit >= 5) { // after a warm-up
                roundTrip.add(Double.parseDouble(body("data-round-trip-ms")));
                compute.add(Double.parseDouble(body("data-compute-ms")));
                draw.add(Double.parseDouble(body("data-draw-ms")));
                int edited = edit;
                paint.add(until("edit " + edited + " painted", d -> Double.parseDouble(body("data-paint-ms")) >= 0
                        ? Double.parseDouble(body("data-paint-ms")) : null));
            }
        }
        assertEquals(5, browser.findElements(By.cssSelector("#params .lane")).size());
        shot("editor-5-ten-minutes-five-bends");
        // Zoom in step by step with the wheel, then scroll: every lane (waveform, 4 features, prompts, 5 bends)
        // redrawn per step.
        List<Double> redraw = new ArrayList<>();
        for (int step = 0; step < 40; step++) {
            String before = body("data-view");
            js("document.querySelector('#lanes .lane .u-over').dispatchEvent(new WheelEvent('wheel', {deltaY: arguments[0],"
                    + " deltaX: 0, shiftKey: arguments[1], clientX: 500, bubbles: true, cancelable: true}))",
                    step < 25 ? -150 : 400, step >= 25);
            until("zoom or scroll step " + step, d -> !before.equals(body("data-view")));
            redraw.add(Double.parseDouble(body("data-view-redraw-ms")));
        }
        assertTrue(width(body("data-view")) < 60, "zoomed in to less than a minute: " + body("data-view"));
        shot("editor-6-ten-minutes-zoomed");
        System.out.println("studio editor, 10-minute track at 20 fps, five bends, " + roundTrip.size()
                + " edits: server compute p50 " + p(compute, 50) + " ms, p95 " + p(compute, 95) + " ms; round trip p50 "
                + p(roundTrip, 50) + " ms, p95 " + p(roundTrip, 95) + " ms; lanes redrawn (script) p50 " + p(draw, 50)
                + " ms, p95 " + p(draw, 95) + " ms, painted p50 " + p(paint, 50) + " ms, p95 " + p(paint, 95) + " ms; a zoom or scroll step redraws every lane in p50 " + p(redraw, 50)
                + " ms, p95 " + p(redraw, 95) + " ms; upload to first lanes " + body("data-first-lanes-ms") + " ms");
        assertNotEquals(0, roundTrip.size());
    }

    private static String p(List<Double> values, int percentile) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format("%.1f", sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)]);
    }

    private static double width(String view) {
        double[] ends = Arrays.stream(view.split("\\.\\.")).mapToDouble(Double::parseDouble).toArray();
        return ends[1] - ends[0];
    }

    private static String value(String css) {
        return browser.findElement(By.cssSelector("#bend-controls " + css)).getAttribute("value");
    }

    private static String body(String attribute) {
        return browser.findElement(By.tagName("body")).getAttribute(attribute);
    }

    private static String text(String id) {
        return chromium.text(id);
    }

    private static Object js(String script, Object... args) {
        return chromium.js(script, args);
    }

    private static <T> T until(String what, Function<WebDriver, T> condition) {
        return chromium.until(what, condition);
    }

    private static void shot(String name) {
        chromium.shot(name);
    }
}
