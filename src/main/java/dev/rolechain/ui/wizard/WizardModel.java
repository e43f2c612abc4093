package dev.rolechain.ui.wizard;

import dev.rolechain.render.ExportWriter;
import dev.rolechain.setup.Problem;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.SetupException;
import dev.rolechain.setup.SetupJson;
import dev.rolechain.setup.SetupLoader;
import dev.rolechain.setup.SetupValidator;
import dev.rolechain.ui.common.Background;
import dev.rolechain.ui.common.Coalescing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;

/**
 * The wizard's view model: the draft Setup, its problems by field, which pages are valid, whether it
 * has unsaved changes, and the preview (artifacts, findings, matrix) recomputed off the FX thread
 * after every change. Call it on the FX thread.
 */
public final class WizardModel {
    /** The article's scenario, bundled as an example. */
    public static final String EXAMPLE_RESOURCE = "/examples/article.json";

    private final SetupValidator validator;
    private final SetupLoader loader;
    private final ExportWriter exportWriter;
    private final RecentFiles recentFiles;
    private final Background background;
    private final SetupDraft draft = new SetupDraft();
    private final Coalescing<Setup, PreviewService.Analysis> pipeline;
    private final Map<Step, ReadOnlyBooleanWrapper> valid = new EnumMap<>(Step.class);
    private final ReadOnlyObjectWrapper<Map<String, String>> problems =
            new ReadOnlyObjectWrapper<>(this, "problems", Map.of());
    private final ReadOnlyObjectWrapper<Setup> setup = new ReadOnlyObjectWrapper<>(this, "setup");
    private final ReadOnlyObjectWrapper<Map<String, String>> notices =
            new ReadOnlyObjectWrapper<>(this, "notices", Map.of());
    private final ReadOnlyObjectWrapper<PreviewService.Rendered> rendered = new ReadOnlyObjectWrapper<>(this, "rendered");
    private final ReadOnlyObjectWrapper<PreviewService.Analysis> analysis = new ReadOnlyObjectWrapper<>(this, "analysis");
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    /** The user asked what stands in the way: every field's problem shows, "required" too. */
    private final javafx.beans.property.BooleanProperty reveal = new javafx.beans.property.SimpleBooleanProperty(this, "reveal");
    private final ReadOnlyBooleanWrapper applied = new ReadOnlyBooleanWrapper(this, "applied");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final Walkthrough walkthrough;
    private final String untitled;
    private final ResourceBundle bundle;
    private Setup saved;
    private boolean loading;
    private final PreviewService preview;

    public WizardModel(SetupValidator validator, SetupLoader loader, PreviewService preview, ExportWriter exportWriter,
            RecentFiles recentFiles, Background background, ResourceBundle bundle) {
        this.validator = validator;
        this.loader = loader;
        this.preview = preview;
        this.exportWriter = exportWriter;
        this.recentFiles = recentFiles;
        this.background = background;
        this.bundle = bundle;
        this.untitled = bundle.getString("app.untitled");
        for (Step step : Step.values()) {
            valid.put(step, new ReadOnlyBooleanWrapper(this, "valid" + step, step == Step.START));
        }
        // The pipeline starts on every edit before the FX thread validates it, so rendering and
        // validation overlap; a result is shown only if the Setup it was made from is the current,
        // valid one. Planning a Setup that turns out invalid may fail: that is no result, not an error.
        this.pipeline = new Coalescing<>(background.executor(), background.fx(), s -> {
            PreviewService.Rendered r;
            try {
                r = preview.render(s);
            } catch (RuntimeException invalid) {
                return null;
            }
            background.fx().execute(() -> {
                if (s.equals(setup.get())) {
                    rendered.set(r);
                }
            });
            if (validator.validate(s).isEmpty()) {
                return preview.analyse(r);
            }
            return null;
        }, a -> {
            if (a != null && a.rendered().setup().equals(setup.get())) {
                analysis.set(a);
            }
        }, e -> message.set(text("message.previewFailed", e)));
        this.walkthrough = new Walkthrough(List.of(Step.values()), this::validProperty);
        analysis.addListener(o -> updateValidity());
        analysis.addListener(o -> updateNotices());
        setup.addListener(o -> updateNotices());
        draft.addListener(o -> {
            if (!loading) {
                changed();
            }
        });
        newSetup();
    }

    // ---------------------------------------------------------------- state

    /**
     * Which pages are valid: a page with a problem in one of its fields is not, and risky production
     * access that no target has accepted ({@link #blockingRisks()}) blocks Access and every page after it.
     */
    private void updateValidity() {
        Map<String, String> byPath = problems.get();
        boolean risky = !blockingRisks().isEmpty();
        for (Step step : Step.values()) {
            boolean ok = switch (step) {
                case START -> true;
                case REVIEW, EXPORT, APPLY, VERIFY -> byPath.isEmpty() && !risky;
                case ACCESS -> !risky && byPath.keySet().stream().noneMatch(path -> Step.of(path) == step);
                default -> byPath.keySet().stream().noneMatch(path -> Step.of(path) == step);
            };
            valid.get(step).set(ok);
        }
    }

    /**
     * The lint findings that concern one field of the Setup (a duplicate subject, a target in the tooling
     * account, a repository the list does not name…), by field path, from the analysis of the current
     * Setup only: nothing from an older one is shown as if it were current.
     */
    private void updateNotices() {
        PreviewService.Analysis a = analysis.get();
        if (a == null || setup.get() == null || !a.rendered().setup().equals(setup.get())) {
            notices.set(unlisted());
            return;
        }
        Map<String, String> byPath = new LinkedHashMap<>(unlisted());
        for (dev.rolechain.lint.Finding f : a.findings()) {
            String location = f.location();
            if (f.severity() != dev.rolechain.lint.Severity.INFO && SETUP_PATH.matcher(location).matches()) {
                byPath.putIfAbsent(location, f.message() + " (" + f.ruleId() + ")");
            }
        }
        notices.set(Collections.unmodifiableMap(byPath));
    }

    /**
     * A subject's repository that the GitHub page's list does not hold (a misspelt name grants nothing),
     * by the path of its field; nothing when the list is empty.
     */
    private Map<String, String> unlisted() {
        List<String> listed = draft.repositories();
        if (listed.isEmpty()) {
            return Map.of();
        }
        Map<String, String> byPath = new LinkedHashMap<>();
        for (int i = 0; i < draft.targets().size(); i++) {
            List<SubjectDraft> subjects = draft.targets().get(i).subjects();
            for (int j = 0; j < subjects.size(); j++) {
                String repository = SetupDraft.text(subjects.get(j).repositoryProperty().get());
                if (!repository.isEmpty() && !repository.equals(dev.rolechain.setup.Subject.ANY_REPOSITORY)
                        && !listed.contains(repository)) {
                    byPath.put(dev.rolechain.setup.FieldPath.subject(i, j).child("repository")
                            .toString(), text("access.repository.unlisted", repository, String.join(", ", listed)));
                }
            }
        }
        return byPath;
    }

    private static final java.util.regex.Pattern SETUP_PATH =
            java.util.regex.Pattern.compile("(?:github|tooling|workflow|targets\\[\\d+\\])[.\\[][^\\s:]*");

    /** The lint errors about risky production access that a target has not accepted (from the latest analysis). */
    public List<dev.rolechain.lint.Finding> blockingRisks() {
        PreviewService.Analysis a = analysis.get();
        return a == null ? List.of() : a.findings().stream().filter(f -> f.acceptable()
                && f.severity() == dev.rolechain.lint.Severity.ERROR).toList();
    }

    private void changed() {
        changed(draft.build());
    }

    private void changed(SetupDraft.Built built) {
        // while editing a valid Setup, start the preview before validating (they overlap); from an
        // invalid one, only once it is valid
        boolean early = setup.get() != null && built.problems().isEmpty();
        if (early) {
            pipeline.submit(built.setup());
        }
        Map<String, String> byPath = new LinkedHashMap<>();
        built.problems().forEach(p -> byPath.putIfAbsent(p.path(), p.message()));
        for (Problem p : validator.validate(built.setup())) {
            byPath.putIfAbsent(p.path(), p.message());
        }
        problems.set(Collections.unmodifiableMap(byPath));
        updateNotices();
        updateValidity();
        dirty.set(saved == null || saved != built.setup() && !saved.equals(built.setup()));
        updateTitle();
        if (byPath.isEmpty()) {
            setup.set(built.setup());
            if (!early) {
                pipeline.submit(built.setup());
            }
        } else {
            setup.set(null);
        }
    }

    private void updateTitle() {
        String name = file.get() != null ? String.valueOf(file.get().getFileName()) : untitled;
        title.set((dirty.get() ? "*" : "") + name + " — Rolechain");
    }

    private void replace(Setup s, Path path) {
        loading = true;
        try {
            if (s == null) {
                draft.reset();
            } else {
                draft.load(s);
            }
        } finally {
            loading = false;
        }
        file.set(path);
        applied.set(false);
        reveal.set(false);
        saved = s == null ? null : draft.build().setup();
        rendered.set(null);
        analysis.set(null);
        changed();
    }

    // ---------------------------------------------------------------- actions

    /** A fresh Setup with one empty target. */
    public void newSetup() {
        replace(null, null);
        loading = true;
        TargetDraft first = new TargetDraft();
        first.nameProperty().set("prod");
        first.roleNameProperty().set("github-deploy");
        first.productionProperty().set(true);
        draft.targets().add(first);
        loading = false;
        // nothing is unsaved until the user edits: the fresh Setup is the baseline (the same object, so no
        // comparison is made: the first comparison of records costs the wizard's start-up about 15 ms)
        SetupDraft.Built built = draft.build();
        saved = built.setup();
        message.set("");
        changed(built);
        walkthrough.goTo(Step.START);
    }

    /** Opens a Setup file off the FX thread; a file with problems changes nothing and says why. */
    public void open(Path path, Consumer<Boolean> done) {
        background.run(() -> loader.load(path), s -> {
            replace(s, path);
            recentFiles.add(path);
            message.set("");
            done.accept(true);
        }, e -> {
            message.set(e instanceof SetupException se ? se.getMessage()
                    : text("message.cannotOpen", path, e.getMessage()));
            done.accept(false);
        });
    }

    /** The article's scenario, as an unsaved Setup. */
    public void openExample() {
        try (InputStream in = WizardModel.class.getResourceAsStream(EXAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IOException("the example " + EXAMPLE_RESOURCE + " is missing from the class path");
            }
            Setup s = loader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "article.json");
            replace(s, null);
            message.set("");
        } catch (IOException | SetupException e) {
            message.set(e.getMessage());
        }
    }

    /** Saves the Setup (only a valid one) to {@code path}, written whole or not at all. */
    public void save(Path path, Consumer<Boolean> done) {
        Setup s = setup.get();
        if (s == null) {
            message.set(text("message.saveInvalid"));
            done.accept(false);
            return;
        }
        String json = SetupJson.write(s);
        background.run(() -> {
            ExportWriter.writeAtomically(path, json);
            return path;
        }, p -> {
            saved = s;
            file.set(p);
            recentFiles.add(p);
            dirty.set(!saved.equals(draft.build().setup()));
            updateTitle();
            message.set(text("message.saved", p));
            done.accept(true);
        }, e -> {
            message.set(text("message.cannotSave", path, e.getMessage()));
            done.accept(false);
        });
    }

    /** Writes what {@code rolechain export} writes; an occupied folder only when {@code force}. */
    public void export(Path folder, boolean force, Consumer<List<Path>> done, Consumer<Exception> failed) {
        export(folder, force, false, done, failed);
    }

    /** The same, with the verification workflow when {@code verifyWorkflow} ({@code export --verify-workflow}). */
    public void export(Path folder, boolean force, boolean verifyWorkflow, Consumer<List<Path>> done,
            Consumer<Exception> failed) {
        PreviewService.Rendered r = currentRendered();
        if (r == null) {
            failed.accept(new IOException(text("message.previewNotReady")));
            return;
        }
        background.run(() -> {
            List<dev.rolechain.render.Artifact> artifacts = new java.util.ArrayList<>(r.artifacts());
            if (verifyWorkflow) {
                artifacts.add(artifacts.size() - 1, preview.verifyWorkflow(r));
            }
            return exportWriter.write(artifacts, folder, force);
        }, done, failed);
    }

    /** An apply ran in this session: the next live check allows for IAM's eventual consistency. */
    void markApplied() {
        applied.set(true);
    }

    public ReadOnlyBooleanProperty appliedProperty() {
        return applied.getReadOnlyProperty();
    }

    /** A message of the bundle with its arguments. */
    String text(String key, Object... args) {
        return java.text.MessageFormat.format(bundle.getString(key), args);
    }

    // ---------------------------------------------------------------- read-only state

    public SetupDraft draft() {
        return draft;
    }

    public Walkthrough walkthrough() {
        return walkthrough;
    }

    public List<Path> recentFiles() {
        return new ArrayList<>(recentFiles.list());
    }

    public ObservableBooleanValue validProperty(Step step) {
        return valid.get(step).getReadOnlyProperty();
    }

    /** The first problem of each field, by validator path. */
    public ReadOnlyObjectProperty<Map<String, String>> problemsProperty() {
        return problems.getReadOnlyProperty();
    }

    /** The Setup when it is valid, else null. */
    public ReadOnlyObjectProperty<Setup> setupProperty() {
        return setup.getReadOnlyProperty();
    }

    /** What lint says of single fields of the current Setup, by field path ({@link #updateNotices()}). */
    public ReadOnlyObjectProperty<Map<String, String>> noticesProperty() {
        return notices.getReadOnlyProperty();
    }

    /** The rendered preview when it is of the current, valid Setup; else null (not ready yet). */
    public PreviewService.Rendered currentRendered() {
        PreviewService.Rendered r = rendered.get();
        return setup.get() != null && r != null && r.setup().equals(setup.get()) ? r : null;
    }

    public ReadOnlyObjectProperty<PreviewService.Rendered> renderedProperty() {
        return rendered.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PreviewService.Analysis> analysisProperty() {
        return analysis.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public javafx.beans.property.BooleanProperty revealProperty() {
        return reveal;
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The latest thing the user should read: an error opening a file, a save, a failure. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
