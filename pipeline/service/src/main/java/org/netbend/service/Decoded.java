package org.netbend.service;

/**
 * A message of the requests topic that decoded: a job to start ({@code job} set) or a cancel ({@code job} null).
 */
public record Decoded(String jobId, AcceptedJob job) {
    public boolean isCancel() {
        return job == null;
    }
}
