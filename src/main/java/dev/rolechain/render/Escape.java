package dev.rolechain.render;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Escaping of user values for each target language. Templates call these through helpers; nothing
 * is escaped by hand in a template.
 */
public final class Escape {

    private static final Pattern HCL_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Set<String> HCL_KEYWORDS = Set.of("true", "false", "null", "for", "in", "if", "endfor", "endif");
    private static final Pattern YAML_PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9_./@+=,:-]*");
    private static final Set<String> YAML_WORDS = Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null");

    private Escape() {
    }

    /** An HCL quoted string: backslash escapes, and {@code ${} / {@code %{} doubled so no template runs. */
    public static String hcl(String value) {
        return quoted(value, true, (text, i) -> {
            char c = text.charAt(i);
            return c < 0x20 || c == 0x7f;
        });
    }

    /** An HCL object key: a bare identifier where it can be, else a quoted string. */
    public static String hclKey(String key) {
        return HCL_IDENTIFIER.matcher(key).matches() && !HCL_KEYWORDS.contains(key) ? key : hcl(key);
    }

    /** An HCL identifier (resource, variable or provider alias name) made from a name of ours. */
    public static String hclName(String name) {
        String id = name.replaceAll("[^A-Za-z0-9_]", "_");
        return Character.isLetter(id.charAt(0)) || id.charAt(0) == '_' ? id : "_" + id;
    }

    /**
     * A Setup ref pattern (IAM StringLike: {@code *} any characters, {@code ?} one) as a GitHub push
     * filter that matches at least those refs: GitHub's {@code *} stops at {@code /} and its {@code ?} and
     * {@code +} quantify the character before, so both wildcards become {@code **}; the characters GitHub
     * gives a meaning ({@code + [ ] \ ?}, and {@code !} at the start) are escaped with a backslash.
     */
    public static String githubFilter(String pattern) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?') {
                if (!out.toString().endsWith("**")) {
                    out.append("**");
                }
            } else if (c == '+' || c == '[' || c == ']' || c == '\\' || c == '!' && i == 0) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A YAML scalar: plain where that reads back as the same string, else double-quoted. */
    public static String yaml(String value) {
        if (YAML_PLAIN.matcher(value).matches() && !value.endsWith(":") && !value.contains(": ")
                && !YAML_WORDS.contains(value.toLowerCase(Locale.ROOT))) {
            return value;
        }
        return yamlQuoted(value);
    }

    /** A double-quoted YAML scalar, escaping what YAML 1.1 and 1.2 readers would otherwise change. */
    public static String yamlQuoted(String value) {
        return quoted(value, false, (text, i) -> {
            char c = text.charAt(i);
            return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0xfeff || c >= 0xfffe
                    || Character.isSurrogate(c) && !validSurrogatePair(text, i);
        });
    }

    /** Which characters a format writes as {@code \\uXXXX}. */
    @FunctionalInterface
    private interface NeedsUnicodeEscape {
        boolean test(String text, int index);
    }

    /** A double-quoted string with backslash escapes, shared by HCL and YAML (their escapes agree on these). */
    private static String quoted(String value, boolean doubleTemplateMarkers, NeedsUnicodeEscape unicode) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (unicode.test(value, i)) {
                        sb.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                        if (doubleTemplateMarkers && (c == '$' || c == '%') && i + 1 < value.length()
                                && value.charAt(i + 1) == '{') {
                            sb.append(c);
                        }
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static boolean validSurrogatePair(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }

    /** A string literal inside a GitHub Actions expression: single quotes, a quote doubled. */
    public static String actionsString(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** A Markdown inline code span that holds the value whatever backticks it has. */
    public static String markdownCode(String value) {
        String fence = "`";
        while (value.contains(fence)) {
            fence += "`";
        }
        String pad = value.startsWith("`") || value.endsWith("`") ? " " : "";
        return fence + pad + value + pad + fence;
    }
}
