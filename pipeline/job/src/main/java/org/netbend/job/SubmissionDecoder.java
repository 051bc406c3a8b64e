package org.netbend.job;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Decodes and checks a message of the requests topic before any work: the one place where the service turns
 * bytes from outside into a {@link ServiceMessage}. Every refusal is an {@link InvalidRequestException} naming
 * the field, which the service answers with a REJECTED result; nothing here can fail the job.
 *
 * <p>The message is flat: the request's settings ({@link RequestFields}) in camelCase, the wire's one spelling
 * ({@code walkLength}; a job file says {@code walk-length}), plus {@code schema}, {@code type}, {@code audio},
 * {@code audioName}, {@code jobId}, {@code priority}, {@code output}, {@code album}, and the keys of the stems
 * ({@code stems: {drums: KEY}}) and of the MIDI file ({@code midi}). See {@code submission.schema.json}.
 * For one release the kebab-case spelling of each field ({@code job-id}, {@code audio-name}, {@code walk-length})
 * is still accepted: the submission's {@link Submission#notices} say so, and so does the service's ACCEPTED line.
 */
public final class SubmissionDecoder {
    /** A request is a few kB; a larger message is refused before it is parsed. */
    public static final int MAX_BYTES = 1 << 20;
    private static final Set<String> OWN_KEYS = Set.of("schema", "type", "audio", "audioName", "jobId", "priority",
            "output", "stems", "midi", "modelDigest", "album");
    /** The kebab-case names still accepted for one release (deprecated): each field's, and the message's own. */
    private static final List<String> KEBAB = kebabNames();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private final StoreScope scope;
    private final String defaultModel;
    private final Set<String> models;
    private final UnaryOperator<String> digests;
    private final String outputPrefix;

    /**
     * @param scope        where audio may come from
     * @param defaultModel the model of requests that name none
     * @param models       the models a request may name (a request never points a worker at a path of its own)
     * @param outputPrefix where outputs may go ({@link OutputKeys#prefix})
     */
    public SubmissionDecoder(StoreScope scope, String defaultModel, Set<String> models, String outputPrefix) {
        this(scope, defaultModel, models, outputPrefix, model -> null);
    }

    /**
     * @param digests the content digest of an offered model's files (the service's), or null when unknown: it
     *                enters every request, so the job id is the one {@code render} gives the same files
     */
    public SubmissionDecoder(StoreScope scope, String defaultModel, Set<String> models, String outputPrefix,
            UnaryOperator<String> digests) {
        this.scope = scope;
        this.defaultModel = defaultModel;
        this.models = Set.copyOf(models);
        this.outputPrefix = OutputKeys.prefix(outputPrefix);
        this.digests = digests;
    }

    /** Outputs under {@link OutputKeys#DEFAULT_PREFIX}. */
    public SubmissionDecoder(StoreScope scope, String defaultModel, Set<String> models) {
        this(scope, defaultModel, models, OutputKeys.DEFAULT_PREFIX);
    }

    /** A service that renders with one model. */
    public SubmissionDecoder(StoreScope scope, String model) {
        this(scope, model, Set.of(model));
    }

    /** @throws InvalidRequestException naming the field and the problem */
    public ServiceMessage decode(byte[] value) {
        if (value == null || value.length == 0) {
            throw new InvalidRequestException("(message)", "is empty");
        }
        if (value.length > MAX_BYTES) {
            throw new InvalidRequestException("(message)", "is " + value.length + " bytes; requests are at most "
                    + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(new String(value, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("(message)", "is not JSON: " + JsonProblems.firstLine(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException("(message)", "must be a JSON object, got "
                    + (root == null ? "nothing" : root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        List<String> kebab = WireNames.toCamel((ObjectNode) root, KEBAB);
        JsonNode schema = root.get("schema");
        if (schema == null) {
            throw new InvalidRequestException("schema", "is missing; this service speaks schema " + Submission.SCHEMA);
        }
        if (!schema.isIntegralNumber() || schema.asLong() != Submission.SCHEMA) {
            throw new InvalidRequestException("schema", "must be " + Submission.SCHEMA + ", got "
                    + RequestFields.shown(schema));
        }
        String type = text(root, "type", "render");
        return switch (type) {
            case "render" -> submission(root, deprecation(kebab));
            case "cancel" -> cancellation(root);
            default -> throw new InvalidRequestException("type", "must be render or cancel, got '" + Echo.safe(type) + "'");
        };
    }

    private Cancellation cancellation(JsonNode root) {
        for (var names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of("schema", "type", "jobId").contains(name)) {
                throw new InvalidRequestException(name, "is not a field of a cancel message (schema, type, jobId)");
            }
        }
        String id = text(root, "jobId", null);
        if (id == null) {
            throw new InvalidRequestException("jobId", "is missing: a cancel names the job");
        }
        return new Cancellation(id);
    }

    private Submission submission(JsonNode root, List<String> notices) {
        String audio = scope.audioKey("audio", text(root, "audio", null));
        String name = text(root, "audioName", audio.substring(audio.lastIndexOf('/') + 1));
        RequestBuilder builder = new RequestBuilder().audio(audio, name).model(defaultModel);
        RequestFields.applyAll(builder, root, OWN_KEYS, RequestFields.Spelling.CAMEL);
        // Stems and MIDI are keys of the store, held to the same bucket and prefix as the audio.
        SourceFields.stems(root.get("stems")).forEach((stem, location) ->
                builder.stem(stem, scope.audioKey("stems." + stem, location)));
        String midi = SourceFields.midi(root.get("midi"));
        if (midi != null) {
            builder.midi(scope.audioKey("midi", midi));
        }
        JobRequest request = builder.build();
        if (!models.contains(request.model())) {
            throw new InvalidRequestException("model", "'" + Echo.safe(request.model()) + "' is not offered by this "
                    + "service; offered: " + String.join(", ", new java.util.TreeSet<>(models)));
        }
        request = withDigest(request, text(root, "modelDigest", null));
        String jobId = text(root, "jobId", null);
        if (jobId == null) {
            jobId = request.jobId();
        }
        JsonNode priority = root.get("priority");
        int weight = 1;
        if (priority != null) {
            if (!priority.isIntegralNumber() || !priority.canConvertToInt()) {
                throw new InvalidRequestException("priority", "must be a whole number, got " + RequestFields.shown(priority));
            }
            weight = priority.asInt();
        }
        String output = text(root, "output", null);
        if (output != null) {
            OutputKeys.check("output", output, outputPrefix);
        }
        return new Submission(jobId, weight, output, request, text(root, "album", null), notices);
    }

    /** The notice for a message spelled in kebab-case, or none. */
    private static List<String> deprecation(List<String> kebab) {
        if (kebab.isEmpty()) {
            return List.of();
        }
        return List.of("deprecated spelling " + String.join(", ", kebab) + ": the wire spells fields in camelCase ("
                + String.join(", ", kebab.stream().map(WireNames::camel).toList()) + "); kebab-case is accepted for "
                + "this release only");
    }

    private static List<String> kebabNames() {
        List<String> names = new java.util.ArrayList<>(List.of("job-id", "audio-name", "model-digest"));
        RequestFields.keys().stream().filter(k -> k.contains("-")).forEach(names::add);
        return List.copyOf(names);
    }

    /**
     * The request with the digest of the model files that will render it: the service's own. A client that sent
     * one (read from the store, see {@code service.ServedModels}) computed its job id with it, so a different one
     * means the model changed since: refused, rather than rendered under an id that names other files.
     */
    private JobRequest withDigest(JobRequest request, String sent) {
        String served = digests.apply(request.model());
        if (sent != null && served != null && !sent.equals(served)) {
            throw new InvalidRequestException("modelDigest", "'" + Echo.safe(sent) + "' names other files than the "
                    + "service's model '" + Echo.safe(request.model()) + "' (" + served + "); the model changed since "
                    + "the request was built: submit it again");
        }
        String digest = served != null ? served : sent;
        return digest == null ? request : request.withModelDigest(digest).validated();
    }

    private static String text(JsonNode root, String key, String fallback) {
        JsonNode value = root.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new InvalidRequestException(key, "must be text, got " + RequestFields.shown(value));
        }
        return value.asText();
    }
}
