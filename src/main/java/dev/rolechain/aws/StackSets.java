package dev.rolechain.aws;

import dev.rolechain.plan.Chain;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.plan.UnifiedDiff;
import dev.rolechain.render.CloudFormationTemplate;
import dev.rolechain.render.Renderer;
import dev.rolechain.setup.Organizations;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.AccountFilterType;
import software.amazon.awssdk.services.cloudformation.model.AutoDeployment;
import software.amazon.awssdk.services.cloudformation.model.CallAs;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DeploymentTargets;
import software.amazon.awssdk.services.cloudformation.model.PermissionModels;
import software.amazon.awssdk.services.cloudformation.model.StackSet;
import software.amazon.awssdk.services.cloudformation.model.StackSetNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationStatus;

/**
 * The StackSets of organization targets (decision 0011), under the organization's management or delegated
 * administrator profile: create the StackSet (service-managed, automatic deployment) or update its template,
 * and create instances where an account of the target's OUs has none. It never deletes a StackSet or an
 * instance. {@link #plan} only reads; {@link #apply} writes what a plan says and waits on each operation.
 */
public final class StackSets {
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Journal journal;
    private final Path backups;
    private final java.util.function.Function<String, OrganizationsApi> organizations;

    public StackSets(Journal journal, Path backups) {
        this(journal, backups, OrganizationsApi::forProfile);
    }

    StackSets(Journal journal, Path backups, java.util.function.Function<String, OrganizationsApi> organizations) {
        this.journal = journal;
        this.backups = backups;
        this.organizations = organizations;
    }

    /** What one StackSet needs: create it, update its template, or create instances. */
    public enum Kind { CREATE_STACK_SET, UPDATE_TEMPLATE, CREATE_INSTANCES, ADD_ACCOUNTS }

    /**
     * One step: for {@code CREATE_INSTANCES} the OUs that gain instances, for {@code ADD_ACCOUNTS} the accounts of
     * an OU that lack one (a StackSet created before they joined, where automatic deployment did not reach them).
     */
    public record Step(String target, String stackSet, Kind kind, List<String> organizationalUnitIds,
            List<String> accounts, List<String> regions, String diff) {
        public String describe() {
            return switch (kind) {
                case CREATE_STACK_SET -> "create StackSet " + stackSet + " (service-managed, automatic deployment)";
                case UPDATE_TEMPLATE -> "update the template of StackSet " + stackSet;
                case CREATE_INSTANCES -> "create instances of " + stackSet + " in " + String.join(", ", organizationalUnitIds)
                        + " (" + String.join(", ", regions) + ")";
                case ADD_ACCOUNTS -> "create instances of " + stackSet + " in account" + (accounts.size() == 1 ? " " : "s ")
                        + String.join(", ", accounts) + " of " + String.join(", ", organizationalUnitIds)
                        + " (" + String.join(", ", regions) + ")";
            };
        }
    }

    /** What the organization's StackSets need, and each target's member accounts as Organizations lists them. */
    public record Plan(List<Step> steps, Map<String, List<String>> accountsByTarget, CallAs callAs) {
        public Plan(List<Step> steps, Map<String, List<String>> accountsByTarget) {
            this(steps, accountsByTarget, CallAs.SELF);
        }
    }

    /** Progress of one operation: accounts done, failed and still running. */
    public record Progress(String stackSet, String operation, int succeeded, int failed, int running) {
    }

    /** The outcome: the steps done and the write calls made. */
    public record Result(List<Step> done, int writes) {
    }

    /** A StackSet operation that failed or was stopped; nothing is deleted, a re-run continues. */
    public static final class StackSetException extends RuntimeException {
        public StackSetException(String message) {
            super(message);
        }
    }

    /** Whether the Setup has organization targets. */
    public static boolean needed(DesiredState state) {
        return !state.organizationChains().isEmpty();
    }

    /**
     * Before any write: the organization profile reaches the Setup's organization (DescribeOrganization), and
     * the StackSets' home region is known. Throws with the reason otherwise.
     */
    public void preflight(DesiredState state) {
        Organizations org = state.setup().organizations();
        OrganizationsApi api = organizations.apply(org.profile());
        OrganizationsApi.Organization found;
        try {
            found = api.describeOrganization();
        } catch (OrganizationsApi.OrganizationsException e) {
            throw new StackSetException("profile " + org.profile() + " (organizations.profile) cannot read the "
                    + "organization: " + e.getMessage() + "; it must be the management or a delegated administrator account");
        }
        if (!found.id().equals(org.id())) {
            throw new StackSetException("profile " + org.profile() + " is in organization " + found.id()
                    + ", but the Setup names " + org.id() + " (organizations.id); nothing was written");
        }
    }

    /**
     * The member accounts of each organization target's OUs (and the OUs below them), as Organizations lists them
     * through the organization profile: active accounts, the management account left out (StackSets do not deploy
     * there). Target name → account ids.
     */
    public Map<String, List<String>> memberAccounts(DesiredState state) {
        Organizations org = state.setup().organizations();
        OrganizationsApi api = organizations.apply(org.profile());
        String management = api.describeOrganization().managementAccountId();
        Map<String, List<String>> byTarget = new LinkedHashMap<>();
        for (Chain chain : state.organizationChains()) {
            List<String> accounts = new ArrayList<>();
            for (String ou : chain.target().organizationalUnitIds()) {
                accounts.addAll(members(api, ou, management));
            }
            byTarget.put(chain.targetName(), List.copyOf(new LinkedHashSet<>(accounts)));
        }
        return byTarget;
    }

    private static List<String> members(OrganizationsApi api, String ou, String management) {
        return api.accountsBelow(ou).stream().filter(a -> !"SUSPENDED".equals(a.status()))
                .map(OrganizationsApi.Account::id).filter(a -> !a.equals(management)).toList();
    }

    /** Reads the StackSets, their instances and the OUs' accounts; writes nothing. */
    public Plan plan(DesiredState state) {
        Organizations org = state.setup().organizations();
        OrganizationsApi api = organizations.apply(org.profile());
        String management = api.describeOrganization().managementAccountId();
        // A delegated administrator acts on the organization's StackSets as such (CallAs DELEGATED_ADMIN).
        CallAs callAs;
        try (AccountSession session = AccountSession.open(org.profile())) {
            callAs = session.identity().account().equals(management) ? CallAs.SELF : CallAs.DELEGATED_ADMIN;
        }
        List<Step> steps = new ArrayList<>();
        Map<String, List<String>> accountsByTarget = new LinkedHashMap<>();
        try (CloudFormationClient cfn = client(org.profile(), state.setup().tooling().region())) {
            for (Chain chain : state.organizationChains()) {
                String name = Renderer.stackSetName(chain);
                String template = CloudFormationTemplate.yaml(chain, Renderer.memberRole(state, chain), state.owner());
                List<String> regions = chain.target().effectiveRegions(state.setup().tooling());
                StackSet existing = describe(cfn, name, callAs);
                if (existing == null) {
                    steps.add(new Step(chain.targetName(), name, Kind.CREATE_STACK_SET, List.of(), List.of(), regions,
                            UnifiedDiff.of("(none)", "", name + " (planned)", template)));
                } else if (!template.equals(existing.templateBody())) {
                    steps.add(new Step(chain.targetName(), name, Kind.UPDATE_TEMPLATE, List.of(), List.of(), regions,
                            UnifiedDiff.of(name + " (now)", String.valueOf(existing.templateBody()), name + " (planned)",
                            template)));
                }
                Set<String> deployed = new LinkedHashSet<>();
                if (existing != null) {
                    cfn.listStackInstancesPaginator(r -> r.callAs(callAs).stackSetName(name)).summaries()
                            .forEach(i -> deployed.add(i.account() + "/" + i.region()));
                }
                List<String> targeted = existing == null ? List.of() : existing.organizationalUnitIds();
                List<String> members = new ArrayList<>();
                List<String> newOus = new ArrayList<>();
                for (String ou : chain.target().organizationalUnitIds()) {
                    List<String> accounts = members(api, ou, management);
                    members.addAll(accounts);
                    List<String> missing = accounts.stream()
                            .filter(a -> regions.stream().anyMatch(r -> !deployed.contains(a + "/" + r))).toList();
                    boolean none = accounts.stream().noneMatch(a -> regions.stream().anyMatch(r -> deployed.contains(a + "/" + r)));
                    if (none && !(accounts.isEmpty() && targeted.contains(ou))) {
                        newOus.add(ou);
                    } else if (!missing.isEmpty()) {
                        steps.add(new Step(chain.targetName(), name, Kind.ADD_ACCOUNTS, List.of(ou), missing, regions, null));
                    }
                }
                if (!newOus.isEmpty()) {
                    steps.add(new Step(chain.targetName(), name, Kind.CREATE_INSTANCES, newOus, List.of(), regions, null));
                }
                accountsByTarget.put(chain.targetName(), List.copyOf(members));
            }
        }
        return new Plan(steps, accountsByTarget, callAs);
    }

    /**
     * Does what the plan says, in order, waiting on each operation (progress after each poll); stops the running
     * operation when {@code cancelled} turns true. The template a step replaces is saved first.
     */
    public Result apply(DesiredState state, Plan plan, Consumer<Progress> progress, BooleanSupplier cancelled) {
        Organizations org = state.setup().organizations();
        CallAs callAs = plan.callAs();
        List<Step> done = new ArrayList<>();
        int writes = 0;
        try (CloudFormationClient cfn = client(org.profile(), state.setup().tooling().region())) {
            for (Step step : plan.steps()) {
                Chain chain = state.organizationChains().stream().filter(c -> c.targetName().equals(step.target()))
                        .findFirst().orElseThrow();
                String template = CloudFormationTemplate.yaml(chain, Renderer.memberRole(state, chain), state.owner());
                String operation = null;
                try {
                    switch (step.kind()) {
                        case CREATE_STACK_SET -> cfn.createStackSet(r -> r.callAs(callAs).stackSetName(step.stackSet())
                                .description("Rolechain: deploy role of target " + step.target())
                                .templateBody(template).permissionModel(PermissionModels.SERVICE_MANAGED)
                                .autoDeployment(AutoDeployment.builder().enabled(true)
                                        .retainStacksOnAccountRemoval(org.retainStacksOnAccountRemoval()).build())
                                .capabilities(Capability.CAPABILITY_NAMED_IAM));
                        case UPDATE_TEMPLATE -> {
                            StackSet before = describe(cfn, step.stackSet(), callAs);
                            keep(step.stackSet(), before == null ? "" : before.templateBody());
                            operation = cfn.updateStackSet(r -> r.callAs(callAs).stackSetName(step.stackSet()).templateBody(template)
                                    .capabilities(Capability.CAPABILITY_NAMED_IAM)).operationId();
                        }
                        case CREATE_INSTANCES -> operation = cfn.createStackInstances(r -> r.callAs(callAs).stackSetName(step.stackSet())
                                .regions(step.regions()).deploymentTargets(DeploymentTargets.builder()
                                        .organizationalUnitIds(step.organizationalUnitIds()).build())).operationId();
                        case ADD_ACCOUNTS -> operation = cfn.createStackInstances(r -> r.callAs(callAs).stackSetName(step.stackSet())
                                .regions(step.regions()).deploymentTargets(DeploymentTargets.builder()
                                        .organizationalUnitIds(step.organizationalUnitIds()).accounts(step.accounts())
                                        .accountFilterType(AccountFilterType.INTERSECTION).build())).operationId();
                    }
                } catch (CloudFormationException e) {
                    journal.record(String.valueOf(org.profile()), step.kind().name(), step.stackSet(), "failed: "
                            + (e.awsErrorDetails() == null ? e.statusCode() : e.awsErrorDetails().errorCode()));
                    throw new StackSetException(step.describe() + " failed: " + AwsErrors.describe(org.profile(), e)
                            + (done.isEmpty() ? "" : " (done before it: " + done.size() + " step(s); a re-run continues)")
                            + "; journal: " + journal.file());
                }
                writes++;
                journal.record(String.valueOf(org.profile()), step.kind().name(), step.stackSet(), operation == null ? "ok" : "operation "
                        + operation);
                if (operation != null) {
                    await(cfn, step, operation, callAs, progress, cancelled);
                }
                done.add(step);
            }
        }
        return new Result(done, writes);
    }

    private void await(CloudFormationClient cfn, Step step, String operation, CallAs callAs, Consumer<Progress> progress,
            BooleanSupplier cancelled) {
        while (true) {
            StackSetOperationStatus status = cfn.describeStackSetOperation(r -> r.callAs(callAs).stackSetName(step.stackSet())
                    .operationId(operation)).stackSetOperation().status();
            int succeeded = 0;
            int failed = 0;
            int running = 0;
            for (var result : cfn.listStackSetOperationResultsPaginator(r -> r.callAs(callAs).stackSetName(step.stackSet())
                    .operationId(operation)).summaries()) {
                switch (String.valueOf(result.statusAsString())) {
                    case "SUCCEEDED" -> succeeded++;
                    case "FAILED", "CANCELLED" -> failed++;
                    default -> running++;
                }
            }
            progress.accept(new Progress(step.stackSet(), operation, succeeded, failed, running));
            if (status == StackSetOperationStatus.SUCCEEDED) {
                return;
            }
            if (status == StackSetOperationStatus.FAILED || status == StackSetOperationStatus.STOPPED) {
                throw new StackSetException(step.describe() + ": operation " + operation + " " + status
                        + " (" + failed + " account(s) failed; see the StackSet's operation results); nothing was deleted");
            }
            if (cancelled.getAsBoolean()) {
                cfn.stopStackSetOperation(r -> r.callAs(callAs).stackSetName(step.stackSet()).operationId(operation));
                journal.record("", "StopStackSetOperation", step.stackSet(), "operation " + operation);
                throw new StackSetException(step.describe() + ": cancelled; operation " + operation
                        + " asked to stop (accounts already done keep their role; a re-run continues)");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackSetException(step.describe() + ": interrupted while operation " + operation + " runs");
            }
        }
    }

    /** The template a step replaces, saved beside the backups (0600) before it is replaced. */
    private void keep(String stackSet, String template) {
        try {
            Path folder = PrivateFiles.folder(backups.resolve("stacksets"));
            PrivateFiles.writeNew(folder.resolve(stackSet + "-" + java.time.Instant.now().toString().replace(':', '-')
                    + ".template"), template);
        } catch (IOException e) {
            throw new StackSetException("cannot save the template of " + stackSet + " before replacing it: " + e.getMessage());
        }
    }

    private static StackSet describe(CloudFormationClient cfn, String name, CallAs callAs) {
        try {
            return cfn.describeStackSet(r -> r.callAs(callAs).stackSetName(name)).stackSet();
        } catch (StackSetNotFoundException e) {
            return null;
        }
    }

    static CloudFormationClient client(String profile, String region) {
        return CloudFormationClient.builder().region(Region.of(region)).credentialsProvider(AccountSession.credentials(profile))
                .overrideConfiguration(AccountSession.overrides(profile)).build();
    }
}
