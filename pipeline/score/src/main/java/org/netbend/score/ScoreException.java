package org.netbend.score;

/** A video or job that cannot be scored; the message is one line naming the problem. */
public final class ScoreException extends Exception {
    public ScoreException(String message) {
        super(message);
    }
}
