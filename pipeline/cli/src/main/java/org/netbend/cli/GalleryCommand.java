package org.netbend.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.netbend.bend.BendProgram;
import org.netbend.bend.PromptWeights;
import org.netbend.bend.BendSpec;
import org.netbend.bend.BendValues;
import org.netbend.bend.GallerySweep;
import org.netbend.bend.SiteBends;
import org.netbend.core.LatentBender;
import org.netbend.core.RgbImage;
import org.netbend.render.FrameRequest;
import org.netbend.render.InitialNoise;
import org.netbend.render.PromptMix;
import org.netbend.render.RuntimeOptions;
import org.netbend.render.StableDiffusion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "gallery", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Render a grid of one bend over values (columns) and layers or sites (rows).",
        customSynopsis = {"netbend gallery -p TEXT --bend SPEC --values LIST -o GRID.png",
            "                       [--layers L,L,... | --sites S,S,...] [OPTIONS]"},
        description = {"Like the paper's figures 2-3, to explore a bend before rendering a video. The first "
            + "column has no bend. Write VALUES where the bend's parameter goes."},
        footer = {"", "Examples:",
            "  netbend gallery -p \"3D mesh geometry\" --bend \"rotate-r1@20=VALUES\" \\",
            "      --values 0..2pi:8 --layers 0,10,20,30,40,49 -o grid.png",
            "  netbend gallery -p \"3D mesh geometry\" --bend \"multiply@every/SITE=VALUES\" \\",
            "      --values 0..3:6 --sites down.0,mid,up.2 -o sites.png"})
public final class GalleryCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;
    @Mixin ModelOptions modelOptions;

    @Option(names = {"-p", "--prompt"}, required = true, paramLabel = "TEXT", description = "The prompt of every cell.")
    String prompt;

    @Option(names = "--bend", required = true, paramLabel = "SPEC", description = "A bend with VALUES in place of its parameter.")
    String bend;

    @Option(names = "--values", required = true, paramLabel = "LIST",
            description = "0..2pi:8 (8 values from 0 to 2pi) or 0,1,2.5 (the old 0..2pi/8 still works, with a warning)")
    String values;

    @Option(names = "--layers", split = ",", paramLabel = "L,L,...", description = "One row per layer (default: the spec's layer).")
    List<String> layers = new ArrayList<>();

    @Option(names = "--sites", split = ",", paramLabel = "S,S,...",
            description = "One row per U-Net site (`netbend sites` lists them); the bend says /SITE where it goes.")
    List<String> sites = new ArrayList<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "GRID.png",
            description = "The grid to write: PNG, or JPEG when the name ends in .jpg.")
    Path output;

    @Option(names = "--steps", defaultValue = "50", paramLabel = "N",
            description = "Sampler steps (default: ${DEFAULT-VALUE}).") int steps;
    @Option(names = "--guidance", defaultValue = "7.5", paramLabel = "G",
            description = "Classifier-free guidance (default: ${DEFAULT-VALUE}).") double guidance;
    @Option(names = "--seed", defaultValue = "46", paramLabel = "N",
            description = "Seed, the same for every cell (default: ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--size", paramLabel = "WxH",
            description = "Image size of a render, multiples of 8 (default: the model's).") String size;
    @Option(names = "--cell", defaultValue = "160", paramLabel = "PIXELS",
            description = "Cell size in the grid, pixels (default: ${DEFAULT-VALUE}).") int cell;
    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "ONNX Runtime threads (default: all cores).") int threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        new OutputFiles().output("-o", output).check();
        String format = imageFormat(output);
        String oldCount = BendValues.deprecation(values); // said even when another option is then refused
        if (oldCount != null) {
            err.println("netbend: warning: --values " + oldCount);
        }
        GallerySweep sweep;
        List<List<BendSpec>> specs;
        try {
            sweep = GallerySweep.of(bend, values, layers, sites);
            specs = sweep.parsedCells();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        boolean siteRows = sweep.siteRows();
        List<String> rows = sweep.rows();
        GalleryLimits.check(cell, rows.size(), sweep.values().length + 1);
        GalleryLimits.checkLayers(specs, steps);
        int[] widthHeight = Sizes.parse(size);
        Environment env = Environment.system();
        Path modelDir = modelOptions.resolve(modelOptions.chosen(env, err), env, err);
        int threadCount = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        try (StableDiffusion model = StableDiffusion.open(modelDir, new RuntimeOptions("cpu", threadCount, true,
                RuntimeOptions.cpu().optimizationLevel()))) {
            if (siteRows) {
                try {
                    for (List<BendSpec> row : specs) {
                        SiteBends.checkSites(row, model.sites());
                        SiteBends.checkChannels(row, model.siteModels().channels());
                    }
                } catch (IllegalArgumentException e) {
                    throw new UserError("--sites: " + e.getMessage());
                }
            }
            int width = widthHeight[0] > 0 ? widthHeight[0] : model.info().imageWidth();
            int height = widthHeight[1] > 0 ? widthHeight[1] : model.info().imageHeight();
            RgbImage plain = model.generate(frame(width, height, LatentBender.NONE, null));
            RgbImage[][] cells = new RgbImage[rows.size()][sweep.values().length + 1];
            ProgressBar bar = new ProgressBar(err, System.console() != null, "gallery");
            int done = 0;
            for (int r = 0; r < rows.size(); r++) {
                cells[r][0] = plain;
                for (int c = 0; c < sweep.values().length; c++) {
                    BendSpec spec = specs.get(r).get(c);
                    BendProgram program = BendProgram.compile(List.of(spec));
                    double[][] params = {constants(spec)};
                    LatentBender bender = program.forFrame(seed, 0, params);
                    // a code-prompts bend chooses the cell's prompt mix; other bends keep -p
                    cells[r][c + 1] = model.generate(frame(width, height, bender, program.promptWeights(params)));
                    bar.update(++done, rows.size() * sweep.values().length);
                }
            }
            bar.finish();
            String shown = sweep.shown(!layers.isEmpty());
            java.awt.image.BufferedImage grid = GalleryGrid.draw("\"" + prompt + "\"   " + shown + "   values "
                    + values, sweep.rowLabels(), sweep.columnLabels(), cells, cell);
            OutputFiles.write(output, file -> ImageIO.write(grid, format, file.toFile()));
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %d %s x %d values%n", output, rows.size(),
                siteRows ? "sites" : "layers", sweep.values().length);
        return 0;
    }

    private FrameRequest frame(int width, int height, LatentBender bender, PromptWeights weights) {
        PromptMix mix = weights == null ? PromptMix.of(prompt) : PromptMix.weighted(weights.prompts(), weights.weights());
        return new FrameRequest(mix, "", steps, guidance, seed, 0, width, height,
                InitialNoise.independent(), bender, null, 0.5, "ddim");
    }

    /** A gallery bend's sources are constants by construction; PLAN is not involved. */
    private static double[] constants(BendSpec spec) {
        return spec.sources().stream()
                .mapToDouble(s -> s instanceof org.netbend.core.ParameterSource.Constant c ? c.value() : 0.0)
                .toArray();
    }

    /** The image format the output's name asks for; any other name is refused before a cell renders. */
    static String imageFormat(Path output) {
        String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return "png";
        }
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "jpg";
        }
        throw new UserError("--output must end in .png or .jpg, got " + output);
    }
}
