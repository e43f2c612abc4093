package dev.rolechain.setup;

/**
 * The AWS organization whose organizational units some targets name ({@code "organizations"} in the Setup):
 * its id and root id (they start every account's organization path, {@code o-…/r-…/ou-…/}), the profile of
 * its management or delegated administrator account (StackSets are created and Organizations read under it),
 * and whether the stacks, and so the deploy roles, stay in an account that leaves the OUs.
 */
public record Organizations(String id, String rootId, String profile, boolean retainStacksOnAccountRemoval) {

    /**
     * The condition values that match every account in an OU or in an OU below it, wherever the OU sits in the
     * tree: {@code o-…/r-…/ou-…/*} (the OU directly under the root) and {@code o-…/r-…/*}{@code /ou-…/*} (under
     * other OUs). An OU id occurs once in a path, after a {@code /}, so neither matches an account elsewhere.
     */
    public java.util.List<String> pathPatterns(String organizationalUnitId) {
        return java.util.List.of(id + "/" + rootId + "/" + organizationalUnitId + "/*",
                id + "/" + rootId + "/*/" + organizationalUnitId + "/*");
    }

    /** The organization path of an account directly in the OU, as IAM gives it in aws:ResourceOrgPaths. */
    public String memberPath(String organizationalUnitId) {
        return id + "/" + rootId + "/" + organizationalUnitId + "/";
    }
}
