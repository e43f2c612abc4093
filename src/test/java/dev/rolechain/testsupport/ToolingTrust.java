package dev.rolechain.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolechain.Services;
import dev.rolechain.github.TokenClaims;
import dev.rolechain.iam.Decision;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Request;
import dev.rolechain.iam.RequestContext;
import dev.rolechain.plan.DesiredState;
import dev.rolechain.render.Artifact;
import dev.rolechain.setup.Setup;
import dev.rolechain.setup.SetupJson;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Consumer;

/** The three-targets example with its github section edited, and its tooling roles' exported trust as IAM decides it. */
public final class ToolingTrust {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolingTrust() {}

    /** The three-targets Setup after {@code github} edits its github section; it must read without problems. */
    public static Setup threeTargetsWith(Consumer<ObjectNode> github) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(Examples.path("three-targets")));
        github.accept((ObjectNode) root.get("github"));
        SetupJson.Read read = SetupJson.read(root.toString());
        assertThat(read.problems()).isEmpty();
        return read.setup();
    }

    /** The exported trust.json of a tooling role (account 111111111111), evaluated for a token as IAM would. */
    public static Decision decide(Services services, DesiredState state, String role, TokenClaims token) {
        Artifact trust = services.renderer().render(state).stream()
                .filter(a -> a.path().equals("policies/111111111111/" + role + "/trust.json")).findFirst().orElseThrow();
        return services.evaluator().decide(PolicyJson.parse(trust.content()), List.of(), new Request(state.providerArn(),
                "sts:AssumeRoleWithWebIdentity", "arn:aws:iam::111111111111:role/" + role,
                RequestContext.of(token.context())));
    }
}
