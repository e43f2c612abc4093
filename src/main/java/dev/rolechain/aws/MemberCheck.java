package dev.rolechain.aws;

import dev.rolechain.chain.Cell;
import dev.rolechain.chain.ChainCheck;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Role;
import dev.rolechain.plan.Chain;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.setup.Organizations;
import dev.rolechain.setup.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The live check of organization targets in their member accounts: a sample of the OUs' accounts (or all), each
 * one's deploy role read through a role assumed in it, and the chain decided hop by hop on what that account holds,
 * with the account's own organization path. The cells name the account: {@code workloads@123456789012}.
 */
public final class MemberCheck {
    private final ChainCheck chainCheck;
    private final StackSets stackSets;

    public MemberCheck(ChainCheck chainCheck, StackSets stackSets) {
        this.chainCheck = chainCheck;
        this.stackSets = stackSets;
    }

    /** Which member accounts to read: {@code all}, or at most this many, spread over the sorted list. */
    public record Sample(int size, String accessRole) {
        public static final int ALL = Integer.MAX_VALUE;

        /** The accounts of a sorted list the sample takes. */
        List<String> of(List<String> accounts) {
            List<String> sorted = accounts.stream().sorted().toList();
            if (sorted.size() <= size) {
                return sorted;
            }
            List<String> picked = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                picked.add(sorted.get((int) ((long) i * sorted.size() / size)));
            }
            return picked;
        }
    }

    /** The cells of every organization chain in the sampled member accounts, on the live tooling account. */
    public List<Cell> cells(DesiredState planned, List<IamAccount> live, Sample sample) {
        Organizations org = planned.setup().organizations();
        OrganizationsApi api = OrganizationsApi.forProfile(org.profile());
        Map<String, List<String>> members = stackSets.memberAccounts(planned);
        AwsCredentialsProvider base = AccountSession.credentials(org.profile());
        ClientOverrideConfiguration config = AccountSession.overrides(org.profile());
        List<Cell> cells = new ArrayList<>();
        try (StsClient sts = StsClient.builder().region(Region.US_EAST_1).credentialsProvider(base)
                .overrideConfiguration(config).build()) {
            for (Chain chain : planned.organizationChains()) {
                for (String account : sample.of(members.getOrDefault(chain.targetName(), List.of()))) {
                    String label = chain.targetName() + "@" + account;
                    String roleArn = chain.deployRoleArn().replace(":" + Target.MEMBER_ACCOUNTS + ":", ":" + account + ":");
                    IamAccount member;
                    try {
                        try (IamClient iam = OrganizationReader.memberIam(sts, config, planned.partition(), account,
                                sample.accessRole(), "rolechain-check")) {
                            // the chain's deploy role is looked up in the placeholder account: the member's role goes there
                            member = new IamAccount(Target.MEMBER_ACCOUNTS, List.of(), deployRole(iam, chain).stream().toList());
                        }
                    } catch (SdkException e) {
                        cells.add(new Cell(label, "(account " + account + ")", null, Cell.Expectation.ALLOW,
                                Cell.Expectation.DENY, Cell.Hop.TARGET_TRUST, "could not read the deploy role in account "
                                + account + " through " + sample.accessRole() + ": " + AwsErrors.describe(org.profile(), e)));
                        continue;
                    }
                    Chain inAccount = new Chain(chain.target(), chain.oidcRoleName(), chain.oidcRoleArn(), roleArn,
                            chain.subjectClaims(), api.pathOf(org.id(), account));
                    DesiredState one = new DesiredState(planned.setup(), planned.partition(), planned.issuer(),
                            planned.audience(), planned.createProvider(), planned.providerArn(), planned.toolingAccountId(),
                            planned.accounts(), List.of(inAccount));
                    List<IamAccount> accounts = new ArrayList<>(live);
                    accounts.add(member);
                    for (Cell c : chainCheck.check(one, accounts)) {
                        cells.add(new Cell(label, c.subject(), c.probe(), c.expected(), c.verdict(), c.hop(), c::reason,
                                c.uncertain()));
                    }
                }
            }
        }
        return cells;
    }

    /**
     * What the chain check needs of the member's deploy role: its trust and maximum session (GetRole), nothing
     * else; empty when the account has no such role.
     */
    private static java.util.Optional<Role> deployRole(IamClient iam, Chain chain) {
        try {
            var r = iam.getRole(g -> g.roleName(chain.target().roleName())).role();
            return java.util.Optional.of(new Role(r.roleName(), r.path(), r.description(),
                    PolicyJson.parse(PolicyJson.decode(r.assumeRolePolicyDocument())), Map.of(), List.of(),
                    r.maxSessionDuration() == null ? 3600 : r.maxSessionDuration(), null, Map.of()));
        } catch (NoSuchEntityException e) {
            return java.util.Optional.empty();
        }
    }
}
