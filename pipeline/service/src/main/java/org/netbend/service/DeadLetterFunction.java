package org.netbend.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.netbend.farm.RunOptions;
import org.netbend.job.JobResult;
import org.netbend.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter rule, before decode: a record of the requests topic is read again only when the job failed and
 * restarted before the checkpoint after it completed. Each read is counted in the store ({@link AttemptCounter},
 * keyed by topic, partition, offset and a digest of the value, so a recreated topic never inherits a count); the
 * read that reaches {@code attempts} answers the record FAILED and passes it on no further, so its offset is
 * committed with the next checkpoint and no single record can hold the service. Deterministic (the count is the
 * number of reads, kept outside Flink's state, which a restart rolls back) and it survives restarts of the service
 * too. Once a checkpoint that covers a record completes, its count is deleted: it will not be read again.
 */
final class DeadLetterFunction extends ProcessFunction<RawRequest, RawRequest>
        implements CheckpointedFunction, CheckpointListener {
    static final OutputTag<JobResult> DEAD = new OutputTag<>("dead-letter") { };
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterFunction.class);

    private final RunOptions options;
    private final int attempts;
    private transient ObjectStore store;
    private transient AttemptCounter counter;
    /** Counts of records read since the last snapshot, then per checkpoint until it completes. */
    private transient List<String> sinceSnapshot;
    private transient TreeMap<Long, List<String>> pending;

    DeadLetterFunction(RunOptions options, int attempts) {
        this.options = options;
        this.attempts = attempts;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        store = options.openStore();
        counter = new AttemptCounter(store);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        sinceSnapshot = new ArrayList<>();
        pending = new TreeMap<>();
    }

    @Override
    public void processElement(RawRequest raw, Context context, Collector<RawRequest> out) throws Exception {
        if (raw.offset() < 0) {
            out.collect(raw); // not from Kafka: nothing to count it by
            return;
        }
        String name = name(raw);
        int read = counter.next(name);
        sinceSnapshot.add(name);
        if (read < attempts) {
            out.collect(raw);
            return;
        }
        LOG.warn("request record {} read {} times, each time followed by a failure of the job: answered FAILED",
                name, read);
        context.output(DEAD, JobResult.failed(DecodeFunction.answerKey(raw), "the service failed " + (read - 1)
                + " times while handling this request (" + raw.topic() + " partition " + raw.partition() + " offset "
                + raw.offset() + "); it is dropped so that it cannot hold the service; please report it"));
    }

    /** {@code TOPIC-PARTITION-OFFSET-DIGEST}: a key segment, one per record. */
    static String name(RawRequest raw) {
        return raw.topic() + "-" + raw.partition() + "-" + raw.offset() + "-" + digest(raw);
    }

    private static String digest(RawRequest raw) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            if (raw.key() != null) {
                sha.update(raw.key().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            sha.update((byte) 0);
            if (raw.value() != null) {
                sha.update(raw.value());
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        pending.put(context.getCheckpointId(), sinceSnapshot);
        sinceSnapshot = new ArrayList<>();
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        Map<Long, List<String>> covered = pending.headMap(checkpointId, true);
        for (List<String> names : covered.values()) {
            for (String name : names) {
                try {
                    counter.forget(name);
                } catch (Exception e) {
                    // A count left behind is harmless: its record's offset is committed and is not read again.
                    LOG.debug("could not delete the attempt count {}: {}", name, e.toString());
                }
            }
        }
        covered.clear();
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
