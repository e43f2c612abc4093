package dev.rolechain.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every key the GUI asks for is in the one resource bundle, and every key there is used. */
class MessagesTest {
    private static final Pattern JAVA_KEY = Pattern.compile("(?:getString|text)\\(\"([\\w.]+)\"");
    private static final Pattern FXML_KEY = Pattern.compile("\"%([\\w.]+)\"");
    private static final Pattern CONCATENATED = Pattern.compile("\"([\\w.]+\\.)\" \\+");

    @Test
    void everyKeyUsedExistsAndEveryKeyDefinedIsUsed() throws IOException {
        ResourceBundle bundle = ResourceBundle.getBundle("dev.rolechain.ui.messages");
        List<String> used = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String sources = read(Path.of("src/main/java/dev/rolechain/ui"), ".java")
                + read(Path.of("src/main/resources/dev/rolechain/ui"), ".fxml");
        collect(JAVA_KEY, sources, used);
        collect(FXML_KEY, sources, used);
        collect(CONCATENATED, sources, prefixes);
        used.removeIf(k -> k.endsWith("."));
        for (dev.rolechain.ui.wizard.Step step : dev.rolechain.ui.wizard.Step.values()) {
            used.add(step.titleKey());
        }
        for (dev.rolechain.ui.wizard.SubjectDraft.Kind kind : dev.rolechain.ui.wizard.SubjectDraft.Kind.values()) {
            used.add("access.kind." + kind.name());
        }
        assertThat(used).allSatisfy(key -> assertThat(bundle.containsKey(key)).as(key).isTrue());
        // a key passed around as a literal (to a helper, in a conditional) counts as used
        List<String> unused = bundle.keySet().stream()
                .filter(k -> !used.contains(k) && !sources.contains("\"" + k + "\"")
                        && prefixes.stream().noneMatch(k::startsWith)).sorted().toList();
        assertThat(unused).as("keys nobody uses").isEmpty();
    }

    private static void collect(Pattern pattern, String text, List<String> out) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
    }

    private static String read(Path root, String suffix) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(suffix)).toList()) {
                sb.append(Files.readString(p)).append('\n');
            }
        }
        return sb.toString();
    }
}
