package dev.rolechain;

import dev.rolechain.aws.AccountSession;
import dev.rolechain.aws.Applier;
import dev.rolechain.aws.DataFolder;
import dev.rolechain.aws.Journal;
import dev.rolechain.aws.Restorer;
import dev.rolechain.aws.LivePlanner;
import dev.rolechain.chain.ChainCheck;
import dev.rolechain.plan.Differ;
import dev.rolechain.iam.PolicyEvaluator;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.lint.Linter;
import dev.rolechain.plan.Planner;
import dev.rolechain.render.ExportWriter;
import dev.rolechain.render.Renderer;
import dev.rolechain.setup.SetupLoader;
import dev.rolechain.setup.SetupValidator;

/** The composition root: builds every service once and hands them out. No service is a singleton. */
public final class Services {
    private final SetupValidator validator;
    private final SetupLoader loader;
    private final Planner planner;
    private final Renderer renderer;
    private final ExportWriter exportWriter;
    private final PolicyEvaluator evaluator;
    private final Linter linter;
    private final ChainCheck chainCheck;
    private final LivePlanner livePlanner;
    private final Journal journal;
    private final Applier applier;
    private final Restorer restorer;

    public Services() {
        validator = new SetupValidator(PolicyJson::problems);
        loader = new SetupLoader(validator);
        planner = new Planner();
        renderer = new Renderer();
        exportWriter = new ExportWriter();
        evaluator = new PolicyEvaluator();
        linter = new Linter(evaluator);
        chainCheck = new ChainCheck(evaluator);
        livePlanner = new LivePlanner(AccountSession::open, new Differ());
        journal = new Journal(DataFolder.get().resolve("journal.jsonl"));
        applier = new Applier(AccountSession::open, new Differ(), journal, DataFolder.get().resolve("backups"));
        restorer = new Restorer(AccountSession::open, journal);
    }


    public SetupValidator validator() {
        return validator;
    }

    public SetupLoader loader() {
        return loader;
    }

    public Planner planner() {
        return planner;
    }

    public Renderer renderer() {
        return renderer;
    }

    public Journal journal() {
        return journal;
    }

    public Applier applier() {
        return applier;
    }

    public Restorer restorer() {
        return restorer;
    }

    public LivePlanner livePlanner() {
        return livePlanner;
    }

    public ChainCheck chainCheck() {
        return chainCheck;
    }

    public Linter linter() {
        return linter;
    }

    public PolicyEvaluator evaluator() {
        return evaluator;
    }

    public ExportWriter exportWriter() {
        return exportWriter;
    }
}
