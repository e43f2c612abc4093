package dev.rolechain.ui.common;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.util.Callback;

/**
 * Gives FXML controllers their dependencies by constructor. Every controller an FXML file names must
 * be registered; an unregistered one fails with its name instead of being built reflectively.
 */
public final class ControllerFactory implements Callback<Class<?>, Object> {
    private final Map<Class<?>, Supplier<?>> suppliers = new HashMap<>();
    private final java.util.function.Function<Class<?>, Object> resolver;

    public ControllerFactory() {
        this(type -> null);
    }

    /**
     * With a resolver asked for types not registered (returning null for one it does not know); it
     * lets controllers be looked up, and their classes loaded, only when their view is loaded.
     */
    public ControllerFactory(java.util.function.Function<Class<?>, Object> resolver) {
        this.resolver = resolver;
    }

    public <T> ControllerFactory register(Class<T> type, Supplier<? extends T> supplier) {
        suppliers.put(type, supplier);
        return this;
    }

    @Override
    public Object call(Class<?> type) {
        Supplier<?> supplier = suppliers.get(type);
        if (supplier == null) {
            Object resolved = resolver.apply(type);
            if (resolved != null) {
                return resolved;
            }
            throw new IllegalStateException("no controller registered for " + type.getName());
        }
        return supplier.get();
    }
}
