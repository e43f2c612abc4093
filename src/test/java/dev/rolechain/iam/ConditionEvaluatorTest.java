package dev.rolechain.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Condition operators as the IAM User Guide describes them ("Condition operators"; "Conditions with
 * multiple context keys or values"; "Policy variables"). Context: a JSON object of key → value or values.
 */
class ConditionEvaluatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} {1} {2} with {3} → {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            StringEquals              | aws:PrincipalTag/job   | ["iamuser-admin"]           | {"aws:PrincipalTag/job": "iamuser-admin"} | true
            StringEquals              | aws:PrincipalTag/job   | ["iamuser-admin"]           | {"aws:PrincipalTag/job": "IAMUser-Admin"} | false
            StringEquals              | aws:PrincipalTag/job   | ["iamuser-admin"]           | {}                                        | false
            StringEquals              | AWS:PRINCIPALTAG/JOB   | ["a"]                       | {"aws:principaltag/job": "a"}             | true
            StringEquals              | k                      | ["a", "b"]                  | {"k": "b"}                                | true
            StringNotEquals           | k                      | ["a", "b"]                  | {"k": "b"}                                | false
            StringNotEquals           | k                      | ["a", "b"]                  | {"k": "c"}                                | true
            StringNotEquals           | k                      | ["a"]                       | {}                                        | true
            StringEqualsIgnoreCase    | k                      | ["Admin"]                   | {"k": "aDMIN"}                            | true
            StringNotEqualsIgnoreCase | k                      | ["Admin"]                   | {"k": "aDMIN"}                            | false
            StringLike                | sub                    | ["repo:o/*:ref:refs/heads/main"] | {"sub": "repo:o/app:ref:refs/heads/main"} | true
            StringLike                | sub                    | ["repo:o/*:ref:refs/heads/main"] | {"sub": "repo:x/app:ref:refs/heads/main"} | false
            StringLike                | k                      | ["a?c"]                     | {"k": "abc"}                              | true
            StringLike                | k                      | ["a?c"]                     | {"k": "abbc"}                             | false
            StringLike                | k                      | ["A*"]                      | {"k": "abc"}                              | false
            StringEquals              | k                      | ["a*"]                      | {"k": "abc"}                              | false
            StringNotLike             | k                      | ["a*", "b*"]                | {"k": "bcd"}                              | false
            StringNotLike             | k                      | ["a*", "b*"]                | {"k": "cde"}                              | true
            StringEqualsIfExists      | k                      | ["a"]                       | {}                                        | true
            StringEqualsIfExists      | k                      | ["a"]                       | {"k": "b"}                                | false
            NumericLessThan           | s3:max-keys            | ["10"]                      | {"s3:max-keys": "9"}                      | true
            NumericLessThan           | s3:max-keys            | ["10"]                      | {"s3:max-keys": "10"}                     | false
            NumericLessThanEquals     | s3:max-keys            | ["10"]                      | {"s3:max-keys": "10"}                     | true
            NumericGreaterThan        | n                      | ["1.5"]                     | {"n": "2"}                                | true
            NumericEquals             | n                      | ["10"]                      | {"n": "10.0"}                             | true
            NumericNotEquals          | n                      | ["10", "11"]                | {"n": "11"}                               | false
            NumericEquals             | n                      | ["10"]                      | {"n": "ten"}                              | false
            NumericGreaterThanEquals  | n                      | ["10"]                      | {"n": "10"}                               | true
            NumericGreaterThanEquals  | n                      | ["10"]                      | {"n": "9.99"}                             | false
            NumericLessThanIfExists   | n                      | ["10"]                      | {}                                        | true
            DateNotEquals             | t                      | ["2020-01-01T00:00:00Z"]    | {"t": "2020-01-01T00:00:01Z"}             | true
            DateNotEquals             | t                      | ["2020-01-01T00:00:00Z"]    | {"t": "2020-01-01T00:00:00Z"}             | false
            DateLessThanEquals        | t                      | ["2020-01-01T00:00:00Z"]    | {"t": "2020-01-01T00:00:00Z"}             | true
            DateLessThan              | t                      | ["2020-01-01T00:00:00Z"]    | {}                                        | false
            DateLessThan              | aws:CurrentTime        | ["2026-12-31T23:59:59Z"]    | {"aws:CurrentTime": "2026-11-26T04:00:00Z"} | true
            DateGreaterThan           | aws:CurrentTime        | ["2026-12-31T23:59:59Z"]    | {"aws:CurrentTime": "2026-11-26T04:00:00Z"} | false
            DateEquals                | aws:EpochTime          | ["2020-01-01T00:00:00Z"]    | {"aws:EpochTime": "1577836800"}           | true
            DateGreaterThanEquals     | t                      | ["2020-01-01"]              | {"t": "2020-01-01T00:00:00+00:00"}        | true
            Bool                      | aws:SecureTransport    | ["true"]                    | {"aws:SecureTransport": "true"}           | true
            Bool                      | aws:SecureTransport    | ["false"]                   | {"aws:SecureTransport": "true"}           | false
            Bool                      | aws:MultiFactorAuthPresent | ["false"]               | {}                                        | false
            BoolIfExists              | aws:MultiFactorAuthPresent | ["false"]               | {}                                        | true
            BinaryEquals              | key                    | ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="] | {"key": "QmluYXJ5VmFsdWVJbkJhc2U2NA=="} | true
            BinaryEquals              | key                    | ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="] | {"key": "b3RoZXI="}                 | false
            IpAddress                 | aws:SourceIp           | ["203.0.113.0/24"]          | {"aws:SourceIp": "203.0.113.77"}          | true
            IpAddress                 | aws:SourceIp           | ["203.0.113.0/24"]          | {"aws:SourceIp": "203.0.114.1"}           | false
            IpAddress                 | aws:SourceIp           | ["2001:DB8:1234:5678::/64"] | {"aws:SourceIp": "2001:db8:1234:5678::9"} | true
            IpAddress                 | aws:SourceIp           | ["203.0.113.0/24"]          | {"aws:SourceIp": "2001:db8::1"}           | false
            NotIpAddress              | aws:SourceIp           | ["203.0.113.0/24"]          | {"aws:SourceIp": "198.51.100.1"}          | true
            NotIpAddress              | aws:SourceIp           | ["203.0.113.0/24"]          | {}                                        | true
            ArnLike                   | aws:SourceArn          | ["arn:aws:sns:*:123456789012:topic*"] | {"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:topic-a"} | true
            ArnLike                   | aws:SourceArn          | ["arn:aws:sns:*:123456789012:topic*"] | {"aws:SourceArn": "arn:aws:sns:us-east-1:999999999999:topic-a"} | false
            ArnEquals                 | aws:PrincipalArn       | ["arn:aws:iam::*:role/deploy"] | {"aws:PrincipalArn": "arn:aws:iam::111111111111:role/deploy"} | true
            ArnNotEquals              | aws:PrincipalArn       | ["arn:aws:iam::*:role/deploy"] | {"aws:PrincipalArn": "arn:aws:iam::111111111111:role/deploy"} | false
            ArnNotEquals              | aws:PrincipalArn       | ["arn:aws:iam::*:role/deploy"] | {}                                    | true
            ArnLike                   | aws:SourceArn          | ["arn:aws:iam::*:role/x"]   | {"aws:SourceArn": "arn:aws:iam::111111111111:foo:role/x"} | false
            ArnLike                   | aws:SourceArn          | ["arn:aws:s3:::bucket-*"]   | {"aws:SourceArn": "arn:aws:sqs:::bucket-a"} | false
            ArnNotLike                | aws:PrincipalArn       | ["arn:aws:iam::*:role/deploy"] | {"aws:PrincipalArn": "arn:aws:iam::111111111111:role/other"} | true
            Null                      | aws:TokenIssueTime     | ["true"]                    | {}                                        | true
            Null                      | aws:TokenIssueTime     | ["true"]                    | {"aws:TokenIssueTime": "x"}               | false
            Null                      | aws:TokenIssueTime     | ["false"]                   | {"aws:TokenIssueTime": "x"}               | true
            ForAnyValue:StringEquals  | aws:TagKeys            | ["env", "team"]             | {"aws:TagKeys": ["cost", "team"]}         | true
            ForAnyValue:StringEquals  | aws:TagKeys            | ["env", "team"]             | {"aws:TagKeys": ["cost"]}                 | false
            ForAnyValue:StringEquals  | aws:TagKeys            | ["env", "team"]             | {}                                        | false
            ForAllValues:StringEquals | aws:TagKeys            | ["env", "team"]             | {"aws:TagKeys": ["env", "team"]}          | true
            ForAllValues:StringEquals | aws:TagKeys            | ["env", "team"]             | {"aws:TagKeys": ["env", "cost"]}          | false
            ForAllValues:StringEquals | aws:TagKeys            | ["env", "team"]             | {}                                        | true
            ForAllValues:StringLike   | sub                    | ["repo:o/a:*"]              | {}                                        | true
            ForAnyValue:StringNotEquals | aws:TagKeys          | ["env"]                     | {"aws:TagKeys": ["env", "cost"]}          | true
            ForAllValues:StringNotEquals | aws:TagKeys         | ["env"]                     | {"aws:TagKeys": ["env", "cost"]}          | false
            StringEquals              | s3:prefix              | ["home/${aws:username}/"]   | {"s3:prefix": "home/ana/", "aws:username": "ana"} | true
            StringEquals              | s3:prefix              | ["home/${aws:username}/"]   | {"s3:prefix": "home/bob/", "aws:username": "ana"} | false
            StringEquals              | s3:prefix              | ["home/${aws:username}/"]   | {"s3:prefix": "home//"}                  | false
            StringEquals              | s3:prefix              | ["home/${aws:username, 'guest'}/"] | {"s3:prefix": "home/guest/"}      | true
            StringLike                | k                      | ["a${*}b"]                  | {"k": "a*b"}                              | true
            StringLike                | k                      | ["a${*}b"]                  | {"k": "axb"}                              | false
            StringLike                | k                      | ["${aws:username}*"]        | {"k": "a*cdef", "aws:username": "a*c"}    | true
            StringLike                | k                      | ["${aws:username}*"]        | {"k": "abcdef", "aws:username": "a*c"}    | false
            """)
    void conditionsHoldAsIamDecides(String operator, String key, String values, String context, boolean expected)
            throws Exception {
        List<String> policyValues = new ArrayList<>();
        JSON.readTree(values).forEach(v -> policyValues.add(v.asText()));
        Map<String, List<String>> ctx = new LinkedHashMap<>();
        JsonNode node = JSON.readTree(context);
        node.fields().forEachRemaining(e -> {
            List<String> list = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> list.add(v.asText()));
            } else {
                list.add(e.getValue().asText());
            }
            ctx.put(e.getKey(), list);
        });
        ConditionEvaluator.Outcome outcome = ConditionEvaluator.evaluate(new Condition(operator, key, policyValues),
                RequestContext.of(ctx));
        assertThat(outcome.holds()).as(outcome.reason()).isEqualTo(expected);
        assertThat(outcome.reason()).isNotBlank().containsIgnoringCase(key);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            *           | anything      | true
            a*          | a             | true
            *b          | ab            | true
            a*c*e       | abcde         | true
            a*c*e       | abcdf         | false
            ?           | ''            | false
            a?          | ab            | true
            """)
    void wildcardsMatchAsIamDoes(String pattern, String text, boolean expected) {
        assertThat(Wildcards.matches(pattern, text == null ? "" : text)).isEqualTo(expected);
    }
}
