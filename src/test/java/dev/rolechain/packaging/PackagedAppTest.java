package dev.rolechain.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.testsupport.Examples;
import dev.rolechain.testsupport.ExternalTools;
import dev.rolechain.testsupport.FileTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jpackage app-image that {@code mvn -Ppackage package} builds (target/jpackage/image/rolechain):
 * its launcher runs the CLI with arguments and opens the wizard without. CI builds the image first;
 * elsewhere the test is skipped, loudly, when there is no image.
 */
class PackagedAppTest {
    private static final Path IMAGE = Path.of("target", "jpackage", "image", "rolechain");
    private static final Path LAUNCHER = IMAGE.resolve("bin").resolve("rolechain");

    @TempDir
    Path temp;

    @BeforeEach
    void requireImage() {
        ExternalTools.require("the packaged app-image", Files.isExecutable(LAUNCHER),
                "build it with mvn -Ppackage package; " + LAUNCHER + " is missing");
    }

    @Test
    void theLauncherPrintsItsVersion() throws Exception {
        Run run = run(LAUNCHER, Map.of(), "--version");
        assertThat(run.code()).as(run.output()).isZero();
        assertThat(run.output()).contains("rolechain 0.1.0");
    }

    @Test
    void theLauncherMapsTheClassDataArchiveMadeWhereTheImageLies() throws Exception {
        Path archive = IMAGE.resolve("lib/app/rolechain.jsa");
        assertThat(archive).as("made by packaging/linux/cds-archive.sh at build time").isRegularFile();
        assertThat(Files.readString(IMAGE.resolve("lib/app/rolechain.cfg")))
                .contains("java-options=-XX:SharedArchiveFile=$APPDIR/rolechain.jsa");
        // -Xshare:on makes the JVM refuse to start unless it maps the archive: it fits this image's class path
        Run run = run(LAUNCHER, Map.of("JAVA_TOOL_OPTIONS", "-Xshare:on"), "--version");
        assertThat(run.code()).as(run.output()).isZero();
        assertThat(run.output()).contains("rolechain 0.1.0");
    }

    @Test
    void theLauncherAppliesASetupThroughTheAwsSdkAsTheBuildsCliDoes() throws Exception {
        // the trimmed runtime must hold every JDK module the SDK's HTTP client needs (jdk.net was missing)
        try (dev.rolechain.testsupport.MotoServer moto = dev.rolechain.testsupport.MotoServer.start()) {
            dev.rolechain.testsupport.TestHome.awsConfig(moto.sharedConfig(Map.of("acme-tooling", "111111111111",
                    "acme-dev", "333333333333", "acme-staging", "444444444444", "acme-prod", "555555555555")));
            Run run = run(LAUNCHER, Map.of(), "apply", "--setup", Examples.path("three-targets").toAbsolutePath().toString(),
                    "--yes");
            assertThat(run.code()).as(run.output()).isZero();
            try (var iam = moto.iam("555555555555")) {
                assertThat(java.net.URLDecoder.decode(iam.getRole(r -> r.roleName("gha-deploy")).role()
                        .assumeRolePolicyDocument(), StandardCharsets.UTF_8)).contains("arn:aws:iam::111111111111:role/gha-oidc-prod");
            }
        }
    }

    @Test
    void theLauncherExportsTheExampleAsTheBuildsCliDoes() throws Exception {
        Path out = temp.resolve("packaged");
        Run run = run(LAUNCHER, Map.of(), "export", "--setup", Examples.path("article").toAbsolutePath().toString(),
                "--out", out.toString());
        assertThat(run.code()).as(run.output()).isZero();
        Path reference = temp.resolve("reference");
        dev.rolechain.testsupport.Cli cli = new dev.rolechain.testsupport.Cli();
        assertThat(cli.run("export", "--setup", Examples.path("article").toString(), "--out", reference.toString())).isZero();
        assertThat(FileTree.read(out)).isNotEmpty().isEqualTo(FileTree.read(reference));
    }

    @Test
    void theLauncherWithoutArgumentsShowsTheWizardsFirstPage() throws Exception {
        // a copy of the image with the headless Monocle platform added, as a display is not at hand
        Path launcher = dev.rolechain.testsupport.HeadlessImage.copy(IMAGE, temp.resolve("image"));
        Run run = run(launcher,
                Map.of("HOME", Path.of("target", "test-home").toAbsolutePath().toString()));
        assertThat(run.code()).as(run.output()).isZero();
        assertThat(run.output()).contains("rolechain: first page shown").doesNotContain("Exception");
        // styled by the theme (Primer Light's white root), not by JavaFX's default stylesheet
        assertThat(run.output()).contains("rolechain: first page background 0xffffffff");
    }

    @Test
    void theLauncherAsksNoPackageManagerWhoOwnsItAndRunsFromAFolderWithSpacesThroughALink() throws Exception {
        // package managers on the PATH that leave a mark when run: jpackage's native launcher runs rpm and dpkg
        Path tools = Files.createDirectories(temp.resolve("tools"));
        Path marks = temp.resolve("marks");
        for (String tool : List.of("rpm", "dpkg", "dpkg-query")) {
            Path script = Files.writeString(tools.resolve(tool), "#!/bin/sh\necho " + tool + " >> '" + marks + "'\nexit 1\n");
            script.toFile().setExecutable(true);
        }
        Path copy = temp.resolve("my apps").resolve("rolechain");
        Files.createDirectories(copy.getParent());
        dev.rolechain.testsupport.HeadlessImage.copyTree(IMAGE, copy);
        Path link = Files.createSymbolicLink(temp.resolve("rolechain"), copy.resolve("bin").resolve("rolechain"));
        Run run = run(link, Map.of("PATH", tools + ":" + System.getenv("PATH")), "--version");
        assertThat(run.code()).as(run.output()).isZero();
        assertThat(run.output()).contains("rolechain 0.1.0");
        assertThat(marks).as("no package manager was asked").doesNotExist();
        assertThat(Files.readString(LAUNCHER)).startsWith("#!/bin/sh");
    }

    private record Run(int code, String output) {
    }

    private static Run run(Path launcher, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(launcher.toAbsolutePath().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Run(-1, "timed out: " + new String(out, StandardCharsets.UTF_8));
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
