package dev.rolechain.github;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What Rolechain reads from a GitHub Actions workflow file, or from a composite action's {@code action.yml}
 * (read as one job, {@value #COMPOSITE_JOB}): permissions, triggers, {@code env}, and each job's environment,
 * condition, {@code env} and steps, with line numbers for findings.
 */
public record WorkflowFile(String name, Map<String, String> permissions, List<String> events, List<Job> jobs,
        PushFilter push, Map<String, String> env, boolean composite) {

    public static final String CONFIGURE_AWS_CREDENTIALS = "aws-actions/configure-aws-credentials";
    /** The id of the one job a composite action is read as. */
    public static final String COMPOSITE_JOB = "composite";

    public WorkflowFile {
        events = List.copyOf(events);
        jobs = List.copyOf(jobs);
        env = copy(env);
    }

    /** A workflow with no workflow-level {@code env}. */
    public WorkflowFile(String name, Map<String, String> permissions, List<String> events, List<Job> jobs,
            PushFilter push) {
        this(name, permissions, events, jobs, push, Map.of(), false);
    }

    /** A workflow whose push trigger (if any) has no filters. */
    public WorkflowFile(String name, Map<String, String> permissions, List<String> events, List<Job> jobs) {
        this(name, permissions, events, jobs, null);
    }

    /**
     * A job. {@code permissions} is null when the job sets none (it then has the workflow's);
     * {@code environment} is null when it names none, {@code condition} (its {@code if:}) when it has none.
     */
    public record Job(String id, Map<String, String> permissions, String environment, String condition,
            List<Step> steps, int line, Map<String, String> env) {
        public Job {
            steps = List.copyOf(steps);
            env = copy(env);
        }

        public Job(String id, Map<String, String> permissions, String environment, String condition, List<Step> steps,
                int line) {
            this(id, permissions, environment, condition, steps, line, Map.of());
        }

        public List<Step> awsCredentialSteps() {
            return steps.stream().filter(Step::configuresAwsCredentials).toList();
        }
    }

    /**
     * A step: the action it uses (or null for a run step), its {@code with} inputs as strings, and its {@code id},
     * {@code if:} ({@code condition}, null when it has none) and {@code env}.
     */
    public record Step(String name, String uses, Map<String, String> with, int line, String id, String condition,
            Map<String, String> env) {
        public Step {
            with = copy(with);
            env = copy(env);
        }

        public Step(String name, String uses, Map<String, String> with, int line) {
            this(name, uses, with, line, null, null, Map.of());
        }

        public boolean configuresAwsCredentials() {
            return uses != null && uses.toLowerCase(Locale.ROOT).startsWith(CONFIGURE_AWS_CREDENTIALS + "@");
        }

        public String input(String key) {
            return with.get(key);
        }

        public boolean chained() {
            return "true".equalsIgnoreCase(input("role-chaining"));
        }

        /** Whether an input is set to something other than the empty string (configure-aws-credentials' test). */
        public boolean has(String key) {
            String value = input(key);
            return value != null && !value.isBlank();
        }

        /**
         * Whether configure-aws-credentials asks GitHub for an OIDC token in this step: {@code role-to-assume}
         * without static keys ({@code aws-access-key-id}), without {@code web-identity-token-file}, not chained and
         * not {@code force-skip-oidc} (its {@code useGitHubOIDCProvider}).
         */
        public boolean usesOidc() {
            return configuresAwsCredentials() && has("role-to-assume") && !has("aws-access-key-id")
                    && !has("web-identity-token-file") && !chained() && !"true".equalsIgnoreCase(input("force-skip-oidc"));
        }
    }

    /** The permissions that apply to a job: its own block, else the workflow's (null: none set anywhere). */
    public Map<String, String> permissionsOf(Job job) {
        return job.permissions() != null ? job.permissions() : permissions;
    }

    /** The environment variables a step sees from the file: the workflow's, the job's, then the step's own. */
    public Map<String, String> envOf(Job job, Step step) {
        Map<String, String> all = new LinkedHashMap<>(env);
        all.putAll(job.env());
        all.putAll(step.env());
        return Collections.unmodifiableMap(all);
    }

    /** An unmodifiable copy that keeps order and allows null values (a key set to a mapping or list). */
    private static Map<String, String> copy(Map<String, String> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
