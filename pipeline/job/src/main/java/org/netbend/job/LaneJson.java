package org.netbend.job;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import org.netbend.core.Lane;

/** A lane in request.json: {@link LaneFields#toJson}'s compact form, read back by {@link LaneFields#lane}. */
final class LaneJson {
    private LaneJson() { }

    static final class Writer extends JsonSerializer<Lane> {
        @Override
        public void serialize(Lane lane, JsonGenerator json, SerializerProvider provider) throws IOException {
            json.writeTree(LaneFields.toJson(lane));
        }
    }

    static final class Reader extends JsonDeserializer<Lane> {
        @Override
        public Lane deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            return LaneFields.lane(parser.currentName() == null ? "(lane)" : parser.currentName(), node);
        }
    }
}
