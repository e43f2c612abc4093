package dev.rolechain.iam;

import java.util.List;

/** An IAM policy document, trust (resource) or identity, as a value. */
public record PolicyDocument(String version, String id, List<Statement> statements) {

    public static final String VERSION = "2012-10-17";

    public PolicyDocument {
        statements = List.copyOf(statements);
    }

    public static PolicyDocument of(Statement... statements) {
        return new PolicyDocument(VERSION, null, List.of(statements));
    }

    /**
     * The same document with every value list sorted and de-duplicated and conditions in a fixed
     * order: two documents that IAM treats alike by these rules compare equal.
     */
    public PolicyDocument normalized() {
        return new PolicyDocument(version, id, statements.stream().map(Statement::normalized).toList());
    }

    /** The canonical JSON text of this document (see {@link PolicyJson}). */
    public String toJson() {
        return PolicyJson.print(this);
    }
}
