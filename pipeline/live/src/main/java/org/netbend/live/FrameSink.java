package org.netbend.live;

import java.io.IOException;

/** Where rendered frames go (files, a page); called on the loop's thread, so it must be quick. */
public interface FrameSink {
    FrameSink NONE = frame -> { };

    void accept(LiveFrame frame) throws IOException;
}
