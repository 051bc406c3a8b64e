package org.netbend.cli;

import java.io.PrintWriter;
import java.util.Optional;
import org.netbend.service.ServedModels;
import org.netbend.store.ObjectStore;
import org.netbend.store.Stores;

/** The digest of the model a service serves, as it recorded it in its store: submit's job ids hash it, as render's do. */
final class ServiceModel {
    private ServiceModel() { }

    /** The digest, or empty (with a note: the job id then differs from a local render's) when none is recorded. */
    static Optional<String> digest(String storeLocation, Environment env, String model, PrintWriter err)
            throws Exception {
        try (ObjectStore objects = Stores.open(storeLocation, env.variables())) {
            Optional<String> digest = ServedModels.digest(objects, model);
            if (digest.isEmpty()) {
                err.println("netbend: no service has recorded model '" + model + "' in " + objects.describe()
                        + " yet (serve records it when it starts); the job id will not match a local render's");
            }
            return digest;
        }
    }
}
