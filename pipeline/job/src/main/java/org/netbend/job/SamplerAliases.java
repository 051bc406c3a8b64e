package org.netbend.job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The sampler names artists bring from ComfyUI ({@code dpmpp_2m}, {@code euler_ancestral}), AUTOMATIC1111
 * ({@code DPM++ 2M Karras}, {@code Euler a}) and diffusers ({@code EulerDiscreteScheduler}): the one table of
 * them. Names are compared without case, spaces, '_' and '-', so {@code DPM++ 2M karras} and {@code dpmpp_2m_karras}
 * are one name. A request records the canonical name ({@link SamplerName#spelling()}), so an alias and the
 * canonical name give the same job id.
 */
public final class SamplerAliases {
    /** Alias as the other tools spell it, to the sampler; the JSON Schema lists the same spellings. */
    public static final Map<String, SamplerName> SPELLINGS;

    static {
        Map<String, SamplerName> table = new LinkedHashMap<>();
        table.put("DDIM", SamplerName.DDIM);
        table.put("DDIMScheduler", SamplerName.DDIM);
        table.put("Euler", SamplerName.EULER);
        table.put("EulerDiscreteScheduler", SamplerName.EULER);
        table.put("euler_ancestral", SamplerName.EULER_ANCESTRAL);
        table.put("Euler a", SamplerName.EULER_ANCESTRAL);
        table.put("EulerAncestralDiscreteScheduler", SamplerName.EULER_ANCESTRAL);
        table.put("dpmpp_2m", SamplerName.DPMPP_2M);
        table.put("DPM++ 2M", SamplerName.DPMPP_2M);
        table.put("DPMSolverMultistepScheduler", SamplerName.DPMPP_2M);
        table.put("dpmpp_2m_karras", SamplerName.DPMPP_2M_KARRAS);
        table.put("DPM++ 2M Karras", SamplerName.DPMPP_2M_KARRAS);
        table.put("LCM", SamplerName.LCM);
        table.put("LCMScheduler", SamplerName.LCM);
        SPELLINGS = Collections.unmodifiableMap(table);
    }

    private static final Map<String, SamplerName> BY_KEY = new LinkedHashMap<>();

    static {
        for (SamplerName name : SamplerName.values()) {
            BY_KEY.put(key(name.spelling()), name);
        }
        SPELLINGS.forEach((alias, name) -> {
            SamplerName before = BY_KEY.put(key(alias), name);
            if (before != null && before != name) {
                throw new IllegalStateException("alias '" + alias + "' names two samplers");
            }
        });
    }

    private SamplerAliases() { }

    /** The sampler a canonical name or an alias names. */
    public static Optional<SamplerName> find(String text) {
        return text == null ? Optional.empty() : Optional.ofNullable(BY_KEY.get(key(text)));
    }

    private static String key(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", "");
    }
}
