package org.netbend.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.netbend.job.Submission;

/**
 * The album id an album's requests carry ({@code album} on the wire): the same on each track, so {@code jobs} and
 * the studio show the tracks as one group. It hashes the tracks' job ids, so sending the same album again gives
 * the same id; it is a label, outside the request and its job id.
 */
final class AlbumLabel {
    private AlbumLabel() { }

    static List<Submission> label(List<Submission> tracks) {
        String id = of(tracks.stream().map(Submission::jobId).toList());
        return tracks.stream().map(track -> track.inAlbum(id)).toList();
    }

    static String of(List<String> jobIds) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", jobIds).getBytes(StandardCharsets.UTF_8));
            return "album-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
