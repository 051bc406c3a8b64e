package org.netbend.render.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.netbend.core.SiteEdit;
import org.netbend.render.RenderException;
import org.netbend.render.RuntimeOptions;
import org.netbend.render.onnx.OnnxModel;
import org.netbend.render.toy.onnx.OnnxIr.ModelProto;
import org.netbend.render.toy.onnx.OnnxIr.StringStringEntryProto;
import org.netbend.render.toy.onnx.OnnxIr.TensorProto;

/**
 * The U-Net sessions with site edits built in, one per distinct list of edits, built on first use and kept
 * (a slot renders job after job with the same bends). The unbent U-Net is never touched: frames and steps
 * without site bends run the original session.
 *
 * <p>A rewritten model is written to a private temporary folder and opened from there; weights an export
 * keeps in side files (exports over 2 GB) are linked into that folder under their own names, so ONNX Runtime
 * finds them next to the model as usual. Not thread-safe: one render slot uses it.
 */
public final class SiteModels implements AutoCloseable {
    /** Sessions kept; a GPU holds a U-Net per session, so a slot keeps only a few. */
    private static final int KEPT = 3;

    private final Path unetFile;
    private final RuntimeOptions options;
    private final Map<List<SiteEdit>, OnnxModel> sessions = new LinkedHashMap<>();
    // kept; the parsed graph is not (a single-file export holds its weights); volatile: live builds off its loop
    private volatile List<String> names;
    private volatile Map<String, Integer> channels;

    public SiteModels(Path unetFile, RuntimeOptions options) {
        this.unetFile = unetFile;
        this.options = options;
    }

    /**
     * The U-Net graph and its sites, read from the file on each call: only building a rewritten session needs
     * the graph, and a single-file export would otherwise keep its weights on the Java heap for the slot's life.
     */
    public UnetSites sites() {
        try {
            UnetSites sites = UnetSites.read(unetFile);
            names = sites.names();
            return sites;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the U-Net graph " + unetFile + ": " + e.getMessage(), e);
        }
    }

    /** The site names, in U-Net order (the graph is read once for them). */
    public List<String> names() {
        if (names == null) {
            sites();
        }
        return names;
    }

    /** Each site's channel count, found once by a small probe run of the U-Net ({@link SiteProbe#channels}). */
    public Map<String, Integer> channels() {
        if (channels == null) {
            channels = SiteProbe.channels(this);
        }
        return channels;
    }

    /** The session for these edits, built once. */
    public OnnxModel forEdits(List<SiteEdit> edits) {
        OnnxModel built = sessions.get(edits);
        if (built != null) {
            return built;
        }
        built = build(edits);
        if (sessions.size() >= KEPT) {
            List<SiteEdit> oldest = sessions.keySet().iterator().next();
            sessions.remove(oldest).close();
        }
        sessions.put(List.copyOf(edits), built);
        return built;
    }

    /**
     * Builds the session for these edits without keeping it, so another thread can prepare it while frames render
     * (live): it reads none of the kept sessions. The caller hands it to {@link #adopt} or closes it.
     *
     * @throws IllegalArgumentException for an unknown site or a target the site's channels do not fit
     */
    public OnnxModel build(List<SiteEdit> edits) {
        for (SiteEdit edit : edits) {
            if (!names().contains(edit.site())) {
                throw new IllegalArgumentException("unknown site '" + edit.site() + "'; this model's sites: "
                        + String.join(", ", names()));
            }
        }
        Map<String, Integer> counts = edits.stream().anyMatch(SiteModels::needsChannels) ? channels() : Map.of();
        for (SiteEdit edit : edits) {
            if (counts.containsKey(edit.site())) {
                edit.checkChannels(counts.get(edit.site()));
            }
        }
        return open(SiteGraphRewriter.withEdits(sites(), edits, counts), "unet with site bends " + edits.stream()
                .map(SiteEdit::site).toList());
    }

    /**
     * Keeps a session from {@link #build} for these edits and closes every session kept for other edits: one
     * set of site bends at a time (live swaps them at a frame). Call it on the thread that renders.
     */
    public void adopt(List<SiteEdit> edits, OnnxModel session) {
        List<SiteEdit> key = List.copyOf(edits);
        RuntimeException failure = null;
        for (var it = sessions.entrySet().iterator(); it.hasNext(); ) {
            var kept = it.next();
            if (kept.getValue() != session) {
                it.remove();
                try {
                    kept.getValue().close();
                } catch (RuntimeException e) {
                    failure = failure == null ? e : failure;
                }
            }
        }
        sessions.put(key, session);
        if (failure != null) {
            throw failure;
        }
    }

    /** Edits whose graph depends on the site's channel count, or that only fit some counts. */
    private static boolean needsChannels(SiteEdit edit) {
        return edit.fraction() != null || edit.form() == SiteEdit.Form.GROUP_MATRIX || edit.form() == SiteEdit.Form.FIELD
                || edit.lastChannel() >= 0;
    }

    /** Opens a session of {@code model} (e.g. with captured site outputs); the caller closes it. */
    public OnnxModel openRewritten(ModelProto model, String label) {
        return open(model, label);
    }

    /**
     * Writes the model into a private folder, opens it and removes the folder again: the session has read
     * the graph, and weight files it maps stay readable after their links are gone (POSIX unlink semantics).
     */
    private OnnxModel open(ModelProto model, String label) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("netbend-unet-sites-");
            linkExternalData(model, folder);
            Path file = folder.resolve("model.onnx");
            try (var out = Files.newOutputStream(file)) {
                model.writeTo(out);
            }
            return OnnxModel.open(file, label, options);
        } catch (IOException e) {
            throw new RenderException("cannot write the rewritten U-Net: " + e.getMessage(), e);
        } finally {
            deleteQuietly(folder);
        }
    }

    private void linkExternalData(ModelProto model, Path folder) throws IOException {
        Set<String> files = new HashSet<>();
        for (TensorProto t : model.getGraph().getInitializerList()) {
            for (StringStringEntryProto entry : t.getExternalDataList()) {
                if (entry.getKey().equals("location")) {
                    files.add(entry.getValue());
                }
            }
        }
        Path source = unetFile.toAbsolutePath().getParent();
        for (String location : files) {
            Path target = source.resolve(location).normalize();
            if (!target.startsWith(source) || Path.of(location).isAbsolute()) {
                throw new RenderException("the U-Net's external weights '" + location + "' lie outside " + source);
            }
            Path link = folder.resolve(location);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, target);
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary folder left behind is harmless
        }
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (OnnxModel built : sessions.values()) {
            try {
                built.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        sessions.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
