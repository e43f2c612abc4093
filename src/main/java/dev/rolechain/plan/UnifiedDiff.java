package dev.rolechain.plan;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts, line by line (longest common subsequence), with three lines of context. */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    public static String of(String fromName, String from, String toName, String to) {
        List<String> a = from.lines().toList();
        List<String> b = to.lines().toList();
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String[]> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                ops.add(new String[] {" ", a.get(i++)});
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add(new String[] {"-", a.get(i++)});
            } else {
                ops.add(new String[] {"+", b.get(j++)});
            }
        }
        StringBuilder out = new StringBuilder("--- ").append(fromName).append("\n+++ ").append(toName).append('\n');
        int k = 0;
        while (k < ops.size()) {
            if (ops.get(k)[0].equals(" ")) {
                k++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            int quiet = 0;
            while (end < ops.size() && quiet <= 2 * CONTEXT) {
                quiet = ops.get(end)[0].equals(" ") ? quiet + 1 : 0;
                end++;
            }
            end = Math.min(ops.size(), end - Math.max(0, quiet - CONTEXT));
            int fromLine = 1;
            int toLine = 1;
            for (int x = 0; x < start; x++) {
                fromLine += ops.get(x)[0].equals("+") ? 0 : 1;
                toLine += ops.get(x)[0].equals("-") ? 0 : 1;
            }
            int fromCount = 0;
            int toCount = 0;
            for (int x = start; x < end; x++) {
                fromCount += ops.get(x)[0].equals("+") ? 0 : 1;
                toCount += ops.get(x)[0].equals("-") ? 0 : 1;
            }
            out.append("@@ -").append(fromLine).append(',').append(fromCount).append(" +").append(toLine).append(',')
                    .append(toCount).append(" @@\n");
            for (int x = start; x < end; x++) {
                out.append(ops.get(x)[0]).append(ops.get(x)[1]).append('\n');
            }
            k = end;
        }
        return out.toString();
    }
}
