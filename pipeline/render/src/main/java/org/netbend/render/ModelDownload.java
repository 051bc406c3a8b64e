package org.netbend.render;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Fetches a model into a cache folder and exits: the Kubernetes model Job runs this once, so that render slots
 * mount the weights read-only instead of each downloading them.
 * <pre>java -cp ... org.netbend.render.ModelDownload hf:CompVis/stable-diffusion-v1-4@onnx /var/cache/netbend/models</pre>
 * Prints the folder the model is in; one line on failure, exit 1 (2 for bad arguments).
 */
public final class ModelDownload {
    private ModelDownload() { }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: ModelDownload SOURCE CACHE_DIR   (SOURCE: toy, a folder, or hf:REPO[@REV])");
            System.exit(2);
        }
        try {
            ModelSource source = ModelSource.parse(args[0]);
            Path folder = new ModelResolver(Path.of(args[1]), new DownloadListener() {
                @Override
                public void finished(String file, long total) {
                    System.err.printf(Locale.ROOT, "downloaded %s (%.1f MB)%n", file, total / 1e6);
                }
            }).resolve(source);
            System.out.println(folder);
        } catch (IllegalArgumentException e) {
            System.err.println("ModelDownload: " + e.getMessage());
            System.exit(2);
        } catch (IOException | RuntimeException e) {
            System.err.println("ModelDownload: " + e.getMessage());
            System.exit(1);
        }
    }
}
