package dev.rolechain.render;

/** One exported file: its path relative to the export folder, and its text. */
public record Artifact(String path, String content) {
}
