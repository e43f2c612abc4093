package dev.rolechain.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What of a role Rolechain owns, and how its part is merged into what an account holds. Rolechain owns
 * the trust statements whose {@code Sid} starts with {@value #SID_PREFIX}, the inline policies the Setup
 * names, the managed policies it attaches (attach only) and its own tag keys; everything else in a
 * role belongs to someone else and is kept as it is.
 */
public final class Ownership {
    /** The Sid prefix of every trust statement Rolechain writes (a Sid holds only ASCII letters and digits). */
    public static final String SID_PREFIX = "Rolechain";

    private Ownership() {
    }

    /** Whether a statement with this Sid is Rolechain's. */
    public static boolean owns(String sid) {
        return sid != null && sid.startsWith(SID_PREFIX);
    }

    /**
     * The live items with Rolechain's own replaced by the planned ones: every other item stays, in its
     * order; the planned items stand where the first owned item stood, or after the others when there
     * was none. One rule for statements as values and as JSON text, so the plan shows what apply writes.
     */
    public static <T> List<T> merge(List<T> live, Predicate<T> owned, List<T> planned) {
        List<T> merged = new ArrayList<>(live.size() + planned.size());
        boolean placed = false;
        for (T item : live) {
            if (!owned.test(item)) {
                merged.add(item);
            } else if (!placed) {
                merged.addAll(planned);
                placed = true;
            }
        }
        if (!placed) {
            merged.addAll(planned);
        }
        return merged;
    }
}
