package dev.rolechain.aws;

import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.Role;
import dev.rolechain.plan.Change;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.plan.Differ;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code rolechain plan}: reads each account of a plan through the profile the Setup names for it
 * and lists the changes an apply would make. Read-only. Refuses an account whose profile reaches
 * another account than the Setup expects.
 */
public final class LivePlanner {
    private final Function<String, AccountSession> sessions;
    private final Differ differ;
    private final dev.rolechain.chain.ChainCheck chainCheck;

    public LivePlanner(Function<String, AccountSession> sessions, Differ differ, dev.rolechain.chain.ChainCheck chainCheck) {
        this.sessions = sessions;
        this.differ = differ;
        this.chainCheck = chainCheck;
    }

    /**
     * The changes an apply would make (each role's with what it keeps of others' and why it needs
     * consent) and the findings: statements of others, kept by apply, that decide a chain otherwise than
     * the plan (an explicit Deny of the OIDC role, say).
     */
    public record Review(List<Change> changes, List<String> findings) {
    }

    /** An account that cannot be read, with what to do about it. */
    public static final class AccountException extends RuntimeException {
        public AccountException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public List<Change> plan(DesiredState state) {
        return review(state).changes();
    }

    /** The changes and the findings of {@link Review}, from one read of each account. */
    public Review review(DesiredState state) {
        List<Change> changes = new ArrayList<>();
        List<IamAccount> live = readAll(state);
        for (int i = 0; i < live.size(); i++) {
            changes.addAll(differ.diff(state.liveAccounts().get(i), live.get(i)));
        }
        return new Review(changes, chainCheck.keptContradictions(state, live));
    }

    /** What each planned account holds now, read through its profile. */
    public List<IamAccount> readAll(DesiredState state) {
        return state.liveAccounts().stream().map(planned -> read(state, planned)).toList();
    }

    /**
     * The IAM policy simulator's answer for the OIDC role's sts:AssumeRole on a deploy role, or empty
     * where the simulator does not answer.
     */
    public Simulation simulate(DesiredState state, String oidcRoleArn, String deployRoleArn) {
        return simulate(state, oidcRoleArn, deployRoleArn, null);
    }

    /**
     * The same for a deploy role in a member account of OUs: the resource's organization path
     * ({@code aws:ResourceOrgPaths}) is given to the simulator as a context entry.
     */
    public Simulation simulate(DesiredState state, String oidcRoleArn, String deployRoleArn, String memberOrgPath) {
        String profile = state.profileFor(state.toolingAccountId());
        try (AccountSession session = sessions.apply(profile)) {
            var response = session.iam().simulatePrincipalPolicy(r -> {
                r.policySourceArn(oidcRoleArn).actionNames("sts:AssumeRole").resourceArns(deployRoleArn);
                if (memberOrgPath != null) {
                    r.contextEntries(software.amazon.awssdk.services.iam.model.ContextEntry.builder()
                            .contextKeyName(dev.rolechain.plan.Planner.RESOURCE_ORG_PATHS_KEY)
                            .contextKeyType(software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum.STRING_LIST)
                            .contextKeyValues(memberOrgPath).build());
                }
            });
            return response.evaluationResults().stream().findFirst()
                    .map(e -> new Simulation(java.util.Optional.of(e.evalDecisionAsString()), null))
                    .orElse(new Simulation(java.util.Optional.empty(), "it returned no evaluation result"));
        } catch (SdkException e) {
            String why = e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException ase
                    && ase.awsErrorDetails() != null
                    ? ase.awsErrorDetails().errorCode() + ": " + ase.awsErrorDetails().errorMessage() : e.getMessage();
            return new Simulation(java.util.Optional.empty(), why);
        }
    }

    /** The simulator's decision, or why it gave none (it is not available on every endpoint or to every caller). */
    public record Simulation(java.util.Optional<String> decision, String problem) {
    }

    private IamAccount read(DesiredState state, IamAccount planned) {
        String profile = state.profileFor(planned.accountId());
        String name = profile == null ? "the default credentials" : "profile " + profile;
        try (AccountSession session = sessions.apply(profile)) {
            AccountSession.CallerIdentity who = session.identity();
            if (!who.account().equals(planned.accountId())) {
                throw new AccountException(name + " reaches account " + who.account() + " (" + who.arn()
                        + "), but the Setup plans account " + planned.accountId()
                        + "; nothing was read from it. Set the account's profile in the Setup.", null);
            }
            return new IamAccountReader(session.iam()).read(planned.accountId(),
                    planned.roles().stream().map(Role::name).toList());
        } catch (SdkException e) {
            throw new AccountException("cannot read account " + planned.accountId() + ": "
                    + AwsErrors.describe(profile, e), e);
        }
    }
}
