package org.netbend.assemble;

import java.util.List;

/** An album video as read back once it was written: what the file holds and its chapters, one per track. */
public record AlbumVideo(VideoInfo info, List<Chapter> chapters) {
    public AlbumVideo {
        chapters = List.copyOf(chapters);
    }
}
