package org.netbend.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.netbend.render.ModelResolver;
import org.netbend.render.ModelSource;
import picocli.CommandLine.Option;

/** --model and --cache, shared by render and gallery; resolves the model before any work starts. */
final class ModelOptions {
    @Option(names = "--model", paramLabel = "toy|DIR|hf:REPO[@REV]",
            description = "The Stable Diffusion model (ONNX, diffusers layout). Default: $NETBEND_MODEL, else the toy model.")
    String model;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Where models are kept. Default: $NETBEND_CACHE, else ~/.cache/netbend.")
    Path cache;

    /** The model text to use, telling the user once when it falls back to the toy model. */
    String chosen(Environment env, PrintWriter err) {
        return chosen(model, env, err);
    }

    /** The same choice for a command that only names the model ({@code submit}: the service has it). */
    static String chosen(String model, Environment env, PrintWriter err) {
        if (model != null) {
            return model;
        }
        if (env.model() != null) {
            return env.model();
        }
        err.println("netbend: using the built-in toy model (fast, not Stable Diffusion). For real images pass "
                + "--model hf:CompVis/stable-diffusion-v1-4@onnx or --model DIR, or set NETBEND_MODEL.");
        return "toy";
    }

    Path cacheDir(Environment env) {
        return cache != null ? cache : env.cacheDir();
    }

    /** Downloads or generates the model if needed, with progress, and returns its folder. */
    Path resolve(String chosen, Environment env, PrintWriter err) throws IOException {
        ModelSource source;
        try {
            source = ModelSource.parse(chosen);
        } catch (IllegalArgumentException e) {
            throw new UserError("--model: " + e.getMessage());
        }
        return new ModelResolver(cacheDir(env).resolve("models"), new DownloadProgress(err)).resolve(source);
    }
}
