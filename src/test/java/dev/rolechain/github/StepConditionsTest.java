package dev.rolechain.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StepConditionsTest {

    private static WorkflowFile.Step step(String id, String condition) {
        return new WorkflowFile.Step(null, "aws-actions/configure-aws-credentials@v4", Map.of(), 1, id,
                condition.isEmpty() ? null : condition, Map.of());
    }

    @ParameterizedTest(name = "[{0}] then [{1}], {2} steps between: {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``                                            | ``                                              | 0 | true
            `github.ref == 'refs/heads/main'`             | `github.ref != 'refs/heads/main'`               | 0 | false
            `${{ github.ref == 'refs/heads/main' }}`      | `${{ github.ref == 'refs/heads/main' }}`        | 0 | true
            `github.ref == 'refs/heads/main'`             | `github.ref == 'REFS/HEADS/MAIN'`               | 0 | true
            `matrix.env == 'prod'`                        | `matrix.env == 'dev'`                           | 0 | false
            `matrix.env == 'prod'`                        | `matrix.env != 'dev'`                           | 0 | true
            `inputs.x == 'a'`                             | `inputs.x == 'b'`                               | 3 | false
            `inputs.x == 'a' || inputs.x == 'b'`          | `!(inputs.x == 'a' || inputs.x == 'b')`         | 0 | false
            `inputs.x == 'a' && github.event_name == 'push'` | `inputs.x == 'a' && github.event_name != 'push'` | 0 | false
            `inputs.deploy`                               | `!inputs.deploy`                                | 0 | false
            `inputs.count == 1`                           | `inputs.count == '1'`                           | 0 | true
            `inputs.count == 1`                           | `inputs.count == 2`                             | 0 | false
            `env.TARGET == 'prod'`                        | `env.TARGET == 'dev'`                           | 0 | true
            ``                                            | `failure()`                                     | 0 | false
            ``                                            | `failure()`                                     | 1 | true
            ``                                            | `${{ failure() && github.ref == 'refs/heads/main' }}` | 0 | false
            ``                                            | `always()`                                      | 0 | true
            ``                                            | `cancelled()`                                   | 0 | true
            ``                                            | `!cancelled()`                                  | 0 | true
            `failure()`                                   | `failure()`                                     | 0 | true
            `failure()`                                   | ``                                              | 2 | false
            ``                                            | `steps.first.outcome == 'failure'`              | 0 | false
            ``                                            | `steps.first.conclusion != 'success'`           | 0 | false
            ``                                            | `steps.other.outcome == 'failure'`              | 0 | true
            `startsWith(github.ref, 'refs/tags/')`        | `endsWith(github.ref, '-rc')`                   | 0 | true
            `startsWith(github.ref, 'refs/tags/')`        | `!startsWith(github.ref, 'refs/tags/')`         | 0 | true
            `github.run_number > 5`                       | `github.run_number < 3`                         | 0 | true
            `${{ github.ref }} == 'refs/heads/main'`      | `github.ref != 'refs/heads/main'`               | 0 | true
            `github.ref == 'refs/heads/main`              | `github.ref != 'refs/heads/main'`               | 0 | true
            """)
    void stepsRunTogetherUnlessTheirConditionsExcludeIt(String first, String second, int between, boolean together) {
        assertThat(StepConditions.mayBothRun(step("first", first), step("second", second), between)).isEqualTo(together);
    }

    @Test
    void expressionsEvaluateAsGitHubDocuments() {
        Expression.Scope none = new Expression.Scope() {
            @Override
            public Object value(List<String> path) {
                return path.equals(List.of("github", "ref")) ? "refs/heads/main" : null;
            }

            @Override
            public boolean status(String function) {
                return function.equals("success") || function.equals("always");
            }
        };
        assertThat(Expression.parse("github['ref'] == 'Refs/Heads/Main'").evaluate(none)).isEqualTo(true);
        assertThat(Expression.parse("null == ''").evaluate(none)).isEqualTo(true);
        assertThat(Expression.parse("'it''s' == 'IT''S'").evaluate(none)).isEqualTo(true);
        assertThat(Expression.parse("0x10 == 16 && 1e1 == 10 && -1 != 1").evaluate(none)).isEqualTo(true);
        assertThat(Expression.parse("true == 1 && false == 0 && 'abc' != 0").evaluate(none)).isEqualTo(true);
        assertThat(Expression.parse("inputs.x || 'default'").evaluate(none)).isEqualTo("default");
        assertThat(Expression.parse("success() && !failure()").evaluate(none)).isEqualTo(true);
        assertThat(Expression.parse("contains(github.ref, 'main')").evaluate(none)).isSameAs(Expression.UNKNOWN);
        assertThat(Expression.condition("github.ref == 'x'")).isEqualTo(Expression.parse("success() && (github.ref == 'x')"));
        assertThat(Expression.condition("${{ always() }}")).isEqualTo(Expression.parse("always()"));
        assertThat(Expression.condition("deploy to ${{ inputs.x }}")).isNull();
    }
}
