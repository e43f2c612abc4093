package dev.rolechain.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The terraform CLI with the hashicorp/aws provider from a local filesystem mirror (no network):
 * the mirror is the folder above {@code registry.terraform.io}, from ROLECHAIN_TF_MIRROR or a few
 * usual places.
 */
public final class TerraformCli {
    private final Path cliConfig;

    private TerraformCli(Path cliConfig) {
        this.cliConfig = cliConfig;
    }

    public static boolean installed() {
        return ExternalTools.runs(List.of("terraform", "version"));
    }

    public static Optional<Path> mirror() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv("ROLECHAIN_TF_MIRROR");
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        String home = System.getProperty("user.home");
        Stream.of("/opt/tf-plugins", home + "/.terraform.d/plugins", home + "/.local/share/terraform/plugins",
                "/usr/local/share/terraform/plugins", "/usr/share/terraform/plugins")
                .map(Path::of).forEach(candidates::add);
        return candidates.stream()
                .filter(p -> Files.isDirectory(p.resolve("registry.terraform.io/hashicorp/aws")))
                .findFirst();
    }

    /** terraform for formatting only (no provider needed); skips or fails like {@link #withAwsProvider()}. */
    public static TerraformCli plain() throws IOException {
        ExternalTools.require("terraform", installed(), "terraform on PATH");
        Path config = Files.createTempFile("terraformrc", ".hcl");
        Files.writeString(config, "");
        return new TerraformCli(config);
    }

    /** terraform that installs hashicorp/aws from the local mirror only. */
    public static TerraformCli withAwsProvider() throws IOException {
        ExternalTools.require("terraform", installed(), "terraform on PATH");
        Optional<Path> mirror = mirror();
        ExternalTools.require("the hashicorp/aws provider mirror", mirror.isPresent(),
                "set ROLECHAIN_TF_MIRROR to the folder that holds registry.terraform.io/hashicorp/aws");
        Path config = Files.createTempFile("terraformrc", ".hcl");
        Files.writeString(config, """
                provider_installation {
                  filesystem_mirror {
                    path    = "%s"
                    include = ["registry.terraform.io/hashicorp/aws"]
                  }
                  direct {
                    exclude = ["registry.terraform.io/hashicorp/aws"]
                  }
                }
                """.formatted(mirror.get().toAbsolutePath().toString().replace("\\", "\\\\")));
        return new TerraformCli(config);
    }

    public Processes.Result run(Path directory, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        return runWithInput(directory, env, null, args);
    }

    /** Runs terraform with {@code stdin} as its standard input. */
    public Processes.Result runWithInput(Path directory, Map<String, String> env, String stdin, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("terraform");
        command.addAll(List.of(args));
        Map<String, String> all = new HashMap<>(env);
        all.put("TF_CLI_CONFIG_FILE", cliConfig.toString());
        all.put("CHECKPOINT_DISABLE", "1");
        all.put("TF_IN_AUTOMATION", "1");
        return Processes.run(command, directory, all, stdin, 300);
    }
}
