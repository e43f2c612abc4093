package dev.rolechain.setup;

/**
 * Who may deploy to a target: a repository of the owner (a name, or {@code "*"} for every
 * repository) and which runs of it.
 */
public record Subject(String repository, Kind kind) {

    public static final String ANY_REPOSITORY = "*";

    /** Which runs of the repository: exactly one of these per subject. */
    public sealed interface Kind permits Branch, Tag, Environment, PullRequest, AnyRun {
    }

    /** Runs on a branch matching the pattern ({@code *} and {@code ?} are wildcards). */
    public record Branch(String pattern) implements Kind {
    }

    /** Runs on a tag matching the pattern. */
    public record Tag(String pattern) implements Kind {
    }

    /** Jobs that reference the environment. */
    public record Environment(String name) implements Kind {
    }

    /** Runs triggered by a pull request. */
    public record PullRequest() implements Kind {
    }

    /** Any run of the repository. */
    public record AnyRun() implements Kind {
    }

    public static Subject branch(String repository, String pattern) {
        return new Subject(repository, new Branch(pattern));
    }

    public static Subject tag(String repository, String pattern) {
        return new Subject(repository, new Tag(pattern));
    }

    public static Subject environment(String repository, String name) {
        return new Subject(repository, new Environment(name));
    }

    public static Subject pullRequest(String repository) {
        return new Subject(repository, new PullRequest());
    }

    public static Subject any(String repository) {
        return new Subject(repository, new AnyRun());
    }
}
