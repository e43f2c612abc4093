package dev.rolechain;

import dev.rolechain.iam.PolicyException;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.plan.Planner;
import dev.rolechain.render.ExportWriter;
import dev.rolechain.render.Renderer;
import dev.rolechain.setup.PolicyCheck;
import dev.rolechain.setup.SetupLoader;
import dev.rolechain.setup.SetupValidator;
import java.util.List;

/** The composition root: builds every service once and hands them out. No service is a singleton. */
public final class Services {
    private final SetupValidator validator;
    private final SetupLoader loader;
    private final Planner planner;
    private final Renderer renderer;
    private final ExportWriter exportWriter;

    public Services() {
        validator = new SetupValidator(policyCheck());
        loader = new SetupLoader(validator);
        planner = new Planner();
        renderer = new Renderer();
        exportWriter = new ExportWriter();
    }

    /** IAM's parser, given to the Setup validator. */
    static PolicyCheck policyCheck() {
        return json -> {
            try {
                PolicyJson.parse(json);
                return List.of();
            } catch (PolicyException e) {
                return e.problems();
            }
        };
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

    public ExportWriter exportWriter() {
        return exportWriter;
    }
}
