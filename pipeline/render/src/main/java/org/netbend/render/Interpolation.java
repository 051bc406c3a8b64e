package org.netbend.render;

/** How text embeddings are blended between two prompts. */
public enum Interpolation {
    /** {@code (1 - t) a + t b}. */
    LINEAR,
    /** Spherical: along the great circle from {@code a} to {@code b} (over the whole embedding). */
    SLERP
}
