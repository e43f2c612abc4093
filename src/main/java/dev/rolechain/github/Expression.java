package dev.rolechain.github;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A GitHub Actions expression ({@code ${{ … }}}, or an {@code if:} written without the braces), parsed and
 * evaluated as GitHub documents it ("Expressions" in the workflow syntax reference): literals ({@code 'string'},
 * numbers, {@code true}, {@code false}, {@code null}), context references ({@code github.ref}, {@code matrix.env},
 * {@code inputs['x']}), {@code ! < <= > >= == != && ||} and parentheses, and function calls. Comparison is loose:
 * strings compare ignoring case, values of different types are compared as numbers. What this class does not
 * evaluate (functions other than the status checks, {@code < >} comparisons, object filters) is
 * {@link #UNKNOWN}, never guessed.
 */
public sealed interface Expression {

    /** A value that cannot be decided here; {@code !}, {@code &&}, {@code ||} and comparisons keep it unknown. */
    Object UNKNOWN = new Object() {
        @Override
        public String toString() {
            return "unknown";
        }
    };

    /** The status check functions; an {@code if:} that calls none of them is {@code success() && (…)}. */
    List<String> STATUS_FUNCTIONS = List.of("success", "failure", "always", "cancelled");

    /** What an evaluation knows: the value of each context reference, and the job's status. */
    interface Scope {
        /** The value of a reference (its path in lower case), {@code null} when absent, or {@link #UNKNOWN}. */
        Object value(List<String> path);

        /** The value of a status function ({@code success}, {@code failure}, {@code always}, {@code cancelled}). */
        boolean status(String function);
    }

    record Literal(Object value) implements Expression {
    }

    /** A context reference: {@code github.ref} is [github, ref]; names are lower case (GitHub ignores their case). */
    record Reference(List<String> path) implements Expression {
        public Reference {
            path = List.copyOf(path);
        }
    }

    record Call(String function, List<Expression> arguments) implements Expression {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    record Not(Expression operand) implements Expression {
    }

    /** {@code &&} or {@code ||}, which give one of their operands (not a boolean), as in GitHub. */
    record Logical(boolean and, Expression left, Expression right) implements Expression {
    }

    /** {@code == != < <= > >=}. */
    record Comparison(String operator, Expression left, Expression right) implements Expression {
    }

    /** Something parsed but not evaluated here (an object filter {@code .*}, an index that is itself computed). */
    record Opaque(String text) implements Expression {
    }

    /** Parses an expression; throws {@link IllegalArgumentException} when it is not one. */
    static Expression parse(String text) {
        return new Parser(text).parseAll();
    }

    /**
     * Parses an {@code if:} value: the whole of it in {@code ${{ }}} or written bare, as GitHub allows; null when the
     * text mixes an expression with other text (a string, always true) or is not an expression this parser reads.
     * The status check is added as GitHub does: an {@code if:} without one means {@code success() && (…)}.
     */
    static Expression condition(String text) {
        String t = text.strip();
        if (t.startsWith("${{") && t.endsWith("}}") && t.indexOf("${{", 3) < 0) {
            t = t.substring(3, t.length() - 2);
        } else if (t.contains("${{")) {
            return null;
        }
        Expression e;
        try {
            e = parse(t);
        } catch (IllegalArgumentException ex) {
            return null;
        }
        boolean[] status = {false};
        e.visit(n -> status[0] |= n instanceof Call c && STATUS_FUNCTIONS.contains(c.function()));
        return status[0] ? e : new Logical(true, new Call("success", List.of()), e);
    }

    /** This node and every node below it. */
    default void visit(Consumer<Expression> visitor) {
        visitor.accept(this);
        if (this instanceof Call c) {
            c.arguments().forEach(a -> a.visit(visitor));
        } else if (this instanceof Not n) {
            n.operand().visit(visitor);
        } else if (this instanceof Logical l) {
            l.left().visit(visitor);
            l.right().visit(visitor);
        } else if (this instanceof Comparison c) {
            c.left().visit(visitor);
            c.right().visit(visitor);
        }
    }

    /** The value in a scope: null, a Boolean, a Double, a String, or {@link #UNKNOWN}. */
    default Object evaluate(Scope scope) {
        if (this instanceof Literal l) {
            return l.value();
        } else if (this instanceof Reference r) {
            return scope.value(r.path());
        } else if (this instanceof Call c) {
            return STATUS_FUNCTIONS.contains(c.function()) && c.arguments().isEmpty() ? scope.status(c.function()) : UNKNOWN;
        } else if (this instanceof Not n) {
            Boolean b = truthy(n.operand().evaluate(scope));
            return b == null ? UNKNOWN : !b;
        } else if (this instanceof Logical l) {
            Object left = l.left().evaluate(scope);
            Boolean b = truthy(left);
            if (b == null) {
                return UNKNOWN;
            }
            return b == l.and() ? l.right().evaluate(scope) : left;
        } else if (this instanceof Comparison c) {
            Object left = c.left().evaluate(scope);
            Object right = c.right().evaluate(scope);
            if (left == UNKNOWN || right == UNKNOWN) {
                return UNKNOWN;
            }
            return switch (c.operator()) {
                case "==" -> looselyEqual(left, right);
                case "!=" -> !looselyEqual(left, right);
                default -> UNKNOWN;
            };
        }
        return UNKNOWN;
    }

    /** GitHub's truthiness: false, 0, -0, NaN, '' and null are false; null here when the value is unknown. */
    static Boolean truthy(Object value) {
        if (value == UNKNOWN) {
            return null;
        }
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Double d) {
            return d != 0 && !d.isNaN();
        }
        return !(value instanceof String s) || !s.isEmpty();
    }

    /** {@code ==}: strings ignoring case, same types directly, different types as numbers (NaN equals nothing). */
    static boolean looselyEqual(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return x.equalsIgnoreCase(y);
        }
        if (a == null && b == null) {
            return true;
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return x.equals(y);
        }
        double x = number(a);
        double y = number(b);
        return x == y;
    }

    private static double number(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof Double d) {
            return d;
        }
        String s = ((String) value).strip();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return s.startsWith("0x") || s.startsWith("0X") ? Long.parseLong(s.substring(2), 16) : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** A recursive-descent parser with GitHub's precedence: ! then relational, equality, && and ||. */
    final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Expression parseAll() {
            Expression e = or();
            skip();
            if (at < text.length()) {
                throw error("unexpected " + text.charAt(at));
            }
            return e;
        }

        private Expression or() {
            Expression e = and();
            while (eat("||")) {
                e = new Logical(false, e, and());
            }
            return e;
        }

        private Expression and() {
            Expression e = equality();
            while (eat("&&")) {
                e = new Logical(true, e, equality());
            }
            return e;
        }

        private Expression equality() {
            Expression e = relational();
            while (true) {
                if (eat("==")) {
                    e = new Comparison("==", e, relational());
                } else if (eat("!=")) {
                    e = new Comparison("!=", e, relational());
                } else {
                    return e;
                }
            }
        }

        private Expression relational() {
            Expression e = unary();
            while (true) {
                String op = eat("<=") ? "<=" : eat(">=") ? ">=" : eat("<") ? "<" : eat(">") ? ">" : null;
                if (op == null) {
                    return e;
                }
                e = new Comparison(op, e, unary());
            }
        }

        private Expression unary() {
            skip();
            if (at < text.length() && text.charAt(at) == '!' && !text.startsWith("!=", at)) {
                at++;
                return new Not(unary());
            }
            return postfix(primary());
        }

        private Expression postfix(Expression e) {
            while (true) {
                skip();
                if (eat(".")) {
                    if (eat("*")) {
                        e = new Opaque(".*");
                        continue;
                    }
                    String name = identifier();
                    e = e instanceof Reference r ? append(r, name) : new Opaque("." + name);
                } else if (eat("[")) {
                    Expression index = or();
                    expect("]");
                    e = e instanceof Reference r && index instanceof Literal l && l.value() instanceof String s
                            ? append(r, s) : new Opaque("[…]");
                } else {
                    return e;
                }
            }
        }

        private static Reference append(Reference r, String name) {
            List<String> path = new ArrayList<>(r.path());
            path.add(name.toLowerCase(Locale.ROOT));
            return new Reference(path);
        }

        private Expression primary() {
            skip();
            if (at >= text.length()) {
                throw error("an operand is missing");
            }
            char c = text.charAt(at);
            if (c == '(') {
                at++;
                Expression e = or();
                expect(")");
                return e;
            }
            if (c == '\'') {
                StringBuilder s = new StringBuilder();
                at++;
                while (true) {
                    if (at >= text.length()) {
                        throw error("a string is not closed");
                    }
                    char ch = text.charAt(at++);
                    if (ch == '\'') {
                        if (at < text.length() && text.charAt(at) == '\'') {
                            s.append('\'');
                            at++;
                        } else {
                            return new Literal(s.toString());
                        }
                    } else {
                        s.append(ch);
                    }
                }
            }
            if (Character.isDigit(c) || c == '-' || c == '+' || c == '.') {
                int start = at;
                at++;
                while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '.'
                        || (text.charAt(at) == '-' || text.charAt(at) == '+') && "eE".indexOf(text.charAt(at - 1)) >= 0)) {
                    at++;
                }
                double value = number(text.substring(start, at));
                if (Double.isNaN(value)) {
                    throw error("not a number: " + text.substring(start, at));
                }
                return new Literal(value);
            }
            String name = identifier();
            skip();
            if (eat("(")) {
                List<Expression> arguments = new ArrayList<>();
                skip();
                if (!eat(")")) {
                    do {
                        arguments.add(or());
                    } while (eat(","));
                    expect(")");
                }
                return new Call(name.toLowerCase(Locale.ROOT), arguments);
            }
            return switch (name) {
                case "true" -> new Literal(true);
                case "false" -> new Literal(false);
                case "null" -> new Literal(null);
                default -> new Reference(List.of(name.toLowerCase(Locale.ROOT)));
            };
        }

        private String identifier() {
            skip();
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_'
                    || text.charAt(at) == '-' && at > start)) {
                at++;
            }
            if (start == at || !(Character.isLetter(text.charAt(start)) || text.charAt(start) == '_')) {
                throw error("a name or value is expected");
            }
            return text.substring(start, at);
        }

        private void skip() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private boolean eat(String token) {
            skip();
            if (text.startsWith(token, at)) {
                at += token.length();
                return true;
            }
            return false;
        }

        private void expect(String token) {
            if (!eat(token)) {
                throw error(token + " is expected");
            }
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException(message + " at " + at + " in " + text);
        }
    }
}
