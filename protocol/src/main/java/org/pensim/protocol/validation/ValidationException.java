package org.pensim.protocol.validation;

import java.util.List;
import java.util.stream.Collectors;

/** A document failed validation; carries every problem found, not only the first. */
public class ValidationException extends RuntimeException {

    private final List<Problem> problems;

    public ValidationException(List<Problem> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem: " : " problems: ")
                + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
