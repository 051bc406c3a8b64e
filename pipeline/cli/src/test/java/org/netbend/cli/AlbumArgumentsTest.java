package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.netbend.cli.CarelessUserTest.assertRefused;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.TestAudio;

/**
 * How the command line's tracks become an album (order, what is skipped, job files, output names), and every bad
 * album refused before any work: one line, exit 2, no output folder or file left behind. Rendering is in
 * {@link AlbumRenderIT}.
 */
class AlbumArgumentsTest {
    @TempDir Path temp;

    private Path wav(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        return TestAudio.silenceBurstSilence(file, 0.1, 0.1, 0.1);
    }

    private List<Path> audioOf(AlbumTracks tracks) {
        return tracks.tracks().stream().map(AlbumTracks.Track::audio).toList();
    }

    @Test
    void aFolderGivesItsAudioFilesInNameOrderWithNumbersAsNumbers() throws Exception {
        Path album = temp.resolve("album");
        Path two = wav(album.resolve("2 Second.wav"));
        Path ten = wav(album.resolve("10 Tenth.flac"));
        Path one = wav(album.resolve("01 first.WAV"));
        Path b = wav(album.resolve("b.mp3"));
        Path capitalA = wav(album.resolve("A.ogg"));
        Files.writeString(album.resolve("cover.jpg"), "not audio");
        Files.writeString(album.resolve("notes.txt"), "not audio");
        wav(album.resolve(".hidden.wav"));
        Files.createDirectory(album.resolve("bonus.wav"));

        AlbumTracks tracks = AlbumTracks.of(List.of(album), null, null);

        assertTrue(tracks.album());
        assertEquals(List.of(one, two, ten, capitalA, b), audioOf(tracks));
        assertEquals(List.of("01 first", "2 Second", "10 Tenth", "A", "b"),
                tracks.tracks().stream().map(AlbumTracks.Track::title).toList());
    }

    @Test
    void filesKeepTheOrderGivenAndOneFileIsNoAlbum() throws Exception {
        Path z = wav(temp.resolve("z.wav"));
        Path a = wav(temp.resolve("a.wav"));
        assertEquals(List.of(z, a), audioOf(AlbumTracks.of(List.of(z, a), null, null)));
        assertTrue(AlbumTracks.of(List.of(z, a), null, null).album());
        assertFalse(AlbumTracks.of(List.of(z), null, null).album());
        assertTrue(AlbumTracks.of(List.of(temp.resolve("a.wav").getParent()), null, null).album(),
                "a folder is an album, even of one track");
    }

    @Test
    void eachTrackTakesItsOwnJobFileElseTheSharedOne() throws Exception {
        Path a = wav(temp.resolve("a.wav"));
        Path b = wav(temp.resolve("b.wav"));
        Path jobs = Files.createDirectory(temp.resolve("jobs"));
        Path own = Files.writeString(jobs.resolve("a.yaml"), "prompt: glass\n");
        Path shared = Files.writeString(temp.resolve("shared.yaml"), "prompt: stone\n");

        AlbumTracks tracks = AlbumTracks.of(List.of(a, b), shared, jobs);
        assertEquals(own, tracks.tracks().get(0).jobFile());
        assertEquals(shared, tracks.tracks().get(1).jobFile());
        assertEquals(shared, AlbumTracks.of(List.of(a, b), shared, null).tracks().get(0).jobFile());

        UserError missing = assertThrows(UserError.class, () -> AlbumTracks.of(List.of(a, b), null, jobs));
        assertTrue(missing.getMessage().contains("no job file for track 'b'")
                && missing.getMessage().contains(jobs.resolve("b.yaml").toString()), missing.getMessage());
    }

    @Test
    void outputNamesAreMadeSafeAndCollisionsRefused() throws Exception {
        assertEquals("a_b_c", AlbumOutputs.safeName("a/b\\c"));
        assertEquals("what_ _yes_", AlbumOutputs.safeName("what? \"yes\""));
        assertEquals("hidden", AlbumOutputs.safeName("..hidden. "));
        assertEquals("track", AlbumOutputs.safeName("..."));
        assertEquals("Ständchen № 2", AlbumOutputs.safeName("Ständchen № 2"));
        assertEquals("x".repeat(AlbumOutputs.MAX_NAME), AlbumOutputs.safeName("x".repeat(300)));
        assertEquals("tab", AlbumOutputs.safeName("tab\t"));

        Path out = temp.resolve("out");
        List<AlbumTracks.Track> tracks = List.of(new AlbumTracks.Track(temp.resolve("x/Song.wav"), "Song", null),
                new AlbumTracks.Track(temp.resolve("y/a:b.wav"), "a:b", null));
        assertEquals(List.of(out.resolve("Song.mp4"), out.resolve("a_b.mp4")), AlbumOutputs.of(out, tracks));

        List<AlbumTracks.Track> clash = List.of(new AlbumTracks.Track(temp.resolve("x/Song.wav"), "Song", null),
                new AlbumTracks.Track(temp.resolve("y/song.flac"), "song", null));
        UserError e = assertThrows(UserError.class, () -> AlbumOutputs.of(out, clash));
        assertTrue(e.getMessage().contains("would both be written to"), e.getMessage());
    }

    @Test
    void trackNamesDropBidirectionalAndControlCharacters() throws Exception {
        // Each bidirectional embedding, override, isolate and mark, and controls of C0, DEL and C1.
        String hidden = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C"
                + "\u0001\u001B\u007F\u0085\u009B\u2028\u2029\uFEFF\u200B";
        assertEquals("rtlgnp", AlbumOutputs.safeName("rtl\u202Egnp"));
        assertEquals("ab", AlbumOutputs.safeName("a" + hidden + "b"));
        assertEquals("track", AlbumOutputs.safeName(hidden));
        assertEquals("שלום abc", AlbumOutputs.safeName("שלום abc"), "right-to-left letters themselves stay");

        Path folder = Files.createDirectories(temp.resolve("album"));
        Path bell = TestAudio.silenceBurstSilence(folder.resolve("ring\u0007ring\u001B[31m.wav"), 0.1, 0.1, 0.1);
        AlbumTracks.Track track = AlbumTracks.of(List.of(folder), null, null).tracks().get(0);
        assertEquals(bell, track.audio());
        assertEquals("ringring[31m", track.title(), "the chapter title and the progress line show no control character");
        assertEquals(List.of(temp.resolve("out/ringring[31m.mp4")), AlbumOutputs.of(temp.resolve("out"), List.of(track)));
    }

    @Test
    void aTrackFileWithABidiOverrideInItsNameGetsATitleWithout() throws Exception {
        // Such a name can only be made where file names are UTF-8 (the JVM's sun.jnu.encoding follows the locale).
        assumeTrue("UTF-8".equals(System.getProperty("sun.jnu.encoding")), "file names are not UTF-8 here");
        Path folder = Files.createDirectories(temp.resolve("album"));
        Path spoof = TestAudio.silenceBurstSilence(folder.resolve("rtl\u202Egnp\u2066.wav"), 0.1, 0.1, 0.1);
        AlbumTracks.Track track = AlbumTracks.of(List.of(folder), null, null).tracks().get(0);
        assertEquals(spoof, track.audio());
        assertEquals("rtlgnp", track.title());
        assertEquals(List.of(temp.resolve("out/rtlgnp.mp4")), AlbumOutputs.of(temp.resolve("out"), List.of(track)));
    }

    // --- bad albums through Main: one line, exit 2, nothing written ---

    private CliRun render(Path out, String... tracksAndOptions) {
        List<String> args = new ArrayList<>(List.of("render"));
        args.addAll(List.of(tracksAndOptions));
        args.addAll(List.of("-p", "x", "--size", "64x64", "-o", out.toString(), "--store",
                temp.resolve("store").toString(), "--cache", temp.resolve("cache").toString()));
        return CliRun.of(args.toArray(String[]::new));
    }

    private void assertNothingWritten(Path out) throws Exception {
        assertFalse(Files.exists(out), out + " was not made");
        assertFalse(Files.exists(temp.resolve("store")), "the store was not touched");
        try (Stream<Path> files = Files.walk(temp)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".mp4")
                    || f.getFileName().toString().endsWith(".part")), "no video or partial file");
        }
    }

    @Test
    void aMissingTrackIsNamed() throws Exception {
        Path a = wav(temp.resolve("in/a.wav"));
        Path out = temp.resolve("videos");
        assertRefused(render(out, a.toString(), temp.resolve("in/gone.wav").toString()), "audio file not found: "
                + temp.resolve("in/gone.wav"));
        assertNothingWritten(out);
    }

    @Test
    void anEmptyFolderAFolderWithFilesAndTheSameTrackTwiceAreRefused() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("in/empty"));
        Files.writeString(empty.resolve("readme.txt"), "no audio here");
        Path a = wav(temp.resolve("in/a.wav"));
        Path out = temp.resolve("videos");
        assertRefused(render(out, empty.toString()), "holds no audio files");
        assertRefused(render(out, empty.getParent().toString(), a.toString()), "give one folder or audio files");
        assertRefused(render(out, a.toString(), temp.resolve("in/../in/a.wav").toString()), "is given twice");
        assertNothingWritten(out);
    }

    @Test
    void twoTracksForOneOutputNameAreRefused() throws Exception {
        Path a = wav(temp.resolve("one/song.wav"));
        Path b = wav(temp.resolve("two/song.wav"));
        Path out = temp.resolve("videos");
        assertRefused(render(out, a.toString(), b.toString()), "would both be written to " + out.resolve("song.mp4"));
        assertNothingWritten(out);
    }

    @Test
    void anOutputFileForSeveralTracksIsRefused() throws Exception {
        Path a = wav(temp.resolve("in/a.wav"));
        Path b = wav(temp.resolve("in/b.wav"));
        Path file = Files.writeString(temp.resolve("videos"), "a file, not a folder");
        assertRefused(render(file, a.toString(), b.toString()), "with several tracks -o names a folder");
        assertEquals("a file, not a folder", Files.readString(file), "the file is kept");
        assertRefused(render(temp.resolve("album.mp4"), a.toString(), b.toString()), "looks like a video");
        assertFalse(Files.exists(temp.resolve("album.mp4")));
    }

    @Test
    void anAlbumVideoNeedsTheSameFrameRateForEveryTrack() throws Exception {
        Path a = wav(temp.resolve("in/a.wav"));
        Path b = wav(temp.resolve("in/b.wav"));
        Path jobs = Files.createDirectory(temp.resolve("jobs"));
        Files.writeString(jobs.resolve("b.yaml"), "fps: 10\n");
        Files.writeString(temp.resolve("all.yaml"), "fps: 20\n");
        Path out = temp.resolve("videos");
        assertRefused(render(out, a.toString(), b.toString(), "--job", temp.resolve("all.yaml").toString(),
                "--job-per-track", jobs.toString(), "--album-video", temp.resolve("album.mp4").toString()),
                "--album-video joins the videos by stream copy");
        assertNothingWritten(out);
    }

    @Test
    void anAlbumThatFailsBeforeItsFirstVideoLeavesNoOutputFolder() throws Exception {
        Path a = wav(temp.resolve("in/a.wav"));
        Path b = wav(temp.resolve("in/b.wav"));
        Path notAStore = Files.writeString(temp.resolve("store-file"), "a file where the store should be");
        Path out = temp.resolve("videos");
        CliRun run = CliRun.of("render", a.toString(), b.toString(), "-p", "x", "--size", "64x64", "-o", out.toString(),
                "--store", notAStore.toString(), "--cache", temp.resolve("cache").toString());
        assertTrue(run.exitCode() != 0 && run.err().contains("store-file"), "the store fails: " + run.err());
        assertFalse(Files.exists(out), "the folder made for the videos is removed again: " + run.err());
    }

    @Test
    void submitRefusesOneTracksOptionsForSeveral() throws Exception {
        Path a = wav(temp.resolve("in/a.wav"));
        Path b = wav(temp.resolve("in/b.wav"));
        for (String[] option : new String[][] {{"--job-id", "mine"}, {"--output", "out/v.mp4"}}) {
            CliRun run = CliRun.of("submit", a.toString(), b.toString(), "-p", "x", option[0], option[1],
                    "--bootstrap", "127.0.0.1:9", "--store", temp.resolve("store").toString());
            assertRefused(run, option[0] + " names one track's");
        }
        assertRefused(CliRun.of("submit", a.toString(), b.toString(), "-p", "x", "--album-video",
                temp.resolve("album.mp4").toString(), "--bootstrap", "127.0.0.1:9", "--store",
                temp.resolve("store").toString()), "--album-video needs --wait");
        assertFalse(Files.exists(temp.resolve("store")));
    }
}
