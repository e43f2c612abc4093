package dev.rolechain.cli;

import dev.rolechain.setup.FieldPath;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a {@link dev.rolechain.lint.Finding} is, read back from its location string, the one place that knows the
 * forms lint writes: {@code FILE:LINE (jobs.ID, step "NAME")} in a workflow, {@code FILE: Statement[I]} in a policy,
 * a field path of the Setup ({@code targets[0].externalId}), or a file (or a planned file, account or provider) with
 * an optional note in parentheses ({@code policies/111111111111/role/ (role x)}).
 */
sealed interface FindingLocation {

    /** A line of a file: a workflow's job, step or push filter. */
    record FileLine(String file, int line) implements FindingLocation {
    }

    /** The {@code index}th statement (from 0) of a policy document in {@code file}. */
    record Statement(String file, int index) implements FindingLocation {
    }

    /** A field of the Setup file. */
    record SetupField(FieldPath path) implements FindingLocation {
    }

    /** Anything else: a file as far as lint says ({@code what}), which may be planned rather than on disk. */
    record Other(String what) implements FindingLocation {
    }

    Pattern FILE_LINE = Pattern.compile("(.+?):(\\d+)(?: \\(.*\\))?", Pattern.DOTALL);
    Pattern STATEMENT = Pattern.compile("(.+): Statement\\[(\\d+)]", Pattern.DOTALL);
    Pattern NOTE = Pattern.compile("(.*?) \\(.*\\)", Pattern.DOTALL);
    Pattern FIELD_PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(?:\\.[A-Za-z_][A-Za-z0-9_-]*|\\[\\d+]|\\[\"(?:[^\"\\\\]|\\\\.)*\"])*");

    /**
     * Reads {@code location}; {@code setupFields} are the top-level field names of the Setup file linted (empty
     * without one): a field path is only taken for one when it starts with one of them, so that a file named
     * {@code trust.json} stays a file.
     */
    static FindingLocation parse(String location, Set<String> setupFields) {
        Matcher m = STATEMENT.matcher(location);
        if (m.matches()) {
            return new Statement(m.group(1), Integer.parseInt(m.group(2)));
        }
        m = FILE_LINE.matcher(location);
        if (m.matches()) {
            return new FileLine(m.group(1), Integer.parseInt(m.group(2)));
        }
        if (FIELD_PATH.matcher(location).matches()) {
            FieldPath path = FieldPath.parse(location);
            if (setupFields.contains(path.head())) {
                return new SetupField(path);
            }
        }
        m = NOTE.matcher(location);
        return new Other(m.matches() ? m.group(1) : location);
    }
}
