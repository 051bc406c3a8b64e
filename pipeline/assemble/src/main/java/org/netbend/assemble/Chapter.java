package org.netbend.assemble;

/** A chapter of a video: its title and where it starts and ends, in seconds from the start. */
public record Chapter(String title, double startSeconds, double endSeconds) {
}
