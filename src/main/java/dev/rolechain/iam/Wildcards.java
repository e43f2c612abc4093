package dev.rolechain.iam;

/**
 * IAM's wildcard matching: {@code *} matches any run of characters (also none), {@code ?} any one
 * character. A {@code *} or {@code ?} that came from a policy variable ({@code ${*}}, or a variable's
 * value) is literal; the evaluator marks it with {@link #LITERAL_STAR} / {@link #LITERAL_QUESTION}.
 */
public final class Wildcards {
    static final String LITERAL_STAR = "\uE000";
    static final String LITERAL_QUESTION = "\uE001";

    private Wildcards() {
    }

    /** Whether {@code text} matches {@code pattern} as a whole, case-sensitively. */
    public static boolean matches(String pattern, String text) {
        int p = 0;
        int t = 0;
        int starP = -1;
        int starT = -1;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) != '*'
                    && (pattern.charAt(p) == '?' || same(pattern.charAt(p), text.charAt(t)))) {
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

    private static boolean same(char patternChar, char textChar) {
        if (patternChar == LITERAL_STAR.charAt(0)) {
            return textChar == '*';
        }
        if (patternChar == LITERAL_QUESTION.charAt(0)) {
            return textChar == '?';
        }
        return patternChar == textChar;
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
