package dev.rolechain.ui.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolechain.iam.PolicyEvaluator;
import dev.rolechain.inspect.DumpReader;
import dev.rolechain.inspect.GraphBuilder;
import dev.rolechain.inspect.TrustGraph;
import dev.rolechain.lint.IdentityLint;
import dev.rolechain.lint.TrustLint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Inspect's PNG and SVG of a real-sized account (150 roles, names up to IAM's 64 characters) can be read: the whole
 * graph at a scale where text is at least 8 px, no text outside its node's box; the SVG checked with a second
 * renderer (Apache Batik), both written to target/screenshots to look at.
 */
@ExtendWith(ApplicationExtension.class)
class ExportReadabilityTest {
    private static final String ACCOUNT = "123456789012";
    private static final Path SHOTS = Path.of("target/screenshots");
    private GraphCanvas canvas;

    @Start
    void start(Stage stage) {
        canvas = new GraphCanvas();
        stage.setScene(new Scene(canvas, 640, 480));
        stage.show();
    }

    /** 150 roles: 10 GitHub OIDC roles, each assumed into 12 deploy roles, and 20 service roles; long names. */
    static TrustGraph account() throws IOException {
        StringBuilder roles = new StringBuilder();
        String provider = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/token.actions.githubusercontent.com";
        for (int i = 0; i < 10; i++) {
            String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                    + provider + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{"
                    + "\"token.actions.githubusercontent.com:aud\":\"sts.amazonaws.com\",\"token.actions.githubusercontent.com:sub\":"
                    + "\"repo:acme/service-" + i + ":environment:production\"}}}]}";
            String assume = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                    + "\"Resource\":\"arn:aws:iam::" + ACCOUNT + ":role/deploy-" + i + "-*\"}]}";
            roles.append(role("github-oidc-service-" + i, trust, assume)).append(',');
            for (int j = 0; j < 12; j++) {
                String name = "deploy-" + i + "-" + j + (j % 3 == 0 ? "-with-a-name-as-long-as-iam-allows-for-roles-xxxxxxxxx" : "");
                String chained = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                        + "\"arn:aws:iam::" + ACCOUNT + ":role/github-oidc-service-" + i + "\"},\"Action\":\"sts:AssumeRole\"}]}";
                roles.append(role(name.substring(0, Math.min(64, name.length())), chained, null)).append(',');
            }
        }
        for (int k = 0; k < 20; k++) {
            String service = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                    + "\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
            roles.append(role("lambda-execution-role-for-function-" + k, service, null)).append(',');
        }
        String dump = "{\"RoleDetailList\": [" + roles.substring(0, roles.length() - 1) + "]}";
        return new GraphBuilder(new PolicyEvaluator(), new TrustLint(), new IdentityLint()).build(
                List.of(new DumpReader().read("150-roles.json", new StringReader(dump))), GraphBuilder.Production.none());
    }

    private static String role(String name, String trust, String inline) {
        return "{\"RoleName\":\"" + name + "\",\"Arn\":\"arn:aws:iam::" + ACCOUNT + ":role/" + name + "\","
                + "\"AssumeRolePolicyDocument\":" + trust
                + (inline == null ? "" : ",\"RolePolicyList\":[{\"PolicyName\":\"assume\",\"PolicyDocument\":" + inline + "}]")
                + "}";
    }

    @Test
    void thePngIsTheWholeGraphWithTextOfAtLeastEightPixelsAndNoneOutsideItsBox(FxRobot robot) throws Exception {
        TrustGraph graph = account();
        assertThat(graph.nodes().stream().filter(n -> n.kind() == dev.rolechain.inspect.NodeKind.ROLE)).hasSize(150);
        // every fan-out expanded: 162 boxes, the most the PNG can have to draw for this account
        Set<String> everySource = new java.util.HashSet<>();
        graph.edges().forEach(e -> everySource.add(e.from()));
        GraphLayout layout = new ElkLayout().layout(graph.nodes(), graph.edges(), everySource);
        assertThat(layout.groups()).isEmpty();
        assertThat(layout.boxes()).hasSize(162);
        AtomicReference<WritableImage> png = new AtomicReference<>();
        robot.interact(() -> {
            canvas.show(graph, layout, true);
            try {
                png.set(canvas.wholeImage());
            } catch (GraphCanvas.TooLarge e) {
                throw new AssertionError(e);
            }
        });
        double scale = GraphCanvas.exportScale(layout.width(), layout.height());
        assertThat(scale * GraphCanvas.SMALLEST_FONT).as("the smallest text, in pixels").isGreaterThanOrEqualTo(8);
        BufferedImage image = toAwt(png.get());
        assertThat(image.getWidth()).as("the whole graph, not the 640 px in view").isGreaterThan(640)
                .isEqualTo((int) Math.ceil((layout.width() + 40) * scale));
        assertThat(image.getHeight()).isEqualTo((int) Math.ceil((layout.height() + 40) * scale));
        Files.createDirectories(SHOTS);
        ImageIO.write(image, "png", SHOTS.resolve("inspect-150-roles-export.png").toFile());
        assertReadable(image, layout, scale, 20 * scale, "the PNG");
    }

    @Test
    void theSvgReadsTheSameInASecondRenderer() throws Exception {
        TrustGraph graph = account();
        GraphLayout layout = new ElkLayout().layout(graph.nodes(), graph.edges());
        assertThat(layout.groups()).as("the fan-outs of 12 and 20 roles are one box each").hasSize(11);
        String svg = SvgExport.svg(graph, layout, Set.of(), Set.of());
        assertThat(svg).contains("12 roles (select to expand)", "20 roles (select to expand)");
        assertThat(svg).doesNotContain("context-stroke");
        PNGTranscoder transcoder = new PNGTranscoder();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        transcoder.transcode(new TranscoderInput(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))),
                new TranscoderOutput(out));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve("inspect-150-roles-batik.png"), out.toByteArray());
        assertThat(image.getWidth()).isEqualTo((int) Math.round(layout.width()));
        assertThat(svg).contains("font-size=\"12\"", "font-size=\"10.5\"");
        assertReadable(image, layout, 1, 0, "the SVG as Batik draws it");
    }

    @Test
    void aGraphTooLargeForOnePngSaysSoWithItsSizeInsteadOfShrinkingItUnreadable() throws Exception {
        assertThat(GraphCanvas.exportScale(2_000, 1_000)).isEqualTo(1);
        double shrunk = GraphCanvas.exportScale(9_000, 7_000);
        assertThat(shrunk).isLessThan(1).isGreaterThanOrEqualTo(GraphCanvas.MIN_READABLE_SCALE);
        assertThatThrownBy(() -> GraphCanvas.exportScale(60_000, 40_000)).isInstanceOf(GraphCanvas.TooLarge.class)
                .satisfies(e -> assertThat(((GraphCanvas.TooLarge) e).width()).isGreaterThan(GraphCanvas.MAX_SIDE / 2));
        String message = java.text.MessageFormat.format(java.util.ResourceBundle.getBundle("dev.rolechain.ui.messages")
                .getString("inspect.status.pngTooLarge"), 45_747L, 30_507L, GraphCanvas.MAX_SIDE, 40);
        assertThat(message).startsWith("The whole graph would be 45,747 × 30,507 px").contains("export SVG");
    }

    /**
     * Every dark (text) pixel lies in a node's box, and each role's label is drawn at least 8 px tall: the text is
     * there, readable, and never spills out of its box.
     */
    private static void assertReadable(BufferedImage image, GraphLayout layout, double scale, double offset, String what) {
        List<int[]> boxes = layout.boxes().values().stream().map(b -> new int[] {
                (int) Math.floor(b.x() * scale + offset) - 1, (int) Math.floor(b.y() * scale + offset) - 1,
                (int) Math.ceil((b.x() + b.width()) * scale + offset) + 1,
                (int) Math.ceil((b.y() + b.height()) * scale + offset) + 1}).toList();
        int outside = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (dark(image.getRGB(x, y))) {
                    int px = x;
                    int py = y;
                    if (boxes.stream().noneMatch(b -> px >= b[0] && px <= b[2] && py >= b[1] && py <= b[3])) {
                        outside++;
                    }
                }
            }
        }
        assertThat(outside).as(what + ": text pixels outside every box").isZero();
        int tall = 0;
        for (int[] b : boxes) {
            int top = Integer.MAX_VALUE;
            int bottom = -1;
            // the label is the box's only dark text (the second line is lighter)
            for (int y = Math.max(0, b[1]); y < Math.min(image.getHeight(), b[3]); y++) {
                for (int x = Math.max(0, b[0]); x < Math.min(image.getWidth(), b[2]); x++) {
                    if (dark(image.getRGB(x, y))) {
                        top = Math.min(top, y);
                        bottom = Math.max(bottom, y);
                    }
                }
            }
            if (bottom >= 0 && bottom - top + 1 >= 8) {
                tall++;
            }
        }
        assertThat(tall).as(what + ": boxes whose label is drawn at least 8 px tall").isEqualTo(boxes.size());
    }

    private static boolean dark(int argb) {
        int r = (argb >> 16) & 0xff;
        int g = (argb >> 8) & 0xff;
        int b = argb & 0xff;
        return 0.299 * r + 0.587 * g + 0.114 * b < 80;
    }

    private static BufferedImage toAwt(WritableImage image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getPixelReader().getPixels(0, y, w, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, w);
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }
}
