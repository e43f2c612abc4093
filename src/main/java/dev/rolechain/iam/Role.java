package dev.rolechain.iam;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An IAM role with everything Rolechain plans for it. */
public record Role(
        String name,
        String path,
        String description,
        PolicyDocument trustPolicy,
        Map<String, PolicyDocument> inlinePolicies,
        List<String> managedPolicyArns,
        int maxSessionDuration,
        String permissionsBoundaryArn,
        Map<String, String> tags) {

    public Role {
        inlinePolicies = Collections.unmodifiableMap(new TreeMap<>(inlinePolicies));
        managedPolicyArns = Principals.sortedDistinct(managedPolicyArns);
        tags = Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    public String arn(String partition, String accountId) {
        return Arns.role(partition, accountId, path, name);
    }

    /** The same role with every document normalised, for comparing planned with read state. */
    public Role normalized() {
        TreeMap<String, PolicyDocument> inline = new TreeMap<>();
        inlinePolicies.forEach((name, doc) -> inline.put(name, doc.normalized()));
        return new Role(name, path, description, trustPolicy.normalized(), inline, managedPolicyArns,
                maxSessionDuration, permissionsBoundaryArn, tags);
    }
}
