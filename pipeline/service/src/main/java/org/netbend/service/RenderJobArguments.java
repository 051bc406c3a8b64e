package org.netbend.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.flink.util.ParameterTool;
import org.netbend.farm.RunOptions;
import org.netbend.job.JobRequest;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;

/**
 * The program arguments of {@link RenderJob}: where the request is, and the {@link RunOptions}. Store settings
 * (S3 endpoint, credentials) are never program arguments: the cluster's processes read them from their own
 * environment, so they stay out of the job graph and the web UI.
 */
record RenderJobArguments(RunOptions options, String requestFile, String jobId) {
    private static final Set<String> KNOWN = Set.of("store", "request", "job", "parallelism", "force", "device",
            "threads", "batch", "cache");
    static final String USAGE = "usage: netbend-job.jar --store DIR|s3://BUCKET/PREFIX (--request FILE.json | --job ID)"
            + " [--parallelism N] [--device cpu|cuda|cuda:N] [--threads N] [--batch N] [--cache DIR] [--force]";

    RenderJobArguments {
        if ((requestFile == null) == (jobId == null)) {
            throw new IllegalArgumentException("give exactly one of --request FILE.json or --job ID; " + USAGE);
        }
        if (jobId != null) {
            new JobKeys(jobId); // rejects ids that are not one safe key segment
        }
    }

    static RenderJobArguments parse(String[] args) {
        ParameterTool parameters = ParameterTool.fromArgs(args);
        for (String key : parameters.toMap().keySet()) {
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException("unknown argument --" + key + "; " + USAGE);
            }
        }
        if (!parameters.has("store")) {
            throw new IllegalArgumentException("--store is missing; " + USAGE);
        }
        RunOptions options = new RunOptions(parameters.get("store"), number(parameters, "parallelism", 1),
                parameters.has("force"), parameters.get("device", "cpu"), number(parameters, "threads", 0),
                number(parameters, "batch", 1), parameters.get("cache", defaultCache()));
        return new RenderJobArguments(options, parameters.get("request"), parameters.get("job"));
    }

    /** The request, checked whole: a bad field is one line naming it. */
    JobRequest loadRequest() throws IOException {
        String json;
        if (requestFile != null) {
            json = Files.readString(Path.of(requestFile), StandardCharsets.UTF_8);
        } else {
            try (ObjectStore store = options.openStore()) {
                String key = new JobKeys(jobId).request();
                json = new String(store.get(key).orElseThrow(() -> new IllegalArgumentException(
                        "no request for job " + jobId + " in " + options.store() + " (" + key + ")")), StandardCharsets.UTF_8);
            }
        }
        JobRequest request = JobRequest.fromJson(json).validated();
        if (jobId != null && !request.jobId().equals(jobId)) {
            throw new IllegalArgumentException("the request stored for job " + jobId + " hashes to " + request.jobId());
        }
        return request;
    }

    private static int number(ParameterTool parameters, String key, int fallback) {
        String text = parameters.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a whole number, got '" + text + "'");
        }
    }

    /** Models live beside the worker's temp files unless the deployment mounts a cache (--cache). */
    private static String defaultCache() {
        return Path.of(System.getProperty("java.io.tmpdir"), "netbend-models").toString();
    }
}
