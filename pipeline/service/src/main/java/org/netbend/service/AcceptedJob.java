package org.netbend.service;

/**
 * A submission that passed every check, on its way to PLAN: the request's canonical JSON and how to deliver it.
 * A plain record of strings and ints, so Flink serialises it as a POJO.
 *
 * @param jobId       the job's id (the client's, or the request's content id)
 * @param priority    weight when slots choose their next segment
 * @param output      a store key the video is also copied to, or null
 * @param requestJson the request's canonical JSON
 * @param notice      what the service says when it accepts the job (the deprecated spellings the message used), or
 *                    "" for nothing
 */
public record AcceptedJob(String jobId, int priority, String output, String requestJson, String notice) {
    public AcceptedJob {
        notice = notice == null ? "" : notice;
    }

    public AcceptedJob(String jobId, int priority, String output, String requestJson) {
        this(jobId, priority, output, requestJson, "");
    }
}
