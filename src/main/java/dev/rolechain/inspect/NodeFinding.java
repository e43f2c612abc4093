package dev.rolechain.inspect;

import dev.rolechain.lint.Finding;

/** A lint finding on one node of the graph. */
public record NodeFinding(String node, Finding finding) {
}
