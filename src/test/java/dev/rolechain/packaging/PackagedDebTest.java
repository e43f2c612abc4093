package dev.rolechain.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.testsupport.ExternalTools;
import dev.rolechain.testsupport.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb that {@code mvn -Ppackage package} builds on Linux: its control fields, that it installs
 * the launcher, the desktop entry and the icon under /opt/rolechain, and that the installed launcher
 * works — unpacked with dpkg-deb into a temporary root rather than installed into this machine.
 */
class PackagedDebTest {
    private static final Path INSTALLERS = Path.of("target", "jpackage", "installer");

    @TempDir
    Path temp;

    private Path deb;

    @BeforeEach
    void requireDeb() throws IOException {
        ExternalTools.require("dpkg-deb", ExternalTools.runs(List.of("dpkg-deb", "--version")), "install dpkg");
        Path found = null;
        if (Files.isDirectory(INSTALLERS)) {
            try (Stream<Path> files = Files.list(INSTALLERS)) {
                found = files.filter(f -> f.getFileName().toString().endsWith(".deb")).findFirst().orElse(null);
            }
        }
        ExternalTools.require("the packaged .deb", found != null, "build it with mvn -Ppackage package; no .deb in " + INSTALLERS);
        deb = found;
    }

    private static Processes.Result run(List<String> command) throws Exception {
        return Processes.run(command, Path.of("."), Map.of(), "", 60);
    }

    @Test
    void itsControlFieldsNameThePackageVersionAndDependencies() throws Exception {
        Processes.Result fields = run(List.of("dpkg-deb", "-f", deb.toString(), "Package", "Version", "Architecture", "Depends"));
        assertThat(fields.exitCode()).as(fields.both()).isZero();
        assertThat(fields.stdout()).contains("Package: rolechain", "Version: 0.1.0", "Architecture: amd64", "xdg-utils");
    }

    @Test
    void theUnpackedLauncherRunsTheCliAndTheDesktopEntryPointsAtIt() throws Exception {
        Processes.Result unpack = run(List.of("dpkg-deb", "-x", deb.toString(), temp.toString()));
        assertThat(unpack.exitCode()).as(unpack.both()).isZero();
        Path opt = temp.resolve("opt").resolve("rolechain");
        Path launcher = opt.resolve("bin").resolve("rolechain");
        assertThat(launcher).isExecutable();
        Path desktop;
        try (Stream<Path> files = Files.list(opt.resolve("lib"))) {
            desktop = files.filter(f -> f.toString().endsWith(".desktop")).findFirst().orElseThrow();
        }
        assertThat(Files.readString(desktop)).contains("Name=Rolechain", "Exec=/opt/rolechain/bin/rolechain", "Icon=");
        Processes.Result version = run(List.of(launcher.toString(), "--version"));
        assertThat(version.exitCode()).as(version.both()).isZero();
        assertThat(version.stdout()).contains("rolechain 0.1.0");
        Path out = temp.resolve("answer.json");
        Processes.Result inspect = run(List.of(launcher.toString(), "inspect", "--dump",
                Path.of("examples/dumps/tooling-111111111111.json").toAbsolutePath().toString(), "--query",
                "repo:myorg/app:ref:refs/heads/main", "--out", out.toString()));
        assertThat(inspect.exitCode()).as(inspect.both()).isZero();
        assertThat(Files.readString(out)).contains("\"direction\" : \"reach\"", "arn:aws:iam::111111111111:role/hop");
    }

    @Test
    void installingMakesTheClassDataArchiveWhereTheAppLiesAndRemovingDeletesIt() throws Exception {
        Processes.Result unpack = run(List.of("dpkg-deb", "-x", deb.toString(), temp.toString()));
        assertThat(unpack.exitCode()).as(unpack.both()).isZero();
        Path opt = temp.resolve("opt").resolve("rolechain");
        assertThat(opt.resolve("lib/app/rolechain.jsa")).as("an archive made at build time would not fit /opt").doesNotExist();
        Path control = temp.resolve("control");
        Processes.Result scripts = run(List.of("dpkg-deb", "-e", deb.toString(), control.toString()));
        assertThat(scripts.exitCode()).as(scripts.both()).isZero();
        assertThat(Files.readString(control.resolve("postinst")))
                .contains("sh /opt/rolechain/lib/app/cds-archive.sh /opt/rolechain || true", "xdg-desktop-menu install");
        assertThat(Files.readString(control.resolve("prerm"))).contains("rm -f /opt/rolechain/lib/app/rolechain.jsa");
        // what postinst runs, on the unpacked tree instead of /opt: the launcher then maps the archive (-Xshare:on)
        Processes.Result make = run(List.of("sh", opt.resolve("lib/app/cds-archive.sh").toString(), opt.toString()));
        assertThat(make.exitCode()).as(make.both()).isZero();
        assertThat(opt.resolve("lib/app/rolechain.jsa")).isRegularFile();
        Processes.Result version = Processes.run(List.of(opt.resolve("bin/rolechain").toString(), "--version"), Path.of("."),
                java.util.Map.of("JAVA_TOOL_OPTIONS", "-Xshare:on"), "", 60);
        assertThat(version.exitCode()).as(version.both()).isZero();
        assertThat(version.stdout()).contains("rolechain 0.1.0");
    }
}
