package org.netbend.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where an album's videos go: {@code -o OUT} names a folder, and track {@code NAME.wav} is written to
 * {@code OUT/NAME.mp4}, its name made safe for any file system. Two tracks whose names would give the same file
 * (also when they differ only in case, which some file systems do not tell apart) are refused.
 */
final class AlbumOutputs {
    /** Longest file name written, in characters (file systems allow 255 bytes; UTF-8 takes up to 4 a character). */
    static final int MAX_NAME = 60;

    private AlbumOutputs() { }

    /** The video of each track, in the tracks' order. */
    static List<Path> of(Path folder, List<AlbumTracks.Track> tracks) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new UserError("-o " + folder + " is a file; with several tracks -o names a folder, and each "
                    + "track is written to " + folder.resolve("<track>.mp4"));
        }
        if (!Files.isDirectory(folder) && folder.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mp4")) {
            throw new UserError("-o " + folder + " looks like a video, but with several tracks -o names a folder "
                    + "(each track is written to DIR/<track>.mp4); add --album-video FILE.mp4 for one video");
        }
        List<Path> videos = new ArrayList<>();
        Map<String, AlbumTracks.Track> taken = new HashMap<>();
        for (AlbumTracks.Track track : tracks) {
            String name = safeName(track.title()) + ".mp4";
            AlbumTracks.Track earlier = taken.putIfAbsent(name.toLowerCase(Locale.ROOT), track);
            if (earlier != null) {
                throw new UserError("tracks " + earlier.audio() + " and " + track.audio() + " would both be written to "
                        + folder.resolve(name) + "; rename one of them");
            }
            videos.add(folder.resolve(name));
        }
        return videos;
    }

    /**
     * A file name from a track's title: its {@link #printable} characters, of which those that are not allowed or
     * mean something in a path (separators, {@code <>:"|?*}) become {@code _}; leading dots and spaces and trailing
     * dots and spaces are dropped, and the name is cut to {@link #MAX_NAME} characters.
     */
    static String safeName(String title) {
        StringBuilder name = new StringBuilder();
        printable(title).codePoints().forEach(c -> name.appendCodePoint("/\\:*?\"<>|".indexOf(c) >= 0 ? '_' : c));
        String text = name.toString().replaceAll("^[. ]+", "").replaceAll("[. ]+$", "");
        if (text.codePointCount(0, text.length()) > MAX_NAME) {
            text = text.substring(0, text.offsetByCodePoints(0, MAX_NAME)).replaceAll("[. ]+$", "");
        }
        return text.isEmpty() ? "track" : text;
    }

    /**
     * The text without the characters that change how it shows rather than what it says: control characters
     * (C0, DEL, C1), format characters, which hold the bidirectional embeddings, overrides and isolates
     * (U+202A..U+202E, U+2066..U+2069), the direction marks (U+200E, U+200F, U+061C) and the invisible joiners and
     * spaces, line and paragraph separators, and unpaired surrogates. {@code rtl\u202Egnp.mp4} would otherwise
     * show as a PNG file's name.
     */
    static String printable(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(c -> switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> false;
            default -> true;
        }).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    /** Makes the output folder if it is missing (its parent must exist); true if it was made. */
    static boolean makeFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return false;
        }
        Path parent = folder.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UserError("-o folder " + folder + " cannot be made: its folder " + parent + " does not exist");
        }
        Files.createDirectory(folder);
        return true;
    }

    /** Removes a folder this run made, if nothing was written into it (a failure before the first video). */
    static void removeIfEmpty(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(folder);
            }
        } catch (IOException e) {
            // the folder stays; the failure being reported is the one that matters
        }
    }
}
