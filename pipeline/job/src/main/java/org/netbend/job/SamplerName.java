package org.netbend.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The diffusion sampler. Written in JSON by its spelling. */
public enum SamplerName implements Spelled {
    /** DDIM, eta 0 (the paper's). */
    DDIM("ddim"),
    /** Euler (discrete, as diffusers' EulerDiscreteScheduler). */
    EULER("euler");

    private final String spelling;

    SamplerName(String spelling) {
        this.spelling = spelling;
    }

    @JsonValue
    @Override
    public String spelling() { return spelling; }

    @JsonCreator
    public static SamplerName of(String text) {
        return Spelled.parse(SamplerName.class, "scheduler", text);
    }

    @Override
    public String toString() { return spelling; }
}
