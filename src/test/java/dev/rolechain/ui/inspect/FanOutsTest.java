package dev.rolechain.ui.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.inspect.Edge;
import dev.rolechain.inspect.Node;
import dev.rolechain.inspect.NodeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A service trusted by 95 roles is drawn as one box that says so, not one tall column; expanded, role by role. */
class FanOutsTest {
    private static final String SERVICE = "service:lambda.amazonaws.com";

    private static Node role(String name) {
        return new Node("arn:aws:iam::123456789012:role/" + name, NodeKind.ROLE, name, "123456789012", false, true);
    }

    private static Edge edge(String from, String to) {
        return new Edge(from, to, List.of("sts:AssumeRole"), Map.of(), List.of());
    }

    /** The service, 95 execution roles it alone reaches, one also reached by a person, one that assumes further. */
    private static List<Node> nodes = new ArrayList<>();
    private static List<Edge> edges = new ArrayList<>();

    static {
        nodes.add(new Node(SERVICE, NodeKind.SERVICE, "lambda.amazonaws.com", null, false, false));
        nodes.add(new Node("arn:aws:iam::123456789012:user/ops", NodeKind.PRINCIPAL, "user/ops", "123456789012", false, false));
        for (int i = 0; i < 97; i++) {
            Node r = role("exec-" + i);
            nodes.add(r);
            edges.add(edge(SERVICE, r.id()));
        }
        edges.add(edge("arn:aws:iam::123456789012:user/ops", role("exec-95").id()));
        edges.add(edge(role("exec-96").id(), role("exec-0").id().replace("exec-0", "exec-95")));
    }

    @Test
    void aLargeFanOutOfRolesNothingElseTouchesIsOneBoxThatSaysHowMany() {
        FanOuts.Grouped grouped = FanOuts.group(nodes, edges, Set.of());
        assertThat(grouped.groups()).hasSize(1);
        FanOuts.Group group = grouped.groups().get("group:" + SERVICE);
        assertThat(group.members()).hasSize(95).doesNotContain(role("exec-95").id(), role("exec-96").id());
        assertThat(group.node().label()).isEqualTo("95 roles (select to expand)");
        assertThat(group.node().account()).isEqualTo("123456789012");
        assertThat(grouped.nodes()).hasSize(nodes.size() - 95 + 1);
        assertThat(grouped.edges()).extracting(e -> e.from() + " -> " + e.to()).contains(SERVICE + " -> group:" + SERVICE)
                .noneMatch(e -> e.endsWith("role/exec-1"));
    }

    @Test
    void anExpandedFanOutAndASmallOneAreDrawnRoleByRole() {
        assertThat(FanOuts.group(nodes, edges, Set.of(SERVICE)).groups()).isEmpty();
        List<Edge> eight = edges.subList(0, FanOuts.MAX_SHOWN);
        assertThat(FanOuts.group(nodes, eight, Set.of()).groups()).isEmpty();
    }

    @Test
    void theLayoutOfAGroupedFanOutIsAFractionOfItsHeight() {
        ElkLayout elk = new ElkLayout();
        GraphLayout grouped = elk.layout(nodes, edges);
        GraphLayout whole = elk.layout(nodes, edges, Set.of(SERVICE));
        assertThat(grouped.groups()).hasSize(1);
        assertThat(grouped.groupOf(role("exec-3").id())).isNotNull();
        assertThat(grouped.groupOf(role("exec-95").id())).isNull();
        assertThat(grouped.boxes()).containsKey("group:" + SERVICE).doesNotContainKey(role("exec-3").id());
        assertThat(grouped.height()).isLessThan(whole.height() / 10);
    }
}
