package dev.rolechain.iam;

/**
 * IAM's wildcard matching: {@code *} matches any run of characters (also none), {@code ?} any one
 * character. A {@code *} or {@code ?} that came from a policy variable ({@code ${*}}, or a variable's
 * value) is literal; the evaluator marks it with {@link #LITERAL_STAR} / {@link #LITERAL_QUESTION}.
 */
public final class Wildcards {
    static final String LITERAL_STAR = "\uE000";
    static final String LITERAL_QUESTION = "\uE001";
    private static final char STAR_MARK = '\uE000';
    private static final char QUESTION_MARK = '\uE001';

    private Wildcards() {
    }

    /** Whether {@code text} matches {@code pattern} as a whole, case-sensitively. */
    public static boolean matches(String pattern, String text) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '?' || c == STAR_MARK || c == QUESTION_MARK) {
                return matches(pattern, text, false);
            }
        }
        return starOnly(pattern, text);
    }

    /**
     * A pattern whose only wildcard is {@code *}, the common case in trust policies: the literal runs
     * between stars are found with region comparisons, nothing allocated.
     */
    private static boolean starOnly(String pattern, String text) {
        int first = pattern.indexOf('*');
        if (first < 0) {
            return pattern.equals(text);
        }
        int last = pattern.lastIndexOf('*');
        int suffix = pattern.length() - last - 1;
        if (text.length() < first + suffix || !text.startsWith(pattern.substring(0, first))
                || !text.regionMatches(text.length() - suffix, pattern, last + 1, suffix)) {
            return false;
        }
        int from = first;
        int end = text.length() - suffix;
        int p = first + 1;
        while (p < last) {
            int next = pattern.indexOf('*', p);
            if (next > p) {
                int at = text.indexOf(pattern.substring(p, next), from);
                if (at < 0 || at + next - p > end) {
                    return false;
                }
                from = at + next - p;
            }
            p = next + 1;
        }
        return true;
    }

    /** The same, comparing letters case-insensitively (as IAM compares actions). */
    public static boolean matchesIgnoreCase(String pattern, String text) {
        return matches(pattern, text, true);
    }

    private static boolean matches(String pattern, String text, boolean ignoreCase) {
        int p = 0;
        int t = 0;
        int starP = -1;
        int starT = -1;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) != '*'
                    && (pattern.charAt(p) == '?' || same(pattern.charAt(p), text.charAt(t), ignoreCase))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starT = t;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean same(char patternChar, char textChar, boolean ignoreCase) {
        if (patternChar == textChar) {
            return patternChar != STAR_MARK && patternChar != QUESTION_MARK;
        }
        if (patternChar == STAR_MARK) {
            return textChar == '*';
        }
        if (patternChar == QUESTION_MARK) {
            return textChar == '?';
        }
        return ignoreCase && Character.toLowerCase(patternChar) == Character.toLowerCase(textChar);
    }

    /**
     * ARN matching as ArnEquals and ArnLike do it: each of the six colon-separated parts is matched on
     * its own, wildcards allowed in each. A pattern with fewer parts is matched as a whole string.
     */
    public static boolean arnMatches(String pattern, String arn) {
        String[] p = pattern.split(":", 6);
        if (p.length < 6) {
            return matches(pattern, arn);
        }
        String[] a = arn.split(":", 6);
        if (a.length < 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (!matches(p[i], a[i])) {
                return false;
            }
        }
        return true;
    }
}
