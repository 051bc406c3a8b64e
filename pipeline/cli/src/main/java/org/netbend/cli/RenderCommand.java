package org.netbend.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.netbend.assemble.AlbumTrack;
import org.netbend.bend.BendParser;
import org.netbend.bend.BendSpec;
import org.netbend.bend.IdentityPeaks;
import org.netbend.farm.ClusterRender;
import org.netbend.farm.LocalProgress;
import org.netbend.farm.LocalRender;
import org.netbend.farm.RunOptions;
import org.netbend.farm.SiteBendCheck;
import org.netbend.farm.StoredVideo;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;
import org.netbend.job.PreviewSettings;
import org.netbend.plan.AudioInfo;
import org.netbend.render.ModelIdentity;
import org.netbend.store.ObjectStore;
import org.netbend.store.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Render a music-reactive video from a track, or an album from several.",
        customSynopsis = {"netbend render AUDIO -p TEXT -o OUT.mp4 [--bend SPEC]... [OPTIONS]",
            "       netbend render AUDIO... | FOLDER -o DIR [--album-video FILE.mp4]",
            "                      [OPTIONS]"},
        description = {"Runs PLAN -> RENDER -> ASSEMBLE as a Flink job on an embedded MiniCluster. Frames, "
            + "features and the video are kept in the store; running the same request again finishes from the "
            + "store. An album is one Flink job with one job per track, all sharing the render slots; -o names a "
            + "folder."},
        footer = {"", "Examples:",
            "  netbend render drums.wav -p \"3D mesh geometry\" \\",
            "      --bend \"rotate-r1@40=rms[0..2pi]\" -o drums.mp4",
            "  netbend render song.flac -p \"forest\" --prompt-at 30=\"city at night\" \\",
            "      --bend \"add@0-10=flux[0..2]\" -o song.mp4",
            "  netbend render album/ --job configs/presets/paper-piano-mesh-r1.yaml \\",
            "      -o videos --album-video album.mp4"})
public final class RenderCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;
    @Mixin ModelOptions modelOptions;

    @Mixin TrackOptions track;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.mp4|DIR",
            description = "The video to write; for several tracks (or a folder) a folder, one DIR/<track>.mp4 each.")
    Path output;

    @Option(names = "--album-video", paramLabel = "FILE.mp4",
            description = "Also join the tracks' videos in order (stream copy) with one chapter per track.")
    Path albumVideo;

    @Option(names = "--store", paramLabel = "DIR|s3://BUCKET/PREFIX",
            description = "Where frames and results live. Default: $NETBEND_STORE, else ./netbend-store.")
    String store;

    @Option(names = "--parallelism", defaultValue = "1", paramLabel = "N", description = "Render slots (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--batch", defaultValue = "1", paramLabel = "N", description = "txt2img frames per U-Net call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "ONNX Runtime threads per slot (default: cores / parallelism).")
    int threads;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|cuda[:N]", description = "cpu, cuda or cuda:N (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--force", description = "Render again even if frames are already in the store.")
    boolean force;

    @Option(names = "--frames", defaultValue = "png", paramLabel = "png|none",
            description = {"Keep every frame in the store as PNG (png, the default), or only the video chunks",
                "(none: less work and space per frame; an interrupted render resumes per segment)."})
    String frames;

    @Option(names = "--preview", arity = "0..1", fallbackValue = "", paramLabel = "EVERY[,STEPS[,WxH]]",
            description = "A quick preview instead, a job of its own: every EVERY-th frame (default "
                + PreviewSettings.DEFAULT_EVERY + "), STEPS steps (default a quarter), WxH (default the render's). "
                + "Write it as --preview=4,12.")
    String preview;

    @Option(names = "--cluster", paramLabel = "HOST:PORT",
            description = "Submit to this Flink cluster's REST address (see deploy/standalone) instead of an embedded one.")
    String cluster;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        keepFrames(); // a bad --frames value is refused before any work
        Environment env = Environment.system();
        AlbumTracks tracks = track.tracks();
        AlbumChecks.refuseTrackOptions(spec.commandLine().getParseResult(), tracks, "--stem", "--midi");
        List<AlbumTracks.Track> list = tracks.tracks();
        List<Path> outputs = tracks.album() ? AlbumOutputs.of(output, list) : List.of(output);
        String model = modelOptions.chosen(env, err);
        List<TrackOptions.TrackRequest> built = track.requests(list, model, err);
        List<AudioInfo> infos = built.stream().map(TrackOptions.TrackRequest::info).toList();
        List<JobRequest> requests = new ArrayList<>(built.stream().map(TrackOptions.TrackRequest::request).toList());
        List<SourceFiles> sources = built.stream().map(TrackOptions.TrackRequest::sources).toList();
        if (preview != null) {
            requests.replaceAll(PreviewLine.settings(preview)::apply); // another request, so another job
        }
        infos.forEach(Preflight::audio);
        if (!tracks.album()) {
            checkOutputs(list, sources, outputs);
        }
        Preflight.parallelism(parallelism);
        for (JobRequest request : requests) {
            Preflight.memory(request.width(), request.height(), "toy".equals(model), parallelism, batch);
        }
        Path modelDir = modelOptions.resolve(model, env, err);
        String digest = ModelIdentity.of(modelDir).sha256();
        requests.replaceAll(request -> request.withModelDigest(digest)); // the job id follows the model's files
        try (ObjectStore objects = Stores.open(store != null ? store : env.store(), env.variables())) {
            requests.replaceAll(request -> EncoderPins.pinned(objects, request)); // and a named encoder's content
        }
        SiteBendCheck sites = new SiteBendCheck(); // one for the album: the model's sites are read once
        for (JobRequest request : requests) {
            checkSites(sites, request, modelDir);
        }
        AlbumChecks.distinctJobs(list, requests);
        if (albumVideo != null) {
            AlbumChecks.joinable(list, infos, requests);
        }
        boolean made = tracks.album() && AlbumOutputs.makeFolder(output);
        try {
            if (tracks.album()) {
                checkOutputs(list, sources, outputs);
            }
            for (int i = 0; i < list.size(); i++) {
                String track = tracks.album() ? Shown.value(list.get(i).title()) + ": " : "";
                err.println(built.get(i).bendsLine().replaceFirst("netbend: ", "netbend: " + track));
                for (String note : IdentityPeaks.notes(requests.get(i).bends().stream().map(BendParser::parse)
                        .toList())) {
                    err.println("netbend: " + track + "note: " + note);
                }
                TrackOptions.noteUnread(requests.get(i), list.get(i), tracks.album(), err); // once all checks passed
                PreviewLine.print(requests.get(i), track, err);
            }
            int code = render(list, sources, infos, requests, outputs, tracks.album(), env, err);
            if (code != 0) {
                if (made) {
                    AlbumOutputs.removeIfEmpty(output);
                }
                return code;
            }
        } catch (Exception | Error e) {
            if (made) {
                AlbumOutputs.removeIfEmpty(output); // only the folder this run made, and only while it is empty
            }
            throw e;
        }
        return 0;
    }

    /** @return the exit code: 0 when every video was written, 1 when the render was cancelled */
    private int render(List<AlbumTracks.Track> list, List<SourceFiles> sources, List<AudioInfo> infos,
            List<JobRequest> requests, List<Path> outputs, boolean album, Environment env, PrintWriter err)
            throws Exception {
        String storeLocation = store != null ? store : env.store();
        try (ObjectStore objects = Stores.open(storeLocation, env.variables())) {
            Preflight.store(objects, requests.get(0).jobId());
            for (int i = 0; i < list.size(); i++) {
                if (!objects.exists(requests.get(i).audioKey())) {
                    objects.putFile(requests.get(i).audioKey(), list.get(i).audio());
                }
                sources.get(i).upload(objects);
            }
            StopNote.set("The frames rendered so far stay in " + objects.describe() + (album ? "" : " (job "
                    + requests.get(0).jobId() + ")") + "; running the same command again resumes from them.");
            RunOptions run = new RunOptions(storeLocation, parallelism, force, device, threads, batch,
                    modelOptions.cacheDir(env).resolve("models").toString()).withKeepFrames(keepFrames());
            Map<String, JobEvent> done = force ? Map.of() : finished(objects, requests);
            if (!done.isEmpty()) {
                err.printf(Locale.ROOT, "netbend: %s finished in %s; the video comes from the store, nothing renders%n",
                        done.size() == 1 ? "job " + requests.get(0).jobId() + " is" : "all " + done.size() + " jobs are",
                        objects.describe());
            } else {
                try {
                    done = album ? renderAlbum(list, infos, requests, run, objects, err)
                            : renderOne(infos.get(0), requests.get(0), run, objects, err);
                } catch (Exception e) {
                    if (!ServeCommand.cancelled(e)) {
                        throw e;
                    }
                    // Cancelled through Flink's REST API (the embedded cluster's, on loopback, or the session
                    // cluster's): a deliberate stop, not a failure of netbend.
                    err.println("netbend: the render was cancelled through Flink's REST API; the frames rendered so "
                            + "far stay in " + objects.describe() + ", and running the same command again resumes "
                            + "from them");
                    return 1;
                }
            }
            for (int i = 0; i < list.size(); i++) {
                JobEvent ended = done.get(requests.get(i).jobId());
                copyVideo(objects, ended.detail(), outputs.get(i));
                spec.commandLine().getOut().println(Summary.of(outputs.get(i), ended));
            }
        }
        if (albumVideo != null) {
            writeAlbumVideo(list, outputs);
        }
        return 0;
    }

    private boolean keepFrames() {
        return switch (frames) {
            case "png" -> true;
            case "none" -> false;
            default -> throw new UserError("--frames must be png or none, got " + Shown.value(frames));
        };
    }

    /** The stored videos' DONE events when every job is finished: then no Flink job is started at all. */
    private static Map<String, JobEvent> finished(ObjectStore objects, List<JobRequest> requests) throws Exception {
        Map<String, JobEvent> done = new HashMap<>();
        for (JobRequest request : requests) {
            Optional<JobEvent> stored = StoredVideo.done(objects, request.jobId());
            if (stored.isEmpty()) {
                return Map.of();
            }
            done.put(request.jobId(), stored.get());
        }
        return done;
    }

    private Map<String, JobEvent> renderOne(AudioInfo info, JobRequest request, RunOptions run, ObjectStore objects,
            PrintWriter err) throws Exception {
        err.printf(Locale.ROOT, "netbend: job %s, %.1f s of audio at %s fps, kept in %s%n", request.jobId(),
                info.durationSeconds(), Numbers.format(request.fps()), objects.describe());
        ProgressBar bar = new ProgressBar(err, System.console() != null, "rendering");
        FrameCounter frames = new FrameCounter(bar);
        JobEvent done;
        try (AutoCloseable live = LocalProgress.subscribe(request.jobId(), frames::frame)) {
            done = cluster == null ? LocalRender.run(request, run, frames::event)
                    : ClusterRender.run(cluster, request, run, frames::event);
        } finally {
            bar.finish();
        }
        return Map.of(request.jobId(), done);
    }

    /** The album as one Flink job: one job per track, all sharing the slots; one bar for the album. */
    private Map<String, JobEvent> renderAlbum(List<AlbumTracks.Track> list, List<AudioInfo> infos,
            List<JobRequest> requests, RunOptions run, ObjectStore objects, PrintWriter err) throws Exception {
        double seconds = infos.stream().mapToDouble(AudioInfo::durationSeconds).sum();
        err.printf(Locale.ROOT, "netbend: album of %d tracks, %.1f s of audio, kept in %s%n", list.size(), seconds,
                objects.describe());
        List<String> ids = requests.stream().map(JobRequest::jobId).toList();
        List<Integer> frames = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JobRequest request = requests.get(i);
            frames.add(request.frameCount((int) Math.ceil(infos.get(i).durationSeconds() * request.fps())));
            err.printf(Locale.ROOT, "netbend: track %d/%d %s: job %s, %.1f s at %s fps%s%n", i + 1, list.size(),
                    Shown.value(list.get(i).title()), request.jobId(), infos.get(i).durationSeconds(),
                    Numbers.format(request.fps()), list.get(i).jobFile() == null ? ""
                            : ", job file " + list.get(i).jobFile());
        }
        AlbumProgress progress = new AlbumProgress(err, System.console() != null, ids,
                list.stream().map(AlbumTracks.Track::title).toList(), frames);
        List<AutoCloseable> live = new ArrayList<>();
        try {
            for (String id : ids) {
                live.add(LocalProgress.subscribe(id, progress::frame));
            }
            return cluster == null ? LocalRender.runAll(requests, run, progress::event)
                    : ClusterRender.runAll(cluster, requests, run, progress::event);
        } finally {
            for (AutoCloseable subscription : live) {
                subscription.close();
            }
            progress.finish();
        }
    }

    private static void checkSites(SiteBendCheck sites, JobRequest request, Path modelDir) {
        List<BendSpec> bends = request.bends().stream().map(BendParser::parse).toList();
        try {
            sites.check(bends, modelDir); // unknown sites and channel targets, before any work
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The video from the store to the user's file, never half written. */
    private static void copyVideo(ObjectStore objects, String key, Path target) throws Exception {
        Path partial = OutputFiles.partialFor(target);
        try {
            objects.getFile(key, partial);
            OutputFiles.publish(partial, target); // with the usual permissions, never over a special file
        } finally {
            Files.deleteIfExists(partial); // never leave half a video next to the output
        }
    }

    private void writeAlbumVideo(List<AlbumTracks.Track> list, List<Path> outputs) throws Exception {
        List<AlbumTrack> parts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            parts.add(new AlbumTrack(list.get(i).title(), outputs.get(i)));
        }
        AlbumVideoFile.write(parts, albumVideo, spec.commandLine().getOut());
    }

    private void checkOutputs(List<AlbumTracks.Track> list, List<SourceFiles> sources, List<Path> outputs) {
        if (outputs.size() == 1 && !mp4(outputs.get(0))) {
            throw new UserError("--output must end in .mp4, got " + outputs.get(0));
        }
        if (albumVideo != null && !mp4(albumVideo)) {
            throw new UserError("--album-video must end in .mp4, got " + albumVideo);
        }
        OutputFiles files = new OutputFiles();
        for (int i = 0; i < list.size(); i++) {
            files.input(list.size() == 1 ? "the input audio" : "the audio of track " + (i + 1), list.get(i).audio());
            sources.get(i).asInputs(files); // never over a stem or the MIDI file
        }
        for (int i = 0; i < outputs.size(); i++) {
            files.output(outputs.size() == 1 ? "--output" : "the video of track " + (i + 1), outputs.get(i));
        }
        files.output("--album-video", albumVideo).check();
    }

    private static boolean mp4(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mp4");
    }
}
