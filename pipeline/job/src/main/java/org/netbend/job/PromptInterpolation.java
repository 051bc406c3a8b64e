package org.netbend.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How text embeddings blend between timed prompts. Written in JSON by its spelling. */
public enum PromptInterpolation implements Spelled {
    /** linear interpolation. */
    LINEAR("linear"),
    /** spherical interpolation. */
    SLERP("slerp");

    private final String spelling;

    PromptInterpolation(String spelling) {
        this.spelling = spelling;
    }

    @JsonValue
    @Override
    public String spelling() { return spelling; }

    @JsonCreator
    public static PromptInterpolation of(String text) {
        return Spelled.parse(PromptInterpolation.class, "promptInterpolation", text);
    }

    @Override
    public String toString() { return spelling; }
}
