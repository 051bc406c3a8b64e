package org.netbend.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.netbend.bend.BendParser;
import org.netbend.bend.BendSpec;
import org.netbend.farm.SiteBendCheck;
import org.netbend.job.Cancellation;
import org.netbend.job.InvalidRequestException;
import org.netbend.job.JobIds;
import org.netbend.job.JobRequest;
import org.netbend.job.JobResult;
import org.netbend.job.OutputKeys;
import org.netbend.job.ServiceMessage;
import org.netbend.job.StoreScope;
import org.netbend.job.Submission;
import org.netbend.job.SubmissionDecoder;
import org.netbend.farm.RunOptions;
import org.netbend.render.DownloadListener;
import org.netbend.render.ModelIdentity;
import org.netbend.render.ModelResolver;
import org.netbend.render.ModelSource;
import org.netbend.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of the service: every message of the requests topic is decoded and checked here, and a bad one
 * becomes a REJECTED result on a side output. Nothing a client sends can throw out of this function, so a poison
 * message never fails, restarts or stalls the job. Site bends are checked here against the service's model (unknown
 * sites, channel targets and channel matrices that do not fit the site), so they are refused before any slot builds
 * a graph. The digest of the served model's files enters every request here ({@link ServedModels}): the job id is
 * then the one {@code render} gives the same track with the same files.
 */
final class DecodeFunction extends ProcessFunction<RawRequest, Decoded> {
    static final OutputTag<JobResult> REJECTED = new OutputTag<>("rejected") { };
    private static final Logger LOG = LoggerFactory.getLogger(DecodeFunction.class);

    private final RunOptions run;
    private final String defaultModel;
    private final Set<String> models;
    private final String outputPrefix;
    private transient SubmissionDecoder decoder;
    private transient SiteBendCheck sites;
    private transient Map<String, String> digests;

    /**
     * @param run          the store and the model cache the slots use
     * @param outputPrefix where requests may have their video copied
     */
    DecodeFunction(RunOptions run, String defaultModel, Set<String> models, String outputPrefix) {
        this.run = run;
        this.defaultModel = defaultModel;
        this.models = Set.copyOf(models);
        this.outputPrefix = outputPrefix;
    }

    DecodeFunction(RunOptions run, String defaultModel, Set<String> models) {
        this(run, defaultModel, models, OutputKeys.DEFAULT_PREFIX);
    }

    /** Records each offered model's digest in the store, for clients that compute job ids ({@code submit}). */
    @Override
    public void open(OpenContext context) throws Exception {
        try (ObjectStore store = run.openStore()) {
            for (String model : models) {
                try {
                    ServedModels.record(store, model, digest(model));
                } catch (IOException | RuntimeException e) {
                    // Clients then compute ids without it (a note says so); the service still fills it in.
                    LOG.warn("could not record the digest of model {}: {}", model, e.getMessage());
                }
            }
        }
    }

    @Override
    public void processElement(RawRequest raw, Context context, Collector<Decoded> out) {
        if (decoder == null) {
            decoder = new SubmissionDecoder(StoreScope.of(run.store()), defaultModel, models, outputPrefix,
                    this::servedDigest);
        }
        try {
            ServiceMessage message = decoder.decode(raw.value());
            if (message instanceof Submission s) {
                checkSites(s.request());
                out.collect(new Decoded(s.jobId(), new AcceptedJob(s.jobId(), s.priority(), s.output(),
                        s.request().toJson(), String.join("; ", s.notices()))));
            } else if (message instanceof Cancellation c) {
                out.collect(new Decoded(c.jobId(), null));
            }
        } catch (InvalidRequestException e) {
            context.output(REJECTED, JobResult.rejected(answerKey(raw), e));
        } catch (IOException e) {
            context.output(REJECTED, JobResult.rejected(answerKey(raw), new InvalidRequestException("model",
                    "could not be opened to check the request's site bends: " + e.getMessage())));
        } catch (RuntimeException e) {
            // A defect of ours must not take the service down with it either: the client hears of it.
            context.output(REJECTED, JobResult.rejected(answerKey(raw), new InvalidRequestException("(message)",
                    "could not be read: " + e)));
        }
    }

    private void checkSites(JobRequest request) throws IOException {
        List<BendSpec> bends = request.bends().stream().map(BendParser::parse).toList();
        if (bends.stream().noneMatch(BendSpec::atSite)) {
            return;
        }
        if (sites == null) {
            sites = new SiteBendCheck();
        }
        Path modelDir = modelDir(request.model());
        try {
            sites.check(bends, modelDir);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("bends", e.getMessage(), "request field 'bends': " + e.getMessage());
        }
    }

    private Path modelDir(String model) throws IOException {
        return new ModelResolver(Path.of(run.cacheDir()), DownloadListener.SILENT).resolve(ModelSource.parse(model));
    }

    /** The content digest of an offered model's files, computed once per model. */
    private String digest(String model) throws IOException {
        if (digests == null) {
            digests = new HashMap<>();
        }
        String known = digests.get(model);
        if (known == null) {
            known = ModelIdentity.of(modelDir(model)).sha256();
            digests.put(model, known);
        }
        return known;
    }

    private String servedDigest(String model) {
        try {
            return digest(model);
        } catch (IOException | RuntimeException e) {
            throw new InvalidRequestException("model", "could not be opened to identify its files: " + e.getMessage());
        }
    }

    /** The key a rejection is answered under: the message's key when it is a valid job id, else "-". */
    static String answerKey(RawRequest raw) {
        try {
            return raw.key() == null ? "-" : JobIds.check("key", raw.key());
        } catch (InvalidRequestException e) {
            return "-";
        }
    }
}
