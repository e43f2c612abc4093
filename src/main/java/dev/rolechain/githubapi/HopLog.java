package dev.rolechain.githubapi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads what a verification run did from its logs (the zip GitHub serves: one text file per job and per step):
 * the {@code ROLECHAIN-VERIFY} line of each hop, and for a hop that failed the error configure-aws-credentials
 * reported (AssumeRoleWithWebIdentity for hop 1, AssumeRole for hop 2), with the STS error code it implies.
 */
public final class HopLog {
    private static final Pattern LINE = Pattern.compile("ROLECHAIN-VERIFY((?: [a-z]+=\\S*)+)\\s*$");
    private static final Pattern PAIR = Pattern.compile("([a-z]+)=(\\S*)");

    private HopLog() {
    }

    /** One hop as the run reported it: {@code result} is success, failure or skipped. */
    public record Hop(String target, int hop, String role, String account, String result, String identity, String error,
            String code) {
        public boolean succeeded() {
            return "success".equals(result);
        }
    }

    /** Every hop line of the run's logs, once each, in target and hop order of appearance. */
    public static List<Hop> parse(byte[] zip) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isDirectory()) {
                    files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        Map<String, Hop> hops = new LinkedHashMap<>();
        for (String text : files.values()) {
            List<String> errors = new ArrayList<>();
            for (String line : text.split("\r?\n")) {
                int error = line.indexOf("##[error]");
                if (error >= 0) {
                    errors.add(line.substring(error + "##[error]".length()).strip());
                    continue;
                }
                Matcher m = LINE.matcher(line);
                if (!m.find() || line.contains("echo \"ROLECHAIN-VERIFY")) {
                    continue;
                }
                Map<String, String> kv = new LinkedHashMap<>();
                Matcher p = PAIR.matcher(m.group(1));
                while (p.find()) {
                    kv.put(p.group(1), p.group(2));
                }
                int hop = Integer.parseInt(kv.getOrDefault("hop", "0"));
                String target = kv.getOrDefault("target", "");
                String result = kv.getOrDefault("result", "");
                String message = "failure".equals(result) ? errorOf(errors, hop) : null;
                Hop parsed = new Hop(target, hop, kv.get("role"), kv.get("account"), result,
                        "none".equals(kv.get("identity")) ? null : kv.get("identity"), message, code(message));
                Hop seen = hops.get(target + "/" + hop);
                if (seen == null || seen.error() == null && parsed.error() != null) {
                    hops.put(target + "/" + hop, parsed);
                }
            }
        }
        return List.copyOf(hops.values());
    }

    /** The error configure-aws-credentials gave for the hop, from the errors of the same job. */
    private static String errorOf(List<String> errors, int hop) {
        for (String e : errors) {
            String lower = e.toLowerCase(Locale.ROOT);
            boolean web = lower.contains("assumerolewithwebidentity") || lower.contains("with oidc")
                    || lower.contains("token");
            if (hop == 1 ? web : !web && (lower.contains("assumerole") || lower.contains("user credentials"))) {
                return e;
            }
        }
        return errors.isEmpty() ? null : errors.get(0);
    }

    /** The STS error code an error message implies. */
    static String code(String message) {
        if (message == null) {
            return null;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("not authorized") || lower.contains("accessdenied")) {
            return "AccessDenied";
        }
        if (lower.contains("invalididentitytoken") || lower.contains("incorrect token audience")) {
            return "InvalidIdentityToken";
        }
        if (lower.contains("expiredtoken")) {
            return "ExpiredToken";
        }
        return "Error";
    }
}
