package dev.rolechain.lint;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The identity provider a web-identity trust statement names, told apart by its issuer: GitHub Actions
 * (github.com, a GitHub Enterprise Cloud slug, GitHub Enterprise Server, GHE.com data residency) gets the GitHub
 * rules; every other OIDC provider the generic ones. {@code issuer} is the provider's URL without {@code https://},
 * which prefixes its condition keys ({@code <issuer>:sub}); {@code shared} says whether one issuer serves every
 * customer (gitlab.com, app.terraform.io, accounts.google.com, Cognito), so that an unpinned subject or audience
 * admits strangers rather than only one's own cluster or organization.
 */
public record Provider(Kind kind, String issuer, boolean shared) {

    /** The provider families Rolechain names. */
    public enum Kind {
        GITHUB("GitHub Actions"), EKS("Amazon EKS (IAM roles for service accounts)"), GITLAB("GitLab CI/CD"),
        TERRAFORM_CLOUD("HCP Terraform"), CIRCLECI("CircleCI"), GOOGLE("Google"), COGNITO("Amazon Cognito"),
        OTHER("OIDC provider");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * The claims AWS STS evaluates for GitHub Actions tokens besides {@code sub} and {@code aud} (AWS What's New,
     * January 2026, "AWS STS supports validation of identity provider claims"): a condition on another
     * {@code token.actions.githubusercontent.com:} key names a key the request never has.
     */
    public static final List<String> GITHUB_CLAIMS = List.of("sub", "aud", "actor", "actor_id", "job_workflow_ref",
            "repository", "repository_id", "workflow", "ref", "environment", "enterprise_id");

    private static final Pattern GHES = Pattern.compile("[^/]+/_services/token");
    private static final Pattern GHE_COM = Pattern.compile("token\\.actions\\.[a-z0-9-]+\\.ghe\\.com(/[^/]+)?");
    private static final Pattern EKS = Pattern.compile("oidc\\.eks\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/id/[^/]+");
    private static final Pattern CIRCLECI = Pattern.compile("oidc\\.circleci\\.com/org/[^/]+");

    /** The provider of a Federated principal value (a provider ARN, or a name such as accounts.google.com). */
    public static Provider ofPrincipal(String federated) {
        int at = federated.indexOf(":oidc-provider/");
        return ofIssuer(at >= 0 ? federated.substring(at + ":oidc-provider/".length()) : federated);
    }

    /** The provider of an issuer (the URL without https://). */
    public static Provider ofIssuer(String issuer) {
        String id = issuer.toLowerCase(Locale.ROOT).replaceFirst("^https://", "").replaceFirst("/+$", "");
        if (id.equals("token.actions.githubusercontent.com")) {
            return new Provider(Kind.GITHUB, issuer, true);
        }
        if (id.startsWith("token.actions.githubusercontent.com/") || GHE_COM.matcher(id).matches()) {
            // an enterprise's own issuer: only its workflows get tokens from it
            return new Provider(Kind.GITHUB, issuer, false);
        }
        if (GHES.matcher(id).matches()) {
            return new Provider(Kind.GITHUB, issuer, false);
        }
        if (EKS.matcher(id).matches()) {
            return new Provider(Kind.EKS, issuer, false);
        }
        if (id.equals("gitlab.com")) {
            return new Provider(Kind.GITLAB, issuer, true);
        }
        if (id.equals("app.terraform.io")) {
            return new Provider(Kind.TERRAFORM_CLOUD, issuer, true);
        }
        if (CIRCLECI.matcher(id).matches()) {
            return new Provider(Kind.CIRCLECI, issuer, false);
        }
        if (id.equals("accounts.google.com")) {
            return new Provider(Kind.GOOGLE, issuer, true);
        }
        if (id.equals("cognito-identity.amazonaws.com")) {
            return new Provider(Kind.COGNITO, issuer, true);
        }
        return new Provider(Kind.OTHER, issuer, false);
    }

    /**
     * A provider whose name says nothing (a template's placeholder, a self-hosted GitLab or Terraform Enterprise
     * host) known by what its subject values look like: GitHub's {@code repo:}, GitLab's {@code project_path:},
     * Terraform's {@code organization:}.
     */
    public Provider bySubjects(List<String> subjects) {
        if (kind != Kind.OTHER) {
            return this;
        }
        if (subjects.stream().anyMatch(s -> s.startsWith("repo:"))) {
            return new Provider(Kind.GITHUB, issuer, false);
        }
        if (subjects.stream().anyMatch(s -> s.startsWith("project_path:"))) {
            return new Provider(Kind.GITLAB, issuer, false);
        }
        if (subjects.stream().anyMatch(s -> s.startsWith("organization:") && s.contains(":project:"))) {
            return new Provider(Kind.TERRAFORM_CLOUD, issuer, false);
        }
        return this;
    }

    public boolean gitHub() {
        return kind == Kind.GITHUB;
    }

    /** Whether the provider's tokens can carry the claim, as AWS evaluates it (unknown providers: any claim). */
    public boolean carries(String claim) {
        return switch (kind) {
            case GITHUB -> GITHUB_CLAIMS.contains(claim);
            // AWS evaluates only the standard claims for these (the January 2026 claims are GitHub's, Google's,
            // CircleCI's and OCI's)
            case EKS, GITLAB, TERRAFORM_CLOUD -> claim.equals("sub") || claim.equals("aud");
            case COGNITO -> claim.equals("sub") || claim.equals("aud") || claim.equals("amr");
            default -> true;
        };
    }

    /** How a finding names the provider: "GitHub Actions (token.actions.githubusercontent.com)". */
    public String describe() {
        return kind.label() + " (" + issuer + ")";
    }
}
