package dev.rolechain.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.iam.Unclear;
import java.util.Set;

/** How the command line says that a result rests on a point AWS leaves unclear: in JSON and in text. */
final class Uncertainty {
    private Uncertainty() {
    }

    /** {@code "uncertain": [{"case": …, "reason": …}]}, an empty list when certain. */
    static void put(ObjectNode node, Set<Unclear> uncertain) {
        ArrayNode list = node.putArray("uncertain");
        uncertain.forEach(u -> list.addObject().put("case", u.id()).put("reason", u.reason()));
    }

    /** One text line for an unclear case, with where its decision is written. */
    static String line(Unclear u) {
        return "uncertain: " + u.reason() + " (" + u.id() + ", " + Unclear.DECISION + ")";
    }
}
