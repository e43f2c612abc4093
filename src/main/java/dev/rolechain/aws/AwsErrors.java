package dev.rolechain.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** What went wrong talking to AWS, said so that the user knows what to do. */
public final class AwsErrors {
    private AwsErrors() {
    }

    public static String describe(String profile, SdkException e) {
        String name = profile == null ? "the default credentials" : "profile " + profile;
        String message = String.valueOf(e.getMessage());
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("sso") && (lower.contains("expired") || lower.contains("token") || lower.contains("login"))) {
            return "the IAM Identity Center session of " + name + " has expired or was never started; sign in with: "
                    + "rolechain login --profile " + (profile == null ? "PROFILE" : profile);
        }
        if (lower.contains("profile file contained no credentials") || lower.contains("profile")
                && lower.contains("not found") || lower.contains("no profile")) {
            return name + " is not in the AWS config (~/.aws/config): " + message;
        }
        if (e instanceof AwsServiceException s) {
            String code = s.awsErrorDetails() == null ? "" : s.awsErrorDetails().errorCode();
            if (s.statusCode() == 403 || "AccessDenied".equals(code) || "AccessDeniedException".equals(code)) {
                return "access denied for " + name + ": " + message;
            }
            if (s.isThrottlingException()) {
                return "AWS kept throttling " + name + " after the SDK's retries with backoff: " + message;
            }
        }
        return name + ": " + message;
    }
}
