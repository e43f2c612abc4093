package dev.rolechain.setup;

/**
 * One thing wrong with a Setup: the JSON path of the field, what is wrong and what is allowed, and
 * where in the file it is (line and column, 0 when unknown).
 */
public record Problem(String path, String message, int line, int column) {

    public Problem(String path, String message) {
        this(path, message, 0, 0);
    }

    public Problem withPath(String newPath) {
        return new Problem(newPath, message, line, column);
    }

    public Problem at(int line, int column) {
        return new Problem(path, message, line, column);
    }

    /** {@code file:line:column: path: message}, leaving out what is unknown. */
    public String format(String source) {
        StringBuilder sb = new StringBuilder();
        if (source != null) {
            sb.append(source);
            if (line > 0) {
                sb.append(':').append(line).append(':').append(column);
            }
            sb.append(": ");
        }
        if (path != null && !path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return sb.append(message).toString();
    }
}
