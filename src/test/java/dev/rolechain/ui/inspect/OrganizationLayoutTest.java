package dev.rolechain.ui.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.inspect.Edge;
import dev.rolechain.inspect.Node;
import dev.rolechain.inspect.NodeKind;
import dev.rolechain.inspect.OrganizationMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An organization's graph is drawn with each OU's nodes inside one labelled box: every node of an account of the OU
 * lies inside its box and no other node does; boxes do not overlap; the edges between units start and end on the
 * nodes they join (ELK gives an edge's points relative to the box that holds it).
 */
class OrganizationLayoutTest {
    private static final String SUBJECT = "github-subject:token.actions.githubusercontent.com:repo:acme/app:ref:refs/heads/main";
    private static final String OIDC = "arn:aws:iam::100000000000:role/github-actions-oidc";

    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Map<String, String> unitOfAccount = new LinkedHashMap<>();

    OrganizationLayoutTest() {
        nodes.add(new Node(SUBJECT, NodeKind.GITHUB_SUBJECT, "acme/app main", null, false, false));
        nodes.add(new Node(OIDC, NodeKind.ROLE, "github-actions-oidc", "100000000000", false, true));
        edges.add(new Edge(SUBJECT, OIDC, List.of("sts:AssumeRoleWithWebIdentity"), Map.of(), List.of()));
        unitOfAccount.put("100000000000", "r-ab12");
        String[][] members = {{"200000000001", "ou-ab12-workload1"}, {"200000000002", "ou-ab12-workload1"},
                {"300000000001", "ou-ab12-sandbox01"}};
        for (String[] m : members) {
            unitOfAccount.put(m[0], m[1]);
            for (String name : List.of("github-deploy", "audit")) {
                String arn = "arn:aws:iam::" + m[0] + ":role/" + name;
                nodes.add(new Node(arn, NodeKind.ROLE, name, m[0], false, true));
                if (name.equals("github-deploy")) {
                    edges.add(new Edge(OIDC, arn, List.of("sts:AssumeRole"), Map.of(), List.of()));
                }
            }
        }
        // a role of an account outside the organization, trusted by a member's role
        nodes.add(new Node("arn:aws:iam::999999999999:role/vendor", NodeKind.ROLE, "vendor", "999999999999", false, false));
        edges.add(new Edge("arn:aws:iam::300000000001:role/audit", "arn:aws:iam::999999999999:role/vendor",
                List.of("sts:AssumeRole"), Map.of(), List.of()));
    }

    private OrganizationMap organization() {
        return new OrganizationMap("o-a1b2c3d4e5", "100000000000", List.of(
                new OrganizationMap.Unit("r-ab12", "Root", "Root"),
                new OrganizationMap.Unit("ou-ab12-workload1", "workloads", "Root/workloads"),
                new OrganizationMap.Unit("ou-ab12-sandbox01", "sandbox", "Root/sandbox")),
                unitOfAccount, Map.of(), Map.of());
    }

    @Test
    void eachOusNodesAreDrawnInsideOneLabelledBoxAndNoOtherNodeIs() {
        OrganizationMap org = organization();
        GraphLayout layout = new ElkLayout().layout(nodes, edges, Set.of(), ElkLayout.unitsOf(org));

        assertThat(layout.clusters()).extracting(GraphLayout.Cluster::label)
                .containsExactlyInAnyOrder("Root", "Root/workloads", "Root/sandbox");
        for (GraphLayout.Cluster cluster : layout.clusters()) {
            for (Node n : nodes) {
                GraphLayout.Box b = layout.boxes().get(n.id());
                boolean member = n.account() != null && cluster.label().equals(org.pathOf(n.account()));
                assertThat(inside(b, cluster.box())).as(n.id() + " in " + cluster.label()).isEqualTo(member);
                assertThat(overlaps(b, cluster.box())).as(n.id() + " overlaps " + cluster.label()).isEqualTo(member);
            }
            // the label's band above the first node
            assertThat(layout.boxes().entrySet()).filteredOn(e -> inside(e.getValue(), cluster.box()))
                    .allSatisfy(e -> assertThat(e.getValue().y()).isGreaterThanOrEqualTo(cluster.box().y() + ElkLayout.CLUSTER_TOP - 0.5));
            for (GraphLayout.Cluster other : layout.clusters()) {
                if (other != cluster) {
                    assertThat(overlaps(cluster.box(), other.box())).as(cluster.label() + " and " + other.label()).isFalse();
                }
            }
            assertThat(cluster.box().x() + cluster.box().width()).isLessThanOrEqualTo(layout.width());
            assertThat(cluster.box().y() + cluster.box().height()).isLessThanOrEqualTo(layout.height());
        }
        assertThat(layout.routes()).hasSize(edges.size()).allSatisfy(r -> {
            double[] p = r.points();
            assertThat(near(layout.boxes().get(r.from()), p[0], p[1])).as("start of " + r.from() + " -> " + r.to()).isTrue();
            assertThat(near(layout.boxes().get(r.to()), p[p.length - 2], p[p.length - 1])).as("end of " + r.from() + " -> " + r.to())
                    .isTrue();
        });
    }

    @Test
    void accountsInspectedWithoutAnOrganizationHaveNoBoxes() {
        GraphLayout layout = new ElkLayout().layout(nodes, edges, Set.of(), ElkLayout.unitsOf(null));
        assertThat(layout.clusters()).isEmpty();
        assertThat(layout.boxes()).hasSize(nodes.size());
    }

    @Test
    void theSvgExportDrawsEachUnitsBoxWithItsPath() throws Exception {
        dev.rolechain.inspect.TrustGraph graph = ExportReadabilityTest.account();
        GraphLayout layout = new ElkLayout().layout(graph.nodes(), graph.edges(), Set.of(), account -> "Root/workloads & <ops>");
        String svg = SvgExport.svg(graph, layout, Set.of(), Set.of());
        assertThat(layout.clusters()).hasSize(1);
        assertThat(svg.split("<g class=\"unit\">", -1)).hasSize(2);
        assertThat(svg).contains(">Root/workloads &amp; &lt;ops&gt;</text>");
        // the unit's box is drawn first, behind the edges and nodes
        assertThat(svg.indexOf("<g class=\"unit\">")).isLessThan(svg.indexOf("<polyline"));
    }

    private static boolean inside(GraphLayout.Box b, GraphLayout.Box outer) {
        return b.x() >= outer.x() && b.y() >= outer.y() && b.x() + b.width() <= outer.x() + outer.width()
                && b.y() + b.height() <= outer.y() + outer.height();
    }

    private static boolean overlaps(GraphLayout.Box a, GraphLayout.Box b) {
        return a.x() < b.x() + b.width() && b.x() < a.x() + a.width() && a.y() < b.y() + b.height() && b.y() < a.y() + a.height();
    }

    /** Whether a point is on (or within a pixel of) a box's outline or inside it. */
    private static boolean near(GraphLayout.Box b, double x, double y) {
        return x >= b.x() - 1 && x <= b.x() + b.width() + 1 && y >= b.y() - 1 && y <= b.y() + b.height() + 1;
    }
}
