package dev.rolechain.github;

/**
 * A GitHub Actions OIDC token issuer. {@code id} is the issuer URL without {@code https://}: IAM
 * names the provider and its condition keys ({@code <id>:sub}, {@code <id>:aud}) after it.
 */
public record Issuer(String id) {

    public static final String GITHUB_COM = "token.actions.githubusercontent.com";

    /** github.com. */
    public static Issuer githubCom() {
        return new Issuer(GITHUB_COM);
    }

    /** GitHub Enterprise Cloud with a unique issuer URL for the enterprise. */
    public static Issuer enterpriseCloud(String slug) {
        return new Issuer(GITHUB_COM + "/" + slug);
    }

    /** GitHub Enterprise Server. */
    public static Issuer enterpriseServer(String host) {
        return new Issuer(host + "/_services/token");
    }

    public String url() {
        return "https://" + id;
    }

    public String subKey() {
        return id + ":sub";
    }

    public String audKey() {
        return id + ":aud";
    }
}
