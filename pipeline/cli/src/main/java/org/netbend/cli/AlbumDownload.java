package org.netbend.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.netbend.assemble.AlbumTrack;
import org.netbend.job.JobResult;
import org.netbend.store.ObjectStore;

/** {@code submit --wait --album-video}: the tracks' videos from the service's store, joined into one. */
final class AlbumDownload {
    private AlbumDownload() { }

    static void join(ObjectStore objects, List<AlbumTracks.Track> tracks, List<JobResult> results, Path albumVideo,
            PrintWriter out) throws Exception {
        List<Path> downloads = new ArrayList<>();
        try {
            List<AlbumTrack> parts = new ArrayList<>();
            for (int i = 0; i < tracks.size(); i++) {
                Path video = OutputFiles.partialFor(albumVideo); // hidden beside the album video, removed below
                downloads.add(video);
                objects.getFile(results.get(i).videoKey(), video);
                parts.add(new AlbumTrack(tracks.get(i).title(), video));
            }
            AlbumVideoFile.write(parts, albumVideo, out);
        } finally {
            for (Path download : downloads) {
                Files.deleteIfExists(download);
            }
        }
    }
}
