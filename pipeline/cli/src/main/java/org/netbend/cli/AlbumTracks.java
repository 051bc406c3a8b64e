package org.netbend.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The tracks that {@code render} and {@code submit} are given: one audio file (a single render, as always), or an
 * album: several files, in the order given, or one folder, whose audio files are taken in {@link #NAME_ORDER}.
 * Each track also gets the job file it uses: its own {@code DIR/<name>.yaml} from {@code --job-per-track DIR},
 * else the shared {@code --job FILE}, else none.
 *
 * <p>Refused with one line: a missing file, a folder among files or several folders, a folder without audio
 * files, the same file twice, a track without its own job file when {@code --job-per-track} is given without a
 * fallback {@code --job}.
 */
final class AlbumTracks {
    /** What counts as an audio file in a folder (other files, hidden files and sub-folders are skipped). */
    static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "wave", "flac", "mp3", "ogg", "oga", "opus", "m4a",
            "aac", "aif", "aiff", "aifc", "wma", "mka", "caf");

    /**
     * Names compared case-insensitively with runs of digits as numbers ("2 b" before "10 a"), then by their
     * plain characters, so the order is total and the same on every machine.
     */
    static final Comparator<String> NAME_ORDER = AlbumTracks::compareNames;

    /**
     * One track: its audio, its title (the file name without extension and without control or bidirectional
     * characters: it names the track's video and chapter and is shown on the terminal) and its job file.
     */
    record Track(Path audio, String title, Path jobFile) { }

    private final List<Track> tracks;
    private final boolean album;

    private AlbumTracks(List<Track> tracks, boolean album) {
        this.tracks = List.copyOf(tracks);
        this.album = album;
    }

    /** Several tracks (or a folder, even of one track): outputs then go to a folder, one video per track. */
    boolean album() {
        return album;
    }

    List<Track> tracks() {
        return tracks;
    }

    static AlbumTracks of(List<Path> arguments, Path jobFile, Path jobFolder) throws IOException {
        if (arguments == null || arguments.isEmpty()) {
            throw new UserError("give an audio file, several, or a folder of them");
        }
        List<Path> audio;
        boolean album;
        long folders = arguments.stream().filter(Files::isDirectory).count();
        if (folders > 0 && arguments.size() > 1) {
            throw new UserError("give one folder or audio files, not both nor several folders: "
                    + arguments.stream().filter(Files::isDirectory).findFirst().orElseThrow() + " is a folder");
        }
        if (folders == 1) {
            audio = audioIn(arguments.get(0));
            album = true;
        } else {
            audio = List.copyOf(arguments);
            album = arguments.size() > 1;
            for (Path file : audio) {
                InputFiles.checkAudio(file);
            }
        }
        Map<Path, Path> seen = new HashMap<>();
        for (Path file : audio) {
            Path real = file.toRealPath();
            Path earlier = seen.putIfAbsent(real, file);
            if (earlier != null) {
                throw new UserError("the track " + file + " is given twice" + (earlier.equals(file) ? ""
                        : " (as " + earlier + ")") + "; each track is rendered once");
            }
        }
        if (jobFolder != null && !Files.isDirectory(jobFolder)) {
            throw new UserError("--job-per-track " + jobFolder + " is not a folder");
        }
        List<Track> tracks = new ArrayList<>();
        for (Path file : audio) {
            String name = stem(file); // as on disk, to find the track's own job file
            tracks.add(new Track(file, AlbumOutputs.printable(name), jobFileOf(name, jobFile, jobFolder)));
        }
        return new AlbumTracks(tracks, album);
    }

    /** The audio files of a folder, in name order; a folder without any is refused. */
    static List<Path> audioIn(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(AlbumTracks::isAudioFile)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString(), NAME_ORDER))
                    .toList();
        }
        if (files.isEmpty()) {
            throw new UserError("folder " + folder + " holds no audio files (" + String.join(", ",
                    AUDIO_EXTENSIONS.stream().sorted().toList()) + ")");
        }
        return files;
    }

    private static boolean isAudioFile(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !name.startsWith(".") && dot > 0 && Files.isRegularFile(file)
                && AUDIO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The track's own job file, else the shared one; with --job-per-track and no --job, its own must exist. */
    private static Path jobFileOf(String title, Path shared, Path folder) {
        if (folder == null) {
            return shared;
        }
        Path own = folder.resolve(title + ".yaml");
        if (Files.isRegularFile(own)) {
            return own;
        }
        if (shared == null) {
            throw new UserError("no job file for track '" + Shown.value(title) + "': --job-per-track expects " + own
                    + " (or give --job FILE for the tracks without their own)");
        }
        return shared;
    }

    /** The file name without its extension. */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static int compareNames(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (isDigit(x) && isDigit(y)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                String numA = stripZeros(a.substring(i, endA));
                String numB = stripZeros(b.substring(j, endB));
                int byValue = numA.length() != numB.length() ? Integer.compare(numA.length(), numB.length())
                        : numA.compareTo(numB);
                if (byValue != 0) {
                    return byValue;
                }
                i = endA;
                j = endB;
            } else {
                int byChar = Character.compare(Character.toLowerCase(x), Character.toLowerCase(y));
                if (byChar != 0) {
                    return byChar;
                }
                i++;
                j++;
            }
        }
        int byLength = Integer.compare(a.length() - i, b.length() - j);
        return byLength != 0 ? byLength : a.compareTo(b);
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String stripZeros(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }
}
