package dev.rolechain.plan;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.List;

/** A unified diff of two texts, line by line (java-diff-utils, Myers' algorithm), with three lines of context. */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    public static String of(String fromName, String from, String toName, String to) {
        List<String> a = from.lines().toList();
        List<String> b = to.lines().toList();
        Patch<String> patch = DiffUtils.diff(a, b);
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(fromName, toName, a, patch, CONTEXT);
        StringBuilder out = new StringBuilder();
        if (lines.isEmpty()) {
            out.append("--- ").append(fromName).append("\n+++ ").append(toName).append('\n');
        }
        lines.forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }
}
