package dev.rolechain.github;

import java.util.List;
import java.util.Map;

/**
 * What Rolechain reads from a GitHub Actions workflow file: permissions, triggers, and each job's
 * environment, condition and steps, with line numbers for findings.
 */
public record WorkflowFile(String name, Map<String, String> permissions, List<String> events, List<Job> jobs,
        PushFilter push) {

    public static final String CONFIGURE_AWS_CREDENTIALS = "aws-actions/configure-aws-credentials";

    public WorkflowFile {
        events = List.copyOf(events);
        jobs = List.copyOf(jobs);
    }

    /** A workflow whose push trigger (if any) has no filters. */
    public WorkflowFile(String name, Map<String, String> permissions, List<String> events, List<Job> jobs) {
        this(name, permissions, events, jobs, null);
    }

    /**
     * A job. {@code permissions} is null when the job sets none (it then has the workflow's);
     * {@code environment} is null when it names none.
     */
    public record Job(String id, Map<String, String> permissions, String environment, String condition,
            List<Step> steps, int line) {
        public Job {
            steps = List.copyOf(steps);
        }

        public List<Step> awsCredentialSteps() {
            return steps.stream().filter(Step::configuresAwsCredentials).toList();
        }
    }

    /** A step: the action it uses (or null for a run step) and its {@code with} inputs as strings. */
    public record Step(String name, String uses, Map<String, String> with, int line) {
        public boolean configuresAwsCredentials() {
            return uses != null && uses.toLowerCase(java.util.Locale.ROOT).startsWith(CONFIGURE_AWS_CREDENTIALS + "@");
        }

        public String input(String key) {
            return with.get(key);
        }

        public boolean chained() {
            return "true".equalsIgnoreCase(input("role-chaining"));
        }
    }

    /** The permissions that apply to a job: its own block, else the workflow's (null: none set anywhere). */
    public Map<String, String> permissionsOf(Job job) {
        return job.permissions() != null ? job.permissions() : permissions;
    }
}
