package org.netbend.job;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A choice of the request whose JSON spelling is part of the contract (and of the job id). */
public interface Spelled {
    /** How the choice is written in requests, job files and on the command line. */
    String spelling();

    /**
     * The constant spelled {@code text}.
     *
     * @throws InvalidRequestException naming the field and listing the valid spellings
     */
    static <E extends Enum<E> & Spelled> E parse(Class<E> type, String field, String text) {
        E[] choices = type.getEnumConstants();
        for (E choice : choices) {
            if (choice.spelling().equals(text)) {
                return choice;
            }
        }
        throw new InvalidRequestException(field, "must be one of "
                + Arrays.stream(choices).map(Spelled::spelling).collect(Collectors.joining(", "))
                + ", got '" + Echo.safe(text) + "'");
    }
}
