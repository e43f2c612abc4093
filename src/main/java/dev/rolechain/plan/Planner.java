package dev.rolechain.plan;

import dev.rolechain.github.Issuer;
import dev.rolechain.github.SubjectClaims;
import dev.rolechain.iam.Arns;
import dev.rolechain.iam.Condition;
import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.OidcProvider;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Principals;
import dev.rolechain.iam.Role;
import dev.rolechain.iam.Statement;
import dev.rolechain.setup.GitHub;
import dev.rolechain.setup.OidcRoles;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.Subject;
import dev.rolechain.setup.Target;
import dev.rolechain.setup.Tooling;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Plans the IAM state a valid Setup asks for. Pure and deterministic: the same Setup, the same plan. */
public final class Planner {

    public static final String MANAGED_BY_KEY = "managed-by";
    public static final String MANAGED_BY_VALUE = "rolechain";
    public static final String ROLE_PATH = "/";
    public static final String ASSUME_POLICY_NAME = "rolechain-assume-deploy-roles";
    public static final String WEB_IDENTITY_ACTION = "sts:AssumeRoleWithWebIdentity";
    public static final String ASSUME_ROLE_ACTION = "sts:AssumeRole";
    public static final String TAG_SESSION_ACTION = "sts:TagSession";
    public static final String EXTERNAL_ID_KEY = "sts:ExternalId";
    /** The Sids of Rolechain's trust statements: apply replaces these and keeps every other statement. */
    public static final String OIDC_TRUST_SID = Ownership.SID_PREFIX + "GitHubOidc";
    public static final String DEPLOY_TRUST_SID = Ownership.SID_PREFIX + "OidcRoleChain";
    public static final String SESSION_TAGS_SID = Ownership.SID_PREFIX + "SessionTags";
    /** The session tag configure-aws-credentials sets to the repository (owner/name) of the run. */
    public static final String REPOSITORY_TAG_KEY = "aws:RequestTag/Repository";
    /** The organization paths of the account that owns the resource (multivalued: ForAnyValue). */
    public static final String RESOURCE_ORG_PATHS_KEY = "aws:ResourceOrgPaths";

    private static final Map<String, String> TAGS = Map.of(MANAGED_BY_KEY, MANAGED_BY_VALUE);
    /** On the deploy role of a production target, so that Inspect (and anyone reading the account) knows it. */
    public static final String PRODUCTION_KEY = "rolechain:production";

    public DesiredState plan(Setup setup) {
        Tooling tooling = setup.tooling();
        String partition = Arns.partition(tooling.region());
        Issuer issuer = issuer(setup.github());
        String audience = setup.github().audience();
        String providerArn = Arns.oidcProvider(partition, tooling.accountId(), issuer.id());
        boolean tagging = setup.workflow().sessionTagging();

        // Which OIDC role serves which targets.
        Map<String, List<Target>> served = new LinkedHashMap<>();
        for (Target target : setup.targets()) {
            String name = tooling.oidcRoles() == OidcRoles.SHARED
                    ? tooling.oidcRoleName()
                    : tooling.oidcRoleName() + "-" + target.name();
            served.computeIfAbsent(name, k -> new ArrayList<>()).add(target);
        }

        // The tooling account's OIDC roles come first, then each account's deploy roles in Setup order.
        List<Role> oidcRoles = new ArrayList<>();
        Map<String, List<Role>> deployRoles = new LinkedHashMap<>();
        List<Chain> chains = new ArrayList<>();
        for (Map.Entry<String, List<Target>> entry : served.entrySet()) {
            String oidcRoleName = entry.getKey();
            String oidcRoleArn = Arns.role(partition, tooling.accountId(), ROLE_PATH, oidcRoleName);
            Set<String> claims = new LinkedHashSet<>();
            Set<String> deployArns = new LinkedHashSet<>();
            List<Target> organizational = new ArrayList<>();
            for (Target target : entry.getValue()) {
                List<String> targetClaims = claims(setup.github(), target);
                claims.addAll(targetClaims);
                String deployArn = Arns.role(partition, target.accountId(), ROLE_PATH, target.roleName());
                String memberPath = null;
                if (target.organizational()) {
                    organizational.add(target);
                    memberPath = setup.organizations().memberPath(target.organizationalUnitIds().get(0));
                } else {
                    deployArns.add(deployArn);
                }
                chains.add(new Chain(target, oidcRoleName, oidcRoleArn, deployArn, targetClaims, memberPath));
                deployRoles.computeIfAbsent(target.accountId(), k -> new ArrayList<>())
                        .add(deployRole(target, oidcRoleArn, tagging, setup.github().owner()));
            }
            oidcRoles.add(oidcRole(oidcRoleName, tooling, providerArn, issuer, audience, List.copyOf(claims),
                    List.copyOf(deployArns), organizational, setup, partition));
        }
        Map<String, List<Role>> rolesByAccount = new LinkedHashMap<>();
        rolesByAccount.put(tooling.accountId(), oidcRoles);
        deployRoles.forEach((account, roles) ->
                rolesByAccount.computeIfAbsent(account, k -> new ArrayList<>()).addAll(roles));

        List<IamAccount> accounts = new ArrayList<>();
        for (Map.Entry<String, List<Role>> entry : rolesByAccount.entrySet()) {
            List<OidcProvider> providers = entry.getKey().equals(tooling.accountId()) && tooling.createProvider()
                    ? List.of(new OidcProvider(issuer.url(), List.of(audience), List.of(), TAGS))
                    : List.of();
            accounts.add(new IamAccount(entry.getKey(), providers, entry.getValue()));
        }
        return new DesiredState(setup, partition, issuer, audience, tooling.createProvider(), providerArn,
                tooling.accountId(), accounts, chains);
    }

    /** The one repository a target admits, when its subjects name exactly one (and not every repository). */
    public static java.util.Optional<String> singleRepository(Target target) {
        Set<String> repositories = new LinkedHashSet<>();
        target.subjects().forEach(s -> repositories.add(s.repository()));
        return repositories.size() == 1 && !repositories.contains(Subject.ANY_REPOSITORY)
                ? java.util.Optional.of(repositories.iterator().next()) : java.util.Optional.empty();
    }

    /**
     * A value as a policy condition matches it literally: in a policy of version 2012-10-17 {@code ${…}}
     * is a policy variable, so every {@code $} is written {@code ${$}} (a branch {@code x${var.region}}
     * would otherwise never match).
     */
    public static String literal(String value) {
        return value.replace("$", "${$}");
    }

    public static Issuer issuer(GitHub github) {
        if (github.enterpriseSlug() != null) {
            return Issuer.enterpriseCloud(github.enterpriseSlug());
        }
        if (github.serverHost() != null) {
            return Issuer.enterpriseServer(github.serverHost());
        }
        return Issuer.githubCom();
    }

    /**
     * The {@code sub} claims a target admits, de-duplicated, in the order the Setup gives them: per
     * subject the name form, the immutable form (owner and repository ids pinned, names too), or both,
     * as the repository's subject format says.
     */
    public static List<String> claims(GitHub github, Target target) {
        Set<String> claims = new LinkedHashSet<>();
        for (Subject subject : target.subjects()) {
            claims.addAll(claims(github, subject));
        }
        return List.copyOf(claims);
    }

    /** The {@code sub} claims one subject admits. */
    public static List<String> claims(GitHub github, Subject subject) {
        dev.rolechain.setup.SubjectFormat format = github.formatOf(subject.repository());
        dev.rolechain.github.SubjectPattern pattern = Chain.pattern(subject);
        List<String> keys = github.templateOf(subject.repository());
        dev.rolechain.github.SubTemplate template = keys == null ? dev.rolechain.github.SubTemplate.DEFAULT
                : new dev.rolechain.github.SubTemplate(keys);
        Long repositoryId = github.idOf(subject.repository());
        Set<String> claims = new LinkedHashSet<>();
        if (format.admitsNames()) {
            claims.add(pattern.sub(template, github.owner(), github.ownerId(), repositoryId, false));
        }
        if (format.admitsIds()) {
            claims.add(pattern.sub(template, github.owner(), github.ownerId(), repositoryId, true));
        }
        return List.copyOf(claims);
    }

    private static Role oidcRole(String name, Tooling tooling, String providerArn, Issuer issuer, String audience,
            List<String> claims, List<String> deployArns, List<Target> organizational, Setup setup, String partition) {
        boolean tagging = setup.workflow().sessionTagging();
        String owner = setup.github().owner();
        boolean wildcard = claims.stream().anyMatch(SubjectClaims::hasWildcard);
        PolicyDocument trust = PolicyDocument.of(Statement.allowPrincipal(OIDC_TRUST_SID,
                Principals.of("Federated", providerArn),
                List.of(WEB_IDENTITY_ACTION),
                List.of(new Condition("StringEquals", issuer.audKey(), literal(audience)),
                        new Condition(wildcard ? "StringLike" : "StringEquals", issuer.subKey(),
                                claims.stream().map(Planner::literal).toList()))));
        List<String> actions = tagging ? List.of(ASSUME_ROLE_ACTION, TAG_SESSION_ACTION) : List.of(ASSUME_ROLE_ACTION);
        List<Statement> statements = new ArrayList<>();
        if (!deployArns.isEmpty()) {
            statements.add(Statement.allow("AssumeDeployRoles", actions, deployArns));
        }
        // A target of OUs: its role name in any account, as long as the account is in one of its OUs (or below).
        int n = 0;
        for (Target target : organizational) {
            List<String> paths = new ArrayList<>();
            target.organizationalUnitIds().forEach(ou -> paths.addAll(setup.organizations().pathPatterns(ou)));
            statements.add(new Statement("AssumeOrganizationDeployRoles" + (++n == 1 ? "" : String.valueOf(n)),
                    dev.rolechain.iam.Effect.ALLOW, null, null, actions, null,
                    List.of(Arns.role(partition, "*", ROLE_PATH, target.roleName())), null,
                    List.of(new Condition("ForAnyValue:StringLike", RESOURCE_ORG_PATHS_KEY, paths))));
        }
        PolicyDocument assume = new PolicyDocument(PolicyDocument.VERSION, null, statements);
        return new Role(name, ROLE_PATH, "GitHub Actions OIDC role for " + owner + " (managed by Rolechain)", trust,
                Map.of(ASSUME_POLICY_NAME, assume), List.of(), tooling.maxSessionSeconds(), null, TAGS);
    }

    private static Role deployRole(Target target, String oidcRoleArn, boolean tagging, String owner) {
        Condition externalId = new Condition("StringEquals", EXTERNAL_ID_KEY, target.externalId());
        Principals oidcRole = Principals.of("AWS", oidcRoleArn);
        PolicyDocument trust;
        if (!tagging) {
            trust = PolicyDocument.of(Statement.allowPrincipal(DEPLOY_TRUST_SID, oidcRole, List.of(ASSUME_ROLE_ACTION),
                    List.of(externalId)));
        } else {
            // The caller chooses the session tags of the chained AssumeRole. When the target admits one
            // repository, the Repository tag can only be that one, so policies may scope by it.
            List<Condition> tagConditions = new ArrayList<>(List.of(externalId));
            singleRepository(target).ifPresent(repo -> tagConditions.add(new Condition("StringEquals",
                    REPOSITORY_TAG_KEY, literal(owner + "/" + repo))));
            trust = PolicyDocument.of(
                    Statement.allowPrincipal(DEPLOY_TRUST_SID, oidcRole, List.of(ASSUME_ROLE_ACTION), List.of(externalId)),
                    Statement.allowPrincipal(SESSION_TAGS_SID, oidcRole, List.of(TAG_SESSION_ACTION), tagConditions));
        }
        Map<String, PolicyDocument> inline = new TreeMap<>();
        target.inlinePolicies().forEach((policyName, json) -> inline.put(policyName, PolicyJson.parse(json)));
        return new Role(target.roleName(), ROLE_PATH,
                "Deploy role for GitHub Actions of " + owner + ", target " + target.name() + " (managed by Rolechain)",
                trust, inline, target.managedPolicyArns(), target.maxSessionSeconds(), target.permissionsBoundaryArn(),
                target.production() ? Map.of(MANAGED_BY_KEY, MANAGED_BY_VALUE, PRODUCTION_KEY, "true") : TAGS);
    }
}
