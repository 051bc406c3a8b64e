package org.netbend.farm;

import java.io.IOException;
import java.io.Serializable;

/** Opens the frame generator for a model in a render slot; serialisable because Flink ships it to the slot. */
@FunctionalInterface
public interface GeneratorFactory extends Serializable {

    /**
     * @param model  the request's model text (toy, a folder, hf:REPO@REV)
     * @param device cpu, cuda or cuda:N (already resolved to the slot's GPU)
     */
    FrameGenerator open(String model, RunOptions options, String device) throws IOException;
}
