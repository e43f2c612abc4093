package dev.rolechain.setup;

import java.util.Optional;

/**
 * Which form of the {@code sub} claim GitHub issues for a repository: {@code names}
 * ({@code repo:owner/repo:…}), {@code immutable} ({@code repo:owner@OWNER_ID/repo@REPO_ID:…}, the default
 * for repositories created or renamed since 15 July 2026), or {@code both} while a repository migrates.
 */
public enum SubjectFormat {
    NAMES("names"), IMMUTABLE("immutable"), BOTH("both");

    private final String json;

    SubjectFormat(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public boolean admitsNames() {
        return this != IMMUTABLE;
    }

    public boolean admitsIds() {
        return this != NAMES;
    }

    public static Optional<SubjectFormat> fromJson(String text) {
        for (SubjectFormat f : values()) {
            if (f.json.equals(text)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
