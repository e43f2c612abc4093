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
        StarPattern star = STAR_PATTERNS.get(pattern);
        if (star == null) {
            star = StarPattern.compile(pattern);
            if (STAR_PATTERNS.size() < 100_000) {
                STAR_PATTERNS.put(pattern, star);
            }
        }
        return star == StarPattern.GENERAL ? matches(pattern, text, false) : star.matches(text);
    }

    private static final java.util.concurrent.ConcurrentMap<String, StarPattern> STAR_PATTERNS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A pattern whose only wildcard is {@code *}, split at the stars: the literal runs are found with
     * {@link String#startsWith}, {@link String#indexOf} and {@link String#endsWith}, the common case
     * in trust policies. Patterns with {@code ?} or literal marks take the general matcher.
     */
    private record StarPattern(String[] parts) {
        static final StarPattern GENERAL = new StarPattern(null);

        static StarPattern compile(String pattern) {
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '?' || c == STAR_MARK || c == QUESTION_MARK) {
                    return GENERAL;
                }
            }
            return new StarPattern(pattern.split("\\*", -1));
        }

        boolean matches(String text) {
            if (parts.length == 1) {
                return text.equals(parts[0]);
            }
            String first = parts[0];
            String last = parts[parts.length - 1];
            if (text.length() < first.length() + last.length() || !text.startsWith(first) || !text.endsWith(last)) {
                return false;
            }
            int from = first.length();
            int end = text.length() - last.length();
            for (int i = 1; i < parts.length - 1; i++) {
                String part = parts[i];
                if (part.isEmpty()) {
                    continue;
                }
                int at = text.indexOf(part, from);
                if (at < 0 || at + part.length() > end) {
                    return false;
                }
                from = at + part.length();
            }
            return true;
        }
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
