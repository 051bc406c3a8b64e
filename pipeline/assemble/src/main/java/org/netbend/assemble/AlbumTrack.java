package org.netbend.assemble;

import java.nio.file.Path;

/** One track of an album video: its finished video (H.264 + AAC) and the title its chapter gets. */
public record AlbumTrack(String title, Path video) {
    public AlbumTrack {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("an album track needs a title");
        }
        if (video == null) {
            throw new IllegalArgumentException("album track '" + title + "' has no video");
        }
    }
}
