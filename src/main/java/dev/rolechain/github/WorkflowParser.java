package dev.rolechain.github;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a GitHub Actions workflow file (YAML), or a composite action's {@code action.yml} (its {@code runs.steps} as
 * one job), into a {@link WorkflowFile}, keeping line numbers.
 */
public final class WorkflowParser {

    /** A workflow file that cannot be read, with the line where it went wrong (0 when unknown). */
    public static final class WorkflowException extends IllegalArgumentException {
        private final int line;

        public WorkflowException(String message, int line) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    public WorkflowFile parse(String text) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new WorkflowException("not YAML: " + e.getProblem(), line);
        } catch (YAMLException e) {
            throw new WorkflowException("not YAML: " + e.getMessage(), 0);
        }
        if (!(root instanceof MappingNode map)) {
            throw new WorkflowException("a workflow is a YAML mapping with \"on\" and \"jobs\"", 1);
        }
        if (get(map, "jobs") == null && get(map, "runs") != null) {
            return action(map);
        }
        String name = scalar(get(map, "name"));
        Map<String, String> permissions = permissions(get(map, "permissions"));
        Node on = get(map, "on", "true");
        List<String> events = events(on);
        PushFilter push = on instanceof MappingNode onMap && get(onMap, "push") instanceof MappingNode pushMap
                ? new PushFilter(list(get(pushMap, "branches")), list(get(pushMap, "branches-ignore")),
                        list(get(pushMap, "tags")), list(get(pushMap, "tags-ignore")), keyLine(onMap, "push")) : null;
        Node jobsNode = get(map, "jobs");
        if (!(jobsNode instanceof MappingNode jobsMap)) {
            throw new WorkflowException("\"jobs\" is missing or not a mapping", line(jobsNode == null ? map : jobsNode));
        }
        List<WorkflowFile.Job> jobs = new ArrayList<>();
        for (NodeTuple tuple : jobsMap.getValue()) {
            String id = scalar(tuple.getKeyNode());
            if (!(tuple.getValueNode() instanceof MappingNode job)) {
                throw new WorkflowException("job \"" + id + "\" is not a mapping", line(tuple.getValueNode()));
            }
            jobs.add(job(id, job, line(tuple.getKeyNode())));
        }
        return new WorkflowFile(name, permissions, events, jobs, push, strings(get(map, "env")), false);
    }

    /**
     * An action's metadata file: a composite action's steps are one job ({@link WorkflowFile#COMPOSITE_JOB}), with no
     * permissions, triggers or environment of its own (those are the calling workflow's); any other action is refused.
     */
    private WorkflowFile action(MappingNode map) {
        Node runsNode = get(map, "runs");
        String using = runsNode instanceof MappingNode runs ? scalar(get(runs, "using")) : null;
        if (!(runsNode instanceof MappingNode runs) || !"composite".equals(using)) {
            String kind = using == null ? "an action without runs.using"
                    : using.equals("docker") ? "a Docker action (runs.using: docker)"
                    : using.startsWith("node") ? "a JavaScript action (runs.using: " + using + ")"
                    : "an action with runs.using: " + using;
            throw new WorkflowException("this is " + kind + ", whose steps lint cannot see: lint reads a workflow "
                    + "(on: and jobs:) or a composite action (runs.using: composite, with runs.steps)", line(runsNode));
        }
        if (!(get(runs, "steps") instanceof SequenceNode)) {
            throw new WorkflowException("a composite action needs runs.steps, a list of steps", line(runsNode));
        }
        WorkflowFile.Job job = new WorkflowFile.Job(WorkflowFile.COMPOSITE_JOB, null, null, null, steps(runs),
                keyLine(map, "runs"), Map.of());
        return new WorkflowFile(scalar(get(map, "name")), null, List.of(), List.of(job), null, Map.of(), true);
    }

    private WorkflowFile.Job job(String id, MappingNode job, int line) {
        Node env = get(job, "environment");
        String environment = env instanceof MappingNode envMap ? scalar(get(envMap, "name")) : scalar(env);
        return new WorkflowFile.Job(id, permissions(get(job, "permissions")), environment, scalar(get(job, "if")),
                steps(job), line, strings(get(job, "env")));
    }

    /** The {@code steps} of a job (or of a composite action's {@code runs}). */
    private static List<WorkflowFile.Step> steps(MappingNode parent) {
        List<WorkflowFile.Step> steps = new ArrayList<>();
        if (get(parent, "steps") instanceof SequenceNode seq) {
            for (Node stepNode : seq.getValue()) {
                if (stepNode instanceof MappingNode step) {
                    steps.add(new WorkflowFile.Step(scalar(get(step, "name")), scalar(get(step, "uses")),
                            strings(get(step, "with")), line(step), scalar(get(step, "id")), scalar(get(step, "if")),
                            strings(get(step, "env"))));
                }
            }
        }
        return steps;
    }

    /** A mapping of names to scalars ({@code with}, {@code env}); a value that is not a scalar reads as null. */
    private static Map<String, String> strings(Node node) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                values.put(scalar(t.getKeyNode()), scalar(t.getValueNode()));
            }
        }
        return values;
    }

    /** {@code read-all} / {@code write-all} expand to every scope; a mapping is taken as it is. */
    private static Map<String, String> permissions(Node node) {
        if (node == null) {
            return null;
        }
        Map<String, String> permissions = new LinkedHashMap<>();
        if (node instanceof ScalarNode s) {
            String all = s.getValue();
            if (all.equals("write-all") || all.equals("read-all")) {
                permissions.put("*", all.startsWith("write") ? "write" : "read");
            }
            return permissions;
        }
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                permissions.put(scalar(t.getKeyNode()), scalar(t.getValueNode()));
            }
        }
        return permissions;
    }

    /** A filter list (a sequence, or one scalar); null when absent. */
    private static List<String> list(Node node) {
        if (node instanceof SequenceNode seq) {
            return seq.getValue().stream().map(WorkflowParser::scalar).filter(java.util.Objects::nonNull).toList();
        }
        return node instanceof ScalarNode s ? List.of(s.getValue()) : null;
    }

    private static List<String> events(Node node) {
        List<String> events = new ArrayList<>();
        if (node instanceof ScalarNode s) {
            events.add(s.getValue());
        } else if (node instanceof SequenceNode seq) {
            seq.getValue().forEach(n -> events.add(scalar(n)));
        } else if (node instanceof MappingNode map) {
            map.getValue().forEach(t -> events.add(scalar(t.getKeyNode())));
        }
        return events;
    }

    /** The value of the first of the keys present ("on" reads as the boolean true in YAML 1.1). */
    private static Node get(MappingNode map, String... keys) {
        for (String key : keys) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                    return t.getValueNode();
                }
            }
        }
        return null;
    }

    /** The line of a key of the mapping. */
    private static int keyLine(MappingNode map, String key) {
        return map.getValue().stream().filter(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key))
                .findFirst().map(t -> line(t.getKeyNode())).orElse(line(map));
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    private static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
