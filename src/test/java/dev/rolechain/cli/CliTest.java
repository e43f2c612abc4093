package dev.rolechain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.Version;
import dev.rolechain.testsupport.Cli;
import dev.rolechain.testsupport.Examples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path temp;

    private final Cli cli = new Cli();

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(cli.out()).contains("Usage: rolechain", "export", "validate");
    }

    @Test
    void helpListsEverySubcommandInOrderAndHelpOfOneShowsItsOptions() {
        assertThat(run("--help")).isZero();
        String usage = cli.out();
        java.util.List<String> names = java.util.List.of("export", "validate", "eval", "lint", "check", "plan", "apply",
                "restore", "login", "profiles", "inspect", "github", "verify-github", "help");
        int at = -1;
        for (String name : names) {
            int next = usage.indexOf("\n  " + name + " ");
            assertThat(next).as(name + " listed after the one before").isGreaterThan(at);
            at = next;
        }
        cli.clear();
        assertThat(run("help", "eval")).isZero();
        assertThat(cli.out()).contains("Usage: rolechain eval", "--cases");
        cli.clear();
        assertThat(run("eval", "--help")).isZero();
        assertThat(cli.out()).contains("Usage: rolechain eval", "--cases");
    }

    @Test
    void aCommandLineForOneSubcommandBuildsOnlyThatOneAndAMistypedNameIsStillSuggested() {
        var services = new dev.rolechain.Services();
        assertThat(RolechainCommand.create(services, "eval", "--cases", "x").getSubcommands()).containsOnlyKeys("eval");
        assertThat(RolechainCommand.create(services, "--version").getSubcommands()).hasSize(14);
        assertThat(RolechainCommand.create(services, "help", "eval").getSubcommands()).hasSize(14);
        assertThat(run("evl", "--cases", "x")).isEqualTo(RolechainCommand.EXIT_INVALID);
        assertThat(cli.err()).contains("evl", "eval");
        cli.clear();
        assertThat(run("eval", "--no-such-option")).isEqualTo(RolechainCommand.EXIT_INVALID);
        assertThat(cli.err()).contains("Unknown option: '--no-such-option'", "Usage: rolechain eval");
    }

    @Test
    void versionPrintsTheBuildVersion() {
        assertThat(run("--version")).isZero();
        assertThat(cli.out().trim()).isEqualTo("rolechain " + Version.get());
        assertThat(Version.get()).isNotEqualTo("unknown").doesNotContain("${");
    }

    @Test
    void exportWritesEveryArtifactAndListsThem() throws IOException {
        Path dir = temp.resolve("out");
        assertThat(run("export", "--setup", Examples.path("article").toString(), "--out", dir.toString())).isZero();
        assertThat(dir.resolve("terraform/tooling.tf")).exists();
        assertThat(dir.resolve(".github/workflows/deploy.yml")).content().contains("role-external-id: myorg-prod-deploy");
        assertThat(dir.resolve("policies/222222222222/ci-deploy-role/trust.json")).content().contains("sts:ExternalId");
        assertThat(cli.out()).contains("Wrote 11 files", "terraform/providers.tf");
        assertThat(files(dir)).hasSize(11 + 1).contains(dir.resolve(dev.rolechain.render.ExportWriter.MANIFEST));
    }

    @Test
    void anInvalidSetupExitsTwoWithTheMessagesAndWritesNothing() throws IOException {
        Path setup = temp.resolve("bad.json");
        Files.writeString(setup, "{\n  \"github\": { \"owner\": \"acme\" },\n  \"tooling\": { \"accountId\": \"12\", "
                + "\"region\": \"us-east-1\" },\n  \"targets\": []\n}\n");
        Path dir = temp.resolve("out");
        assertThat(run("export", "--setup", setup.toString(), "--out", dir.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("nothing was written", setup + ":3:", "tooling.accountId", "exactly 12 digits",
                "targets: needs at least one target account");
        assertThat(dir).doesNotExist();
    }

    @Test
    void malformedJsonExitsTwoAndWritesNothing() throws IOException {
        Path setup = temp.resolve("broken.json");
        Files.writeString(setup, "{ \"github\": { \"owner\": \"acme\" ");
        Path dir = temp.resolve("out");
        assertThat(run("export", "--setup", setup.toString(), "--out", dir.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("broken.json:1:", "malformed JSON");
        assertThat(dir).doesNotExist();
    }

    @Test
    void aMissingSetupFileExitsTwo() {
        assertThat(run("export", "--setup", temp.resolve("none.json").toString(), "--out", temp.resolve("o").toString()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("none.json", "cannot read the file");
    }

    @Test
    void aFolderWithFilesIsOverwrittenOnlyWithForce() throws IOException {
        Path dir = temp.resolve("out");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("keep.txt"), "mine");
        assertThat(run("export", "--setup", Examples.path("article").toString(), "--out", dir.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("is not empty", "--force");
        assertThat(files(dir)).hasSize(1);

        assertThat(run("export", "--setup", Examples.path("article").toString(), "--out", dir.toString(), "--force"))
                .isZero();
        assertThat(dir.resolve("keep.txt")).hasContent("mine");
        assertThat(files(dir)).as("11 files, the manifest and keep.txt").hasSize(13);
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void anUnknownOptionExitsTwoWithUsage() {
        assertThat(run("export", "--setup", "x.json", "--out", "o", "--frobnicate")).isEqualTo(2);
        assertThat(cli.err()).contains("Unknown option", "Usage: rolechain export");
    }

    @Test
    void validateReportsValidAndInvalidFiles() throws IOException {
        assertThat(run("validate", Examples.path("three-targets").toString())).isZero();
        assertThat(cli.out()).contains("valid (3 targets)");
        Path bad = temp.resolve("bad.json");
        Files.writeString(bad, "{\"github\": {\"owner\": \"acme\"}, \"tooling\": {\"accountId\": \"111111111111\", "
                + "\"region\": \"us-east-1\"}, \"targets\": [], \"color\": 1}");
        assertThat(run("validate", bad.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("color: unknown field in the Setup", "targets: needs at least one");
    }

    private static java.util.List<Path> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }
}
