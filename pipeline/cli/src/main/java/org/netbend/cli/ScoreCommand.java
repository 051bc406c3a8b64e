package org.netbend.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.netbend.assemble.AssembleException;
import org.netbend.assemble.FFmpegLogging;
import org.netbend.assemble.VideoTags;
import org.netbend.score.ScoreException;
import org.netbend.score.ScorePlot;
import org.netbend.score.ScoreReport;
import org.netbend.score.ScoredJob;
import org.netbend.score.Scorer;
import org.netbend.score.VideoScore;
import org.netbend.store.ObjectStore;
import org.netbend.store.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Measure how a rendered video answers its music, per bend.",
        customSynopsis = {"netbend score VIDEO.mp4 [B.mp4] -o SCORE.json [--plot PNG]",
            "                     [--store DIR|s3://BUCKET/PREFIX] [--job-id ID | --job FILE]"},
        description = {"Finds the video's job by the id netbend wrote into it, reads the job's request and "
            + "features from the store and measures each frame's change with OpenCV: per bend, how strongly the "
            + "picture follows its parameter track (correlation and lag); audio onsets seen as change peaks "
            + "(precision, recall, F within one frame); flicker no parameter explains; scene cuts. Two videos "
            + "(each with its own job) are scored side by side. Nothing is rendered."},
        footer = {"", "Examples:",
            "  netbend score drums.mp4 -o score.json --plot score.png",
            "  netbend score hand-picked.mp4 learned.mp4 -o compare.json",
            "  netbend score video.mp4 --store s3://renders/studio --job-id 1a2b3c4d5e6f7a8b \\",
            "      -o score.json"})
public final class ScoreCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;

    @Parameters(arity = "1..2", paramLabel = "VIDEO", description = "One video, or two to compare side by side.")
    List<Path> videos = new ArrayList<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "SCORE.json",
            description = "The scores, with the per-frame change series (JSON).")
    Path output;

    @Option(names = "--plot", paramLabel = "PNG",
            description = "Also plot each video's change against the parameter tracks and the onsets.")
    Path plot;

    @Option(names = "--store", paramLabel = "DIR|s3://BUCKET/PREFIX",
            description = "Where the jobs live. Default: $NETBEND_STORE, else ./netbend-store.")
    String store;

    @Option(names = "--job-id", paramLabel = "ID",
            description = "Score against this job instead of the id in the video (one video only).")
    String jobId;

    @Option(names = "--job", paramLabel = "FILE",
            description = "A job's request.json copied out of a store, with its features.json beside it.")
    Path jobFile;

    @Option(names = "--max-lag", defaultValue = "5", paramLabel = "FRAMES",
            description = "Largest lag searched either way, in frames (default: ${DEFAULT-VALUE}).")
    int maxLag;

    @Override
    public Integer call() throws Exception {
        if ((jobId != null || jobFile != null) && videos.size() > 1) {
            throw new UserError("--job-id and --job name one job; with two videos each is found by its own id");
        }
        if (jobId != null && jobFile != null) {
            throw new UserError("give --job-id or --job, not both");
        }
        if (maxLag < 0 || maxLag > 1000) {
            throw new UserError("--max-lag must be 0..1000 frames, got " + maxLag);
        }
        OutputFiles outputs = new OutputFiles().output("-o", output).output("--plot", plot);
        for (Path video : videos) {
            outputs.input("the video " + video, video);
            if (!Files.isRegularFile(video)) {
                throw new UserError("video " + video + (Files.exists(video) ? " is not a regular file"
                        : " does not exist"));
            }
        }
        if (jobFile != null) {
            outputs.input("the --job file", jobFile);
        }
        outputs.check();
        FFmpegLogging.fatalOnly(); // a file FFmpeg cannot read is named below, in one line
        Environment env = Environment.system();
        Path scratch = Files.createTempDirectory("netbend-score-");
        try {
            List<ScoredJob> jobs = new ArrayList<>();
            List<VideoScore> scores = new ArrayList<>();
            Scorer scorer = new Scorer(org.netbend.score.FrameChanges.DEFAULT_MAX_SIDE, maxLag);
            if (jobFile != null) {
                jobs.add(ScoredJob.fromFile(jobFile));
            } else {
                try (ObjectStore objects = Stores.open(store != null ? store : env.store(), env.variables())) {
                    for (Path video : videos) {
                        jobs.add(ScoredJob.fromStore(objects, jobId != null ? jobId : jobIdOf(video), scratch));
                    }
                }
            }
            for (int i = 0; i < videos.size(); i++) {
                scores.add(scorer.score(videos.get(i), jobs.get(i)));
            }
            OutputFiles.write(output, file -> Files.write(file, ScoreReport.toJson(scores)));
            if (plot != null) {
                OutputFiles.write(plot, file -> ScorePlot.write(scores, jobs, file));
            }
            spec.commandLine().getOut().print(ScoreReport.table(scores));
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s%s%n", output,
                    plot != null ? ", plot " + plot : "");
            return 0;
        } catch (ScoreException e) {
            throw new UserError(e.getMessage());
        } finally {
            try (var files = Files.walk(scratch)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // scratch space in the run folder: the launcher clears it
            }
        }
    }

    /** The job id netbend wrote into the video; one line saying what is wrong otherwise. */
    private static String jobIdOf(Path video) throws ScoreException {
        try {
            var id = VideoTags.jobIdOf(video);
            if (id.isPresent()) {
                return id.get();
            }
            List<String> album = VideoTags.albumJobIdsOf(video);
            if (!album.isEmpty()) {
                throw new ScoreException(video + " is an album video of " + album.size() + " tracks (jobs "
                        + String.join(", ", album) + "): score each track's video, or one with --job-id");
            }
            throw new ScoreException(video + " carries no netbend job id (not written by netbend, or written"
                    + " before videos carried one): give --job-id ID");
        } catch (AssembleException e) {
            throw new ScoreException(video + " is not a video FFmpeg can read");
        }
    }
}
