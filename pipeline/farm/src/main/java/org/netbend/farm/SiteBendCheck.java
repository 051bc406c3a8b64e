package org.netbend.farm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.netbend.bend.BendSpec;
import org.netbend.bend.SiteBends;
import org.netbend.bend.Target;
import org.netbend.render.ModelLayout;
import org.netbend.render.RuntimeOptions;
import org.netbend.render.site.SiteModels;
import org.netbend.render.site.UnetSites;

/**
 * Checks a request's site bends against the model before anything renders: every site must exist, and channel
 * targets and channel matrices must fit the site's channel count. Names come from the U-Net graph; channel counts
 * from one small CPU run of the U-Net, made only when a bend needs them and then kept per model (one instance
 * serves a CLI command or a service's decode step).
 */
public final class SiteBendCheck {
    private final Map<Path, List<String>> names = new HashMap<>();
    private final Map<Path, Map<String, Integer>> channels = new HashMap<>();

    /**
     * @param modelDir the model folder (diffusers layout)
     * @throws org.netbend.bend.BendSpecException naming the bend, its site and what does not fit
     */
    public void check(List<BendSpec> bends, Path modelDir) {
        if (bends.stream().noneMatch(BendSpec::atSite)) {
            return;
        }
        Path unet = modelDir.resolve(ModelLayout.UNET);
        SiteBends.checkSites(bends, names.computeIfAbsent(unet, SiteBendCheck::readNames));
        if (bends.stream().anyMatch(SiteBendCheck::dependsOnChannels)) {
            SiteBends.checkChannels(bends, channels.computeIfAbsent(unet, SiteBendCheck::probeChannels));
        }
    }

    /** A channel or channel range, or a channel matrix (four equal groups): both fit only some channel counts. */
    private static boolean dependsOnChannels(BendSpec spec) {
        return spec.atSite() && (spec.target() instanceof Target.Channel || spec.target() instanceof Target.Channels
                || SiteBends.mixesChannelGroups(spec));
    }

    private static List<String> readNames(Path unet) {
        try {
            return UnetSites.read(unet).names();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the U-Net graph " + unet + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Integer> probeChannels(Path unet) {
        try (SiteModels models = new SiteModels(unet, RuntimeOptions.cpu().withThreads(1))) {
            return Map.copyOf(models.channels());
        }
    }
}
