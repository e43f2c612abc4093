package dev.rolechain.ui.wizard;

import dev.rolechain.setup.Subject;
import dev.rolechain.setup.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One editable target account with its deploy role and who may deploy to it. */
public final class TargetDraft {
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty accountId = new SimpleStringProperty(this, "accountId", "");
    private final StringProperty profile = new SimpleStringProperty(this, "profile", "");
    private final StringProperty roleName = new SimpleStringProperty(this, "roleName", "");
    private final StringProperty externalId = new SimpleStringProperty(this, "externalId", "");
    private final BooleanProperty production = new SimpleBooleanProperty(this, "production", false);
    private final ObservableList<SubjectDraft> subjects =
            FXCollections.observableArrayList(SubjectDraft::observables);
    private final ObservableList<String> managedPolicyArns = FXCollections.observableArrayList();
    private final ObservableList<InlinePolicyDraft> inlinePolicies =
            FXCollections.observableArrayList(InlinePolicyDraft::observables);
    private final StringProperty maxSessionSeconds = new SimpleStringProperty(this, "maxSessionSeconds", "3600");
    private final StringProperty permissionsBoundaryArn = new SimpleStringProperty(this, "permissionsBoundaryArn", "");
    /** Risky production access this target accepts: rule id → reason (the Setup's acceptRisk). */
    private final javafx.collections.ObservableMap<String, String> acceptRisk =
            FXCollections.observableMap(new LinkedHashMap<>());
    /** Whether the target is every account of some OUs (a StackSet) rather than one account. */
    private final BooleanProperty organizational = new SimpleBooleanProperty(this, "organizational", false);
    /** The OUs and the regions of a target of OUs, as typed: ids separated by commas or spaces. */
    private final StringProperty organizationalUnits = new SimpleStringProperty(this, "organizationalUnits", "");
    private final StringProperty regions = new SimpleStringProperty(this, "regions", "");
    private final javafx.beans.binding.StringBinding where = javafx.beans.binding.Bindings.createStringBinding(
            () -> organizational.get() ? "OUs " + String.join(", ", list(organizationalUnits.get())) : accountId.get(),
            organizational, organizationalUnits, accountId);

    /** The OUs of a target of OUs; empty for a target of one account. */
    public List<String> organizationalUnitIds() {
        return organizational.get() ? list(organizationalUnits.get()) : List.of();
    }

    /** A target of OUs, with the name, role and a fresh ExternalId; the OUs are the user's to name. */
    static TargetDraft organizational() {
        TargetDraft d = new TargetDraft();
        d.organizational.set(true);
        return d;
    }

    /** Ids separated by commas or white space, in order, without blanks. */
    static List<String> list(String text) {
        return text == null ? List.of()
                : java.util.Arrays.stream(SetupDraft.text(text).split("[,\\s]+")).filter(x -> !x.isEmpty()).toList();
    }

    public static TargetDraft of(Target t) {
        TargetDraft d = new TargetDraft();
        d.name.set(SetupDraft.orEmpty(t.name()));
        d.organizational.set(t.organizational());
        d.organizationalUnits.set(String.join(", ", t.organizationalUnitIds()));
        d.regions.set(String.join(", ", t.regions()));
        d.accountId.set(t.organizational() ? "" : SetupDraft.orEmpty(t.accountId()));
        d.profile.set(SetupDraft.orEmpty(t.profile()));
        d.roleName.set(SetupDraft.orEmpty(t.roleName()));
        d.externalId.set(SetupDraft.orEmpty(t.externalId()));
        d.production.set(t.production());
        t.subjects().forEach(s -> d.subjects.add(SubjectDraft.of(s)));
        d.managedPolicyArns.setAll(t.managedPolicyArns());
        t.inlinePolicies().forEach((k, v) -> d.inlinePolicies.add(new InlinePolicyDraft(k, v)));
        d.maxSessionSeconds.set(Integer.toString(t.maxSessionSeconds()));
        d.permissionsBoundaryArn.set(SetupDraft.orEmpty(t.permissionsBoundaryArn()));
        d.acceptRisk.putAll(t.acceptRisk());
        return d;
    }

    Target toTarget(String path, List<dev.rolechain.setup.Problem> problems) {
        List<Subject> subjectList = new ArrayList<>();
        subjects.forEach(s -> subjectList.add(s.toSubject()));
        Map<String, String> inline = new LinkedHashMap<>();
        for (int i = 0; i < inlinePolicies.size(); i++) {
            InlinePolicyDraft p = inlinePolicies.get(i);
            String policyName = SetupDraft.text(p.nameProperty().get());
            if (inline.putIfAbsent(policyName, p.jsonProperty().get() == null ? "" : p.jsonProperty().get()) != null) {
                problems.add(new dev.rolechain.setup.Problem(path + ".inlinePolicies[" + i + "]",
                        "\"" + policyName + "\" is already the name of another inline policy of this target"));
            }
        }
        boolean ous = organizational.get();
        if (ous && list(organizationalUnits.get()).isEmpty()) {
            problems.add(new dev.rolechain.setup.Problem(path + ".organizationalUnitIds",
                    "required: one or more OU ids (ou-…), separated by commas"));
        }
        String account = !ous || !SetupDraft.text(accountId.get()).isEmpty() ? SetupDraft.accountId(accountId.get()) : null;
        // a target of OUs has no profile of its own: its StackSet is created under organizations.profile
        return new Target(SetupDraft.text(name.get()), account, ous ? null : SetupDraft.optional(profile.get()),
                SetupDraft.text(roleName.get()), SetupDraft.text(externalId.get()), production.get(), subjectList,
                List.copyOf(managedPolicyArns), inline,
                SetupDraft.seconds(maxSessionSeconds.get(), path + ".maxSessionSeconds", problems),
                SetupDraft.optional(permissionsBoundaryArn.get()), new LinkedHashMap<>(acceptRisk),
                ous ? list(organizationalUnits.get()) : List.of(), list(regions.get()));
    }

    Observable[] observables() {
        return new Observable[] {name, accountId, profile, roleName, externalId, production, subjects, managedPolicyArns,
                inlinePolicies, maxSessionSeconds, permissionsBoundaryArn, acceptRisk, organizational, organizationalUnits,
                regions};
    }

    /** Where the deploy role goes, as a line of text: the account id, or "OUs ou-…, ou-…". */
    public javafx.beans.binding.StringBinding whereProperty() {
        return where;
    }

    public BooleanProperty organizationalProperty() {
        return organizational;
    }

    public StringProperty organizationalUnitsProperty() {
        return organizationalUnits;
    }

    public StringProperty regionsProperty() {
        return regions;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty accountIdProperty() {
        return accountId;
    }

    public StringProperty profileProperty() {
        return profile;
    }

    public StringProperty roleNameProperty() {
        return roleName;
    }

    public StringProperty externalIdProperty() {
        return externalId;
    }

    public BooleanProperty productionProperty() {
        return production;
    }

    public ObservableList<SubjectDraft> subjects() {
        return subjects;
    }

    public ObservableList<String> managedPolicyArns() {
        return managedPolicyArns;
    }

    public ObservableList<InlinePolicyDraft> inlinePolicies() {
        return inlinePolicies;
    }

    public StringProperty maxSessionSecondsProperty() {
        return maxSessionSeconds;
    }

    public javafx.collections.ObservableMap<String, String> acceptRisk() {
        return acceptRisk;
    }

    public StringProperty permissionsBoundaryArnProperty() {
        return permissionsBoundaryArn;
    }
}
