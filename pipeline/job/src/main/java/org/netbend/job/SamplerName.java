package org.netbend.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The diffusion sampler. Written in JSON by its spelling. */
public enum SamplerName implements Spelled {
    /** DDIM, eta 0 (the paper's). */
    DDIM("ddim"),
    /** Euler (discrete, as diffusers' EulerDiscreteScheduler). */
    EULER("euler"),
    /** Euler ancestral: fresh keyed noise at every step. */
    EULER_ANCESTRAL("euler-ancestral"),
    /** DPM-Solver++ 2M (multistep). */
    DPMPP_2M("dpm++2m"),
    /** DPM-Solver++ 2M with Karras sigmas. */
    DPMPP_2M_KARRAS("dpm++2m-karras"),
    /** Latent consistency (LCM-distilled models, 2 to 8 steps). */
    LCM("lcm");

    private final String spelling;

    SamplerName(String spelling) {
        this.spelling = spelling;
    }

    @JsonValue
    @Override
    public String spelling() { return spelling; }

    /** The canonical spelling, or an alias from ComfyUI, A1111 or diffusers ({@link SamplerAliases}). */
    @JsonCreator
    public static SamplerName of(String text) {
        return SamplerAliases.find(text).orElseThrow(() -> new InvalidRequestException("scheduler", "must be one of "
                + java.util.Arrays.stream(values()).map(SamplerName::spelling)
                        .collect(java.util.stream.Collectors.joining(", "))
                + " (or a ComfyUI/A1111 name such as dpmpp_2m, 'DPM++ 2M Karras', 'Euler a'), got '"
                + Echo.safe(text) + "'"));
    }

    @Override
    public String toString() { return spelling; }
}
