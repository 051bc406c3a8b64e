package org.netbend.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How the initial noise moves from frame to frame (DESIGN section 2). Written in JSON by its spelling. */
public enum NoiseWalk implements Spelled {
    /** the reference code's walk: base noise + w (cos phi A + sin phi B). */
    CODE("code"),
    /** the paper's walk: A sin(2 pi i / k) + B cos(2 pi i / k). */
    PAPER("paper"),
    /** fresh noise for every frame. */
    INDEPENDENT("independent");

    private final String spelling;

    NoiseWalk(String spelling) {
        this.spelling = spelling;
    }

    @JsonValue
    @Override
    public String spelling() { return spelling; }

    @JsonCreator
    public static NoiseWalk of(String text) {
        return Spelled.parse(NoiseWalk.class, "walk", text);
    }

    @Override
    public String toString() { return spelling; }
}
