package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.groups.AbstractMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.junit.jupiter.api.Test;

/** A job's gauges carry its id in a label of netbend's own, never in Prometheus's reserved "job" label. */
class JobMetricsTest {

    @Test
    void theJobIdIsTheNetbendJobLabelAndTheSeriesNameStays() {
        MetricGroup operator = UnregisteredMetricGroups.createUnregisteredOperatorMetricGroup();
        MetricGroup job = AssembleFunction.jobMetrics(operator, "drums-v1");

        Map<String, String> labels = job.getAllVariables();
        assertEquals("drums-v1", labels.get("<netbend_job>"), "the Prometheus reporter's label netbend_job: " + labels);
        assertFalse(labels.containsKey("<job>"), "no label named job: " + labels);
        // The Prometheus reporter names a series by the group's logical scope and the metric's name.
        String scope = ((AbstractMetricGroup<?>) job).getLogicalScope(name -> name, '_');
        assertEquals(((AbstractMetricGroup<?>) operator).getLogicalScope(name -> name, '_') + "_netbend_job", scope,
                "series ..._operator_netbend_job_framesDone, as before the rename");
    }
}
