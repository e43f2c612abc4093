package dev.rolechain.lint;

/** One lint finding: a stable rule id, its severity, where, what is wrong, and how to fix it. */
public record Finding(String rule, Severity severity, String location, String message, String fix) {
}
