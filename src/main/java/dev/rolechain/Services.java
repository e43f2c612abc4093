package dev.rolechain;

import dev.rolechain.aws.AccountSession;
import dev.rolechain.aws.Applier;
import dev.rolechain.aws.DataFolder;
import dev.rolechain.aws.Journal;
import dev.rolechain.aws.LivePlanner;
import dev.rolechain.aws.Restorer;
import dev.rolechain.chain.ChainCheck;
import dev.rolechain.iam.PolicyEvaluator;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.lint.Linter;
import dev.rolechain.plan.Differ;
import dev.rolechain.plan.Planner;
import dev.rolechain.render.ExportWriter;
import dev.rolechain.render.Renderer;
import dev.rolechain.setup.SetupLoader;
import dev.rolechain.setup.SetupValidator;
import java.util.function.Supplier;

/**
 * The composition root: builds every service once, when it is first asked for (so the GUI does not
 * wait for the template engine or the AWS SDK before its first page), and hands them out. No service
 * is a singleton; each is built here and nowhere else.
 */
public final class Services {
    private final dev.rolechain.githubapi.GitHubConnector gitHub;

    /** The services for this process: GitHub's API as the user's environment gives it. */
    public Services() {
        this(dev.rolechain.githubapi.GitHubConnector.fromEnvironment(System.getenv()));
    }

    public Services(dev.rolechain.githubapi.GitHubConnector gitHub) {
        this.gitHub = gitHub;
    }

    public dev.rolechain.githubapi.GitHubConnector gitHub() {
        return gitHub;
    }

    private final Lazy<SetupValidator> validator = new Lazy<>(() -> new SetupValidator(PolicyJson::problems));
    private final Lazy<SetupLoader> loader = new Lazy<>(() -> new SetupLoader(validator()));
    private final Lazy<Planner> planner = new Lazy<>(Planner::new);
    private final Lazy<Renderer> renderer = new Lazy<>(Renderer::new);
    private final Lazy<ExportWriter> exportWriter = new Lazy<>(ExportWriter::new);
    private final Lazy<PolicyEvaluator> evaluator = new Lazy<>(PolicyEvaluator::new);
    private final Lazy<Linter> linter = new Lazy<>(() -> new Linter(evaluator()));
    private final Lazy<ChainCheck> chainCheck = new Lazy<>(() -> new ChainCheck(evaluator()));
    private final Lazy<LivePlanner> livePlanner = new Lazy<>(() -> new LivePlanner(AccountSession::open, new Differ(), chainCheck()));
    private final Lazy<Journal> journal = new Lazy<>(() -> new Journal(DataFolder.get().resolve("journal.jsonl")));
    private final Lazy<dev.rolechain.aws.Backups> backups = new Lazy<>(() -> new dev.rolechain.aws.Backups(
            DataFolder.get().resolve("backups")));
    private final Lazy<Applier> applier = new Lazy<>(() -> new Applier(AccountSession::open, new Differ(), chainCheck(),
            journal(), backups()));
    private final Lazy<dev.rolechain.aws.LiveCheck> liveCheck = new Lazy<>(() -> new dev.rolechain.aws.LiveCheck(
            livePlanner(), chainCheck(), evaluator(), d -> Thread.sleep(d.toMillis()),
            new dev.rolechain.aws.MemberCheck(chainCheck(), stackSets())));
    private final Lazy<dev.rolechain.inspect.GraphBuilder> graphBuilder = new Lazy<>(() -> new dev.rolechain.inspect.GraphBuilder(
            evaluator(), new dev.rolechain.lint.TrustLint(evaluator()), new dev.rolechain.lint.IdentityLint()));
    private final Lazy<dev.rolechain.aws.InspectSources> inspectSources = new Lazy<>(() -> new dev.rolechain.aws.InspectSources(
            new dev.rolechain.aws.TrustReader(AccountSession::open), new dev.rolechain.inspect.DumpReader(), organizationReader()));
    private final Lazy<Restorer> restorer = new Lazy<>(() -> new Restorer(AccountSession::open, journal(), backups()));

    public SetupValidator validator() {
        return validator.get();
    }

    public SetupLoader loader() {
        return loader.get();
    }

    public Planner planner() {
        return planner.get();
    }

    public Renderer renderer() {
        return renderer.get();
    }

    public Journal journal() {
        return journal.get();
    }

    public dev.rolechain.aws.Backups backups() {
        return backups.get();
    }

    public Applier applier() {
        return applier.get();
    }

    private final Lazy<dev.rolechain.aws.OrganizationReader> organizationReader = new Lazy<>(() ->
            new dev.rolechain.aws.OrganizationReader(new dev.rolechain.aws.TrustReader(AccountSession::open)));

    /** Inspect of a whole organization. */
    public dev.rolechain.aws.OrganizationReader organizationReader() {
        return organizationReader.get();
    }

    private final Lazy<dev.rolechain.aws.StackSets> stackSets = new Lazy<>(() -> new dev.rolechain.aws.StackSets(journal(),
            backups().root()));

    /** Apply of a whole Setup: the accounts, then the StackSets of organization targets. */
    public dev.rolechain.aws.WholeApply wholeApply() {
        return new dev.rolechain.aws.WholeApply(applier(), stackSets());
    }

    /** The StackSets of organization targets. */
    public dev.rolechain.aws.StackSets stackSets() {
        return stackSets.get();
    }

    public Restorer restorer() {
        return restorer.get();
    }

    public LivePlanner livePlanner() {
        return livePlanner.get();
    }

    public dev.rolechain.aws.LiveCheck liveCheck() {
        return liveCheck.get();
    }

    public ChainCheck chainCheck() {
        return chainCheck.get();
    }

    public Linter linter() {
        return linter.get();
    }

    public dev.rolechain.inspect.GraphBuilder graphBuilder() {
        return graphBuilder.get();
    }

    public dev.rolechain.aws.InspectSources inspectSources() {
        return inspectSources.get();
    }

    public PolicyEvaluator evaluator() {
        return evaluator.get();
    }

    public ExportWriter exportWriter() {
        return exportWriter.get();
    }

    /** A value built on first use, once, whichever thread asks first. */
    private static final class Lazy<T> implements Supplier<T> {
        private final Supplier<T> factory;
        private volatile T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        @Override
        public T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = factory.get();
                        value = v;
                    }
                }
            }
            return v;
        }
    }
}
