package dev.rolechain.aws;

import dev.rolechain.iam.Role;
import java.util.Map;
import java.util.TreeMap;

/**
 * A role as read from an account: the parsed {@link Role} and the JSON text of its trust and inline
 * policies exactly as IAM holds them (URL-decoded), so that what belongs to others is written back and
 * restored character for character.
 */
public record LiveRole(Role role, String trustJson, Map<String, String> inlineJson) {
    public LiveRole {
        inlineJson = java.util.Collections.unmodifiableMap(new TreeMap<>(inlineJson));
    }
}
