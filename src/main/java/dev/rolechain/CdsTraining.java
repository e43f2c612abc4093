package dev.rolechain;

import dev.rolechain.aws.DataFolder;
import dev.rolechain.cli.RolechainCommand;
import dev.rolechain.setup.Setup;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * One run of the commands users run most, on the bundled examples, so that the JVM's
 * {@code -XX:ArchiveClassesAtExit} records the classes they load: the packaged app's AppCDS archive, made
 * where the app lies (at build time for the app-image, at install time for the .deb), because on Java 17 an
 * archive serves only the class path it was made with (decision 0004). The live commands (apply, plan) run
 * against {@link TrainingAws}, a stand-in for IAM and STS on the loopback interface, under a shared config of
 * the training's own. Writes only to a temporary folder, reads no account, no AWS profile and no other network.
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
            try {
                live(work, setup);
            } catch (IOException | RuntimeException e) {
                // the archive is still made, without what the live commands load
                Console.err("rolechain: class-data training: the live commands were not trained: " + e);
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * apply (creating everything), plan and apply again (nothing to do) of the example against the stand-in: the SDK's
     * clients, credentials, signing, HTTP client and XML, and the live planner, differ, journal and backups.
     */
    private static void live(Path work, String setup) throws IOException {
        Setup example;
        try {
            example = new Services().loader().load(Path.of(setup));
        } catch (dev.rolechain.setup.SetupException e) {
            throw new IOException("the example Setup does not load: " + e.getMessage(), e);
        }
        Map<String, String> accountByProfile = new LinkedHashMap<>();
        accountByProfile.put(example.tooling().profile(), example.tooling().accountId());
        example.targets().stream().filter(t -> t.accountId() != null && t.profile() != null)
                .forEach(t -> accountByProfile.put(t.profile(), t.accountId()));
        Map<String, String> saved = new LinkedHashMap<>();
        try (TrainingAws aws = TrainingAws.start()) {
            Path config = Files.writeString(work.resolve("aws-config"), aws.sharedConfig(accountByProfile));
            Path credentials = Files.writeString(work.resolve("aws-credentials"), "");
            // system properties come before the environment and the shared config in the SDK's settings: whatever
            // AWS_* variables the build or the install runs with, every call goes to the stand-in, under its profiles
            Map<String, String> settings = Map.of("aws.configFile", config.toString(), "aws.sharedCredentialsFile",
                    credentials.toString(), "aws.endpointUrl", aws.endpoint(), "aws.endpointUrlIam", aws.endpoint(),
                    "aws.endpointUrlSts", aws.endpoint(), "aws.ignoreConfiguredEndpointUrls", "false",
                    DataFolder.PROPERTY, work.resolve("data").toString());
            for (Map.Entry<String, String> p : settings.entrySet()) {
                saved.put(p.getKey(), System.getProperty(p.getKey()));
                System.setProperty(p.getKey(), p.getValue());
            }
            run("apply", "--setup", setup, "--yes");
            run("plan", "--setup", setup);
            run("apply", "--setup", setup, "--yes");
        } finally {
            saved.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
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
