package org.netbend.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How each frame starts. Written in JSON by its spelling. */
public enum Method implements Spelled {
    /** from noise (a noise walk across the video). */
    TXT2IMG("txt2img"),
    /** from the previous frame (a chain). */
    IMG2IMG("img2img");

    private final String spelling;

    Method(String spelling) {
        this.spelling = spelling;
    }

    @JsonValue
    @Override
    public String spelling() { return spelling; }

    @JsonCreator
    public static Method of(String text) {
        return Spelled.parse(Method.class, "method", text);
    }

    @Override
    public String toString() { return spelling; }
}
