package dev.rolechain.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * IAM and STS clients for one AWS profile of the user's shared config (or the default chain when
 * the profile is null). Credentials, region and endpoints ({@code endpoint_url}, {@code services})
 * come from the SDK's own providers; Rolechain keeps no credentials.
 */
public final class AccountSession implements AutoCloseable {
    private final String profile;
    private final IamClient iam;
    private final StsClient sts;

    private AccountSession(String profile, IamClient iam, StsClient sts) {
        this.profile = profile;
        this.iam = iam;
        this.sts = sts;
    }

    public static AccountSession open(String profile) {
        return open(profile, java.util.List.of());
    }

    /** The same, with interceptors on every call (used to count API calls). */
    public static AccountSession open(String profile,
            java.util.List<software.amazon.awssdk.core.interceptor.ExecutionInterceptor> interceptors) {
        AwsCredentialsProvider credentials = credentials(profile);
        ClientOverrideConfiguration.Builder override = overrides(profile).toBuilder();
        interceptors.forEach(override::addExecutionInterceptor);
        ClientOverrideConfiguration config = override.build();
        IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).credentialsProvider(credentials)
                .overrideConfiguration(config).build();
        StsClient sts;
        try {
            sts = StsClient.builder().credentialsProvider(credentials).overrideConfiguration(config).build();
        } catch (SdkClientException e) {
            // No region configured for the profile: STS is global enough for GetCallerIdentity.
            sts = StsClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                    .overrideConfiguration(config).build();
        }
        return new AccountSession(profile, iam, sts);
    }

    /** A profile's credentials (null: the default credential chain). */
    static AwsCredentialsProvider credentials(String profile) {
        return profile == null ? DefaultCredentialsProvider.builder().build()
                : ProfileCredentialsProvider.builder().profileName(profile).build();
    }

    /** Client configuration that reads the profile's own settings (its endpoints, the services section). */
    static ClientOverrideConfiguration overrides(String profile) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder();
        if (profile != null) {
            override.defaultProfileName(profile);
        }
        return override.build();
    }

    /** Who the profile is now: account and ARN. */
    public CallerIdentity identity() {
        GetCallerIdentityResponse response = sts.getCallerIdentity();
        return new CallerIdentity(profile, response.account(), response.arn());
    }

    public IamClient iam() {
        return iam;
    }

    public String profile() {
        return profile;
    }

    @Override
    public void close() {
        iam.close();
        sts.close();
    }

    /** The identity a profile resolves to. */
    public record CallerIdentity(String profile, String account, String arn) {
    }
}
