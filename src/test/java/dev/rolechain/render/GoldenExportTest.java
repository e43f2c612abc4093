package dev.rolechain.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.plan.Planner;
import dev.rolechain.testsupport.Examples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The export of each example equals the reviewed files under src/test/resources/golden. After an
 * intended change, regenerate with {@code mvn test -Dtest=GoldenExportTest -Drolechain.golden.update=true}
 * and review the diff.
 */
class GoldenExportTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("rolechain.golden.update");

    @ParameterizedTest
    @ValueSource(strings = {"article", "three-targets"})
    void exportEqualsTheReviewedFiles(String example) throws IOException {
        List<Artifact> artifacts = new Renderer().render(new Planner().plan(Examples.load(example)));
        Path dir = GOLDEN.resolve(example);
        if (UPDATE) {
            if (Files.exists(dir)) {
                try (Stream<Path> old = Files.walk(dir)) {
                    old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            for (Artifact a : artifacts) {
                Path file = dir.resolve(a.path());
                Files.createDirectories(file.getParent());
                Files.writeString(file, a.content(), StandardCharsets.UTF_8);
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> expected = files.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
            assertThat(artifacts.stream().map(Artifact::path).sorted().toList()).isEqualTo(expected);
        }
        for (Artifact a : artifacts) {
            assertThat(a.content()).as(a.path()).isEqualTo(Files.readString(dir.resolve(a.path())));
        }
    }
}
