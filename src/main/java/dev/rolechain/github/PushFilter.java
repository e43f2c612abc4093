package dev.rolechain.github;

import java.util.List;

/**
 * A workflow's {@code on.push} filters (GitHub docs, "Workflow syntax": {@code branches}, {@code branches-ignore},
 * {@code tags}, {@code tags-ignore}) and whether a pushed ref starts the workflow. Patterns use GitHub's glob
 * ("Filter pattern cheat sheet"): {@code *} any characters but {@code /}, {@code **} any characters, {@code ?} and
 * {@code +} zero-or-one and one-or-more of the character before, {@code [...]} one character of a set, and in
 * {@code branches} / {@code tags} a leading {@code !} excludes what earlier patterns matched. Null lists are absent.
 */
public record PushFilter(List<String> branches, List<String> branchesIgnore, List<String> tags, List<String> tagsIgnore,
        int line) {

    /** Whether a push of the branch starts the workflow. */
    public boolean startsBranch(String branch) {
        if (branches == null && branchesIgnore == null && tags != null) {
            return false; // only tags filtered: branch pushes do not run
        }
        return admits(branches, branchesIgnore, branch);
    }

    /** Whether a push of the tag starts the workflow. */
    public boolean startsTag(String tag) {
        if (tags == null && tagsIgnore == null && branches != null) {
            return false; // only branches filtered: tag pushes do not run
        }
        return admits(tags, tagsIgnore, tag);
    }

    private static boolean admits(List<String> include, List<String> ignore, String name) {
        if (include != null) {
            boolean in = false;
            for (String p : include) {
                if (p.startsWith("!")) {
                    if (matches(p.substring(1), name)) {
                        in = false;
                    }
                } else if (matches(p, name)) {
                    in = true;
                }
            }
            return in;
        }
        if (ignore != null) {
            return ignore.stream().noneMatch(p -> matches(p, name));
        }
        return true;
    }

    /** GitHub's filter glob against a ref name. */
    public static boolean matches(String pattern, String name) {
        return java.util.regex.Pattern.matches(regex(pattern), name);
    }

    static String regex(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                        re.append(".*");
                        i++;
                    } else {
                        re.append("[^/]*");
                    }
                }
                case '?' -> re.append('?');
                case '+' -> re.append('+');
                case '[' -> {
                    int end = pattern.indexOf(']', i + 1);
                    if (end < 0) {
                        re.append("\\[");
                    } else {
                        re.append('[').append(pattern, i + 1, end).append(']');
                        i = end;
                    }
                }
                case '\\' -> {
                    if (i + 1 < pattern.length()) {
                        re.append(java.util.regex.Pattern.quote(String.valueOf(pattern.charAt(++i))));
                    }
                }
                default -> re.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    /**
     * Refs a filter pattern starts, to try against a trust: each wildcard filled a few ways (nothing, one
     * character, a nested path where {@code **} allows it).
     */
    public static List<String> examples(String pattern) {
        String p = pattern.startsWith("!") ? pattern.substring(1) : pattern;
        String plain = p.replace("**", "\u0001").replace("*", "\u0002").replaceAll("\\[[^\\]]*\\]", "x")
                .replace("?", "").replace("+", "").replace("\\", "");
        return List.of(plain.replace("\u0001", "x").replace("\u0002", "x"),
                plain.replace("\u0001", "x/y").replace("\u0002", "x"), plain.replace("\u0001", "").replace("\u0002", ""))
                .stream().distinct().toList();
    }
}
