package dev.rolechain.testsupport;

import dev.rolechain.Services;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Setup exported to a folder, with the terraform environment that reaches a moto server: one
 * profile per account (named as the Setup names them, or passed with -var when it names none).
 */
public final class ExportedTerraform {
    private final Path terraformDir;
    private final Map<String, String> env;
    private final List<String> vars;
    private final TerraformCli terraform;

    private ExportedTerraform(Path terraformDir, Map<String, String> env, List<String> vars, TerraformCli terraform) {
        this.terraformDir = terraformDir;
        this.env = env;
        this.vars = vars;
        this.terraform = terraform;
    }

    public static ExportedTerraform export(Services services, DesiredState state, MotoServer moto, Path folder,
            TerraformCli terraform) throws IOException {
        Path out = folder.resolve("export");
        services.exportWriter().write(services.renderer().render(state), out, false);
        Setup setup = state.setup();
        StringBuilder config = new StringBuilder(moto.baseProfile());
        List<String> vars = new ArrayList<>();
        Map<String, String[]> variables = new java.util.LinkedHashMap<>();
        variables.put("profile_tooling", new String[] {setup.tooling().accountId(), setup.tooling().profile()});
        for (Target target : setup.targets()) {
            variables.put("profile_" + target.name().replace('-', '_'), new String[] {target.accountId(), target.profile()});
        }
        variables.forEach((variable, accountAndProfile) -> {
            String name = accountAndProfile[1] != null ? accountAndProfile[1] : "acct-" + accountAndProfile[0] + "-" + variable;
            config.append(moto.profile(name, accountAndProfile[0]));
            if (accountAndProfile[1] == null) {
                vars.add("-var");
                vars.add(variable + "=" + name);
            }
        });
        Path awsConfig = folder.resolve("aws-config");
        Files.writeString(awsConfig, config);
        Map<String, String> env = new HashMap<>();
        env.put("AWS_CONFIG_FILE", awsConfig.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", folder.resolve("no-credentials").toString());
        env.put("AWS_ENDPOINT_URL_IAM", moto.endpoint());
        env.put("AWS_ENDPOINT_URL_STS", moto.endpoint());
        for (String inherited : List.of("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_DEFAULT_REGION")) {
            env.put(inherited, null);
        }
        return new ExportedTerraform(out.resolve("terraform"), env, vars, terraform);
    }

    public Path exportFolder() {
        return terraformDir.getParent();
    }

    /** Runs terraform in the export's terraform folder; plan and apply get the profile variables. */
    public Processes.Result run(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.isEmpty() && (all.get(0).equals("plan") || all.get(0).equals("apply"))) {
            all.addAll(vars);
        }
        return terraform.run(terraformDir, env, all.toArray(String[]::new));
    }

    /** init then apply; throws with terraform's output when either fails. */
    public void initAndApply() throws IOException, InterruptedException {
        for (String[] command : List.of(new String[] {"init", "-input=false", "-no-color"},
                new String[] {"apply", "-auto-approve", "-input=false", "-no-color"})) {
            Processes.Result result = run(command);
            if (result.exitCode() != 0) {
                throw new IOException("terraform " + command[0] + " failed:\n" + result.both());
            }
        }
    }
}
