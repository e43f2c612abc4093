package dev.rolechain;

import dev.rolechain.cli.RolechainCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * One run of the commands users run most, on the bundled examples, so that the JVM's
 * {@code -XX:ArchiveClassesAtExit} records the classes they load: the packaged app's AppCDS archive, made
 * where the app lies (at build time for the app-image, at install time for the .deb), because on Java 17 an
 * archive serves only the class path it was made with (decision 0004). Writes only to a temporary folder,
 * reads no account and no network.
 */
public final class CdsTraining {
    private static final List<String> EXAMPLES = List.of("three-targets.json", "dumps/tooling-111111111111.json",
            "dumps/target-222222222222.json");

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path work = Files.createTempDirectory("rolechain-cds-");
        try {
            for (String example : EXAMPLES) {
                try (InputStream in = CdsTraining.class.getResourceAsStream("/examples/" + example)) {
                    if (in == null) {
                        throw new IOException("the example " + example + " is missing from the class path");
                    }
                    Path file = work.resolve(example);
                    Files.createDirectories(file.getParent());
                    Files.copy(in, file);
                }
            }
            String setup = work.resolve("three-targets.json").toString();
            String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                    + "\"arn:aws:iam::111111111111:role/gha-oidc-prod\"},\"Action\":\"sts:AssumeRole\",\"Condition\":"
                    + "{\"StringEquals\":{\"sts:ExternalId\":\"x\"}}}]}";
            Path cases = Files.writeString(work.resolve("cases.jsonl"), String.join("\n", List.of(
                    "{\"policy\":" + trust + ",\"principal\":\"arn:aws:sts::111111111111:assumed-role/gha-oidc-prod/s\","
                            + "\"action\":\"sts:AssumeRole\",\"resource\":\"arn:aws:iam::222222222222:role/deploy\","
                            + "\"context\":{\"sts:ExternalId\":\"x\"}}",
                    "{\"identityPolicies\":[" + trust.replace("\"Principal\":{\"AWS\":"
                            + "\"arn:aws:iam::111111111111:role/gha-oidc-prod\"},", "\"Resource\":\"*\",") + "],"
                            + "\"principal\":\"111111111111\",\"action\":\"sts:AssumeRole\"}")) + "\n");
            run("--help");
            run("validate", setup);
            run("export", "--setup", setup, "--out", work.resolve("out").toString(), "--verify-workflow");
            run("lint", "--setup", setup);
            run("lint", "--workflow", work.resolve("out/.github/workflows/deploy.yml").toString(), "--setup", setup);
            run("check", "--setup", setup, "--format", "json");
            run("eval", "--cases", cases.toString());
            run("eval", "--cases", cases.toString(), "--explain", "--threads", "1");
            run("inspect", "--dump", work.resolve("dumps/tooling-111111111111.json").toString(), "--dump",
                    work.resolve("dumps/target-222222222222.json").toString(), "--query", "repo:myorg/app:ref:refs/heads/main");
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void run(String... args) {
        CommandLine cli = RolechainCommand.create(new Services(), args);
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        cli.setOut(nowhere);
        cli.setErr(nowhere);
        int code = cli.execute(args);
        if (code != 0) {
            // a command that fails trains less: say which, so that the build shows it
            Console.err("rolechain: class-data training: rolechain " + String.join(" ", args) + " exited " + code);
        }
    }
}
