package org.netbend.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.TestAudio;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The live page end to end in Debian's headless Chromium with a fake microphone (a WAV of a tone that swells,
 * played again and again by Chromium): the page streams it, frames come back and follow it, a bend edited on the
 * page takes effect within a few frames, a range moved, a bad bend's message while the old bend stays, and a page
 * that goes away and comes back. Screenshots to target/screenshots.
 */
class LiveBrowserIT {
    static final String BEND = "add@0=rms[0..2]|input(0,1)";

    @TempDir static Path dir;
    static LiveHarness live;
    static HeadlessChromium chromium;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        live = new LiveHarness(dir.resolve("cache"), List.of(BEND), null);
        Path microphone = TestAudio.writeWav(dir.resolve("microphone.wav"), swell(4));
        // The fake microphone: Chromium grants it without asking and plays the WAV again and again.
        chromium = new HeadlessChromium(dir.resolve("chromium-profile"), null, "1100,800", HeadlessChromium.STEP,
                "live-", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--use-file-for-fake-audio-capture=" + microphone);
        browser = chromium.driver;
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (live != null) {
            live.close();
        }
    }

    /** 220 Hz rising from near silence to 0.9 and back over {@code seconds}: rms sweeps its range each loop. */
    static float[] swell(double seconds) {
        int n = (int) (seconds * TestAudio.RATE);
        float[] samples = new float[n];
        for (int i = 0; i < n; i++) {
            double x = i / (double) n;
            double amplitude = 0.02 + 0.88 * (1 - Math.abs(2 * x - 1));
            samples[i] = (float) (amplitude * Math.sin(2 * Math.PI * 220 * i / TestAudio.RATE));
        }
        return samples;
    }

    @Test
    void aPerformanceOnTheLivePage() throws Exception {
        // 1. The page streams the fake microphone; frames come back and change with the audio.
        browser.get(live.http() + "/");
        until("the page connected", d -> "true".equals(body("connected")) && !text("mode").isEmpty());
        assertEquals("microphone", ((String) js("return document.getElementById('mode').textContent")).split(" ")[0]);
        browser.findElement(By.id("mic-start")).click();
        until("the microphone on", d -> "on".equals(body("microphone")));
        until("20 frames", d -> frames() >= 20);
        until("the frame shown", d -> (Boolean) js("return document.getElementById('frame').naturalWidth > 0"));
        Number distinct = (Number) js("return new Set(netbendLive.frames.map(f => f.params[0][0].toFixed(2))).size");
        assertTrue(distinct.intValue() >= 5, "the bend follows the swelling audio: " + distinct + " distinct values");
        Number sizes = (Number) js("return new Set(netbendLive.frames.map(f => f.bytes)).size");
        assertTrue(sizes.intValue() >= 2, "the frames differ");
        String stats = browser.findElement(By.id("stats")).getText();
        assertTrue(stats.matches(".*fps here.*audio→frame \\d+ ms.*"), stats);
        shot("live-1-microphone-frames");
        System.out.println("live page: " + stats);

        // 2. Edit the bend on the page: within a few frames the frames carry the new bend and its range.
        WebElement text = browser.findElement(By.cssSelector("#bends .bend-row .bend-text"));
        int oldId = Integer.parseInt(browser.findElement(By.cssSelector("#bends .bend-row")).getAttribute("data-id"));
        text.clear();
        text.sendKeys("add@0=rms[5..6]|input(0,1)");
        browser.findElement(By.cssSelector("#bends .bend-row .apply")).click();
        Map<?, ?> edit = until("the edit accepted", d -> lastResult("edit", true));
        int newId = ((Number) edit.get("bendId")).intValue();
        int framesBefore = ((Number) edit.get("framesBefore")).intValue();
        until("a frame with the edited bend", d -> (Boolean) js("return netbendLive.frames.some(f => f.bends[0] === "
                + newId + ")"));
        Number stale = (Number) js("const fs = netbendLive.frames.slice(" + framesBefore + "); return fs.findIndex("
                + "f => f.bends[0] === " + newId + ")");
        assertTrue(stale.intValue() >= 0 && stale.intValue() <= 4, stale + " frames still had bend " + oldId
                + " after the edit was accepted");
        double value = ((Number) js("return netbendLive.frames.at(-1).params[0][0]")).doubleValue();
        assertTrue(value >= 5 && value <= 6, "the edited range: " + value);
        until("the bend list redrawn", d -> browser.findElement(By.cssSelector("#bends .bend-row"))
                .getAttribute("data-id").equals(Integer.toString(newId)));
        shot("live-2-bend-edited");

        // 3. Move its range with the range fields: the frames go to the new range.
        // Set in one script: clear() would send a change of its own with the field empty.
        js("const hi = document.querySelector('#bends .bend-row .range-hi'); hi.value = '9';"
                + " hi.dispatchEvent(new Event('change'))");
        Map<?, ?> moved = until("the range move accepted", d -> lastResult("edit", true, newId));
        int movedId = ((Number) moved.get("bendId")).intValue();
        until("a frame in the moved range", d -> (Boolean) js("const f = netbendLive.frames.at(-1); return f.bends[0]"
                + " === " + movedId + " && f.params[0][0] >= 5 && f.params[0][0] <= 9"));

        // 4. A bad bend: the parser's message with its span marked; the bend live before stays.
        WebElement add = browser.findElement(By.id("new-bend"));
        add.sendKeys("add@0=rms[0..x]");
        browser.findElement(By.id("add-bend")).click();
        until("the bad bend's message", d -> !d.findElements(By.cssSelector("#bend-error .error .message")).isEmpty());
        assertFalse(browser.findElement(By.cssSelector("#bend-error .error .message")).getText().isBlank());
        assertTrue(browser.findElement(By.cssSelector("#bend-error .error mark")).getText().contains("x"),
                "the span marks the bad bound");
        int after = frames();
        until("frames after the refusal", d -> frames() >= after + 3);
        assertEquals(((Number) js("return netbendLive.frames.at(-1).bends[0]")).intValue(), movedId,
                "the old bend stays");
        shot("live-3-bad-bend");

        // 5. The prompt crossfades.
        WebElement prompt = browser.findElement(By.id("prompt"));
        prompt.clear();
        prompt.sendKeys("a forest at night");
        browser.findElement(By.id("prompt-change")).click();
        until("the prompt change accepted", d -> lastResult("prompt", true) != null);

        // 6. The page goes away: the server lets it go and keeps running; a new page streams again.
        browser.get("about:blank");
        until("the page let go", d -> live.server.clients() == 0 && live.stream.clients() == 0);
        assertTrue(live.loopAlive(), "the loop keeps running without a page");
        browser.get(live.http() + "/live.html");
        until("the page connected again", d -> "true".equals(body("connected")) && !text("mode").isEmpty());
        assertEquals("a forest at night", browser.findElement(By.id("prompt")).getAttribute("value"),
                "a new page gets the session's prompt");
        browser.findElement(By.id("mic-start")).click();
        until("frames again", d -> frames() >= 5);
        shot("live-4-after-reconnect");
    }

    /** The newest answer to a control, if it is of this kind and acceptance (and replaces bend {@code id}). */
    private static Map<?, ?> lastResult(String control, boolean accepted, int... id) {
        Object r = js("return netbendLive.results.at(-1) || null");
        if (r instanceof Map<?, ?> m && control.equals(m.get("control")) && Boolean.valueOf(accepted).equals(
                m.get("accepted")) && (id.length == 0 || ((Number) m.get("bendId")).intValue() != id[0])) {
            return m;
        }
        return null;
    }

    private static String text(String id) {
        return (String) js("return document.getElementById('" + id + "').textContent");
    }

    private static int frames() {
        String n = body("frames");
        return n == null ? 0 : Integer.parseInt(n);
    }

    private static String body(String data) {
        return browser.findElement(By.tagName("body")).getAttribute("data-" + data);
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
