package dev.rolechain.ui.wizard;

import dev.rolechain.setup.GitHub;
import dev.rolechain.setup.OidcRoles;
import dev.rolechain.setup.Problem;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.Subject;
import dev.rolechain.setup.Target;
import dev.rolechain.setup.Tooling;
import dev.rolechain.setup.Workflow;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Setup as the wizard edits it: one property per field, text as typed. {@link #build()} turns it
 * into a {@link Setup} and the problems of fields that are not even numbers yet; the Setup validator
 * judges the rest. Every change of any field, row or list reaches {@link #addListener}.
 */
public final class SetupDraft {
    /** The draft's Setup, and problems found while building it (numbers that are not numbers). */
    public record Built(Setup setup, List<Problem> problems) {
    }

    private final StringProperty owner = new SimpleStringProperty(this, "owner", "");
    private final ObjectProperty<IssuerKind> issuer = new SimpleObjectProperty<>(this, "issuer", IssuerKind.GITHUB_COM);
    private final StringProperty enterpriseSlug = new SimpleStringProperty(this, "enterpriseSlug", "");
    private final StringProperty serverHost = new SimpleStringProperty(this, "serverHost", "");
    private final StringProperty audience = new SimpleStringProperty(this, "audience", GitHub.DEFAULT_AUDIENCE);
    private final ObservableList<String> repositories = FXCollections.observableArrayList();
    /** GitHub's immutable ids: the owner's, as typed, and each repository's (typed as name@id). */
    private final StringProperty ownerId = new SimpleStringProperty(this, "ownerId", "");
    private final ObjectProperty<dev.rolechain.setup.SubjectFormat> subjectFormat =
            new SimpleObjectProperty<>(this, "subjectFormat", dev.rolechain.setup.SubjectFormat.NAMES);
    private final javafx.collections.ObservableMap<String, Long> repositoryIds =
            FXCollections.observableMap(new java.util.LinkedHashMap<>());

    private final StringProperty toolingAccountId = new SimpleStringProperty(this, "toolingAccountId", "");
    private final StringProperty region = new SimpleStringProperty(this, "region", "us-east-1");
    private final StringProperty toolingProfile = new SimpleStringProperty(this, "toolingProfile", "");
    private final BooleanProperty createProvider = new SimpleBooleanProperty(this, "createProvider", true);
    private final StringProperty oidcRoleName = new SimpleStringProperty(this, "oidcRoleName", Tooling.DEFAULT_OIDC_ROLE_NAME);
    private final ObjectProperty<OidcRoles> oidcRoles = new SimpleObjectProperty<>(this, "oidcRoles", OidcRoles.PER_TARGET);
    private final StringProperty toolingMaxSession = new SimpleStringProperty(this, "toolingMaxSession",
            Integer.toString(Tooling.DEFAULT_MAX_SESSION_SECONDS));

    private final ObservableList<TargetDraft> targets = FXCollections.observableArrayList(TargetDraft::observables);

    private final StringProperty actionRef = new SimpleStringProperty(this, "actionRef", Workflow.DEFAULT_ACTION_REF);
    private final StringProperty workflowRegion = new SimpleStringProperty(this, "workflowRegion", "");
    private final BooleanProperty sessionTagging = new SimpleBooleanProperty(this, "sessionTagging", true);
    private final StringProperty roleSessionName = new SimpleStringProperty(this, "roleSessionName",
            Workflow.DEFAULT_ROLE_SESSION_NAME);
    private final StringProperty durationSeconds = new SimpleStringProperty(this, "durationSeconds",
            Integer.toString(Workflow.DEFAULT_DURATION_SECONDS));

    /** Counts changes of what has no property of its own (the sub templates), so that listeners hear of them. */
    private final javafx.beans.property.IntegerProperty templatesChanged = new javafx.beans.property.SimpleIntegerProperty();

    /** The organization of OU targets ({@code organizations}): its id, root id, profile and retention. */
    private final StringProperty organizationId = new SimpleStringProperty(this, "organizationId", "");
    private final StringProperty organizationRootId = new SimpleStringProperty(this, "organizationRootId", "");
    private final StringProperty organizationProfile = new SimpleStringProperty(this, "organizationProfile", "");
    private final BooleanProperty retainStacks = new SimpleBooleanProperty(this, "retainStacks", false);

    private final List<Observable> all = List.of(owner, issuer, enterpriseSlug, serverHost, audience, repositories,
            ownerId, subjectFormat, repositoryIds, templatesChanged,
            toolingAccountId, region, toolingProfile, createProvider, oidcRoleName, oidcRoles, toolingMaxSession, targets,
            actionRef, workflowRegion, sessionTagging, roleSessionName, durationSeconds,
            organizationId, organizationRootId, organizationProfile, retainStacks);

    /** Called on any change of any field. */
    public void addListener(InvalidationListener listener) {
        all.forEach(o -> o.addListener(listener));
    }

    public Built build() {
        List<Problem> problems = new ArrayList<>();
        IssuerKind kind = issuer.get();
        GitHub github = new GitHub(text(owner.get()),
                kind == IssuerKind.ENTERPRISE_CLOUD ? text(enterpriseSlug.get()) : null,
                kind == IssuerKind.ENTERPRISE_SERVER ? text(serverHost.get()) : null, text(audience.get()),
                ownerIdValue(problems), subjectFormat.get(), repositoryInfo(), subTemplate, environments);
        if (kind == IssuerKind.ENTERPRISE_CLOUD && github.enterpriseSlug().isEmpty()) {
            problems.add(new Problem("github.enterpriseSlug", "required for GitHub Enterprise Cloud"));
        }
        if (kind == IssuerKind.ENTERPRISE_SERVER && github.serverHost().isEmpty()) {
            problems.add(new Problem("github.serverHost", "required for GitHub Enterprise Server"));
        }
        Tooling tooling = new Tooling(accountId(toolingAccountId.get()), text(region.get()), optional(toolingProfile.get()),
                createProvider.get(), text(oidcRoleName.get()), oidcRoles.get(),
                seconds(toolingMaxSession.get(), "tooling.maxSessionSeconds", problems));
        List<Target> targetList = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            targetList.add(targets.get(i).toTarget(dev.rolechain.setup.FieldPath.target(i).toString(), problems));
        }
        Workflow workflow = new Workflow(text(actionRef.get()), optional(workflowRegion.get()), sessionTagging.get(),
                text(roleSessionName.get()), seconds(durationSeconds.get(), "workflow.durationSeconds", problems));
        return new Built(new Setup(github, tooling, targetList, workflow, quotas, organizations()), problems);
    }

    /** Per-repository sub forms other than the default, kept as the Setup file gives them. */
    private Map<String, dev.rolechain.setup.SubjectFormat> repositoryFormats = Map.of();
    /** The sub templates and the environments' protection, kept as the Setup file gives them. */
    private List<String> subTemplate;
    private Map<String, List<String>> repositoryTemplates = Map.of();
    private Map<String, GitHub.Environment> environments = Map.of();

    private Long ownerIdValue(List<Problem> problems) {
        String text = text(ownerId.get());
        if (text.isEmpty()) {
            return null;
        }
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new Problem("github.ownerId", "\"" + text + "\" is not a GitHub id: a positive whole number"));
        return null;
    }

    /**
     * The repositories with an id or a form of their own, and those listed that no subject names yet (the
     * subjects name the others, and the list is rebuilt from them on opening).
     */
    private Map<String, GitHub.Repository> repositoryInfo() {
        Map<String, GitHub.Repository> info = new java.util.LinkedHashMap<>();
        java.util.Set<String> named = new java.util.HashSet<>();
        targets.forEach(t -> t.subjects().forEach(s -> named.add(SetupDraft.text(s.repositoryProperty().get()))));
        java.util.Set<String> names = new java.util.LinkedHashSet<>(repositories.stream().filter(r -> !named.contains(r)).toList());
        names.addAll(repositoryIds.keySet());
        names.addAll(repositoryFormats.keySet());
        names.addAll(repositoryTemplates.keySet());
        names.forEach(n -> info.put(n, new GitHub.Repository(repositoryIds.get(n), repositoryFormats.get(n),
                repositoryTemplates.get(n))));
        return info;
    }

    /** The quotas raised in the accounts, kept as the Setup file gives them (the wizard does not edit them). */
    private java.util.Map<String, Integer> quotas = java.util.Map.of();

    public StringProperty organizationIdProperty() {
        return organizationId;
    }

    public StringProperty organizationRootIdProperty() {
        return organizationRootId;
    }

    public StringProperty organizationProfileProperty() {
        return organizationProfile;
    }

    public BooleanProperty retainStacksProperty() {
        return retainStacks;
    }

    /**
     * The {@code organizations} block: present when a target names OUs or any of its fields is filled (so that a
     * Setup that has one keeps it), else absent.
     */
    private dev.rolechain.setup.Organizations organizations() {
        boolean used = targets.stream().anyMatch(t -> t.organizationalProperty().get());
        boolean filled = !text(organizationId.get()).isEmpty() || !text(organizationRootId.get()).isEmpty()
                || !text(organizationProfile.get()).isEmpty() || retainStacks.get();
        if (!used && !filled) {
            return null;
        }
        return new dev.rolechain.setup.Organizations(optional(organizationId.get()), optional(organizationRootId.get()),
                optional(organizationProfile.get()), retainStacks.get());
    }

    /** Replaces every field with the Setup's. */
    public void load(Setup setup) {
        GitHub g = setup.github();
        owner.set(orEmpty(g.owner()));
        issuer.set(g.enterpriseSlug() != null ? IssuerKind.ENTERPRISE_CLOUD
                : g.serverHost() != null ? IssuerKind.ENTERPRISE_SERVER : IssuerKind.GITHUB_COM);
        enterpriseSlug.set(orEmpty(g.enterpriseSlug()));
        serverHost.set(orEmpty(g.serverHost()));
        audience.set(orEmpty(g.audience()));
        Set<String> repos = new LinkedHashSet<>();
        setup.targets().forEach(t -> t.subjects().stream().map(Subject::repository)
                .filter(r -> r != null && !r.equals(Subject.ANY_REPOSITORY)).forEach(repos::add));
        repositories.setAll(repos);
        Tooling t = setup.tooling();
        toolingAccountId.set(orEmpty(t.accountId()));
        region.set(orEmpty(t.region()));
        toolingProfile.set(orEmpty(t.profile()));
        createProvider.set(t.createProvider());
        oidcRoleName.set(orEmpty(t.oidcRoleName()));
        oidcRoles.set(t.oidcRoles());
        toolingMaxSession.set(Integer.toString(t.maxSessionSeconds()));
        targets.setAll(setup.targets().stream().map(TargetDraft::of).toList());
        Workflow w = setup.workflow();
        actionRef.set(orEmpty(w.actionRef()));
        workflowRegion.set(orEmpty(w.region()));
        sessionTagging.set(w.sessionTagging());
        roleSessionName.set(orEmpty(w.roleSessionName()));
        durationSeconds.set(Integer.toString(w.durationSeconds()));
        quotas = setup.quotas();
        dev.rolechain.setup.Organizations org = setup.organizations();
        organizationId.set(org == null ? "" : orEmpty(org.id()));
        organizationRootId.set(org == null ? "" : orEmpty(org.rootId()));
        organizationProfile.set(org == null ? "" : orEmpty(org.profile()));
        retainStacks.set(org != null && org.retainStacksOnAccountRemoval());
        ownerId.set(g.ownerId() == null ? "" : Long.toString(g.ownerId()));
        subjectFormat.set(g.subjectFormat());
        Map<String, Long> ids = new java.util.LinkedHashMap<>();
        Map<String, dev.rolechain.setup.SubjectFormat> formats = new java.util.LinkedHashMap<>();
        Map<String, List<String>> templates = new java.util.LinkedHashMap<>();
        subTemplate = g.subTemplate();
        environments = g.environments();
        g.repositories().forEach((name, r) -> {
            if (r.subTemplate() != null) {
                templates.put(name, r.subTemplate());
            }
            if (r.id() != null) {
                ids.put(name, r.id());
            }
            if (r.subjectFormat() != null) {
                formats.put(name, r.subjectFormat());
            }
            if (!repos.contains(name)) {
                repositories.add(name);
            }
        });
        repositoryFormats = Map.copyOf(formats);
        repositoryTemplates = Map.copyOf(templates);
        repositoryIds.clear();
        repositoryIds.putAll(ids);
    }

    /**
     * The sub templates GitHub reports (the organization's; a repository's own), null for GitHub's default:
     * the trusts follow them. A change reaches the listeners through the repositories' ids.
     */
    public void subTemplates(List<String> organization, Map<String, List<String>> repositories) {
        subTemplate = organization;
        Map<String, List<String>> templates = new java.util.LinkedHashMap<>(repositoryTemplates);
        repositories.forEach((name, keys) -> {
            if (keys == null) {
                templates.remove(name);
            } else {
                templates.put(name, keys);
            }
        });
        repositoryTemplates = Map.copyOf(templates);
        templatesChanged.set(templatesChanged.get() + 1);
    }

    public List<String> subTemplate() {
        return subTemplate;
    }

    public StringProperty ownerIdProperty() {
        return ownerId;
    }

    public ObjectProperty<dev.rolechain.setup.SubjectFormat> subjectFormatProperty() {
        return subjectFormat;
    }

    /** Each repository's immutable id, by name. */
    public javafx.collections.ObservableMap<String, Long> repositoryIds() {
        return repositoryIds;
    }

    /** A fresh Setup: defaults everywhere, one empty production target. */
    public void reset() {
        owner.set("");
        issuer.set(IssuerKind.GITHUB_COM);
        enterpriseSlug.set("");
        serverHost.set("");
        audience.set(GitHub.DEFAULT_AUDIENCE);
        repositories.clear();
        toolingAccountId.set("");
        region.set("us-east-1");
        toolingProfile.set("");
        createProvider.set(true);
        oidcRoleName.set(Tooling.DEFAULT_OIDC_ROLE_NAME);
        oidcRoles.set(OidcRoles.PER_TARGET);
        toolingMaxSession.set(Integer.toString(Tooling.DEFAULT_MAX_SESSION_SECONDS));
        targets.clear();
        actionRef.set(Workflow.DEFAULT_ACTION_REF);
        workflowRegion.set("");
        sessionTagging.set(true);
        roleSessionName.set(Workflow.DEFAULT_ROLE_SESSION_NAME);
        durationSeconds.set(Integer.toString(Workflow.DEFAULT_DURATION_SECONDS));
        ownerId.set("");
        subjectFormat.set(dev.rolechain.setup.SubjectFormat.NAMES);
        repositoryIds.clear();
        repositoryFormats = Map.of();
        repositoryTemplates = Map.of();
        subTemplate = null;
        environments = Map.of();
        quotas = Map.of();
        organizationId.set("");
        organizationRootId.set("");
        organizationProfile.set("");
        retainStacks.set(false);
    }

    // ---------------------------------------------------------------- conversions

    /**
     * Text as the Setup holds it: in NFC, as the Setup reader normalises, and otherwise exactly as
     * typed (a stray space is the validator's to point out, not ours to drop).
     */
    static String text(String value) {
        return value == null ? "" : Normalizer.normalize(value, Normalizer.Form.NFC);
    }

    /**
     * An account id as typed: the console shows it grouped ({@code 1234-5678-9012}, or with spaces), IAM wants
     * the twelve digits, so the grouping is dropped; anything else is kept for the validator to judge.
     */
    static String accountId(String value) {
        String typed = text(value);
        String digits = typed.strip().replaceAll("[\\s-]", "");
        return digits.matches("\\d{12}") && typed.strip().matches("[\\d\\s-]+") ? digits : typed;
    }

    /** An optional field: blank means absent. */
    static String optional(String value) {
        return value == null || value.isBlank() ? null : text(value);
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static int seconds(String value, String path, List<Problem> problems) {
        String t = text(value).strip();
        if (t.isEmpty()) {
            problems.add(new Problem(path, "required: a number of seconds"));
            return 0;
        }
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            problems.add(new Problem(path, "\"" + t + "\" is not a whole number of seconds"));
            return 0;
        }
    }

    // ---------------------------------------------------------------- properties

    public StringProperty ownerProperty() {
        return owner;
    }

    public ObjectProperty<IssuerKind> issuerProperty() {
        return issuer;
    }

    public StringProperty enterpriseSlugProperty() {
        return enterpriseSlug;
    }

    public StringProperty serverHostProperty() {
        return serverHost;
    }

    public StringProperty audienceProperty() {
        return audience;
    }

    public ObservableList<String> repositories() {
        return repositories;
    }

    public StringProperty toolingAccountIdProperty() {
        return toolingAccountId;
    }

    public StringProperty regionProperty() {
        return region;
    }

    public StringProperty toolingProfileProperty() {
        return toolingProfile;
    }

    public BooleanProperty createProviderProperty() {
        return createProvider;
    }

    public StringProperty oidcRoleNameProperty() {
        return oidcRoleName;
    }

    public ObjectProperty<OidcRoles> oidcRolesProperty() {
        return oidcRoles;
    }

    public StringProperty toolingMaxSessionProperty() {
        return toolingMaxSession;
    }

    public ObservableList<TargetDraft> targets() {
        return targets;
    }

    public StringProperty actionRefProperty() {
        return actionRef;
    }

    public StringProperty workflowRegionProperty() {
        return workflowRegion;
    }

    public BooleanProperty sessionTaggingProperty() {
        return sessionTagging;
    }

    public StringProperty roleSessionNameProperty() {
        return roleSessionName;
    }

    public StringProperty durationSecondsProperty() {
        return durationSeconds;
    }
}
