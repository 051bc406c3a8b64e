package org.netbend.store;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where an S3 store lives and how to reach it.
 *
 * @param endpoint     the server's base URL, e.g. {@code http://127.0.0.1:9000}; no credentials in it
 * @param bucket       an S3 bucket name (3-63 characters: lower-case letters, digits, '.', '-')
 * @param prefix       a folder inside the bucket under which every key lives; {@code ""} for the bucket's root
 * @param accessKey    access key id, or null for anonymous access (then secretKey must be null too)
 * @param secretKey    secret access key; never printed
 * @param region       the signing region; {@code us-east-1} when null
 * @param timeout      connect, read and write timeout of one HTTP request
 * @param maxRetries   retries after the first attempt on connection failures and 5xx answers (0 = no retry)
 * @param createBucket whether {@link S3Store#open} creates the bucket when it does not exist
 */
public record S3Settings(String endpoint, String bucket, String prefix, String accessKey, String secretKey,
        String region, Duration timeout, int maxRetries, boolean createBucket) {

    public static final String ENV_ENDPOINT = "NETBEND_S3_ENDPOINT";
    public static final String ENV_ACCESS_KEY = "AWS_ACCESS_KEY_ID";
    public static final String ENV_SECRET_KEY = "AWS_SECRET_ACCESS_KEY";
    public static final String ENV_REGION = "AWS_REGION";
    public static final String ENV_DEFAULT_REGION = "AWS_DEFAULT_REGION";
    public static final String ENV_TIMEOUT = "NETBEND_S3_TIMEOUT_SECONDS";
    public static final String ENV_MAX_RETRIES = "NETBEND_S3_MAX_RETRIES";
    public static final String ENV_CREATE_BUCKET = "NETBEND_S3_CREATE_BUCKET";
    public static final String ENV_CONFIG = "NETBEND_S3_CONFIG";

    public static final String DEFAULT_ENDPOINT = "https://s3.amazonaws.com";
    public static final String DEFAULT_REGION = "us-east-1";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_RETRIES = 5;

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]");

    public S3Settings {
        endpoint = checkEndpoint(endpoint);
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("'" + bucket + "' is not a valid S3 bucket name (3-63 characters:"
                    + " lower-case letters, digits, '.' and '-', starting and ending with a letter or digit)");
        }
        prefix = normalisePrefix(prefix);
        accessKey = blankToNull(accessKey);
        secretKey = blankToNull(secretKey);
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("S3 credentials are incomplete: set both " + ENV_ACCESS_KEY + " and "
                    + ENV_SECRET_KEY + ", or neither for anonymous access");
        }
        region = blankToNull(region) == null ? DEFAULT_REGION : region.trim();
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("S3 timeout must be positive, got " + timeout);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("S3 max retries must be 0 or more, got " + maxRetries);
        }
    }

    /** The settings without the {@code createBucket} option, which is then on. */
    public S3Settings(String endpoint, String bucket, String prefix, String accessKey, String secretKey,
            String region, Duration timeout, int maxRetries) {
        this(endpoint, bucket, prefix, accessKey, secretKey, region, timeout, maxRetries, true);
    }

    /**
     * Settings for an {@code s3://bucket/prefix} location, the rest from {@code env}: {@value #ENV_ENDPOINT},
     * {@value #ENV_ACCESS_KEY}, {@value #ENV_SECRET_KEY}, {@value #ENV_REGION} (or {@value #ENV_DEFAULT_REGION}),
     * {@value #ENV_TIMEOUT}, {@value #ENV_MAX_RETRIES}, {@value #ENV_CREATE_BUCKET}. When {@value #ENV_CONFIG}
     * names a properties file, the same names are read from it too; a variable set in {@code env} wins.
     */
    public static S3Settings fromUri(String uri, Map<String, String> env) {
        Location location = Location.parse(uri);
        Map<String, String> values = new HashMap<>();
        String config = env.get(ENV_CONFIG);
        if (config != null && !config.isBlank()) {
            values.putAll(readConfig(Path.of(config.trim())));
        }
        env.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                values.put(k, v);
            }
        });
        String region = values.getOrDefault(ENV_REGION, values.get(ENV_DEFAULT_REGION));
        return new S3Settings(values.getOrDefault(ENV_ENDPOINT, DEFAULT_ENDPOINT), location.bucket(),
                location.prefix(), values.get(ENV_ACCESS_KEY), values.get(ENV_SECRET_KEY), region,
                Duration.ofMillis(Math.round(1000 * positiveNumber(values, ENV_TIMEOUT, DEFAULT_TIMEOUT.toSeconds()))),
                (int) wholeNumber(values, ENV_MAX_RETRIES, DEFAULT_MAX_RETRIES),
                bool(values, ENV_CREATE_BUCKET, true));
    }

    public S3Settings withPrefix(String newPrefix) {
        return new S3Settings(endpoint, bucket, newPrefix, accessKey, secretKey, region, timeout, maxRetries, createBucket);
    }

    public S3Settings withMaxRetries(int retries) {
        return new S3Settings(endpoint, bucket, prefix, accessKey, secretKey, region, timeout, retries, createBucket);
    }

    public S3Settings withCreateBucket(boolean create) {
        return new S3Settings(endpoint, bucket, prefix, accessKey, secretKey, region, timeout, maxRetries, create);
    }

    /** {@code s3://bucket/prefix}, the location as a user would write it. */
    public String location() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    /** The object name in the bucket for a store key. */
    String objectName(String key) {
        return prefix.isEmpty() ? key : prefix + "/" + key;
    }

    @Override
    public String toString() {
        return "S3Settings[" + location() + " at " + endpoint + ", region=" + region
                + ", credentials=" + (accessKey == null ? "anonymous" : "(set, hidden)")
                + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", createBucket=" + createBucket + "]";
    }

    private record Location(String bucket, String prefix) {
        static Location parse(String uri) {
            if (uri == null || !uri.startsWith("s3://")) {
                throw new IllegalArgumentException("an S3 store location looks like s3://bucket/prefix, got '" + uri + "'");
            }
            String rest = uri.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1);
            if (bucket.isEmpty()) {
                throw new IllegalArgumentException("S3 store location '" + uri + "' names no bucket (s3://bucket/prefix)");
            }
            return new Location(bucket, prefix);
        }
    }

    private static String checkEndpoint(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("S3 endpoint is missing: set " + ENV_ENDPOINT + ", e.g. http://127.0.0.1:9000");
        }
        String trimmed = endpoint.trim();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("S3 endpoint is not a URL: " + e.getMessage());
        }
        if (uri.getRawUserInfo() != null) {
            // Never echo it: the user info is a credential.
            throw new IllegalArgumentException("S3 endpoint must not contain credentials; set "
                    + ENV_ACCESS_KEY + " and " + ENV_SECRET_KEY + " instead");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("S3 endpoint must be an http:// or https:// URL with a host, got '" + trimmed + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new IllegalArgumentException("S3 endpoint must be a bare server URL (scheme, host, port), got '" + trimmed
                    + "'; put the bucket and folder in the s3:// location");
        }
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static String normalisePrefix(String prefix) {
        if (prefix == null) {
            return "";
        }
        String p = prefix;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.isEmpty()) {
            try {
                StoreKeys.requireValidKey(p);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("S3 prefix '" + prefix + "' is not usable: " + e.getMessage());
            }
        }
        return p;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Map<String, String> readConfig(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException(ENV_CONFIG + " names " + file + ", which cannot be read: " + e.getClass().getSimpleName());
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name).trim()));
        return values;
    }

    private static double positiveNumber(Map<String, String> values, String name, double fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (d > 0 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive number of seconds, got '" + v + "'");
    }

    private static long wholeNumber(Map<String, String> values, String name, long fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n >= 0 && n <= 100) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from 0 to 100, got '" + v + "'");
    }

    private static boolean bool(Map<String, String> values, String name, boolean fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + v + "'");
        };
    }
}
