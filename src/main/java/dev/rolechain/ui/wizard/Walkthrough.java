package dev.rolechain.ui.wizard;

import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableBooleanValue;

/**
 * The wizard's navigation, free of controls: the current step, next and previous, and going to a
 * step directly. A step can be entered only when every step before it is valid, so Next is disabled
 * until the current page is valid and Back always works.
 */
public final class Walkthrough {
    private final List<Step> steps;
    private final Function<Step, ObservableBooleanValue> valid;
    private final ReadOnlyObjectWrapper<Step> current;
    private final BooleanBinding canGoNext;
    private final BooleanBinding canGoBack;

    public Walkthrough(List<Step> steps, Function<Step, ObservableBooleanValue> valid) {
        this.steps = List.copyOf(steps);
        this.valid = valid;
        this.current = new ReadOnlyObjectWrapper<>(this, "current", this.steps.get(0));
        this.canGoNext = Bindings.createBooleanBinding(() -> {
            int i = this.steps.indexOf(current.get());
            return i < this.steps.size() - 1 && reachable(this.steps.get(i + 1));
        }, dependencies());
        this.canGoBack = Bindings.createBooleanBinding(() -> this.steps.indexOf(current.get()) > 0, current);
    }

    private javafx.beans.Observable[] dependencies() {
        javafx.beans.Observable[] deps = new javafx.beans.Observable[steps.size() + 1];
        deps[0] = current;
        for (int i = 0; i < steps.size(); i++) {
            deps[i + 1] = valid.apply(steps.get(i));
        }
        return deps;
    }

    /** Whether every step before {@code step} is valid. */
    public boolean reachable(Step step) {
        for (Step s : steps) {
            if (s == step) {
                return true;
            }
            if (!valid.apply(s).get()) {
                return false;
            }
        }
        return false;
    }

    public boolean next() {
        if (!canGoNext.get()) {
            return false;
        }
        current.set(steps.get(steps.indexOf(current.get()) + 1));
        return true;
    }

    public boolean previous() {
        if (!canGoBack.get()) {
            return false;
        }
        current.set(steps.get(steps.indexOf(current.get()) - 1));
        return true;
    }

    public boolean goTo(Step step) {
        if (!steps.contains(step) || !reachable(step)) {
            return false;
        }
        current.set(step);
        return true;
    }

    public List<Step> steps() {
        return steps;
    }

    public Step current() {
        return current.get();
    }

    public ReadOnlyObjectProperty<Step> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public BooleanBinding canGoNextBinding() {
        return canGoNext;
    }

    public BooleanBinding canGoBackBinding() {
        return canGoBack;
    }
}
