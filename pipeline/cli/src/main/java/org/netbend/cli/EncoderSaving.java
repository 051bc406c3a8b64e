package org.netbend.cli;

import org.netbend.core.EncoderName;
import org.netbend.farm.NamedEncoders;
import org.netbend.plan.AudioEncoder;
import org.netbend.store.ObjectStore;
import org.netbend.store.Stores;

/** analyze's --save-encoder NAME: the fitted encoder into the store as encoders/NAME.json. */
final class EncoderSaving {
    private EncoderSaving() { }

    /** Refuses a bad name, or --save-encoder without an encoder, before any analysis. */
    static void checkName(String name, boolean encoderChosen) {
        if (!encoderChosen) {
            throw new UserError("--save-encoder needs an encoder: --codes ENCODER (e.g. pca(8)) or --encoder FILE");
        }
        try {
            new EncoderName(name, null);
        } catch (IllegalArgumentException e) {
            throw new UserError("--save-encoder: " + e.getMessage());
        }
    }

    /** Stores it; returns the line to print. */
    static String save(String store, String name, AudioEncoder encoder) throws Exception {
        Environment env = Environment.system();
        try (ObjectStore objects = Stores.open(store != null ? store : env.store(), env.variables())) {
            String key = NamedEncoders.save(objects, name, encoder);
            return "stored the " + encoder.spec() + " encoder as " + key + " in " + objects.describe()
                    + "; reuse it with --codes encoder:" + name;
        }
    }
}
