package dev.rolechain.setup;

import java.util.List;
import java.util.stream.Collectors;

/** A Setup that cannot be used, with every problem found. */
public final class SetupException extends Exception {
    private final String source;
    private final List<Problem> problems;

    public SetupException(String source, List<Problem> problems) {
        super(problems.stream().map(p -> p.format(source)).collect(Collectors.joining("\n")));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public String source() {
        return source;
    }

    public List<Problem> problems() {
        return problems;
    }
}
