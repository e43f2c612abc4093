package dev.rolechain.ui.wizard;

import javafx.beans.Observable;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One inline deploy policy: its name and its JSON as typed. */
public final class InlinePolicyDraft {
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty json = new SimpleStringProperty(this, "json", "");

    public InlinePolicyDraft(String name, String json) {
        this.name.set(name);
        this.json.set(json);
    }

    Observable[] observables() {
        return new Observable[] {name, json};
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty jsonProperty() {
        return json;
    }
}
