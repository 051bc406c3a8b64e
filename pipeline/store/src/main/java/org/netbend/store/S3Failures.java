package org.netbend.store;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.ServerException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns what the S3 SDK throws into {@link StoreException}s a user can read, and decides what is worth a retry.
 *
 * <p>SDK exceptions carry an HTTP trace with the signed Authorization header, so they are never passed on as a
 * cause: the cause is a {@link Redacted} copy with the message scrubbed of the credentials and the trace dropped.
 */
final class S3Failures {
    private static final Set<String> TRANSIENT_CODES = Set.of("InternalError", "SlowDown", "ServiceUnavailable",
            "RequestTimeout", "RequestTimeTooSkewed");
    private static final Set<String> CREDENTIAL_CODES = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
            "AccessDenied", "InvalidToken", "ExpiredToken");

    private final String store;
    private final String accessKey;
    private final String secretKey;

    S3Failures(String store, String accessKey, String secretKey) {
        this.store = store;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    String store() {
        return store;
    }

    static boolean isMissingObject(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code);
    }

    /** Connection failures, timeouts, throttling and 5xx answers: the next attempt may well succeed. */
    static boolean isTransient(Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof ErrorResponseException er) {
            int status = er.response() == null ? 0 : er.response().code();
            return status >= 500 || status == 429 || TRANSIENT_CODES.contains(er.errorResponse().code());
        }
        if (t instanceof ServerException se) {
            return se.statusCode() >= 500 || se.statusCode() == 429;
        }
        // Local file problems (a missing source file, a full disk) will not go away by waiting.
        return t instanceof IOException && !(t instanceof FileSystemException);
    }

    StoreException plain(String operation, String key, String reason) {
        return new StoreException(store + ": " + operation + " '" + key + "' failed: " + reason);
    }

    StoreException failed(String operation, String key, int attempts, Throwable e) {
        Throwable t = unwrap(e);
        String reason = reason(t);
        String tries = attempts > 1 ? " after " + attempts + " attempts" : "";
        return new StoreException(store + ": " + operation + " '" + key + "' failed" + tries + ": " + reason,
                new Redacted(t, reason));
    }

    /** One line about the failure, safe to log. */
    String reason(Throwable e) {
        Throwable t = unwrap(e);
        String text;
        if (t instanceof ErrorResponseException er) {
            String code = er.errorResponse().code();
            int status = er.response() == null ? 0 : er.response().code();
            text = "S3 error " + code + " (HTTP " + status + ")"
                    + (er.errorResponse().message() == null ? "" : ": " + er.errorResponse().message());
            if (CREDENTIAL_CODES.contains(code)) {
                text += " - check " + S3Settings.ENV_ACCESS_KEY + " and " + S3Settings.ENV_SECRET_KEY;
            }
        } else if (t instanceof ServerException se) {
            text = "server answered HTTP " + se.statusCode();
        } else {
            text = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        }
        return redact(text);
    }

    String redact(String text) {
        String out = text;
        if (secretKey != null) {
            out = out.replace(secretKey, "***");
        }
        if (accessKey != null) {
            out = out.replace(accessKey, "***");
        }
        return out;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Stands in for an SDK exception: same type name and stack, message scrubbed, no HTTP trace, no cause chain. */
    static final class Redacted extends IOException {
        Redacted(Throwable original, String reason) {
            super(original.getClass().getName() + ": " + reason);
            setStackTrace(original.getStackTrace());
        }
    }
}
