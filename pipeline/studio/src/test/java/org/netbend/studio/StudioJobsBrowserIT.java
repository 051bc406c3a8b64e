package org.netbend.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
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
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The Jobs list in Debian's headless Chromium (Selenium, Debian's chromedriver) in front of the real service:
 * jobs listed with their state, an album as one group, cancel, and a job's settings opened back into the editor
 * with its track. Screenshots go to target/screenshots (jobs-*.png).
 */
class StudioJobsBrowserIT {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    static final Duration STEP = Duration.ofSeconds(120);

    @TempDir static Path dir;
    static ServiceHarness service;
    static StudioServer studio;
    static HeadlessChromium chromium;
    static ChromeDriver browser;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        service = new ServiceHarness(dir, 1);
        service.startService();
        studio = StudioServer.start(StudioApiIT.options(dir, service, null));
        base = "http://127.0.0.1:" + studio.port();
        chromium = new HeadlessChromium(dir.resolve("chromium-profile"), null, "1280,1400", STEP, "jobs-");
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
    void theJobsListCancelsGroupsAlbumsAndOpensSettingsIntoTheEditor() throws Exception {
        String shortTrack = service.upload(TestAudio.silenceBurstSilence(dir.resolve("short.wav"), 0.3, 0.4, 0.3));
        String longTrack = service.upload(TestAudio.silenceBurstSilence(dir.resolve("long.wav"), 5, 5, 5));
        create(StudioJobsApiIT.camel(shortTrack, "page-done", ", \"bends\": [\"add@0=onset_env[0..3]\"]")
                .replace(", \"bends\": [\"add@0=rms[0..2]\"]", ""));
        create(StudioJobsApiIT.camel(longTrack, "page-cancel", ", \"seed\": 3"));
        create(StudioJobsApiIT.camel(shortTrack, "track-1", ", \"album\": \"album-page\", \"seed\": 4"));
        create(StudioJobsApiIT.camel(shortTrack, "track-2", ", \"album\": \"album-page\", \"seed\": 5"));
        browser.get(base + "/");

        // 1. The list: every job with its state, track, priority and time submitted.
        until("page-done listed", d -> !d.findElements(row("page-done")).isEmpty());
        until("page-done DONE in the list", d -> "DONE".equals(d.findElement(row("page-done")).getAttribute("data-state")));
        String cells = browser.findElement(row("page-done")).getText();
        assertTrue(cells.contains("short.wav") && cells.contains("page-done"), cells);
        assertTrue(js("return document.querySelector('tr.job[data-job-id=\"page-done\"] [data-download=\"frames.zip\"]')"
                + ".getAttribute('href')").equals("/api/jobs/page-done/frames.zip"), "its downloads are linked");
        shot("jobs-1-list");

        // 2. An album: one group row and its two tracks under it.
        until("the album's group", d -> d.findElements(By.cssSelector("tr.album[data-album=\"album-page\"]")).size() == 1
                && d.findElements(By.cssSelector("tr.album-track[data-album=\"album-page\"]")).size() == 2);
        List<String> order = List.of(((String) js("return [...document.querySelectorAll('#jobs tbody tr')].map(r => "
                + "r.className + ':' + (r.dataset.jobId || r.dataset.album)).join('|')")).split("\\|"));
        int group = order.indexOf("album:album-page");
        assertTrue(group >= 0 && order.get(group + 1).startsWith("job album-track:") && order.get(group + 2)
                .startsWith("job album-track:"), "the tracks follow their album's row: " + order);
        shot("jobs-2-album");

        // 3. Cancel the long job from the list.
        until("page-cancel running with a cancel button", d -> !d.findElements(By.cssSelector(
                "tr.job[data-job-id=\"page-cancel\"] button.cancel-job")).isEmpty());
        click("tr.job[data-job-id=\"page-cancel\"] button.cancel-job");
        until("page-cancel CANCELLED", d -> "CANCELLED".equals(d.findElement(row("page-cancel")).getAttribute("data-state")));
        shot("jobs-3-cancelled");

        // 4. Open a job's settings into the editor: its bends, prompt, steps and its track's lanes.
        browser.findElement(By.id("bends")).clear();
        click("tr.job[data-job-id=\"page-done\"] button.open-job");
        until("the job's settings in the editor", d -> text("job-status").equals("loaded page-done.yaml"));
        assertEquals("add@0=onset_env[0..3]", browser.findElement(By.id("bends")).getAttribute("value"));
        assertEquals("3D mesh geometry", browser.findElement(By.id("prompt")).getAttribute("value"));
        assertEquals("5", browser.findElement(By.id("steps")).getAttribute("value"));
        until("the job's track's lanes", d -> d.findElements(By.cssSelector("#lanes .lane canvas")).size() >= 2);
        assertEquals("short.wav", text("track-status"));
        js("document.getElementById('render-panel').scrollIntoView()");
        shot("jobs-4-opened-in-editor");
    }

    /** Clicks in one script: the list is redrawn as jobs move, so a found element may be replaced before a click. */
    private static void click(String selector) {
        js("document.querySelector('" + selector.replace("'", "\\'") + "').click()");
    }

    private static By row(String jobId) {
        return By.cssSelector("tr.job[data-job-id=\"" + jobId + "\"]");
    }

    private static void create(String json) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/jobs"))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
    }

    private static String text(String id) {
        return chromium.text(id);
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
