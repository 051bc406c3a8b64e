package org.netbend.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.stream.Collectors;

/** Turns Jackson's complaint about a request into one line naming the field. */
final class JsonProblems {
    private JsonProblems() { }

    static InvalidRequestException of(JsonProcessingException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidRequestException invalid) {
                return invalid; // our own check, thrown from inside Jackson (an enum's spelling)
            }
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new InvalidRequestException(path(unknown), "is not a known field");
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return new InvalidRequestException(path(mapping), "has the wrong type or value: "
                    + firstLine(e.getOriginalMessage()));
        }
        return new InvalidRequestException("(document)", "is not valid JSON: " + firstLine(e.getOriginalMessage()));
    }

    /** {@code prompts[1].at} from Jackson's reference chain. */
    static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }
}
