package dev.rolechain.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rolechain.iam.JsonTree;
import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyException;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Statement;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A trust policy as it will be after apply: the live document with Rolechain's statements (by
 * {@link Ownership#SID_PREFIX}) replaced by the planned ones. Every other statement is kept in its place;
 * as JSON text ({@link #mergeText}) each of them is kept character for character, and so is the rest of
 * the document but for the Statement array's brackets and separators.
 */
public final class TrustMerge {
    private static final JsonFactory FACTORY = new JsonFactory();

    private TrustMerge() {
    }

    /** The merged document as a value (what the plan shows and compares). */
    public static PolicyDocument merge(PolicyDocument live, PolicyDocument planned) {
        List<Statement> statements = Ownership.merge(live.statements(), s -> Ownership.owns(s.sid()), planned.statements());
        return new PolicyDocument(version(live.version(), planned), live.id(), statements);
    }

    /** How many statements of a live trust policy belong to others. */
    public static int foreignStatements(PolicyDocument live) {
        return (int) live.statements().stream().filter(s -> !Ownership.owns(s.sid())).count();
    }

    /** The live document's Version when it is the current one; else the planned one (policy variables need it). */
    private static String version(String live, PolicyDocument planned) {
        return PolicyDocument.VERSION.equals(live) ? live : planned.version();
    }

    /**
     * The merged document as JSON text, made from the live text (as GetRole returns it, URL-encoded or
     * not): the statements of others are copied from it unchanged. Checked against {@link #merge} before
     * it is returned.
     */
    public static String mergeText(String liveText, PolicyDocument planned) {
        String text = PolicyJson.decode(liveText);
        PolicyDocument live = PolicyJson.parse(text);
        Layout layout;
        try {
            layout = layout(text);
        } catch (IOException e) {
            throw new PolicyException(List.of("not JSON: " + e.getMessage()));
        }
        List<String> plannedItems = new ArrayList<>();
        for (Statement s : planned.statements()) {
            plannedItems.add(PolicyJson.toTree(new PolicyDocument(planned.version(), null, List.of(s)))
                    .get("Statement").get(0).toString());
        }
        List<Item> items = layout.items;
        List<String> merged = Ownership.merge(items, Item::owned, plannedItems.stream().map(t -> new Item(t, true, -1, -1))
                .toList()).stream().map(Item::text).toList();
        String lead = "";
        String separator = ",";
        String trail = "";
        if (layout.array && !items.isEmpty()) {
            lead = text.substring(layout.statementStart + 1, items.get(0).start);
            trail = text.substring(items.get(items.size() - 1).end, layout.statementEnd - 1);
            if (items.size() > 1) {
                separator = text.substring(items.get(0).end, items.get(1).start);
            } else if (lead.isBlank()) {
                separator = "," + lead;
            }
        }
        StringBuilder out = new StringBuilder(text.length() + 512);
        String version = version(live.version(), planned);
        if (layout.versionStart < 0) {
            int brace = text.indexOf('{');
            out.append(text, 0, brace + 1).append("\"Version\":").append(JsonNodeFactory.instance.textNode(version))
                    .append(',').append(text, brace + 1, layout.statementStart);
        } else if (layout.versionStart < layout.statementStart) {
            out.append(text, 0, layout.versionStart).append(versionText(text, layout, version))
                    .append(text, layout.versionEnd, layout.statementStart);
        } else {
            out.append(text, 0, layout.statementStart);
        }
        out.append('[').append(lead).append(String.join(separator, merged)).append(trail).append(']');
        if (layout.versionStart > layout.statementStart) {
            out.append(text, layout.statementEnd, layout.versionStart).append(versionText(text, layout, version))
                    .append(text, layout.versionEnd, text.length());
        } else {
            out.append(text, layout.statementEnd, text.length());
        }
        String result = out.toString();
        PolicyDocument check = PolicyJson.parse(result);
        if (!check.normalized().equals(merge(live, planned).normalized())) {
            throw new IllegalStateException("the merged trust text does not say what the merged document says: " + result);
        }
        return result;
    }

    private static String versionText(String text, Layout layout, String version) {
        String was = text.substring(layout.versionStart, layout.versionEnd);
        return was.equals("\"" + version + "\"") ? was : JsonTree.write(JsonNodeFactory.instance.textNode(version));
    }

    /** One statement of the text: where it stands and whether it is Rolechain's. */
    private record Item(String text, boolean owned, int start, int end) {
    }

    /** Where the Statement value and the Version value stand in the text (char offsets, end exclusive). */
    private static final class Layout {
        int statementStart = -1;
        int statementEnd = -1;
        int versionStart = -1;
        int versionEnd = -1;
        boolean array;
        final List<Item> items = new ArrayList<>();
    }

    private static Layout layout(String text) throws IOException {
        Layout layout = new Layout();
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a policy document is a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                int start = (int) p.currentTokenLocation().getCharOffset();
                if (name.equals("Statement")) {
                    layout.statementStart = start;
                    if (value == JsonToken.START_ARRAY) {
                        layout.array = true;
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            layout.items.add(item(text, p));
                        }
                    } else {
                        layout.items.add(item(text, p));
                    }
                    layout.statementEnd = (int) p.currentLocation().getCharOffset();
                } else if (name.equals("Version")) {
                    p.getText();
                    layout.versionStart = start;
                    layout.versionEnd = (int) p.currentLocation().getCharOffset();
                } else {
                    p.skipChildren();
                }
            }
        }
        return layout;
    }

    private static Item item(String text, JsonParser p) throws IOException {
        int start = (int) p.currentTokenLocation().getCharOffset();
        p.skipChildren();
        int end = (int) p.currentLocation().getCharOffset();
        String itemText = text.substring(start, end);
        JsonNode sid = JsonTree.read(itemText, false).get("Sid");
        return new Item(itemText, sid != null && sid.isTextual() && Ownership.owns(sid.asText()), start, end);
    }
}
