package dev.rolechain.aws;

import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.OidcProvider;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyException;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Role;
import dev.rolechain.inspect.AccountSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.OpenIDConnectProviderListEntry;
import software.amazon.awssdk.services.iam.model.PolicyDetail;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.SAMLProviderListEntry;

/**
 * Reads what {@code rolechain inspect} needs from live accounts, one profile each, in parallel:
 * GetAccountAuthorizationDetails (roles, their policies, managed policy documents; every page) and
 * the OIDC and SAML provider lists. Read-only. Cancel is checked between two calls.
 */
public final class TrustReader {
    /** The entity types asked for: users and groups are not part of role trust. */
    static final List<String> FILTER = List.of("Role", "LocalManagedPolicy", "AWSManagedPolicy");

    private final Function<String, AccountSession> sessions;

    public TrustReader(Function<String, AccountSession> sessions) {
        this.sessions = sessions;
    }

    /** What the reading of one account has got to, for a progress line. */
    public interface Progress {
        void update(String profile, String message);
    }

    /** An account that could not be read, with why and what to do. */
    public static final class ReadException extends RuntimeException {
        public ReadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Reads every profile's account, in parallel; the first failure or a cancel stops the rest. */
    public List<AccountSnapshot> read(List<String> profiles, Progress progress, BooleanSupplier cancelled) {
        if (profiles.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(profiles.size(), 8), r -> {
            Thread t = new Thread(r, "rolechain-inspect-read");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<AccountSnapshot>> futures = new ArrayList<>();
            for (String profile : profiles) {
                futures.add(pool.submit(() -> read(profile, progress, cancelled)));
            }
            List<AccountSnapshot> snapshots = new ArrayList<>();
            for (Future<AccountSnapshot> f : futures) {
                try {
                    snapshots.add(f.get());
                } catch (ExecutionException e) {
                    futures.forEach(other -> other.cancel(true));
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new ReadException(e.getCause().getMessage(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted");
                }
            }
            return snapshots;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Reads one profile's account. */
    public AccountSnapshot read(String profile, Progress progress, BooleanSupplier cancelled) {
        String name = profile == null ? "the default credentials" : "profile " + profile;
        try (AccountSession session = sessions.apply(profile)) {
            progress.update(profile, "signing in");
            AccountSession.CallerIdentity who = session.identity();
            String partition = who.arn().split(":")[1];
            return read(session.iam(), who.account(), partition, name, profile, progress, cancelled);
        } catch (SdkException e) {
            throw new ReadException("cannot read " + name + ": " + AwsErrors.describe(profile, e), e);
        }
    }

    AccountSnapshot read(IamClient iam, String account, String partition, String source, String profile, Progress progress,
            BooleanSupplier cancelled) {
        List<RoleDetail> roleDetails = new ArrayList<>();
        Map<String, String> policyDocuments = new HashMap<>();
        int page = 0;
        for (GetAccountAuthorizationDetailsResponse response
                : iam.getAccountAuthorizationDetailsPaginator(r -> r.filterWithStrings(FILTER))) {
            check(cancelled);
            page++;
            roleDetails.addAll(response.roleDetailList());
            for (ManagedPolicyDetail policy : response.policies()) {
                for (PolicyVersion version : policy.policyVersionList()) {
                    if (Boolean.TRUE.equals(version.isDefaultVersion())
                            || version.versionId() != null && version.versionId().equals(policy.defaultVersionId())) {
                        policyDocuments.put(policy.arn(), version.document());
                    }
                }
            }
            progress.update(profile, "page " + page + ": " + roleDetails.size() + " roles");
        }
        check(cancelled);
        List<OidcProvider> providers = new ArrayList<>();
        for (OpenIDConnectProviderListEntry entry : iam.listOpenIDConnectProviders().openIDConnectProviderList()) {
            check(cancelled);
            GetOpenIdConnectProviderResponse p = iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(entry.arn()));
            String url = p.url().startsWith("https://") ? p.url() : "https://" + p.url();
            providers.add(new OidcProvider(url, p.clientIDList(), p.thumbprintList(), Map.of()));
        }
        check(cancelled);
        List<String> saml = iam.listSAMLProviders().samlProviderList().stream().map(SAMLProviderListEntry::arn).toList();
        List<Role> roles = new ArrayList<>();
        Map<String, PolicyDocument> managed = new HashMap<>();
        for (RoleDetail detail : roleDetails) {
            String where = source + ": role " + detail.roleName();
            Map<String, PolicyDocument> inline = new LinkedHashMap<>();
            for (PolicyDetail p : detail.rolePolicyList()) {
                inline.put(p.policyName(), parse(p.policyDocument(), where + " inline policy " + p.policyName()));
            }
            List<String> attached = detail.attachedManagedPolicies().stream().map(AttachedPolicy::policyArn).toList();
            String boundary = detail.permissionsBoundary() == null ? null : detail.permissionsBoundary().permissionsBoundaryArn();
            List<String> needed = new ArrayList<>(attached);
            if (boundary != null) {
                needed.add(boundary);
            }
            for (String arn : needed) {
                String document = policyDocuments.get(arn);
                if (document != null && !managed.containsKey(arn)) {
                    managed.put(arn, parse(document, source + ": managed policy " + arn));
                }
            }
            Map<String, String> tags = new LinkedHashMap<>();
            detail.tags().forEach(t -> tags.put(t.key(), t.value()));
            roles.add(new Role(detail.roleName(), detail.path(), null,
                    parse(detail.assumeRolePolicyDocument(), where + " trust policy"), inline, attached, 3600, boundary, tags));
        }
        progress.update(profile, roles.size() + " roles, " + providers.size() + " OIDC and " + saml.size() + " SAML providers");
        return new AccountSnapshot(account, partition, new IamAccount(account, providers, roles), saml, managed, source, true);
    }

    private static PolicyDocument parse(String document, String where) {
        try {
            return PolicyJson.parse(document);
        } catch (PolicyException e) {
            throw new ReadException(where + ": not a valid IAM policy: " + String.join("; ", e.problems()), e);
        }
    }

    private static void check(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("inspect cancelled: nothing was changed (reading is read-only)");
        }
    }
}
