package dev.rolechain.testsupport;

import dev.rolechain.Services;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.SetupException;
import java.nio.file.Path;

/** The example Setups under examples/, loaded through the real loader. */
public final class Examples {
    public static final Path DIR = Path.of("examples");

    /** The profiles examples/three-targets.json names, with the account each must reach. */
    public static final java.util.Map<String, String> THREE_TARGET_PROFILES = java.util.Map.of("acme-tooling",
            "111111111111", "acme-dev", "333333333333", "acme-staging", "444444444444", "acme-prod", "555555555555");

    private Examples() {
    }

    public static Path path(String name) {
        return DIR.resolve(name + ".json");
    }

    public static Setup load(String name) {
        try {
            return new Services().loader().load(path(name));
        } catch (SetupException e) {
            throw new AssertionError("example " + name + " does not load: " + e.getMessage(), e);
        }
    }
}
