package org.netbend.farm;

/** How a render slot chooses its next segment among those it holds. */
public enum SlotOrder {
    /** Round-robin across jobs, weighted by priority ({@link FairQueue}): what netbend does. */
    FAIR,
    /** First in, first out, whatever the job: the baseline the service benchmark compares with. */
    FIFO
}
