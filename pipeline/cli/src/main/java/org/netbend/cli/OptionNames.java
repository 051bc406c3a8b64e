package org.netbend.cli;

import org.netbend.job.InvalidRequestException;

/**
 * A request's complaint in the words of the command line: {@code request field 'walkLength' ...} becomes
 * {@code --walk-length ...}. A job file's complaint already names the file and its key, and stays as it is.
 */
final class OptionNames {
    private OptionNames() { }

    static String inMessage(InvalidRequestException e) {
        String prefix = "request field '" + e.field() + "'";
        if (!e.getMessage().startsWith(prefix) || e.field().startsWith("(")) {
            return e.getMessage();
        }
        String rest = e.getMessage().substring(prefix.length());
        if ("prompts".equals(e.field()) && rest.equals(" needs a prompt")) {
            rest += ": give one with -p TEXT (or a job file's prompt)";
        }
        return option(e.field()) + (rest.startsWith(":") ? rest : rest.isEmpty() ? "" : rest);
    }

    /** {@code walkLength} or {@code walk-length} → {@code --walk-length}; {@code prompts} → {@code --prompt}. */
    static String option(String field) {
        String kebab = field.replaceAll("\\[.*", "").replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
        if (field.startsWith("lanes")) {
            return field.startsWith("lanes.") ? "--lane " + field.substring("lanes.".length()) : "--lane";
        }
        return switch (kebab) {
            case "prompts" -> "the prompt timeline (-p, --prompt-at)"; // one subject: "needs", "has"
            case "bends" -> "--bend";
            case "prompt-interpolation" -> "--interpolation";
            case "negative-prompt" -> "--negative";
            case "audio-key", "audio-name" -> "the audio";
            default -> "--" + kebab;
        };
    }
}
