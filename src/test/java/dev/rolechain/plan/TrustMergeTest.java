package dev.rolechain.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolechain.iam.PolicyDocument;
import dev.rolechain.iam.PolicyJson;
import dev.rolechain.iam.Role;
import dev.rolechain.testsupport.Examples;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrustMergeTest {
    private final DesiredState state = new Planner().plan(Examples.load("three-targets"));
    private final Role planned = state.account("555555555555").orElseThrow().role("gha-deploy").orElseThrow();

    private static final String BREAK_GLASS = "{\n    \"Sid\" : \"BreakGlass\",  \"Effect\": \"Allow\",\n"
            + "    \"Principal\": {\"AWS\": [\"arn:aws:iam::999999999999:root\"]},\n    \"Action\": [\"sts:AssumeRole\"],\n"
            + "    \"Condition\": {\"Bool\": {\"aws:MultiFactorAuthPresent\": true}}\n  }";
    private static final String DENY = "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\","
            + "\"Condition\":{\"StringNotEquals\":{\"aws:PrincipalOrgID\":\"o-abc\"}}}";

    @Test
    void everyStatementOfOthersIsKeptCharacterForCharacterInItsPlace() {
        String live = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n  " + BREAK_GLASS + ",\n  " + DENY + "\n  ]\n}\n";
        String merged = TrustMerge.mergeText(live, planned.trustPolicy());
        assertThat(merged).startsWith("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n  " + BREAK_GLASS + ",\n  "
                + DENY + ",\n  {\"Sid\":\"RolechainOidcRoleChain\"").endsWith("}\n  ]\n}\n");
        PolicyDocument doc = PolicyJson.parse(merged);
        assertThat(doc.statements()).hasSize(4);
        assertThat(doc.statements().subList(2, 4)).isEqualTo(planned.trustPolicy().statements());
    }

    @Test
    void rolechainsOwnStatementsAreReplacedWhereTheFirstOfThemStood() {
        String old = "{\"Sid\":\"RolechainOidcRoleChain\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::111111111111:role/old\"},\"Action\":\"sts:AssumeRole\"}";
        String older = old.replace("RolechainOidcRoleChain", "RolechainLegacy");
        String live = "{\"Version\":\"2012-10-17\",\"Statement\":[" + old + "," + BREAK_GLASS + "," + older + "]}";
        String merged = TrustMerge.mergeText(live, planned.trustPolicy());
        assertThat(merged).doesNotContain("role/old").contains(BREAK_GLASS);
        PolicyDocument doc = PolicyJson.parse(merged);
        assertThat(doc.statements()).extracting(dev.rolechain.iam.Statement::sid)
                .containsExactly("RolechainOidcRoleChain", "RolechainSessionTags", "BreakGlass");
        assertThat(doc).isEqualTo(TrustMerge.merge(PolicyJson.parse(live), planned.trustPolicy()));
    }

    @Test
    void aSingleStatementObjectURLEncodedTextAndAnOldVersionAreHandled() {
        String live = "{\"Statement\":" + DENY + ",\"Version\":\"2008-10-17\"}";
        String merged = TrustMerge.mergeText(java.net.URLEncoder.encode(live, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20"), planned.trustPolicy());
        var plannedStatements = PolicyJson.toTree(planned.trustPolicy()).get("Statement");
        assertThat(merged).isEqualTo("{\"Statement\":[" + DENY + "," + plannedStatements.get(0) + ","
                + plannedStatements.get(1) + "],\"Version\":\"2012-10-17\"}");
        String plus = TrustMerge.mergeText("%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B"
                + "%22AWS%22%3A%22arn%3Aaws%3Aiam%3A%3A888888888888%3Aroot%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%2C"
                + "%22Condition%22%3A%7B%22StringEquals%22%3A%7B%22sts%3AExternalId%22%3A%22a+b%20c%22%7D%7D%7D%5D%7D",
                planned.trustPolicy());
        assertThat(plus).as("a + in RFC 3986 text is a plus sign").contains("\"sts:ExternalId\":\"a+b c\"");
        String noVersion = TrustMerge.mergeText("{\"Statement\":[" + DENY + "]}", planned.trustPolicy());
        assertThat(PolicyJson.parse(noVersion).version()).isEqualTo("2012-10-17");
        assertThat(noVersion).contains(DENY);
    }

    @Test
    void aRoleOfAnotherTeamKeepsItsPoliciesTagsBoundaryAndDescription() {
        Role live = new Role("gha-deploy", "/team/", "owned by platform", PolicyJson.parse(
                "{\"Version\":\"2012-10-17\",\"Statement\":[" + BREAK_GLASS + "]}"),
                Map.of("legacy", PolicyJson.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}")),
                List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"), 10800,
                "arn:aws:iam::555555555555:policy/team-boundary", Map.of("owner", "platform"));
        RoleMerge merge = RoleMerge.of(planned, live);
        Role merged = merge.merged();
        assertThat(merged.trustPolicy().statements()).hasSize(1 + planned.trustPolicy().statements().size());
        assertThat(merged.inlinePolicies()).containsKey("legacy");
        assertThat(merged.managedPolicyArns()).contains("arn:aws:iam::aws:policy/ReadOnlyAccess",
                "arn:aws:iam::aws:policy/PowerUserAccess");
        assertThat(merged.tags()).isEqualTo(Map.of("owner", "platform"));
        assertThat(merged.permissionsBoundaryArn()).isEqualTo("arn:aws:iam::555555555555:policy/team-boundary");
        assertThat(merged.description()).isEqualTo("owned by platform");
        assertThat(merged.maxSessionDuration()).isEqualTo(10800);
        assertThat(merged.path()).isEqualTo("/team/");
        assertThat(merge.keptStatements()).isEqualTo(1);
        assertThat(merge.kept()).contains("1 trust statement of others", "inline policy legacy",
                "attached arn:aws:iam::aws:policy/ReadOnlyAccess", "tag owner",
                "permissions boundary arn:aws:iam::555555555555:policy/team-boundary", "the description");
        assertThat(merge.consentReasons()).containsExactly("the role exists and was not created by Rolechain",
                "its trust policy changes");
    }

    @Test
    void replacingAnotherBoundaryNeedsConsentAndIsShownInThePlan() {
        Role staging = state.account("444444444444").orElseThrow().role("gha-deploy").orElseThrow();
        Role live = new Role(staging.name(), staging.path(), staging.description(), staging.trustPolicy(),
                staging.inlinePolicies(), staging.managedPolicyArns(), staging.maxSessionDuration(),
                "arn:aws:iam::444444444444:policy/other-boundary", staging.tags());
        RoleMerge merge = RoleMerge.of(staging, live);
        assertThat(merge.consentReasons()).containsExactly("its permissions boundary "
                + "arn:aws:iam::444444444444:policy/other-boundary would be replaced by arn:aws:iam::aws:policy/PowerUserAccess");
        Change change = new Differ().changes("444444444444", merge).get(0);
        assertThat(change.action()).isEqualTo(Change.Action.UPDATE);
        assertThat(change.diff()).contains("-  \"permissionsBoundaryArn\": \"arn:aws:iam::444444444444:policy/other-boundary\"");
        assertThat(change.notes()).anySatisfy(n -> assertThat(n).startsWith("needs consent: its permissions boundary"));
    }

    @Test
    void aRoleAsMergedIsNoChange() {
        Role live = new Role("gha-deploy", "/", "theirs", PolicyJson.parse("{\"Version\":\"2012-10-17\",\"Statement\":["
                + BREAK_GLASS + "]}"), Map.of(), List.of(), 3600, null, Map.of());
        Role once = RoleMerge.of(planned, live).merged();
        RoleMerge again = RoleMerge.of(planned, once);
        assertThat(again.changes()).isFalse();
        assertThat(again.consentReasons()).isEmpty();
    }
}
