package dev.rolechain.chain;

/**
 * One cell of the dry-run matrix: a target, a token subject, what should happen (allow for a granted
 * subject, deny for a probe), what the evaluation says, the hop where it stopped (null when allowed)
 * and why ({@link #reason()}, written when first asked for: a matrix has thousands of cells and a
 * view shows the reasons of a few), and the unclear points of IAM's documentation the verdict rests on.
 */
public record Cell(String target, String subject, String probe, Expectation expected, Expectation verdict, Hop hop,
        java.util.function.Supplier<String> because, java.util.Set<dev.rolechain.iam.Unclear> uncertain) {

    public Cell {
        uncertain = uncertain == null ? java.util.Set.of() : uncertain;
    }

    public Cell(String target, String subject, String probe, Expectation expected, Expectation verdict, Hop hop,
            java.util.function.Supplier<String> because) {
        this(target, subject, probe, expected, verdict, hop, because, java.util.Set.of());
    }

    public Cell(String target, String subject, String probe, Expectation expected, Expectation verdict, Hop hop,
            String reason) {
        this(target, subject, probe, expected, verdict, hop, () -> reason);
    }

    /**
     * Whether the verdict rests on a point AWS's documentation leaves unclear ({@link #uncertain()}: which, with
     * their reasons; docs/decisions/0010-unclear-iam-cases.md).
     */
    public boolean isUncertain() {
        return !uncertain.isEmpty();
    }

    public String reason() {
        return because.get();
    }

    /** allow or deny. */
    public enum Expectation {
        ALLOW("allow"), DENY("deny");

        private final String json;

        Expectation(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    /** The hops of the chain, in order. */
    public enum Hop {
        OIDC_TRUST("oidc-trust"), OIDC_PERMISSIONS("oidc-permissions"), TARGET_TRUST("target-trust"), SESSION("session");

        private final String json;

        Hop(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    public boolean asExpected() {
        return expected == verdict;
    }
}
