package org.netbend.render;

/** Progress of a model download; called from the downloading thread. */
public interface DownloadListener {

    DownloadListener SILENT = new DownloadListener() { };

    /** A file starts (or resumes at {@code alreadyHave} bytes); {@code total} is -1 when unknown. */
    default void started(String file, long alreadyHave, long total) { }

    /** {@code done} of {@code total} bytes of {@code file} are on disk. */
    default void progress(String file, long done, long total) { }

    /** The file is complete and verified. */
    default void finished(String file, long total) { }
}
