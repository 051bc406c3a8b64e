package org.netbend.job;

/** A request, job file or submission that cannot be rendered; names the field and the problem. */
public class InvalidRequestException extends IllegalArgumentException {
    private final String field;
    private final String problem;

    public InvalidRequestException(String field, String problem) {
        super("request field '" + field + "' " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** With a message of its own (a job file names itself first). */
    public InvalidRequestException(String field, String problem, String message) {
        super(message);
        this.field = field;
        this.problem = problem;
    }

    /** The field, as a path: {@code steps}, {@code prompts[1].at}, {@code bends}. */
    public String field() { return field; }

    public String problem() { return problem; }
}
