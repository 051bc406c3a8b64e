package org.netbend.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
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
import org.netbend.render.DownloadListener;
import org.netbend.render.ModelResolver;
import org.netbend.render.ModelSource;

/**
 * The first step of the service: every message of the requests topic is decoded and checked here, and a bad one
 * becomes a REJECTED result on a side output. Nothing a client sends can throw out of this function, so a poison
 * message never fails, restarts or stalls the job. Site bends are checked here against the service's model (unknown
 * sites, channel targets and channel matrices that do not fit the site), so they are refused before any slot builds
 * a graph.
 */
final class DecodeFunction extends ProcessFunction<RawRequest, Decoded> {
    static final OutputTag<JobResult> REJECTED = new OutputTag<>("rejected") { };

    private final String storeLocation;
    private final String defaultModel;
    private final Set<String> models;
    private final String modelCache;
    private final String outputPrefix;
    private transient SubmissionDecoder decoder;
    private transient SiteBendCheck sites;

    /**
     * @param modelCache   where the slots find their models (the run options' cache folder)
     * @param outputPrefix where requests may have their video copied
     */
    DecodeFunction(String storeLocation, String defaultModel, Set<String> models, String modelCache,
            String outputPrefix) {
        this.storeLocation = storeLocation;
        this.defaultModel = defaultModel;
        this.models = Set.copyOf(models);
        this.modelCache = modelCache;
        this.outputPrefix = outputPrefix;
    }

    DecodeFunction(String storeLocation, String defaultModel, Set<String> models, String modelCache) {
        this(storeLocation, defaultModel, models, modelCache, OutputKeys.DEFAULT_PREFIX);
    }

    @Override
    public void processElement(RawRequest raw, Context context, Collector<Decoded> out) {
        if (decoder == null) {
            decoder = new SubmissionDecoder(StoreScope.of(storeLocation), defaultModel, models, outputPrefix);
        }
        try {
            ServiceMessage message = decoder.decode(raw.value());
            if (message instanceof Submission s) {
                checkSites(s.request());
                out.collect(new Decoded(s.jobId(), new AcceptedJob(s.jobId(), s.priority(), s.output(),
                        s.request().toJson())));
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
        Path modelDir = new ModelResolver(Path.of(modelCache), DownloadListener.SILENT)
                .resolve(ModelSource.parse(request.model()));
        try {
            sites.check(bends, modelDir);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("bends", e.getMessage(), "request field 'bends': " + e.getMessage());
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
