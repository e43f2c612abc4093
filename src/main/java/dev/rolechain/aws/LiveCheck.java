package dev.rolechain.aws;

import dev.rolechain.chain.Cell;
import dev.rolechain.chain.ChainCheck;
import dev.rolechain.iam.Decision;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.OidcProvider;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyEvaluator;
import dev.rolechain.iam.Principal;
import dev.rolechain.iam.Request;
import dev.rolechain.plan.Chain;
import dev.rolechain.plan.DesiredState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dry-run matrix on the documents read from the accounts, the OIDC provider and its audience,
 * and the IAM policy simulator's opinion on each chain beside Rolechain's. Right after an apply, IAM
 * may not show every write yet (it is eventually consistent): then a result with problems is read
 * again with backoff before it is reported.
 */
public final class LiveCheck {
    /** The matrix, one line per live fact (provider, simulator), and whether anything is wrong. */
    public record Result(List<Cell> cells, List<Permission> permissions, String provider, boolean providerOk) {
        public boolean ok() {
            return providerOk && cells.stream().allMatch(Cell::asExpected)
                    && permissions.stream().allMatch(p -> p.ours());
        }
    }

    /** sts:AssumeRole from an OIDC role to a deploy role: Rolechain's decision and the simulator's, if it answered. */
    public record Permission(String target, String oidcRoleArn, String deployRoleArn, boolean ours, Optional<String> simulator,
            String simulatorProblem) {
        public boolean disagree() {
            return simulator.isPresent() && simulator.get().equals("allowed") != ours;
        }
    }

    private final LivePlanner reader;
    private final ChainCheck chainCheck;
    private final PolicyEvaluator evaluator;
    private final Sleeper sleeper;

    /** Waits between reads (a test makes it instant). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final MemberCheck members;

    public LiveCheck(LivePlanner reader, ChainCheck chainCheck, PolicyEvaluator evaluator, Sleeper sleeper) {
        this(reader, chainCheck, evaluator, sleeper, null);
    }

    /** With the check of organization targets in their member accounts. */
    public LiveCheck(LivePlanner reader, ChainCheck chainCheck, PolicyEvaluator evaluator, Sleeper sleeper,
            MemberCheck members) {
        this.reader = reader;
        this.chainCheck = chainCheck;
        this.evaluator = evaluator;
        this.sleeper = sleeper;
        this.members = members;
    }

    /** Reads once. */
    public Result check(DesiredState state) {
        return once(state, null);
    }

    /**
     * Reads once, and decides organization targets also in a sample of their member accounts (each account's
     * own deploy role and organization path), besides the template's documents.
     */
    public Result check(DesiredState state, MemberCheck.Sample sample) {
        return once(state, sample);
    }

    /**
     * Right after an apply: reads again, waiting 0.5, 1, 2, 4 and 8 s in between, while the result
     * has problems, and reports the last one (a problem that stays is real).
     */
    public Result checkAfterApply(DesiredState state) throws InterruptedException {
        Result result = once(state, null);
        Duration wait = Duration.ofMillis(500);
        for (int i = 0; i < 5 && !result.ok(); i++) {
            sleeper.sleep(wait);
            wait = wait.multipliedBy(2);
            result = once(state, null);
        }
        return result;
    }

    private Result once(DesiredState planned, MemberCheck.Sample sample) {
        List<IamAccount> accounts = reader.readAll(planned);
        IamAccount tooling = accounts.stream().filter(a -> a.accountId().equals(planned.toolingAccountId())).findFirst()
                .orElseThrow();
        Optional<OidcProvider> provider = tooling.oidcProviders().stream()
                .filter(p -> p.id().equals(planned.issuer().id())).findFirst();
        String providerNote;
        boolean providerOk = false;
        if (provider.isEmpty()) {
            providerNote = "MISSING: account " + planned.toolingAccountId() + " has no OIDC provider for "
                    + planned.issuer().url();
        } else if (!provider.get().clientIds().contains(planned.audience())) {
            providerNote = "the OIDC provider does not list the audience " + planned.audience() + " among its client ids "
                    + provider.get().clientIds();
        } else {
            providerNote = "ok (" + planned.issuer().url() + ", audience " + planned.audience() + ")";
            providerOk = true;
        }
        // The member accounts of OU targets are decided on the StackSet template's documents (the plan's).
        List<IamAccount> decided = new ArrayList<>(accounts);
        planned.account(dev.rolechain.setup.Target.MEMBER_ACCOUNTS).ifPresent(decided::add);
        List<Cell> cells = new ArrayList<>(chainCheck.check(planned, decided));
        if (sample != null && members != null && !planned.organizationChains().isEmpty()) {
            cells.addAll(members.cells(planned, accounts, sample));
        }
        List<Permission> permissions = new ArrayList<>();
        for (Chain chain : planned.chains()) {
            List<PolicyDocument> identity = tooling.role(chain.oidcRoleName())
                    .map(r -> List.copyOf(r.inlinePolicies().values())).orElse(List.of());
            boolean ours = evaluator.decide(null, identity, new Request(Principal.session(planned.partition(),
                    planned.toolingAccountId(), chain.oidcRoleName(), planned.roleSessionName()), "sts:AssumeRole",
                    chain.deployRoleArn(), chain.resourceContext(java.util.Map.of()))) == Decision.ALLOW;
            LivePlanner.Simulation simulation = reader.simulate(planned, chain.oidcRoleArn(), chain.deployRoleArn(),
                    chain.memberOrgPath());
            permissions.add(new Permission(chain.targetName(), chain.oidcRoleArn(), chain.deployRoleArn(), ours,
                    simulation.decision(), simulation.problem()));
        }
        return new Result(cells, permissions, providerNote, providerOk);
    }
}
