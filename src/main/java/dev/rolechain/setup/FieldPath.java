package dev.rolechain.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The path of a field of the Setup, as the validator, lint and the wizard name it ({@code github.owner},
 * {@code targets[2].subjects[0].repository}, {@code targets[0].inlinePolicies["a.b"]}): built from its parts, not
 * from strings glued together, and read back into its parts, not with a regular expression.
 */
public record FieldPath(List<Part> parts) {

    /** One step of a path: a field by name, or an element of an array by index. */
    public sealed interface Part permits Name, Index {
    }

    public record Name(String name) implements Part {
    }

    public record Index(int index) implements Part {
    }

    public FieldPath {
        parts = List.copyOf(parts);
    }

    public static FieldPath root() {
        return new FieldPath(List.of());
    }

    /** {@code targets[i]}. */
    public static FieldPath target(int index) {
        return root().child("targets").element(index);
    }

    /** {@code targets[i].subjects[j]}. */
    public static FieldPath subject(int target, int subject) {
        return target(target).child("subjects").element(subject);
    }

    public FieldPath child(String name) {
        List<Part> p = new ArrayList<>(parts);
        p.add(new Name(name));
        return new FieldPath(p);
    }

    public FieldPath element(int index) {
        List<Part> p = new ArrayList<>(parts);
        p.add(new Index(index));
        return new FieldPath(p);
    }

    /** The index of the target the path is in, if it is in one. */
    public Optional<Integer> targetIndex() {
        return parts.size() >= 2 && parts.get(0).equals(new Name("targets")) && parts.get(1) instanceof Index i
                ? Optional.of(i.index()) : Optional.empty();
    }

    /** The path's first part, as a name ("" for the root). */
    public String head() {
        return parts.isEmpty() || !(parts.get(0) instanceof Name n) ? "" : n.name();
    }

    /** The path's last part when it is a name. */
    public Optional<String> lastName() {
        return parts.isEmpty() || !(parts.get(parts.size() - 1) instanceof Name n) ? Optional.empty() : Optional.of(n.name());
    }

    public int size() {
        return parts.size();
    }

    /** Reads a path back; a malformed one reads as far as it is well formed. */
    public static FieldPath parse(String path) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[' && i + 1 < path.length() && path.charAt(i + 1) == '"') {
                StringBuilder name = new StringBuilder();
                int j = i + 2;
                for (; j < path.length() && path.charAt(j) != '"'; j++) {
                    if (path.charAt(j) == '\\' && j + 1 < path.length()) {
                        j++;
                    }
                    name.append(path.charAt(j));
                }
                parts.add(new Name(name.toString()));
                i = Math.min(path.length(), j + 2);
            } else if (c == '[') {
                int end = path.indexOf(']', i);
                if (end < 0) {
                    break;
                }
                try {
                    parts.add(new Index(Integer.parseInt(path.substring(i + 1, end))));
                } catch (NumberFormatException e) {
                    break;
                }
                i = end + 1;
            } else {
                int end = i;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                parts.add(new Name(path.substring(i, end)));
                i = end;
            }
        }
        return new FieldPath(parts);
    }

    @Override
    public String toString() {
        String out = "";
        for (Part p : parts) {
            out = p instanceof Name n ? LocatedJson.child(out, n.name()) : LocatedJson.element(out, ((Index) p).index());
        }
        return out;
    }
}
