package org.netbend.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.netbend.render.RuntimeOptions;
import org.netbend.render.StableDiffusion;
import org.netbend.render.site.SiteShape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "sites", mixinStandardHelpOptions = true, sortOptions = false,
        header = "List the sites in a model's U-Net where bends can act.",
        description = {"A site bend is written OP@STEPS/SITE[:TARGET]=SOURCE. Each site is listed with the shape "
            + "of its activation (channels x height x width) for one frame. Runs the U-Net once."},
        footer = {"", "Examples:", "  netbend sites --model hf:CompVis/stable-diffusion-v1-4@onnx",
            "  (then a bend at the site 'mid':)",
            "  netbend render song.wav -p \"a forest\" \\",
            "      --bend \"multiply@0-10/mid=rms[1..3]\" -o song.mp4"})
public final class SitesCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;
    @Mixin ModelOptions modelOptions;

    @Option(names = "--size", paramLabel = "WxH", description = "Frame size the shapes are given for (default 512x512).")
    String size;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        int[] widthHeight = Sizes.parse(size);
        int width = widthHeight[0] > 0 ? widthHeight[0] : 512;
        int height = widthHeight[1] > 0 ? widthHeight[1] : 512;
        Environment env = Environment.system();
        Path modelDir = modelOptions.resolve(modelOptions.chosen(env, err), env, err);
        try (StableDiffusion model = StableDiffusion.open(modelDir, RuntimeOptions.cpu())) {
            List<SiteShape> shapes = model.siteShapes(width, height);
            PrintWriter out = spec.commandLine().getOut();
            if (shapes.isEmpty()) {
                throw new UserError("the U-Net in " + modelDir + " has no named blocks (an export without"
                        + " /down_blocks.N/, /mid_block/, /up_blocks.N/ node scopes); only latent bends work with it");
            }
            int nameWidth = shapes.stream().mapToInt(s -> s.site().length()).max().orElse(4);
            out.printf("%-" + nameWidth + "s %s   %s%n", "site", "C x H x W at " + width + "x" + height, "tensor");
            shapes.forEach(s -> out.println(s.describe(nameWidth)));
        }
        return 0;
    }
}
