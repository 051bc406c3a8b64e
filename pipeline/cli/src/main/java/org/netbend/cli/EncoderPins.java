package org.netbend.cli;

import org.netbend.farm.NamedEncoders;
import org.netbend.job.JobRequest;
import org.netbend.store.ObjectStore;

/** render's and submit's {@code --codes encoder:NAME}: pinned to the stored encoder, a one-line error otherwise. */
final class EncoderPins {
    private EncoderPins() { }

    static JobRequest pinned(ObjectStore store, JobRequest request) {
        try {
            return NamedEncoders.pinned(store, request);
        } catch (IllegalArgumentException e) {
            throw new UserError("--codes: " + e.getMessage());
        } catch (java.io.IOException e) {
            throw new UserError("--codes " + request.codes() + ": cannot read the store: " + e.getMessage());
        }
    }
}
