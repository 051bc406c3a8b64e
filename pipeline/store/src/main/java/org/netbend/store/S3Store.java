package org.netbend.store;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.netbend.core.FreshFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store in a bucket of any S3 API server (MinIO, SeaweedFS, Ceph RGW, Garage, AWS S3), through the MinIO Java
 * SDK. Key {@code k} is the object {@code prefix/k}. A single PUT is atomic in S3, so readers never see half an
 * object. Every operation retries connection failures and 5xx answers with exponential backoff
 * ({@link RetryPolicy}); S3 writes of the same key are idempotent, so a retry after a lost answer is harmless.
 */
public final class S3Store implements ObjectStore {
    private static final Logger LOG = LoggerFactory.getLogger(S3Store.class);
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "png", "image/png", "json", "application/json", "mp4", "video/mp4", "wav", "audio/wav");

    private final S3Settings settings;
    private final OkHttpClient http;
    private final MinioClient client;
    private final S3Failures failures;
    private final Retrier retrier;

    private S3Store(S3Settings settings, RetryPolicy retryPolicy) {
        this.settings = settings;
        long timeoutMs = settings.timeout().toMillis();
        this.http = new OkHttpClient.Builder()
                .connectTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .writeTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .build();
        MinioClient.Builder builder = MinioClient.builder()
                .endpoint(settings.endpoint())
                .region(settings.region())
                .httpClient(http, true);
        if (settings.accessKey() != null) {
            builder.credentials(settings.accessKey(), settings.secretKey());
        }
        this.client = builder.build();
        this.failures = new S3Failures(describe(settings), settings.accessKey(), settings.secretKey());
        this.retrier = new Retrier(retryPolicy, failures, LOG);
    }

    /** Connects with the settings' retry count and the default delays; see {@link #open(S3Settings, RetryPolicy)}. */
    public static S3Store open(S3Settings settings) throws StoreException {
        return open(settings, RetryPolicy.withRetries(settings.maxRetries()));
    }

    /**
     * Connects and checks that the bucket exists (creating it when {@link S3Settings#createBucket()} is set), so
     * wrong credentials or a wrong endpoint show up here, not at the first frame.
     */
    public static S3Store open(S3Settings settings, RetryPolicy retryPolicy) throws StoreException {
        S3Store store = new S3Store(settings, retryPolicy);
        try {
            store.ensureBucket();
        } catch (StoreException | RuntimeException e) {
            store.close();
            throw e;
        }
        LOG.info("Opened {}", store.describe());
        return store;
    }

    public S3Settings settings() {
        return settings;
    }

    @Override
    public void put(String key, byte[] bytes) throws StoreException {
        if (bytes == null) {
            throw new IllegalArgumentException("cannot put null bytes under '" + key + "'");
        }
        String object = objectName(key);
        retrier.run("put", key, () -> client.putObject(PutObjectArgs.builder()
                .bucket(settings.bucket()).object(object)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1)
                .contentType(contentType(key))
                .build()));
    }

    @Override
    public void putFile(String key, Path file) throws StoreException {
        String object = objectName(key);
        if (!Files.isRegularFile(file)) {
            throw failures.plain("put", key, "source file " + file + " does not exist or is not a file");
        }
        retrier.run("put", key, () -> client.uploadObject(UploadObjectArgs.builder()
                .bucket(settings.bucket()).object(object)
                .filename(file.toString())
                .contentType(contentType(key))
                .build()));
    }

    @Override
    public Optional<byte[]> get(String key) throws StoreException {
        String object = objectName(key);
        return retrier.call("get", key, () -> {
            try (GetObjectResponse response = client.getObject(
                    GetObjectArgs.builder().bucket(settings.bucket()).object(object).build())) {
                return Optional.of(response.readAllBytes());
            } catch (ErrorResponseException e) {
                if (S3Failures.isMissingObject(e)) {
                    return Optional.<byte[]>empty();
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<byte[]> head(String key, int bytes) throws StoreException {
        String object = objectName(key);
        return retrier.call("get", key, () -> {
            try (GetObjectResponse response = client.getObject(GetObjectArgs.builder().bucket(settings.bucket())
                    .object(object).offset(0L).length((long) bytes).build())) {
                return Optional.of(response.readNBytes(bytes));
            } catch (ErrorResponseException e) {
                if (S3Failures.isMissingObject(e)) {
                    return Optional.<byte[]>empty();
                }
                throw e;
            }
        });
    }

    @Override
    public boolean exists(String key) throws StoreException {
        String object = objectName(key);
        return retrier.call("exists", key, () -> {
            try {
                client.statObject(StatObjectArgs.builder().bucket(settings.bucket()).object(object).build());
                return true;
            } catch (ErrorResponseException e) {
                if (S3Failures.isMissingObject(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public void getFile(String key, Path target) throws StoreException {
        String object = objectName(key);
        Path folder = target.toAbsolutePath().getParent();
        boolean found = retrier.call("get", key, () -> {
            Files.createDirectories(folder);
            Path temp = FreshFiles.create(folder, ".download-", ".tmp");
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(settings.bucket()).object(object).build())) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (ErrorResponseException e) {
                if (S3Failures.isMissingObject(e)) {
                    return false;
                }
                throw e;
            } finally {
                Files.deleteIfExists(temp);
            }
        });
        if (!found) {
            throw failures.plain("get", key, "no such object");
        }
    }

    @Override
    public List<String> list(String prefix) throws StoreException {
        StoreKeys.requireValidPrefix(prefix);
        String full = settings.prefix().isEmpty() ? prefix : settings.prefix() + "/" + prefix;
        int strip = settings.prefix().isEmpty() ? 0 : settings.prefix().length() + 1;
        // The SDK follows the continuation tokens (1000 keys a page); a retry restarts the listing from the top.
        return retrier.call("list", prefix, () -> {
            List<String> keys = new ArrayList<>();
            Iterable<Result<Item>> results = client.listObjects(ListObjectsArgs.builder()
                    .bucket(settings.bucket()).prefix(full).recursive(true).build());
            for (Result<Item> result : results) {
                Item item = result.get();
                if (!item.isDir()) {
                    keys.add(item.objectName().substring(strip));
                }
            }
            Collections.sort(keys);
            return keys;
        });
    }

    @Override
    public void delete(String key) throws StoreException {
        String object = objectName(key);
        retrier.run("delete", key, () -> client.removeObject(
                RemoveObjectArgs.builder().bucket(settings.bucket()).object(object).build()));
    }

    /** A presigned GET, signed locally with the store's credentials (no request to the server). */
    @Override
    public Optional<String> presignedUrl(String key, Duration expiry) throws StoreException {
        String object = objectName(key);
        int seconds = (int) Math.max(1, Math.min(expiry.toSeconds(), TimeUnit.DAYS.toSeconds(7)));
        return Optional.of(retrier.call("presign", key, () -> client.getPresignedObjectUrl(
                GetPresignedObjectUrlArgs.builder().method(Method.GET).bucket(settings.bucket()).object(object)
                        .expiry(seconds, TimeUnit.SECONDS).build())));
    }

    @Override
    public String describe() {
        return describe(settings);
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            LOG.debug("Closing the S3 client of {} failed: {}", describe(), e.toString());
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return describe();
    }

    private void ensureBucket() throws StoreException {
        String bucket = settings.bucket();
        boolean exists = retrier.call("open bucket", bucket,
                () -> client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()));
        if (exists) {
            return;
        }
        if (!settings.createBucket()) {
            throw failures.plain("open bucket", bucket, "the bucket does not exist (set "
                    + S3Settings.ENV_CREATE_BUCKET + "=true to create it)");
        }
        retrier.run("create bucket", bucket, () -> {
            try {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).region(settings.region()).build());
                LOG.info("Created bucket {} at {}", bucket, settings.endpoint());
            } catch (ErrorResponseException e) {
                // Another slot created it first: that is what we wanted.
                if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
                    throw e;
                }
            }
        });
    }

    private String objectName(String key) {
        return settings.objectName(StoreKeys.requireValidKey(key));
    }

    private static String contentType(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? "application/octet-stream"
                : CONTENT_TYPES.getOrDefault(key.substring(dot + 1).toLowerCase(java.util.Locale.ROOT), "application/octet-stream");
    }

    private static String describe(S3Settings settings) {
        return settings.location() + " at " + settings.endpoint();
    }
}
