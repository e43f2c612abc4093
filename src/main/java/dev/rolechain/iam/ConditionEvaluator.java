package dev.rolechain.iam;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides one condition against a request context, following the IAM User Guide ("Condition
 * operators", "Conditions with multiple context keys or values"):
 * <ul>
 *   <li>several policy values for one key: OR; for a negated operator: NOR;</li>
 *   <li>a key missing from the request: false, but true for a negated operator; {@code ...IfExists}
 *       is true when the key is missing; {@code Null} tests presence;</li>
 *   <li>{@code ForAnyValue:} holds when at least one request value matches (false when the key is
 *       missing); {@code ForAllValues:} when every request value matches (true when the key is missing);</li>
 *   <li>String and ARN operators resolve policy variables ({@code ${aws:username}}, {@code ${*}},
 *       {@code ${?}}, {@code ${$}}, and {@code ${key, 'default'}}).</li>
 * </ul>
 * A plain operator on a key with several request values is decided like {@code ForAnyValue:}.
 */
public final class ConditionEvaluator {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(/\\d{1,3})?");

    private ConditionEvaluator() {
    }

    /** The outcome of one condition: whether it holds, and why, in words (written only when asked for). */
    public record Outcome(boolean holds, java.util.function.Supplier<String> because) {
        public String reason() {
            return because.get();
        }
    }

    /** An operator taken apart once: set prefix, the operator without it, IfExists, the base operator. */
    private record Parsed(String set, String op, boolean ifExists, String base, boolean negated) {
        static Parsed of(String operator) {
            String op = ConditionOperators.canonical(operator)
                    .orElseThrow(() -> new IllegalArgumentException("unknown condition operator " + operator));
            String set = "";
            if (op.startsWith("ForAnyValue:") || op.startsWith("ForAllValues:")) {
                set = op.substring(0, op.indexOf(':'));
                op = op.substring(op.indexOf(':') + 1);
            }
            boolean ifExists = op.endsWith("IfExists");
            String base = ifExists ? op.substring(0, op.length() - "IfExists".length()) : op;
            return new Parsed(set, op, ifExists, base, isNegated(base));
        }
    }

    private static final java.util.concurrent.ConcurrentMap<String, Parsed> PARSED =
            new java.util.concurrent.ConcurrentHashMap<>();

    public static Outcome evaluate(Condition condition, RequestContext context) {
        return evaluate(condition, context, false, null);
    }

    /**
     * The same, noting in {@code doubts} (when not null) each point AWS leaves unclear that this condition
     * met ({@link Unclear}); {@code inDeny} says the condition guards a Deny statement, where an unclear
     * point is decided by the reading under which the condition holds (the Deny applies).
     */
    static Outcome evaluate(Condition condition, RequestContext context, boolean inDeny, Doubts doubts) {
        Parsed parsed = PARSED.computeIfAbsent(condition.operator(), Parsed::of);
        String set = parsed.set();
        String op = parsed.op();
        boolean ifExists = parsed.ifExists();
        String base = parsed.base();
        List<String> actual = context.get(condition.key());
        String key = condition.key();

        if (base.equals("Null")) {
            boolean wantAbsent = condition.values().stream().anyMatch(v -> v.equalsIgnoreCase("true"));
            boolean wantPresent = condition.values().stream().anyMatch(v -> v.equalsIgnoreCase("false"));
            boolean absent = actual == null;
            boolean holds = absent ? wantAbsent : wantPresent;
            return new Outcome(holds, () -> key + (absent ? " is absent" : " is present") + (holds ? "" : ", Null wants "
                    + String.join(" or ", condition.values())));
        }
        boolean negated = parsed.negated();
        if (actual == null) {
            if (ifExists && set.equals("ForAnyValue") && doubts != null) {
                doubts.add(Unclear.FOR_ANY_VALUE_IF_EXISTS_ABSENT);
            }
            if (ifExists) {
                return new Outcome(true, () -> key + " is absent, so " + op + " holds");
            }
            if (set.equals("ForAllValues")) {
                return new Outcome(true, () -> key + " is absent, so ForAllValues holds");
            }
            if (set.equals("ForAnyValue")) {
                return new Outcome(false, () -> key + " is absent, so ForAnyValue fails");
            }
            return new Outcome(negated, () -> key + " is absent, so " + op + (negated ? " holds" : " fails"));
        }
        List<String> policyValues = resolveVariables(base, condition.values(), context, false);
        boolean holds = holds(base, negated, set, actual, policyValues, doubts);
        if (hasDefaultWithoutBlank(base, condition.values())) {
            if (doubts != null) {
                doubts.add(Unclear.VARIABLE_DEFAULT_WITHOUT_BLANK);
            }
            if (inDeny && !holds) {
                // the other reading: IAM does not take it as a default, and the variable may resolve to nothing
                holds = holds(base, negated, set, actual, resolveVariables(base, condition.values(), context, true), null);
            }
        }
        boolean result = holds;
        return new Outcome(result, () -> key + " " + actual + (result ? " satisfies " : " does not satisfy ")
                + (set.isEmpty() ? "" : set + ":") + op + " " + shortList(condition.values()));
    }

    /** Whether the request values satisfy the operator; notes an operator without a set operator whose reading matters. */
    private static boolean holds(String base, boolean negated, String set, List<String> actual, List<String> policyValues,
            Doubts doubts) {
        String positive = negated ? positiveOf(base) : base;
        boolean anyHolds = false;
        boolean allHold = true;
        for (String value : actual) {
            boolean any = false;
            for (String p : policyValues) {
                if (p != null && matches(positive, value, p)) {
                    any = true;
                    break;
                }
            }
            boolean holds = negated != any;
            anyHolds |= holds;
            allHold &= holds;
        }
        if (set.isEmpty() && actual.size() > 1 && anyHolds != allHold && doubts != null) {
            doubts.add(Unclear.PLAIN_OPERATOR_ON_SEVERAL_VALUES);
        }
        return set.equals("ForAllValues") ? allHold : anyHolds;
    }

    private static final Pattern DEFAULT_WITHOUT_BLANK = Pattern.compile("\\$\\{[^},]*,(?! )[^}]*}");

    /** Whether a String or ARN value gives a variable's default without the blank after the comma. */
    private static boolean hasDefaultWithoutBlank(String base, List<String> values) {
        if (!base.startsWith("String") && !base.startsWith("Arn") || !hasVariable(values)) {
            return false;
        }
        for (String value : values) {
            if (DEFAULT_WITHOUT_BLANK.matcher(value).find()) {
                return true;
            }
        }
        return false;
    }

    /** A list for an explanation: the first few values, then how many more. */
    static String shortList(List<String> values) {
        if (values.size() <= 5) {
            return values.toString();
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 5; i++) {
            sb.append(values.get(i)).append(", ");
        }
        return sb.append("… ").append(values.size() - 5).append(" more]").toString();
    }

    static boolean isNegated(String base) {
        return base.contains("Not") && !base.equals("Null");
    }

    private static String positiveOf(String negated) {
        return switch (negated) {
            case "NotIpAddress" -> "IpAddress";
            default -> negated.replace("Not", "");
        };
    }

    private static boolean matches(String op, String actual, String policy) {
        return switch (op) {
            case "StringEquals" -> actual.equals(policy);
            case "StringEqualsIgnoreCase" -> actual.toLowerCase(Locale.ROOT).equals(policy.toLowerCase(Locale.ROOT));
            case "StringLike" -> Wildcards.matches(policy, actual);
            case "NumericEquals" -> compareNumbers(actual, policy) == 0;
            case "NumericLessThan" -> compareNumbers(actual, policy) < 0 && comparable(actual, policy);
            case "NumericLessThanEquals" -> compareNumbers(actual, policy) <= 0 && comparable(actual, policy);
            case "NumericGreaterThan" -> compareNumbers(actual, policy) > 0 && comparable(actual, policy);
            case "NumericGreaterThanEquals" -> compareNumbers(actual, policy) >= 0 && comparable(actual, policy);
            case "DateEquals" -> compareDates(actual, policy) == 0;
            case "DateLessThan" -> compareDates(actual, policy) < 0 && datesComparable(actual, policy);
            case "DateLessThanEquals" -> compareDates(actual, policy) <= 0 && datesComparable(actual, policy);
            case "DateGreaterThan" -> compareDates(actual, policy) > 0 && datesComparable(actual, policy);
            case "DateGreaterThanEquals" -> compareDates(actual, policy) >= 0 && datesComparable(actual, policy);
            case "Bool" -> actual.equalsIgnoreCase(policy) && (policy.equalsIgnoreCase("true") || policy.equalsIgnoreCase("false"));
            case "BinaryEquals" -> binaryEquals(actual, policy);
            case "IpAddress" -> inCidr(actual, policy);
            case "ArnEquals", "ArnLike" -> Wildcards.arnMatches(policy, actual);
            default -> throw new IllegalArgumentException("no comparison for " + op);
        };
    }

    private static final int INCOMPARABLE = Integer.MIN_VALUE;

    private static int compareNumbers(String a, String b) {
        try {
            return new BigDecimal(a.trim()).compareTo(new BigDecimal(b.trim()));
        } catch (NumberFormatException e) {
            return INCOMPARABLE;
        }
    }

    private static boolean comparable(String a, String b) {
        return compareNumbers(a, b) != INCOMPARABLE;
    }

    private static int compareDates(String a, String b) {
        Instant x = instant(a);
        Instant y = instant(b);
        return x == null || y == null ? INCOMPARABLE : x.compareTo(y);
    }

    private static boolean datesComparable(String a, String b) {
        return compareDates(a, b) != INCOMPARABLE;
    }

    /** ISO 8601 date or date-time (with offset, or UTC when none is given), or epoch seconds. */
    static Instant instant(String text) {
        String t = text.trim();
        try {
            if (t.matches("-?\\d+")) {
                return Instant.ofEpochSecond(Long.parseLong(t));
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (t.matches(".*(Z|[+-]\\d{2}:?\\d{2})$")) {
                return OffsetDateTime.parse(t.replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2")).toInstant();
            }
            return java.time.LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    private static boolean binaryEquals(String actual, String policy) {
        try {
            return java.util.Arrays.equals(Base64.getDecoder().decode(actual.trim()),
                    Base64.getDecoder().decode(policy.trim()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether an IP address lies in a CIDR block (or equals a plain address). Literals only: no DNS. */
    static boolean inCidr(String address, String cidr) {
        if (!IP_LITERAL.matcher(address).matches() || !IP_LITERAL.matcher(cidr).matches() || address.contains("/")) {
            return false;
        }
        try {
            String[] parts = cidr.split("/");
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            byte[] ip = InetAddress.getByName(address).getAddress();
            if (network.length != ip.length) {
                return false;
            }
            int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            if (bits > network.length * 8) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((network[i / 8] & mask) != (ip[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }

    /**
     * Resolves policy variables in String and ARN operator values. A variable the request does not
     * have and that gives no default makes that value match nothing (null).
     */
    private static List<String> resolveVariables(String base, List<String> values, RequestContext context,
            boolean strict) {
        if (!base.startsWith("String") && !base.startsWith("Arn") || !hasVariable(values)) {
            return values;
        }
        boolean like = base.equals("StringLike") || base.equals("StringNotLike") || base.startsWith("Arn");
        List<String> resolved = new ArrayList<>();
        for (String value : values) {
            resolved.add(resolve(value, context, like, strict));
        }
        return resolved;
    }

    private static boolean hasVariable(List<String> values) {
        for (String value : values) {
            if (value.indexOf("${") >= 0) {
                return true;
            }
        }
        return false;
    }

    /** {@code strict}: a default is only one written as documented, with a blank after the comma. */
    private static String resolve(String value, RequestContext context, boolean like, boolean strict) {
        if (value.indexOf("${") < 0) {
            return value;
        }
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String inside = m.group(1).trim();
            String replacement;
            switch (inside) {
                case "*" -> replacement = like ? Wildcards.LITERAL_STAR : "*";
                case "?" -> replacement = like ? Wildcards.LITERAL_QUESTION : "?";
                case "$" -> replacement = "$";
                default -> {
                    String name = inside;
                    String fallback = null;
                    int comma = inside.indexOf(',');
                    if (comma > 0 && strict && !m.group(1).startsWith(" ", m.group(1).indexOf(',') + 1)) {
                        // not a default in the documented form: the text names no context key
                        return null;
                    }
                    if (comma > 0) {
                        name = inside.substring(0, comma).trim();
                        String rest = inside.substring(comma + 1).trim();
                        if (rest.length() >= 2 && rest.startsWith("'") && rest.endsWith("'")) {
                            fallback = rest.substring(1, rest.length() - 1);
                        }
                    }
                    List<String> values = context.get(name);
                    if (values != null && values.size() == 1) {
                        replacement = values.get(0);
                    } else if (fallback != null) {
                        replacement = fallback;
                    } else {
                        return null;
                    }
                    if (like) {
                        replacement = replacement.replace("*", Wildcards.LITERAL_STAR).replace("?", Wildcards.LITERAL_QUESTION);
                    }
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
