package dev.rolechain.iam;

import java.util.EnumSet;
import java.util.Set;

/** The unclear points one evaluation met; allocates nothing until the first. Not thread-safe: one per evaluation. */
final class Doubts {
    private EnumSet<Unclear> met;

    void add(Unclear unclear) {
        if (met == null) {
            met = EnumSet.noneOf(Unclear.class);
        }
        met.add(unclear);
    }

    Set<Unclear> set() {
        return met == null ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(met));
    }
}
