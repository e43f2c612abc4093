package dev.rolechain.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolechain.Services;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.setup.Setup;
import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.FileTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export is all or nothing, replaces exactly its own files, and never writes through a link out of --out. */
class ExportWriterTest {
    private final Services services = new Services();
    private final ExportWriter writer = new ExportWriter();
    @TempDir
    Path temp;

    private List<Artifact> export(Setup setup) {
        DesiredState state = services.planner().plan(setup);
        return services.renderer().render(state);
    }

    @Test
    void aFileThatCannotBeWrittenStopsTheExportBeforeTheFolderChanges() throws Exception {
        Path out = Files.createDirectories(temp.resolve("out"));
        Files.writeString(out.resolve("README.md"), "the reviewed export");
        List<Artifact> artifacts = new ArrayList<>(export(Examples.load("three-targets")));
        artifacts.add(5, new Artifact("policies/broken.json", "{\"Sid\": \"\ud800\"}"));
        assertThatThrownBy(() -> writer.write(artifacts, out, true))
                .hasMessage("policies/broken.json holds text that is not valid Unicode (a lone surrogate?); nothing was written");
        assertThat(FileTree.read(out)).isEqualTo(Map.of("README.md", "the reviewed export"));
        try (var siblings = Files.list(temp)) {
            assertThat(siblings).as("no staging folder is left").containsExactly(out);
        }
    }

    @Test
    void forceReplacesExactlyTheFilesOfThePreviousExport() throws Exception {
        Setup three = Examples.load("three-targets");
        Path out = temp.resolve("out");
        writer.write(export(three), out, false);
        assertThat(out.resolve("terraform/target-prod.tf")).exists();
        Files.writeString(out.resolve("NOTES.md"), "ours");
        assertThatThrownBy(() -> writer.write(export(three), out, false)).isInstanceOf(ExportWriter.NotEmptyException.class);

        Setup two = new Setup(three.github(), three.tooling(), three.targets().subList(0, 2), three.workflow());
        List<Artifact> artifacts = export(two);
        writer.write(artifacts, out, true);
        Map<String, String> files = FileTree.read(out);
        assertThat(files).doesNotContainKeys("terraform/target-prod.tf", "policies/555555555555/gha-deploy/trust.json",
                "policies/111111111111/gha-oidc-prod/trust.json").containsEntry("NOTES.md", "ours");
        assertThat(files.keySet()).containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(
                artifacts.stream().map(Artifact::path), java.util.stream.Stream.of("NOTES.md", ExportWriter.MANIFEST)).toList());
        assertThat(out.resolve("policies/555555555555")).doesNotExist();
    }

    @Test
    void aLinkThatLeadsOutOfTheFolderIsNeverWrittenThrough() throws Exception {
        Path out = Files.createDirectories(temp.resolve("out"));
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.createSymbolicLink(out.resolve("terraform"), elsewhere);
        assertThatThrownBy(() -> writer.write(export(Examples.load("three-targets")), out, true))
                .hasMessageContaining("terraform is a link that leads out of the output folder");
        try (var files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
        assertThat(FileTree.read(out)).isEmpty();
    }

    @Test
    void exportIntoTheCurrentFolderWorks() throws Exception {
        Path cwd = Files.createDirectories(temp.resolve("here"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.rolechain.Launcher", "export", "--setup",
                Examples.path("three-targets").toAbsolutePath().toString(), "--out", ".")
                .directory(cwd.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        assertThat(FileTree.read(cwd)).containsKeys("terraform/providers.tf", ".github/workflows/deploy.yml", "README.md");
    }
}
