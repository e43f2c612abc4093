package dev.rolechain.aws;

import java.util.List;
import software.amazon.awssdk.profiles.ProfileFile;

/** The profile names of the user's shared AWS config and credentials files, as the SDK reads them. */
public final class ProfileNames {
    private ProfileNames() {
    }

    /** Sorted; empty when there is no config file. */
    public static List<String> list() {
        try {
            return ProfileFile.defaultProfileFile().profiles().keySet().stream().sorted().toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
