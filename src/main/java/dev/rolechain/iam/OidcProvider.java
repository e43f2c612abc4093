package dev.rolechain.iam;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An IAM OIDC identity provider. {@code url} is the issuer with {@code https://}; the provider's
 * ARN and condition keys use it without the scheme ({@link #id()}).
 */
public record OidcProvider(String url, List<String> clientIds, List<String> thumbprints, Map<String, String> tags) {

    public OidcProvider {
        clientIds = List.copyOf(clientIds);
        thumbprints = List.copyOf(thumbprints);
        tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    public String id() {
        return url.replaceFirst("^https://", "");
    }

    /** Client ids and thumbprints sorted, as IAM lists them without order. */
    public OidcProvider normalized() {
        return new OidcProvider(url, Principals.sortedDistinct(clientIds), Principals.sortedDistinct(thumbprints), tags);
    }
}
