package dev.rolechain.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** IAM's wildcard matching agrees with a regular expression built from the same pattern. */
class WildcardsProperties {

    @Property(tries = 3000)
    void wildcardMatchingAgreesWithARegex(@ForAll @Chars({'*', '?', 'a', 'b', ':'}) @StringLength(max = 8) String pattern,
            @ForAll @Chars({'*', '?', 'a', 'b', ':'}) @StringLength(max = 10) String text) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        boolean expected = Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text).matches();
        assertThat(Wildcards.matches(pattern, text)).as("%s ~ %s", pattern, text).isEqualTo(expected);
        assertThat(Wildcards.matchesIgnoreCase(pattern, text)).isEqualTo(expected);
    }
}
