package dev.rolechain.bench;

import dev.rolechain.testsupport.HeadlessImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Start-up to the wizard's first page three ways, alternating, headless (Monocle, software
 * rendering): the packaged app-image's launcher, {@code java -jar target/rolechain.jar} (Monocle
 * added, so {@code -cp jar:monocle.jar dev.rolechain.Launcher}), and {@code mvn -q -o javafx:run}
 * (profile headless-run; classes already compiled). Needs the app-image
 * ({@code mvn -Ppackage -Djpackage.skipInstaller=true package}) and the jar; prints medians.
 */
public final class PackagedStartupBench {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path image = Path.of("target", "jpackage", "image", "rolechain");
        Path jar = Path.of("target", "rolechain.jar");
        if (!Files.isDirectory(image) || !Files.isRegularFile(jar)) {
            System.out.println("packaged start-up benchmark skipped: build the app-image and the jar first "
                    + "(mvn -Ppackage -Djpackage.skipInstaller=true package)");
            return;
        }
        Path home = Files.createDirectories(Path.of("target", "bench-home")).toAbsolutePath();
        Path launcher = HeadlessImage.copy(image, Files.createTempDirectory("rolechain-image").resolve("rolechain"));
        String monocle = List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                .filter(p -> p.contains("openjfx-monocle")).findFirst().orElseThrow();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> packaged = List.of(launcher.toString());
        List<String> javaJar = List.of(java, "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                "-Drolechain.startupProbe=true", "-cp", jar.toAbsolutePath() + File.pathSeparator + monocle, "dev.rolechain.Launcher");
        List<String> mvn = List.of("mvn", "-q", "-B", "-o", "-Pheadless-run", "javafx:run");
        // one unmeasured run of each fills the OS file cache
        FirstPage.time(packaged, home);
        FirstPage.time(javaJar, home);
        FirstPage.time(mvn, home);
        double[][] t = new double[3][rounds];
        for (int i = 0; i < rounds; i++) {
            t[0][i] = FirstPage.time(packaged, home);
            t[1][i] = FirstPage.time(javaJar, home);
            t[2][i] = FirstPage.time(mvn, home);
        }
        System.out.printf(Locale.ROOT, "start-up to the wizard's first page, %d rounds each, alternating (headless Monocle, "
                + "software rendering):%n", rounds);
        String[] names = {"packaged app-image", "java -jar target/rolechain.jar", "mvn javafx:run"};
        for (int k = 0; k < 3; k++) {
            double[] s = t[k].clone();
            Arrays.sort(s);
            System.out.printf(Locale.ROOT, "  %-32s median %5.0f ms (min %.0f, max %.0f)%n", names[k], s[rounds / 2], s[0],
                    s[rounds - 1]);
        }
        System.out.printf(Locale.ROOT, "app-image size %.0f MB%n", size(image) / 1e6);
    }

    private static long size(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
