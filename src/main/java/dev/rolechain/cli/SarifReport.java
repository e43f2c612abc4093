package dev.rolechain.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.Version;
import dev.rolechain.lint.Finding;
import dev.rolechain.lint.Rule;
import dev.rolechain.lint.Severity;
import dev.rolechain.setup.Problem;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.SetupJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lint findings as one SARIF 2.1.0 log, for GitHub code scanning ({@code github/codeql-action/upload-sarif}): the
 * tool with every {@link Rule}, and a result per finding whose location is a file relative to {@code base} (the
 * folder lint ran in, the repository's root in CI) with the line when one is known.
 *
 * <p>Findings about what a Setup plans but no file on disk holds (a planned trust policy, an account, the OIDC
 * provider) point at the Setup file, which is what to change; the message names the planned location.
 */
public final class SarifReport {
    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    /** Where the rules are documented: the project's docs/lint-rules.md (change here if the project moves). */
    /**
     * Where the rules are documented, as the help text names it: Rolechain has no public address to link to, so the
     * log carries no informationUri or helpUri (both optional) rather than one that leads nowhere.
     */
    public static final String RULES_DOC = "docs/lint-rules.md";
    /** The key of {@code partialFingerprints}: a SHA-256 of rule id, location and message. */
    public static final String FINGERPRINT = "rolechainFinding/v1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Properties RULES = rules();

    private final Path base;
    private final Path setupFile;
    private final Set<String> setupFields;
    private final Map<String, List<Integer>> statementLines = new HashMap<>();
    private SetupJson.Read setup;

    /**
     * @param base the folder result URIs are relative to
     * @param setupFile the Setup file linted, or null
     */
    public SarifReport(Path base, Path setupFile) {
        this.base = base.toAbsolutePath().normalize();
        this.setupFile = setupFile;
        this.setupFields = setupFile == null ? Set.of()
                : Arrays.stream(Setup.class.getRecordComponents()).map(c -> c.getName()).collect(Collectors.toSet());
    }

    /** The SARIF log of {@code findings}. */
    public ObjectNode log(List<Finding> findings) {
        ObjectNode log = JSON.createObjectNode();
        log.put("$schema", SCHEMA).put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "Rolechain").put("semanticVersion", Version.get());
        ArrayNode rules = driver.putArray("rules");
        for (Rule rule : Rule.values()) {
            ObjectNode r = rules.addObject();
            r.put("id", rule.name()).put("name", name(rule));
            r.putObject("shortDescription").put("text", shortDescription(rule));
            r.putObject("fullDescription").put("text", rule.fix());
            String where = RULES_DOC + ", section \"" + section(rule) + "\"";
            r.putObject("help").put("text", rule.fix() + " (" + where + ")")
                    .put("markdown", rule.fix() + "\n\nSee " + RULES_DOC + ", [" + section(rule) + "](" + RULES_DOC + "#"
                            + anchor(section(rule)) + ").");
            r.putObject("defaultConfiguration").put("level", level(rule.severity()));
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : findings) {
            ObjectNode result = results.addObject();
            result.put("ruleId", f.ruleId()).put("ruleIndex", f.rule().ordinal()).put("level", level(f.severity()));
            result.putObject("message").put("text", f.message() + " (at " + f.location() + ")\nFix: " + f.fix());
            ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
            Place place = place(FindingLocation.parse(f.location(), setupFields));
            physical.putObject("artifactLocation").put("uri", place.uri());
            if (place.line() > 0) {
                physical.putObject("region").put("startLine", place.line());
            }
            result.putObject("partialFingerprints").put(FINGERPRINT, fingerprint(f));
        }
        return log;
    }

    /** The log as indented JSON text. */
    public String write(List<Finding> findings) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(log(findings));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SARIF's level for a severity: error, warning, and info as note. */
    public static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    static String name(Rule rule) {
        return RULES.getProperty(rule.name() + ".name", rule.name());
    }

    static String shortDescription(Rule rule) {
        return RULES.getProperty(rule.name() + ".short", rule.fix());
    }

    /** The heading of docs/lint-rules.md that documents the rule. */
    static String section(Rule rule) {
        return RULES.getProperty(rule.name() + ".section", "Lint rules");
    }


    /** GitHub's anchor of a Markdown heading: lower case, spaces as dashes, punctuation other than - and _ dropped. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    /** Rule id, location and message, hashed: the same finding gets the same fingerprint in every run. */
    static String fingerprint(Finding f) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(f.ruleId(), f.location(), f.message())) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Place(String uri, int line) {
    }

    private Place place(FindingLocation location) {
        if (location instanceof FindingLocation.SetupField field) {
            return new Place(uri(setupFile.toString()), setupLine(field.path().toString()));
        }
        if (location instanceof FindingLocation.FileLine fileLine) {
            return onDisk(fileLine.file()) || setupFile == null ? new Place(uri(fileLine.file()), fileLine.line())
                    : new Place(uri(setupFile.toString()), 0);
        }
        if (location instanceof FindingLocation.Statement statement) {
            if (onDisk(statement.file())) {
                return new Place(uri(statement.file()), statementLine(statement.file(), statement.index()));
            }
            return new Place(uri(setupFile == null ? statement.file() : setupFile.toString()), 0);
        }
        String what = ((FindingLocation.Other) location).what();
        return new Place(uri(onDisk(what) || setupFile == null ? what : setupFile.toString()), 0);
    }

    private boolean onDisk(String file) {
        try {
            return Files.isRegularFile(base.resolve(file));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** The line of a Setup field (or of the nearest enclosing field the file has), 0 when the file cannot be read. */
    private int setupLine(String path) {
        if (setup == null) {
            try {
                setup = SetupJson.read(Files.readString(base.resolve(setupFile), StandardCharsets.UTF_8));
            } catch (IOException e) {
                return 0;
            }
        }
        return setup.locate(new Problem(path, "")).line();
    }

    /** The line where the {@code index}th statement of a policy file starts, 0 when the file does not have it. */
    private int statementLine(String file, int index) {
        List<Integer> lines = statementLines.computeIfAbsent(file, f -> statementLines(base.resolve(f)));
        return index < lines.size() ? lines.get(index) : 0;
    }

    /** The first line of each statement of a policy document: the elements of its Statement array, or the one object. */
    static List<Integer> statementLines(Path file) {
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return List.of();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!name.equals("Statement")) {
                    p.skipChildren();
                } else if (value == JsonToken.START_OBJECT) {
                    return List.of(p.currentTokenLocation().getLineNr());
                } else if (value == JsonToken.START_ARRAY) {
                    List<Integer> lines = new java.util.ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        lines.add(p.currentTokenLocation().getLineNr());
                        p.skipChildren();
                    }
                    return lines;
                } else {
                    return List.of();
                }
            }
            return List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * A file as a URI: relative to {@code base} with forward slashes and percent-encoded where a URI needs it (or an
     * absolute {@code file:} URI for a file outside {@code base}).
     */
    String uri(String file) {
        Path path;
        try {
            path = Path.of(file);
        } catch (java.nio.file.InvalidPathException e) {
            return encode(file.replace('\\', '/'));
        }
        Path absolute = base.resolve(path).normalize();
        if (!absolute.startsWith(base)) {
            return absolute.toUri().toASCIIString();
        }
        path = base.relativize(absolute);
        StringBuilder uri = new StringBuilder();
        for (Path part : path) {
            if (uri.length() > 0) {
                uri.append('/');
            }
            uri.append(encode(part.toString()));
        }
        return uri.toString();
    }

    /** Percent-encodes (as UTF-8) every byte but RFC 3986's unreserved characters, sub-delimiters, @ and /. */
    static String encode(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=@/".indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static Properties rules() {
        Properties p = new Properties();
        try (InputStream in = SarifReport.class.getResourceAsStream("sarif-rules.properties")) {
            if (in != null) {
                p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
