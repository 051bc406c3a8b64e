package org.netbend.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The published schema, the examples and the decoder agree: none can drift from the others. */
class SubmissionSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonSchema schema() throws IOException {
        try (InputStream in = SubmissionDecoder.class.getResourceAsStream("submission.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    @Test
    void theExamplesMatchTheSchema() throws IOException {
        JsonSchema schema = schema();
        for (String example : new String[] {"submission.json", "submission-stems.json", "submission-lanes.json",
                "cancel.json"}) {
            JsonNode node = JSON.readTree(Path.of("../../docs/examples", example).toFile());
            assertEquals(Set.of(), schema.validate(node), example);
        }
    }

    @Test
    void theSchemaRefusesWhatTheDecoderRefuses() throws IOException {
        JsonSchema schema = schema();
        assertFalse(schema.validate(JSON.readTree("{\"schema\": 2, \"audio\": \"a\", \"prompt\": \"p\"}")).isEmpty());
        assertFalse(schema.validate(JSON.readTree("{\"schema\": 1, \"audio\": \"a\"}")).isEmpty());
        assertFalse(schema.validate(JSON.readTree("{\"schema\": 1, \"type\": \"cancel\"}")).isEmpty());
        assertFalse(schema.validate(JSON.readTree("{\"schema\": 1, \"audio\": \"a\", \"prompt\": \"p\", \"stpes\": 1}"))
                .isEmpty());
        assertTrue(schema.validate(JSON.readTree("{\"schema\": 1, \"audio\": \"a\", \"prompt\": \"p\"}")).isEmpty());
        String stems = "{\"schema\": 1, \"audio\": \"a\", \"prompt\": \"p\", \"stems\": {\"NAME\": \"audio/b.wav\"}}";
        assertTrue(schema.validate(JSON.readTree(stems.replace("NAME", "drums"))).isEmpty());
        assertFalse(schema.validate(JSON.readTree(stems.replace("NAME", "Drums"))).isEmpty());
        assertFalse(schema.validate(JSON.readTree(stems.replace("NAME", "ch3"))).isEmpty());
        assertFalse(schema.validate(JSON.readTree(stems.replace("\"audio/b.wav\"", "3"))).isEmpty());
        String lanes = "{\"schema\": 1, \"audio\": \"a\", \"prompt\": \"p\", \"lanes\": {\"swell\": LANE}}";
        assertTrue(schema.validate(JSON.readTree(lanes.replace("LANE", "{\"points\": [[0, 1], [\"8b\", 2]]}"))).isEmpty());
        assertFalse(schema.validate(JSON.readTree(lanes.replace("LANE", "{\"points\": [[0, 1, 2]]}"))).isEmpty());
        assertFalse(schema.validate(JSON.readTree(lanes.replace("LANE", "{\"interpolation\": \"spline\", "
                + "\"schedule\": \"0:(0)\"}"))).isEmpty());
        assertFalse(schema.validate(JSON.readTree(lanes.replace("LANE", "{\"points\": [[0, 1]], \"schedule\": "
                + "\"0:(0)\"}"))).isEmpty());
    }

    @Test
    void theSchemaListsExactlyTheFieldsTheDecoderTakes() throws IOException {
        JsonNode properties;
        try (InputStream in = SubmissionDecoder.class.getResourceAsStream("submission.schema.json")) {
            properties = JSON.readTree(in).get("properties");
        }
        Set<String> inSchema = new TreeSet<>();
        properties.fieldNames().forEachRemaining(inSchema::add);
        Set<String> decoded = new TreeSet<>(RequestFields.keys(RequestFields.Spelling.CAMEL));
        decoded.addAll(Set.of("schema", "type", "audio", "audioName", "jobId", "priority", "output", "stems",
                "midi", "modelDigest", "album"));
        assertEquals(decoded, inSchema);
        assertTrue(inSchema.stream().noneMatch(name -> name.contains("-")), "the schema lists camelCase: " + inSchema);
    }

    @Test
    void theSchemaSpellsTheChoicesAsTheEnumsDo() throws IOException {
        JsonNode properties;
        try (InputStream in = SubmissionDecoder.class.getResourceAsStream("submission.schema.json")) {
            properties = JSON.readTree(in).get("properties");
        }
        assertEquals(spellings(Method.values()), enumOf(properties, "method"));
        assertEquals(spellings(NoiseWalk.values()), enumOf(properties, "walk"));
        Set<String> schedulers = spellings(SamplerName.values());
        schedulers.addAll(SamplerAliases.SPELLINGS.keySet());
        assertEquals(schedulers, enumOf(properties, "scheduler"));
        assertEquals(spellings(PromptInterpolation.values()), enumOf(properties, "interpolation"));
    }

    private static Set<String> enumOf(JsonNode properties, String key) {
        Set<String> values = new TreeSet<>();
        properties.get(key).get("enum").forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Set<String> spellings(Spelled[] values) {
        Set<String> out = new TreeSet<>();
        for (Spelled v : values) {
            out.add(v.spelling());
        }
        return out;
    }
}
