package dev.rolechain.ui.wizard;

import dev.rolechain.setup.Subject;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One editable subject row: a repository and which of its runs. */
public final class SubjectDraft {

    /** The kinds of run, as the editor offers them. */
    public enum Kind {
        BRANCH(true), TAG(true), ENVIRONMENT(true), PULL_REQUEST(false), ANY(false);

        private final boolean hasValue;

        Kind(boolean hasValue) {
            this.hasValue = hasValue;
        }

        public boolean hasValue() {
            return hasValue;
        }

        /** The Setup field the value lands in, for problem paths. */
        public String field() {
            return switch (this) {
                case BRANCH -> "branch";
                case TAG -> "tag";
                case ENVIRONMENT -> "environment";
                case PULL_REQUEST -> "pullRequest";
                case ANY -> "any";
            };
        }
    }

    private final StringProperty repository = new SimpleStringProperty(this, "repository", "");
    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(this, "kind", Kind.BRANCH);
    private final StringProperty value = new SimpleStringProperty(this, "value", "main");

    public SubjectDraft() {
    }

    public SubjectDraft(String repository, Kind kind, String value) {
        this.repository.set(repository);
        this.kind.set(kind);
        this.value.set(value);
    }

    public static SubjectDraft of(Subject subject) {
        Subject.Kind k = subject.kind();
        if (k instanceof Subject.Branch b) {
            return new SubjectDraft(subject.repository(), Kind.BRANCH, b.pattern());
        } else if (k instanceof Subject.Tag t) {
            return new SubjectDraft(subject.repository(), Kind.TAG, t.pattern());
        } else if (k instanceof Subject.Environment e) {
            return new SubjectDraft(subject.repository(), Kind.ENVIRONMENT, e.name());
        } else if (k instanceof Subject.PullRequest) {
            return new SubjectDraft(subject.repository(), Kind.PULL_REQUEST, "");
        }
        return new SubjectDraft(subject.repository(), Kind.ANY, "");
    }

    public Subject toSubject() {
        String repo = SetupDraft.text(repository.get());
        String v = SetupDraft.text(value.get());
        return switch (kind.get()) {
            case BRANCH -> Subject.branch(repo, v);
            case TAG -> Subject.tag(repo, v);
            case ENVIRONMENT -> Subject.environment(repo, v);
            case PULL_REQUEST -> Subject.pullRequest(repo);
            case ANY -> Subject.any(repo);
        };
    }

    Observable[] observables() {
        return new Observable[] {repository, kind, value};
    }

    public StringProperty repositoryProperty() {
        return repository;
    }

    public ObjectProperty<Kind> kindProperty() {
        return kind;
    }

    public StringProperty valueProperty() {
        return value;
    }
}
