package dev.rolechain.inspect;

import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.PolicyDocument;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the inspector knows of one account: its roles and OIDC providers (as {@link IamAccount}),
 * its SAML provider ARNs, and the documents of the managed policies it could read (by ARN). A
 * managed policy a role has attached but that is missing here is unknown, not empty.
 *
 * @param source where it came from, for messages: a profile, a dump file, a Setup
 * @param providersListed whether the provider lists were read (live), rather than inferred from
 *        trust policies (dump files do not hold them)
 */
public record AccountSnapshot(String accountId, String partition, IamAccount iam, List<String> samlProviderArns,
        Map<String, PolicyDocument> managedPolicies, String source, boolean providersListed) {

    public AccountSnapshot {
        samlProviderArns = List.copyOf(samlProviderArns);
        managedPolicies = java.util.Collections.unmodifiableMap(new TreeMap<>(managedPolicies));
    }
}
