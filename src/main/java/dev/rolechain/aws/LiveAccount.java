package dev.rolechain.aws;

import dev.rolechain.iam.IamAccount;
import java.util.Map;
import java.util.Optional;

/** An account as read: its {@link IamAccount} and the roles with the text of their documents. */
public record LiveAccount(IamAccount account, Map<String, LiveRole> roles) {
    public LiveAccount {
        roles = Map.copyOf(roles);
    }

    public Optional<LiveRole> role(String name) {
        return Optional.ofNullable(roles.get(name));
    }
}
