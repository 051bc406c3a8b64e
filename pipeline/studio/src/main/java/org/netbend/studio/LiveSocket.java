package org.netbend.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.netbend.live.ControlEvent;
import org.netbend.live.ControlResult;
import org.netbend.live.LiveBend;
import org.netbend.live.LiveLoop;
import org.netbend.live.LiveSettings;

/**
 * The live WebSocket's messages. Up, as JSON text: {@code add {text}}, {@code edit {id, text}}, {@code remove
 * {id}}, {@code prompt {text, fade}}, {@code clock {t, playing}} (a played file), {@code microphone {rate}} (then
 * binary messages of float32 little-endian mono PCM). Down: {@code hello} (the session), {@code result} (each
 * control's answer: accepted with the bend id, or the parser's message and span; {@code preparing} when its site
 * bends wait for a U-Net session built off the loop), {@code control} (that change in effect from a frame, or why
 * its session failed), {@code bends} and
 * {@code prompt} (the session's state, to every page), {@code error}, and the frames ({@link LiveStream}).
 * One page at a time owns the audio input (the microphone or the player's clock); others watch and control.
 */
final class LiveSocket {
    /** A PCM message longer than this (a second at the analysis rate) is refused. */
    private static final int MAX_PCM_SAMPLES = 48_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LiveSession session;
    private final LiveStream stream;
    private final Map<String, LiveClient> clients = new ConcurrentHashMap<>();
    private final Map<Integer, String> texts = new ConcurrentHashMap<>();
    private final AtomicReference<String> audioOwner = new AtomicReference<>();
    private volatile String prompt;

    LiveSocket(LiveSession session, LiveStream stream) {
        this.session = session;
        this.stream = stream;
        this.prompt = session.prompt();
        for (LiveBend bend : session.loop().bends()) {
            texts.put(bend.id(), bend.spec().toString());
        }
        session.loop().onControlEvent(this::controlEvent);
    }

    /** A site change prepared off the loop is in effect, or failed: then its text goes and the live bends stay. */
    private void controlEvent(ControlEvent event) {
        if (!event.inEffect()) {
            texts.remove(event.bendId());
            session.loop().bends().forEach(b -> texts.putIfAbsent(b.id(), b.spec().toString()));
            stream.broadcast(LiveStream.text(Map.of("type", "bends", "bends", bendList())));
        }
        stream.broadcast(LiveStream.text(Map.of("type", "control", "bendId", event.bendId(), "inEffect",
                event.inEffect(), "frame", event.frame(), "message", event.message())));
    }

    void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            LiveClient client = new LiveClient(ctx.session);
            clients.put(ctx.sessionId(), client);
            client.text(hello());
            stream.add(client);
        });
        ws.onMessage(ctx -> {
            LiveClient client = clients.get(ctx.sessionId());
            if (client != null) {
                client.text(handle(ctx, ctx.message()));
            }
        });
        ws.onBinaryMessage(ctx -> {
            String problem = pcm(ctx, ctx.data());
            LiveClient client = clients.get(ctx.sessionId());
            if (problem != null && client != null) {
                client.text(error(problem));
            }
        });
        ws.onClose(ctx -> gone(ctx));
        ws.onError(ctx -> gone(ctx));
    }

    /** Pages connected now. */
    int clients() { return clients.size(); }

    private void gone(WsContext ctx) {
        LiveClient client = clients.remove(ctx.sessionId());
        if (client != null) {
            stream.remove(client);
        }
        audioOwner.compareAndSet(ctx.sessionId(), null);
    }

    private String hello() {
        LiveSettings s = session.loop().settings();
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("type", "hello");
        hello.put("mode", session.mode());
        hello.put("fps", s.fps());
        hello.put("width", s.width());
        hello.put("height", s.height());
        hello.put("steps", s.steps());
        hello.put("scheduler", s.scheduler());
        hello.put("sampleRate", session.microphone() != null ? session.microphone().sampleRate() : 0);
        hello.put("audio", session.audio() != null ? "/api/live/audio" : null);
        hello.put("prompt", prompt);
        hello.put("bends", bendList());
        return LiveStream.text(hello);
    }

    private String handle(WsContext ctx, String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return error("a control message must be JSON: " + StudioServer.oneLine(e.getOriginalMessage()));
        }
        String type = message == null ? "" : message.path("type").asText("");
        LiveLoop loop = session.loop();
        return switch (type) {
            case "add" -> result(type, message, loop.addBend(message.path("text").asText("")));
            case "edit" -> {
                if (!message.path("id").canConvertToInt()) {
                    yield error("edit needs the bend's id");
                }
                yield result(type, message, loop.editBend(message.path("id").asInt(), message.path("text").asText("")));
            }
            case "remove" -> {
                if (!message.path("id").canConvertToInt()) {
                    yield error("remove needs the bend's id");
                }
                int id = message.path("id").asInt();
                yield result(type, message, loop.removeBend(id));
            }
            case "prompt" -> prompt(message);
            case "clock" -> clock(ctx, message);
            case "microphone" -> microphone(ctx, message);
            default -> error("unknown control '" + StudioServer.oneLine(type) + "': add, edit, remove, prompt, clock, "
                    + "microphone");
        };
    }

    private String result(String type, JsonNode message, ControlResult result) {
        if (result.accepted()) {
            if (type.equals("edit") || type.equals("remove")) {
                texts.remove(message.path("id").asInt());
            }
            if (!type.equals("remove")) {
                texts.put(result.bendId(), message.path("text").asText("").strip());
            }
            stream.broadcast(LiveStream.text(Map.of("type", "bends", "bends", bendList())));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("type", "result");
        answer.put("control", type);
        answer.put("ref", message.path("ref").asText(""));
        answer.put("accepted", result.accepted());
        answer.put("bendId", result.bendId());
        answer.put("message", result.message());
        answer.put("preparing", result.preparing());
        answer.put("start", result.start());
        answer.put("end", result.end());
        answer.put("text", message.path("text").asText(""));
        return LiveStream.text(answer);
    }

    private String prompt(JsonNode message) {
        String text = message.path("text").asText("").strip();
        int fade = message.path("fade").asInt(session.loop().settings().fadeFrames());
        if (text.isEmpty() || fade < 1 || fade > 10_000) {
            return error("a prompt change needs a text and a fade of 1..10000 frames");
        }
        session.loop().changePrompt(text, fade);
        prompt = text;
        stream.broadcast(LiveStream.text(Map.of("type", "prompt", "prompt", text, "fade", fade)));
        return LiveStream.text(Map.of("type", "result", "control", "prompt", "accepted", true, "ref",
                message.path("ref").asText("")));
    }

    private String clock(WsContext ctx, JsonNode message) {
        if (session.playback() == null) {
            return error("this session does not play a file in the page (mode " + session.mode() + ")");
        }
        if (!owns(ctx)) {
            return error("another page plays the session's file; this one watches");
        }
        try {
            session.playback().report(message.path("t").asDouble(Double.NaN), message.path("playing").asBoolean());
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
        return LiveStream.text(Map.of("type", "clock", "lead", session.playback().leadSeconds()));
    }

    private String microphone(WsContext ctx, JsonNode message) {
        if (session.microphone() == null) {
            return error("this session does not take the page's microphone (mode " + session.mode() + ")");
        }
        int rate = message.path("rate").asInt(0);
        if (rate != session.microphone().sampleRate()) {
            return error("the microphone must be streamed at " + session.microphone().sampleRate() + " Hz, got " + rate);
        }
        if (!owns(ctx)) {
            return error("another page streams its microphone; this one watches");
        }
        return LiveStream.text(Map.of("type", "result", "control", "microphone", "accepted", true, "ref",
                message.path("ref").asText("")));
    }

    private String pcm(WsContext ctx, ByteBuffer data) {
        if (session.microphone() == null) {
            return "this session does not take the page's microphone (mode " + session.mode() + ")";
        }
        if (!ctx.sessionId().equals(audioOwner.get())) {
            return "send {type: microphone, rate} before the PCM (or another page streams its microphone)";
        }
        int bytes = data.remaining();
        if (bytes % 4 != 0 || bytes / 4 > MAX_PCM_SAMPLES) {
            return "PCM must be float32 samples, at most " + MAX_PCM_SAMPLES + " a message; got " + bytes + " bytes";
        }
        float[] samples = new float[bytes / 4];
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(samples);
        session.microphone().push(samples, samples.length);
        return null;
    }

    private boolean owns(WsContext ctx) {
        String id = ctx.sessionId();
        return audioOwner.compareAndSet(null, id) || id.equals(audioOwner.get());
    }

    private List<Map<String, Object>> bendList() {
        // The texts as accepted, not loop.bends(): an accepted change applies at the loop's next frame.
        return texts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Map.<String, Object>of("id", e.getKey(), "text", e.getValue())).toList();
    }

    static String error(String message) {
        return LiveStream.text(Map.of("type", "error", "message", message));
    }
}
