package org.netbend.render;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where a model comes from: the generated toy model, a local folder in the diffusers ONNX layout, or a
 * Hugging Face repository ({@code hf:CompVis/stable-diffusion-v1-4@onnx}; revision {@code main} by default).
 */
public record ModelSource(Kind kind, String folder, String repository, String revision) implements Serializable {

    public enum Kind { TOY, FOLDER, HUGGING_FACE }

    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");

    public ModelSource {
        if (kind == null) {
            throw new IllegalArgumentException("model source kind must not be null");
        }
    }

    /**
     * Parses {@code toy}, {@code hf:OWNER/NAME[@REVISION]} or a folder path.
     *
     * @throws IllegalArgumentException naming what is wrong with the text
     */
    public static ModelSource parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("model must be 'toy', a folder, or hf:OWNER/NAME[@REVISION]; got nothing");
        }
        String s = text.strip();
        if (s.equals("toy")) {
            return new ModelSource(Kind.TOY, null, null, null);
        }
        if (s.startsWith("hf:")) {
            String spec = s.substring(3);
            String repo = spec;
            String revision = "main";
            int at = spec.indexOf('@');
            if (at >= 0) {
                repo = spec.substring(0, at);
                revision = spec.substring(at + 1);
                if (!REVISION.matcher(revision).matches() || revision.contains("..")) {
                    throw new IllegalArgumentException("model '" + s + "': revision '" + revision
                            + "' is not a branch, tag or commit name");
                }
            }
            if (!REPO.matcher(repo).matches() || repo.contains("..")) {
                throw new IllegalArgumentException("model '" + s + "': '" + repo
                        + "' is not a Hugging Face repository id (expected OWNER/NAME, e.g. CompVis/stable-diffusion-v1-4)");
            }
            return new ModelSource(Kind.HUGGING_FACE, null, repo, revision);
        }
        return new ModelSource(Kind.FOLDER, s, null, null);
    }

    public static ModelSource toy() { return parse("toy"); }

    public static ModelSource folder(Path dir) { return new ModelSource(Kind.FOLDER, dir.toString(), null, null); }

    public boolean isToy() { return kind == Kind.TOY; }

    @Override
    public String toString() {
        return switch (kind) {
            case TOY -> "toy";
            case FOLDER -> folder;
            case HUGGING_FACE -> "hf:" + repository + "@" + revision;
        };
    }
}
