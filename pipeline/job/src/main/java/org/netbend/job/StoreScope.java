package org.netbend.job;

/**
 * The bucket and prefix a service's store covers: audio named as {@code s3://bucket/key} is accepted only inside
 * them, and becomes a key relative to the prefix. A local store has no bucket, so only relative keys are accepted.
 *
 * @param bucket the store's bucket, or null for a local store
 * @param prefix the store's prefix inside the bucket, without slashes at either end ("" for none)
 */
public record StoreScope(String bucket, String prefix) {
    public StoreScope {
        prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
    }

    /** The scope of a store location as {@code render --store} takes it: a folder or {@code s3://bucket/prefix}. */
    public static StoreScope of(String location) {
        if (location != null && location.startsWith("s3://")) {
            String rest = location.substring("s3://".length());
            int slash = rest.indexOf('/');
            return slash < 0 ? new StoreScope(rest, "") : new StoreScope(rest.substring(0, slash), rest.substring(slash + 1));
        }
        return new StoreScope(null, "");
    }

    /**
     * The key inside this store of the audio a submission names.
     *
     * @throws InvalidRequestException when it lies outside the bucket or prefix, or is not a safe key
     */
    public String audioKey(String field, String location) {
        if (location == null || location.isBlank()) {
            throw new InvalidRequestException(field, "is missing: give audio/{sha256}.{ext} or s3://BUCKET/KEY");
        }
        if (!location.startsWith("s3://")) {
            return StoreKeyCheck.relative(field, location);
        }
        String rest = location.substring("s3://".length());
        int slash = rest.indexOf('/');
        String givenBucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket == null || !bucket.equals(givenBucket)) {
            throw new InvalidRequestException(field, "names bucket '" + Echo.safe(givenBucket) + "'; this service "
                    + "reads audio only from " + (bucket == null ? "its local store (give a key)" : "s3://" + bucket
                    + (prefix.isEmpty() ? "" : "/" + prefix)));
        }
        StoreKeyCheck.relative(field, key);
        if (prefix.isEmpty()) {
            return key;
        }
        if (!key.startsWith(prefix + "/")) {
            throw new InvalidRequestException(field, "lies outside the prefix s3://" + bucket + "/" + prefix + "/");
        }
        return StoreKeyCheck.relative(field, key.substring(prefix.length() + 1));
    }
}
