package org.netbend.service;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.netbend.farm.RenderTopology;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;

/**
 * The job jar's entry point for one render request on a cluster: {@code flink run netbend-job.jar --store S
 * (--request FILE | --job ID) [run options]}, or the main class of an application-mode deployment. The request
 * comes from a file or from the store ({@code jobs/ID/request.json}, as a client or an earlier run left it); the
 * topology is the one {@code netbend render} runs. Segment and DONE events go to the TaskManagers' stdout; frames
 * and the video go to the store.
 *
 * <p>A client that wants the events itself submits the same topology with {@code farm.ClusterRender} instead.
 */
public final class RenderJob {
    private RenderJob() { }

    public static void main(String[] args) throws Exception {
        RenderJobArguments arguments = RenderJobArguments.parse(args);
        JobRequest request = arguments.loadRequest();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<JobEvent> events = RenderTopology.build(env.fromData(request.toJson()).name("request"),
                arguments.options());
        events.filter(event -> event.kind() != JobEvent.Kind.FRAME).name("segments and done")
                .map(RenderJob::describe).name("describe")
                .print();
        env.execute("netbend " + request.jobId());
    }

    static String describe(JobEvent event) {
        return switch (event.kind()) {
            case SEGMENT -> String.format("netbend %s: segment %d of %d done on %s slot %d (%d/%d frames)",
                    event.jobId(), event.segment() + 1, event.segmentCount(), event.taskManager(), event.slot(),
                    event.framesDone(), event.totalFrames());
            case DONE -> "netbend " + event.jobId() + ": done, " + event.totalFrames() + " frames, " + event.detail();
            case FRAME -> "netbend " + event.jobId() + ": frame " + event.frame();
            default -> "netbend " + event.jobId() + ": " + event.kind() + " " + event.detail();
        };
    }
}
