package dev.rolechain.iam;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.HashMap;

/**
 * The context keys of a request, each with one or more values. Key names are case-insensitive, as
 * IAM treats them; a key with no values is absent.
 */
public record RequestContext(Map<String, List<String>> values) {

    public RequestContext {
        Map<String, List<String>> copy = new HashMap<>(values.size() * 2);
        values.forEach((key, list) -> {
            if (!list.isEmpty()) {
                copy.put(key.toLowerCase(Locale.ROOT), List.copyOf(list));
            }
        });
        values = Collections.unmodifiableMap(copy);
    }

    public static RequestContext of(Map<String, List<String>> values) {
        return new RequestContext(values);
    }

    /** The values of a key, or null when the request does not have it. */
    public List<String> get(String key) {
        List<String> exact = values.get(key);
        return exact != null ? exact : values.get(key.toLowerCase(Locale.ROOT));
    }
}
