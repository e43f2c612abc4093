package dev.rolechain.iam;

/** ARNs of the IAM resources Rolechain plans, in the partition of a region. */
public final class Arns {
    private Arns() {
    }

    /** The partition of a region: {@code aws-cn} for China, {@code aws-us-gov} for GovCloud, else {@code aws}. */
    public static String partition(String region) {
        if (region != null && region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region != null && region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        return "aws";
    }

    public static String role(String partition, String accountId, String path, String name) {
        return "arn:" + partition + ":iam::" + accountId + ":role" + path + name;
    }

    /** The ARN of an OIDC provider, whose URL is written without {@code https://}. */
    public static String oidcProvider(String partition, String accountId, String providerId) {
        return "arn:" + partition + ":iam::" + accountId + ":oidc-provider/" + providerId;
    }
}
