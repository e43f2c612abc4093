package dev.rolechain.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rolechain.iam.IamAccount;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Role;
import dev.rolechain.testsupport.Examples;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DifferTest {
    private final DesiredState state = new Planner().plan(Examples.load("article"));
    private final IamAccount target = state.account("222222222222").orElseThrow();

    @Test
    void anAccountAsPlannedHasNoChanges() {
        assertThat(new Differ().diff(target, target)).extracting(Change::action).containsOnly(Change.Action.NONE);
    }

    @Test
    void whatIsMissingIsCreated() {
        assertThat(new Differ().diff(target, new IamAccount(target.accountId(), List.of(), List.of())))
                .extracting(Change::resource, Change::action)
                .containsExactly(tuple("role/ci-deploy-role", Change.Action.CREATE),
                        tuple("role/ci-deploy-role/attached/arn:aws:iam::aws:policy/PowerUserAccess", Change.Action.CREATE));
    }

    @Test
    void anAttachmentTheRoleLacksIsACreateOfItsOwn() {
        Role planned = target.roles().get(0);
        Role live = new Role(planned.name(), planned.path(), planned.description(), planned.trustPolicy(), Map.of(),
                List.of(), planned.maxSessionDuration(), null, planned.tags());
        assertThat(new Differ().diff(target, new IamAccount(target.accountId(), List.of(), List.of(live))))
                .filteredOn(c -> c.action() != Change.Action.NONE).extracting(Change::resource)
                .contains("role/ci-deploy-role/attached/arn:aws:iam::aws:policy/PowerUserAccess");
    }

    @Test
    void theUnifiedDiffHasHunksWithThreeLinesOfContext() {
        String from = String.join("\n", List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")) + "\n";
        String to = from.replace("e\n", "E\n");
        assertThat(UnifiedDiff.of("live", from, "planned", to)).isEqualTo("""
                --- live
                +++ planned
                @@ -2,7 +2,7 @@
                 b
                 c
                 d
                -e
                +E
                 f
                 g
                 h
                """);
    }

    /** The planned tags and another team's. */
    private static Map<String, String> withTeam(Map<String, String> planned) {
        Map<String, String> tags = new java.util.HashMap<>(planned);
        tags.put("team", "platform");
        return tags;
    }

    @Test
    void extraAttachmentsPoliciesAndTagsAreKeptNotChanged() {
        Role planned = target.roles().get(0);
        Role live = new Role(planned.name(), planned.path(), planned.description(), planned.trustPolicy(),
                Map.of("extra", PolicyJson.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}]}")),
                List.of("arn:aws:iam::aws:policy/PowerUserAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"),
                planned.maxSessionDuration(), null, withTeam(planned.tags()));
        assertThat(new Differ().diff(target, new IamAccount(target.accountId(), List.of(), List.of(live))))
                .extracting(Change::action).containsOnly(Change.Action.NONE);
    }

    @Test
    void aChangedTrustIsAnUpdateWithAUnifiedDiff() {
        Role planned = target.roles().get(0);
        Role live = new Role(planned.name(), planned.path(), planned.description(),
                PolicyJson.parse(planned.trustPolicy().toJson().replace("myorg-prod-deploy", "old-id")),
                Map.of(), planned.managedPolicyArns(), 7200, null, planned.tags());
        Change change = new Differ().diff(target, new IamAccount(target.accountId(), List.of(), List.of(live))).get(0);
        assertThat(change.action()).isEqualTo(Change.Action.UPDATE);
        assertThat(change.diff()).startsWith("--- live\n+++ planned\n@@ ")
                .contains("-  \"maxSessionDuration\": 7200,", "+  \"maxSessionDuration\": 3600,",
                        "-            \"sts:ExternalId\": \"old-id\"", "+            \"sts:ExternalId\": \"myorg-prod-deploy\"");
    }

    @Test
    void unifiedDiffShowsOnlyChangedHunksWithContext() {
        String a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
        String b = "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\ntwelve\n";
        assertThat(UnifiedDiff.of("a", a, "b", b)).isEqualTo("--- a\n+++ b\n"
                + "@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+three\n 4\n 5\n 6\n"
                + "@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+twelve\n");
    }
}
