package dev.rolechain.testsupport;

import dev.rolechain.Services;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.SetupException;
import java.nio.file.Path;

/** The example Setups under examples/, loaded through the real loader. */
public final class Examples {
    public static final Path DIR = Path.of("examples");

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
