package org.netbend.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.netbend.assemble.AlbumJoiner;
import org.netbend.assemble.AlbumTrack;
import org.netbend.assemble.AlbumVideo;

/** {@code --album-video FILE.mp4}: the tracks' videos joined in order, one chapter each, written as outputs are. */
final class AlbumVideoFile {
    private AlbumVideoFile() { }

    static void write(List<AlbumTrack> tracks, Path file, PrintWriter out) throws Exception {
        AlbumVideo[] album = new AlbumVideo[1];
        OutputFiles.write(file, partial -> album[0] = AlbumJoiner.join(tracks, partial));
        out.printf(Locale.ROOT, "wrote %s: %d frames, %d chapters, %.2f s%n", file, album[0].info().frameCount(),
                album[0].chapters().size(), album[0].info().durationSeconds());
    }
}
