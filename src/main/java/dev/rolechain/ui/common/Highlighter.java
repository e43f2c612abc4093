package dev.rolechain.ui.common;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * Colours the artifacts Rolechain writes: JSON policies, Terraform (HCL) and workflow YAML. A small
 * tokenizer per language; the colours come from style classes ({@code tok-key}, {@code tok-string}…)
 * that the theme's CSS sets.
 */
public final class Highlighter {
    /** The languages of the previewed files. */
    public enum Language {
        JSON(Pattern.compile(
                "(?<key>\"(?:[^\"\\\\]|\\\\.)*\"(?=\\s*:))|(?<string>\"(?:[^\"\\\\]|\\\\.)*\")"
                        + "|(?<number>-?\\b\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?\\b)|(?<keyword>\\b(?:true|false|null)\\b)"
                        + "|(?<punct>[{}\\[\\],:])")),
        HCL(Pattern.compile(
                "(?<comment>#[^\\n]*|//[^\\n]*)|(?<string>\"(?:[^\"\\\\\\n]|\\\\.)*\")"
                        + "|(?<keyword>\\b(?:resource|data|provider|terraform|variable|output|locals|module|required_providers"
                        + "|true|false|null|for|in)\\b)"
                        + "|(?<key>(?m:^[ \\t]*[A-Za-z_][\\w-]*(?=[ \\t]*=)))"
                        + "|(?<number>\\b\\d+\\b)|(?<punct>[{}\\[\\](),=])")),
        YAML(Pattern.compile(
                "(?<comment>(?m:(?:^|(?<=\\s))#[^\\n]*))|(?<keyword>\\$\\{\\{[^}]*}})"
                        + "|(?<string>\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\n]|'')*')"
                        + "|(?<key>(?m:^[ \\t]*(?:-[ \\t]+)?[\\w.-]+(?=:(?:\\s|$))))"
                        + "|(?<number>\\b\\d+\\b)|(?<punct>(?m:^[ \\t]*-(?=\\s))|[|>])")),
        PLAIN(null);

        private final Pattern pattern;

        Language(Pattern pattern) {
            this.pattern = pattern;
        }

        /** By file name: .json, .tf, .yml/.yaml, anything else plain. */
        public static Language of(String path) {
            if (path.endsWith(".json")) {
                return JSON;
            }
            if (path.endsWith(".tf")) {
                return HCL;
            }
            if (path.endsWith(".yml") || path.endsWith(".yaml")) {
                return YAML;
            }
            return PLAIN;
        }
    }

    private static final String[] GROUPS = {"comment", "key", "string", "number", "keyword", "punct"};

    private Highlighter() {
    }

    public static StyleSpans<Collection<String>> spans(String text, Language language) {
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        if (language.pattern == null || text.isEmpty()) {
            spans.add(List.of(), text.length());
            return spans.create();
        }
        Matcher m = language.pattern.matcher(text);
        int last = 0;
        while (m.find()) {
            String style = null;
            for (String group : GROUPS) {
                if (hasGroup(language.pattern, group) && m.group(group) != null) {
                    style = "tok-" + group;
                    break;
                }
            }
            if (style == null || m.end() == m.start()) {
                continue;
            }
            spans.add(List.of(), m.start() - last);
            spans.add(List.of(style), m.end() - m.start());
            last = m.end();
        }
        spans.add(List.of(), text.length() - last);
        return spans.create();
    }

    private static boolean hasGroup(Pattern pattern, String group) {
        return pattern.pattern().contains("(?<" + group + ">");
    }
}
