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

    public LivePlanner(Function<String, AccountSession> sessions, Differ differ) {
        this.sessions = sessions;
        this.differ = differ;
    }

    /** An account that cannot be read, with what to do about it. */
    public static final class AccountException extends RuntimeException {
        public AccountException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public List<Change> plan(DesiredState state) {
        List<Change> changes = new ArrayList<>();
        for (IamAccount planned : state.accounts()) {
            changes.addAll(differ.diff(planned, read(state, planned)));
        }
        return changes;
    }

    /** What each planned account holds now, read through its profile. */
    public List<IamAccount> readAll(DesiredState state) {
        return state.accounts().stream().map(planned -> read(state, planned)).toList();
    }

    /**
     * The IAM policy simulator's answer for the OIDC role's sts:AssumeRole on a deploy role, or empty
     * where the simulator does not answer.
     */
    public java.util.Optional<String> simulate(DesiredState state, String oidcRoleArn, String deployRoleArn) {
        String profile = state.profileFor(state.toolingAccountId());
        try (AccountSession session = sessions.apply(profile)) {
            var response = session.iam().simulatePrincipalPolicy(r -> r.policySourceArn(oidcRoleArn)
                    .actionNames("sts:AssumeRole").resourceArns(deployRoleArn));
            return response.evaluationResults().stream().findFirst().map(e -> e.evalDecisionAsString());
        } catch (SdkException e) {
            return java.util.Optional.empty();
        }
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
